package scan

import (
	"fmt"
	"net/netip"
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

// pairRanges are the addresses of one walked pair: the initiator's, the
// responder's as addressed, and the peer class's (for the compact form).
type pairRanges struct {
	peer, src, dst []netipx.IPRange
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
	lines    map[lineKey][]netipx.IPRange
	err      error
	// notInternet is every address that is not an internet host (private,
	// special-use, the estate's own public addresses): rendering may fill
	// these holes so "from 0.0.0.0/0" reads as "from every internet host".
	notInternet *netipx.IPSet
	notRanges   []netipx.IPRange // notInternet's ranges, sorted
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
	peers    []netipx.IPRange
}

func newAccumulator(notInternet *netipx.IPSet, notRanges []netipx.IPRange) *accumulator {
	return &accumulator{products: map[productKey]*product{}, lines: map[lineKey][]netipx.IPRange{},
		notInternet: notInternet, notRanges: notRanges}
}

// addProduct records src × dst × boxes; the side that is not the peer's is fixed.
func (a *accumulator) addProduct(proto model.Protocol, pr pairRanges, boxes []flows.PortBox) {
	fixed, peers, fixedSrc := pr.dst, pr.src, false
	if !sameRanges(pr.src, pr.peer) {
		fixed, peers, fixedSrc = pr.src, pr.dst, true
	}
	k := productKey{proto: proto, boxes: fmt.Sprint(boxes), fixed: fmt.Sprint(fixedSrc, fixed)}
	p := a.products[k]
	if p == nil {
		p = &product{boxes: boxes, fixed: fixed, fixedSrc: fixedSrc}
		a.products[k] = p
		a.order = append(a.order, k)
	}
	p.peers = append(p.peers, peers...)
}

func sameRanges(x, y []netipx.IPRange) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// sets builds the products.
func (a *accumulator) sets() ([]*flows.Set, error) {
	out := make([]*flows.Set, 0, len(a.order))
	for _, k := range a.order {
		p := a.products[k]
		src, dst := p.peers, p.fixed
		if p.fixedSrc {
			src, dst = p.fixed, p.peers
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
	for _, proto := range []model.Protocol{model.ProtoTCP, model.ProtoUDP, model.ProtoICMP} {
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
			a.lines[lk] = append(a.lines[lk], pr.peer...)
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
	for k, rs := range lines {
		e := Entry{Proto: k.proto.String(), Ports: k.ports, SrcPorts: k.srcPorts, PeerKind: k.kind, Peer: k.name, Via: k.via, outward: res.Direction == From}
		for _, p := range a.render(k.kind, rs) {
			e.CIDRs = append(e.CIDRs, p.String())
		}
		res.Entries = append(res.Entries, e)
	}
	sort.Slice(res.Entries, func(i, j int) bool { return entryLess(res.Entries[i], res.Entries[j]) })
	return nil
}

// render turns ranges into the fewest CIDRs; internet ranges may absorb
// addresses that are not internet hosts, which no packet from the internet has.
func (a *accumulator) render(kind string, rs []netipx.IPRange) []netip.Prefix {
	if kind != "internet" || a.notInternet == nil {
		return flows.Prefixes(rs)
	}
	var out []netip.Prefix
	for _, c := range a.components(rs) {
		for _, p := range c.Prefixes() {
			if !a.notContains(p) {
				out = append(out, p)
			}
		}
	}
	return out
}

// components returns the ranges of rs ∪ notInternet that hold some of rs,
// sorted: a range of the union without any of rs lies inside notInternet
// and renders nothing, so the (large) rest of notInternet is never touched.
func (a *accumulator) components(rs []netipx.IPRange) []netipx.IPRange {
	var b netipx.IPSetBuilder
	for _, r := range rs {
		b.AddRange(r)
	}
	set, _ := b.IPSet()
	var out []netipx.IPRange
	for _, r := range set.Ranges() {
		from, to := r.From(), r.To()
		if n, ok := a.notRangeAt(from.Prev()); ok {
			from = n.From()
		}
		if n, ok := a.notRangeAt(to.Next()); ok {
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
func (a *accumulator) notRangeAt(ip netip.Addr) (netipx.IPRange, bool) {
	if !ip.IsValid() {
		return netipx.IPRange{}, false
	}
	i := sort.Search(len(a.notRanges), func(i int) bool { return !a.notRanges[i].To().Less(ip) })
	if i < len(a.notRanges) && a.notRanges[i].Contains(ip) {
		return a.notRanges[i], true
	}
	return netipx.IPRange{}, false
}

var protoOrder = map[string]int{"tcp": 0, "udp": 1, "icmp": 2}

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

// notContains reports whether p lies inside notInternet (a binary search:
// notInternet holds every public address of the estate).
func (a *accumulator) notContains(p netip.Prefix) bool {
	r := netipx.RangeOfPrefix(p)
	n, ok := a.notRangeAt(r.From())
	return ok && !n.To().Less(r.To())
}
