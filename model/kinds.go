package model

import (
	"slices"
	"strings"
)

// KindInfo describes one resource kind: its name in output and how to reach
// its slice in a Snapshot. Kinds lists them all, in inventory order.
type KindInfo struct {
	Name  string // singular, kebab-case: "vpc", "route-table"
	Title string // for people: "VPCs", "route tables"

	list  func(*Snapshot) []Resource
	size  func(*Snapshot) int               // len(list(s)) without building the list
	each  func(*Snapshot, func(r Resource)) // fn on each of list(s), without building it
	merge func(dst, src *Snapshot)
	dedup func(*Snapshot)
	sort  func(*Snapshot) bool // reports whether the order changed
}

// List returns the kind's resources in s.
func (k *KindInfo) List(s *Snapshot) []Resource { return k.list(s) }

func kind[T Resource](name, title string, field func(*Snapshot) *[]T) *KindInfo {
	return &KindInfo{
		Name: name, Title: title,
		list: func(s *Snapshot) []Resource { return asResources(*field(s)) },
		size: func(s *Snapshot) int { return len(*field(s)) },
		each: func(s *Snapshot, fn func(Resource)) {
			for _, r := range *field(s) {
				fn(r)
			}
		},
		merge: func(d, s *Snapshot) { *field(d) = append(*field(d), *field(s)...) },
		dedup: func(s *Snapshot) { *field(s) = dedupByID(*field(s)) },
		sort:  func(s *Snapshot) bool { return sortResources(*field(s)) },
	}
}

// Kinds is every resource kind the model knows.
var Kinds = []*KindInfo{
	kind("account", "accounts", func(s *Snapshot) *[]*Account { return &s.Accounts }),
	kind("region", "regions", func(s *Snapshot) *[]*Region { return &s.Regions }),
	kind("availability-zone", "availability zones", func(s *Snapshot) *[]*AvailabilityZone { return &s.AZs }),
	kind("vpc", "VPCs", func(s *Snapshot) *[]*VPC { return &s.VPCs }),
	kind("subnet", "subnets", func(s *Snapshot) *[]*Subnet { return &s.Subnets }),
	kind("route-table", "route tables", func(s *Snapshot) *[]*RouteTable { return &s.RouteTables }),
	kind("prefix-list", "prefix lists", func(s *Snapshot) *[]*PrefixList { return &s.PrefixLists }),
	kind("network-acl", "network ACLs", func(s *Snapshot) *[]*NetworkACL { return &s.NetworkACLs }),
	kind("security-group", "security groups", func(s *Snapshot) *[]*SecurityGroup { return &s.SecurityGroups }),
	kind("network-interface", "network interfaces", func(s *Snapshot) *[]*ENI { return &s.ENIs }),
	kind("instance", "instances", func(s *Snapshot) *[]*Instance { return &s.Instances }),
	kind("internet-gateway", "internet gateways", func(s *Snapshot) *[]*InternetGateway { return &s.InternetGateways }),
	kind("egress-only-internet-gateway", "egress-only internet gateways", func(s *Snapshot) *[]*EgressOnlyIGW { return &s.EgressOnlyIGWs }),
	kind("nat-gateway", "NAT gateways", func(s *Snapshot) *[]*NATGateway { return &s.NATGateways }),
	kind("elastic-ip", "elastic IPs", func(s *Snapshot) *[]*ElasticIP { return &s.ElasticIPs }),
	kind("vpc-endpoint", "VPC endpoints", func(s *Snapshot) *[]*VPCEndpoint { return &s.VPCEndpoints }),
	kind("endpoint-service", "endpoint services", func(s *Snapshot) *[]*EndpointService { return &s.EndpointServices }),
	kind("peering-connection", "peering connections", func(s *Snapshot) *[]*PeeringConnection { return &s.PeeringConnections }),
	kind("transit-gateway", "transit gateways", func(s *Snapshot) *[]*TransitGateway { return &s.TransitGateways }),
	tgwAttachmentKind(),
	kind("transit-gateway-route-table", "transit gateway route tables", func(s *Snapshot) *[]*TGWRouteTable { return &s.TGWRouteTables }),
	kind("vpn-gateway", "virtual private gateways", func(s *Snapshot) *[]*VPNGateway { return &s.VPNGateways }),
	kind("customer-gateway", "customer gateways", func(s *Snapshot) *[]*CustomerGateway { return &s.CustomerGateways }),
	kind("vpn-connection", "VPN connections", func(s *Snapshot) *[]*VPNConnection { return &s.VPNConnections }),
	kind("dx-gateway", "Direct Connect gateways", func(s *Snapshot) *[]*DXGateway { return &s.DXGateways }),
	kind("virtual-interface", "Direct Connect virtual interfaces", func(s *Snapshot) *[]*VirtualInterface { return &s.VirtualInterfaces }),
	kind("load-balancer", "load balancers", func(s *Snapshot) *[]*LoadBalancer { return &s.LoadBalancers }),
	kind("target-group", "target groups", func(s *Snapshot) *[]*TargetGroup { return &s.TargetGroups }),
	kind("lambda-function", "Lambda functions", func(s *Snapshot) *[]*LambdaFunction { return &s.LambdaFunctions }),
	kind("rest-api", "REST APIs", func(s *Snapshot) *[]*RestAPI { return &s.RestAPIs }),
	kind("http-api", "HTTP APIs", func(s *Snapshot) *[]*HTTPAPI { return &s.HTTPAPIs }),
	kind("vpc-link", "VPC links", func(s *Snapshot) *[]*VPCLink { return &s.VPCLinks }),
	kind("domain-name", "API custom domain names", func(s *Snapshot) *[]*DomainName { return &s.DomainNames }),
	kind("hosted-zone", "hosted zones", func(s *Snapshot) *[]*HostedZone { return &s.HostedZones }),
	kind("resolver-endpoint", "Resolver endpoints", func(s *Snapshot) *[]*ResolverEndpoint { return &s.ResolverEndpoints }),
	kind("resolver-rule", "Resolver rules", func(s *Snapshot) *[]*ResolverRule { return &s.ResolverRules }),
	kind("dns-firewall-domain-list", "DNS Firewall domain lists", func(s *Snapshot) *[]*FirewallDomainList { return &s.FirewallDomainLists }),
	kind("dns-firewall-rule-group", "DNS Firewall rule groups", func(s *Snapshot) *[]*FirewallRuleGroup { return &s.FirewallRuleGroups }),
	kind("dns-firewall-association", "DNS Firewall rule group associations", func(s *Snapshot) *[]*FirewallAssociation { return &s.FirewallAssociations }),
	kind("dns-firewall-config", "DNS Firewall VPC configurations", func(s *Snapshot) *[]*FirewallConfig { return &s.FirewallConfigs }),
	kind("route53-profile", "Route 53 Profiles", func(s *Snapshot) *[]*Profile { return &s.Profiles }),
	kind("route53-profile-association", "Route 53 Profile associations", func(s *Snapshot) *[]*ProfileAssociation { return &s.ProfileAssociations }),
	kind("onprem-site", "on-premises sites", func(s *Snapshot) *[]*OnPremSite { return &s.Sites }),
	kind("dns-server", "DNS servers", func(s *Snapshot) *[]*DNSServer { return &s.DNSServers }),
	kind("client", "clients", func(s *Snapshot) *[]*Client { return &s.Clients }),
}

// sortResources orders xs by account, region and ID, keeping the order of
// equals (as sortByMeta). It checks first: loads sort twice, and the second
// time most kinds are in order already.
func sortResources[T Resource](xs []T) bool {
	if slices.IsSortedFunc(xs, compareResources) {
		return false
	}
	// Stable, as an unstable sort on the position too: SortStableFunc's
	// merging cost most of a second on 500,000 ENIs.
	type keyed struct {
		m  *Meta
		at int
	}
	ks := make([]keyed, len(xs))
	for i, x := range xs {
		ks[i] = keyed{x.Base(), i}
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := compareMeta(a.m, b.m); c != 0 {
			return c
		}
		return a.at - b.at
	})
	old := slices.Clone(xs)
	for i, k := range ks {
		xs[i] = old[k.at]
	}
	return true
}

func compareMeta(a, b *Meta) int {
	if c := strings.Compare(a.Account, b.Account); c != 0 {
		return c
	}
	if c := strings.Compare(a.Region, b.Region); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}

func compareResources[T Resource](x, y T) int { return compareMeta(x.Base(), y.Base()) }

// KindByName returns the kind called name, or nil.
func KindByName(name string) *KindInfo {
	for _, k := range Kinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// KindOf returns the kind of r.
func KindOf(r Resource) *KindInfo {
	name := ""
	switch r.(type) {
	case *Account:
		name = "account"
	case *Region:
		name = "region"
	case *AvailabilityZone:
		name = "availability-zone"
	case *VPC:
		name = "vpc"
	case *Subnet:
		name = "subnet"
	case *RouteTable:
		name = "route-table"
	case *PrefixList:
		name = "prefix-list"
	case *NetworkACL:
		name = "network-acl"
	case *SecurityGroup:
		name = "security-group"
	case *ENI:
		name = "network-interface"
	case *Instance:
		name = "instance"
	case *InternetGateway:
		name = "internet-gateway"
	case *EgressOnlyIGW:
		name = "egress-only-internet-gateway"
	case *NATGateway:
		name = "nat-gateway"
	case *ElasticIP:
		name = "elastic-ip"
	case *VPCEndpoint:
		name = "vpc-endpoint"
	case *EndpointService:
		name = "endpoint-service"
	case *PeeringConnection:
		name = "peering-connection"
	case *TransitGateway:
		name = "transit-gateway"
	case *TGWAttachment:
		name = "transit-gateway-attachment"
	case *TGWRouteTable:
		name = "transit-gateway-route-table"
	case *VPNGateway:
		name = "vpn-gateway"
	case *CustomerGateway:
		name = "customer-gateway"
	case *VPNConnection:
		name = "vpn-connection"
	case *DXGateway:
		name = "dx-gateway"
	case *VirtualInterface:
		name = "virtual-interface"
	case *LoadBalancer:
		name = "load-balancer"
	case *TargetGroup:
		name = "target-group"
	case *LambdaFunction:
		name = "lambda-function"
	case *RestAPI:
		name = "rest-api"
	case *HTTPAPI:
		name = "http-api"
	case *VPCLink:
		name = "vpc-link"
	case *DomainName:
		name = "domain-name"
	case *HostedZone:
		name = "hosted-zone"
	case *ResolverEndpoint:
		name = "resolver-endpoint"
	case *ResolverRule:
		name = "resolver-rule"
	case *FirewallDomainList:
		name = "dns-firewall-domain-list"
	case *FirewallRuleGroup:
		name = "dns-firewall-rule-group"
	case *FirewallAssociation:
		name = "dns-firewall-association"
	case *FirewallConfig:
		name = "dns-firewall-config"
	case *Profile:
		name = "route53-profile"
	case *ProfileAssociation:
		name = "route53-profile-association"
	case *OnPremSite:
		name = "onprem-site"
	case *DNSServer:
		name = "dns-server"
	case *Client:
		name = "client"
	}
	return KindByName(name)
}

// tgwAttachmentKind dedups by attachment ID and TGW: a peering attachment has
// one ID but two sides (each account sees its own TGW, association and peer),
// and both are needed to route across it (R5.1).
func tgwAttachmentKind() *KindInfo {
	k := kind("transit-gateway-attachment", "transit gateway attachments", func(s *Snapshot) *[]*TGWAttachment { return &s.TGWAttachments })
	k.dedup = func(s *Snapshot) {
		seen := map[[2]string]bool{}
		out := s.TGWAttachments[:0]
		for _, a := range s.TGWAttachments {
			key := [2]string{a.ID, a.TGW}
			if a.ID != "" && seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, a)
		}
		s.TGWAttachments = out
	}
	return k
}
