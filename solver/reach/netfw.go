package reach

import (
	"fmt"
	"slices"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// AWS Network Firewall in the path (R7.40-R7.45): a route to a firewall
// endpoint applies the firewall's policy, then the endpoint's subnet's
// route table carries the packet on.

// CodeNetworkFirewall: the firewall's policy drops the packet (R7.41).
const CodeNetworkFirewall Code = "NETWORK_FIREWALL_POLICY"

// CodeNetworkFirewallUnknown: a rule netverify cannot evaluate decides (R7.44).
const CodeNetworkFirewallUnknown Code = "NETWORK_FIREWALL_RULE_UNKNOWN"

// toNetFW handles a route whose target is a Network Firewall endpoint and
// reports whether it was one.
func (w *walker) toNetFW(v *network.VPC, r *network.Route, from *network.Subnet) bool {
	fw, ep := w.n.Snap.NFWEndpointByID(r.Target.ID)
	if fw == nil {
		return false
	}
	sub := w.n.Subnets[ep.Subnet]
	if sub == nil || sub.VPC == nil {
		w.leavePending(nil)
		w.missing(ep.ID, "the subnet "+ep.Subnet+" of firewall endpoint "+ep.ID+" is not in the snapshot")
		return true
	}
	w.leavePending(sub)
	if from != sub {
		w.nacl(sub, false)
		if w.stopped {
			return true
		}
	}
	if w.loop(ep.ID) {
		return true
	}
	w.hopIDs(ep.ID, []string{ep.ID, fw.ID}, HopVPCEndpoint, ActForward, "Network Firewall "+firstNonEmpty(fw.Name, fw.ID)+" endpoint (R7.40)")
	if !w.netfwInspect(fw) {
		return true
	}
	w.st.middleboxes = append(w.st.middleboxes, fw.ID)
	w.lostID = true
	w.pending = sub
	w.route(sub.VPC, sub.RT, sub, viaENI)
	return true
}

// netfwInspect applies the policy: a response of a flow the firewall let
// through passes (stateful, R7.42); a request goes through the stateless
// rule groups, then (forward_to_sfe) the stateful engine.
func (w *walker) netfwInspect(fw *model.NetworkFirewall) bool {
	if w.ret && slices.Contains(w.fwd.middleboxes, fw.ID) {
		w.hop(fw.ID, HopLoadBalancer, ActAllow, "response of a flow the firewall let through (stateful, R7.42)")
		return true
	}
	pol := w.n.Snap.NFWPolicyByID(fw.Policy)
	if pol == nil {
		w.missing(fw.ID, "the firewall policy "+fw.Policy+" of Network Firewall "+fw.ID+" is not in the snapshot")
		return false
	}
	act, why := w.netfwStateless(pol)
	if w.stopped {
		return false
	}
	if act == "forward_to_sfe" {
		act, why = w.netfwStateful(pol)
		if w.stopped {
			return false
		}
	}
	if act != "pass" {
		w.stop(Explanation{Code: CodeNetworkFirewall, Component: fw.ID, Field: "protocol / address / port", Rule: "R7.41",
			Detail: w.say(func() string {
				return fmt.Sprintf("Network Firewall %s drops %s: %s", firstNonEmpty(fw.Name, fw.ID), w.pkt, why)
			}),
			Fix: "change the rule (or the default action) of firewall policy " + firstNonEmpty(pol.Name, pol.ID)})
		return false
	}
	w.hop(fw.ID, HopLoadBalancer, ActAllow, why)
	return true
}

// netfwStateless returns the action of the first stateless rule (by
// priority) that matches, else the stateless default action (R7.41).
func (w *walker) netfwStateless(pol *model.NFWPolicy) (string, string) {
	for _, id := range pol.Stateless {
		g := w.n.Snap.NFWRuleGroupByID(id)
		if g == nil {
			w.missing(id, "stateless rule group "+id+" of firewall policy "+pol.ID+" is not in the snapshot")
			return "", ""
		}
		rules := slices.Clone(g.Rules)
		slices.SortStableFunc(rules, func(a, b model.NFWRule) int { return a.Priority - b.Priority })
		for _, r := range rules {
			if w.netfwMatches(&r, false) {
				return r.Action, fmt.Sprintf("stateless rule group %s, priority %d: %s (R7.41)", firstNonEmpty(g.Name, g.ID), r.Priority, r.Action)
			}
		}
	}
	return pol.StatelessDefault, "stateless default action " + pol.StatelessDefault + " (R7.41)"
}

func (w *walker) netfwMatches(r *model.NFWRule, stateful bool) bool {
	p := w.pkt
	if r.Match.Matches(p.Proto, p.Src, p.Dst, p.SrcPort, p.DstPort) {
		return true
	}
	return stateful && r.Bidirectional && r.Match.Matches(p.Proto, p.Dst, p.Src, p.DstPort, p.SrcPort)
}

// netfwStateful evaluates the stateful rule groups (R7.42-R7.45): strict
// order takes the first rule that matches (alert goes on), then the default
// action; default order lets a pass win over drop and reject.
func (w *walker) netfwStateful(pol *model.NFWPolicy) (string, string) {
	var passed, dropped string
	for _, id := range pol.Stateful {
		g := w.n.Snap.NFWRuleGroupByID(id)
		if g == nil {
			w.missing(id, "stateful rule group "+id+" of firewall policy "+pol.ID+" is not in the snapshot")
			return "", ""
		}
		if g.Domains != nil {
			if a, why, ok := w.netfwDomains(g); ok {
				if pol.StrictOrder || a == "pass" {
					return a, why
				}
				dropped = firstNonEmpty(dropped, why)
			}
			continue
		}
		for i := range g.Rules {
			r := &g.Rules[i]
			if r.Action == "alert" || !w.netfwMatches(r, true) {
				continue
			}
			if r.Unsupported != "" {
				w.ex = append(w.ex, Explanation{Code: CodeNetworkFirewallUnknown, Component: firstNonEmpty(g.Name, g.ID), Direction: w.dir, Rule: "R7.44",
					IDs: []string{g.ID}, Detail: fmt.Sprintf("Suricata rule sid %s of rule group %s uses %s, which netverify does not evaluate; whether it matches %s is unknown (R7.44)",
						firstNonEmpty(r.SID, "(none)"), firstNonEmpty(g.Name, g.ID), r.Unsupported, w.pkt),
					Fix: "check the rule by hand, or rewrite it with the 5-tuple, flow and sid options only"})
				w.unknown, w.stopped = true, true
				return "", ""
			}
			why := fmt.Sprintf("stateful rule group %s: %s rule%s (R7.42)", firstNonEmpty(g.Name, g.ID), r.Action, sidOf(r))
			act := r.Action
			if act == "reject" {
				act = "drop"
			}
			if pol.StrictOrder {
				return act, why
			}
			if act == "pass" {
				passed = firstNonEmpty(passed, why)
			} else {
				dropped = firstNonEmpty(dropped, why)
			}
		}
	}
	switch {
	case passed != "":
		return "pass", passed
	case dropped != "":
		return "drop", dropped
	}
	for _, d := range pol.StatefulDefaults {
		if pol.StrictOrder && (d == "drop_strict" || d == "drop_established" || d == "aws:drop_strict" || d == "aws:drop_established") {
			return "drop", "stateful default action " + strings.TrimPrefix(d, "aws:") + " (R7.42)"
		}
	}
	return "pass", "no stateful rule matches: passed (R7.42)"
}

// netfwDomains applies a domain list to HTTP (80) and TLS (443) traffic:
// the verdict depends on the Host header or SNI, which a packet question
// does not carry, so the answer is stated as a condition (R7.45).
func (w *walker) netfwDomains(g *model.NFWRuleGroup) (string, string, bool) {
	p := w.pkt
	if p.Proto != model.ProtoTCP || p.DstPort != 80 && p.DstPort != 443 {
		return "", "", false // a domain list filters HTTP and TLS only
	}
	doms := strings.Join(g.Domains.Targets, ", ")
	if g.Domains.Allow {
		w.warnf("Network Firewall domain allow-list %s: reachable only for Host/SNI in [%s] (R7.45)", firstNonEmpty(g.Name, g.ID), doms)
		return "pass", fmt.Sprintf("domain allow-list %s: only for Host/SNI in [%s] (R7.45)", firstNonEmpty(g.Name, g.ID), doms), true
	}
	w.warnf("Network Firewall domain deny-list %s: not reachable for Host/SNI in [%s] (R7.45)", firstNonEmpty(g.Name, g.ID), doms)
	return "", "", false
}

func sidOf(r *model.NFWRule) string {
	if r.SID == "" {
		return ""
	}
	return " sid " + r.SID
}
