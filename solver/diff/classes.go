package diff

import (
	"net/netip"
	"sort"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/scan"
)

// boundaries returns every IPv4 address where a CIDR of either snapshot
// (rules, routes, prefix lists, VPCs, sites) starts or ends+1.
func boundaries(snaps ...*model.Snapshot) []netip.Addr {
	seen := map[netip.Addr]bool{netip.IPv4Unspecified(): true}
	add := func(p netip.Prefix) {
		if !p.IsValid() || !p.Addr().Is4() {
			return
		}
		r := netipx.RangeOfPrefix(p.Masked())
		seen[r.From()] = true
		if next := r.To().Next(); next.IsValid() && next.Is4() {
			seen[next] = true
		}
	}
	for _, s := range snaps {
		for _, p := range snapshotPrefixes(s) {
			add(p)
		}
	}
	out := make([]netip.Addr, 0, len(seen))
	for a := range seen {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Less(out[j]) })
	return out
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
	return out
}

// notInternet is every address that is no internet host: private and
// special-use ranges and the public addresses of either estate.
func notInternet(nets ...*network.Network) *netipx.IPSet {
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

// internetClasses partitions the internet hosts at the boundaries; every
// rule and route of both snapshots treats each class alike (scan.Partition).
func internetClasses(not *netipx.IPSet, bounds []netip.Addr) []scan.Class {
	var b netipx.IPSetBuilder
	b.AddPrefix(netip.MustParsePrefix("0.0.0.0/0"))
	b.RemoveSet(not)
	u, _ := b.IPSet()
	return scan.Partition(u, bounds)
}

// portClasses splits 1-65535 at the port bounds of both networks.
func portClasses(proto model.Protocol, nets ...*network.Network) []model.PortRange {
	seen := map[uint16]bool{}
	var bounds []uint16
	for _, n := range nets {
		for _, b := range n.PortBounds(proto) {
			if !seen[b] {
				seen[b] = true
				bounds = append(bounds, b)
			}
		}
	}
	sort.Slice(bounds, func(i, j int) bool { return bounds[i] < bounds[j] })
	var out []model.PortRange
	from, to := uint16(1), uint16(65535)
	for _, b := range bounds {
		if b > from && b <= to {
			out = append(out, model.PortRange{From: from, To: b - 1})
			from = b
		}
	}
	return append(out, model.PortRange{From: from, To: to})
}
