package awsapi

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver/types"
)

// collectResolver reads Route 53 Resolver endpoints with their IP addresses,
// forwarding rules and the rules' VPC associations (R10.10-R10.16).
func collectResolver(s *scope) {
	c := route53resolver.NewFromConfig(s.cfg)
	s.spawn(func() { resolverEndpoints(s, c) })
	s.spawn(func() {
		p := route53resolver.NewListResolverRulesPaginator(c, nil)
		list(s, "ResolverRules", p.HasMorePages, p.NextPage, func(o *route53resolver.ListResolverRulesOutput) []types.ResolverRule { return o.ResolverRules })
	})
	s.spawn(func() {
		p := route53resolver.NewListResolverRuleAssociationsPaginator(c, nil)
		list(s, "ResolverRuleAssociations", p.HasMorePages, p.NextPage, func(o *route53resolver.ListResolverRuleAssociationsOutput) []types.ResolverRuleAssociation {
			return o.ResolverRuleAssociations
		})
	})
}

func resolverEndpoints(s *scope, c *route53resolver.Client) {
	p := route53resolver.NewListResolverEndpointsPaginator(c, nil)
	eps, ok := list(s, "ResolverEndpoints", p.HasMorePages, p.NextPage, func(o *route53resolver.ListResolverEndpointsOutput) []types.ResolverEndpoint {
		return o.ResolverEndpoints
	})
	if !ok {
		return
	}
	forEach(s, ids(eps, func(e types.ResolverEndpoint) *string { return e.Id }), []string{"ResolverEndpointIpAddresses"}, func(id string) {
		resolverIPs(s, c, id)
	})
}

func resolverIPs(s *scope, c *route53resolver.Client, id string) {
	p := route53resolver.NewListResolverEndpointIpAddressesPaginator(c, &route53resolver.ListResolverEndpointIpAddressesInput{ResolverEndpointId: aws.String(id)})
	ips, ok := pages(s, id, p.HasMorePages, p.NextPage, func(o *route53resolver.ListResolverEndpointIpAddressesOutput) []types.IpAddressResponse {
		return o.IpAddresses
	})
	if ok {
		s.files.wrap("ResolverEndpointIpAddresses", id, map[string]any{"ResolverEndpointId": id, "IpAddresses": ips}, len(ips))
	}
}
