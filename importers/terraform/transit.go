package terraform

import (
	"strings"

	"github.com/netverify/netverify/model"
)

func init() {
	register(1, mapEndpoint, "aws_vpc_endpoint")
	register(1, mapPeering, "aws_vpc_peering_connection")
	register(1, mapTGW, "aws_ec2_transit_gateway")
	register(1, mapTGWVPCAttachment, "aws_ec2_transit_gateway_vpc_attachment")
	register(1, mapTGWPeeringAttachment, "aws_ec2_transit_gateway_peering_attachment")
	register(1, mapTGWRouteTable, "aws_ec2_transit_gateway_route_table")
	register(2, mapTGWRoute, "aws_ec2_transit_gateway_route")
	register(2, mapTGWAssociation, "aws_ec2_transit_gateway_route_table_association")
	register(2, mapTGWPropagation, "aws_ec2_transit_gateway_route_table_propagation")
}

// mapEndpoint: vpc_endpoint_type defaults to Gateway in the provider.
func mapEndpoint(b *builder, r *resource, o obj) {
	typ, ok := model.ParseEndpointType(o.str("vpc_endpoint_type"))
	if !ok && o.str("vpc_endpoint_type") != "" {
		b.ds.Warnf(r.Src, r.Addr, "%s: unknown vpc_endpoint_type %q; read as Gateway", r.Addr, o.str("vpc_endpoint_type"))
	}
	e := &model.VPCEndpoint{Meta: b.meta(r, o), VPC: o.str("vpc_id"), Type: typ, ServiceName: o.str("service_name"),
		State: o.str("state"), RouteTables: o.strs("route_table_ids"), Subnets: o.strs("subnet_ids"),
		ENIs: o.strs("network_interface_ids"), SecurityGroups: o.strs("security_group_ids"),
		PrivateDNSEnabled: o.boolean("private_dns_enabled", false), Policy: o.str("policy"), IPAddressType: o.str("ip_address_type")}
	for _, opt := range o.blocks("dns_options") {
		e.PrivateDNSOnlyForInboundResolver = opt.boolean("private_dns_only_for_inbound_resolver_endpoint", false)
	}
	for _, de := range o.blocks("dns_entry") {
		e.DNSEntries = append(e.DNSEntries, model.DNSEntry{Name: de.str("dns_name"), HostedZoneID: de.str("hosted_zone_id")})
	}
	if e.Type == model.EndpointGateway && e.ServiceName != "" {
		b.servicePrefixList(r, o, e.ServiceName)
	}
	b.s.VPCEndpoints = append(b.s.VPCEndpoints, e)
}

// mapPeering: the accepter side is in peer_owner_id/peer_region when it is
// another account or region; accept_status is the connection's status.
func mapPeering(b *builder, r *resource, o obj) {
	p := &model.PeeringConnection{Meta: b.meta(r, o), Status: strings.ReplaceAll(o.str("accept_status"), "_", "-")}
	p.Requester = model.PeeringSide{VPC: o.str("vpc_id"), Account: p.Account, Region: p.Region}
	p.Accepter = model.PeeringSide{VPC: o.str("peer_vpc_id"), Account: o.str("peer_owner_id"), Region: o.str("peer_region")}
	for _, s := range o.blocks("requester") {
		p.Requester.AllowDNSResolutionFromRemoteVPC = s.boolean("allow_remote_vpc_dns_resolution", false)
	}
	for _, s := range o.blocks("accepter") {
		p.Accepter.AllowDNSResolutionFromRemoteVPC = s.boolean("allow_remote_vpc_dns_resolution", false)
	}
	if p.Status == "" && r.placeholder && !o.boolean("auto_accept", false) && p.Accepter.Account != "" {
		p.Status = "pending-acceptance"
	}
	b.s.PeeringConnections = append(b.s.PeeringConnections, p)
}

func mapTGW(b *builder, r *resource, o obj) {
	t := &model.TransitGateway{Meta: b.meta(r, o), DNSSupport: o.boolean("dns_support", true),
		SGReferencingSupport: o.boolean("security_group_referencing_support", false)}
	t.ASN, _ = o.num("amazon_side_asn")
	if o.boolean("default_route_table_association", true) {
		t.DefaultAssociationRouteTable = o.str("association_default_route_table_id")
	}
	if o.boolean("default_route_table_propagation", true) {
		t.DefaultPropagationRouteTable = o.str("propagation_default_route_table_id")
	}
	b.s.TransitGateways = append(b.s.TransitGateways, t)
}

func mapTGWVPCAttachment(b *builder, r *resource, o obj) {
	a := &model.TGWAttachment{Meta: b.meta(r, o), TGW: o.str("transit_gateway_id"), Type: model.TGWAttachVPC,
		ResourceID: o.str("vpc_id"), ResourceOwner: o.str("vpc_owner_id"), Subnets: o.strs("subnet_ids"),
		ApplianceMode: o.boolean("appliance_mode_support", false), IPv6Support: o.boolean("ipv6_support", false),
		SGReferencing: o.boolean("security_group_referencing_support", false)}
	b.defaultAssociation(a, o)
	b.s.TGWAttachments = append(b.s.TGWAttachments, a)
}

func mapTGWPeeringAttachment(b *builder, r *resource, o obj) {
	a := &model.TGWAttachment{Meta: b.meta(r, o), TGW: o.str("transit_gateway_id"), Type: model.TGWAttachPeering,
		PeerTGW: o.str("peer_transit_gateway_id"), PeerAccount: o.str("peer_account_id"), PeerRegion: o.str("peer_region")}
	a.ResourceID = a.PeerTGW
	b.s.TGWAttachments = append(b.s.TGWAttachments, a)
}

// defaultAssociation associates a VPC attachment with its TGW's default
// association route table when Terraform leaves the default on (R5.4).
func (b *builder) defaultAssociation(a *model.TGWAttachment, o obj) {
	assoc := o.boolean("transit_gateway_default_route_table_association", true)
	prop := o.boolean("transit_gateway_default_route_table_propagation", true)
	b.post = append(b.post, func() {
		t, ok := lookup[*model.TransitGateway](b, a.TGW)
		if !ok {
			return
		}
		if rt, ok := lookup[*model.TGWRouteTable](b, t.DefaultAssociationRouteTable); ok && assoc && a.Association == "" {
			a.Association = rt.ID
			rt.Associations = appendUnique(rt.Associations, a.ID)
		}
		if rt, ok := lookup[*model.TGWRouteTable](b, t.DefaultPropagationRouteTable); ok && prop {
			rt.Propagations = appendUnique(rt.Propagations, a.ID)
		}
	})
}

func mapTGWRouteTable(b *builder, r *resource, o obj) {
	rt := &model.TGWRouteTable{Meta: b.meta(r, o), TGW: o.str("transit_gateway_id"),
		DefaultAssociation: o.boolean("default_association_route_table", false),
		DefaultPropagation: o.boolean("default_propagation_route_table", false), Routes: []model.TGWRoute{}}
	b.s.TGWRouteTables = append(b.s.TGWRouteTables, rt)
}

func (b *builder) tgwRouteTable(r *resource, o obj) (*model.TGWRouteTable, bool) {
	id := o.str("transit_gateway_route_table_id")
	rt, ok := lookup[*model.TGWRouteTable](b, id)
	if !ok {
		b.warnDangling(r, "transit_gateway_route_table_id", "transit gateway route table", id)
	}
	return rt, ok
}

func mapTGWRoute(b *builder, r *resource, o obj) {
	rt, ok := b.tgwRouteTable(r, o)
	if !ok {
		return
	}
	p, ok := b.cidr(r, o, "destination_cidr_block")
	if !ok {
		b.ds.Warnf(r.Src, r.Addr, "%s: destination_cidr_block is missing; the route is ignored", r.Addr)
		return
	}
	route := model.TGWRoute{Destination: p, Blackhole: o.boolean("blackhole", false), Source: r.Src}
	if att := o.str("transit_gateway_attachment_id"); att != "" && !route.Blackhole {
		route.Attachments = []string{att}
	}
	rt.Routes = append(rt.Routes, route)
}

func mapTGWAssociation(b *builder, r *resource, o obj) {
	rt, ok := b.tgwRouteTable(r, o)
	if !ok {
		return
	}
	att := o.str("transit_gateway_attachment_id")
	rt.Associations = appendUnique(rt.Associations, att)
	if a, ok := lookup[*model.TGWAttachment](b, att); ok {
		a.Association = rt.ID
	}
}

func mapTGWPropagation(b *builder, r *resource, o obj) {
	if rt, ok := b.tgwRouteTable(r, o); ok {
		rt.Propagations = appendUnique(rt.Propagations, o.str("transit_gateway_attachment_id"))
	}
}
