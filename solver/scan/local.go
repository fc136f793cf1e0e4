package scan

import (
	"net/netip"
	"slices"
	"sort"
	"strings"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// view is what one scan partitions: the internet's address classes and,
// per protocol, the port boundaries. The global view cuts at every CIDR and
// port range of the whole snapshot; it is exact for every question.
type view struct {
	internet []Class
	ports    map[model.Protocol][]uint16
	// rules, in a local view, index the filter rules that decide every
	// packet (see localView): portsFor cuts a peer's ports only at the rules
	// that can match its addresses. nil in the global view.
	rules *ruleIndex
}

// portRule is one filter rule's IPv4 prefixes (none: any address, e.g. a
// group reference), protocol and ports.
type portRule struct {
	prefixes []netip.Prefix
	proto    model.Protocol
	ports    model.PortRange
}

// ruleIndex finds the rules whose prefixes overlap a range of addresses.
// Prefixes nest or are disjoint, so a prefix overlaps [a, b] exactly when
// it starts inside it or contains a: the first are found by binary search
// in start order, the second by one lookup per prefix length in use.
type ruleIndex struct {
	rules    []portRule
	any      []int // rules without prefixes
	starts   []ruleStart
	byPrefix map[netip.Prefix][]int
	lengths  []int
}

type ruleStart struct {
	from netip.Addr
	rule int
}

func newRuleIndex(rules []portRule) *ruleIndex {
	ix := &ruleIndex{rules: rules, byPrefix: map[netip.Prefix][]int{}}
	seen := map[int]bool{}
	for i, r := range rules {
		if r.prefixes == nil {
			ix.any = append(ix.any, i)
		}
		for _, p := range r.prefixes {
			ix.starts = append(ix.starts, ruleStart{p.Addr(), i})
			ix.byPrefix[p] = append(ix.byPrefix[p], i)
			if !seen[p.Bits()] {
				seen[p.Bits()] = true
				ix.lengths = append(ix.lengths, p.Bits())
			}
		}
	}
	slices.SortFunc(ix.starts, func(a, b ruleStart) int { return a.from.Compare(b.from) })
	return ix
}

// overlapping calls f with every rule that may match an address of rs.
func (ix *ruleIndex) overlapping(rs []netipx.IPRange, f func(portRule)) {
	for _, i := range ix.any {
		f(ix.rules[i])
	}
	for _, r := range rs {
		a, b := r.From(), r.To()
		k, _ := slices.BinarySearchFunc(ix.starts, a, func(s ruleStart, t netip.Addr) int { return s.from.Compare(t) })
		for ; k < len(ix.starts) && ix.starts[k].from.Compare(b) <= 0; k++ {
			f(ix.rules[ix.starts[k].rule])
		}
		for _, l := range ix.lengths {
			if p, err := a.Prefix(l); err == nil {
				for _, i := range ix.byPrefix[p] {
					f(ix.rules[i])
				}
			}
		}
	}
}

// portsFor returns the port boundaries that can tell two packets with the
// peer ref apart. In a local view only the interface's security groups and
// its subnet's NACL decide (localView), and a rule whose addresses miss the
// peer's matches none of its packets, so its ports cannot split them: an
// interface whose group has a thousand rules, each with its own CIDR and
// port, then walks a few port classes per address class instead of
// thousands (issue 24: cost near-linear in the rules, not cubic).
func (s *Scanner) portsFor(v view, ref peerRef) map[model.Protocol][]uint16 {
	if v.rules == nil {
		return v.ports
	}
	lb := &localBounds{ports: map[model.Protocol]map[uint16]bool{model.ProtoTCP: {0: true}, model.ProtoUDP: {0: true}}}
	v.rules.overlapping(s.rangesOf(ref), func(r portRule) { lb.addPort(r.proto, r.ports) })
	return lb.sortedPorts()
}

// rangesOf returns the peer's addresses, or for a span of the scanner's
// internet classes one range from its first address to its last (a
// superset: more rules overlap it, which only adds cuts).
func (s *Scanner) rangesOf(ref peerRef) []netipx.IPRange {
	if ref.hi <= ref.lo {
		return ref.ranges
	}
	first, last := s.internet[ref.lo].Ranges, s.internet[ref.hi-1].Ranges
	if len(first) == 0 || len(last) == 0 {
		return []netipx.IPRange{netipx.IPRangeFrom(netip.IPv4Unspecified(), netip.AddrFrom4([4]byte{255, 255, 255, 255}))}
	}
	return []netipx.IPRange{netipx.IPRangeFrom(first[0].From(), last[len(last)-1].To())}
}

func (s *Scanner) global() view {
	return view{internet: s.internet, ports: map[model.Protocol][]uint16{
		model.ProtoTCP: s.N.PortBounds(model.ProtoTCP), model.ProtoUDP: s.N.PortBounds(model.ProtoUDP)}}
}

// localView is a coarser, equally exact view for the internet exposure of
// one interface whose traffic with the internet stays inside its own VPC:
// an instance, plain or NAT gateway interface whose subnet route table
// sends every internet address to local, the internet gateway, a gateway
// endpoint or a blackhole (routes to private ranges do not matter), with no
// gateway route table in front of it. Then a packet from
// the internet to it and its response meet only the interface's security
// groups, its subnet's NACL and that route table (R0.7, R3.3), so only their
// CIDRs and port ranges (and the VPC and site CIDRs, which decide what an
// address is) can tell two packets apart. An estate of a thousand VPCs has
// hundreds of CIDRs, one interface a handful: this is what keeps the
// exposure of every interface within the performance budget (issue 4).
// ok is false when the interface's traffic may leave the VPC; the global
// view then applies.
func (s *Scanner) localView(e *network.ENI) (view, bool) {
	if !s.closed(e) {
		return view{}, false
	}
	key := localKey(e)
	if v, ok := s.views[key]; ok {
		return v, true
	}
	lb := s.ownBounds(e)
	v := view{internet: s.coarsen(lb.addrs), ports: lb.sortedPorts(), rules: newRuleIndex(lb.rules)}
	s.views[key] = v
	return v, true
}

// ownBounds collects the CIDRs and port ranges of e's security groups (with
// the prefix lists they name), its subnet's NACL and route table.
func (s *Scanner) ownBounds(e *network.ENI) *localBounds {
	lb := &localBounds{ports: map[model.Protocol]map[uint16]bool{model.ProtoTCP: {0: true}, model.ProtoUDP: {0: true}}}
	for _, sg := range e.SGs {
		for _, rs := range [][]model.SGRule{sg.M.Ingress, sg.M.Egress} {
			for _, r := range rs {
				lb.addPrefix(r.CIDR)
				lb.addPort(r.Protocol, r.Ports)
				var pls []netip.Prefix
				if r.PrefixList != "" {
					if pl, ok := model.Lookup[*model.PrefixList](s.N.Index, r.PrefixList); ok {
						for _, p := range pl.Entries {
							lb.addPrefix(p)
						}
						pls = pl.Entries
					}
				}
				lb.addRule(r.CIDR, r.PrefixList != "", pls, r.Protocol, r.Ports)
			}
		}
	}
	if acl := e.Subnet.ACL; acl != nil {
		for _, es := range [][]model.ACLEntry{acl.In, acl.Out} {
			for _, en := range es {
				lb.addPrefix(en.CIDR)
				lb.addPort(en.Protocol, en.Ports)
				lb.addRule(en.CIDR, false, nil, en.Protocol, en.Ports)
			}
		}
	}
	if rt := e.Subnet.RT; rt != nil {
		for _, r := range rt.Routes() {
			lb.addPrefix(r.Dest)
		}
	}
	return lb
}

// closed reports whether e's traffic with the internet stays in its VPC
// (see localView).
func (s *Scanner) closed(e *network.ENI) bool {
	switch e.M.OwnerKind {
	case model.OwnerInstance, model.OwnerOther, model.OwnerNATGateway: // a NAT gateway drops what it did not open (R3.6)
	default:
		return false // load balancers forward to their targets
	}
	if e.Subnet == nil || e.VPC == nil || e.VPC.IGW == nil || e.VPC.EdgeRT[e.VPC.IGW.ID] != nil {
		return false
	}
	if rt := e.Subnet.RT; rt != nil {
		for _, r := range rt.Routes() {
			switch {
			case s.notContains(r.Dest): // never matches an internet host
			case r.Target.Kind == model.TargetGatewayEndpoint && isNFWEndpoint(s.N.Snap, r.Target.ID):
				return false // the firewall's rules decide too (R7.40)
			case r.Blackhole, r.Target.Kind == model.TargetLocal, r.Target.Kind == model.TargetIGW,
				r.Target.Kind == model.TargetGatewayEndpoint:
			default:
				return false
			}
		}
	}
	return true
}

// localKey names what a local view depends on: the subnet (its NACL and
// route table) and the set of security groups.
func localKey(e *network.ENI) string {
	ids := make([]string, 0, len(e.SGs)+1)
	for _, g := range e.SGs {
		ids = append(ids, g.M.ID)
	}
	sort.Strings(ids)
	return e.Subnet.M.ID + "|" + strings.Join(ids, ",")
}

type localBounds struct {
	addrs []netip.Addr
	ports map[model.Protocol]map[uint16]bool
	rules []portRule
}

// addRule records a rule for portsFor: its IPv4 prefixes (the CIDR, or the
// entries of its prefix list), none when it names only IPv6 ones (it
// matches no packet of this view), any address when it names neither (a
// security group reference, or a prefix list not in the snapshot).
func (b *localBounds) addRule(cidr netip.Prefix, viaList bool, list []netip.Prefix, p model.Protocol, ports model.PortRange) {
	if ports == (model.PortRange{}) {
		return
	}
	r := portRule{proto: p, ports: ports}
	prefixes := list
	if cidr.IsValid() {
		prefixes = []netip.Prefix{cidr}
	}
	if cidr.IsValid() || (viaList && list != nil) {
		for _, q := range prefixes {
			if q.IsValid() && q.Addr().Is4() {
				r.prefixes = append(r.prefixes, q.Masked())
			}
		}
		if r.prefixes == nil {
			return // IPv6 only
		}
	}
	b.rules = append(b.rules, r)
}

func (b *localBounds) addPrefix(p netip.Prefix) {
	if !p.IsValid() || !p.Addr().Is4() {
		return
	}
	r := netipx.RangeOfPrefix(p.Masked())
	b.addrs = append(b.addrs, r.From())
	if next := r.To().Next(); next.IsValid() && next.Is4() {
		b.addrs = append(b.addrs, next)
	}
}

// addPort mirrors network.compilePortBounds for one rule.
func (b *localBounds) addPort(p model.Protocol, r model.PortRange) {
	for _, t := range []model.Protocol{model.ProtoTCP, model.ProtoUDP} {
		if p == t || p == model.ProtoAll {
			b.ports[t][r.From] = true
			if r.To < 65535 {
				b.ports[t][r.To+1] = true
			}
		}
	}
}

func (b *localBounds) sortedPorts() map[model.Protocol][]uint16 {
	out := map[model.Protocol][]uint16{}
	for p, set := range b.ports {
		for port := range set {
			out[p] = append(out[p], port)
		}
		slices.Sort(out[p])
	}
	return out
}

// coarsen merges consecutive global internet classes that no local boundary
// (nor a VPC or site CIDR, see fixedCuts) separates. Local boundaries are a
// subset of the global ones, so each local class is a union of global ones:
// a boundary b separates class i-1 from class i exactly when
// Rep(i-1) < b <= Rep(i).
func (s *Scanner) coarsen(bounds []netip.Addr) []Class {
	cut := slices.Clone(s.fixedCuts)
	for _, b := range bounds {
		if i := s.classAt(b); i > 0 && i < len(cut) {
			cut[i] = true
		}
	}
	var out []Class
	for i, c := range s.internet {
		if i == 0 || cut[i] {
			out = append(out, Class{Rep: c.Rep, lo: int32(i), hi: int32(i + 1)})
			continue
		}
		out[len(out)-1].hi = int32(i + 1)
	}
	return out
}

// classAt returns the index of the first internet class whose Rep is >= b.
func (s *Scanner) classAt(b netip.Addr) int {
	return sort.Search(len(s.internet), func(i int) bool { return !s.internet[i].Rep.Less(b) })
}

// notContains reports whether no internet host (of the scanner's address
// family) lies in p.
func (s *Scanner) notContains(p netip.Prefix) bool {
	if p.Addr().Is4() != s.all.Addr().Is4() {
		return true
	}
	r := netipx.RangeOfPrefix(p.Masked())
	i := sort.Search(len(s.notRanges), func(i int) bool { return !s.notRanges[i].To().Less(r.From()) })
	return i < len(s.notRanges) && s.notRanges[i].Contains(r.From()) && !s.notRanges[i].To().Less(r.To())
}

// cutsAtVPCsAndSites marks the cuts every local view keeps: VPC and site
// CIDRs decide whether an address is an interface, a site or a host (a VPC
// may use public addresses).
func (s *Scanner) cutsAtVPCsAndSites() []bool {
	cut := make([]bool, len(s.internet))
	lb := &localBounds{}
	for _, v := range s.N.Snap.VPCs {
		for _, p := range v.CIDRs {
			lb.addPrefix(p)
		}
	}
	for _, site := range s.N.Sites {
		for _, p := range site.M.CIDRs {
			lb.addPrefix(p)
		}
	}
	for _, b := range lb.addrs {
		if i := s.classAt(b); i > 0 && i < len(cut) {
			cut[i] = true
		}
	}
	return cut
}

func isNFWEndpoint(s *model.Snapshot, id string) bool {
	fw, _ := s.NFWEndpointByID(id)
	return fw != nil
}
