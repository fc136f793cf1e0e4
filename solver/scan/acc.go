package scan

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/flows"
)

// hit is one reachable class of one pair.
type hit struct {
	proto model.Protocol
	via   string
	box   flows.PortBox
}

// peerRef names the addresses of a peer class without copying them: a span
// of the scanner's internet classes (lo..hi-1), or explicit ranges. Internet
// classes hold every hole the estate's own public addresses make, thousands
// of ranges on a large estate, so they are expanded only when a set is built
// and rendered once per distinct span list (Scanner.rendered).
type peerRef struct {
	lo, hi int32
	ranges []netipx.IPRange
}

// pairRanges are the addresses of one walked pair: the peer class's (for the
// compact form), the scanned endpoint's fixed side (its address) and which
// side that is, and the other side's addresses as addressed.
type pairRanges struct {
	peer     peerRef
	fixed    []netipx.IPRange
	fixedSrc bool
	vary     peerRef
}

type groupKey struct {
	kind, name string
}

// lineKey groups the classes that render as one Entry.
type lineKey struct {
	groupKey
	proto    model.Protocol
	via      string
	ports    string
	srcPorts string
}

// accumulator collects the reachable classes of a scan into the exact set
// and into compact entries.
type accumulator struct {
	// products gathers, per protocol, port boxes and fixed side (the
	// scanned endpoint's address), the peer ranges with exactly those boxes:
	// src × dst × boxes distributes over the union of peer ranges, so one
	// product per key replaces one per peer class (same set, far cheaper).
	products map[productKey]*product
	order    []productKey
	lines    map[lineKey][]peerRef
	err      error
	s        *Scanner
}

type productKey struct {
	proto model.Protocol
	boxes string // the boxes, encoded
	fixed string // the fixed side's ranges, encoded, and which side it is
}

type product struct {
	boxes    []flows.PortBox
	fixed    []netipx.IPRange
	fixedSrc bool // the fixed side is the source (scan --from)
	peers    []peerRef
}

func newAccumulator(s *Scanner) *accumulator {
	return &accumulator{products: map[productKey]*product{}, lines: map[lineKey][]peerRef{}, s: s}
}

// addProduct records fixed × vary × boxes.
func (a *accumulator) addProduct(proto model.Protocol, pr pairRanges, boxes []flows.PortBox) {
	k := productKey{proto: proto, boxes: fmt.Sprint(boxes), fixed: fmt.Sprint(pr.fixedSrc, pr.fixed)}
	p := a.products[k]
	if p == nil {
		p = &product{boxes: boxes, fixed: pr.fixed, fixedSrc: pr.fixedSrc}
		a.products[k] = p
		a.order = append(a.order, k)
	}
	p.peers = append(p.peers, pr.vary)
}

// expand returns the addresses of refs.
func (a *accumulator) expand(refs []peerRef) []netipx.IPRange {
	var out []netipx.IPRange
	for _, r := range refs {
		out = append(out, r.ranges...)
		for i := r.lo; i < r.hi; i++ {
			out = append(out, a.s.internet[i].Ranges...)
		}
	}
	return out
}

// sets builds the products.
func (a *accumulator) sets() ([]*flows.Set, error) {
	out := make([]*flows.Set, 0, len(a.order))
	for _, k := range a.order {
		p := a.products[k]
		src, dst := a.expand(p.peers), p.fixed
		if p.fixedSrc {
			src, dst = p.fixed, src
		}
		s, err := flows.Product(k.proto, src, dst, p.boxes)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (a *accumulator) addPair(k groupKey, pr pairRanges, eph model.PortRange, hits []hit) {
	byProto := map[model.Protocol][]flows.PortBox{}
	type pv struct {
		proto model.Protocol
		via   string
	}
	dstBySrc := map[pv]map[model.PortRange][]model.PortRange{} // dst class -> reachable source classes
	for _, h := range hits {
		byProto[h.proto] = append(byProto[h.proto], h.box)
		key := pv{h.proto, h.via}
		if dstBySrc[key] == nil {
			dstBySrc[key] = map[model.PortRange][]model.PortRange{}
		}
		dstBySrc[key][h.box.DstPorts] = append(dstBySrc[key][h.box.DstPorts], h.box.SrcPorts)
	}
	for _, proto := range []model.Protocol{model.ProtoTCP, model.ProtoUDP, model.ProtoICMP, model.ProtoICMPv6} {
		if boxes := byProto[proto]; len(boxes) > 0 {
			a.addProduct(proto, pr, boxes)
		}
	}
	for key, dsts := range dstBySrc {
		ports := map[string][]model.PortRange{} // source-port string -> destination classes
		for dc, scs := range dsts {
			sp := ""
			if merged := flows.MergePorts(scs); key.proto.HasPorts() && !(len(merged) == 1 && merged[0] == eph) {
				sp = flows.PortsString(key.proto, merged)
			}
			ports[sp] = append(ports[sp], dc)
		}
		for sp, dcs := range ports {
			lk := lineKey{groupKey: k, proto: key.proto, via: key.via, ports: flows.PortsString(key.proto, dcs), srcPorts: sp}
			a.lines[lk] = append(a.lines[lk], pr.peer)
		}
	}
}

// finish fills the result: the exact set and the entries, sorted.
func (a *accumulator) finish(res *Result) error {
	if a.err != nil {
		return a.err
	}
	res.products = a
	lines := a.lines
	a.lines = nil // the set needs only the products
	for k, refs := range lines {
		e := Entry{Proto: k.proto.String(), Ports: k.ports, SrcPorts: k.srcPorts, PeerKind: k.kind, Peer: k.name, Via: k.via, outward: res.Direction == From}
		r := a.cidrs(k.kind, refs)
		e.CIDRs, e.Except = r.cidrs, r.except
		res.Entries = append(res.Entries, e)
	}
	sort.Slice(res.Entries, func(i, j int) bool { return entryLess(res.Entries[i], res.Entries[j]) })
	return nil
}

// rendering is how one line names its peer addresses: CIDRs, or, when it
// is shorter, "every internet host except" a few CIDRs.
type rendering struct {
	cidrs, except []string
}

// cidrs renders the addresses of refs as the fewest CIDRs. Internet classes
// are rendered once per scanner for each distinct list of spans: the
// interfaces of an estate share a few answers ("from 0.0.0.0/0").
func (a *accumulator) cidrs(kind string, refs []peerRef) rendering {
	if kind != "internet" {
		return rendering{cidrs: prefixStrings(flows.Prefixes(a.expand(refs)))}
	}
	key := spanKey(refs)
	if out, ok := a.s.rendered[key]; ok && key != "" {
		return rendering{slices.Clone(out.cidrs), slices.Clone(out.except)}
	}
	rs := a.expand(refs)
	out := rendering{cidrs: prefixStrings(a.s.render(rs))}
	if except := prefixStrings(a.s.render(a.s.othersThan(rs))); len(except) > 0 && len(except) < len(out.cidrs) {
		out = rendering{cidrs: []string{a.s.all.String()}, except: except}
	}
	if key != "" {
		a.s.rendered[key] = out
	}
	return rendering{slices.Clone(out.cidrs), slices.Clone(out.except)}
}

// othersThan returns the internet hosts not in rs.
func (s *Scanner) othersThan(rs []netipx.IPRange) []netipx.IPRange {
	var b netipx.IPSetBuilder
	b.AddPrefix(s.all)
	for _, r := range rs {
		b.RemoveRange(r)
	}
	b.RemoveSet(s.notInternet)
	set, _ := b.IPSet()
	return set.Ranges()
}

// spanKey encodes refs made only of spans, sorted ("" when some are explicit).
func spanKey(refs []peerRef) string {
	spans := make([][2]int32, 0, len(refs))
	for _, r := range refs {
		if r.ranges != nil {
			return ""
		}
		spans = append(spans, [2]int32{r.lo, r.hi})
	}
	slices.SortFunc(spans, func(x, y [2]int32) int { return int(x[0] - y[0]) })
	var b strings.Builder
	for _, sp := range spans {
		fmt.Fprintf(&b, "%d-%d,", sp[0], sp[1])
	}
	return b.String()
}

func prefixStrings(ps []netip.Prefix) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// render turns internet ranges into the fewest CIDRs; they may absorb
// addresses that are not internet hosts, which no packet from the internet
// has, so "from 0.0.0.0/0" reads as "from every internet host".
func (s *Scanner) render(rs []netipx.IPRange) []netip.Prefix {
	var out []netip.Prefix
	for _, c := range s.components(rs) {
		for _, p := range c.Prefixes() {
			if !s.notContains(p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// components returns the ranges of rs ∪ notInternet that hold some of rs,
// sorted: a range of the union without any of rs lies inside notInternet
// and renders nothing, so the (large) rest of notInternet is never touched.
func (s *Scanner) components(rs []netipx.IPRange) []netipx.IPRange {
	var b netipx.IPSetBuilder
	for _, r := range rs {
		b.AddRange(r)
	}
	set, _ := b.IPSet()
	var out []netipx.IPRange
	for _, r := range set.Ranges() {
		from, to := r.From(), r.To()
		if n, ok := s.notRangeAt(from.Prev()); ok {
			from = n.From()
		}
		if n, ok := s.notRangeAt(to.Next()); ok {
			to = n.To()
		}
		if k := len(out); k > 0 && !out[k-1].To().Next().Less(from) {
			if out[k-1].To().Less(to) {
				out[k-1] = netipx.IPRangeFrom(out[k-1].From(), to)
			}
			continue
		}
		out = append(out, netipx.IPRangeFrom(from, to))
	}
	return out
}

// notRangeAt returns the range of notInternet that holds ip, if any.
func (s *Scanner) notRangeAt(ip netip.Addr) (netipx.IPRange, bool) {
	if !ip.IsValid() {
		return netipx.IPRange{}, false
	}
	i := sort.Search(len(s.notRanges), func(i int) bool { return !s.notRanges[i].To().Less(ip) })
	if i < len(s.notRanges) && s.notRanges[i].Contains(ip) {
		return s.notRanges[i], true
	}
	return netipx.IPRange{}, false
}

var protoOrder = map[string]int{"tcp": 0, "udp": 1, "icmp": 2, "icmpv6": 3}

var kindOrder = map[string]int{"internet": 0, "onprem": 1, "eni": 2}

func entryLess(x, y Entry) bool {
	if x.PeerKind != y.PeerKind {
		return kindOrder[x.PeerKind] < kindOrder[y.PeerKind]
	}
	if x.Peer != y.Peer {
		return x.Peer < y.Peer
	}
	if x.Proto != y.Proto {
		return protoOrder[x.Proto] < protoOrder[y.Proto]
	}
	if x.Via != y.Via {
		return x.Via < y.Via
	}
	if a, b := firstCIDR(x), firstCIDR(y); a != b {
		return a.Less(b)
	}
	return strings.Join(x.CIDRs, ",")+x.Ports+x.SrcPorts < strings.Join(y.CIDRs, ",")+y.Ports+y.SrcPorts
}

func firstCIDR(e Entry) netip.Addr {
	if len(e.CIDRs) == 0 {
		return netip.Addr{}
	}
	p, _ := netip.ParsePrefix(e.CIDRs[0])
	return p.Addr()
}
