package dns

import (
	"fmt"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// fwGroup is a DNS Firewall rule group as one VPC sees it: at the
// priority of its association, directly or through a Route 53 Profile.
type fwGroup struct {
	group    *model.FirewallRuleGroup
	priority int
	via      string // "association rslvr-frgassoc-…" or "Route 53 Profile rp-…"
}

// vpcFirewall is the DNS Firewall of one VPC (R10.41, R10.42).
type vpcFirewall struct {
	groups   []fwGroup // by priority
	failOpen bool
}

// indexFirewall gives every VPC the rule groups associated with it, in
// priority order, and its failure mode (R10.41, R10.42).
func (r *Resolver) indexFirewall(s *model.Snapshot) {
	for _, a := range s.FirewallAssociations {
		if st := strings.ToUpper(a.Status); st != "" && st != "COMPLETE" && st != "UPDATING" {
			continue
		}
		g, ok := model.Lookup[*model.FirewallRuleGroup](r.ix, a.RuleGroup)
		v, vok := r.vpcs[r.vpcID(a.VPC)]
		if !ok || !vok {
			continue
		}
		v.addFirewall(fwGroup{group: g, priority: a.Priority, via: "association " + a.ID})
	}
	for _, c := range s.FirewallConfigs {
		if v, ok := r.vpcs[r.vpcID(c.VPC)]; ok {
			v.fw.failOpen = c.FailOpen
		}
	}
}

func (v *vpcView) addFirewall(g fwGroup) {
	v.fw.groups = append(v.fw.groups, g)
	sort.SliceStable(v.fw.groups, func(i, j int) bool { return v.fw.groups[i].priority < v.fw.groups[j].priority })
}

// fwMatch is the rule that decided a query.
type fwMatch struct {
	g    fwGroup
	rule model.FirewallRule
}

// decide returns the first rule, by group priority then rule priority,
// whose domain list holds name: first match wins, whatever its action
// (R10.41). unknown lists the lists whose entries the input lacks and that
// were skipped on the way.
func (r *Resolver) decide(fw *vpcFirewall, name string) (m fwMatch, ok bool, unknown []string) {
	for _, g := range fw.groups {
		rules := append([]model.FirewallRule(nil), g.group.Rules...)
		sort.SliceStable(rules, func(i, j int) bool { return rules[i].Priority < rules[j].Priority })
		for _, rule := range rules {
			l, ok := model.Lookup[*model.FirewallDomainList](r.ix, rule.DomainList)
			if !ok || l.Managed {
				unknown = append(unknown, rule.DomainList)
				continue
			}
			if l.Matches(name) {
				return fwMatch{g: g, rule: rule}, true, unknown
			}
		}
	}
	return fwMatch{}, false, unknown
}

// firewall applies the VPC's DNS Firewall to a query before the Resolver's
// rules (R10.41): ALLOW and ALERT let it through (ALERT logs it), BLOCK
// answers NODATA, NXDOMAIN or an OVERRIDE CNAME. done is true when the
// firewall answered.
func (c vpcCtx) firewall(q *query, name string, qtype uint16) (res result, done bool) {
	fw := &c.v.fw
	if len(fw.groups) == 0 {
		return result{}, false
	}
	actor := "DNS Firewall of " + c.v.vpc.Label()
	m, ok, unknown := q.r.decide(fw, name)
	if len(unknown) > 0 {
		q.warn(actor, "DNS Firewall domain list%s %s %s not in the input (or AWS-managed): a rule on %s might decide %s differently",
			plural(len(unknown)), strings.Join(unknown, ", "), isAre(len(unknown)), them(len(unknown)), name)
	}
	if !ok {
		q.step(actor, "allows", "R10.41", "no rule of %d rule group%s matches %s: the query goes on (%s)",
			len(fw.groups), plural(len(fw.groups)), name, failMode(fw))
		return result{}, false
	}
	where := fmt.Sprintf("rule %s(priority %d) of rule group %s (priority %d, %s)", ruleLabel(m.rule), m.rule.Priority,
		m.g.group.Label(), m.g.priority, m.g.via)
	switch m.rule.Action {
	case model.FirewallAllow:
		q.step(actor, "allows", "R10.41", "%s: ALLOW %s", where, name)
		return result{}, false
	case model.FirewallAlert:
		q.step(actor, "alerts", "R10.41", "%s: ALERT, %s goes through and is logged", where, name)
		return result{}, false
	}
	switch m.rule.BlockResponse {
	case model.BlockNXDOMAIN:
		q.step(actor, "blocks", "R10.41", "%s: BLOCK %s, answered NXDOMAIN", where, name)
		return nxdomain(), true
	case model.BlockOverride:
		ttl := m.rule.OverrideTTL
		if ttl <= 0 {
			ttl = defaultTTL
		}
		q.step(actor, "blocks", "R10.41", "%s: BLOCK %s, answered with the OVERRIDE CNAME %s", where, name, m.rule.OverrideDomain)
		return answer(Record{Name: name, Type: "CNAME", Value: m.rule.OverrideDomain, TTL: uint32(ttl)}), true
	}
	q.step(actor, "blocks", "R10.41", "%s: BLOCK %s, answered NODATA", where, name)
	return nodata(), true
}

// ruleLabel is the rule's name and a space, or "" for an unnamed rule.
func ruleLabel(r model.FirewallRule) string {
	if r.Name != "" {
		return r.Name + " "
	}
	return ""
}

// failMode says what the Resolver does when DNS Firewall cannot answer (R10.42).
func failMode(fw *vpcFirewall) string {
	if fw.failOpen {
		return "fail-open: if DNS Firewall were impaired, queries would go through unfiltered (R10.42)"
	}
	return "fail-closed: if DNS Firewall were impaired, queries would get SERVFAIL (R10.42)"
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}
