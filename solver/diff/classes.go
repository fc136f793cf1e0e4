package diff

import (
	"net/netip"
	"sort"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/scan"
)

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
