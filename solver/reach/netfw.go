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
	if !w.netfwInspect(fw, ep.ID) {
		return true
	}
	w.st.middleboxes = append(w.st.middleboxes, ep.ID)
	w.lostID = true
	w.pending = sub
	w.route(sub.VPC, sub.RT, sub, viaENI)
	return true
}

// tgwNetFW handles a transit gateway route whose attachment is a
// transit-gateway-attached firewall and reports whether it was one: the
// firewall inspects the packet and hands it back to the transit gateway,
// which looks it up in the route table associated with the firewall's
// attachment (R7.47).
func (w *walker) tgwNetFW(id string, t *network.TGW, attID, az string) bool {
	fw := w.n.Snap.NFWByTGWAttachment(attID)
	if fw == nil {
		return false
	}
	if w.loop("nfw/" + attID) {
		return true
	}
	w.hopIDs(attID, []string{attID, fw.ID}, HopTGWAttachment, ActForward, "Network Firewall "+firstNonEmpty(fw.Name, fw.ID)+" attached to "+id+" (R7.47)")
	if !w.netfwInspect(fw, attID) {
		return true
	}
	w.st.middleboxes = append(w.st.middleboxes, attID)
	w.lostID = true
	w.tgwForward(id, t, attID, az)
	return true
}

// netfwInspect applies the policy at one of the firewall's endpoints (or
// its transit gateway attachment), at: the response of a flow the firewall
// let through at the same place passes (stateful, R7.42); a response that
// reaches another endpoint of the firewall is a broken flow (R7.46); a
// request goes through the stateless rule groups, then (forward_to_sfe) the
// stateful engine.
func (w *walker) netfwInspect(fw *model.NetworkFirewall, at string) bool {
	if w.ret {
		if slices.Contains(w.fwd.middleboxes, at) {
			w.hop(fw.ID, HopLoadBalancer, ActAllow, "response of a flow the firewall let through (stateful, R7.42)")
			return true
		}
		if other := w.netfwOtherEndpoint(fw, at); other != "" {
			w.stop(Explanation{Code: CodeNoPath, Component: at, IDs: []string{at, other, fw.ID}, Rule: "R7.46",
				Detail: fmt.Sprintf("the response enters Network Firewall %s at %s, the request went through %s: an endpoint keeps the state of its own flows only, and the firewall does not support asymmetric routing (R7.46)",
					firstNonEmpty(fw.Name, fw.ID), at, other),
				Fix: "route both directions through the same firewall endpoint; behind a transit gateway, turn on appliance mode on the inspection VPC's attachment (R5.9)"})
			return false
		}
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
	cond := ""
	if act == "forward_to_sfe" {
		act, why, cond = w.netfwStateful(pol)
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
	if cond != "" && len(w.hops) > 0 && w.hops[len(w.hops)-1].Component == fw.ID {
		w.hops[len(w.hops)-1].Condition = cond
	}
	return true
}

// netfwOtherEndpoint is the endpoint (or attachment) of fw other than at
// that the request went through, if any.
func (w *walker) netfwOtherEndpoint(fw *model.NetworkFirewall, at string) string {
	for _, m := range w.fwd.middleboxes {
		if m == at {
			continue
		}
		if m == fw.TGWAttachment {
			return m
		}
		for _, e := range fw.Endpoints {
			if e.ID == m {
				return m
			}
		}
	}
	return ""
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
				if r.Unsupported != "" {
					w.netfwUnknown(g, &r)
					return "", ""
				}
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
func (w *walker) netfwStateful(pol *model.NFWPolicy) (act, why, cond string) {
	var passed, dropped string
	for _, id := range pol.Stateful {
		g := w.n.Snap.NFWRuleGroupByID(id)
		if g == nil {
			w.missing(id, "stateful rule group "+id+" of firewall policy "+pol.ID+" is not in the snapshot")
			return "", "", ""
		}
		if g.Domains != nil {
			if a, why, ok := w.netfwDomains(g); ok {
				if pol.StrictOrder || a == "pass" {
					return a, why, "only for Host/SNI in [" + strings.Join(g.Domains.Targets, ", ") + "]"
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
				w.netfwUnknown(g, r)
				return "", "", ""
			}
			why := fmt.Sprintf("stateful rule group %s: %s rule%s (R7.42)", firstNonEmpty(g.Name, g.ID), r.Action, sidOf(r))
			act := r.Action
			if act == "reject" {
				act = "drop"
			}
			if pol.StrictOrder {
				return act, why, ""
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
		return "pass", passed, ""
	case dropped != "":
		return "drop", dropped, ""
	}
	for _, d := range pol.StatefulDefaults {
		if pol.StrictOrder && (d == "drop_strict" || d == "drop_established" || d == "aws:drop_strict" || d == "aws:drop_established") {
			return "drop", "stateful default action " + strings.TrimPrefix(d, "aws:") + " (R7.42)", ""
		}
	}
	return "pass", "no stateful rule matches: passed (R7.42)", ""
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

// netfwUnknown stops the walk with an unknown verdict naming the rule
// netverify cannot evaluate (R7.44).
func (w *walker) netfwUnknown(g *model.NFWRuleGroup, r *model.NFWRule) {
	what := "Suricata rule sid " + firstNonEmpty(r.SID, "(none)")
	if !g.Stateful {
		what = fmt.Sprintf("stateless rule priority %d", r.Priority)
	}
	w.ex = append(w.ex, Explanation{Code: CodeNetworkFirewallUnknown, Component: firstNonEmpty(g.Name, g.ID), Direction: w.dir, Rule: "R7.44",
		IDs: []string{g.ID}, Detail: fmt.Sprintf("%s of rule group %s uses %s, which netverify does not evaluate; whether it matches %s is unknown (R7.44)",
			what, firstNonEmpty(g.Name, g.ID), r.Unsupported, w.pkt),
		Fix: "check the rule by hand, or rewrite it with the 5-tuple, flow and sid options only"})
	w.unknown, w.stopped = true, true
}

func sidOf(r *model.NFWRule) string {
	if r.SID == "" {
		return ""
	}
	return " sid " + r.SID
}
