package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

// collectEC2 reads the VPC networking of one region (everything but transit
// gateways, which ec2_tgw.go reads).
func collectEC2(s *scope) {
	c := ec2.NewFromConfig(s.cfg)
	for _, f := range []func(*scope, *ec2.Client){
		ec2Vpcs, ec2Subnets, ec2RouteTables, ec2NetworkAcls, ec2SecurityGroups, ec2SecurityGroupRules,
		ec2NetworkInterfaces, ec2Instances, ec2NatGateways, ec2InternetGateways, ec2EgressOnlyIGWs,
		ec2VpcEndpoints, ec2EndpointServices, ec2EndpointServiceConfigurations, ec2Peerings,
		ec2VPN, ec2PrefixLists, ec2Addresses, ec2AvailabilityZones, ec2DhcpOptions, ec2SGVPCAssociations,
	} {
		s.spawn(func() { f(s, c) })
	}
}

// ec2Vpcs reads the VPCs, then each VPC's DNS attributes (R6: the resolver
// answers only with enableDnsSupport; names need enableDnsHostnames).
func ec2Vpcs(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeVpcsPaginator(c, nil)
	vpcs, ok := list(s, "Vpcs", p.HasMorePages, p.NextPage, func(o *ec2.DescribeVpcsOutput) []types.Vpc { return o.Vpcs })
	if !ok {
		return
	}
	forEach(s, ids(vpcs, func(v types.Vpc) *string { return v.VpcId }), nil, func(id string) { ec2VpcAttributes(s, c, id) })
}

// ec2VpcAttributes writes DescribeVpcAttribute_<vpc>.json with both DNS
// attributes; awsjson recognises the file by the words describe-vpc-attribute.
func ec2VpcAttributes(s *scope, c *ec2.Client, vpc string) {
	doc := map[string]any{"VpcId": vpc}
	for _, a := range []types.VpcAttributeName{types.VpcAttributeNameEnableDnsSupport, types.VpcAttributeNameEnableDnsHostnames} {
		out, ok := single(s, vpc+" "+string(a), func(ctx context.Context) (*ec2.DescribeVpcAttributeOutput, error) {
			return c.DescribeVpcAttribute(ctx, &ec2.DescribeVpcAttributeInput{VpcId: aws.String(vpc), Attribute: a})
		}, func(*ec2.DescribeVpcAttributeOutput) int { return 1 })
		if !ok {
			continue
		}
		if out.EnableDnsSupport != nil {
			doc["EnableDnsSupport"] = out.EnableDnsSupport
		}
		if out.EnableDnsHostnames != nil {
			doc["EnableDnsHostnames"] = out.EnableDnsHostnames
		}
	}
	if len(doc) > 1 {
		s.files.object(vpcAttributeFile+vpc, doc)
	}
}

func ec2Subnets(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeSubnetsPaginator(c, nil)
	list(s, "Subnets", p.HasMorePages, p.NextPage, func(o *ec2.DescribeSubnetsOutput) []types.Subnet { return o.Subnets })
}

func ec2RouteTables(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeRouteTablesPaginator(c, nil)
	list(s, "RouteTables", p.HasMorePages, p.NextPage, func(o *ec2.DescribeRouteTablesOutput) []types.RouteTable { return o.RouteTables })
}

func ec2NetworkAcls(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeNetworkAclsPaginator(c, nil)
	list(s, "NetworkAcls", p.HasMorePages, p.NextPage, func(o *ec2.DescribeNetworkAclsOutput) []types.NetworkAcl { return o.NetworkAcls })
}

func ec2SecurityGroups(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeSecurityGroupsPaginator(c, nil)
	list(s, "SecurityGroups", p.HasMorePages, p.NextPage, func(o *ec2.DescribeSecurityGroupsOutput) []types.SecurityGroup { return o.SecurityGroups })
}

// ec2SecurityGroupRules adds the rule IDs; awsjson prefers these rules to IpPermissions.
func ec2SecurityGroupRules(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeSecurityGroupRulesPaginator(c, nil)
	list(s, "SecurityGroupRules", p.HasMorePages, p.NextPage, func(o *ec2.DescribeSecurityGroupRulesOutput) []types.SecurityGroupRule {
		return o.SecurityGroupRules
	})
}

func ec2NetworkInterfaces(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeNetworkInterfacesPaginator(c, nil)
	list(s, "NetworkInterfaces", p.HasMorePages, p.NextPage, func(o *ec2.DescribeNetworkInterfacesOutput) []types.NetworkInterface {
		return o.NetworkInterfaces
	})
}

func ec2Instances(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeInstancesPaginator(c, nil)
	list(s, "Reservations", p.HasMorePages, p.NextPage, func(o *ec2.DescribeInstancesOutput) []types.Reservation { return o.Reservations })
}

func ec2NatGateways(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeNatGatewaysPaginator(c, nil)
	list(s, "NatGateways", p.HasMorePages, p.NextPage, func(o *ec2.DescribeNatGatewaysOutput) []types.NatGateway { return o.NatGateways })
}

func ec2InternetGateways(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeInternetGatewaysPaginator(c, nil)
	list(s, "InternetGateways", p.HasMorePages, p.NextPage, func(o *ec2.DescribeInternetGatewaysOutput) []types.InternetGateway {
		return o.InternetGateways
	})
}

func ec2EgressOnlyIGWs(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeEgressOnlyInternetGatewaysPaginator(c, nil)
	list(s, "EgressOnlyInternetGateways", p.HasMorePages, p.NextPage, func(o *ec2.DescribeEgressOnlyInternetGatewaysOutput) []types.EgressOnlyInternetGateway {
		return o.EgressOnlyInternetGateways
	})
}

func ec2VpcEndpoints(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeVpcEndpointsPaginator(c, nil)
	list(s, "VpcEndpoints", p.HasMorePages, p.NextPage, func(o *ec2.DescribeVpcEndpointsOutput) []types.VpcEndpoint { return o.VpcEndpoints })
}

// ec2EndpointServices reads the services endpoints can reach (private DNS
// names, R7); the SDK has no paginator for it.
func ec2EndpointServices(s *scope, c *ec2.Client) {
	listTokens(s, "VpcEndpointServices", func(ctx context.Context, token *string) ([]types.ServiceDetail, *string, error) {
		out, err := c.DescribeVpcEndpointServices(ctx, &ec2.DescribeVpcEndpointServicesInput{NextToken: token})
		if err != nil {
			return nil, nil, err
		}
		return out.ServiceDetails, out.NextToken, nil
	})
}

func ec2EndpointServiceConfigurations(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeVpcEndpointServiceConfigurationsPaginator(c, nil)
	list(s, "VpcEndpointServiceConfigurations", p.HasMorePages, p.NextPage, func(o *ec2.DescribeVpcEndpointServiceConfigurationsOutput) []types.ServiceConfiguration {
		return o.ServiceConfigurations
	})
}

func ec2Peerings(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeVpcPeeringConnectionsPaginator(c, nil)
	list(s, "VpcPeeringConnections", p.HasMorePages, p.NextPage, func(o *ec2.DescribeVpcPeeringConnectionsOutput) []types.VpcPeeringConnection {
		return o.VpcPeeringConnections
	})
}

// ec2VPN reads VPN gateways, connections and customer gateways (unpaginated
// APIs). Connections lose their configuration and pre-shared keys in scrub.go.
func ec2VPN(s *scope, c *ec2.Client) {
	listOnce(s, "VpnGateways", func(ctx context.Context) (*ec2.DescribeVpnGatewaysOutput, error) {
		return c.DescribeVpnGateways(ctx, &ec2.DescribeVpnGatewaysInput{})
	}, func(o *ec2.DescribeVpnGatewaysOutput) []types.VpnGateway { return o.VpnGateways })
	listOnce(s, "VpnConnections", func(ctx context.Context) (*ec2.DescribeVpnConnectionsOutput, error) {
		return c.DescribeVpnConnections(ctx, &ec2.DescribeVpnConnectionsInput{})
	}, func(o *ec2.DescribeVpnConnectionsOutput) []types.VpnConnection { return o.VpnConnections })
	listOnce(s, "CustomerGateways", func(ctx context.Context) (*ec2.DescribeCustomerGatewaysOutput, error) {
		return c.DescribeCustomerGateways(ctx, &ec2.DescribeCustomerGatewaysInput{})
	}, func(o *ec2.DescribeCustomerGatewaysOutput) []types.CustomerGateway { return o.CustomerGateways })
}

// ec2PrefixLists reads managed prefix lists (AWS's and the account's) and
// the entries of each (R1.4, R2.4: a route or rule naming a list covers its CIDRs).
func ec2PrefixLists(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeManagedPrefixListsPaginator(c, nil)
	pls, ok := list(s, "PrefixLists", p.HasMorePages, p.NextPage, func(o *ec2.DescribeManagedPrefixListsOutput) []types.ManagedPrefixList {
		return o.PrefixLists
	})
	if !ok {
		return
	}
	forEach(s, ids(pls, func(p types.ManagedPrefixList) *string { return p.PrefixListId }), []string{"ManagedPrefixListEntries"},
		func(id string) { ec2PrefixListEntries(s, c, id) })
}

func ec2PrefixListEntries(s *scope, c *ec2.Client, id string) {
	p := ec2.NewGetManagedPrefixListEntriesPaginator(c, &ec2.GetManagedPrefixListEntriesInput{PrefixListId: aws.String(id)})
	es, ok := pages(s, id, p.HasMorePages, p.NextPage, func(o *ec2.GetManagedPrefixListEntriesOutput) []types.PrefixListEntry { return o.Entries })
	if ok {
		s.files.wrap("ManagedPrefixListEntries", id, map[string]any{"PrefixListId": id, "Entries": es}, len(es))
	}
}

func ec2Addresses(s *scope, c *ec2.Client) {
	listOnce(s, "Addresses", func(ctx context.Context) (*ec2.DescribeAddressesOutput, error) {
		return c.DescribeAddresses(ctx, &ec2.DescribeAddressesInput{})
	}, func(o *ec2.DescribeAddressesOutput) []types.Address { return o.Addresses })
}

func ec2AvailabilityZones(s *scope, c *ec2.Client) {
	listOnce(s, "AvailabilityZones", func(ctx context.Context) (*ec2.DescribeAvailabilityZonesOutput, error) {
		return c.DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
	}, func(o *ec2.DescribeAvailabilityZonesOutput) []types.AvailabilityZone { return o.AvailabilityZones })
}

func ec2DhcpOptions(s *scope, c *ec2.Client) {
	p := ec2.NewDescribeDhcpOptionsPaginator(c, nil)
	list(s, "DhcpOptions", p.HasMorePages, p.NextPage, func(o *ec2.DescribeDhcpOptionsOutput) []types.DhcpOptions { return o.DhcpOptions })
}

// regions returns the regions to read in one account: --region, every
// enabled region (--all-regions), or the configuration's region.
func (imp *importer) regions(ctx context.Context, cfg aws.Config, account string) []string {
	if len(imp.o.Regions) > 0 {
		return uniqueSorted(imp.o.Regions)
	}
	if !imp.o.AllRegions {
		return []string{cfg.Region}
	}
	s := &scope{imp: imp, ctx: ctx, account: account, region: cfg.Region}
	c := ec2.NewFromConfig(cfg)
	out, ok := single(s, "", func(ctx context.Context) (*ec2.DescribeRegionsOutput, error) {
		return c.DescribeRegions(ctx, &ec2.DescribeRegionsInput{})
	}, func(o *ec2.DescribeRegionsOutput) int { return len(o.Regions) })
	if !ok {
		return []string{cfg.Region} // the failure is in the manifest
	}
	var rs []string
	for _, r := range out.Regions {
		rs = append(rs, aws.ToString(r.RegionName))
	}
	return uniqueSorted(rs)
}
