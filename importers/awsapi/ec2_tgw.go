package awsapi

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// collectTransitGateways reads transit gateways, their attachments and route
// tables, and each route table's routes, associations and propagations (R4).
func collectTransitGateways(s *scope) {
	c := ec2.NewFromConfig(s.cfg)
	s.spawn(func() {
		p := ec2.NewDescribeTransitGatewaysPaginator(c, nil)
		list(s, "TransitGateways", p.HasMorePages, p.NextPage, func(o *ec2.DescribeTransitGatewaysOutput) []types.TransitGateway {
			return o.TransitGateways
		})
	})
	s.spawn(func() {
		p := ec2.NewDescribeTransitGatewayAttachmentsPaginator(c, nil)
		list(s, "TransitGatewayAttachments", p.HasMorePages, p.NextPage, func(o *ec2.DescribeTransitGatewayAttachmentsOutput) []types.TransitGatewayAttachment {
			return o.TransitGatewayAttachments
		})
	})
	s.spawn(func() {
		p := ec2.NewDescribeTransitGatewayVpcAttachmentsPaginator(c, nil)
		list(s, "TransitGatewayVpcAttachments", p.HasMorePages, p.NextPage, func(o *ec2.DescribeTransitGatewayVpcAttachmentsOutput) []types.TransitGatewayVpcAttachment {
			return o.TransitGatewayVpcAttachments
		})
	})
	s.spawn(func() {
		p := ec2.NewDescribeTransitGatewayPeeringAttachmentsPaginator(c, nil)
		list(s, "TransitGatewayPeeringAttachments", p.HasMorePages, p.NextPage, func(o *ec2.DescribeTransitGatewayPeeringAttachmentsOutput) []types.TransitGatewayPeeringAttachment {
			return o.TransitGatewayPeeringAttachments
		})
	})
	s.spawn(func() { tgwRouteTables(s, c) })
}

func tgwRouteTables(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeTransitGatewayRouteTablesPaginator(c, nil)
	rts, ok := list(s, "TransitGatewayRouteTables", p.HasMorePages, p.NextPage, func(o *ec2.DescribeTransitGatewayRouteTablesOutput) []types.TransitGatewayRouteTable {
		return o.TransitGatewayRouteTables
	})
	if !ok {
		return
	}
	files := []string{"TransitGatewayStaticRoutes", "TransitGatewayAssociations", "TransitGatewayPropagations"}
	forEach(s, ids(rts, func(t types.TransitGatewayRouteTable) *string { return t.TransitGatewayRouteTableId }), files, func(id string) {
		s.spawn(func() { tgwRoutes(s, c, id) })
		s.spawn(func() { tgwAssociations(s, c, id) })
		tgwPropagations(s, c, id)
	})
}

// tgwRoutes writes the active and blackhole routes (static and propagated, R5.5, R5.6)
// of one route table; search-transit-gateway-routes requires a filter.
func tgwRoutes(s *scope, c *ec2.Client, id string) {
	in := &ec2.SearchTransitGatewayRoutesInput{TransitGatewayRouteTableId: aws.String(id),
		Filters: []types.Filter{{Name: aws.String("state"), Values: []string{"active", "blackhole"}}}}
	p := ec2.NewSearchTransitGatewayRoutesPaginator(c, in)
	rs, ok := pages(s, id, p.HasMorePages, p.NextPage, func(o *ec2.SearchTransitGatewayRoutesOutput) []types.TransitGatewayRoute { return o.Routes })
	if ok {
		s.files.wrap("TransitGatewayStaticRoutes", id, map[string]any{"TransitGatewayRouteTableId": id, "Routes": rs}, len(rs))
	}
}

func tgwAssociations(s *scope, c *ec2.Client, id string) {
	p := ec2.NewGetTransitGatewayRouteTableAssociationsPaginator(c, &ec2.GetTransitGatewayRouteTableAssociationsInput{TransitGatewayRouteTableId: aws.String(id)})
	as, ok := pages(s, id, p.HasMorePages, p.NextPage, func(o *ec2.GetTransitGatewayRouteTableAssociationsOutput) []types.TransitGatewayRouteTableAssociation {
		return o.Associations
	})
	if ok {
		s.files.wrap("TransitGatewayAssociations", id, map[string]any{"TransitGatewayRouteTableId": id, "Associations": as}, len(as))
	}
}

func tgwPropagations(s *scope, c *ec2.Client, id string) {
	p := ec2.NewGetTransitGatewayRouteTablePropagationsPaginator(c, &ec2.GetTransitGatewayRouteTablePropagationsInput{TransitGatewayRouteTableId: aws.String(id)})
	ps, ok := pages(s, id, p.HasMorePages, p.NextPage, func(o *ec2.GetTransitGatewayRouteTablePropagationsOutput) []types.TransitGatewayRouteTablePropagation {
		return o.TransitGatewayRouteTablePropagations
	})
	if ok {
		s.files.wrap("TransitGatewayPropagations", id, map[string]any{"TransitGatewayRouteTableId": id, "TransitGatewayRouteTablePropagations": ps}, len(ps))
	}
}
