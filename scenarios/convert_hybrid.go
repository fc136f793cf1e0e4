package scenarios

import (
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
)

// serviceName expands "s3" to "com.amazonaws.<region>.s3".
func serviceName(s, region string) string {
	if s == "" || strings.Contains(s, ".") {
		return s
	}
	return "com.amazonaws." + region + "." + s
}

func (c *conv) endpoints() {
	for i := range c.doc.VPCEndpoints {
		d := &c.doc.VPCEndpoints[i]
		if !c.ok(&d.Common) {
			continue
		}
		m := c.meta(&d.Common)
		e := &model.VPCEndpoint{Meta: m, VPC: c.ref("vpc", d.VPC), ServiceName: serviceName(d.Service, m.Region), State: d.State,
			RouteTables: c.refs("route-table", d.RouteTables), Subnets: c.refs("subnet", d.Subnets),
			SecurityGroups: c.refs("security-group", d.SecurityGroups), PrivateDNSOnlyForInboundResolver: d.PrivateDNSOnlyForInboundResolver,
			Policy: d.Policy, IPAddressType: d.IPAddressType}
		e.Type = c.endpointType(d)
		e.PrivateDNSEnabled = e.Type == model.EndpointInterface && boolOr(d.PrivateDNS, true)
		for _, n := range d.DNSNames {
			e.DNSEntries = append(e.DNSEntries, model.DNSEntry{Name: n})
		}
		if d.Service == "" {
			c.errf(d.at, "vpc endpoint %s needs a service (e.g. service: execute-api)", e.ID)
		}
		kind := model.OwnerInterfaceEndpoint
		if e.Type == model.EndpointGWLB {
			kind = model.OwnerGWLBEndpoint
		}
		for j := range d.Interfaces {
			eni := c.managedENI(&e.Meta, &d.Interfaces[j], kind, e.SecurityGroups, "VPC Endpoint Interface "+e.ID)
			e.ENIs = append(e.ENIs, eni.ID)
			e.Subnets = append(e.Subnets, eni.Subnet)
		}
		c.s.VPCEndpoints = append(c.s.VPCEndpoints, e)
	}
}

func (c *conv) endpointType(d *EndpointDoc) model.EndpointType {
	if d.Type != "" {
		t, ok := model.ParseEndpointType(d.Type)
		if !ok {
			c.errf(d.of("type"), "type: %q must be Gateway, Interface or GatewayLoadBalancer", d.Type)
		}
		return t
	}
	if strings.HasSuffix(d.Service, "s3") || strings.HasSuffix(d.Service, "dynamodb") {
		if len(d.Subnets) == 0 && len(d.Interfaces) == 0 {
			return model.EndpointGateway
		}
	}
	return model.EndpointInterface
}

// managedENI creates the ENI a service places in a subnet (endpoint, Lambda).
func (c *conv) managedENI(owner *model.Meta, d *InterfaceDoc, kind model.ENIOwner, sgs []string, desc string) *model.ENI {
	e := &model.ENI{Meta: model.Meta{ID: d.ID, Account: owner.Account, Region: owner.Region, Source: c.src(d.at)},
		Subnet: c.ref("subnet", d.Subnet), SecurityGroups: sgs, SourceDestCheck: true, OwnerKind: kind, OwnerID: owner.ID, Description: desc}
	if e.ID == "" {
		e.ID = "eni-" + hash(17, owner.ID+"|"+d.Subnet+"|"+d.IP)
	} else if first, dup := c.ids[e.ID]; dup {
		c.errf(d.of("id"), "duplicate id %q: already defined on line %d", e.ID, first.Line)
	}
	c.ids[e.ID] = d.of("id")
	if d.Subnet == "" {
		c.errf(d.at, "%s: each interface needs a subnet", owner.ID)
	}
	c.fillAddrs(e, &d.Pos, d.IP, nil, nil, d.PublicIP)
	c.s.ENIs = append(c.s.ENIs, e)
	return e
}

func (c *conv) endpointServices() {
	for i := range c.doc.EndpointServices {
		d := &c.doc.EndpointServices[i]
		if c.ok(&d.Common) {
			c.s.EndpointServices = append(c.s.EndpointServices, &model.EndpointService{Meta: c.meta(&d.Common),
				ServiceName: d.ServiceName, ServiceType: d.ServiceType, LoadBalancers: c.refs("load-balancer", d.LoadBalancers),
				AcceptanceRequired: d.AcceptanceRequired, AllowedPrincipals: d.AllowedPrincipals, PrivateDNSName: d.PrivateDNSName,
				AZs: d.AZs, Owner: d.Owner})
		}
	}
}

func (c *conv) peerings() {
	for i := range c.doc.PeeringConnections {
		d := &c.doc.PeeringConnections[i]
		if !c.ok(&d.Common) {
			continue
		}
		p := &model.PeeringConnection{Meta: c.meta(&d.Common), Status: d.Status}
		p.Requester = c.peerSide(d, "requester", d.Requester, d.RequesterAccount, d.RequesterRegion, d.RequesterCIDRs, d.RequesterDNSResolution)
		p.Accepter = c.peerSide(d, "accepter", d.Accepter, d.AccepterAccount, d.AccepterRegion, d.AccepterCIDRs, d.AccepterDNSResolution)
		c.s.PeeringConnections = append(c.s.PeeringConnections, p)
	}
}

// peerSide fills one side; account, region and CIDRs come from the VPC when it
// is in this file.
func (c *conv) peerSide(d *PeeringDoc, key, vpc, acct, region string, cidrs []string, dns bool) model.PeeringSide {
	if vpc == "" {
		c.errf(d.at, "peering connection needs a %s VPC", key)
	}
	side := model.PeeringSide{VPC: c.ref("vpc", vpc), Account: acct, Region: region, AllowDNSResolutionFromRemoteVPC: dns,
		CIDRs: c.prefixes(&d.Pos, key+"Cidrs", cidrs)}
	for j := range c.doc.VPCs {
		v := &c.doc.VPCs[j]
		if c.idOf[&v.Common] == side.VPC {
			side.Account = firstNonEmpty(side.Account, c.account(&v.Common))
			side.Region = firstNonEmpty(side.Region, c.region(&v.Common))
		}
	}
	for _, v := range c.s.VPCs {
		if v.ID == side.VPC && len(side.CIDRs) == 0 {
			side.CIDRs = append([]netip.Prefix(nil), v.CIDRs...)
		}
	}
	side.Account = firstNonEmpty(side.Account, c.account(&d.Common))
	side.Region = firstNonEmpty(side.Region, c.region(&d.Common))
	return side
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (c *conv) tgws() {
	for i := range c.doc.TransitGateways {
		d := &c.doc.TransitGateways[i]
		if c.ok(&d.Common) {
			c.s.TransitGateways = append(c.s.TransitGateways, &model.TransitGateway{Meta: c.meta(&d.Common), ASN: d.ASN,
				DefaultAssociationRouteTable: c.ref("transit-gateway-route-table", d.DefaultAssociationRouteTable),
				DefaultPropagationRouteTable: c.ref("transit-gateway-route-table", d.DefaultPropagationRouteTable),
				DNSSupport:                   d.DNSSupport, SGReferencingSupport: d.SGReferencingSupport, State: d.State})
		}
	}
	for i := range c.doc.TransitGatewayAttachments {
		d := &c.doc.TransitGatewayAttachments[i]
		if c.ok(&d.Common) {
			c.s.TGWAttachments = append(c.s.TGWAttachments, c.tgwAttachment(d))
		}
	}
	for i := range c.doc.TransitGatewayRouteTables {
		d := &c.doc.TransitGatewayRouteTables[i]
		if !c.ok(&d.Common) {
			continue
		}
		rt := &model.TGWRouteTable{Meta: c.meta(&d.Common), TGW: c.ref("transit-gateway", d.TGW), DefaultAssociation: d.DefaultAssociation,
			DefaultPropagation: d.DefaultPropagation, Associations: c.refs("transit-gateway-attachment", d.Associations),
			Propagations: c.refs("transit-gateway-attachment", d.Propagations), Routes: []model.TGWRoute{}}
		for j := range d.Routes {
			r := &d.Routes[j]
			tr := model.TGWRoute{Attachments: c.refs("transit-gateway-attachment", r.Attachments), Blackhole: r.Blackhole,
				Propagated: r.Propagated, ResourceType: r.ResourceType, Source: c.src(r.at)}
			if pl := c.loc["prefix-list"][r.Dest]; pl != "" || strings.HasPrefix(r.Dest, "pl-") {
				tr.DestPrefixList = c.ref("prefix-list", r.Dest)
			} else {
				tr.Destination, _ = c.prefix(&r.Pos, "dest", r.Dest)
			}
			if len(tr.Attachments) == 0 && !tr.Blackhole {
				c.errf(r.at, "transit gateway route to %s needs attachments or blackhole: true", r.Dest)
			}
			rt.Routes = append(rt.Routes, tr)
		}
		c.s.TGWRouteTables = append(c.s.TGWRouteTables, rt)
	}
}

var tgwResourceKind = map[model.TGWAttachmentType]string{
	model.TGWAttachVPC: "vpc", model.TGWAttachVPN: "vpn-connection", model.TGWAttachDXGateway: "dx-gateway",
	model.TGWAttachPeering: "transit-gateway",
}

func (c *conv) tgwAttachment(d *TGWAttachmentDoc) *model.TGWAttachment {
	a := &model.TGWAttachment{Meta: c.meta(&d.Common), TGW: c.ref("transit-gateway", d.TGW), Type: model.TGWAttachmentType(d.Type),
		ResourceOwner: d.ResourceOwner, Subnets: c.refs("subnet", d.Subnets), ApplianceMode: d.ApplianceMode,
		SGReferencing: d.SGReferencing, IPv6Support: d.IPv6Support, Association: c.ref("transit-gateway-route-table", d.Association),
		PeerTGW: c.ref("transit-gateway", d.PeerTGW), PeerAccount: d.PeerAccount, PeerRegion: d.PeerRegion, State: d.State}
	if a.Type == "" {
		a.Type = model.TGWAttachVPC
	}
	kind, ok := tgwResourceKind[a.Type]
	if !ok && a.Type != model.TGWAttachConnect && a.Type != model.TGWAttachNetworkFunction {
		c.errf(d.of("type"), "type: %q must be vpc, vpn, direct-connect-gateway, peering, connect or network-function", d.Type)
	}
	a.ResourceID = c.ref(kind, d.Resource)
	if a.Type == model.TGWAttachPeering && a.PeerTGW == "" {
		a.PeerTGW = a.ResourceID
	}
	return a
}

func (c *conv) hybrid() {
	for i := range c.doc.VPNGateways {
		d := &c.doc.VPNGateways[i]
		if c.ok(&d.Common) {
			g := &model.VPNGateway{Meta: c.meta(&d.Common), ASN: d.ASN, State: d.State}
			if d.VPC != "" {
				g.VPCs = []string{c.ref("vpc", d.VPC)}
			}
			c.s.VPNGateways = append(c.s.VPNGateways, g)
		}
	}
	for i := range c.doc.CustomerGateways {
		d := &c.doc.CustomerGateways[i]
		if c.ok(&d.Common) {
			c.s.CustomerGateways = append(c.s.CustomerGateways, &model.CustomerGateway{Meta: c.meta(&d.Common),
				IP: c.addr(&d.Pos, "ip", d.IP), ASN: d.ASN, State: d.State})
		}
	}
	for i := range c.doc.VPNConnections {
		d := &c.doc.VPNConnections[i]
		if c.ok(&d.Common) {
			c.s.VPNConnections = append(c.s.VPNConnections, c.vpn(d))
		}
	}
	for i := range c.doc.DirectConnectGateways {
		d := &c.doc.DirectConnectGateways[i]
		if c.ok(&d.Common) {
			g := &model.DXGateway{Meta: c.meta(&d.Common), ASN: d.ASN, State: d.State}
			for j := range d.Associations {
				a := &d.Associations[j]
				g.Associations = append(g.Associations, model.DXGatewayAssociation{Gateway: c.refAny(a.Gateway, "vpn-gateway", "transit-gateway"),
					GatewayRegion: a.GatewayRegion, GatewayAccount: a.GatewayAccount, State: a.State,
					AllowedPrefixes: c.prefixes(&a.Pos, "allowedPrefixes", a.AllowedPrefixes)})
			}
			c.s.DXGateways = append(c.s.DXGateways, g)
		}
	}
	for i := range c.doc.VirtualInterfaces {
		d := &c.doc.VirtualInterfaces[i]
		if c.ok(&d.Common) {
			if t := d.Type; t != "private" && t != "transit" && t != "public" {
				c.errf(d.of("type"), "type: %q must be private, transit or public (R6.1)", t)
			}
			c.s.VirtualInterfaces = append(c.s.VirtualInterfaces, &model.VirtualInterface{Meta: c.meta(&d.Common), Type: d.Type,
				VPNGateway: c.ref("vpn-gateway", d.VPNGateway), DXGateway: c.ref("dx-gateway", d.DXGateway), State: d.State, ASN: d.ASN,
				CustomerAddress: d.CustomerAddress, AmazonAddress: d.AmazonAddress, RoutePrefixes: c.prefixes(&d.Pos, "routePrefixes", d.RoutePrefixes)})
		}
	}
}

func (c *conv) vpn(d *VPNDoc) *model.VPNConnection {
	v := &model.VPNConnection{Meta: c.meta(&d.Common), CustomerGateway: c.ref("customer-gateway", d.CustomerGateway),
		VPNGateway: c.ref("vpn-gateway", d.VPNGateway), TransitGateway: c.ref("transit-gateway", d.TransitGateway),
		StaticRoutesOnly: d.StaticRoutesOnly, Routes: c.prefixes(&d.Pos, "routes", d.Routes), State: d.State}
	if (d.VPNGateway == "") == (d.TransitGateway == "") {
		c.errf(d.at, "VPN connection %s needs exactly one of vpnGateway and transitGateway", v.ID)
	}
	for j := range d.Tunnels {
		t := &d.Tunnels[j]
		v.Tunnels = append(v.Tunnels, model.VPNTunnel{OutsideIP: c.addr(&t.Pos, "outsideIp", t.OutsideIP), Status: t.Status, AcceptedRoutes: t.AcceptedRoutes})
	}
	return v
}
