package scan

import (
	"net/netip"
	"sort"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// Class is a set of addresses that every rule and route in the snapshot
// treats alike: walking Rep decides the whole class.
type Class struct {
	Rep    netip.Addr
	Ranges []netipx.IPRange
	// lo, hi: for the scanner's internet classes, the span of global
	// internet classes this class is (a local class may have nil Ranges).
	lo, hi int32
}

// ref names the class's addresses for the accumulator.
func (c Class) ref() peerRef {
	if c.hi > c.lo {
		return peerRef{lo: c.lo, hi: c.hi}
	}
	return peerRef{ranges: c.Ranges}
}

// internetUniverse is every public IPv4 address that is not one of the
// estate's own public addresses (those name interfaces, not internet hosts).
func internetUniverse(n *network.Network) *netipx.IPSet {
	var b netipx.IPSetBuilder
	b.AddPrefix(netip.MustParsePrefix("0.0.0.0/0"))
	b.RemoveSet(NotInternet(n))
	s, _ := b.IPSet()
	return s
}

// boundaries returns Boundaries of the snapshot and of the compiled route
// tables (which hold what compiling adds: expanded prefix lists, propagated
// routes): between two consecutive boundaries no rule or route can tell
// addresses apart.
func boundaries(n *network.Network) []netip.Addr {
	seen := map[netip.Addr]bool{}
	for _, a := range Boundaries(n.Snap) {
		seen[a] = true
	}
	for _, rt := range routeTables(n) {
		for _, r := range rt.Routes() {
			addBounds(seen, r.Dest, false)
		}
	}
	return sortedAddrs(seen)
}

// addBounds records where p starts and ends+1 when p is of the family asked
// for (v6: IPv6, else IPv4).
func addBounds(seen map[netip.Addr]bool, p netip.Prefix, v6 bool) {
	if !p.IsValid() || p.Addr().Is4() == v6 || p.Addr().Is4In6() {
		return
	}
	r := netipx.RangeOfPrefix(p.Masked())
	seen[r.From()] = true
	if next := r.To().Next(); next.IsValid() && next.Is4() == r.To().Is4() {
		seen[next] = true
	}
}

func sortedAddrs(seen map[netip.Addr]bool) []netip.Addr {
	out := make([]netip.Addr, 0, len(seen))
	for a := range seen {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Less(out[j]) })
	return out
}

// Boundaries returns every IPv4 address where a CIDR of the snapshots
// (rules, routes of VPC and transit gateway route tables, VPN static routes,
// prefix lists, VPCs, sites) starts or ends+1.
func Boundaries(snaps ...*model.Snapshot) []netip.Addr {
	seen := map[netip.Addr]bool{netip.IPv4Unspecified(): true}
	for _, s := range snaps {
		for _, p := range snapshotPrefixes(s) {
			addBounds(seen, p, false)
		}
	}
	return sortedAddrs(seen)
}

// snapshotPrefixes lists every prefix a filter or a route of s can match on.
func snapshotPrefixes(s *model.Snapshot) []netip.Prefix {
	var out []netip.Prefix
	for _, sg := range s.SecurityGroups {
		for _, r := range append(append([]model.SGRule(nil), sg.Ingress...), sg.Egress...) {
			out = append(out, r.CIDR)
		}
	}
	for _, a := range s.NetworkACLs {
		for _, e := range a.Entries {
			out = append(out, e.CIDR)
		}
	}
	for _, pl := range s.PrefixLists {
		out = append(out, pl.Entries...)
	}
	for _, v := range s.VPCs {
		out = append(out, v.CIDRs...)
	}
	for _, site := range s.Sites {
		out = append(out, site.CIDRs...)
	}
	for _, rt := range s.RouteTables {
		for _, r := range rt.Routes {
			out = append(out, r.Destination)
		}
	}
	for _, rt := range s.TGWRouteTables {
		for _, r := range rt.Routes {
			out = append(out, r.Destination)
		}
	}
	for _, v := range s.VPNConnections {
		out = append(out, v.Routes...)
	}
	for _, g := range s.NFWRuleGroups { // Network Firewall rules (R7.41)
		for _, r := range g.Rules {
			out = append(out, r.Match.Src...)
			out = append(out, r.Match.Dst...)
		}
	}
	return out
}

// NotInternet is every address that is no internet host: private and
// special-use ranges and the public addresses of the estates.
func NotInternet(nets ...*network.Network) *netipx.IPSet {
	var b netipx.IPSetBuilder
	for _, p := range []string{"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
		"172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3"} {
		b.AddPrefix(netip.MustParsePrefix(p))
	}
	for _, n := range nets {
		for _, e := range n.ENIs {
			for _, m := range e.M.PublicIPs {
				if m.PublicIP.IsValid() {
					b.Add(m.PublicIP)
				}
			}
			if pub, ok := n.PublicFor(e, e.M.PrimaryIP()); ok {
				b.Add(pub)
			}
		}
		for _, eip := range n.Snap.ElasticIPs {
			if eip.PublicIP.IsValid() {
				b.Add(eip.PublicIP)
			}
		}
	}
	s, _ := b.IPSet()
	return s
}

func routeTables(n *network.Network) []*network.RouteTable {
	seen := map[*network.RouteTable]bool{}
	var out []*network.RouteTable
	add := func(rt *network.RouteTable) {
		if rt != nil && !seen[rt] {
			seen[rt] = true
			out = append(out, rt)
		}
	}
	for _, s := range n.Subnets {
		add(s.RT)
	}
	for _, v := range n.VPCs {
		add(v.MainRT)
		for _, rt := range v.EdgeRT {
			add(rt)
		}
	}
	return out
}

// Partition cuts universe at the boundaries (sorted); each non-empty piece
// between two consecutive boundaries is a class. One sweep over both lists.
func Partition(universe *netipx.IPSet, bounds []netip.Addr) []Class {
	var out []Class
	cur := -1 // index of the boundary interval the last class belongs to
	for _, r := range universe.Ranges() {
		from := r.From()
		for from.IsValid() && !r.To().Less(from) {
			// i: the interval [bounds[i], bounds[i+1]) that holds from.
			i := sort.Search(len(bounds), func(k int) bool { return from.Less(bounds[k]) }) - 1
			to := r.To()
			if i+1 < len(bounds) && bounds[i+1].Prev().Less(to) {
				to = bounds[i+1].Prev()
			}
			piece := netipx.IPRangeFrom(from, to)
			if i == cur && len(out) > 0 {
				out[len(out)-1].Ranges = append(out[len(out)-1].Ranges, piece)
			} else {
				out = append(out, Class{Rep: from, Ranges: []netipx.IPRange{piece}})
				cur = i
			}
			from = to.Next()
		}
	}
	return out
}

// siteClasses partitions an on-premises site's IPv4 CIDRs at the boundaries.
func siteClasses(s *network.Site, bounds []netip.Addr) []Class {
	return PrefixClasses(s.M.CIDRs, bounds)
}

// PrefixClasses partitions the IPv4 prefixes at the boundaries.
func PrefixClasses(prefixes []netip.Prefix, bounds []netip.Addr) []Class {
	var b netipx.IPSetBuilder
	for _, p := range prefixes {
		if p.Addr().Is4() {
			b.AddPrefix(p.Masked())
		}
	}
	set, _ := b.IPSet()
	return Partition(set, bounds)
}

// portClasses splits r at the bounds: every port of a class meets the same rules.
func portClasses(bounds []uint16, r model.PortRange) []model.PortRange {
	var out []model.PortRange
	from := r.From
	for _, b := range bounds {
		if b > from && b <= r.To {
			out = append(out, model.PortRange{From: from, To: b - 1})
			from = b
		}
	}
	return append(out, model.PortRange{From: from, To: r.To})
}
