package reach

import (
	"fmt"
	"net/netip"
	"sort"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// toIGW sends the packet to the internet: 1:1 NAT for IPv4 (R3.2), plain
// forwarding for IPv6 (R3.4).
func (w *walker) toIGW(v *network.VPC, r *network.Route, in via) {
	w.leavePending(nil)
	g := w.n.IGWs[r.Target.ID]
	if g == nil {
		w.gone(v, model.UnlistedIGWs, r.Target.ID, "internet gateway "+r.Target.ID, "")
		return
	}
	if v.IGW != g {
		w.deadTarget(r, "internet gateway "+g.ID+" is not attached to "+v.M.ID)
		return
	}
	if in == viaPeering || in == viaVGW {
		w.edgeOnly(r, in, CodeNoPath, "R4.4, R6.5")
		return
	}
	if !w.bpaOut(v, g.ID, v.ENIByIP(w.pkt.Src), false) {
		return // bpa.go (R3.50)
	}
	if w.pkt.Src.Is4() {
		if !w.igwSourceNAT(v, g) {
			return
		}
	}
	if isPrivate(w.pkt.Dst) {
		w.stop(Explanation{Code: CodeIgwDestinationAddressNotInRfc1918Egress, Component: g.ID, Field: "destination address",
			Detail: w.say(func() string {
				return fmt.Sprintf("%s is a private address; the internet gateway does not forward to it", w.pkt.Dst)
			}),
			Fix: "reach private addresses through peering, a transit gateway, VPN or Direct Connect, with a route for them"})
		return
	}
	w.internet()
}

// igwSourceNAT rewrites the private source to its public address, or stops
// when there is none (R3.2, S9).
func (w *walker) igwSourceNAT(v *network.VPC, g *model.InternetGateway) bool {
	src := v.ENIByIP(w.pkt.Src)
	if src != nil {
		if pub, ok := w.n.PublicFor(src, w.pkt.Src); ok {
			src := w.pkt.Src
			w.hop(g.ID, HopIGW, ActTranslate, w.say(func() string { return fmt.Sprintf("source %s -> %s (1:1 NAT, R3.2)", src, pub) }))
			w.pkt.Src = pub
			return true
		}
	}
	fix := "associate an Elastic IP with the source, or route through a NAT gateway in a public subnet"
	if src != nil && src.M.OwnerKind == model.OwnerLambda {
		fix = "Lambda ENIs never get public addresses (R8.4): route the function's subnet to a NAT gateway in a public subnet"
	}
	w.stop(Explanation{Code: CodeIgwPublicIpAssociationForEgress, Component: g.ID, Field: "source address",
		Detail: w.say(func() string {
			return fmt.Sprintf("source %s has no public IPv4 address; the internet gateway drops it (R3.2)", w.pkt.Src)
		}), Fix: fix})
	return false
}

var privateRanges = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("100.64.0.0/10")}

func isPrivate(ip netip.Addr) bool {
	for _, p := range privateRanges {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// internet carries a packet across the internet: to a public address owned
// by an ENI (through its VPC's IGW, R3.3), or to an internet host.
func (w *walker) internet() {
	w.hop("internet", HopInternet, ActForward, "")
	if w.loop("internet") {
		return
	}
	dst := w.pkt.Dst
	if e, priv, ok := w.n.PublicOwner(dst); ok {
		w.enterViaIGW(e, priv)
		return
	}
	if dst.Is6() {
		if e := w.ipv6Owner(dst); e != nil {
			w.enterViaIGW(e, dst)
			return
		}
	}
	if isPrivate(dst) || !dst.IsGlobalUnicast() {
		w.stop(Explanation{Code: CodeNoPossibleDestination, Component: "internet", Field: "destination address",
			Detail: w.say(func() string { return fmt.Sprintf("%s is not routable on the internet", dst) }),
			Fix:    "use the destination's public address, or a private path (peering, transit gateway, VPN, Direct Connect) to its private one"})
		return
	}
	if v, t := w.vpnTunnelAt(dst); v != nil && !w.ret && !w.vpnTunnelAccepts(v, t) {
		return // vpnendpoint.go (R6.20)
	}
	// A response goes back to whoever opened the connection; only a new
	// connection to an AWS service address meets the service's ports.
	if svc := w.awsServiceAt(dst); svc != "" && !w.ret && !w.serviceListens(svc) {
		return
	}
	if w.internetUnlisted(dst) {
		return
	}
	w.hop(dst.String(), HopInternetHost, ActDeliver, "")
	w.done = &end{kind: AtInternet, pkt: w.pkt}
}

// awsServiceAt names the AWS service whose managed prefix list holds ip
// (S3, DynamoDB: R7.1, R7.5), or "".
func (w *walker) awsServiceAt(ip netip.Addr) string { return w.n.AWSServiceAt(ip) }

// serviceListens stops a packet to an AWS service endpoint that no service
// port accepts: S3 and DynamoDB answer HTTP/HTTPS (TCP 80, 443) and ICMP
// echo only. Not stated in the semantics file (R7.1 covers the route, R7.5
// the addresses); measured in lab aws_vpc_endpoints: tcp/22 to S3 addresses
// is filtered both through the gateway endpoint and through the IGW/NAT,
// while ping is answered.
func (w *walker) serviceListens(svc string) bool {
	p := w.pkt
	if p.Proto == model.ProtoICMP && p.ICMPType == 8 || p.Proto == model.ProtoTCP && (p.DstPort == 443 || p.DstPort == 80) {
		return true
	}
	w.stop(Explanation{Code: CodeNoPath, Component: svc, Field: "protocol / destination port",
		Detail: w.say(func() string {
			return fmt.Sprintf("%s accepts only TCP 80 and 443 (and ICMP echo); %s is not answered", svc, protoPort(p))
		}),
		Fix: "use HTTPS (TCP 443) to reach the service"})
	return false
}

func (w *walker) ipv6Owner(ip netip.Addr) *network.ENI {
	for _, e := range w.n.ENIsByIP(ip) {
		return e
	}
	return nil
}

// enterViaIGW brings an internet packet into the VPC of e: destination NAT
// to the private address, then the gateway route table or the local route (R0.7, R3.3).
func (w *walker) enterViaIGW(e *network.ENI, priv netip.Addr) {
	v := e.VPC
	if v == nil {
		w.missing(e.M.ID, "the VPC of "+e.M.ID+" is not in the snapshot")
		return
	}
	if v.IGW == nil && !w.eigwReturn(v) && v.M.IsUnlisted(model.UnlistedIGWs) {
		w.unlisted(v.M.ID, fmt.Sprintf("the input lists no internet gateways at all (no `aws ec2 describe-internet-gateways` output), so whether %s has one is unknown", v.M.ID), "aws ec2 describe-internet-gateways")
		return
	}
	if v.IGW == nil && !w.eigwReturn(v) {
		w.stop(Explanation{Code: CodeIgwPrivateIpAssociationForIngress, Component: v.M.ID, Field: "destination address",
			Detail: w.say(func() string {
				return fmt.Sprintf("%s has no internet gateway; %s cannot be reached from the internet", v.M.ID, w.pkt.Dst)
			}),
			Fix: "attach an internet gateway to " + v.M.ID})
		return
	}
	if w.pkt.Src.Is4() && isPrivate(w.pkt.Src) {
		w.stop(Explanation{Code: CodeIgwSourceAddressNotInRfc1918Ingress, Component: v.M.ID, Field: "source address",
			Detail: w.say(func() string {
				return fmt.Sprintf("the internet gateway drops packets from private source %s", w.pkt.Src)
			}),
			Fix: "send from a public address (an instance's public IP, or through a NAT gateway)"})
		return
	}
	gw := "eigw"
	if v.IGW != nil {
		gw = v.IGW.ID
	}
	if !w.bpaIn(v, gw, e) {
		return // bpa.go (R3.50)
	}
	if priv != w.pkt.Dst {
		dst := w.pkt.Dst
		w.hop(gw, HopIGW, ActTranslate, w.say(func() string { return fmt.Sprintf("destination %s -> %s (1:1 NAT, R3.3)", dst, priv) }))
		w.pkt.Dst = priv
	} else {
		w.hop(gw, HopIGW, ActForward, "")
	}
	if v.IGW != nil {
		if rt := v.EdgeRT[v.IGW.ID]; rt != nil {
			w.route(v, rt, nil, viaIGW) // R1.2 gateway route table
			return
		}
	}
	w.deliverLocal(v, nil)
}

// toEIGW sends IPv6 out through an egress-only gateway (R3.11).
func (w *walker) toEIGW(v *network.VPC, r *network.Route, in via) {
	w.leavePending(nil)
	g := w.n.EIGWs[r.Target.ID]
	if g == nil {
		w.missing(r.Target.ID, "egress-only internet gateway "+r.Target.ID+" is not in the snapshot")
		return
	}
	if g.VPC != v.M.ID {
		w.deadTarget(r, g.ID+" is not attached to "+v.M.ID)
		return
	}
	if !w.pkt.Dst.Is6() {
		w.stop(Explanation{Code: CodeProtocolRestriction, Component: g.ID, Field: "destination address",
			Detail: "an egress-only internet gateway carries IPv6 only (R3.11)",
			Fix:    "route IPv4 to the internet through a NAT gateway or an internet gateway"})
		return
	}
	if !w.bpaOut(v, g.ID, v.ENIByIP(w.pkt.Src), true) {
		return // bpa.go (R3.50)
	}
	w.st.eigws = append(w.st.eigws, v)
	w.hop(g.ID, HopEIGW, ActForward, "outbound IPv6 (R3.11)")
	w.internet()
}

// eigwReturn reports whether an IPv6 packet entering v is the response of a
// connection that left through v's egress-only gateway (R3.11).
func (w *walker) eigwReturn(v *network.VPC) bool {
	return w.ret && w.pkt.Dst.Is6() && w.fwd.leftEIGW(v)
}

// toPeering crosses a VPC peering connection: active only, local delivery
// only on the other side (R4.1, R4.3, R4.4).
func (w *walker) toPeering(v *network.VPC, r *network.Route, in via) {
	w.leavePending(nil)
	pc := w.n.Peerings[r.Target.ID]
	if pc == nil {
		w.missing(r.Target.ID, "peering connection "+r.Target.ID+" is not in the snapshot")
		return
	}
	w.assumed(&pc.Meta)
	if !pc.Active() {
		w.deadTarget(r, "peering connection "+pc.ID+" is "+pc.Status)
		return
	}
	side, ok := pc.Other(v.M.ID)
	if !ok {
		w.deadTarget(r, pc.ID+" does not connect "+v.M.ID)
		return
	}
	if !v.M.Contains(w.pkt.Src) {
		w.stop(Explanation{Code: CodePcxRequiresAddressInVpcCidr, Component: pc.ID, Field: "source address",
			Detail: fmt.Sprintf("%s carries only traffic from %s's own addresses; source %s is not one (no transit, R4.4)", pc.ID, v.M.ID, w.pkt.Src),
			Fix:    "connect the source's network directly (its own peering connection, or a transit gateway)"})
		return
	}
	peer := w.n.VPCs[side.VPC]
	if peer != nil && overlappingPeers(v.M, peer.M) {
		w.stop(Explanation{Code: CodeBadState, Component: pc.ID,
			Detail: fmt.Sprintf("%s joins %s and %s, whose CIDRs overlap: AWS refuses to create such a peering connection, so it carries nothing (R4.2)", pc.ID, v.M.ID, peer.M.ID),
			Fix:    "give one of the VPCs a CIDR that does not overlap the other's, or connect them through a transit gateway with NAT in between"})
		return
	}
	w.hop(pc.ID, HopPeering, ActForward, "to "+side.VPC)
	if peer == nil {
		w.missing(side.VPC, "peer VPC "+side.VPC+" is not in the snapshot")
		return
	}
	if !peer.M.Contains(w.pkt.Dst) {
		w.stop(w.beyondPeer(pc, peer))
		return
	}
	w.deliverLocal(peer, nil)
}

// beyondPeer explains a packet that a peering connection would have to carry
// past the peer VPC (R4.4): to another VPC (no transit), or to one of the
// peer's gateways (no edge-to-edge routing: the peer's NAT gateway, internet
// gateway, VPN or Direct Connect never serve traffic that came over peering).
func (w *walker) beyondPeer(pc *model.PeeringConnection, peer *network.VPC) Explanation {
	e := Explanation{Code: CodePcxRequiresAddressInVpcCidr, Component: pc.ID, Field: "destination address"}
	if len(w.n.VPCsContaining(w.pkt.Dst)) > 0 {
		e.Detail = fmt.Sprintf("%s is not in %s; a peered VPC delivers only to its own addresses and never forwards onwards to another VPC (no transit, R4.4)", w.pkt.Dst, peer.M.ID)
		e.Fix = "peer the two VPCs directly (with routes on both sides) or use a transit gateway"
		return e
	}
	e.Detail = fmt.Sprintf("%s is outside %s; a peering connection never carries traffic on to a gateway of the peer (its NAT gateway, internet gateway, VPN or Direct Connect: no edge-to-edge routing, R4.4)", w.pkt.Dst, peer.M.ID)
	e.Fix = "put a NAT gateway (and an internet gateway) in the source's own VPC, or share one through a transit gateway; another peering connection cannot help"
	return e
}

// overlappingPeers reports whether any CIDR of a overlaps any of b (R4.2).
func overlappingPeers(a, b *model.VPC) bool {
	for _, x := range append(append([]netip.Prefix(nil), a.CIDRs...), a.IPv6CIDRs...) {
		for _, y := range append(append([]netip.Prefix(nil), b.CIDRs...), b.IPv6CIDRs...) {
			if x.Overlaps(y) {
				return true
			}
		}
	}
	return false
}

// toVGW sends the packet to on-premises through the VGW, which forwards only
// to prefixes it knows (R6.3, R6.4).
func (w *walker) toVGW(v *network.VPC, r *network.Route, in via) {
	w.leavePending(nil)
	g := w.n.VGWs[r.Target.ID]
	if g == nil {
		w.missing(r.Target.ID, "virtual private gateway "+r.Target.ID+" is not in the snapshot")
		return
	}
	if v.VGW != g {
		w.deadTarget(r, g.M.ID+" is not attached to "+v.M.ID)
		return
	}
	if in == viaPeering || in == viaVGW {
		w.edgeOnly(r, in, CodeNoPath, "R4.4, R6.5")
		return
	}
	hr := g.Lookup(w.pkt.Dst)
	if hr == nil {
		w.stop(Explanation{Code: CodeNoRouteToDestination, Component: g.M.ID, Field: "destination address",
			Detail: fmt.Sprintf("%s knows no on-premises prefix covering %s (no VPN static route or BGP advertisement, R6.3)", g.M.ID, w.pkt.Dst),
			Fix:    "advertise the prefix from on-premises (BGP) or add it as a static route of the VPN connection"})
		return
	}
	w.hop(g.M.ID, HopVGW, ActForward, fmt.Sprintf("%s via %s [%s] (R6.4)", hr.Dest, hr.Via.Via, hr.Origin))
	w.arriveSite(hr.Via.Site)
}

func (w *walker) arriveSite(s *network.Site) {
	if !s.Contains(w.pkt.Dst) {
		w.stop(Explanation{Code: CodeNoPossibleDestination, Component: s.M.ID, Field: "destination address",
			Detail: fmt.Sprintf("site %s does not contain %s", s.M.ID, w.pkt.Dst),
			Fix:    "check the route for the destination: it leads to a site that does not hold it"})
		return
	}
	w.hopIDs(s.M.Label(), []string{s.M.ID}, HopOnPrem, ActDeliver, w.pkt.Dst.String())
	w.done = &end{kind: AtOnPrem, site: s, pkt: w.pkt}
}

// toGatewayEndpoint sends the packet to S3/DynamoDB through a gateway
// endpoint: usable only from inside the VPC (R7.1-R7.4).
func (w *walker) toGatewayEndpoint(v *network.VPC, r *network.Route, in via) {
	w.leavePending(nil)
	ep := w.n.Endpoints[r.Target.ID]
	if ep == nil {
		w.gone(v, model.UnlistedEndpoints, r.Target.ID, "VPC endpoint "+r.Target.ID, "")
		return
	}
	if !ep.Available() {
		w.deadTarget(r, "endpoint "+ep.ID+" is "+ep.State)
		return
	}
	if w.ret && in == viaENI {
		// The peer sits in the service's address range, so the prefix-list
		// route sends the response into the endpoint, not back the way the
		// request came: the connection fails (R0.4, R7.1).
		w.stop(Explanation{Code: CodeNoPath, Component: ep.ID, Rule: r.String(), Field: "destination address",
			Detail: w.say(func() string {
				return fmt.Sprintf("the response to %s is routed into gateway endpoint %s (%s is in the prefix list of %s, R7.1), not back the way the request came (R0.4)",
					w.pkt.Dst, ep.ID, w.pkt.Dst, ep.ServiceName)
			}),
			Fix: "a host inside an AWS service's address range cannot be answered from a subnet that routes that range to a gateway endpoint"})
		return
	}
	if in != viaENI || !v.M.Contains(w.pkt.Src) {
		w.stop(Explanation{Code: CodeNoPath, Component: ep.ID, Rule: r.String(),
			Detail: fmt.Sprintf("gateway endpoint %s cannot be used by traffic from outside %s (R7.4)", ep.ID, v.M.ID),
			Fix:    "use an interface endpoint for the service, which is reachable over peering, TGW, VPN and DX (R7.9)"})
		return
	}
	if w.pkt.Proto != model.ProtoTCP && !(w.pkt.Proto == model.ProtoICMP && w.pkt.ICMPType == 8) {
		w.stop(Explanation{Code: CodeVpceGatewayProtocolRestriction, Component: ep.ID, Field: "protocol",
			Detail: "a gateway endpoint carries only TCP (and ICMP echo)",
			Fix:    "use TCP (HTTPS) to reach the service"})
		return
	}
	w.st.endpoint = ep
	w.hop(ep.ID, HopVPCEndpoint, ActForward, ep.ServiceName+" (R7.1)")
	if !w.serviceListens(ep.ServiceName) {
		return
	}
	w.hop(w.pkt.Dst.String(), HopAWSService, ActDeliver, ep.ServiceName)
	w.done = &end{kind: AtService, pkt: w.pkt}
}

// fromService brings a service's response back through the gateway endpoint.
func (w *walker) fromService(ep *model.VPCEndpoint) {
	v := w.n.VPCs[ep.VPC]
	if v == nil {
		w.missing(ep.VPC, "VPC "+ep.VPC+" is not in the snapshot")
		return
	}
	w.hop(ep.ID, HopVPCEndpoint, ActForward, "response")
	w.deliverLocal(v, nil)
}

// fromSite sends a packet from an on-premises host over the first of the
// site's links whose gateway advertises the destination (R6.5, R6.7, R6.10).
func (w *walker) fromSite(s *network.Site) {
	w.assumed(&s.M.Meta) // an implicit site says where it was inferred from
	as := append([]*network.SiteAttach{}, s.Attaches...)
	sort.SliceStable(as, func(i, j int) bool { return as[i].DX && !as[j].DX })
	for _, a := range as {
		if !a.Up || !a.Advertises(w.n, w.pkt.Dst) {
			continue
		}
		w.hopIDs(s.M.Label(), []string{s.M.ID}, HopOnPrem, ActForward, a.Label())
		if a.VGW != nil {
			w.enterViaVGW(a.VGW)
			return
		}
		t := w.n.TGWs[a.TGW]
		if t == nil || a.TGWAttachment == "" {
			w.missing(a.TGW, "the transit gateway attachment of "+a.Via+" is not in the snapshot")
			return
		}
		w.tgwForward(a.TGW, t, a.TGWAttachment, "")
		return
	}
	if s.M.Implicit {
		// Issue 17: a site inferred from routes says nothing of its other
		// ways out (its own internet access, other networks).
		w.missingFix(s.M.ID, fmt.Sprintf("%s was inferred from the routes AWS sends to its link; whether its hosts reach %s some other way (their own internet access) is unknown", s.M.Label(), w.pkt.Dst),
			"describe the site in a scenario overlay (sites: with internetAccess, links)")
		return
	}
	w.stop(Explanation{Code: CodeNoRouteToDestination, Component: s.M.ID, Field: "destination address",
		Detail: fmt.Sprintf("no link of site %s is up and learns a route to %s from AWS", s.M.ID, w.pkt.Dst),
		Fix:    "connect the site to a gateway that advertises the destination (VPN/DX to its VGW or TGW; check DX allowed prefixes, R6.10)"})
}

// enterViaVGW delivers an on-premises packet into the VGW's VPC: gateway
// route table or local route only (R6.5, R6.12).
func (w *walker) enterViaVGW(g *network.VGW) {
	for _, v := range g.VPCs {
		if !v.M.Contains(w.pkt.Dst) {
			continue
		}
		w.hop(g.M.ID, HopVGW, ActForward, "into "+v.M.ID)
		if rt := v.EdgeRT[g.M.ID]; rt != nil {
			w.route(v, rt, nil, viaVGW)
			return
		}
		w.deliverLocal(v, nil)
		return
	}
	w.stop(Explanation{Code: CodeVgwPrivateIpAssociationForIngress, Component: g.M.ID, Field: "destination address",
		Detail: fmt.Sprintf("%s accepts only traffic for its VPC's addresses; %s is not one (R6.5)", g.M.ID, w.pkt.Dst),
		Fix:    "reach other networks through a transit gateway; a virtual private gateway does not forward onwards"})
}
