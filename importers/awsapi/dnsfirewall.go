package awsapi

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver/types"
)

// collectFirewall reads Route 53 Resolver DNS Firewall: rule group
// associations, VPC configurations, domain lists with their domains and
// rule groups with their rules (R10.41, R10.42). Route 53 Profiles need an
// SDK module the project does not use; their list-profile-* outputs are read
// from files (awsjson).
func collectFirewall(s *scope) {
	c := route53resolver.NewFromConfig(s.cfg)
	s.spawn(func() {
		p := route53resolver.NewListFirewallRuleGroupAssociationsPaginator(c, nil)
		list(s, "FirewallRuleGroupAssociations", p.HasMorePages, p.NextPage, func(o *route53resolver.ListFirewallRuleGroupAssociationsOutput) []types.FirewallRuleGroupAssociation {
			return o.FirewallRuleGroupAssociations
		})
	})
	s.spawn(func() {
		p := route53resolver.NewListFirewallConfigsPaginator(c, nil)
		list(s, "FirewallConfigs", p.HasMorePages, p.NextPage, func(o *route53resolver.ListFirewallConfigsOutput) []types.FirewallConfig { return o.FirewallConfigs })
	})
	s.spawn(func() { firewallDomainLists(s, c) })
	s.spawn(func() { firewallRuleGroups(s, c) })
}

func firewallDomainLists(s *scope, c *route53resolver.Client) {
	p := route53resolver.NewListFirewallDomainListsPaginator(c, nil)
	ls, ok := list(s, "FirewallDomainLists", p.HasMorePages, p.NextPage, func(o *route53resolver.ListFirewallDomainListsOutput) []types.FirewallDomainListMetadata {
		return o.FirewallDomainLists
	})
	if !ok {
		return
	}
	forEach(s, ids(ls, func(l types.FirewallDomainListMetadata) *string { return l.Id }), []string{"FirewallDomains"}, func(id string) {
		p := route53resolver.NewListFirewallDomainsPaginator(c, &route53resolver.ListFirewallDomainsInput{FirewallDomainListId: aws.String(id)})
		ds, ok := pages(s, id, p.HasMorePages, p.NextPage, func(o *route53resolver.ListFirewallDomainsOutput) []string { return o.Domains })
		if ok {
			s.files.wrap("FirewallDomains", id, map[string]any{"FirewallDomainListId": id, "Domains": ds}, len(ds))
		}
	})
}

// firewallRuleGroups lists the rule groups the account owns or is shared,
// then the rules of each; the rules name their group, so one file holds all.
func firewallRuleGroups(s *scope, c *route53resolver.Client) {
	p := route53resolver.NewListFirewallRuleGroupsPaginator(c, nil)
	gs, ok := pages(s, "", p.HasMorePages, p.NextPage, func(o *route53resolver.ListFirewallRuleGroupsOutput) []types.FirewallRuleGroupMetadata {
		return o.FirewallRuleGroups
	})
	if !ok {
		return
	}
	s.files.ensure("FirewallRules")
	forEach(s, ids(gs, func(g types.FirewallRuleGroupMetadata) *string { return g.Id }), nil, func(id string) {
		p := route53resolver.NewListFirewallRulesPaginator(c, &route53resolver.ListFirewallRulesInput{FirewallRuleGroupId: aws.String(id)})
		rs, ok := pages(s, id, p.HasMorePages, p.NextPage, func(o *route53resolver.ListFirewallRulesOutput) []types.FirewallRule { return o.FirewallRules })
		if ok {
			s.files.appendPart("FirewallRules", id, rs, len(rs))
		}
	})
}

// ec2SGVPCAssociations reads the other VPCs each group is associated with (R2.41).
func ec2SGVPCAssociations(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeSecurityGroupVpcAssociationsPaginator(c, nil)
	list(s, "SecurityGroupVpcAssociations", p.HasMorePages, p.NextPage, func(o *ec2.DescribeSecurityGroupVpcAssociationsOutput) []ec2types.SecurityGroupVpcAssociation {
		return o.SecurityGroupVpcAssociations
	})
}
