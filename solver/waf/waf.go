// Package waf evaluates AWS WAF web ACLs for one client offline (R9.21):
// IP set and geo match statements, AND/OR/NOT of them, rules in priority
// order with their actions, and the default action. What the input cannot
// decide (the country of a public address, the address of a client that
// stands for "the internet") becomes a stated condition; any other
// statement type makes the result unknown, naming the web ACL and rule.
package waf

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// Client is what WAF sees of a request's origin.
type Client struct {
	Addr netip.Addr
	// StandIn: Addr only stands for some address the input does not know
	// (the word "internet", a function outside a VPC, a site's own internet
	// connection); IP set matches then depend on the real address.
	StandIn bool
}

// Verdict is the web ACL's decision.
type Verdict int

const (
	Allow   Verdict = iota // the request passes the web ACL
	Block                  // WAF answers 403 Forbidden
	Depends                // it passes only if Condition holds
	Unknown                // a statement netverify does not evaluate decides
)

// Result is the outcome of a web ACL for one request.
type Result struct {
	Verdict Verdict
	// Rule is the rule that decided ("" = the default action), for Allow,
	// Block and Unknown.
	Rule      string
	Priority  int
	Condition string // Depends: what must hold for the request to pass
	Why       string // Unknown: the statement that cannot be evaluated
	Steps     []string
}

// Evaluate runs acl for the client. Rules run in priority order; COUNT
// rules never end the evaluation; the first matching ALLOW or BLOCK rule
// does; else the default action applies.
func Evaluate(s *model.Snapshot, acl *model.WebACL, c Client) Result {
	rules := append([]model.WAFRule(nil), acl.Rules...)
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].Priority < rules[j].Priority })
	ev := &evaluator{snap: s, c: c}
	e, stop := ev.rules(rules, strings.EqualFold(acl.DefaultAction, "ALLOW"))
	r := Result{Steps: ev.steps}
	switch {
	case stop != nil:
		r.Verdict, r.Rule, r.Priority, r.Why = Unknown, stop.rule.Name, stop.rule.Priority, stop.why
	case e.op == opTrue:
		r.Verdict = Allow
	case e.op == opFalse:
		r.Verdict = Block
	default:
		r.Verdict, r.Condition = Depends, e.String()
	}
	if ev.decided != nil && (r.Verdict == Allow || r.Verdict == Block) {
		r.Rule, r.Priority = ev.decided.Name, ev.decided.Priority
	}
	return r
}

type stop struct {
	rule model.WAFRule
	why  string
}

type evaluator struct {
	snap    *model.Snapshot
	c       Client
	steps   []string
	decided *model.WAFRule // the rule that ended a path with no condition before it
	open    bool           // a condition was met on the way
}

// rules is the expression "the request is allowed" from rule i on.
func (ev *evaluator) rules(rs []model.WAFRule, defaultAllow bool) (*expr, *stop) {
	if len(rs) == 0 {
		if !ev.open {
			ev.steps = append(ev.steps, "no rule ends the evaluation: the default action "+defaultWord(defaultAllow)+" applies")
		}
		return constant(defaultAllow), nil
	}
	r := rs[0]
	action := strings.ToUpper(r.Action)
	if action == "" || action == "COUNT" || strings.EqualFold(r.Override, "COUNT") {
		// COUNT rules (and rule groups whose actions are overridden to
		// COUNT) only count: the evaluation goes on whatever they match.
		if !ev.open {
			ev.steps = append(ev.steps, fmt.Sprintf("rule %s (priority %d) counts only", r.Name, r.Priority))
		}
		if action == "" && !strings.EqualFold(r.Override, "COUNT") {
			return nil, &stop{rule: r, why: "rule " + r.Name + " has no action netverify can read"}
		}
		return ev.rules(rs[1:], defaultAllow)
	}
	m, why := ev.statement(r.Statement)
	if why != "" {
		return nil, &stop{rule: r, why: why}
	}
	terminal := constant(action == "ALLOW")
	if action == "CAPTCHA" || action == "CHALLENGE" {
		terminal = atom(fmt.Sprintf("the client answers the %s of rule %s", action, r.Name), fmt.Sprintf("the client does not answer the %s of rule %s", action, r.Name))
	}
	switch m.op {
	case opTrue:
		if !ev.open {
			ev.steps = append(ev.steps, fmt.Sprintf("rule %s (priority %d, %s) matches", r.Name, r.Priority, action))
			ev.decided = &r
		}
		return terminal, nil
	case opFalse:
		if !ev.open {
			ev.steps = append(ev.steps, fmt.Sprintf("rule %s (priority %d, %s) does not match", r.Name, r.Priority, action))
		}
		return ev.rules(rs[1:], defaultAllow)
	}
	if !ev.open {
		ev.steps = append(ev.steps, fmt.Sprintf("rule %s (priority %d, %s) matches only if %s", r.Name, r.Priority, action, m))
	}
	ev.open = true
	rest, st := ev.rules(rs[1:], defaultAllow)
	if st != nil {
		return nil, st
	}
	// allowed = (m and terminal) or (not m and rest), simplified when the
	// action is a plain ALLOW (m or rest) or BLOCK (not m and rest).
	switch terminal.op {
	case opTrue:
		return or(m, rest), nil
	case opFalse:
		return and(not(m), rest), nil
	}
	return or(and(m, terminal), and(not(m), rest)), nil
}

func defaultWord(allow bool) string {
	if allow {
		return "ALLOW"
	}
	return "BLOCK"
}

// statement is the expression "the statement matches"; why names a
// statement that cannot be evaluated.
func (ev *evaluator) statement(st model.WAFStatement) (*expr, string) {
	switch {
	case st.Other != "":
		return nil, "a " + st.Other + " decides, which netverify does not evaluate"
	case st.IPSet != "":
		return ev.ipSet(st)
	case st.Geo || len(st.CountryCodes) > 0:
		return ev.geo(st)
	case st.Not != nil:
		e, why := ev.statement(*st.Not)
		if why != "" {
			return nil, why
		}
		return not(e), ""
	case len(st.And) > 0 || len(st.Or) > 0:
		isAnd := len(st.And) > 0
		kids := st.And
		if !isAnd {
			kids = st.Or
		}
		acc := constant(isAnd)
		var why string
		for _, k := range kids {
			e, w := ev.statement(k)
			if w != "" {
				why = w
				continue
			}
			if isAnd {
				acc = and(acc, e)
			} else {
				acc = or(acc, e)
			}
		}
		// A statement that cannot be evaluated does not matter when the
		// others already decide (false in an AND, true in an OR).
		if why != "" && !(isAnd && acc.op == opFalse) && !(!isAnd && acc.op == opTrue) {
			return nil, why
		}
		return acc, ""
	}
	return nil, "a statement netverify cannot read"
}

func (ev *evaluator) ipSet(st model.WAFStatement) (*expr, string) {
	set := ev.snap.IPSetByRef(st.IPSet)
	if set == nil {
		return nil, "IP set " + st.IPSet + " is not in the input"
	}
	if st.ForwardedIP != "" {
		return nil, fmt.Sprintf("IP set %s is matched against the address in the %s header, which the input cannot show", set.Label(), st.ForwardedIP)
	}
	if ev.c.StandIn || !ev.c.Addr.IsValid() {
		return atom("the client's address is in IP set "+set.Label(), "the client's address is not in IP set "+set.Label()), ""
	}
	for _, p := range set.Addresses {
		if p.Contains(ev.c.Addr) {
			return constant(true), ""
		}
	}
	return constant(false), ""
}

// geo: WAF finds the country from the request's source address. A private
// address belongs to no country, so no geo match statement matches it; a
// public one's country is not in the input, so the match is a condition.
func (ev *evaluator) geo(st model.WAFStatement) (*expr, string) {
	if st.ForwardedIP != "" {
		return nil, fmt.Sprintf("a geo match statement reads the address in the %s header, which the input cannot show", st.ForwardedIP)
	}
	a := ev.c.Addr
	if !ev.c.StandIn && a.IsValid() && (a.IsPrivate() || !a.IsGlobalUnicast() || cgnat.Contains(a)) {
		return constant(false), ""
	}
	list := strings.Join(st.CountryCodes, ", ")
	return atom("the client's country is one of "+list, "the client's country is not one of "+list), ""
}

var cgnat = netip.MustParsePrefix("100.64.0.0/10")
