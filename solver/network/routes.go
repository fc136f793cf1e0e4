package network

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/gaissmai/bart"

	"github.com/netverify/netverify/model"
)

// Route is one compiled route: a prefix-list route becomes one Route per entry (R1.4).
type Route struct {
	Dest       netip.Prefix
	Target     model.Target
	Origin     model.RouteOrigin
	Blackhole  bool
	PrefixList string // the prefix list the route came from, if any
	ASPathLen  int
	MED        int
	Source     model.Source
}

// String renders the route as a route table shows it: "0.0.0.0/0 -> igw-1".
func (r *Route) String() string {
	dst := r.Dest.String()
	if r.PrefixList != "" {
		dst = r.PrefixList + " (" + dst + ")"
	}
	s := dst + " -> " + r.Target.String()
	if r.Blackhole {
		s += " (blackhole)"
	}
	if r.Origin.Propagated() {
		s += " [" + r.Origin.String() + "]"
	}
	return s
}

// rank orders routes with identical prefixes (R1.7, R1.8): local first, then
// static CIDR routes, prefix-list routes, DX BGP, VPN static, VPN BGP.
func (r *Route) rank() int {
	switch r.Origin {
	case model.OriginLocal:
		return 0
	case model.OriginStatic:
		if r.PrefixList != "" {
			return 2
		}
		return 1
	case model.OriginPrefixList, model.OriginGatewayEndpoint:
		return 2
	case model.OriginPropagatedDX:
		return 3
	case model.OriginPropagatedVPNStatic:
		return 4
	case model.OriginPropagatedVPNBGP:
		return 5
	}
	return 6
}

// better reports whether r wins a same-prefix tie against o (R1.7; AS path, MED,
// then lowest prefix-list ID for determinism, R1.8).
func (r *Route) better(o *Route) bool {
	if a, b := r.rank(), o.rank(); a != b {
		return a < b
	}
	if r.ASPathLen != o.ASPathLen {
		return r.ASPathLen < o.ASPathLen
	}
	if r.MED != o.MED {
		return r.MED < o.MED
	}
	return r.PrefixList < o.PrefixList
}

// RouteTable is a VPC route table compiled into a longest-prefix-match table.
type RouteTable struct {
	M     *model.RouteTable
	VPC   *VPC
	table bart.Table[*Route]
	// Notes lists what compilation found worth saying (shadowed routes, missing prefix lists).
	Notes []string
	// Unresolved are routes whose prefix list is not in the snapshot: which
	// destinations they take is unknown.
	Unresolved []UnresolvedRoute
	// BGPGaps are propagating gateways whose BGP-learned routes the input
	// does not list (issue 17).
	BGPGaps []BGPGap
}

// UnresolvedRoute is a route to a prefix list whose entries are unknown.
type UnresolvedRoute struct {
	PrefixList string // its ID, or the AWS service name of a gateway endpoint
	Target     string
	// AWSService is set for an AWS service's list (S3, DynamoDB): it holds
	// public addresses only, so no private destination can match it.
	AWSService bool
}

// Lookup returns the route that decides ip (R1.4), or nil when none covers it.
func (rt *RouteTable) Lookup(ip netip.Addr) *Route {
	r, ok := rt.table.Lookup(ip)
	if !ok {
		return nil
	}
	return r
}

// Routes returns the winning routes, sorted by prefix.
func (rt *RouteTable) Routes() []*Route {
	var out []*Route
	for _, r := range rt.table.AllSorted() {
		out = append(out, r)
	}
	return out
}

func (rt *RouteTable) insert(r *Route) {
	r.Dest = r.Dest.Masked()
	if old, ok := rt.table.Get(r.Dest); ok {
		if !r.better(old) {
			return
		}
		if old.PrefixList != "" && r.PrefixList != "" && old.PrefixList != r.PrefixList {
			rt.Notes = append(rt.Notes, fmt.Sprintf("prefix lists %s and %s overlap at %s; %s chosen (R1.8)", old.PrefixList, r.PrefixList, r.Dest, r.PrefixList))
		}
	}
	rt.table.Insert(r.Dest, r)
}

// compileRouteTable builds the LPM table of rt (R1.4-R1.9).
func (n *Network) compileRouteTable(m *model.RouteTable, v *VPC) *RouteTable {
	rt := &RouteTable{M: m, VPC: v}
	hasLocal := map[netip.Prefix]bool{}
	for i := range m.Routes {
		mr := &m.Routes[i]
		for _, r := range n.expandRoute(rt, mr) {
			if r.Target.Kind == model.TargetLocal {
				hasLocal[r.Dest.Masked()] = true
			}
			if r.Origin.Propagated() && v != nil && insideLocal(v.M, r.Dest) {
				// R1.6: a propagated route never beats the local route, even if more specific.
				rt.Notes = append(rt.Notes, fmt.Sprintf("propagated route %s ignored: inside the VPC CIDR (R1.6)", r))
				continue
			}
			rt.insert(r)
		}
	}
	n.addImplicitRoutes(rt, v, hasLocal)
	return rt
}

// addImplicitRoutes adds local routes (R1.5) and, for tables written by hand,
// the routes that propagation (R6.3) and gateway endpoints (R7.1) would create.
func (n *Network) addImplicitRoutes(rt *RouteTable, v *VPC, hasLocal map[netip.Prefix]bool) {
	if v == nil {
		return
	}
	for _, p := range append(append([]netip.Prefix{}, v.M.CIDRs...), v.M.IPv6CIDRs...) {
		if !hasLocal[p.Masked()] {
			if _, taken := rt.table.Get(p.Masked()); !taken {
				rt.insert(&Route{Dest: p, Target: model.Target{Kind: model.TargetLocal}, Origin: model.OriginLocal})
			}
		}
	}
	for _, vgwID := range rt.M.Propagations {
		if hasTarget(rt.M, vgwID, true) {
			continue
		}
		rt.BGPGaps = append(rt.BGPGaps, n.vgwGaps(vgwID)...)
		if g := n.VGWs[vgwID]; g != nil {
			for _, hr := range g.routes() {
				r := &Route{Dest: hr.Dest, Target: model.Target{Kind: model.TargetVGW, ID: vgwID}, Origin: hr.Origin}
				if !insideLocal(v.M, r.Dest) {
					rt.insert(r)
				}
			}
		}
	}
	for _, ep := range n.gatewayEndpointsFor(rt.M.ID) {
		if hasTarget(rt.M, ep.ID, false) {
			continue
		}
		if pl := n.prefixListByName(ep.ServiceName); pl != nil {
			for _, e := range pl.Entries {
				rt.insert(&Route{Dest: e, Target: model.Target{Kind: model.TargetGatewayEndpoint, ID: ep.ID},
					Origin: model.OriginGatewayEndpoint, PrefixList: pl.ID})
			}
		} else {
			rt.Notes = append(rt.Notes, fmt.Sprintf("gateway endpoint %s: the prefix list of %s is not in the snapshot; its route is not modelled", ep.ID, ep.ServiceName))
			rt.Unresolved = append(rt.Unresolved, UnresolvedRoute{PrefixList: ep.ServiceName, Target: ep.ID, AWSService: true})
		}
	}
}

func hasTarget(m *model.RouteTable, id string, propagated bool) bool {
	for _, r := range m.Routes {
		if r.Target.ID == id && (!propagated || r.Origin.Propagated()) {
			return true
		}
	}
	return false
}

// expandRoute turns a model route into compiled routes: one per prefix-list entry (R1.4).
func (n *Network) expandRoute(rt *RouteTable, mr *model.Route) []*Route {
	base := Route{Target: mr.Target, Origin: mr.Origin, Blackhole: mr.Blackhole, ASPathLen: mr.ASPathLen, MED: mr.MED, Source: mr.Source}
	if base.Target.Kind == model.TargetUnknown {
		base.Target.Kind = model.TargetKindOfID(base.Target.ID)
	}
	if mr.DestPrefixList == "" {
		if !mr.Destination.IsValid() {
			return nil
		}
		r := base
		r.Dest = mr.Destination
		return []*Route{&r}
	}
	pl := n.PrefixLists[mr.DestPrefixList]
	if pl == nil || pl.EntriesUnknown {
		why := "the prefix list is not in the snapshot"
		if pl != nil {
			why = "the input lists the prefix list but not its entries (R2.40)"
		}
		rt.Notes = append(rt.Notes, fmt.Sprintf("route to prefix list %s ignored: %s", mr.DestPrefixList, why))
		rt.Unresolved = append(rt.Unresolved, UnresolvedRoute{PrefixList: mr.DestPrefixList, Target: base.Target.String(),
			AWSService: strings.HasPrefix(mr.DestPrefixList, "com.amazonaws.")})
		return nil
	}
	out := make([]*Route, 0, len(pl.Entries))
	for _, e := range pl.Entries {
		r := base
		r.Dest, r.PrefixList = e, pl.ID
		if r.Origin == model.OriginStatic {
			r.Origin = model.OriginPrefixList
		}
		out = append(out, &r)
	}
	return out
}

// insideLocal reports whether p lies inside one of the VPC's CIDRs.
func insideLocal(v *model.VPC, p netip.Prefix) bool {
	for _, c := range append(append([]netip.Prefix{}, v.CIDRs...), v.IPv6CIDRs...) {
		if c.Bits() <= p.Bits() && c.Contains(p.Addr()) {
			return true
		}
	}
	return false
}
