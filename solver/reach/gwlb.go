package reach

import (
	"fmt"
	"slices"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// gwlbUse records the Gateway Load Balancer endpoint a request went
// through, for the response (R1.22, R5.9).
type gwlbUse struct {
	ep      *model.VPCEndpoint
	service string
	lb      string
}

func (s *state) gwlbUse(service string) *gwlbUse {
	for i := range s.gwlbs {
		if s.gwlbs[i].service == service {
			return &s.gwlbs[i]
		}
	}
	return nil
}

// isGWLBEndpoint reports whether route target t is a Gateway Load Balancer
// endpoint: importers that know the endpoint's type say so, others write
// every vpce- target as a gateway endpoint.
func (w *walker) isGWLBEndpoint(t model.Target) bool {
	switch t.Kind {
	case model.TargetGWLBEndpoint:
		return true
	case model.TargetGatewayEndpoint:
		ep := w.n.Endpoints[t.ID]
		return ep != nil && ep.Type == model.EndpointGWLB
	}
	return false
}

// toGWLBEndpoint sends the packet into a Gateway Load Balancer endpoint: the
// GWLB behind its service wraps it in GENEVE to one of its target
// appliances, which hand it back unchanged (its addresses kept); the endpoint
// then routes it with its own subnet's route table (R1.21, R1.22). What the
// appliances let through is their policy: unknown without a declaration.
func (w *walker) toGWLBEndpoint(v *network.VPC, r *network.Route, from *network.Subnet) {
	ep := w.n.Endpoints[r.Target.ID]
	if ep == nil {
		w.leavePending(nil)
		w.missing(r.Target.ID, "Gateway Load Balancer endpoint "+r.Target.ID+" is not in the snapshot")
		return
	}
	if !ep.Available() {
		w.leavePending(nil)
		w.deadTarget(r, "endpoint "+ep.ID+" is "+ep.State)
		return
	}
	e := w.gwlbEndpointENI(ep)
	if e == nil || e.Subnet == nil {
		w.leavePending(nil)
		w.missing(ep.ID, "the network interface of Gateway Load Balancer endpoint "+ep.ID+" (and so its subnet) is not in the snapshot")
		return
	}
	w.leavePending(e.Subnet)
	if from != e.Subnet {
		w.nacl(e.Subnet, false)
	}
	if w.loop(ep.ID) {
		return
	}
	w.hopIDs(ep.ID, []string{ep.ID, e.M.ID}, HopVPCEndpoint, ActForward, w.say(func() string {
		return fmt.Sprintf("Gateway Load Balancer endpoint to %s (GENEVE, addresses kept, R1.22)", ep.ServiceName)
	}))
	if !w.gwlbInspect(ep) {
		return
	}
	w.hopIDs(ep.ID, []string{ep.ID, e.M.ID}, HopVPCEndpoint, ActForward, w.say(func() string {
		return fmt.Sprintf("back from the Gateway Load Balancer; routed by %s's route table (R1.22)", e.Subnet.M.ID)
	}))
	w.st.middleboxes = append(w.st.middleboxes, ep.ID)
	w.lostID = true
	w.pending = e.Subnet
	w.route(e.VPC, e.Subnet.RT, e.Subnet, viaENI)
}

// gwlbEndpointENI is the endpoint's interface (one per endpoint, R1.21).
func (w *walker) gwlbEndpointENI(ep *model.VPCEndpoint) *network.ENI {
	for _, id := range ep.ENIs {
		if e := w.n.ENIs[id]; e != nil {
			return e
		}
	}
	if v := w.n.VPCs[ep.VPC]; v != nil {
		for _, s := range v.Subnets {
			if !slices.Contains(ep.Subnets, s.M.ID) {
				continue
			}
			for _, e := range w.n.ENIs {
				if e.Subnet == s && e.M.OwnerID == ep.ID {
					return e
				}
			}
		}
	}
	return nil
}

// gwlbInspect decides what the appliances behind ep do with the packet: a
// response follows its request (the same endpoint, R5.9); a request needs
// a declaration of the GWLB, its endpoint or its target appliances (R1.20).
func (w *walker) gwlbInspect(ep *model.VPCEndpoint) bool {
	if w.ret {
		if u := w.fwd.gwlbUse(ep.ServiceName); u != nil {
			if u.ep != ep {
				w.stop(Explanation{Code: CodeNoPath, Component: ep.ID, IDs: []string{ep.ID, u.ep.ID},
					Detail: fmt.Sprintf("the response enters Gateway Load Balancer endpoint %s, the request went through %s: another zone's appliance sees only half of the flow and drops it (R1.22, R5.9)", ep.ID, u.ep.ID),
					Fix:    "route both directions through the same endpoint; behind a transit gateway, turn on appliance mode on the inspection VPC's attachment (R5.9)"})
				return false
			}
			w.hop(u.lb, HopLoadBalancer, ActForward, "response of an inspected flow: the same appliance (stateful, R1.22)")
			w.st.gwlbs = append(w.st.gwlbs, *u)
			return true
		}
	}
	lb, tg := w.serviceGWLB(ep.ServiceName)
	ids := []string{ep.ID, ep.ServiceName}
	lbName, tgName := "the Gateway Load Balancer of "+ep.ServiceName, "its target group (not in the input)"
	var targets []string
	if lb != nil {
		ids = append(ids, lb.ID, lb.ARN, lb.LBName)
		lbName = "Gateway Load Balancer " + firstNonEmpty(lb.LBName, lb.ID)
	}
	if tg != nil {
		ids = append(ids, tg.ID, tg.ARN, tg.TGName)
		tgName = "target group " + firstNonEmpty(tg.TGName, tg.ID)
		for _, t := range tg.Targets {
			if t.Health != "draining" && t.Health != "unused" {
				targets = append(targets, t.ID)
			}
		}
	}
	d := w.declaration(ids...)
	if d == nil {
		d = w.declaration(targets...)
	}
	if d == nil {
		what := lbName + " and " + tgName
		w.ex = append(w.ex, Explanation{Code: CodeAppliancePolicy, Component: firstNonEmpty(lbID(lb), ep.ID), IDs: ids[:1], Direction: w.dir,
			Detail: w.say(func() string {
				return fmt.Sprintf("the policy of the appliances behind %s decides what of %s they let through (R1.20, R1.22)", what, w.pkt)
			}),
			Fix: fmt.Sprintf("declare it in a scenario overlay: appliances: [{loadBalancer: %s, forward: true}] (or one entry per target instance)", firstNonEmpty(lbDeclName(lb), ep.ID))})
		w.unknown, w.stopped = true, true
		return false
	}
	if !d.Forward {
		w.stop(Explanation{Code: CodeApplianceDrops, Component: firstNonEmpty(lbID(lb), ep.ID),
			Detail: fmt.Sprintf("the appliances behind %s are declared not to forward (%s); they drop %s (R1.20)", lbName, d.Source, w.pkt),
			Fix:    "change the appliances' policy (and the declaration), or route around the endpoint"})
		return false
	}
	name := firstNonEmpty(lbID(lb), ep.ServiceName)
	w.hop(name, HopLoadBalancer, ActForward, w.say(func() string {
		t := ""
		if len(targets) > 0 {
			t = " to appliance " + targets[0]
		}
		return fmt.Sprintf("GENEVE (UDP 6081)%s of %s; declared to forward (%s), addresses kept (R1.22)", t, tgName, d.Source)
	}))
	w.st.gwlbs = append(w.st.gwlbs, gwlbUse{ep: ep, service: ep.ServiceName, lb: name})
	return true
}

// serviceGWLB finds the gateway load balancer behind an endpoint service and
// the target group its listener forwards to.
func (w *walker) serviceGWLB(service string) (*model.LoadBalancer, *model.TargetGroup) {
	for _, s := range w.n.Snap.EndpointServices {
		if s.ServiceName != service {
			continue
		}
		for _, lb := range w.n.Snap.LoadBalancers {
			if !strings.EqualFold(lb.Type, "gateway") || !slices.Contains(s.LoadBalancers, lb.ID) && !slices.Contains(s.LoadBalancers, lb.ARN) {
				continue
			}
			return lb, w.gwlbTargetGroup(lb)
		}
	}
	return nil, nil
}

func (w *walker) gwlbTargetGroup(lb *model.LoadBalancer) *model.TargetGroup {
	for _, l := range lb.Listeners {
		for _, id := range l.TargetGroups {
			for _, tg := range w.n.TargetGroups(id) {
				return tg
			}
		}
	}
	for _, tg := range w.n.Snap.TargetGroups {
		if slices.Contains(tg.LoadBalancers, lb.ID) || lb.ARN != "" && slices.Contains(tg.LoadBalancers, lb.ARN) {
			return tg
		}
	}
	return nil
}

func lbID(lb *model.LoadBalancer) string {
	if lb == nil {
		return ""
	}
	return lb.ID
}

func lbDeclName(lb *model.LoadBalancer) string {
	if lb == nil {
		return ""
	}
	return firstNonEmpty(lb.LBName, lb.ID)
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}
