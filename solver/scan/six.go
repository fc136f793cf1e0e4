package scan

import (
	"net/netip"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// IPv6 exposure. An interface with an IPv6 address in a VPC with an
// internet gateway may be reached from the internet without any NAT (R3.4;
// an egress-only gateway lets nothing in, R3.11). The IPv6 internet is
// partitioned like the IPv4 one, at every IPv6 CIDR of the snapshot, by a
// second Scanner whose classes are IPv6 (New6); the exact flow sets of
// solver/flows are IPv4 only, so an IPv6 result has entries and no Flows.

// globalUnicast is the IPv6 internet (RFC 4291: 2000::/3).
var globalUnicast = netip.MustParsePrefix("2000::/3")

// new6 prepares the IPv6 classes of n.
func new6(n *network.Network) *Scanner {
	s := &Scanner{N: n, all: netip.MustParsePrefix("::/0"), rendered: map[string]rendering{}, views: map[string]view{}}
	seen := map[netip.Addr]bool{}
	for _, a := range Boundaries6(n.Snap) {
		seen[a] = true
	}
	for _, rt := range routeTables(n) {
		for _, r := range rt.Routes() {
			addBounds(seen, r.Dest, true)
		}
	}
	s.bounds = sortedAddrs(seen)
	s.notInternet = NotInternet6(n)
	s.notRanges = s.notInternet.Ranges()
	var u netipx.IPSetBuilder
	u.AddPrefix(s.all)
	u.RemoveSet(s.notInternet)
	universe, _ := u.IPSet()
	s.internet = Partition(universe, s.bounds)
	for i := range s.internet {
		s.internet[i].lo, s.internet[i].hi = int32(i), int32(i+1)
	}
	return s
}

// Boundaries6 is Boundaries for IPv6: every address where an IPv6 CIDR of
// the snapshots (rules, routes, prefix lists, VPC IPv6 blocks) starts or ends+1.
func Boundaries6(snaps ...*model.Snapshot) []netip.Addr {
	seen := map[netip.Addr]bool{netip.IPv6Unspecified(): true}
	for _, s := range snaps {
		for _, p := range snapshotPrefixes(s) {
			addBounds(seen, p, true)
		}
		for _, v := range s.VPCs {
			for _, p := range v.IPv6CIDRs {
				addBounds(seen, p, true)
			}
		}
	}
	return sortedAddrs(seen)
}

// NotInternet6 is every IPv6 address that is no internet host: outside
// global unicast, the estates' own VPC blocks and interface addresses.
func NotInternet6(nets ...*network.Network) *netipx.IPSet {
	var not netipx.IPSetBuilder
	not.AddPrefix(netip.MustParsePrefix("::/0"))
	not.RemovePrefix(globalUnicast)
	for _, n := range nets {
		for _, v := range n.Snap.VPCs {
			for _, p := range v.IPv6CIDRs {
				not.AddPrefix(p.Masked()) // the estate's own ranges hold interfaces, not internet hosts
			}
		}
		for _, e := range n.ENIs {
			for _, ip := range e.M.IPv6 {
				not.Add(ip)
			}
		}
	}
	set, _ := not.IPSet()
	return set
}

// exposed6 lists the interfaces with an IPv6 address in a VPC with an
// internet gateway, with the address they are scanned at (the first).
func (s *Scanner) exposed6() []*network.ENI {
	var out []*network.ENI
	for _, e := range s.N.ENIs {
		if len(e.M.IPv6) > 0 && e.VPC != nil && (e.VPC.IGW != nil || e.VPC.M.IsUnlisted(model.UnlistedIGWs)) {
			out = append(out, e)
		}
	}
	return out
}
