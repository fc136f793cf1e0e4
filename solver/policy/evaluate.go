package policy

import (
	"fmt"
	"strings"
)

// outcome is one statement's result for a request.
type outcome struct {
	s   *statement
	res result
}

// evaluation sorts statement outcomes by effect and result, keeping
// document order within each group so answers are deterministic.
type evaluation struct {
	r                    Request
	denyYes, denyMaybe   []outcome
	allowYes, allowMaybe []outcome
	allowNo, denyNo      []outcome
	statements           int
}

// Evaluate decides the request: an applicable Deny wins, then an applicable
// Allow, else an implicit deny (R9.10). Undecidable statements make the
// answer Unknown only when they could change it. A nil policy denies every
// call (R9.4).
func (p *Policy) Evaluate(r Request) Decision {
	if p == nil {
		return Decision{Effect: ImplicitDeny, Reason: fmt.Sprintf(
			"the API has no resource policy, so nothing allows %s on %s; a private API without a resource policy denies every call (R9.4)",
			r.Action, r.Resource)}
	}
	ctx := newContext(r)
	ev := &evaluation{r: r, statements: len(p.stmts)}
	for _, s := range p.stmts {
		ev.add(outcome{s: s, res: s.eval(r, ctx)})
	}
	return ev.decide()
}

func (ev *evaluation) add(o outcome) {
	switch {
	case o.s.deny && o.res.t == yes:
		ev.denyYes = append(ev.denyYes, o)
	case o.s.deny && o.res.t == maybe:
		ev.denyMaybe = append(ev.denyMaybe, o)
	case o.s.deny:
		ev.denyNo = append(ev.denyNo, o)
	case o.res.t == yes:
		ev.allowYes = append(ev.allowYes, o)
	case o.res.t == maybe:
		ev.allowMaybe = append(ev.allowMaybe, o)
	default:
		ev.allowNo = append(ev.allowNo, o)
	}
}

func (ev *evaluation) decide() Decision {
	canAllow := len(ev.allowYes)+len(ev.allowMaybe) > 0
	switch {
	case len(ev.denyYes) > 0:
		return applied(ExplicitDeny, ev.denyYes[0], "")
	case len(ev.denyMaybe) > 0 && canAllow:
		return ev.unknownDeny()
	case len(ev.allowYes) > 0:
		return applied(Allow, ev.allowYes[0], ev.denyNotes())
	case len(ev.allowMaybe) > 0:
		return ev.unknownAllow()
	}
	return ev.implicitDeny()
}

// applied is the decision of a statement that applies.
func applied(e Effect, o outcome, suffix string) Decision {
	why := o.res.why
	if why == "" {
		why = "it has no condition"
	}
	return Decision{Effect: e, Statement: o.s.name(), Reason: o.s.label() + " applies: " + why + suffix}
}

// denyNotes says why each Deny did not apply, so an Allow answer also shows
// the endpoint condition that passed.
func (ev *evaluation) denyNotes() string {
	if len(ev.denyNo) == 0 {
		return ""
	}
	return "; no Deny applies (" + notes(ev.denyNo) + ")"
}

func notes(os []outcome) string {
	parts := make([]string, len(os))
	for i, o := range os {
		parts[i] = o.s.label() + ": " + o.res.why
	}
	return strings.Join(parts, "; ")
}

func (ev *evaluation) unknownDeny() Decision {
	o := ev.denyMaybe[0]
	unsup := collect(ev.denyMaybe)
	allow := fmt.Sprintf("what %s allows", ev.allowYes0Label())
	if len(ev.allowYes) == 0 {
		unsup = appendUnique(unsup, collect(ev.allowMaybe)...)
		allow = fmt.Sprintf("a call that %s might allow", ev.allowMaybe[0].s.label())
	}
	return Decision{Effect: Unknown, Statement: o.s.name(), Unsupported: unsup, Reason: fmt.Sprintf(
		"%s cannot be evaluated offline (%s) and may deny %s",
		o.s.label(), strings.Join(collect(ev.denyMaybe), ", "), allow)}
}

func (ev *evaluation) allowYes0Label() string {
	if len(ev.allowYes) == 0 {
		return ""
	}
	return ev.allowYes[0].s.label()
}

func (ev *evaluation) unknownAllow() Decision {
	o := ev.allowMaybe[0]
	unsup := collect(ev.allowMaybe)
	return Decision{Effect: Unknown, Statement: o.s.name(), Unsupported: unsup, Reason: fmt.Sprintf(
		"no statement surely allows %s on %s; %s might, but cannot be evaluated offline (%s)",
		ev.r.Action, ev.r.Resource, o.s.label(), strings.Join(unsup, ", "))}
}

func collect(os []outcome) []string {
	var out []string
	for _, o := range os {
		out = appendUnique(out, o.res.unsupported...)
	}
	return out
}

// implicitDeny explains why no Allow applied; an undecidable Deny cannot
// change a denial, so it is only mentioned.
func (ev *evaluation) implicitDeny() Decision {
	why := "the policy has no Allow statement"
	switch {
	case ev.statements == 0:
		why = "the policy has no statement"
	case len(ev.allowNo) > 0:
		why = notes(ev.allowNo)
	}
	reason := fmt.Sprintf("no statement allows %s on %s (%s); %s", ev.r.Action, ev.r.Resource, why, implicitDeny(ev.r.Action))
	if len(ev.denyMaybe) > 0 {
		reason += fmt.Sprintf("; %s could not be evaluated offline (%s) but cannot change that",
			ev.denyMaybe[0].s.label(), strings.Join(collect(ev.denyMaybe), ", "))
	}
	return Decision{Effect: ImplicitDeny, Reason: reason}
}

// implicitDeny says what having no Allow means for the action's service.
func implicitDeny(action string) string {
	if strings.HasPrefix(action, "execute-api:") {
		return "a private API without an Allow denies every call (R9.4, R9.10)"
	}
	return "without an Allow the call is denied (R11.4, R11.6)"
}
