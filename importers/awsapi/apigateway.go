package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/apigateway/types"
)

// collectAPIGateway reads REST APIs (endpoint types and resource policies,
// R9), their stages and method integrations, VPC links and custom domain
// names. Stage variables and integration templates are removed (scrub.go).
func collectAPIGateway(s *scope) {
	c := apigateway.NewFromConfig(s.cfg)
	s.spawn(func() { restAPIs(s, c) })
	s.spawn(func() {
		p := apigateway.NewGetVpcLinksPaginator(c, nil)
		list(s, "ApiGatewayVpcLinks", p.HasMorePages, p.NextPage, func(o *apigateway.GetVpcLinksOutput) []types.VpcLink { return o.Items })
	})
	s.spawn(func() {
		p := apigateway.NewGetDomainNamesPaginator(c, nil)
		list(s, "ApiGatewayDomainNames", p.HasMorePages, p.NextPage, func(o *apigateway.GetDomainNamesOutput) []types.DomainName { return o.Items })
	})
}

func restAPIs(s *scope, c *apigateway.Client) {
	p := apigateway.NewGetRestApisPaginator(c, nil)
	apis, ok := list(s, "ApiGatewayRestApis", p.HasMorePages, p.NextPage, func(o *apigateway.GetRestApisOutput) []types.RestApi { return o.Items })
	if !ok {
		return
	}
	forEach(s, ids(apis, func(a types.RestApi) *string { return a.Id }), []string{"ApiGatewayStages", "ApiGatewayResources", "ApiGatewayAuthorizers"}, func(id string) {
		restStages(s, c, id)
		restResources(s, c, id)
		restAuthorizers(s, c, id)
	})
}

// restAuthorizers writes [{RestApiId, items}] as get-authorizers prints them (R9.17).
func restAuthorizers(s *scope, c *apigateway.Client, id string) {
	out, ok := single(s, id, func(ctx context.Context) (*apigateway.GetAuthorizersOutput, error) {
		return c.GetAuthorizers(ctx, &apigateway.GetAuthorizersInput{RestApiId: aws.String(id), Limit: aws.Int32(500)})
	}, func(o *apigateway.GetAuthorizersOutput) int { return len(o.Items) })
	if ok {
		s.files.wrap("ApiGatewayAuthorizers", id, map[string]any{"RestApiId": id, "items": out.Items}, len(out.Items))
	}
}

// restStages writes [{RestApiId, item}] as get-stages prints "item".
func restStages(s *scope, c *apigateway.Client, id string) {
	out, ok := single(s, id, func(ctx context.Context) (*apigateway.GetStagesOutput, error) {
		return c.GetStages(ctx, &apigateway.GetStagesInput{RestApiId: aws.String(id)})
	}, func(o *apigateway.GetStagesOutput) int { return len(o.Item) })
	if ok {
		s.files.wrap("ApiGatewayStages", id, map[string]any{"RestApiId": id, "item": out.Item}, len(out.Item))
	}
}

// restResources reads the resources with their methods embedded, so each
// method's integration (Lambda, HTTP, VPC link) is known (R9.13).
func restResources(s *scope, c *apigateway.Client, id string) {
	p := apigateway.NewGetResourcesPaginator(c, &apigateway.GetResourcesInput{RestApiId: aws.String(id), Embed: []string{"methods"}})
	rs, ok := pages(s, id, p.HasMorePages, p.NextPage, func(o *apigateway.GetResourcesOutput) []types.Resource { return o.Items })
	if ok {
		s.files.wrap("ApiGatewayResources", id, map[string]any{"RestApiId": id, "items": rs}, len(rs))
	}
}
