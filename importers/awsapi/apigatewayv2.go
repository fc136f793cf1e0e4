package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	v2 "github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2/types"
)

// collectAPIGatewayV2 reads HTTP and WebSocket APIs with their routes and
// integrations, and VPC links (R9). The SDK has no paginators here.
func collectAPIGatewayV2(s *scope) {
	c := v2.NewFromConfig(s.cfg)
	s.spawn(func() { httpAPIs(s, c) })
	s.spawn(func() {
		listTokens(s, "ApiGatewayV2VpcLinks", func(ctx context.Context, token *string) ([]types.VpcLink, *string, error) {
			out, err := c.GetVpcLinks(ctx, &v2.GetVpcLinksInput{NextToken: token})
			if err != nil {
				return nil, nil, err
			}
			return out.Items, out.NextToken, nil
		})
	})
}

func httpAPIs(s *scope, c *v2.Client) {
	apis, ok := listTokens(s, "ApiGatewayV2Apis", func(ctx context.Context, token *string) ([]types.Api, *string, error) {
		out, err := c.GetApis(ctx, &v2.GetApisInput{NextToken: token})
		if err != nil {
			return nil, nil, err
		}
		return out.Items, out.NextToken, nil
	})
	if !ok {
		return
	}
	forEach(s, ids(apis, func(a types.Api) *string { return a.ApiId }), []string{"HttpApiRoutes", "HttpApiIntegrations", "HttpApiAuthorizers"}, func(id string) {
		httpRoutes(s, c, id)
		httpIntegrations(s, c, id)
		httpAuthorizers(s, c, id)
	})
}

// httpAuthorizers writes [{ApiId, Items}] as get-authorizers prints them (JWT issuers and audiences, R9.17).
func httpAuthorizers(s *scope, c *v2.Client, id string) {
	zs, ok := tokens(s, id, func(ctx context.Context, token *string) ([]types.Authorizer, *string, error) {
		out, err := c.GetAuthorizers(ctx, &v2.GetAuthorizersInput{ApiId: aws.String(id), NextToken: token})
		if err != nil {
			return nil, nil, err
		}
		return out.Items, out.NextToken, nil
	})
	if ok {
		s.files.wrap("HttpApiAuthorizers", id, map[string]any{"ApiId": id, "Items": zs}, len(zs))
	}
}

func httpRoutes(s *scope, c *v2.Client, id string) {
	rs, ok := tokens(s, id, func(ctx context.Context, token *string) ([]types.Route, *string, error) {
		out, err := c.GetRoutes(ctx, &v2.GetRoutesInput{ApiId: aws.String(id), NextToken: token})
		if err != nil {
			return nil, nil, err
		}
		return out.Items, out.NextToken, nil
	})
	if ok {
		s.files.wrap("HttpApiRoutes", id, map[string]any{"ApiId": id, "Items": rs}, len(rs))
	}
}

func httpIntegrations(s *scope, c *v2.Client, id string) {
	gs, ok := tokens(s, id, func(ctx context.Context, token *string) ([]types.Integration, *string, error) {
		out, err := c.GetIntegrations(ctx, &v2.GetIntegrationsInput{ApiId: aws.String(id), NextToken: token})
		if err != nil {
			return nil, nil, err
		}
		return out.Items, out.NextToken, nil
	})
	if ok {
		s.files.wrap("HttpApiIntegrations", id, map[string]any{"ApiId": id, "Items": gs}, len(gs))
	}
}
