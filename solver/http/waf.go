package http

import (
	"fmt"

	"github.com/netverify/netverify/solver/reach"
	"github.com/netverify/netverify/solver/waf"
)

// webACL applies the AWS WAF web ACLs associated with the stage before any
// other access control of API Gateway (R9.21): a BLOCK answers 403, a rule
// the input cannot decide becomes a condition, a statement netverify does
// not evaluate makes the way unknown.
func (c *Caller) webACL(m *Method, api *API, o Options, ans *reach.Answer) bool {
	if api.Rest == nil {
		return true
	}
	for _, acl := range c.snap.WebACLsFor(api.ID, o.Stage, "") {
		cl := waf.Client{Addr: seenSource(ans), StandIn: m.standIn}
		r := waf.Evaluate(c.snap, acl, cl)
		what := "WAF web ACL " + acl.Label()
		switch r.Verdict {
		case waf.Allow:
			m.step("R9.21", "%s lets the request through: %s", what, decidedBy(r))
		case waf.Depends:
			m.step("R9.21", "%s lets the request through only if %s", what, r.Condition)
			m.Conditions = append(m.Conditions, fmt.Sprintf("%s (%s, R9.21)", r.Condition, what))
		case waf.Block:
			m.fail(Reason{Code: "WAF_BLOCKED", Component: what, Rule: "R9.21",
				Detail: fmt.Sprintf("blocks the request from %s: %s; WAF answers 403 Forbidden before API Gateway's resource policy or authorizers run", clientWord(cl), decidedBy(r)),
				Fix:    wafFix(acl.Label(), r)}, 403)
			return false
		case waf.Unknown:
			m.fail(Reason{Code: "WAF_UNSUPPORTED", Component: what, Rule: "R9.21",
				Detail: fmt.Sprintf("whether it lets the request through is unknown: rule %s (priority %d): %s", r.Rule, r.Priority, r.Why)}, 0)
			m.Verdict = reach.Unknown
			return false
		}
	}
	return true
}

func decidedBy(r waf.Result) string {
	if r.Rule == "" {
		if r.Verdict == waf.Block {
			return "no rule matches and the default action is BLOCK"
		}
		return "no rule blocks it and the default action is ALLOW"
	}
	return fmt.Sprintf("rule %s (priority %d) matches", r.Rule, r.Priority)
}

func clientWord(cl waf.Client) string {
	if cl.StandIn {
		return "any client address"
	}
	return cl.Addr.String()
}

func wafFix(acl string, r waf.Result) string {
	if r.Rule == "" {
		return fmt.Sprintf("add a rule that allows this client (an IP set with its address) to web ACL %s, or make its default action ALLOW", acl)
	}
	return fmt.Sprintf("change rule %s of web ACL %s (its statement or action), or allow this client in a rule of lower priority number", r.Rule, acl)
}
