package policy

import (
	"fmt"
	"strings"
)

// eval decides whether the statement applies to the request.
func (s *statement) eval(r Request, ctx context) result {
	parts := []result{s.evalPrincipal(r), s.evalAction(r), s.evalResource(r)}
	for _, c := range s.conds {
		parts = append(parts, c.eval(ctx))
	}
	return and(parts...)
}

func (s *statement) evalPrincipal(r Request) result {
	if s.principal.matches(r.Principal) != s.notPrinc {
		return result{t: yes}
	}
	caller := "principal " + r.Principal
	if isAnonymous(r.Principal) {
		caller = "the anonymous caller"
	}
	if s.notPrinc {
		return result{why: fmt.Sprintf("%s is excluded by NotPrincipal %s", caller, s.principal.text)}
	}
	return result{why: fmt.Sprintf("%s is not in Principal %s", caller, s.principal.text)}
}

func (s *statement) evalAction(r Request) result {
	matched := false
	for _, a := range s.actions {
		matched = matched || globFold(a, r.Action)
	}
	if matched != s.notAction {
		return result{t: yes}
	}
	if s.notAction {
		return result{why: fmt.Sprintf("action %s is excluded by NotAction %s", r.Action, quoteList(s.actions))}
	}
	return result{why: fmt.Sprintf("action %s is not in Action %s", r.Action, quoteList(s.actions))}
}

func (s *statement) evalResource(r Request) result {
	m := s.resourceMatch(r.Resource)
	if s.notRes {
		m = invert(m)
	}
	switch {
	case m.t == yes:
		return result{t: yes}
	case m.t == maybe:
		return m
	case s.notRes:
		return result{why: fmt.Sprintf("resource %s is excluded by NotResource %s", r.Resource, quoteList(s.resources))}
	}
	return result{why: fmt.Sprintf("resource %s is not in Resource %s", r.Resource, quoteList(s.resources))}
}

// resourceMatch reports whether any pattern matches: yes if one surely
// does, maybe if one cannot be decided, no otherwise.
func (s *statement) resourceMatch(resource string) result {
	out := result{t: no}
	for _, p := range s.resources {
		if s.vars && strings.Contains(p, "${") {
			out = result{t: maybe, unsupported: appendUnique(out.unsupported, "policy variable in Resource "+p)}
			continue
		}
		full, ok := expandResource(p, resource)
		if !ok {
			out = result{t: maybe, unsupported: appendUnique(out.unsupported, fmt.Sprintf("resource shorthand %s with a request resource (%s) that is not an execute-api ARN", p, resource))}
			continue
		}
		if globMatch(full, resource) {
			return result{t: yes}
		}
	}
	return out
}

func invert(r result) result {
	switch r.t {
	case yes:
		r.t = no
	case no:
		r.t = yes
	}
	return r
}

// eval decides the condition for the request's context.
func (c *condition) eval(ctx context) result {
	unsupported := c.unsupported
	if !ctx.known(c.key) {
		unsupported = append(unsupported[:len(unsupported):len(unsupported)], "condition key "+c.key)
	}
	if len(unsupported) > 0 {
		return result{t: maybe, unsupported: unsupported}
	}
	v, present := ctx.get(c.key)
	ok := c.holds(v, present)
	t := no
	if ok {
		t = yes
	}
	return result{t: t, why: c.explain(ok, v, present)}
}

// holds applies the operator. Missing keys: IfExists makes the condition
// true; ForAllValues over an empty set is true and ForAnyValue false;
// otherwise negated operators are true and positive ones false (R9.10).
func (c *condition) holds(v string, present bool) bool {
	if c.op.null {
		return c.nullHolds(present)
	}
	if !present {
		switch {
		case c.ifExists, c.qual == qualAll:
			return true
		case c.qual == qualAny:
			return false
		}
		return c.op.negated
	}
	return c.op.match(c, v) != c.op.negated
}

// nullHolds: "true" asks for the key to be absent, "false" for it to be present.
func (c *condition) nullHolds(present bool) bool {
	for _, want := range c.values {
		if strings.EqualFold(want, "true") != present {
			return true
		}
	}
	return false
}

// explain is the condition in words, e.g.
// `StringNotEquals aws:SourceVpce ["vpce-1"] is true for vpce-2`.
func (c *condition) explain(ok bool, v string, present bool) string {
	head := fmt.Sprintf("%s %s %s is %t", c.text, c.key, quoteList(c.values), ok)
	if present {
		return head + " for " + v
	}
	return head + " because the request has no " + c.key + missingHint(c.key)
}

// missingHint says why an endpoint key is absent (R7.17).
func missingHint(key string) string {
	switch strings.ToLower(key) {
	case "aws:sourcevpce", "aws:sourcevpc":
		return " (it did not come through a VPC endpoint, R7.17)"
	case "aws:vpcsourceip":
		return " (it did not come through a VPC endpoint; API Gateway sets aws:VpcSourceIp only for private APIs, R7.17)"
	case "aws:sourceip":
		return " (aws:SourceIp is not meaningful for requests through a VPC endpoint; private APIs use aws:VpcSourceIp, R7.17)"
	}
	return ""
}
