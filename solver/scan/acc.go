package scan

import (
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
	sets  []*flows.Set
	lines map[lineKey][]netipx.IPRange
	err   error
	// notInternet is every address that is not an internet host (private,
	// special-use, the estate's own public addresses): rendering may fill
	// these holes so "from 0.0.0.0/0" reads as "from every internet host".
	notInternet *netipx.IPSet
}

func newAccumulator(notInternet *netipx.IPSet) *accumulator {
	return &accumulator{lines: map[lineKey][]netipx.IPRange{}, notInternet: notInternet}
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
	for proto, boxes := range byProto {
		s, err := flows.Product(proto, pr.src, pr.dst, boxes)
		if err != nil {
			a.err = err
			continue
		}
		a.sets = append(a.sets, s)
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
	res.Set = flows.UnionAll(a.sets)
	for k, rs := range a.lines {
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
	var b netipx.IPSetBuilder
	for _, r := range rs {
		b.AddRange(r)
	}
	b.AddSet(a.notInternet)
	set, _ := b.IPSet()
	var out []netip.Prefix
	for _, p := range set.Prefixes() {
		if !a.notInternet.ContainsPrefix(p) {
			out = append(out, p)
		}
	}
	return out
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
