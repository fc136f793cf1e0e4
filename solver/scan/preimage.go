package scan

import (
	"net/netip"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// The pre-image of a scan (issue 25): `scan --to X` and `--from X` walk
// only the interfaces a packet to (from) X could come from (reach). An
// interface is left out only when no packet of any protocol or port
// between it and X can arrive and the walk could not have ended unknown:
//
//   - routes: the sender's route table, and the transit gateway tables and
//     attachment subnets it leads to, have no route for the destination or
//     a blackhole (R1.4, R1.9, R5.6, R5.7), read without ports;
//   - filters: the path is one of local routes and transit gateways only (no
//     translation, R5.3), and the sender's outbound or the receiver's
//     inbound security groups have no rule of any protocol or port whose
//     addresses can match the other side (R2.2, R2.4, R2.5).
//
// Anything else (a NAT, a middlebox, a firewall, a gateway, a peering, a
// listing the input lacks, a group or prefix list it does not hold) counts
// as "may arrive" and is walked. The left-out pairs are exactly blocked
// pairs, so the entries and the exact set are those of the full scan
// (TestPreimageIsExact); only the walk count is smaller.

// arrival is what the route pre-image knows about a packet's way.
type arrival int

const (
	never  arrival = iota // no route takes it there
	direct                // only local routes and transit gateways: it arrives untranslated
	maybe                 // anything else
)

// maxPreimageHops bounds the route tables the pre-image follows.
const maxPreimageHops = 8

// preimage answers, for one scan, whether a peer may exchange a packet
// with the scanned interface. It caches per subnet and per group.
type preimage struct {
	n           *network.Network
	self        *network.ENI
	to          bool                        // the scanned interface is the responder (scan --to)
	bySubnet    map[*network.Subnet]arrival // to: requests from the peer's subnet
	backSubnet  map[*network.Subnet]arrival // from: responses from the peer's subnet
	unlistedVPC map[*network.VPC]bool
	out         map[*network.SG]services // what outbound rules let out to the fixed address (to: self's)
	in          map[*network.SG]services // what inbound rules let in from the fixed address (from: self's)
	unk         map[*network.SG]bool     // the group's outbound rules name something the input lacks
	unkIn       map[*network.SG]bool     // the group's inbound rules name something the input lacks
	fixed       *groupFilter             // self's groups, matched against the peer's addresses
	off         bool                     // the scanned interface itself may make walks unknown: walk everyone
}

func newPreimage(n *network.Network, self *network.ENI, dir Direction) *preimage {
	p := &preimage{n: n, self: self, to: dir == To, bySubnet: map[*network.Subnet]arrival{}, backSubnet: map[*network.Subnet]arrival{}, unlistedVPC: map[*network.VPC]bool{},
		out: map[*network.SG]services{}, in: map[*network.SG]services{}, unk: map[*network.SG]bool{}, unkIn: map[*network.SG]bool{}}
	if self == nil || self.VPC == nil || self.Subnet == nil || routeUnlisted(self.VPC) {
		p.off = true
		return p
	}
	if dir == From && !p.senderKnown(self) {
		p.off = true
		return p
	}
	p.fixed = newGroupFilter(n, self, dir == To)
	return p
}

// mayReach reports whether some packet between self and the peer e (whose
// address on this side is peerIP, the scanned side addressed as selfIP)
// may arrive. false only when every walk of the pair is blocked.
func (p *preimage) mayReach(e *network.ENI, peerIP, selfIP netip.Addr) bool {
	if p.off || e.VPC == nil || e.Subnet == nil || sameOwner(e, p.self) || p.unlisted(e.VPC) {
		return true
	}
	sender, receiver, dst := e, p.self, selfIP
	if !p.to {
		sender, receiver, dst = p.self, e, peerIP
	}
	var a arrival
	if p.to {
		if !p.senderKnown(e) {
			return true
		}
		// The destination is fixed: one answer per subnet.
		var ok bool
		if a, ok = p.bySubnet[e.Subnet]; !ok {
			a = p.arrival(sender, dst, receiver.VPC)
			p.bySubnet[e.Subnet] = a
		}
	} else {
		a = p.arrival(sender, dst, receiver.VPC)
	}
	switch a {
	case never:
		return false
	case maybe:
		return true
	}
	if !peerIP.IsValid() || peerIP != primaryOf(e, peerIP) || !p.plain(receiver) {
		return true
	}
	// Untranslated, the response goes back to the sender's own address
	// by the receiver's routes (R0.4): none, and nothing comes back.
	var back arrival
	if p.to {
		back = p.arrival(receiver, peerIP, sender.VPC)
	} else {
		var ok bool
		if back, ok = p.backSubnet[e.Subnet]; !ok {
			back = p.arrival(receiver, selfIP, sender.VPC)
			p.backSubnet[e.Subnet] = back
		}
	}
	if back == never {
		return false
	}
	if p.to { // e sends from peerIP to selfIP
		return p.outMay(e, selfIP).meets(p.fixed.admits(peerIP))
	}
	return p.fixed.admits(peerIP).meets(p.inMay(e, selfIP))
}

// unlisted is routeUnlisted, once per VPC.
func (p *preimage) unlisted(v *network.VPC) bool {
	u, ok := p.unlistedVPC[v]
	if !ok {
		u = routeUnlisted(v)
		p.unlistedVPC[v] = u
	}
	return u
}

// primaryOf returns ip when it is one of e's private addresses (the
// source a direct path keeps), else an invalid address.
func primaryOf(e *network.ENI, ip netip.Addr) netip.Addr {
	if e.M.HasIP(ip) {
		for _, a := range e.M.PrivateIPs {
			if a == ip {
				return ip
			}
		}
		for _, a := range e.M.IPv6 {
			if a == ip {
				return ip
			}
		}
	}
	return netip.Addr{}
}

// routeUnlisted reports whether v lacks a listing that routing or
// delivery reads (the load balancer and DHCP listings do not decide
// whether a packet arrives at an interface).
func routeUnlisted(v *network.VPC) bool {
	for _, k := range v.M.Unlisted {
		switch k {
		case model.UnlistedListeners, model.UnlistedLoadBalancers, model.UnlistedTargetGroups,
			model.UnlistedTargetHealth, model.UnlistedDHCPOptions:
		default:
			return true
		}
	}
	return false
}

// plain reports whether a packet arriving at e is decided by e's
// security groups alone, all in the input (reach's arriveENI): not at a NAT
// gateway, an endpoint or a load balancer, whose owner also decides and
// may be missing from the input. Past the routes, only such a receiver
// lets the pre-image read filters and the response's routes: elsewhere a
// walk blocked there may still end unknown at the receiver.
func (p *preimage) plain(e *network.ENI) bool {
	switch e.M.OwnerKind {
	case model.OwnerNATGateway, model.OwnerInterfaceEndpoint, model.OwnerGWLBEndpoint, model.OwnerLoadBalancer:
		return false
	}
	if e.NAT != nil || len(e.MissingSGs) > 0 {
		return false
	}
	for _, g := range e.SGs {
		u, ok := p.unkIn[g]
		if !ok {
			u = p.namesUnknown(g.M.Ingress)
			p.unkIn[g] = u
		}
		if u {
			return false
		}
	}
	return true
}

// sameOwner reports two interfaces of one instance (delivered by the
// operating system, never routed).
func sameOwner(a, b *network.ENI) bool {
	return a == b || (a.M.OwnerID != "" && a.M.OwnerID == b.M.OwnerID)
}

// senderKnown reports whether the sender's outbound groups are all in the
// input: a group or prefix list it lacks makes the walk unknown before any
// route is read, so such a sender is always walked.
func (p *preimage) senderKnown(e *network.ENI) bool {
	if len(e.MissingSGs) > 0 {
		return false
	}
	for _, g := range e.SGs {
		u, ok := p.unk[g]
		if !ok {
			u = p.namesUnknown(g.M.Egress)
			p.unk[g] = u
		}
		if u {
			return false
		}
	}
	return true
}

func (p *preimage) namesUnknown(rules []model.SGRule) bool {
	for _, r := range rules {
		if r.Group != nil {
			if _, ok := p.n.SGs[r.Group.GroupID]; !ok {
				return true
			}
		}
		if r.PrefixList != "" {
			if _, ok := model.Lookup[*model.PrefixList](p.n.Index, r.PrefixList); !ok {
				return true
			}
		}
	}
	return false
}

// arrival follows the routes a packet from sender to dst takes, without
// ports, towards the VPC target.
func (p *preimage) arrival(sender *network.ENI, dst netip.Addr, target *network.VPC) arrival {
	if d := sender.VPC.ENIByIP(dst); d != nil && d.Subnet == sender.Subnet {
		return direct // the same subnet: no route table (R0.5)
	}
	return p.route(sender.VPC, sender.Subnet.RT, dst, target, 0)
}

// route is the pre-image's reading of reach's route step (R1.4-R1.11).
func (p *preimage) route(v *network.VPC, rt *network.RouteTable, dst netip.Addr, target *network.VPC, hops int) arrival {
	if rt == nil || hops > maxPreimageHops || routeUnlisted(v) || len(rt.BGPGaps) > 0 || len(rt.Unresolved) > 0 {
		return maybe
	}
	r := rt.Lookup(dst)
	if r == nil || r.Blackhole {
		return never
	}
	if fw, _ := p.n.Snap.NFWEndpointByID(r.Target.ID); fw != nil {
		return maybe
	}
	switch r.Target.Kind {
	case model.TargetLocal:
		if v == target {
			return direct
		}
	case model.TargetTGW:
		if att := v.TGWAttach[r.Target.ID]; att != nil {
			return p.tgw(r.Target.ID, att.ID, dst, target, hops+1)
		}
	case model.TargetIGW:
		// An internet gateway forwards no private destination (R3.3); every
		// check before that one blocks or passes, none is unknown.
		if p.n.IGWs[r.Target.ID] != nil && dst.Is4() && isPrivate(dst) {
			return never
		}
	case model.TargetNAT:
		return p.nat(r.Target.ID, dst, target, hops+1)
	}
	return maybe
}

// nat follows a NAT gateway: the translated packet leaves the gateway's
// interface by its subnet's routes (R3.6). What arrives is translated, so
// at best maybe.
func (p *preimage) nat(id string, dst netip.Addr, target *network.VPC, hops int) arrival {
	g := p.n.NATs[id]
	if g == nil || !g.Usable() || !dst.Is4() { // an IPv6 destination is NAT64's: translated (R3.10)
		return maybe // unknown, or a blackhole reach explains
	}
	e := p.n.ENIs[g.ENI]
	if e == nil || e.NAT == nil {
		if v := p.n.VPCs[g.VPC]; v != nil {
			e = v.ENIByIP(g.PrivateIP)
		}
	}
	if e == nil || e.VPC == nil || e.Subnet == nil || routeUnlisted(e.VPC) || !p.senderKnown(e) {
		return maybe
	}
	if d := e.VPC.ENIByIP(dst); d != nil && d.Subnet == e.Subnet {
		return maybe
	}
	if p.route(e.VPC, e.Subnet.RT, dst, target, hops) == never {
		return never
	}
	return maybe
}

// privateRanges are the destinations an internet gateway does not forward
// (as reach's).
var privateRanges = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("100.64.0.0/10")}

func isPrivate(ip netip.Addr) bool {
	for _, q := range privateRanges {
		if q.Contains(ip) {
			return true
		}
	}
	return false
}

// tgw follows the table associated with the attachment the packet entered
// by (R5.4, R5.7) and the attachment it leaves by (R5.3).
func (p *preimage) tgw(id, attID string, dst netip.Addr, target *network.VPC, hops int) arrival {
	t := p.n.TGWs[id]
	if t == nil || t.M == nil || len(t.M.Unlisted) > 0 || hops > maxPreimageHops {
		return maybe
	}
	tab := t.AssociatedTable(attID)
	if tab == nil || len(tab.BGPGaps) > 0 {
		return maybe
	}
	r := tab.Lookup(dst)
	if r == nil || r.Blackhole || len(r.Attachments) == 0 {
		return never
	}
	next := p.n.Attachments[r.Attachments[0]]
	if next == nil {
		return maybe
	}
	switch next.Type {
	case model.TGWAttachVPC:
		v := p.n.VPCs[next.ResourceID]
		if v == nil || len(next.Subnets) == 0 {
			return maybe
		}
		out := never
		for _, sid := range next.Subnets { // any of them: appliance mode and AZs pick one (R5.2)
			s := p.n.Subnets[sid]
			if s == nil {
				return maybe
			}
			out = max(out, p.route(v, s.RT, dst, target, hops+1))
		}
		return out
	case model.TGWAttachPeering:
		peer := next.TGW
		if peer == id || peer == "" {
			peer = next.PeerTGW
		}
		if peer == "" || peer == id {
			return maybe
		}
		return p.tgw(peer, next.ID, dst, target, hops+1)
	}
	return maybe
}

// outMay returns what e's outbound rules may let out to dst.
func (p *preimage) outMay(e *network.ENI, dst netip.Addr) services {
	return p.groupsMay(e, p.out, false, dst)
}

// inMay returns what e's inbound rules may let in from src.
func (p *preimage) inMay(e *network.ENI, src netip.Addr) services {
	return p.groupsMay(e, p.in, true, src)
}

func (p *preimage) groupsMay(e *network.ENI, memo map[*network.SG]services, ingress bool, peer netip.Addr) services {
	if len(e.SGs) == 0 || len(e.MissingSGs) > 0 {
		return anything // no groups: nothing filters (reach skips them); missing: unknown
	}
	var out services
	for _, g := range e.SGs {
		m, ok := memo[g]
		if !ok {
			m = newGroupFilterOf(p.n, []*network.SG{g}, ingress).admits(peer)
			memo[g] = m
		}
		out = append(out, m...)
	}
	return out
}

// service is what one rule lets through, addresses aside.
type service struct {
	proto model.Protocol
	ports model.PortRange // zero: every port
}

// services are the rules that match one address; anything is every packet.
type services []service

var anything = services{{proto: model.ProtoAll}}

// meets reports whether some packet is let through by a rule of both.
func (a services) meets(b services) bool {
	for _, x := range a {
		for _, y := range b {
			if x.meets(y) {
				return true
			}
		}
	}
	return false
}

func (x service) meets(y service) bool {
	if x.proto == model.ProtoAll || y.proto == model.ProtoAll {
		return true
	}
	if x.proto != y.proto {
		return false
	}
	if !x.proto.HasPorts() || x.ports == (model.PortRange{}) || y.ports == (model.PortRange{}) {
		return true
	}
	return x.ports.From <= y.ports.To && y.ports.From <= x.ports.To
}

// groupFilter indexes the rules of some groups in one direction by what
// their addresses can match: CIDRs and prefix-list entries by prefix (one
// lookup per prefix length in use, as network's rule index), group
// references by group (R2.5); a rule naming what the input lacks matches
// everything.
type groupFilter struct {
	n        *network.Network
	all      bool
	byPrefix map[netip.Prefix]services
	lengths  []int
	groups   map[string]services
}

// newGroupFilter reads e's inbound (ingress) or outbound groups.
func newGroupFilter(n *network.Network, e *network.ENI, ingress bool) *groupFilter {
	if len(e.SGs) == 0 || len(e.MissingSGs) > 0 {
		return &groupFilter{n: n, all: true}
	}
	return newGroupFilterOf(n, e.SGs, ingress)
}

func newGroupFilterOf(n *network.Network, sgs []*network.SG, ingress bool) *groupFilter {
	f := &groupFilter{n: n, byPrefix: map[netip.Prefix]services{}, groups: map[string]services{}}
	seen := map[int]bool{}
	add := func(q netip.Prefix, sv service) {
		q = q.Masked()
		f.byPrefix[q] = append(f.byPrefix[q], sv)
		if l := q.Bits() + 1000*boolInt(q.Addr().Is6()); !seen[l] {
			seen[l] = true
			f.lengths = append(f.lengths, l)
		}
	}
	for _, g := range sgs {
		rules := g.M.Egress
		if ingress {
			rules = g.M.Ingress
		}
		for _, r := range rules {
			sv := service{proto: r.Protocol, ports: r.Ports}
			switch {
			case r.Group != nil:
				if _, ok := n.SGs[r.Group.GroupID]; !ok {
					f.all = true
				}
				f.groups[r.Group.GroupID] = append(f.groups[r.Group.GroupID], sv)
			case r.PrefixList != "":
				pl, ok := model.Lookup[*model.PrefixList](n.Index, r.PrefixList)
				if !ok {
					f.all = true
					continue
				}
				for _, q := range pl.Entries {
					add(q, sv)
				}
			case r.CIDR.IsValid():
				add(r.CIDR, sv)
			}
		}
	}
	return f
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// admits returns what the rules whose addresses match a let through.
func (f *groupFilter) admits(a netip.Addr) services {
	if f.all {
		return anything
	}
	var out services
	for _, l := range f.lengths {
		if (l >= 1000) == a.Is4() {
			continue
		}
		if q, err := a.Prefix(l % 1000); err == nil {
			out = append(out, f.byPrefix[q]...)
		}
	}
	if len(f.groups) == 0 {
		return out
	}
	for _, o := range f.n.ENIsByIP(a) {
		for _, g := range o.SGs {
			out = append(out, f.groups[g.M.ID]...)
		}
	}
	return out
}
