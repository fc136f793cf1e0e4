package terraform

import (
	"strings"

	"github.com/netverify/netverify/model"
)

func init() {
	register(1, mapRouteTable, "aws_route_table", "aws_default_route_table")
	register(2, mapRoute, "aws_route")
	register(2, mapRTAssociation, "aws_route_table_association")
	register(2, mapMainRTAssociation, "aws_main_route_table_association")
	register(2, mapVGWPropagation, "aws_vpn_gateway_route_propagation")
}

// routeTargets are the target arguments of a route, in the order AWS's
// provider checks them; gateway_id holds igw-, vgw- or a gateway endpoint.
var routeTargets = []struct {
	attr string
	kind model.TargetKind
}{
	{"gateway_id", model.TargetUnknown}, {"nat_gateway_id", model.TargetNAT},
	{"transit_gateway_id", model.TargetTGW}, {"vpc_peering_connection_id", model.TargetPeering},
	{"egress_only_gateway_id", model.TargetEIGW}, {"vpc_endpoint_id", model.TargetGWLBEndpoint},
	{"network_interface_id", model.TargetENI}, {"instance_id", model.TargetInstance},
	{"local_gateway_id", model.TargetLocalGW}, {"carrier_gateway_id", model.TargetCarrierGW},
	{"core_network_arn", model.TargetCoreNetwork},
}

// mapRouteTable reads a table with its inline routes. aws_default_route_table
// manages the VPC's main table (R1.1), so it is marked main.
func mapRouteTable(b *builder, r *resource, o obj) {
	rt := &model.RouteTable{Meta: b.meta(r, o), VPC: o.str("vpc_id"), Propagations: o.strs("propagating_vgws")}
	for _, blk := range o.blocks("route") {
		if rr, ok := b.route(r, blk, "cidr_block", "ipv6_cidr_block", "destination_prefix_list_id"); ok {
			rt.Routes = append(rt.Routes, rr)
		}
	}
	if r.Type == "aws_default_route_table" {
		rt.Associations = append(rt.Associations, model.RouteTableAssociation{Main: true})
		if rt.VPC == "" {
			b.post = append(b.post, func() { rt.VPC = b.vpcOfMainTable(rt.ID) })
		}
	}
	b.s.RouteTables = append(b.s.RouteTables, rt)
}

// vpcOfMainTable finds the VPC whose default_route_table_id is id (a plan
// does not know aws_default_route_table.vpc_id).
func (b *builder) vpcOfMainTable(id string) string {
	for _, r := range b.d.res {
		if r.Type == "aws_vpc" && b.d.attr(r, "default_route_table_id") == id {
			return b.d.id(r)
		}
	}
	return ""
}

// route reads one route; the destination attributes differ between inline
// routes (cidr_block) and aws_route (destination_cidr_block).
func (b *builder) route(r *resource, o obj, v4, v6, pl string) (model.Route, bool) {
	rr := model.Route{Source: r.Src, Origin: model.OriginStatic}
	if p, ok := b.cidr(r, o, v4); ok {
		rr.Destination = p
	} else if p, ok := b.cidr(r, o, v6); ok {
		rr.Destination = p
	} else if id := o.str(pl); id != "" {
		rr.DestPrefixList, rr.Origin = id, model.OriginPrefixList
	} else {
		b.ds.Warnf(r.Src, r.Addr, "%s: a route has no destination (%s, %s or %s); it is ignored", r.Addr, v4, v6, pl)
		return rr, false
	}
	for _, t := range routeTargets {
		id := o.str(t.attr)
		if id == "" {
			continue
		}
		kind := t.kind
		if kind == model.TargetUnknown {
			kind = model.TargetKindOfID(id)
		}
		rr.Target = model.Target{Kind: kind, ID: id}
		if kind == model.TargetLocal {
			rr.Target.ID = ""
		}
		break
	}
	if rr.Target.ID == "" && rr.Target.Kind != model.TargetLocal {
		b.ds.Warnf(r.Src, r.Addr, "%s: the route to %s has no target that can be resolved; it is kept as a blackhole", r.Addr, routeDest(rr))
		rr.Blackhole = true
	}
	rr.Blackhole = rr.Blackhole || strings.EqualFold(o.str("state"), "blackhole")
	return rr, true
}

func routeDest(r model.Route) string {
	if r.DestPrefixList != "" {
		return r.DestPrefixList
	}
	return r.Destination.String()
}

func mapRoute(b *builder, r *resource, o obj) {
	id := o.str("route_table_id")
	rt, ok := lookup[*model.RouteTable](b, id)
	if !ok {
		b.warnDangling(r, "route_table_id", "route table", id)
		return
	}
	if rr, ok := b.route(r, o, "destination_cidr_block", "destination_ipv6_cidr_block", "destination_prefix_list_id"); ok {
		rt.Routes = append(rt.Routes, rr)
	}
}

func mapRTAssociation(b *builder, r *resource, o obj) {
	id := o.str("route_table_id")
	rt, ok := lookup[*model.RouteTable](b, id)
	if !ok {
		b.warnDangling(r, "route_table_id", "route table", id)
		return
	}
	a := model.RouteTableAssociation{ID: b.d.id(r), Subnet: o.str("subnet_id"), Gateway: o.str("gateway_id")}
	if a.Subnet == "" && a.Gateway == "" {
		b.warnDangling(r, "subnet_id", "subnet", "")
		return
	}
	rt.Associations = append(rt.Associations, a)
}

// mapMainRTAssociation makes a table the VPC's main table (R1.1): the main
// flag moves from the VPC's previous main table, if it is in the file.
func mapMainRTAssociation(b *builder, r *resource, o obj) {
	id := o.str("route_table_id")
	rt, ok := lookup[*model.RouteTable](b, id)
	if !ok {
		b.warnDangling(r, "route_table_id", "route table", id)
		return
	}
	vpc := o.str("vpc_id")
	for _, other := range b.s.RouteTables {
		if other != rt && other.VPC == vpc {
			other.Associations = dropMain(other.Associations)
		}
	}
	if !rt.IsMain() {
		rt.Associations = append(rt.Associations, model.RouteTableAssociation{ID: b.d.id(r), Main: true})
	}
}

func dropMain(as []model.RouteTableAssociation) []model.RouteTableAssociation {
	out := as[:0]
	for _, a := range as {
		if !a.Main {
			out = append(out, a)
		}
	}
	return out
}

func mapVGWPropagation(b *builder, r *resource, o obj) {
	id := o.str("route_table_id")
	rt, ok := lookup[*model.RouteTable](b, id)
	if !ok {
		b.warnDangling(r, "route_table_id", "route table", id)
		return
	}
	if g := o.str("vpn_gateway_id"); g != "" {
		rt.Propagations = appendUnique(rt.Propagations, g)
	}
}
