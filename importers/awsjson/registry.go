package awsjson

import (
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	apigwtypes "github.com/aws/aws-sdk-go-v2/service/apigateway/types"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver"

	"github.com/netverify/netverify/model"
)

// handler reads one top-level member into the model.
type handler struct {
	key, file, command, kind string
	names                    []string // normalised file-name words that select it when key is generic ("" key: the whole object)
	generic                  bool
	target                   func() any
	apply                    func(c *fileCtx, out any, ps []pos)
}

func reg[T any](key, file, command, kind string, apply func(*fileCtx, *T, []pos)) *handler {
	return &handler{key: key, file: file, command: command, kind: kind, target: func() any { return new(T) },
		apply: func(c *fileCtx, out any, ps []pos) { apply(c, out.(*T), ps) }}
}

// byName marks a handler whose key is generic: the file name decides.
func (h *handler) byName(names ...string) *handler {
	h.generic = true
	h.names = append([]string{normName(h.file)}, normAll(names)...)
	return h
}

func normAll(ss []string) []string {
	for i := range ss {
		ss[i] = normName(ss[i])
	}
	return ss
}

// handlers is the table of everything the importer reads; FILES.md documents it.
var handlers = []*handler{
	reg("Vpcs", "Vpcs", "aws ec2 describe-vpcs", "vpc", vpcs),
	reg("Subnets", "Subnets", "aws ec2 describe-subnets", "subnet", subnets),
	reg("RouteTables", "RouteTables", "aws ec2 describe-route-tables", "route-table", routeTables),
	reg("NetworkAcls", "NetworkAcls", "aws ec2 describe-network-acls", "network-acl", networkACLs),
	reg("SecurityGroups", "SecurityGroups", "aws ec2 describe-security-groups", "security-group", securityGroups),
	reg("SecurityGroupRules", "SecurityGroupRules", "aws ec2 describe-security-group-rules", "security-group (rules)", securityGroupRules),
	reg("NetworkInterfaces", "NetworkInterfaces", "aws ec2 describe-network-interfaces", "network-interface", networkInterfaces),
	reg("Reservations", "Reservations", "aws ec2 describe-instances", "instance, network-interface", reservations),
	reg("NatGateways", "NatGateways", "aws ec2 describe-nat-gateways", "nat-gateway", natGateways),
	reg("InternetGateways", "InternetGateways", "aws ec2 describe-internet-gateways", "internet-gateway", internetGateways),
	reg("EgressOnlyInternetGateways", "EgressOnlyInternetGateways", "aws ec2 describe-egress-only-internet-gateways", "egress-only-internet-gateway", egressOnlyIGWs),
	reg("VpcBlockPublicAccessOptions", "VpcBlockPublicAccessOptions", "aws ec2 describe-vpc-block-public-access-options", "block-public-access", bpaOptions),
	reg("VpcBlockPublicAccessExclusions", "VpcBlockPublicAccessExclusions", "aws ec2 describe-vpc-block-public-access-exclusions", "block-public-access (exclusions)", bpaExclusions),
	reg("Firewall", "NetworkFirewall_NAME", "aws network-firewall describe-firewall", "network-firewall", nfwFirewall),
	reg("FirewallStatus", "NetworkFirewall_NAME", "aws network-firewall describe-firewall (the same file)", "network-firewall (endpoints per zone, TGW attachment)", nfwStatus),
	reg("FirewallPolicyResponse", "NetworkFirewallPolicy_NAME", "aws network-firewall describe-firewall-policy", "network-firewall-policy", nfwPolicyResponse),
	reg("FirewallPolicy", "NetworkFirewallPolicy_NAME", "aws network-firewall describe-firewall-policy (the same file)", "network-firewall-policy (rules, defaults)", nfwPolicy),
	reg("RuleGroupResponse", "NetworkFirewallRuleGroup_NAME", "aws network-firewall describe-rule-group", "network-firewall-rule-group", nfwRuleGroupResponse),
	reg("RuleGroup", "NetworkFirewallRuleGroup_NAME", "aws network-firewall describe-rule-group (the same file)", "network-firewall-rule-group (rules)", nfwRuleGroup),
	reg("VpcEndpoints", "VpcEndpoints", "aws ec2 describe-vpc-endpoints", "vpc-endpoint", vpcEndpoints),
	reg("ServiceDetails", "VpcEndpointServices", "aws ec2 describe-vpc-endpoint-services", "endpoint-service", endpointServices),
	reg("ServiceConfigurations", "VpcEndpointServiceConfigurations", "aws ec2 describe-vpc-endpoint-service-configurations", "endpoint-service", endpointServiceConfigs),
	reg("VpcPeeringConnections", "VpcPeeringConnections", "aws ec2 describe-vpc-peering-connections", "peering-connection", peeringConnections),
	reg("TransitGateways", "TransitGateways", "aws ec2 describe-transit-gateways", "transit-gateway", transitGateways),
	reg("TransitGatewayAttachments", "TransitGatewayAttachments", "aws ec2 describe-transit-gateway-attachments", "transit-gateway-attachment", tgwAttachments),
	reg("TransitGatewayVpcAttachments", "TransitGatewayVpcAttachments", "aws ec2 describe-transit-gateway-vpc-attachments", "transit-gateway-attachment (subnets, options)", tgwVPCAttachments),
	reg("TransitGatewayPeeringAttachments", "TransitGatewayPeeringAttachments", "aws ec2 describe-transit-gateway-peering-attachments", "transit-gateway-attachment (peer)", tgwPeeringAttachments),
	reg("TransitGatewayRouteTables", "TransitGatewayRouteTables", "aws ec2 describe-transit-gateway-route-tables", "transit-gateway-route-table", tgwRouteTables),
	reg("TransitGatewayStaticRoutes", "TransitGatewayStaticRoutes", "[{TransitGatewayRouteTableId, Routes: aws ec2 search-transit-gateway-routes}]", "transit-gateway-route-table (routes)", tgwStaticRoutes),
	reg("TransitGatewayPropagations", "TransitGatewayPropagations", "[{TransitGatewayRouteTableId, TransitGatewayRouteTablePropagations: aws ec2 get-transit-gateway-route-table-propagations}]", "transit-gateway-route-table (propagations)", tgwPropagations),
	reg("TransitGatewayAssociations", "TransitGatewayAssociations", "[{TransitGatewayRouteTableId, Associations: aws ec2 get-transit-gateway-route-table-associations}]", "transit-gateway-route-table (associations)", tgwAssociations),
	reg("Routes", "TransitGatewayRoutes_tgw-rtb-ID", "aws ec2 search-transit-gateway-routes", "transit-gateway-route-table (routes)", tgwRoutesByName).byName("search-transit-gateway-routes"),
	reg("TransitGatewayRouteTablePropagations", "TransitGatewayRouteTablePropagations_tgw-rtb-ID", "aws ec2 get-transit-gateway-route-table-propagations", "transit-gateway-route-table (propagations)", tgwPropagationsByName),
	reg("Associations", "TransitGatewayRouteTableAssociations_tgw-rtb-ID", "aws ec2 get-transit-gateway-route-table-associations", "transit-gateway-route-table (associations)", tgwAssociationsByName).byName("get-transit-gateway-route-table-associations"),
	reg("VpnGateways", "VpnGateways", "aws ec2 describe-vpn-gateways", "vpn-gateway", vpnGateways),
	reg("VpnConnections", "VpnConnections", "aws ec2 describe-vpn-connections", "vpn-connection", vpnConnections),
	reg("CustomerGateways", "CustomerGateways", "aws ec2 describe-customer-gateways", "customer-gateway", customerGateways),
	reg("SecurityGroupVpcAssociations", "SecurityGroupVpcAssociations", "aws ec2 describe-security-group-vpc-associations", "security-group (VPC associations)", sgVPCAssociations),
	reg("PrefixLists", "PrefixLists", "aws ec2 describe-prefix-lists / describe-managed-prefix-lists", "prefix-list", prefixLists),
	reg("ManagedPrefixListEntries", "ManagedPrefixListEntries", "[{PrefixListId, Entries: aws ec2 get-managed-prefix-list-entries}]", "prefix-list (entries)", managedPrefixListEntries),
	reg("Entries", "ManagedPrefixListEntries_pl-ID", "aws ec2 get-managed-prefix-list-entries", "prefix-list (entries)", prefixListEntriesByName).byName("get-managed-prefix-list-entries"),
	reg("Addresses", "Addresses", "aws ec2 describe-addresses", "elastic-ip", addresses),
	reg("AvailabilityZones", "AvailabilityZones", "aws ec2 describe-availability-zones", "availability-zone", availabilityZones),
	reg("DhcpOptions", "DhcpOptions", "aws ec2 describe-dhcp-options", "vpc (DHCP DNS servers)", dhcpOptions),
	// The live importer writes DescribeVpcAttribute_<vpc>.json; VpcAttribute_<vpc>.json and any name with
	// describe-vpc-attribute work too.
	reg("", "DescribeVpcAttribute_vpc-ID", "aws ec2 describe-vpc-attribute", "vpc (DNS attributes)", vpcAttribute).byName("describe-vpc-attribute", "VpcAttribute"),
	reg("LoadBalancers", "LoadBalancers", "aws elbv2 describe-load-balancers", "load-balancer", loadBalancers),
	reg("Listeners", "Listeners", "aws elbv2 describe-listeners", "load-balancer (listeners)", listeners),
	reg("LoadBalancerListeners", "LoadBalancerListeners", "[{LoadBalancerArn, Listeners: aws elbv2 describe-listeners}]", "load-balancer (listeners)", lbListeners),
	reg("LoadBalancerAttributes", "LoadBalancerAttributes", "[{LoadBalancerArn, Attributes: aws elbv2 describe-load-balancer-attributes}]", "load-balancer (attributes)", lbAttributes),
	reg("TargetGroups", "TargetGroups", "aws elbv2 describe-target-groups", "target-group", targetGroups),
	reg("TargetGroupAttributes", "TargetGroupAttributes", "[{TargetGroupArn, Attributes: aws elbv2 describe-target-group-attributes}]", "target-group (attributes)", tgAttributes),
	reg("LoadBalancerTargetHealth", "LoadBalancerTargetHealth", "[{TargetGroupArn, TargetHealthDescriptions: aws elbv2 describe-target-health}]", "target-group (targets, health)", lbTargetHealth),
	reg("TargetHealthDescriptions", "TargetHealth", "aws elbv2 describe-target-health (needs the wrapper above)", "target-group (targets)", targetHealthByName),
	reg("DirectConnectGateways", "DirectConnectGateways", "aws directconnect describe-direct-connect-gateways", "dx-gateway", dxGateways),
	reg("VirtualInterfaces", "VirtualInterfaces", "aws directconnect describe-virtual-interfaces", "virtual-interface", virtualInterfaces),
	reg("DirectConnectGatewayAssociations", "DirectConnectGatewayAssociations", "aws directconnect describe-direct-connect-gateway-associations", "dx-gateway (associations)", dxAssociations),
	reg("ResolverEndpoints", "ResolverEndpoints", "aws route53resolver list-resolver-endpoints", "resolver-endpoint", resolverEndpoints),
	reg("ResolverEndpoint", "ResolverEndpoint", "aws route53resolver get-resolver-endpoint", "resolver-endpoint", resolverEndpoint),
	reg("ResolverEndpointIpAddresses", "ResolverEndpointIpAddresses", "[{ResolverEndpointId, IpAddresses: aws route53resolver list-resolver-endpoint-ip-addresses}]", "resolver-endpoint (IPs)", resolverEndpointIPs),
	reg("IpAddresses", "ResolverEndpointIpAddresses_rslvr-ID", "aws route53resolver list-resolver-endpoint-ip-addresses", "resolver-endpoint (IPs)", resolverIPsByName),
	reg("ResolverRules", "ResolverRules", "aws route53resolver list-resolver-rules", "resolver-rule", resolverRules),
	reg("ResolverRule", "ResolverRule", "aws route53resolver get-resolver-rule", "resolver-rule", resolverRule),
	reg("ResolverRuleAssociations", "ResolverRuleAssociations", "aws route53resolver list-resolver-rule-associations", "resolver-rule (VPCs)", ruleAssociations),
	reg("ResolverRuleAssociation", "ResolverRuleAssociation", "aws route53resolver get-resolver-rule-association", "resolver-rule (VPCs)", ruleAssociation),
	reg("FirewallRuleGroupAssociations", "FirewallRuleGroupAssociations", "aws route53resolver list-firewall-rule-group-associations", "dns-firewall-association", firewallAssociations),
	reg("FirewallRules", "FirewallRules", "aws route53resolver list-firewall-rules", "dns-firewall-rule-group (rules)", firewallRules),
	reg("FirewallDomainLists", "FirewallDomainLists", "aws route53resolver list-firewall-domain-lists", "dns-firewall-domain-list", firewallDomainLists),
	reg("FirewallDomains", "FirewallDomains", "[{FirewallDomainListId, Domains: aws route53resolver list-firewall-domains}]", "dns-firewall-domain-list (domains)", firewallDomains),
	reg("Domains", "FirewallDomains_rslvr-fdl-ID", "aws route53resolver list-firewall-domains", "dns-firewall-domain-list (domains)", firewallDomainsByName),
	reg("FirewallConfigs", "FirewallConfigs", "aws route53resolver list-firewall-configs", "dns-firewall-config", firewallConfigs),
	reg("ProfileAssociations", "ProfileAssociations", "aws route53profiles list-profile-associations", "route53-profile-association", profileAssociations),
	reg("ProfileResourceAssociations", "ProfileResourceAssociations", "aws route53profiles list-profile-resource-associations", "route53-profile (resources)", profileResources),
	reg("HostedZones", "HostedZones", "aws route53 list-hosted-zones", "hosted-zone", hostedZones),
	reg("HostedZoneRecordSets", "HostedZoneRecordSets", "[{HostedZoneId, ResourceRecordSets: aws route53 list-resource-record-sets}]", "hosted-zone (records)", zoneRecords),
	reg("HostedZoneVpcs", "HostedZoneVpcs", "[{HostedZoneId, VPCs: aws route53 get-hosted-zone}]", "hosted-zone (VPC associations)", zoneVPCs),
	reg("items", "ApiGatewayRestApis", "aws apigateway get-rest-apis", "rest-api", restAPIs).byName("apigateway-get-rest-apis", "RestApis"),
	reg("", "ApiGatewayRestApi", "aws apigateway get-rest-api", "rest-api", restAPI).byName("apigateway-get-rest-api"),
	reg("items", "ApiGatewayVpcLinks", "aws apigateway get-vpc-links", "vpc-link", vpcLinksV1).byName("apigateway-get-vpc-links"),
	reg("ApiGatewayDomainNames", "ApiGatewayDomainNames", "{ApiGatewayDomainNames: items of aws apigateway get-domain-names} (the live importer's file)", "domain-name", domainNamesLive),
	reg("items", "ApiGatewayGetDomainNames", "aws apigateway get-domain-names", "domain-name", domainNames).byName("apigateway-get-domain-names", "DomainNames"),
	reg("ApiGatewayBasePathMappings", "ApiGatewayBasePathMappings", "[{DomainName, DomainNameId, items: aws apigateway get-base-path-mappings}]", "domain-name (base path mappings)", basePathMappings),
	reg("items", "ApiGatewayDomainNameAccessAssociations", "aws apigateway get-domain-name-access-associations", "domain-name (access associations)", accessAssociations).byName("apigateway-get-domain-name-access-associations", "DomainNameAccessAssociations"),
	reg("ApiGatewayStages", "ApiGatewayStages", "[{RestApiId, item: aws apigateway get-stages}]", "rest-api (stages)", apiStages),
	reg("ApiGatewayResources", "ApiGatewayResources", "[{RestApiId, items: aws apigateway get-resources --embed methods}]", "rest-api (integrations)", apiResources),
	reg("ApiGatewayAuthorizers", "ApiGatewayAuthorizers", "[{RestApiId, items: aws apigateway get-authorizers}]", "rest-api (authorizers)", restAuthorizers),
	reg("Items", "ApiGatewayV2Apis", "aws apigatewayv2 get-apis", "http-api", httpAPIs).byName("apigatewayv2-get-apis", "HttpApis"),
	reg("Items", "ApiGatewayV2VpcLinks", "aws apigatewayv2 get-vpc-links", "vpc-link", vpcLinksV2).byName("apigatewayv2-get-vpc-links"),
	reg("Items", "ApiGatewayV2DomainNames", "aws apigatewayv2 get-domain-names", "domain-name", domainNamesV2).byName("apigatewayv2-get-domain-names", "V2DomainNames"),
	reg("ApiGatewayV2ApiMappings", "ApiGatewayV2ApiMappings", "[{DomainName, Items: aws apigatewayv2 get-api-mappings}]", "domain-name (API mappings)", apiMappings),
	reg("HttpApiRoutes", "HttpApiRoutes", "[{ApiId, Items: aws apigatewayv2 get-routes}]", "http-api (routes)", httpRoutes),
	reg("HttpApiAuthorizers", "HttpApiAuthorizers", "[{ApiId, Items: aws apigatewayv2 get-authorizers}]", "http-api (authorizers)", httpAuthorizers),
	reg("HttpApiIntegrations", "HttpApiIntegrations", "[{ApiId, Items: aws apigatewayv2 get-integrations}]", "http-api (integrations)", httpIntegrations),
	reg("WebACL", "WAFv2WebACL_NAME", "aws wafv2 get-web-acl", "web-acl", webACL),
	reg("IPSet", "WAFv2IPSet_NAME", "aws wafv2 get-ip-set", "waf-ip-set", ipSet),
	reg("WebACLResources", "WAFv2WebACLResources", "[{WebACLArn, ResourceArns: aws wafv2 list-resources-for-web-acl}]", "web-acl (associations)", webACLResources),
	reg("Functions", "LambdaFunctions", "aws lambda list-functions", "lambda-function", functions),
	reg("FunctionUrlConfigs", "LambdaFunctionUrlConfigs", "aws lambda list-function-url-configs", "lambda-function (function URLs)", functionURLs),
	reg("LambdaPolicies", "LambdaPolicies", "[{FunctionName, Qualifier, Policy: aws lambda get-policy [--qualifier Q]}]", "lambda-function (resource policies)", lambdaPolicies),
	reg("", "LambdaFunctionConfiguration", "aws lambda get-function-configuration", "lambda-function", functionConfig).byName("get-function-configuration"),
}

var handlerByKey = map[string]*handler{}

func init() {
	for _, h := range handlers {
		if h.key == "" {
			continue
		}
		if prev, dup := handlerByKey[h.key]; dup || h.generic {
			if dup {
				prev.generic = true
			}
			handlerByKey[h.key] = &handler{key: h.key, generic: true}
			continue
		}
		handlerByKey[h.key] = h
	}
	for _, h := range handlers {
		Files = append(Files, FileSpec{Name: h.file + ".json", Key: h.key, Command: h.command, Kind: h.kind})
	}
}

// handlerForGeneric picks, for a generic member, the handler the file name selects.
func handlerForGeneric(key, file string) *handler {
	var best *handler
	bestLen := 0
	n := normName(file)
	for _, h := range handlers {
		if h.key != key {
			continue
		}
		for _, w := range h.names {
			if w != "" && strings.Contains(n, w) && len(w) > bestLen {
				best, bestLen = h, len(w)
			}
		}
	}
	return best
}

// handlerByName finds the handler a file name selects (bare lists and single objects).
func handlerByName(file string) *handler {
	n := normName(strings.TrimSuffix(file, ".json"))
	var best *handler
	bestLen := 0
	for _, hw := range handlerWords() {
		for _, w := range hw.words {
			if len(w) > 4 && strings.Contains(n, w) && len(w) > bestLen {
				best, bestLen = hw.h, len(w)
			}
		}
	}
	return best
}

// nameWords are the words that name a handler's file (normalised once: a
// directory of 100,000 files asks for each).
type nameWords struct {
	h     *handler
	words []string
}

var handlerWords = sync.OnceValue(func() []nameWords {
	out := make([]nameWords, len(handlers))
	for i, h := range handlers {
		out[i] = nameWords{h, append([]string{normName(h.file), normName(strings.TrimPrefix(h.command, "aws "))}, h.names...)}
	}
	return out
})

// FileSpec documents one file of the layout: its canonical name, its
// top-level member, the AWS CLI command that prints it and the model kind it fills.
type FileSpec struct {
	Name    string // canonical file name, e.g. Vpcs.json; "_tgw-rtb-ID" marks an ID in the name
	Key     string // top-level member ("" = the whole object)
	Command string // the CLI command, or the wrapper shape around one
	Kind    string // model kind(s)
}

// Files is the canonical layout: the live importer writes these names.
var Files []FileSpec

func restAPIOf(o *apigateway.GetRestApiOutput) apigwtypes.RestApi {
	return apigwtypes.RestApi{Id: o.Id, Name: o.Name, Policy: o.Policy, EndpointConfiguration: o.EndpointConfiguration,
		DisableExecuteApiEndpoint: o.DisableExecuteApiEndpoint, Tags: o.Tags, Description: o.Description}
}

func sortIntegrations(ins []model.Integration) {
	sort.Slice(ins, func(i, j int) bool {
		if ins[i].Path != ins[j].Path {
			return ins[i].Path < ins[j].Path
		}
		return ins[i].Method < ins[j].Method
	})
}

var (
	_ = ec2.DescribeVpcsOutput{}
	_ = apigatewayv2.GetApisOutput{}
	_ = route53resolver.ListResolverRulesOutput{}
)
