package viz

import (
	"fmt"
	"strings"

	"github.com/netverify/netverify/model"
)

// maxDestLines is how many destinations a route edge lists before "+N more".
const maxDestLines = 4

// addRouteTables draws each route table of an expanded VPC once, inside the
// VPC: a dotted edge from every subnet that uses it (R1.1: its explicit
// association, else the main table), one edge per next hop labelled with the
// destinations sent there, and for a gateway route table (R1.2) an edge from
// the gateway it is associated with. A table's routes are drawn once however
// many subnets use it, so a VPC of many subnets stays legible.
func (b *builder) addRouteTables(v *model.VPC, vc *Cluster) {
	users := map[string][]string{}
	for _, sn := range b.s.Subnets {
		if sn.VPC != v.ID {
			continue
		}
		if rt := b.routeTable(sn); rt != nil {
			users[rt.ID] = append(users[rt.ID], sn.ID)
		}
	}
	for _, rt := range b.s.RouteTables {
		if rt.VPC != v.ID {
			continue
		}
		var gws []string
		for _, a := range rt.Associations {
			if a.Gateway != "" {
				gws = append(gws, a.Gateway)
			}
		}
		if len(users[rt.ID]) == 0 && len(gws) == 0 {
			continue // a table nothing uses routes nothing
		}
		if !b.kept(append(append([]string{rt.ID}, users[rt.ID]...), gws...)...) {
			continue
		}
		b.addNode(vc, rt.ID, b.routeTableLabel(rt), kRouteTbl, rt.ID)
		for _, sn := range users[rt.ID] {
			b.link("cluster:sn_"+sn, rt.ID, "", lAssoc)
		}
		for _, g := range gws {
			b.link(g, rt.ID, "ingress routing", lEdgeRT)
		}
		b.routeEdges(rt)
	}
}

func (b *builder) routeTableLabel(rt *model.RouteTable) string {
	head := "route table"
	if rt.IsMain() {
		head = "main route table"
	}
	return lines(head, rt.Label())
}

// routeEdges adds one edge per next hop of rt (local routes are the VPC
// itself and are not drawn), labelled with the destinations in words:
// CIDRs, and prefix lists by ID with the service they stand for.
func (b *builder) routeEdges(rt *model.RouteTable) {
	type hop struct {
		to    string
		hole  bool
		dests []string
	}
	var hops []*hop
	byKey := map[string]*hop{}
	for _, r := range rt.Routes {
		if r.Target.Kind == model.TargetLocal || r.Target.ID == "" {
			continue
		}
		key := fmt.Sprintf("%s|%t", r.Target.ID, r.Blackhole)
		h := byKey[key]
		if h == nil {
			h = &hop{to: r.Target.ID, hole: r.Blackhole}
			byKey[key] = h
			hops = append(hops, h)
		}
		h.dests = append(h.dests, b.destination(r))
	}
	for _, h := range hops {
		kind, label := lRoute, destList(h.dests)
		if h.hole {
			kind, label = lHole, label+"\n(blackhole)"
		}
		b.link(rt.ID, h.to, label, kind)
	}
}

// destination is a route's destination as people read it: "0.0.0.0/0",
// "pl-63a5400a (s3)".
func (b *builder) destination(r model.Route) string {
	if r.DestPrefixList == "" {
		return r.Destination.String()
	}
	for _, pl := range b.s.PrefixLists {
		if pl.ID == r.DestPrefixList {
			if n := serviceShort(or(pl.PrefixListName, pl.Name)); n != "" && n != pl.ID {
				return pl.ID + " (" + n + ")"
			}
		}
	}
	return r.DestPrefixList
}

// destList joins destinations one per line, the first few only.
func destList(ds []string) string {
	if len(ds) > maxDestLines {
		ds = append(ds[:maxDestLines-1:maxDestLines-1], fmt.Sprintf("+%d more", len(ds)-maxDestLines+1))
	}
	return strings.Join(ds, "\n")
}
