package cfn

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
)

// knownServicePrefixLists are AWS-managed prefix lists as DescribePrefixLists
// returned them in the corpus's real captures (batfish lab-validation), so a
// template and a describe-JSON dump of the same network agree.
var knownServicePrefixLists = map[string]struct {
	id    string
	cidrs []string
}{
	"com.amazonaws.us-east-1.s3":       {"pl-63a5400a", []string{"54.231.0.0/17", "52.216.0.0/15", "3.5.16.0/21", "3.5.0.0/20"}},
	"com.amazonaws.us-east-1.dynamodb": {"pl-02cd2c6b", []string{"3.218.182.0/24", "3.218.180.0/23", "52.94.0.0/22", "52.119.224.0/20"}},
	"com.amazonaws.us-east-2.s3":       {"pl-7ba54012", []string{"52.219.80.0/20", "3.5.128.0/22", "3.5.132.0/23", "52.219.96.0/20"}},
	"com.amazonaws.us-east-2.dynamodb": {"pl-4ca54025", []string{"52.94.4.0/24"}},
}

// KnownServicePrefixList returns the ID and entries of the AWS-managed
// prefix list of a gateway endpoint service ("com.amazonaws.us-east-1.s3"),
// when netverify knows it offline. The Terraform importer uses it too, so that
// a template, a plan and a describe-JSON dump of one network agree (R7.1).
func KnownServicePrefixList(service string) (string, []netip.Prefix, bool) {
	k, ok := knownServicePrefixLists[service]
	if !ok {
		return "", nil, false
	}
	entries := make([]netip.Prefix, 0, len(k.cidrs))
	for _, c := range k.cidrs {
		entries = append(entries, netip.MustParsePrefix(c))
	}
	return k.id, entries, true
}

// servicePrefixList returns (creating once) the AWS-managed prefix list of a gateway endpoint service (R7.1).
func (imp *importer) servicePrefixList(service string, r *resource) *model.PrefixList {
	for _, pl := range imp.snap.PrefixLists {
		if pl.AWSManaged && pl.PrefixListName == service {
			return pl
		}
	}
	pl := &model.PrefixList{PrefixListName: service, AWSManaged: true, AddressFamily: "IPv4"}
	pl.Account, pl.Region, pl.Source, pl.Name = "", r.region, imp.srcOf(r), service
	if id, entries, ok := KnownServicePrefixList(service); ok {
		pl.ID, pl.Entries = id, entries
		pl.Assume("AWS-managed prefix list: entries as AWS published them when the corpus was captured; the real ranges are AWS's and change over time")
	} else {
		h := sha256.Sum256([]byte(service))
		pl.ID = "pl-" + hex.EncodeToString(h[:4])
		pl.Entries = []netip.Prefix{}
		pl.Assume("AWS-managed prefix list: the real ranges are AWS's and not known offline; its ID is a placeholder")
		imp.ds.Warnf(imp.srcOf(r), r.Logical, "the address ranges of %s are not known offline; traffic to the service is not matched by its prefix list", service)
	}
	imp.snap.PrefixLists = append(imp.snap.PrefixLists, pl)
	imp.byID[pl.ID] = pl
	return pl
}

// vpcEndpoint converts an endpoint; a gateway endpoint adds its prefix-list
// route to each of its route tables (R7.1, R7.2).
func vpcEndpoint(imp *importer, r *resource, p props) {
	ep := &model.VPCEndpoint{Meta: p.meta(r.physicalID()), VPC: p.str("VpcId"), ServiceName: p.str("ServiceName"), State: "available",
		RouteTables: p.strs("RouteTableIds"), Subnets: p.strs("SubnetIds"), SecurityGroups: p.strs("SecurityGroupIds"),
		PrivateDNSEnabled: p.boolean("PrivateDnsEnabled", false), IPAddressType: p.str("IpAddressType")}
	typ := p.str("VpcEndpointType")
	if typ == "" {
		typ = "Gateway"
	}
	t, ok := model.ParseEndpointType(typ)
	if !ok {
		imp.ds.Errorf(p.src(p.get("VpcEndpointType")), r.Logical, "VPCEndpoint %s: VpcEndpointType %q is not Gateway, Interface or GatewayLoadBalancer", r.Logical, typ)
	}
	ep.Type = t
	if pol := p.get("PolicyDocument"); pol != nil {
		ep.Policy = policyJSON(p, "PolicyDocument", pol)
	}
	if ep.Type == model.EndpointInterface {
		ep.DNSEntries = []model.DNSEntry{{Name: endpointDNSName(imp.ev, r, ep.ID), HostedZoneID: "Z7HUB22UULQXV"}}
		ep.PrivateDNSOnlyForInboundResolver = p.sub(p.get("DnsOptions")).boolean("PrivateDnsOnlyForInboundResolverEndpoint", false)
	}
	if ep.Type == model.EndpointGateway && ep.ServiceName != "" {
		pl := imp.servicePrefixList(ep.ServiceName, r)
		for _, id := range ep.RouteTables {
			if rt, ok := lookup[*model.RouteTable](imp, id); ok {
				rt.Routes = append(rt.Routes, model.Route{DestPrefixList: pl.ID, Origin: model.OriginGatewayEndpoint,
					Target: model.Target{Kind: model.TargetGatewayEndpoint, ID: ep.ID}, Source: imp.srcOf(r)})
			}
		}
	}
	imp.snap.VPCEndpoints = append(imp.snap.VPCEndpoints, ep)
	imp.register(r, ep)
}

// policyJSON renders an evaluated policy document (a mapping or a JSON string).
func policyJSON(p props, key string, v *Value) string {
	if v.Kind == KString {
		return v.Str
	}
	if v.IsUnknown() {
		p.unknown(key, v)
	}
	b, _ := json.Marshal(toAny(v))
	return string(b)
}

func endpointService(imp *importer, r *resource, p props) {
	s := &model.EndpointService{Meta: p.meta(r.physicalID()), LoadBalancers: append(p.strs("NetworkLoadBalancerArns"), p.strs("GatewayLoadBalancerArns")...),
		AcceptanceRequired: p.boolean("AcceptanceRequired", false), ServiceType: "Interface"}
	if p.has("GatewayLoadBalancerArns") {
		s.ServiceType = "GatewayLoadBalancer"
	}
	s.ServiceName = "com.amazonaws.vpce." + r.region + "." + s.ID
	imp.snap.EndpointServices = append(imp.snap.EndpointServices, s)
	imp.register(r, s)
}

func peering(imp *importer, r *resource, p props) {
	pc := &model.PeeringConnection{Meta: p.meta(r.physicalID()), Status: "active",
		Requester: model.PeeringSide{VPC: p.str("VpcId"), Account: r.account, Region: r.region},
		Accepter:  model.PeeringSide{VPC: p.str("PeerVpcId"), Account: p.str("PeerOwnerId"), Region: p.str("PeerRegion")}}
	if pc.Accepter.Account == "" {
		pc.Accepter.Account = r.account
	}
	if pc.Accepter.Region == "" {
		pc.Accepter.Region = r.region
	}
	if pc.Accepter.Account != pc.Requester.Account {
		pc.Assume("cross-account peering: assumed active, which needs the accepter to accept it")
	}
	imp.snap.PeeringConnections = append(imp.snap.PeeringConnections, pc)
	imp.register(r, pc)
}

func transitGateway(imp *importer, r *resource, p props) {
	t := &model.TransitGateway{Meta: p.meta(r.physicalID()), ASN: int64(p.integer("AmazonSideAsn", 64512)), State: "available",
		DNSSupport: !strings.EqualFold(p.str("DnsSupport"), "disable"), SGReferencingSupport: strings.EqualFold(p.str("SecurityGroupReferencingSupport"), "enable")}
	assoc := !strings.EqualFold(p.str("DefaultRouteTableAssociation"), "disable")
	prop := !strings.EqualFold(p.str("DefaultRouteTablePropagation"), "disable")
	if assoc || prop {
		// CreateTransitGateway makes the default route table; it is part of the TGW (R5.4, R5.5).
		rt := &model.TGWRouteTable{TGW: t.ID, DefaultAssociation: assoc, DefaultPropagation: prop, Routes: []model.TGWRoute{}}
		rt.Meta = p.meta("tgw-rtb-0" + r.hash("default-rtb", 16))
		rt.Name = t.Name + " default route table"
		rt.Assume("default route table created with the transit gateway")
		if assoc {
			t.DefaultAssociationRouteTable = rt.ID
		}
		if prop {
			t.DefaultPropagationRouteTable = rt.ID
		}
		imp.snap.TGWRouteTables = append(imp.snap.TGWRouteTables, rt)
		imp.byID[rt.ID] = rt
	}
	imp.snap.TransitGateways = append(imp.snap.TransitGateways, t)
	imp.register(r, t)
}

// tgwAttachment attaches a VPC and applies the TGW's default association and propagation.
func tgwAttachment(imp *importer, r *resource, p props) {
	a := &model.TGWAttachment{Meta: p.meta(r.physicalID()), TGW: p.str("TransitGatewayId"), Type: model.TGWAttachVPC,
		ResourceID: p.str("VpcId"), Subnets: p.strs("SubnetIds"), State: "available", ResourceOwner: r.account}
	opts := p.sub(p.get("Options"))
	a.ApplianceMode = strings.EqualFold(opts.str("ApplianceModeSupport"), "enable")
	a.IPv6Support = strings.EqualFold(opts.str("Ipv6Support"), "enable")
	a.SGReferencing = strings.EqualFold(opts.str("SecurityGroupReferencingSupport"), "enable")
	if t, ok := lookup[*model.TransitGateway](imp, a.TGW); ok {
		if rt, ok := lookup[*model.TGWRouteTable](imp, t.DefaultAssociationRouteTable); ok {
			a.Association = rt.ID
			rt.Associations = append(rt.Associations, a.ID)
		}
		if rt, ok := lookup[*model.TGWRouteTable](imp, t.DefaultPropagationRouteTable); ok {
			rt.Propagations = append(rt.Propagations, a.ID)
		}
	}
	imp.snap.TGWAttachments = append(imp.snap.TGWAttachments, a)
	imp.register(r, a)
}

func tgwRouteTable(imp *importer, r *resource, p props) {
	rt := &model.TGWRouteTable{Meta: p.meta(r.physicalID()), TGW: p.str("TransitGatewayId"), Routes: []model.TGWRoute{}}
	imp.snap.TGWRouteTables = append(imp.snap.TGWRouteTables, rt)
	imp.register(r, rt)
}

func tgwRoute(imp *importer, r *resource, p props) {
	rt, ok := target[*model.TGWRouteTable](p, "TransitGatewayRouteTableId", "transit gateway route table")
	if !ok {
		return
	}
	dst, ok := p.prefix("DestinationCidrBlock")
	if !ok {
		return
	}
	route := model.TGWRoute{Destination: dst, Blackhole: p.boolean("Blackhole", false), Source: imp.srcOf(r)}
	if att := p.str("TransitGatewayAttachmentId"); att != "" {
		route.Attachments = []string{att}
		if a, ok := lookup[*model.TGWAttachment](imp, att); ok {
			route.ResourceType = string(a.Type)
		}
	}
	rt.Routes = append(rt.Routes, route)
}

// tgwRTAssoc moves an attachment's association to an explicit table (R5.4).
func tgwRTAssoc(imp *importer, r *resource, p props) {
	rt, ok := target[*model.TGWRouteTable](p, "TransitGatewayRouteTableId", "transit gateway route table")
	att := p.str("TransitGatewayAttachmentId")
	if !ok || att == "" {
		return
	}
	if a, ok := lookup[*model.TGWAttachment](imp, att); ok {
		if prev, ok := lookup[*model.TGWRouteTable](imp, a.Association); ok && prev != rt {
			prev.Associations = removeString(prev.Associations, att)
		}
		a.Association = rt.ID
	}
	rt.Associations = appendUnique(rt.Associations, att)
}

func tgwRTProp(imp *importer, r *resource, p props) {
	rt, ok := target[*model.TGWRouteTable](p, "TransitGatewayRouteTableId", "transit gateway route table")
	if att := p.str("TransitGatewayAttachmentId"); ok && att != "" {
		rt.Propagations = appendUnique(rt.Propagations, att)
	}
}

func removeString(xs []string, x string) []string {
	out := xs[:0]
	for _, y := range xs {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}

func vpnGateway(imp *importer, r *resource, p props) {
	g := &model.VPNGateway{Meta: p.meta(r.physicalID()), ASN: int64(p.integer("AmazonSideAsn", 64512)), State: "available"}
	imp.snap.VPNGateways = append(imp.snap.VPNGateways, g)
	imp.register(r, g)
}

// vgwPropagation turns on route propagation from a VGW in route tables (R6.3).
func vgwPropagation(imp *importer, r *resource, p props) {
	vgw := p.str("VpnGatewayId")
	for _, id := range p.strs("RouteTableIds") {
		if rt, ok := lookup[*model.RouteTable](imp, id); ok && vgw != "" {
			rt.Propagations = appendUnique(rt.Propagations, vgw)
		} else if !ok {
			imp.ds.Warnf(imp.srcOf(r), r.Logical, "VPNGatewayRoutePropagation %s: route table %q is not defined in this template", r.Logical, id)
		}
	}
}

func customerGateway(imp *importer, r *resource, p props) {
	g := &model.CustomerGateway{Meta: p.meta(r.physicalID()), ASN: int64(p.integer("BgpAsn", 65000)), State: "available"}
	if ip, ok := p.addr("IpAddress"); ok {
		g.IP = ip
	}
	imp.snap.CustomerGateways = append(imp.snap.CustomerGateways, g)
	imp.register(r, g)
}

func vpnConnection(imp *importer, r *resource, p props) {
	c := &model.VPNConnection{Meta: p.meta(r.physicalID()), CustomerGateway: p.str("CustomerGatewayId"), VPNGateway: p.str("VpnGatewayId"),
		TransitGateway: p.str("TransitGatewayId"), StaticRoutesOnly: p.boolean("StaticRoutesOnly", false), State: "available"}
	c.Assume("tunnel status is known only after deployment; assumed up")
	if c.TransitGateway != "" {
		a := &model.TGWAttachment{TGW: c.TransitGateway, Type: model.TGWAttachVPN, ResourceID: c.ID, State: "available"}
		a.Meta = p.meta("tgw-attach-0" + r.hash("vpn-attach", 16))
		a.Name = c.Name + " attachment"
		if t, ok := lookup[*model.TransitGateway](imp, c.TransitGateway); ok {
			if rt, ok := lookup[*model.TGWRouteTable](imp, t.DefaultAssociationRouteTable); ok {
				a.Association = rt.ID
				rt.Associations = append(rt.Associations, a.ID)
			}
			if rt, ok := lookup[*model.TGWRouteTable](imp, t.DefaultPropagationRouteTable); ok {
				rt.Propagations = append(rt.Propagations, a.ID)
			}
		}
		imp.snap.TGWAttachments = append(imp.snap.TGWAttachments, a)
		imp.byID[a.ID] = a
	}
	imp.snap.VPNConnections = append(imp.snap.VPNConnections, c)
	imp.register(r, c)
}

func vpnConnectionRoute(imp *importer, r *resource, p props) {
	c, ok := target[*model.VPNConnection](p, "VpnConnectionId", "VPN connection")
	if !ok {
		return
	}
	if dst, ok := p.prefix("DestinationCidrBlock"); ok {
		c.Routes = append(c.Routes, dst)
	}
}
