package terraform

import (
	"github.com/netverify/netverify/model"
)

func init() {
	register(1, mapVGW, "aws_vpn_gateway")
	register(2, mapVGWAttachment, "aws_vpn_gateway_attachment")
	register(1, mapCGW, "aws_customer_gateway")
	register(1, mapVPN, "aws_vpn_connection")
	register(2, mapVPNRoute, "aws_vpn_connection_route")
	register(1, mapDXGW, "aws_dx_gateway")
	register(2, mapDXGWAssociation, "aws_dx_gateway_association")
}

func mapVGW(b *builder, r *resource, o obj) {
	g := &model.VPNGateway{Meta: b.meta(r, o)}
	g.ASN, _ = o.num("amazon_side_asn")
	if v := o.str("vpc_id"); v != "" {
		g.VPCs = []string{v}
	}
	b.s.VPNGateways = append(b.s.VPNGateways, g)
}

func mapVGWAttachment(b *builder, r *resource, o obj) {
	id := o.str("vpn_gateway_id")
	g, ok := lookup[*model.VPNGateway](b, id)
	if !ok {
		b.warnDangling(r, "vpn_gateway_id", "virtual private gateway", id)
		return
	}
	if v := o.str("vpc_id"); v != "" {
		g.VPCs = appendUnique(g.VPCs, v)
	}
}

func mapCGW(b *builder, r *resource, o obj) {
	c := &model.CustomerGateway{Meta: b.meta(r, o)}
	c.ASN, _ = o.num("bgp_asn")
	c.IP, _ = addr(o.str("ip_address"))
	b.s.CustomerGateways = append(b.s.CustomerGateways, c)
}

// mapVPN reads a Site-to-Site VPN. On a transit gateway AWS creates the
// attachment itself; it is added here with the ID Terraform reports (or a
// placeholder that references to transit_gateway_attachment_id share).
func mapVPN(b *builder, r *resource, o obj) {
	v := &model.VPNConnection{Meta: b.meta(r, o), CustomerGateway: o.str("customer_gateway_id"),
		VPNGateway: o.str("vpn_gateway_id"), TransitGateway: o.str("transit_gateway_id"),
		StaticRoutesOnly: o.boolean("static_routes_only", false)}
	for _, k := range []string{"tunnel1_address", "tunnel2_address"} {
		if a, ok := addr(o.str(k)); ok {
			v.Tunnels = append(v.Tunnels, model.VPNTunnel{OutsideIP: a})
		}
	}
	b.s.VPNConnections = append(b.s.VPNConnections, v)
	if v.TransitGateway == "" {
		return
	}
	att := str(b.d.attr(r, "transit_gateway_attachment_id"))
	a := &model.TGWAttachment{Meta: model.Meta{ID: att, Account: v.Account, Region: v.Region, Source: r.Src,
		Name: v.Name + " (attachment)", Tags: map[string]string{"terraform:address": r.Addr}},
		TGW: v.TransitGateway, Type: model.TGWAttachVPN, ResourceID: v.ID}
	if r.placeholder {
		a.Assume(noteID)
	}
	b.s.TGWAttachments = append(b.s.TGWAttachments, a)
}

func mapVPNRoute(b *builder, r *resource, o obj) {
	id := o.str("vpn_connection_id")
	v, ok := lookup[*model.VPNConnection](b, id)
	if !ok {
		b.warnDangling(r, "vpn_connection_id", "VPN connection", id)
		return
	}
	if p, ok := b.cidr(r, o, "destination_cidr_block"); ok {
		v.Routes = append(v.Routes, p)
	}
}

func mapDXGW(b *builder, r *resource, o obj) {
	g := &model.DXGateway{Meta: b.meta(r, o), State: o.str("state")}
	g.ASN, _ = o.num("amazon_side_asn")
	if g.Name == r.Addr && o.str("name") != "" {
		g.Name = o.str("name")
	}
	b.s.DXGateways = append(b.s.DXGateways, g)
}

func mapDXGWAssociation(b *builder, r *resource, o obj) {
	id := o.str("dx_gateway_id")
	g, ok := lookup[*model.DXGateway](b, id)
	if !ok {
		b.warnDangling(r, "dx_gateway_id", "Direct Connect gateway", id)
		return
	}
	a := model.DXGatewayAssociation{ID: o.str("dx_gateway_association_id"), Gateway: o.str("associated_gateway_id"),
		GatewayAccount: o.str("associated_gateway_owner_account_id")}
	if a.Gateway == "" {
		a.Gateway = o.str("vpn_gateway_id")
	}
	for _, s := range o.strs("allowed_prefixes") {
		if p, ok := prefix(s); ok {
			a.AllowedPrefixes = append(a.AllowedPrefixes, p)
		}
	}
	g.Associations = append(g.Associations, a)
}
