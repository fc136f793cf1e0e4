package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	dx "github.com/aws/aws-sdk-go-v2/service/directconnect"
	"github.com/aws/aws-sdk-go-v2/service/directconnect/types"
)

// collectDirectConnect reads the region's virtual interfaces and, in the
// account's home region only (they are global), the Direct Connect gateways
// and their associations (R5). The SDK has no paginators for Direct Connect.
func collectDirectConnect(s *scope) {
	c := dx.NewFromConfig(s.cfg)
	s.spawn(func() {
		listOnce(s, "VirtualInterfaces", func(ctx context.Context) (*dx.DescribeVirtualInterfacesOutput, error) {
			return c.DescribeVirtualInterfaces(ctx, &dx.DescribeVirtualInterfacesInput{})
		}, func(o *dx.DescribeVirtualInterfacesOutput) []types.VirtualInterface { return o.VirtualInterfaces })
	})
	if s.home {
		s.spawn(func() { dxGateways(s, c) })
	}
}

func dxGateways(s *scope, c *dx.Client) {
	gws, ok := listTokens(s, "DirectConnectGateways", func(ctx context.Context, token *string) ([]types.DirectConnectGateway, *string, error) {
		out, err := c.DescribeDirectConnectGateways(ctx, &dx.DescribeDirectConnectGatewaysInput{NextToken: token})
		if err != nil {
			return nil, nil, err
		}
		return out.DirectConnectGateways, out.NextToken, nil
	})
	if !ok {
		return
	}
	forEach(s, ids(gws, func(g types.DirectConnectGateway) *string { return g.DirectConnectGatewayId }), []string{"DirectConnectGatewayAssociations"}, func(id string) {
		dxAssociations(s, c, id)
	})
}

// dxAssociations appends one gateway's associations to the account's file.
func dxAssociations(s *scope, c *dx.Client, id string) {
	as, ok := tokens(s, id, func(ctx context.Context, token *string) ([]types.DirectConnectGatewayAssociation, *string, error) {
		out, err := c.DescribeDirectConnectGatewayAssociations(ctx, &dx.DescribeDirectConnectGatewayAssociationsInput{
			DirectConnectGatewayId: aws.String(id), NextToken: token})
		if err != nil {
			return nil, nil, err
		}
		return out.DirectConnectGatewayAssociations, out.NextToken, nil
	})
	if ok {
		s.files.appendPart("DirectConnectGatewayAssociations", id, as, len(as))
	}
}
