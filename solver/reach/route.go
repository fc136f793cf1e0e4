package reach

import (
	"fmt"
	"net/netip"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// route looks the destination up in rt (R1.4) and follows the target (R1.11).
// from is the subnet whose table it is (nil for a gateway route table).
func (w *walker) route(v *network.VPC, rt *network.RouteTable, from *network.Subnet, in via) {
	if rt == nil {
		w.missing(v.M.ID, fmt.Sprintf("no route table applies to subnet %s (no association and no main table in the snapshot)", subnetID(from)))
		return
	}
	r := rt.Lookup(w.pkt.Dst)
	if r == nil && v.M.IsUnlisted(model.UnlistedRouteTables) && rt.M.ID == model.MainRouteTableID(v.M.ID) {
		w.leavePending(nil)
		w.unlisted(rt.M.ID, fmt.Sprintf("the input lists no route tables at all (no `aws ec2 describe-route-tables` output), so the route %s takes to %s is unknown", v.M.ID, w.pkt.Dst), "aws ec2 describe-route-tables")
		return
	}
	if w.bgpGap(rt.M.ID, rt.BGPGaps, r == nil, r != nil && r.Target.Kind == model.TargetLocal) {
		return
	}
	if u, ok := mayTakeUnresolved(rt, r, w.pkt.Dst); ok {
		w.leavePending(nil)
		what := fmt.Sprintf("route table %s sends prefix list %s to %s, and the list's entries are not in the snapshot: whether that route takes %s is unknown (R1.8)",
			rt.M.ID, u.PrefixList, u.Target, w.pkt.Dst)
		if v.M.IsUnlisted(model.UnlistedPrefixLists) {
			w.unlisted(rt.M.ID, what, model.ListingCommand(model.UnlistedPrefixLists))
			return
		}
		w.missing(rt.M.ID, what)
		return
	}
	if r == nil {
		w.leavePending(nil)
		w.stop(Explanation{Code: CodeNoRouteToDestination, Component: rt.M.ID, Field: "destination address",
			Detail: w.say(func() string { return fmt.Sprintf("route table %s has no route for %s", rt.M.ID, w.pkt.Dst) }),
			Fix:    w.say(func() string { return fmt.Sprintf("add a route for %s to %s", w.pkt.Dst, rt.M.ID) })})
		return
	}
	if r.Blackhole {
		w.leavePending(nil)
		w.stop(Explanation{Code: CodeBadStateRoute, Component: rt.M.ID, Rule: r.String(), Field: "destination address",
			Detail: fmt.Sprintf("route %s in %s is a blackhole: its target is gone; no fall-back to a less specific route (R1.9)", r, rt.M.ID),
			Fix:    fmt.Sprintf("replace or delete the route %s in %s", r.Dest, rt.M.ID)})
		return
	}
	w.hop(rt.M.ID, HopRouteTable, ActForward, w.say(r.String))
	w.follow(v, r, from, in)
}

// mayTakeUnresolved returns a route of rt to a prefix list the snapshot
// lacks that could decide dst instead of r: any list could hold a more
// specific entry, except that an AWS service's list holds public addresses
// only, and nothing overrides the local route.
func mayTakeUnresolved(rt *network.RouteTable, r *network.Route, dst netip.Addr) (network.UnresolvedRoute, bool) {
	if r != nil && r.Target.Kind == model.TargetLocal {
		return network.UnresolvedRoute{}, false
	}
	for _, u := range rt.Unresolved {
		if !u.AWSService || !isPrivate(dst) {
			return u, true
		}
	}
	return network.UnresolvedRoute{}, false
}

func subnetID(s *network.Subnet) string {
	if s == nil {
		return "(gateway)"
	}
	return s.M.ID
}

func (w *walker) follow(v *network.VPC, r *network.Route, from *network.Subnet, in via) {
	if w.toNetFW(v, r, from) {
		return // netfw.go (R7.40)
	}
	if w.isGWLBEndpoint(r.Target) {
		w.toGWLBEndpoint(v, r, from) // gwlb.go
		return
	}
	switch r.Target.Kind {
	case model.TargetLocal:
		w.deliverLocal(v, from)
	case model.TargetNAT:
		w.toNAT(v, r, from, in)
	case model.TargetENI, model.TargetInstance:
		w.toMiddlebox(v, r, from, in)
	case model.TargetIGW:
		w.toIGW(v, r, in)
	case model.TargetEIGW:
		w.toEIGW(v, r, in)
	case model.TargetPeering:
		w.toPeering(v, r, in)
	case model.TargetTGW:
		w.toTGW(v, r, from, in)
	case model.TargetVGW:
		w.toVGW(v, r, in)
	case model.TargetGatewayEndpoint:
		w.toGatewayEndpoint(v, r, in)
	default:
		w.leavePending(nil)
		w.missing(r.Target.String(), fmt.Sprintf("route %s: %s targets are not modelled", r, r.Target.Kind))
	}
}

// deadTarget stops at a route whose target is unusable: AWS shows it as a blackhole (R1.9).
func (w *walker) deadTarget(r *network.Route, why string) {
	w.stop(Explanation{Code: CodeBadStateRoute, Component: r.Target.String(), Rule: r.String(),
		Detail: fmt.Sprintf("route %s: %s; the route is a blackhole (R1.9)", r, why),
		Fix:    "restore the target or point the route elsewhere"})
}

// edgeOnly stops traffic that entered the VPC through a gateway or peering
// and may not be forwarded onwards (R3.8, R4.4, R6.5, R7.4).
func (w *walker) edgeOnly(r *network.Route, in via, code Code, rule string) bool {
	if in == viaENI || (in == viaTGW && r.Target.Kind != model.TargetGatewayEndpoint) {
		return false
	}
	w.stop(Explanation{Code: code, Component: r.Target.String(), Rule: r.String(),
		Detail: fmt.Sprintf("traffic that entered the VPC through %s cannot use %s (%s)", in, r.Target, rule),
		Fix:    "give the source its own way there (its own NAT gateway, IGW, endpoint or a direct connection)"})
	return true
}

// toNAT sends the packet through a NAT gateway: source NAT to its private
// address (R3.5-R3.8), recorded for the response.
func (w *walker) toNAT(v *network.VPC, r *network.Route, from *network.Subnet, in via) {
	g := w.n.NATs[r.Target.ID]
	if g == nil {
		w.leavePending(nil)
		w.gone(v, model.UnlistedNATs, r.Target.ID, "NAT gateway "+r.Target.ID, "")
		return
	}
	w.assumed(&g.Meta)
	if !g.Usable() {
		w.deadTarget(r, "NAT gateway "+g.ID+" is "+g.State)
		return
	}
	if in != viaENI && in != viaTGW {
		w.edgeOnly(r, in, CodeNgwRequiresSourceInVpc, "R3.8")
		return
	}
	if w.pkt.Proto != model.ProtoTCP && w.pkt.Proto != model.ProtoUDP && w.pkt.Proto != model.ProtoICMP {
		w.stop(Explanation{Code: CodeProtocolRestriction, Component: g.ID, Field: "protocol",
			Detail: "a NAT gateway carries only TCP, UDP and ICMP (R3.5)",
			Fix:    "route other protocols around the NAT gateway (an instance's public IP, VPN or Direct Connect)"})
		return
	}
	nat64 := w.pkt.Dst.Is6()
	if nat64 && !nat64Prefix.Contains(w.pkt.Dst) {
		w.stop(Explanation{Code: "PROTOCOL_RESTRICTION", Component: g.ID, Field: "destination address", Rule: "R3.10",
			Detail: fmt.Sprintf("NAT gateway %s translates IPv6 only towards %s (NAT64, R3.10); it gives no IPv6 egress to %s", g.ID, nat64Prefix, w.pkt.Dst),
			Fix:    "route ::/0 to an egress-only internet gateway (R3.11) or an internet gateway, and keep 64:ff9b::/96 on the NAT gateway"})
		return
	}
	e := w.natENI(g)
	if e == nil {
		w.missing(g.ID, "the interface of NAT gateway "+g.ID+" is not in the snapshot")
		return
	}
	if w.visited(g.ID) > 0 {
		w.stop(Explanation{Code: CodeNoRouteToDestination, Component: g.ID, Rule: r.String(),
			Detail: fmt.Sprintf("NAT gateway %s: the route table of its own subnet %s sends %s back to it; a public NAT gateway needs a route to an internet gateway (R3.6)", g.ID, e.Subnet.M.ID, w.pkt.Dst),
			Fix:    "place the NAT gateway in a public subnet whose route table sends 0.0.0.0/0 to the internet gateway"})
		return
	}
	w.visit(g.ID)
	w.leavePending(e.Subnet)
	if from != e.Subnet {
		w.nacl(e.Subnet, false)
	}
	port := w.pkt.SrcPort
	if w.pkt.Proto.HasPorts() && port < 1024 {
		port = 1024 // R3.5: NAT gateways use source ports 1024-65535
	}
	entry := natEntry{nat: e, origSrc: w.pkt.Src, origPort: w.pkt.SrcPort, newSrc: g.PrivateIP, newPort: port}
	src := w.pkt.Src
	if nat64 {
		entry.origDst = w.pkt.Dst
		dst, v4 := w.pkt.Dst, unembed64(w.pkt.Dst)
		w.hop(g.ID, HopNATGateway, ActTranslate, w.say(func() string {
			return fmt.Sprintf("NAT64: source %s -> %s, destination %s -> %s (R3.10)", src, g.PrivateIP, dst, v4)
		}))
		w.pkt.Dst = v4
	} else {
		w.hop(g.ID, HopNATGateway, ActTranslate, w.say(func() string { return fmt.Sprintf("source %s -> %s (R3.6)", src, g.PrivateIP) }))
	}
	w.st.nats = append(w.st.nats, entry)
	w.pkt.Src, w.pkt.SrcPort = g.PrivateIP, port
	w.lostID = true
	w.leaveENI(e)
}

func (w *walker) natENI(g *model.NATGateway) *network.ENI {
	if e := w.n.ENIs[g.ENI]; e != nil && e.NAT != nil {
		return e
	}
	if v := w.n.VPCs[g.VPC]; v != nil {
		if e := v.ENIByIP(g.PrivateIP); e != nil {
			return e
		}
	}
	return nil
}

// natReturn handles a packet addressed to a NAT gateway: a response is
// translated back to the client (R3.6); anything else is dropped.
func (w *walker) natReturn(e *network.ENI) {
	if w.ret {
		for _, t := range w.fwd.nats {
			if t.nat == e && t.newSrc == w.pkt.Dst && (!w.pkt.Proto.HasPorts() || t.newPort == w.pkt.DstPort) {
				dst, src := w.pkt.Dst, w.pkt.Src
				if t.origDst.IsValid() {
					w.hop(e.NAT.ID, HopNATGateway, ActTranslate, w.say(func() string {
						return fmt.Sprintf("NAT64 response: source %s -> %s, destination %s -> %s (R3.10)", src, t.origDst, dst, t.origSrc)
					}))
					w.pkt.Src = t.origDst
				} else {
					w.hop(e.NAT.ID, HopNATGateway, ActTranslate, w.say(func() string { return fmt.Sprintf("destination %s -> %s (response, R3.6)", dst, t.origSrc) }))
				}
				w.pkt.Dst, w.pkt.DstPort = t.origSrc, t.origPort
				w.leaveENI(e)
				return
			}
		}
	}
	w.stop(Explanation{Code: CodeNoPossibleDestination, Component: e.NAT.ID, Field: "destination address",
		Detail: fmt.Sprintf("NAT gateway %s accepts only responses to connections its clients opened; connections towards it are dropped (R3.6)", e.NAT.ID),
		Fix:    "connect to the instance itself (through a load balancer or a public IP), not to the NAT gateway"})
}

// toMiddlebox sends the packet to an appliance interface (R1.3).
func (w *walker) toMiddlebox(v *network.VPC, r *network.Route, from *network.Subnet, in via) {
	e := w.n.ENIs[r.Target.ID]
	if e == nil && r.Target.Kind == model.TargetInstance {
		if inst, ok := model.Lookup[*model.Instance](w.n.Index, r.Target.ID); ok && len(inst.ENIs) > 0 {
			e = w.n.ENIs[inst.ENIs[0]]
		}
	}
	if e == nil {
		w.leavePending(nil)
		w.missing(r.Target.ID, "route target "+r.Target.ID+" is not in the snapshot")
		return
	}
	if e.M.SourceDestCheck {
		w.stop(Explanation{Code: CodeEniSourceDestCheckRestriction, Component: e.M.ID, Rule: r.String(),
			Detail: fmt.Sprintf("%s has source/destination checking on; it drops %s, which is not addressed to it (R1.3)", e.M.ID, w.pkt),
			Fix:    "disable source/destination checking on " + e.M.ID})
		return
	}
	w.leavePending(e.Subnet)
	if from == nil || from != e.Subnet {
		w.nacl(e.Subnet, false)
	}
	w.sg(e, true)
	w.hopIDs(e.Label(), eniIDs(e), HopMiddlebox, ActForward, "")
	w.st.middleboxes = append(w.st.middleboxes, w.applianceID(e))
	w.throughAppliance(e, r) // appliance.go
}
