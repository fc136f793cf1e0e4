package reach

import (
	"fmt"
	"net/netip"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// applianceUse is an appliance's connection-tracking record: where the
// request came in and left, and how it was translated, so that the response
// takes the same appliance back (R1.3, R1.20, R3.20).
type applianceUse struct {
	id              string // the instance (or interface) whose policy applied
	in, out         *network.ENI
	masq            bool
	origSrc, newSrc netip.Addr
}

func (s *state) applianceUse(id string) *applianceUse {
	for i := range s.appliances {
		if s.appliances[i].id == id {
			return &s.appliances[i]
		}
	}
	return nil
}

// applianceInstance returns the instance e belongs to, if any.
func (w *walker) applianceInstance(e *network.ENI) *model.Instance {
	if e.M.OwnerKind == model.OwnerInstance && e.M.OwnerID != "" {
		inst, _ := model.Lookup[*model.Instance](w.n.Index, e.M.OwnerID)
		return inst
	}
	// An interface a scenario lists under an instance's enis.
	for _, inst := range w.n.Snap.Instances {
		for _, id := range inst.ENIs {
			if id == e.M.ID {
				return inst
			}
		}
	}
	return nil
}

// applianceID names the appliance of interface e: its instance, else e itself.
func (w *walker) applianceID(e *network.ENI) string {
	if inst := w.applianceInstance(e); inst != nil {
		return inst.ID
	}
	return e.M.ID
}

// declaration returns what the input declares for any of ids (R1.20); a
// declaration may name its target by ID or Name tag.
func (w *walker) declaration(ids ...string) *model.Appliance {
	for _, a := range w.n.Snap.Appliances {
		for _, id := range ids {
			if id != "" && (id == a.Target || w.namedBy(a.Target, id)) {
				return a
			}
		}
	}
	return nil
}

// namedBy reports whether name (a Name tag or logical ID) names resource id.
func (w *walker) namedBy(name, id string) bool {
	for _, r := range w.n.Index.ByName(name) {
		if r.Base().ID == id {
			return true
		}
	}
	return false
}

// throughAppliance decides what the appliance e, which route r sent the
// packet to, does with it: its declared policy, the NAT-instance pattern,
// or unknown (R1.20, R3.20). A response follows the request's record.
func (w *walker) throughAppliance(e *network.ENI, r *network.Route) {
	id := w.applianceID(e)
	if w.ret {
		if u := w.fwd.applianceUse(id); u != nil {
			w.applianceBack(u)
			return
		}
	}
	d := w.declaration(e.M.ID, id)
	natInst := w.natInstancePattern(e, r)
	if d == nil && natInst {
		w.warnf("%s: assumed to be a NAT instance (one network interface, public address, source/destination check off, 0.0.0.0/0 routed to it): it translates the source to %s (R3.20); declare it under appliances: in a scenario to say otherwise",
			id, e.M.PrimaryIP())
		d = &model.Appliance{Target: id, Forward: true, NAT: model.NATMasquerade}
	}
	if d == nil {
		w.policyUnknown(id, e)
		return
	}
	if !d.Forward {
		w.stop(Explanation{Code: CodeApplianceDrops, Component: id, IDs: eniIDs(e),
			Detail: fmt.Sprintf("appliance %s is declared not to forward (%s); it drops %s (R1.20)", id, d.Source, w.pkt),
			Fix:    "change the appliance's policy (and its declaration), or route around it"})
		return
	}
	out := w.applianceEgress(e, id, d)
	if out == nil {
		return
	}
	masq := d.NAT == model.NATMasquerade || (d.NAT == model.NATUnset && natInst)
	w.applianceSend(applianceUse{id: id, in: e, out: out, masq: masq, origSrc: w.pkt.Src, newSrc: w.pkt.Src})
}

// policyUnknown stops with the appliance named: what it forwards, and how,
// is its own configuration, which the input does not describe (R1.20).
func (w *walker) policyUnknown(id string, e *network.ENI) {
	w.ex = append(w.ex, Explanation{Code: CodeAppliancePolicy, Component: id, IDs: eniIDs(e), Direction: w.dir,
		Detail: w.say(func() string {
			return fmt.Sprintf("the policy of appliance %s decides: %s is routed to it (source/destination check off), and what it forwards, from which interface and with what translation is its own configuration (R1.20)", id, w.pkt)
		}),
		Fix: fmt.Sprintf("declare it in a scenario overlay: appliances: [{%s: %s, forward: true, nat: masquerade|none, egress: <eni>|by-route}]", declKey(id, e), id)})
	w.unknown, w.stopped = true, true
}

func (w *walker) warnf(format string, args ...any) {
	if !w.quiet {
		w.warn = append(w.warn, fmt.Sprintf(format, args...))
	}
}

// natInstancePattern recognises the common NAT instance (R3.20): an IPv4
// packet sent by a 0.0.0.0/0 route to an instance with one interface that
// has a public address.
func (w *walker) natInstancePattern(e *network.ENI, r *network.Route) bool {
	if r == nil || r.Dest.Bits() != 0 || !r.Dest.Addr().Is4() || !w.pkt.Src.Is4() {
		return false
	}
	if inst := w.applianceInstance(e); inst != nil && len(inst.ENIs) > 1 {
		return false
	}
	_, pub := w.n.PublicFor(e, e.M.PrimaryIP())
	return pub
}

// applianceEgress is the interface the appliance sends from: the declared
// one, else the one its subnets' routes choose (by-route, the default).
func (w *walker) applianceEgress(in *network.ENI, id string, d *model.Appliance) *network.ENI {
	if d.Egress == "" || d.Egress == model.EgressByRoute {
		return w.egressByRoute(in)
	}
	out := w.n.ENIs[d.Egress]
	if out == nil {
		if x, ok := model.Lookup[*model.ENI](w.n.Index, d.Egress); ok {
			out = w.n.ENIs[x.ID]
		}
	}
	if out == nil || (out != in && w.applianceID(out) != id) {
		w.missingFix(id, fmt.Sprintf("appliance %s is declared to send from %s, which is not one of its network interfaces in the input", id, d.Egress),
			"name one of the appliance's own network interfaces as egress, or egress: by-route")
		return nil
	}
	return out
}

// egressByRoute picks the appliance interface whose subnet holds the
// destination, else the one whose subnet's route table has the most specific
// route for it that does not lead back into the appliance.
func (w *walker) egressByRoute(in *network.ENI) *network.ENI {
	cands := w.applianceENIs(in)
	for _, c := range cands {
		if c.Subnet != nil && c.Subnet.M.CIDR.Contains(w.pkt.Dst) {
			return c
		}
	}
	var best *network.ENI
	bits := -1
	for _, c := range cands {
		if c.Subnet == nil || c.Subnet.RT == nil {
			continue
		}
		r := c.Subnet.RT.Lookup(w.pkt.Dst)
		if r == nil || r.Blackhole || w.intoAppliance(r, in, cands) || r.Dest.Bits() <= bits {
			continue
		}
		best, bits = c, r.Dest.Bits()
	}
	if best == nil {
		return in
	}
	return best
}

// applianceENIs are the interfaces of the appliance e belongs to, e first.
func (w *walker) applianceENIs(e *network.ENI) []*network.ENI {
	out := []*network.ENI{e}
	if inst := w.applianceInstance(e); inst != nil {
		for _, id := range inst.ENIs {
			if x := w.n.ENIs[id]; x != nil && x != e {
				out = append(out, x)
			}
		}
	}
	return out
}

func (w *walker) intoAppliance(r *network.Route, in *network.ENI, enis []*network.ENI) bool {
	if r.Target.ID == w.applianceID(in) {
		return true
	}
	for _, e := range enis {
		if r.Target.ID == e.M.ID || r.Target.ID == e.M.OwnerID && e.M.OwnerID != "" {
			return true
		}
	}
	return false
}

// applianceSend forwards the packet out of u.out, translating the source
// when the appliance masquerades, and records it for the response.
func (w *walker) applianceSend(u applianceUse) {
	if u.masq {
		if src := familyAddr(u.out, w.pkt.Src); src.IsValid() {
			u.newSrc = src
			orig := w.pkt.Src
			w.hopIDs(u.id, eniIDs(u.out), HopMiddlebox, ActTranslate, w.say(func() string {
				return fmt.Sprintf("source %s -> %s (masquerade, R3.20)", orig, src)
			}))
			w.pkt.Src = src
		}
	}
	if u.out != u.in {
		w.hopIDs(u.out.Label(), eniIDs(u.out), HopENI, ActSend, w.say(func() string {
			return fmt.Sprintf("appliance %s sends from %s (R1.20)", u.id, u.out.M.ID)
		}))
	}
	w.st.appliances = append(w.st.appliances, u)
	w.lostID = true
	w.leaveENI(u.out)
}

// applianceBack sends a response back the way its request came: out of the
// interface the request entered by (stateful, R1.3, R1.20).
func (w *walker) applianceBack(u *applianceUse) {
	w.st.appliances = append(w.st.appliances, *u)
	w.lostID = true
	if u.in != u.out {
		w.hopIDs(u.in.Label(), eniIDs(u.in), HopENI, ActSend, w.say(func() string {
			return fmt.Sprintf("appliance %s returns the response from %s, where the request came in (R1.20)", u.id, u.in.M.ID)
		}))
	}
	w.leaveENI(u.in)
}

// applianceReturn undoes an appliance's masquerade for a response addressed
// to it (R3.20) and sends it back where the request came from.
func (w *walker) applianceReturn(e *network.ENI) bool {
	if !w.ret {
		return false
	}
	for i := range w.fwd.appliances {
		u := &w.fwd.appliances[i]
		if !u.masq || u.out != e || u.newSrc != w.pkt.Dst {
			continue
		}
		dst := w.pkt.Dst
		w.hopIDs(u.id, eniIDs(e), HopMiddlebox, ActTranslate, w.say(func() string {
			return fmt.Sprintf("destination %s -> %s (response, masquerade, R3.20)", dst, u.origSrc)
		}))
		w.pkt.Dst = u.origSrc
		w.st.middleboxes = append(w.st.middleboxes, u.id)
		w.applianceBack(u)
		return true
	}
	return false
}

// familyAddr is e's first address of ip's family.
func familyAddr(e *network.ENI, ip netip.Addr) netip.Addr {
	if ip.Is6() {
		if len(e.M.IPv6) > 0 {
			return e.M.IPv6[0]
		}
		return netip.Addr{}
	}
	return e.M.PrimaryIP()
}

// declKey is the scenario key that declares the appliance id.
func declKey(id string, e *network.ENI) string {
	if id == e.M.ID {
		return "networkInterface"
	}
	return "instance"
}
