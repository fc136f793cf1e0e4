package diff

import (
	"net/netip"
	"sort"
	"strings"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
	"github.com/netverify/netverify/solver/scan"
)

// spec names one end of a flow independently of a compiled network: an
// interface by ID, or a class of internet or on-premises addresses.
type spec struct {
	kind   reach.EndpointKind
	id     string // ENI ID or site ID
	class  *scan.Class
	label  string // for ranges; interfaces are named by name()
	eni    *network.ENI
	ip     netip.Addr
	ranges []netipx.IPRange
	v6     bool // an interface at its IPv6 address, or an IPv6 internet class
}

// name names the end for people: "i-1 (eni-1) 10.0.0.5", "internet".
func (s *spec) name() string {
	if s.eni != nil {
		return s.eni.Label() + " " + s.ip.String()
	}
	return s.label
}

// endpoint resolves s in n; ok is false when n lacks the interface or site.
func (s *spec) endpoint(n *network.Network) (reach.Endpoint, bool) {
	switch s.kind {
	case reach.AtENI:
		e := n.ENIs[s.id]
		if e == nil {
			return reach.Endpoint{}, false
		}
		ip := e.M.PrimaryIP()
		if s.v6 {
			if len(e.M.IPv6) == 0 {
				return reach.Endpoint{}, false
			}
			ip = e.M.IPv6[0]
		}
		if !ip.IsValid() {
			return reach.Endpoint{}, false
		}
		return reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: ip, Name: s.id, Ephemeral: scan.Ephemeral(n, e)}, true
	case reach.AtOnPrem:
		for _, site := range n.Sites {
			if site.M.ID == s.id {
				return reach.Endpoint{Kind: reach.AtOnPrem, Site: site, IP: s.class.Rep, Name: site.M.Label(), Ephemeral: reach.EphemeralLinux}, true
			}
		}
		return reach.Endpoint{}, false
	}
	return reach.Endpoint{Kind: reach.AtInternet, IP: s.class.Rep, Name: "internet", Ephemeral: reach.EphemeralLinux}, true
}

// question is one class of flows: a pair of ends, a protocol and a class of
// destination ports (ICMP: echo request).
type question struct {
	src, dst *spec
	proto    model.Protocol
	ports    model.PortRange
}

// verdict asks q on n: "absent" when an end does not exist there.
func (q question) verdict(n *network.Network) string {
	src, ok1 := q.src.endpoint(n)
	dst, ok2 := q.dst.endpoint(n)
	if !ok1 || !ok2 {
		return "absent"
	}
	return ask.Flow(n, src, dst, q.proto, q.ports.From, true).Verdict.String()
}

// touchedVPCs returns the VPCs whose traffic a change can alter, or nil for "all".
func touchedVPCs(changes []*Change, snaps ...*model.Snapshot) map[string]bool {
	out := map[string]bool{}
	for _, c := range changes {
		for _, r := range []model.Resource{c.in, c.live} {
			if r == nil {
				continue
			}
			vs, all := vpcsOf(r, snaps)
			if all {
				return nil
			}
			for _, v := range vs {
				out[v] = true
			}
		}
	}
	return out
}

// vpcsOf names the VPCs a resource belongs to; all is set for resources that
// can affect any VPC (transit, hybrid, DNS, prefix lists, ...).
func vpcsOf(r model.Resource, snaps []*model.Snapshot) (vpcs []string, all bool) {
	switch x := r.(type) {
	case *model.VPC:
		return []string{x.ID}, false
	case *model.Subnet:
		return []string{x.VPC}, false
	case *model.RouteTable:
		return []string{x.VPC}, false
	case *model.NetworkACL:
		return []string{x.VPC}, false
	case *model.SecurityGroup:
		return []string{x.VPC}, false
	case *model.ENI:
		return []string{x.VPC}, false
	case *model.Instance:
		return []string{x.VPC}, false
	case *model.InternetGateway:
		return x.VPCs, false
	case *model.EgressOnlyIGW:
		return []string{x.VPC}, false
	case *model.NATGateway:
		return []string{x.VPC}, false
	case *model.VPCEndpoint:
		return []string{x.VPC}, false
	case *model.PeeringConnection:
		return []string{x.Requester.VPC, x.Accepter.VPC}, false
	case *model.ElasticIP:
		return eniVPCs(x.ENI, snaps), false
	}
	return nil, true
}

func eniVPCs(id string, snaps []*model.Snapshot) []string {
	var out []string
	for _, s := range snaps {
		for _, e := range s.ENIs {
			if e.ID == id {
				out = append(out, e.VPC)
			}
		}
	}
	return out
}

// connected adds every VPC a VPC of set can exchange packets with: over
// VPC peering, over a transit gateway it is attached to, and over transit
// gateway peering to the VPCs of the peered gateways, transitively (a
// superset: the walk decides what really connects; asking more classes
// costs time, never a wrong answer).
func connected(set map[string]bool, snaps []*model.Snapshot) map[string]bool {
	g := map[string][]string{} // "vpc:ID" and "tgw:ID" nodes
	link := func(a, b string) { g[a], g[b] = append(g[a], b), append(g[b], a) }
	for _, s := range snaps {
		for _, p := range s.PeeringConnections {
			link("vpc:"+p.Requester.VPC, "vpc:"+p.Accepter.VPC)
		}
		for _, a := range s.TGWAttachments {
			switch a.Type {
			case model.TGWAttachVPC:
				link("tgw:"+a.TGW, "vpc:"+a.ResourceID)
			case model.TGWAttachPeering:
				peer := a.PeerTGW
				if peer == "" {
					peer = a.ResourceID
				}
				link("tgw:"+a.TGW, "tgw:"+peer)
			}
		}
	}
	out := map[string]bool{}
	var queue []string
	for v := range set {
		out[v] = true
		queue = append(queue, "vpc:"+v)
	}
	seen := map[string]bool{}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if seen[n] {
			continue
		}
		seen[n] = true
		if v, ok := strings.CutPrefix(n, "vpc:"); ok {
			out[v] = true
		}
		queue = append(queue, g[n]...)
	}
	return out
}

// eniSpecs lists the interfaces present in both networks (in VPCs of set,
// or all when set is nil), by ID: at their primary IPv4 address, or, with
// v6, at their first IPv6 address.
func eniSpecs(in, live *network.Network, ids []string, set map[string]bool, v6 bool) []*spec {
	var out []*spec
	for _, id := range ids {
		e, ie := live.ENIs[id], in.ENIs[id]
		if ie == nil || e.VPC == nil || (set != nil && !set[e.M.VPC]) {
			continue
		}
		ip := e.M.PrimaryIP()
		if v6 {
			if len(e.M.IPv6) == 0 || len(ie.M.IPv6) == 0 {
				continue
			}
			ip = e.M.IPv6[0]
		} else if !ip.Is4() {
			continue
		}
		out = append(out, &spec{kind: reach.AtENI, id: id, v6: v6, eni: e, ip: ip})
	}
	return out
}

// sortedIDs lists the live interfaces by ID.
func sortedIDs(n *network.Network) []string {
	out := make([]string, 0, len(n.ENIs))
	for id := range n.ENIs {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// internetSpecs6 lists the classes of IPv6 internet hosts of both networks.
func (cm *comparer) internetSpecs6() []*spec {
	var u netipx.IPSetBuilder
	u.AddPrefix(netip.MustParsePrefix("::/0"))
	u.RemoveSet(cm.notInet6)
	universe, _ := u.IPSet()
	var out []*spec
	for _, c := range scan.Partition(universe, scan.Boundaries6(cm.inSnap, cm.liveSnap)) {
		c := c
		out = append(out, &spec{kind: reach.AtInternet, class: &c, label: "internet", ranges: c.Ranges, v6: true})
	}
	return out
}

// rangeSpecs lists the internet classes and the on-premises classes of sites in both networks.
func (cm *comparer) rangeSpecs() []*spec {
	bounds := scan.Boundaries(cm.inSnap, cm.liveSnap)
	var out []*spec
	for _, c := range internetClasses(cm.notInet, bounds) {
		c := c
		out = append(out, &spec{kind: reach.AtInternet, class: &c, label: "internet", ranges: c.Ranges})
	}
	for _, site := range cm.liveSnap.Sites {
		if !hasSite(cm.inSnap, site.ID) {
			continue
		}
		for _, c := range scan.PrefixClasses(site.CIDRs, bounds) {
			c := c
			out = append(out, &spec{kind: reach.AtOnPrem, id: site.ID, class: &c, label: "on-premises " + site.Label(), ranges: c.Ranges})
		}
	}
	return out
}

func hasSite(s *model.Snapshot, id string) bool {
	for _, x := range s.Sites {
		if x.ID == id {
			return true
		}
	}
	return false
}

// sides are the ends the full recheck pairs, in one address family: the
// anchors (interfaces of the VPCs the changes touch) and the peers
// (interfaces of every VPC connected to them, then internet and
// on-premises classes). Every anchor is also a peer; specs are shared.
type sides struct {
	anchors []*spec
	anchor  map[*spec]bool
	peers   []*spec
	all     []*spec // peers, then any anchor that is no peer
}

// asker collects questions once each.
type asker struct {
	ports map[model.Protocol][]model.PortRange
	seen  map[question]bool
	out   []question
}

// add asks every class of flows from src to dst that s admits (nil: all).
func (a *asker) add(src, dst *spec, s *scope) {
	if src == dst {
		return
	}
	for _, p := range []model.Protocol{model.ProtoTCP, model.ProtoUDP} {
		for _, r := range a.ports[p] {
			if s == nil || s.admits(p, r) {
				a.ask(question{src: src, dst: dst, proto: p, ports: r})
			}
		}
	}
	echo := model.ProtoICMP
	if src.v6 {
		echo = model.ProtoICMPv6
	}
	if s == nil || s.admits(echo, model.PortRange{}) {
		a.ask(question{src: src, dst: dst, proto: echo})
	}
}

func (a *asker) ask(q question) {
	if !a.seen[q] {
		a.seen[q] = true
		a.out = append(a.out, q)
	}
}

// both asks the classes between x and y in both directions.
func (a *asker) both(x, y *spec, s *scope) {
	a.add(x, y, s)
	a.add(y, x, s)
}

// sidesOf builds the anchors and peers of the full recheck.
func (c *comparer) sidesOf() (v4, v6 sides) {
	snaps := []*model.Snapshot{c.inSnap, c.liveSnap}
	touched := touchedVPCs(c.changes, snaps...)
	var peerSet map[string]bool
	if touched != nil {
		peerSet = connected(touched, snaps)
	}
	build := func(anchors, peers []*spec) sides {
		sd := sides{anchor: map[*spec]bool{}, peers: peers, all: peers}
		byID := map[string]*spec{}
		for _, p := range peers {
			if p.kind == reach.AtENI {
				byID[p.id] = p
			}
		}
		for _, a := range anchors {
			if p := byID[a.id]; p != nil {
				a = p // one spec per interface, so pairs dedup
			} else {
				sd.all = append(sd.all[:len(sd.all):len(sd.all)], a)
			}
			sd.anchors = append(sd.anchors, a)
			sd.anchor[a] = true
		}
		return sd
	}
	ids := sortedIDs(c.live)
	v4 = build(eniSpecs(c.in, c.live, ids, touched, false), append(eniSpecs(c.in, c.live, ids, peerSet, false), c.rangeSpecs()...))
	// IPv6: the interfaces' IPv6 addresses with each other and the IPv6 internet.
	v6 = build(eniSpecs(c.in, c.live, ids, touched, true), append(eniSpecs(c.in, c.live, ids, peerSet, true), c.internetSpecs6()...))
	return v4, v6
}

// questions enumerates every class of flows between an anchor interface and
// a peer, both ways, once each (drift --full).
func (c *comparer) questions(ports map[model.Protocol][]model.PortRange) []question {
	a := &asker{ports: ports, seen: map[question]bool{}}
	v4, v6 := c.sidesOf()
	for _, sd := range []sides{v4, v6} {
		for _, x := range sd.anchors {
			for _, p := range sd.peers {
				a.both(x, p, nil)
			}
		}
	}
	return a.out
}

// affected enumerates the classes of the full recheck that some change can
// affect (its scope), once each: the same differing classes, fewer asked.
func (c *comparer) affected(ports map[model.Protocol][]model.PortRange) []question {
	a := &asker{ports: ports, seen: map[question]bool{}}
	v4, v6 := c.sidesOf()
	e := newReachEnv(c.in, c.live, c.inSnap, c.liveSnap)
	nets := e.nets()
	for _, ch := range c.changes {
		s := e.scopeOf(ch)
		for _, sd := range []sides{v4, v6} {
			if s.full {
				vpcs := changeVPCs(ch, c.inSnap, c.liveSnap)
				for _, x := range sd.anchors {
					if vpcs == nil || vpcs[c.vpcOf(x)] {
						for _, p := range sd.peers {
							a.both(x, p, nil)
						}
					}
				}
				continue
			}
			var others []*spec
			for _, p := range sd.peers {
				if s.otherEnd(p, nets) {
					others = append(others, p)
				}
			}
			for _, x := range sd.all {
				if x.kind != reach.AtENI || !s.ends[x.id] {
					continue
				}
				for _, o := range others {
					if sd.anchor[x] || sd.anchor[o] {
						a.both(x, o, &s)
					}
				}
			}
		}
	}
	return a.out
}

// vpcOf is the VPC of an interface spec (in the live network, as eniSpecs).
func (c *comparer) vpcOf(s *spec) string {
	if e := c.live.ENIs[s.id]; e != nil {
		return e.M.VPC
	}
	return ""
}

// changeVPCs are the VPCs the full recheck anchors for one change, or nil for all.
func changeVPCs(ch *Change, snaps ...*model.Snapshot) map[string]bool {
	return touchedVPCs([]*Change{ch}, snaps...)
}
