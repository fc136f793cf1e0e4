package awsjson

import (
	dx "github.com/aws/aws-sdk-go-v2/service/directconnect"
	dxtypes "github.com/aws/aws-sdk-go-v2/service/directconnect/types"

	"github.com/netverify/netverify/model"
)

func dxTags(ts []dxtypes.Tag) map[string]string {
	if len(ts) == 0 {
		return nil
	}
	m := map[string]string{}
	for _, t := range ts {
		m[str(t.Key)] = str(t.Value)
	}
	return m
}

func dxGateways(c *fileCtx, out *dx.DescribeDirectConnectGatewaysOutput, ps []pos) {
	for i, g := range out.DirectConnectGateways {
		x := &model.DXGateway{Meta: c.meta(str(g.DirectConnectGatewayId), at(ps, i), g.OwnerAccount, nil), ASN: i64(g.AmazonSideAsn),
			State: string(g.DirectConnectGatewayState)}
		x.Region = "" // DX gateways are global (R6.9)
		x.Name = str(g.DirectConnectGatewayName)
		x.SetTags(dxTags(g.Tags))
		c.part.DXGateways = append(c.part.DXGateways, x)
	}
}

func virtualInterfaces(c *fileCtx, out *dx.DescribeVirtualInterfacesOutput, ps []pos) {
	for i, v := range out.VirtualInterfaces {
		x := &model.VirtualInterface{Meta: c.meta(str(v.VirtualInterfaceId), at(ps, i), v.OwnerAccount, nil), Type: str(v.VirtualInterfaceType),
			VPNGateway: str(v.VirtualGatewayId), DXGateway: str(v.DirectConnectGatewayId), State: string(v.VirtualInterfaceState),
			ASN: int64(v.Asn), CustomerAddress: str(v.CustomerAddress), AmazonAddress: str(v.AmazonAddress)}
		if v.AsnLong != nil {
			x.ASN = *v.AsnLong
		}
		if r := str(v.Region); r != "" && c.region == "" {
			x.Region = r
		}
		x.Name = str(v.VirtualInterfaceName)
		x.SetTags(dxTags(v.Tags))
		for _, p := range v.RouteFilterPrefixes {
			if pr, ok := c.prefix(str(p.Cidr), x.Source, x.ID, "RouteFilterPrefixes"); ok {
				x.RoutePrefixes = append(x.RoutePrefixes, pr)
			}
		}
		c.part.VirtualInterfaces = append(c.part.VirtualInterfaces, x)
	}
}

func dxAssociations(c *fileCtx, out *dx.DescribeDirectConnectGatewayAssociationsOutput, ps []pos) {
	for i, a := range out.DirectConnectGatewayAssociations {
		x := model.DXGatewayAssociation{ID: str(a.AssociationId), Gateway: str(a.VirtualGatewayId), GatewayRegion: str(a.VirtualGatewayRegion),
			GatewayAccount: str(a.VirtualGatewayOwnerAccount), State: string(a.AssociationState)}
		if g := a.AssociatedGateway; g != nil {
			x.Gateway, x.GatewayRegion, x.GatewayAccount = str(g.Id), str(g.Region), str(g.OwnerAccount)
		}
		src := c.src(at(ps, i))
		for _, p := range a.AllowedPrefixesToDirectConnectGateway {
			if pr, ok := c.prefix(str(p.Cidr), src, x.ID, "AllowedPrefixesToDirectConnectGateway"); ok {
				x.AllowedPrefixes = append(x.AllowedPrefixes, pr)
			}
		}
		gw := str(a.DirectConnectGatewayId)
		m := c.meta(gw, at(ps, i), a.DirectConnectGatewayOwnerAccount, nil)
		m.Region = ""
		c.fixup(func(l *linker) {
			g, ok := l.dxgws[gw]
			if !ok {
				g = &model.DXGateway{Meta: m}
				l.s.DXGateways = append(l.s.DXGateways, g)
				l.dxgws[gw] = g
			}
			for _, have := range g.Associations {
				if have.ID == x.ID && x.ID != "" {
					return
				}
			}
			g.Associations = append(g.Associations, x)
		})
	}
}
