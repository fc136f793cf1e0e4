package cfn

import (
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
)

// converter turns one resource type into model objects. Phase 0 creates the
// primary objects, phase 1 attaches things to them (rules, routes,
// associations), phase 2 what needs phase 1 (gateway endpoint routes).
type converter struct {
	phase int
	fn    func(imp *importer, r *resource, p props)
}

var converters map[string]converter

func init() {
	converters = map[string]converter{
		"AWS::EC2::VPC": {0, vpc}, "AWS::EC2::VPCCidrBlock": {1, vpcCIDRBlock}, "AWS::EC2::Subnet": {0, subnet},
		"AWS::EC2::RouteTable": {0, routeTable}, "AWS::EC2::Route": {1, route},
		"AWS::EC2::SubnetRouteTableAssociation": {1, subnetRTAssoc}, "AWS::EC2::GatewayRouteTableAssociation": {1, gatewayRTAssoc},
		"AWS::EC2::InternetGateway": {0, internetGateway}, "AWS::EC2::EgressOnlyInternetGateway": {0, egressOnlyIGW},
		"AWS::EC2::VPCGatewayAttachment": {1, gatewayAttachment}, "AWS::EC2::NatGateway": {1, natGateway},
		"AWS::EC2::EIP": {0, eip}, "AWS::EC2::EIPAssociation": {1, eipAssociation},
		"AWS::EC2::SecurityGroup": {0, securityGroup}, "AWS::EC2::SecurityGroupIngress": {1, sgIngress},
		"AWS::EC2::SecurityGroupEgress": {1, sgEgress}, "AWS::EC2::NetworkAcl": {0, networkACL},
		"AWS::EC2::NetworkAclEntry": {1, naclEntry}, "AWS::EC2::SubnetNetworkAclAssociation": {1, naclAssoc},
		"AWS::EC2::PrefixList": {0, prefixList}, "AWS::EC2::Instance": {1, instance},
		"AWS::EC2::NetworkInterface": {0, networkInterface},
		"AWS::EC2::VPCEndpoint":      {2, vpcEndpoint}, "AWS::EC2::VPCEndpointService": {1, endpointService},
		"AWS::EC2::VPCPeeringConnection": {1, peering}, "AWS::EC2::TransitGateway": {0, transitGateway},
		"AWS::EC2::TransitGatewayAttachment": {1, tgwAttachment}, "AWS::EC2::TransitGatewayVpcAttachment": {1, tgwAttachment},
		"AWS::EC2::TransitGatewayRouteTable": {1, tgwRouteTable}, "AWS::EC2::TransitGatewayRoute": {2, tgwRoute},
		"AWS::EC2::TransitGatewayRouteTableAssociation": {2, tgwRTAssoc}, "AWS::EC2::TransitGatewayRouteTablePropagation": {2, tgwRTProp},
		"AWS::EC2::VPNGateway": {0, vpnGateway}, "AWS::EC2::VPNGatewayRoutePropagation": {1, vgwPropagation},
		"AWS::EC2::CustomerGateway": {0, customerGateway}, "AWS::EC2::VPNConnection": {1, vpnConnection},
		"AWS::EC2::VPNConnectionRoute": {2, vpnConnectionRoute},
		"AWS::Route53::HostedZone":     {1, hostedZone}, "AWS::Route53::RecordSet": {2, recordSet}, "AWS::Route53::RecordSetGroup": {2, recordSetGroup},
		"AWS::Route53Resolver::ResolverEndpoint": {1, resolverEndpoint}, "AWS::Route53Resolver::ResolverRule": {2, resolverRule},
		"AWS::Route53Resolver::ResolverRuleAssociation": {2, resolverRuleAssoc},
		"AWS::ApiGateway::RestApi":                      {0, restAPI}, "AWS::ApiGateway::Stage": {1, restStage}, "AWS::ApiGateway::Deployment": {1, restDeployment},
		"AWS::ApiGateway::VpcLink": {0, vpcLinkV1}, "AWS::ApiGateway::DomainName": {0, domainName},
		"AWS::ApiGateway::BasePathMapping": {1, basePathMapping}, "AWS::ApiGateway::Method": {1, restMethod},
		"AWS::ApiGateway::Resource": {0, func(*importer, *resource, props) {}},
		"AWS::ApiGatewayV2::Api":    {0, httpAPI}, "AWS::ApiGatewayV2::Integration": {1, httpIntegration},
		"AWS::ApiGatewayV2::Route": {2, httpRoute}, "AWS::ApiGatewayV2::VpcLink": {0, vpcLinkV2},
		"AWS::ApiGatewayV2::Stage":    {1, httpStage},
		"AWS::ApiGateway::Authorizer": {1, restAuthorizer}, "AWS::ApiGatewayV2::Authorizer": {1, httpAuthorizer},
		"AWS::Lambda::Permission": {2, lambdaPermission}, "AWS::Lambda::Alias": {0, func(*importer, *resource, props) {}},
		"AWS::Lambda::Function": {1, lambdaFunction},
		"AWS::Lambda::Url":      {2, functionURL},
		"AWS::WAFv2::IPSet":     {0, wafIPSet}, "AWS::WAFv2::WebACL": {0, wafWebACL},
		"AWS::WAFv2::WebACLAssociation":             {2, wafAssociation},
		"AWS::ElasticLoadBalancingV2::LoadBalancer": {1, loadBalancer}, "AWS::ElasticLoadBalancingV2::TargetGroup": {1, targetGroup},
		"AWS::ElasticLoadBalancingV2::Listener": {2, listener},
		"AWS::Serverless::Function":             {1, samFunction}, "AWS::Serverless::Api": {0, samAPI}, "AWS::Serverless::HttpApi": {0, samHTTPAPI},
	}
}

func vpc(imp *importer, r *resource, p props) {
	v := &model.VPC{Meta: p.meta(r.physicalID()), EnableDNSSupport: p.boolean("EnableDnsSupport", true),
		EnableDNSHostnames: p.boolean("EnableDnsHostnames", false), State: "available"}
	if c, ok := p.prefix("CidrBlock"); ok {
		v.CIDRs = []netip.Prefix{c}
	} else if p.has("Ipv4IpamPoolId") {
		imp.ds.Warnf(imp.srcOf(r), r.Logical, "VPC %s takes its CIDR from an IPAM pool; its range is unknown until deployment", r.Logical)
	}
	imp.snap.VPCs = append(imp.snap.VPCs, v)
	imp.register(r, v)
}

func vpcCIDRBlock(imp *importer, r *resource, p props) {
	v, ok := target[*model.VPC](p, "VpcId", "VPC")
	if !ok {
		return
	}
	if c, ok := p.prefix("CidrBlock"); ok {
		v.CIDRs = append(v.CIDRs, c)
	}
	if c, ok := p.prefix("Ipv6CidrBlock"); ok {
		v.IPv6CIDRs = append(v.IPv6CIDRs, c)
	} else if p.boolean("AmazonProvidedIpv6CidrBlock", false) {
		v.Assume("has an Amazon-provided IPv6 /56 whose range is known only after deployment")
	}
}

func subnet(imp *importer, r *resource, p props) {
	s := &model.Subnet{Meta: p.meta(r.physicalID()), VPC: p.str("VpcId"), AZ: p.str("AvailabilityZone"),
		AZID: p.str("AvailabilityZoneId"), MapPublicIPOnLaunch: p.boolean("MapPublicIpOnLaunch", false),
		IPv6Native: p.boolean("Ipv6Native", false), DNS64: p.boolean("EnableDns64", false)}
	if c, ok := p.prefix("CidrBlock"); ok {
		s.CIDR = c
	} else if !p.has("CidrBlock") && !s.IPv6Native {
		imp.ds.Warnf(imp.srcOf(r), r.Logical, "subnet %s has no CidrBlock", r.Logical)
	}
	if c, ok := p.prefix("Ipv6CidrBlock"); ok {
		s.IPv6CIDR = c
	}
	if s.AZ == "" && s.AZID == "" {
		s.Assume("availability zone not known from the template: AWS picks one at deployment")
	}
	imp.snap.Subnets = append(imp.snap.Subnets, s)
	imp.register(r, s)
}

func routeTable(imp *importer, r *resource, p props) {
	rt := &model.RouteTable{Meta: p.meta(r.physicalID()), VPC: p.str("VpcId")}
	imp.snap.RouteTables = append(imp.snap.RouteTables, rt)
	imp.register(r, rt)
}

// routeTargets maps AWS::EC2::Route target properties to target kinds.
var routeTargets = []struct {
	key  string
	kind model.TargetKind
}{
	{"GatewayId", model.TargetUnknown}, {"NatGatewayId", model.TargetNAT}, {"TransitGatewayId", model.TargetTGW},
	{"VpcPeeringConnectionId", model.TargetPeering}, {"NetworkInterfaceId", model.TargetENI},
	{"InstanceId", model.TargetInstance}, {"EgressOnlyInternetGatewayId", model.TargetEIGW},
	{"VpcEndpointId", model.TargetGWLBEndpoint}, {"CarrierGatewayId", model.TargetCarrierGW},
	{"LocalGatewayId", model.TargetLocalGW}, {"CoreNetworkArn", model.TargetCoreNetwork},
}

// route adds a static route (origin static, R1.7) to its table.
func route(imp *importer, r *resource, p props) {
	rt, ok := target[*model.RouteTable](p, "RouteTableId", "route table")
	if !ok {
		return
	}
	rte := model.Route{Origin: model.OriginStatic, Source: imp.srcOf(r)}
	switch {
	case p.has("DestinationCidrBlock"):
		rte.Destination, ok = p.prefix("DestinationCidrBlock")
	case p.has("DestinationIpv6CidrBlock"):
		rte.Destination, ok = p.prefix("DestinationIpv6CidrBlock")
	case p.has("DestinationPrefixListId"):
		rte.DestPrefixList = p.str("DestinationPrefixListId")
		ok = rte.DestPrefixList != ""
	default:
		imp.ds.Errorf(imp.srcOf(r), r.Logical, "route %s has no destination (DestinationCidrBlock, DestinationIpv6CidrBlock or DestinationPrefixListId)", r.Logical)
		return
	}
	if !ok {
		return
	}
	for _, t := range routeTargets {
		if id := p.str(t.key); id != "" {
			kind := t.kind
			if kind == model.TargetUnknown {
				kind = model.TargetKindOfID(id)
			}
			rte.Target = model.Target{Kind: kind, ID: id}
			break
		}
	}
	if rte.Target.ID == "" {
		imp.ds.Warnf(imp.srcOf(r), r.Logical, "route %s has no known target; it is kept as a blackhole", r.Logical)
		rte.Blackhole = true
	}
	rt.Routes = append(rt.Routes, rte)
}

func subnetRTAssoc(imp *importer, r *resource, p props) {
	rt, ok := target[*model.RouteTable](p, "RouteTableId", "route table")
	if sub := p.str("SubnetId"); ok && sub != "" {
		rt.Associations = append(rt.Associations, model.RouteTableAssociation{ID: r.physicalID(), Subnet: sub})
	}
}

func gatewayRTAssoc(imp *importer, r *resource, p props) {
	rt, ok := target[*model.RouteTable](p, "RouteTableId", "route table")
	if gw := p.str("GatewayId"); ok && gw != "" {
		rt.Associations = append(rt.Associations, model.RouteTableAssociation{ID: r.physicalID(), Gateway: gw})
	}
}

func internetGateway(imp *importer, r *resource, p props) {
	g := &model.InternetGateway{Meta: p.meta(r.physicalID())}
	imp.snap.InternetGateways = append(imp.snap.InternetGateways, g)
	imp.register(r, g)
}

func egressOnlyIGW(imp *importer, r *resource, p props) {
	g := &model.EgressOnlyIGW{Meta: p.meta(r.physicalID()), VPC: p.str("VpcId")}
	imp.snap.EgressOnlyIGWs = append(imp.snap.EgressOnlyIGWs, g)
	imp.register(r, g)
}

// gatewayAttachment attaches an IGW or a VGW to a VPC.
func gatewayAttachment(imp *importer, r *resource, p props) {
	vpcID := p.str("VpcId")
	if id := p.str("InternetGatewayId"); id != "" {
		if g, ok := lookup[*model.InternetGateway](imp, id); ok {
			g.VPCs = appendUnique(g.VPCs, vpcID)
			return
		}
	}
	if id := p.str("VpnGatewayId"); id != "" {
		if g, ok := lookup[*model.VPNGateway](imp, id); ok {
			g.VPCs = appendUnique(g.VPCs, vpcID)
			return
		}
	}
	imp.ds.Warnf(imp.srcOf(r), r.Logical, "VPCGatewayAttachment %s names no internet gateway or VPN gateway of this template; not applied", r.Logical)
}

func appendUnique(xs []string, x string) []string {
	if x == "" {
		return xs
	}
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func natGateway(imp *importer, r *resource, p props) {
	n := &model.NATGateway{Meta: p.meta(r.physicalID()), Subnet: p.str("SubnetId"), State: "available",
		Public: !strings.EqualFold(p.str("ConnectivityType"), "private")}
	if sub, ok := lookup[*model.Subnet](imp, n.Subnet); ok {
		n.VPC = sub.VPC
	}
	if ip, ok := p.addr("PrivateIpAddress"); ok {
		n.PrivateIP = ip
	}
	if alloc := p.str("AllocationId"); alloc != "" {
		if e := imp.eipByAllocation(alloc); e != nil {
			n.PublicIPs = append(n.PublicIPs, e.PublicIP)
			e.AssociationID = "eipassoc-0" + r.hash("assoc", 16)
		} else {
			imp.ds.Warnf(p.src(p.get("AllocationId")), r.Logical, "NAT gateway %s: Elastic IP allocation %s is not in this template; its public address is unknown", r.Logical, alloc)
		}
	}
	imp.snap.NATGateways = append(imp.snap.NATGateways, n)
	imp.register(r, n)
}

// eipByAllocation finds the template's Elastic IP with this allocation ID or public IP.
func (imp *importer) eipByAllocation(alloc string) *model.ElasticIP {
	for _, r := range imp.resources {
		if r.Type != "AWS::EC2::EIP" {
			continue
		}
		if "eipalloc-0"+r.hash("alloc", 16) == alloc || r.physicalID() == alloc {
			if e, ok := imp.objects[r.Logical].(*model.ElasticIP); ok {
				return e
			}
		}
	}
	return nil
}

func eip(imp *importer, r *resource, p props) {
	e := &model.ElasticIP{Meta: p.meta("eipalloc-0" + r.hash("alloc", 16)), PublicIP: r.eipAddr()}
	e.Assume("public IP " + e.PublicIP.String() + " is a placeholder (198.18.0.0/15); AWS allocates the real address at deployment")
	e.Instance = p.str("InstanceId")
	imp.snap.ElasticIPs = append(imp.snap.ElasticIPs, e)
	imp.register(r, e)
	imp.byID[r.physicalID()] = e
}

func eipAssociation(imp *importer, r *resource, p props) {
	e := imp.eipByAllocation(p.str("AllocationId"))
	if e == nil {
		e = imp.eipByAllocation(p.str("EIP"))
	}
	if e == nil {
		imp.ds.Warnf(imp.srcOf(r), r.Logical, "EIPAssociation %s names no Elastic IP of this template; not applied", r.Logical)
		return
	}
	e.AssociationID = r.physicalID()
	if eni := p.str("NetworkInterfaceId"); eni != "" {
		e.ENI = eni
	}
	if in := p.str("InstanceId"); in != "" {
		e.Instance = in
	}
	if ip, ok := p.addr("PrivateIpAddress"); ok {
		e.PrivateIP = ip
	}
	imp.attachEIP(e)
}

func prefixList(imp *importer, r *resource, p props) {
	pl := &model.PrefixList{Meta: p.meta(r.physicalID()), PrefixListName: p.str("PrefixListName"),
		AddressFamily: p.str("AddressFamily"), MaxEntries: p.integer("MaxEntries", 0)}
	if v := p.get("Entries"); v != nil && v.Kind == KList {
		for _, e := range v.List {
			if c, ok := p.sub(e).prefix("Cidr"); ok {
				pl.Entries = append(pl.Entries, c)
			}
		}
	}
	imp.snap.PrefixLists = append(imp.snap.PrefixLists, pl)
	imp.register(r, pl)
}
