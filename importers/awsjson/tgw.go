package awsjson

import (
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netverify/netverify/model"
)

func transitGateways(c *fileCtx, out *ec2.DescribeTransitGatewaysOutput, ps []pos) {
	for i, t := range out.TransitGateways {
		x := &model.TransitGateway{Meta: c.meta(str(t.TransitGatewayId), at(ps, i), t.OwnerId, nil), State: string(t.State)}
		x.Meta = c.arnOr(x.Meta, str(t.TransitGatewayArn))
		x.SetTags(ec2Tags(t.Tags))
		if o := t.Options; o != nil {
			x.ASN = i64(o.AmazonSideAsn)
			if o.DefaultRouteTableAssociation == ec2types.DefaultRouteTableAssociationValueEnable {
				x.DefaultAssociationRouteTable = str(o.AssociationDefaultRouteTableId)
			}
			if o.DefaultRouteTablePropagation == ec2types.DefaultRouteTablePropagationValueEnable {
				x.DefaultPropagationRouteTable = str(o.PropagationDefaultRouteTableId)
			}
			x.DNSSupport = o.DnsSupport == ec2types.DnsSupportValueEnable
			x.SGReferencingSupport = o.SecurityGroupReferencingSupport == ec2types.SecurityGroupReferencingSupportValueEnable
		}
		c.part.TransitGateways = append(c.part.TransitGateways, x)
	}
}

// arnOr sets the ARN and, where the path did not say, account and region from it.
func (c *fileCtx) arnOr(m model.Meta, arn string) model.Meta {
	if arn == "" {
		return m
	}
	a := c.arnMeta(m.ID, arn, pos{m.Source.Line, m.Source.Col})
	if m.Account != "" {
		a.Account = m.Account
	}
	if m.Region != "" {
		a.Region = m.Region
	}
	return a
}

func tgwAttachments(c *fileCtx, out *ec2.DescribeTransitGatewayAttachmentsOutput, ps []pos) {
	for i, a := range out.TransitGatewayAttachments {
		x := &model.TGWAttachment{Meta: c.meta(str(a.TransitGatewayAttachmentId), at(ps, i), a.TransitGatewayOwnerId, nil),
			TGW: str(a.TransitGatewayId), Type: model.TGWAttachmentType(a.ResourceType), ResourceID: str(a.ResourceId),
			ResourceOwner: str(a.ResourceOwnerId), State: string(a.State)}
		x.SetTags(ec2Tags(a.Tags))
		if a.Association != nil && a.Association.State != "disassociated" {
			x.Association = str(a.Association.TransitGatewayRouteTableId)
		}
		c.part.TGWAttachments = append(c.part.TGWAttachments, x)
	}
}

// tgwVPCAttachments adds subnets and options (appliance mode, R5.9) to the
// attachments; an attachment only listed here is created.
func tgwVPCAttachments(c *fileCtx, out *ec2.DescribeTransitGatewayVpcAttachmentsOutput, ps []pos) {
	for i, a := range out.TransitGatewayVpcAttachments {
		x := &model.TGWAttachment{Meta: c.meta(str(a.TransitGatewayAttachmentId), at(ps, i), a.VpcOwnerId, nil),
			TGW: str(a.TransitGatewayId), Type: model.TGWAttachVPC, ResourceID: str(a.VpcId), ResourceOwner: str(a.VpcOwnerId),
			State: string(a.State), Subnets: a.SubnetIds}
		x.SetTags(ec2Tags(a.Tags))
		if o := a.Options; o != nil {
			x.ApplianceMode = o.ApplianceModeSupport == ec2types.ApplianceModeSupportValueEnable
			x.IPv6Support = o.Ipv6Support == ec2types.Ipv6SupportValueEnable
			x.SGReferencing = o.SecurityGroupReferencingSupport == ec2types.SecurityGroupReferencingSupportValueEnable
		}
		c.fixup(func(l *linker) { l.mergeAttachment(x) })
	}
}

func tgwPeeringAttachments(c *fileCtx, out *ec2.DescribeTransitGatewayPeeringAttachmentsOutput, ps []pos) {
	for i, a := range out.TransitGatewayPeeringAttachments {
		req, acc := a.RequesterTgwInfo, a.AccepterTgwInfo
		if req == nil || acc == nil {
			continue
		}
		x := &model.TGWAttachment{Meta: c.meta(str(a.TransitGatewayAttachmentId), at(ps, i), req.OwnerId, nil),
			Type: model.TGWAttachPeering, State: string(a.State)}
		x.SetTags(ec2Tags(a.Tags))
		// The attachment belongs to the TGW of the account that reads it; the
		// fixup picks the side whose TGW is in the snapshot.
		c.fixup(func(l *linker) { l.mergePeeringAttachment(x, req, acc) })
	}
}

func tgwRouteTables(c *fileCtx, out *ec2.DescribeTransitGatewayRouteTablesOutput, ps []pos) {
	for i, t := range out.TransitGatewayRouteTables {
		x := &model.TGWRouteTable{Meta: c.meta(str(t.TransitGatewayRouteTableId), at(ps, i), nil, nil), TGW: str(t.TransitGatewayId),
			DefaultAssociation: boolv(t.DefaultAssociationRouteTable), DefaultPropagation: boolv(t.DefaultPropagationRouteTable),
			Routes: []model.TGWRoute{}}
		x.SetTags(ec2Tags(t.Tags))
		c.part.TGWRouteTables = append(c.part.TGWRouteTables, x)
	}
}

// tgwStaticRoutes reads Batfish's TransitGatewayStaticRoutes.json:
// [{TransitGatewayRouteTableId, Routes: <search-transit-gateway-routes output>}].
func tgwStaticRoutes(c *fileCtx, out *struct {
	TransitGatewayStaticRoutes []struct {
		TransitGatewayRouteTableId *string
		ec2.SearchTransitGatewayRoutesOutput
	}
}, ps []pos) {
	for i, t := range out.TransitGatewayStaticRoutes {
		c.tgwRoutes(str(t.TransitGatewayRouteTableId), t.Routes, at(ps, i))
	}
}

// tgwRoutesByName reads a bare search-transit-gateway-routes output whose
// file name carries the route table ID.
func tgwRoutesByName(c *fileCtx, out *ec2.SearchTransitGatewayRoutesOutput, ps []pos) {
	id := idInName(c.path, "tgw-rtb-")
	if id == "" {
		c.diags.Warnf(c.src(at(ps, 0)), "", "%s: transit gateway routes without the route table's ID; name the file TransitGatewayRoutes_tgw-rtb-….json or use TransitGatewayStaticRoutes.json; skipped", c.path)
		return
	}
	c.tgwRoutes(id, out.Routes, at(ps, 0))
}

// tgwRoutes maps routes (R5.6, R5.7): several attachments = ECMP; propagated
// routes are kept too (the collector reads every route of the table).
func (c *fileCtx) tgwRoutes(table string, rs []ec2types.TransitGatewayRoute, p pos) {
	src := c.src(p)
	var routes []model.TGWRoute
	for _, r := range rs {
		if r.State == ec2types.TransitGatewayRouteStateDeleted || r.State == ec2types.TransitGatewayRouteStateDeleting {
			continue
		}
		x := model.TGWRoute{DestPrefixList: str(r.PrefixListId), Propagated: r.Type == ec2types.TransitGatewayRouteTypePropagated,
			Blackhole: r.State == ec2types.TransitGatewayRouteStateBlackhole, Source: src}
		if x.DestPrefixList == "" {
			var ok bool
			if x.Destination, ok = c.prefix(str(r.DestinationCidrBlock), src, table, "DestinationCidrBlock"); !ok {
				continue
			}
		}
		for _, a := range r.TransitGatewayAttachments {
			x.Attachments = appendUnique(x.Attachments, str(a.TransitGatewayAttachmentId))
			x.ResourceType = string(a.ResourceType)
		}
		routes = append(routes, x)
	}
	m := c.meta(table, p, nil, nil)
	c.fixup(func(l *linker) { l.tgwTable(m).Routes = append(l.tgwTable(m).Routes, routes...) })
}

// tgwPropagations reads Batfish's TransitGatewayPropagations.json:
// [{TransitGatewayRouteTableId, TransitGatewayRouteTablePropagations: [...]}].
func tgwPropagations(c *fileCtx, out *struct {
	TransitGatewayPropagations []struct {
		TransitGatewayRouteTableId *string
		ec2.GetTransitGatewayRouteTablePropagationsOutput
	}
}, ps []pos) {
	for i, t := range out.TransitGatewayPropagations {
		c.tgwPropagationList(str(t.TransitGatewayRouteTableId), t.TransitGatewayRouteTablePropagations, at(ps, i))
	}
}

func tgwPropagationsByName(c *fileCtx, out *ec2.GetTransitGatewayRouteTablePropagationsOutput, ps []pos) {
	id := idInName(c.path, "tgw-rtb-")
	if id == "" {
		c.diags.Warnf(c.src(at(ps, 0)), "", "%s: route table propagations without the route table's ID; name the file TransitGatewayPropagations_tgw-rtb-….json or use TransitGatewayPropagations.json; skipped", c.path)
		return
	}
	c.tgwPropagationList(id, out.TransitGatewayRouteTablePropagations, at(ps, 0))
}

func (c *fileCtx) tgwPropagationList(table string, ps []ec2types.TransitGatewayRouteTablePropagation, p pos) {
	var ids []string
	for _, x := range ps {
		if x.State == ec2types.TransitGatewayPropagationStateEnabled || x.State == ec2types.TransitGatewayPropagationStateEnabling {
			ids = appendUnique(ids, str(x.TransitGatewayAttachmentId))
		}
	}
	m := c.meta(table, p, nil, nil)
	c.fixup(func(l *linker) {
		t := l.tgwTable(m)
		for _, id := range ids {
			t.Propagations = appendUnique(t.Propagations, id)
		}
	})
}

// tgwAssociations reads TransitGatewayAssociations.json:
// [{TransitGatewayRouteTableId, Associations: <get-transit-gateway-route-table-associations output>}].
func tgwAssociations(c *fileCtx, out *struct {
	TransitGatewayAssociations []struct {
		TransitGatewayRouteTableId *string
		ec2.GetTransitGatewayRouteTableAssociationsOutput
	}
}, ps []pos) {
	for i, t := range out.TransitGatewayAssociations {
		c.tgwAssociationList(str(t.TransitGatewayRouteTableId), t.Associations, at(ps, i))
	}
}

func tgwAssociationsByName(c *fileCtx, out *ec2.GetTransitGatewayRouteTableAssociationsOutput, ps []pos) {
	id := idInName(c.path, "tgw-rtb-")
	if id == "" {
		c.diags.Warnf(c.src(at(ps, 0)), "", "%s: route table associations without the route table's ID; name the file TransitGatewayAssociations_tgw-rtb-….json or use TransitGatewayAssociations.json; skipped", c.path)
		return
	}
	c.tgwAssociationList(id, out.Associations, at(ps, 0))
}

func (c *fileCtx) tgwAssociationList(table string, as []ec2types.TransitGatewayRouteTableAssociation, p pos) {
	var ids []string
	for _, a := range as {
		if a.State == ec2types.TransitGatewayAssociationStateAssociated || a.State == ec2types.TransitGatewayAssociationStateAssociating {
			ids = appendUnique(ids, str(a.TransitGatewayAttachmentId))
		}
	}
	m := c.meta(table, p, nil, nil)
	c.fixup(func(l *linker) {
		t := l.tgwTable(m)
		for _, id := range ids {
			t.Associations = appendUnique(t.Associations, id)
			if a, ok := l.attachments[id]; ok && a.Association == "" {
				a.Association = t.ID
			}
		}
	})
}
