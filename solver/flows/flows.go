// Package flows is the exact set representation of packet headers used by
// set questions ("what can reach X"): protocol, source address, source port,
// destination address, destination port, or ICMP type and code for ICMP.
//
// It is backed by github.com/np-guard/models' canonical interval products
// (netset.EndpointsTrafficSet), chosen over a BDD (github.com/dalzilio/rudd)
// by BenchmarkBuild: on realistic rule counts (20-500 boxes) the canonical
// product is faster to build and its cubes render directly as CIDRs and port
// ranges, which the compact human form needs. The BDD is kept as the test
// oracle (oracle_test.go). The representation is IPv4 only, as np-guard's is;
// Add reports an IPv6 box as an error instead of dropping it silently.
package flows

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/np-guard/models/pkg/netset"
	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// Box is one product of header ranges. For TCP and UDP the port ranges
// apply; for ICMP the type and code ranges (inclusive, 0-255).
type Box struct {
	Proto              model.Protocol
	Src, Dst           netipx.IPRange
	SrcPorts, DstPorts model.PortRange
	ICMPTypes          [2]int
	ICMPCodes          [2]int
}

// Set is an exact set of packet headers. The zero value is not usable; use New.
type Set struct {
	s *netset.EndpointsTrafficSet
}

// New returns the empty set.
func New() *Set { return &Set{s: netset.EmptyEndpointsTrafficSet()} }

// Add unions one box into the set.
func (s *Set) Add(b Box) error {
	t, err := b.traffic()
	if err != nil {
		return err
	}
	s.s = s.s.Union(t)
	return nil
}

// Union returns s ∪ o without changing either.
func (s *Set) Union(o *Set) *Set { return &Set{s: s.s.Union(o.s)} }

// IsEmpty reports whether no header is in the set.
func (s *Set) IsEmpty() bool { return s.s.IsEmpty() }

// Equal reports whether both sets hold exactly the same headers.
func (s *Set) Equal(o *Set) bool { return s.s.Equal(o.s) }

// Contains reports whether the concrete packet p is in the set.
func (s *Set) Contains(p network.Packet) bool {
	b := Box{Proto: p.Proto, Src: netipx.IPRangeFrom(p.Src, p.Src), Dst: netipx.IPRangeFrom(p.Dst, p.Dst),
		SrcPorts: model.PortRange{From: p.SrcPort, To: p.SrcPort}, DstPorts: model.PortRange{From: p.DstPort, To: p.DstPort},
		ICMPTypes: [2]int{p.ICMPType, p.ICMPType}, ICMPCodes: [2]int{p.ICMPCode, p.ICMPCode}}
	t, err := b.traffic()
	if err != nil {
		return false
	}
	return t.IsSubset(s.s)
}

// Cubes returns the canonical partition of the set, sorted, one line each.
func (s *Set) Cubes() []string {
	var out []string
	for _, c := range s.s.Partitions() {
		out = append(out, fmt.Sprintf("%s from %s to %s", c.S3.String(), c.S1.String(), c.S2.String()))
	}
	sort.Strings(out)
	return out
}

// String renders the canonical cubes separated by "; ".
func (s *Set) String() string { return strings.Join(s.Cubes(), "; ") }

func (b Box) traffic() (*netset.EndpointsTrafficSet, error) {
	src, err := block(b.Src)
	if err != nil {
		return nil, err
	}
	dst, err := block(b.Dst)
	if err != nil {
		return nil, err
	}
	t, err := b.transport()
	if err != nil {
		return nil, err
	}
	return netset.NewEndpointsTrafficSet(src, dst, t), nil
}

func (b Box) transport() (*netset.TransportSet, error) {
	switch b.Proto {
	case model.ProtoTCP:
		return netset.NewTCPTransport(int64(b.SrcPorts.From), int64(b.SrcPorts.To), int64(b.DstPorts.From), int64(b.DstPorts.To)), nil
	case model.ProtoUDP:
		return netset.NewUDPTransport(int64(b.SrcPorts.From), int64(b.SrcPorts.To), int64(b.DstPorts.From), int64(b.DstPorts.To)), nil
	case model.ProtoICMP:
		return netset.NewICMPTransport(int64(b.ICMPTypes[0]), int64(b.ICMPTypes[1]), int64(b.ICMPCodes[0]), int64(b.ICMPCodes[1])), nil
	}
	return nil, fmt.Errorf("flows: protocol %s is not representable (tcp, udp and icmp are)", b.Proto)
}

func block(r netipx.IPRange) (*netset.IPBlock, error) {
	if !r.IsValid() || !r.From().Is4() || !r.To().Is4() {
		return nil, fmt.Errorf("flows: address range %s is not IPv4; only IPv4 sets are supported", r)
	}
	return netset.IPBlockFromIPRangeStr(r.From().String() + "-" + r.To().String())
}

// Compact renders a set of ports and source ranges for people:
// "tcp 22,443 from 0.0.0.0/0": ranges become the fewest CIDRs.
func Compact(proto model.Protocol, ports []model.PortRange, from []netipx.IPRange) string {
	var cidrs []string
	for _, p := range Prefixes(from) {
		cidrs = append(cidrs, p.String())
	}
	return strings.TrimSpace(proto.String()+" "+PortsString(proto, ports)) + " from " + strings.Join(cidrs, ",")
}

// Prefixes turns address ranges into the fewest CIDRs covering exactly them.
func Prefixes(rs []netipx.IPRange) []netip.Prefix {
	var b netipx.IPSetBuilder
	for _, r := range rs {
		b.AddRange(r)
	}
	set, _ := b.IPSet()
	return set.Prefixes()
}

// PortsString renders merged port ranges: "22,443,8000-8080", "all"; ICMP has none.
func PortsString(proto model.Protocol, ports []model.PortRange) string {
	if !proto.HasPorts() {
		return ""
	}
	ports = MergePorts(ports)
	var parts []string
	for _, r := range ports {
		if r.From <= 1 && r.To == 65535 {
			return "all"
		}
		parts = append(parts, r.String())
	}
	return strings.Join(parts, ",")
}

// MergePorts sorts ranges and joins adjacent or overlapping ones.
func MergePorts(rs []model.PortRange) []model.PortRange {
	rs = append([]model.PortRange(nil), rs...)
	sort.Slice(rs, func(i, j int) bool { return rs[i].From < rs[j].From })
	var out []model.PortRange
	for _, r := range rs {
		if k := len(out); k > 0 && int(out[k-1].To)+1 >= int(r.From) {
			if r.To > out[k-1].To {
				out[k-1].To = r.To
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

// PortBox is one product of source and destination ports (TCP, UDP) or of
// ICMP types and codes.
type PortBox struct {
	SrcPorts, DstPorts model.PortRange
	ICMPTypes          [2]int
	ICMPCodes          [2]int
}

// Product returns the set src × dst × (the union of boxes) for one protocol.
// Building one product per peer class keeps the canonical form small.
func Product(proto model.Protocol, src, dst []netipx.IPRange, boxes []PortBox) (*Set, error) {
	sb, err := blocks(src)
	if err != nil {
		return nil, err
	}
	db, err := blocks(dst)
	if err != nil {
		return nil, err
	}
	t := netset.NoTransports()
	for _, pb := range boxes {
		b := Box{Proto: proto, SrcPorts: pb.SrcPorts, DstPorts: pb.DstPorts, ICMPTypes: pb.ICMPTypes, ICMPCodes: pb.ICMPCodes}
		bt, err := b.transport()
		if err != nil {
			return nil, err
		}
		t = t.Union(bt)
	}
	return &Set{s: netset.NewEndpointsTrafficSet(sb, db, t)}, nil
}

func blocks(rs []netipx.IPRange) (*netset.IPBlock, error) {
	if len(rs) == 0 {
		return netset.NewIPBlock(), nil
	}
	if len(rs) == 1 {
		return block(rs[0])
	}
	l, err := blocks(rs[:len(rs)/2])
	if err != nil {
		return nil, err
	}
	r, err := blocks(rs[len(rs)/2:])
	if err != nil {
		return nil, err
	}
	return l.Union(r), nil
}

// UnionAll unions many sets pairwise (balanced), which is much cheaper than
// adding them one by one to a growing set.
func UnionAll(sets []*Set) *Set {
	switch len(sets) {
	case 0:
		return New()
	case 1:
		return sets[0]
	}
	return UnionAll(sets[:len(sets)/2]).Union(UnionAll(sets[len(sets)/2:]))
}
