package awsjson

import (
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netverify/netverify/model"
)

func internetGateways(c *fileCtx, out *ec2.DescribeInternetGatewaysOutput, ps []pos) {
	for i, g := range out.InternetGateways {
		x := &model.InternetGateway{Meta: c.meta(str(g.InternetGatewayId), at(ps, i), g.OwnerId, nil), VPCs: []string{}}
		x.SetTags(ec2Tags(g.Tags))
		for _, a := range g.Attachments {
			if a.State == "detached" || a.State == "detaching" {
				continue
			}
			x.VPCs = appendUnique(x.VPCs, str(a.VpcId))
		}
		c.part.InternetGateways = append(c.part.InternetGateways, x)
	}
}

func egressOnlyIGWs(c *fileCtx, out *ec2.DescribeEgressOnlyInternetGatewaysOutput, ps []pos) {
	for i, g := range out.EgressOnlyInternetGateways {
		x := &model.EgressOnlyIGW{Meta: c.meta(str(g.EgressOnlyInternetGatewayId), at(ps, i), nil, nil)}
		x.SetTags(ec2Tags(g.Tags))
		for _, a := range g.Attachments {
			if a.State != "detached" {
				x.VPC = str(a.VpcId)
			}
		}
		c.part.EgressOnlyIGWs = append(c.part.EgressOnlyIGWs, x)
	}
}

func natGateways(c *fileCtx, out *ec2.DescribeNatGatewaysOutput, ps []pos) {
	for i, n := range out.NatGateways {
		x := &model.NATGateway{Meta: c.meta(str(n.NatGatewayId), at(ps, i), nil, nil), VPC: str(n.VpcId), Subnet: str(n.SubnetId),
			Public: n.ConnectivityType != ec2types.ConnectivityTypePrivate, State: string(n.State)}
		x.SetTags(ec2Tags(n.Tags))
		for _, a := range n.NatGatewayAddresses {
			if x.ENI == "" {
				x.ENI = str(a.NetworkInterfaceId)
			}
			if ip, ok := c.addr(str(a.PrivateIp), x.Source, x.ID, "PrivateIp"); ok && (!x.PrivateIP.IsValid() || boolv(a.IsPrimary)) {
				x.PrivateIP = ip
			}
			if ip, ok := c.addr(str(a.PublicIp), x.Source, x.ID, "PublicIp"); ok {
				x.PublicIPs = append(x.PublicIPs, ip)
			}
		}
		c.part.NATGateways = append(c.part.NATGateways, x)
	}
}

func vpcEndpoints(c *fileCtx, out *ec2.DescribeVpcEndpointsOutput, ps []pos) {
	for i, e := range out.VpcEndpoints {
		x := &model.VPCEndpoint{Meta: c.meta(str(e.VpcEndpointId), at(ps, i), e.OwnerId, nil), VPC: str(e.VpcId),
			ServiceName: str(e.ServiceName), State: string(e.State), RouteTables: e.RouteTableIds, Subnets: e.SubnetIds,
			ENIs: e.NetworkInterfaceIds, PrivateDNSEnabled: boolv(e.PrivateDnsEnabled), Policy: str(e.PolicyDocument),
			IPAddressType: string(e.IpAddressType)}
		x.SetTags(ec2Tags(e.Tags))
		x.Type, _ = model.ParseEndpointType(string(e.VpcEndpointType))
		if x.Type == model.EndpointGateway {
			// Private DNS has no meaning for gateway endpoints (R7.1); some examples print it anyway.
			x.PrivateDNSEnabled = false
		}
		if e.DnsOptions != nil {
			x.PrivateDNSOnlyForInboundResolver = boolv(e.DnsOptions.PrivateDnsOnlyForInboundResolverEndpoint)
		}
		for _, g := range e.Groups {
			x.SecurityGroups = appendUnique(x.SecurityGroups, str(g.GroupId))
		}
		for _, d := range e.DnsEntries {
			x.DNSEntries = append(x.DNSEntries, model.DNSEntry{Name: str(d.DnsName), HostedZoneID: str(d.HostedZoneId)})
		}
		c.part.VPCEndpoints = append(c.part.VPCEndpoints, x)
	}
}

func endpointServices(c *fileCtx, out *ec2.DescribeVpcEndpointServicesOutput, ps []pos) {
	for i, s := range out.ServiceDetails {
		id := str(s.ServiceId)
		if id == "" {
			id = str(s.ServiceName)
		}
		x := &model.EndpointService{Meta: c.meta(id, at(ps, i), nil, nil), ServiceName: str(s.ServiceName),
			AcceptanceRequired: boolv(s.AcceptanceRequired), PrivateDNSName: str(s.PrivateDnsName), AZs: s.AvailabilityZones, Owner: str(s.Owner)}
		x.SetTags(ec2Tags(s.Tags))
		if len(s.ServiceType) > 0 {
			x.ServiceType = string(s.ServiceType[0].ServiceType)
		}
		c.part.EndpointServices = append(c.part.EndpointServices, x)
	}
}

func endpointServiceConfigs(c *fileCtx, out *ec2.DescribeVpcEndpointServiceConfigurationsOutput, ps []pos) {
	for i, s := range out.ServiceConfigurations {
		x := &model.EndpointService{Meta: c.meta(str(s.ServiceId), at(ps, i), nil, nil), ServiceName: str(s.ServiceName),
			AcceptanceRequired: boolv(s.AcceptanceRequired), PrivateDNSName: str(s.PrivateDnsName), AZs: s.AvailabilityZones,
			LoadBalancers: append(append([]string{}, s.NetworkLoadBalancerArns...), s.GatewayLoadBalancerArns...)}
		x.SetTags(ec2Tags(s.Tags))
		if len(s.ServiceType) > 0 {
			x.ServiceType = string(s.ServiceType[0].ServiceType)
		}
		c.part.EndpointServices = append(c.part.EndpointServices, x)
	}
}

func peeringConnections(c *fileCtx, out *ec2.DescribeVpcPeeringConnectionsOutput, ps []pos) {
	for i, p := range out.VpcPeeringConnections {
		x := &model.PeeringConnection{Meta: c.meta(str(p.VpcPeeringConnectionId), at(ps, i), nil, nil)}
		x.SetTags(ec2Tags(p.Tags))
		if p.Status != nil {
			x.Status = string(p.Status.Code)
		}
		x.Requester = c.peeringSide(p.RequesterVpcInfo, x)
		x.Accepter = c.peeringSide(p.AccepterVpcInfo, x)
		if x.Account == "" {
			x.Account = x.Requester.Account
		}
		if x.Region == "" {
			x.Region = x.Requester.Region
		}
		c.part.PeeringConnections = append(c.part.PeeringConnections, x)
	}
}

func (c *fileCtx) peeringSide(v *ec2types.VpcPeeringConnectionVpcInfo, x *model.PeeringConnection) model.PeeringSide {
	if v == nil {
		return model.PeeringSide{}
	}
	s := model.PeeringSide{VPC: str(v.VpcId), Account: str(v.OwnerId), Region: str(v.Region)}
	if p, ok := c.prefix(str(v.CidrBlock), x.Source, x.ID, "CidrBlock"); ok {
		s.CIDRs = append(s.CIDRs, p)
	}
	for _, b := range v.CidrBlockSet {
		if p, ok := c.prefix(str(b.CidrBlock), x.Source, x.ID, "CidrBlockSet"); ok && !containsPrefix(s.CIDRs, p) {
			s.CIDRs = append(s.CIDRs, p)
		}
	}
	for _, b := range v.Ipv6CidrBlockSet {
		if p, ok := c.prefix(str(b.Ipv6CidrBlock), x.Source, x.ID, "Ipv6CidrBlockSet"); ok {
			s.CIDRs = append(s.CIDRs, p)
		}
	}
	if v.PeeringOptions != nil {
		s.AllowDNSResolutionFromRemoteVPC = boolv(v.PeeringOptions.AllowDnsResolutionFromRemoteVpc)
	}
	return s
}

func vpnGateways(c *fileCtx, out *ec2.DescribeVpnGatewaysOutput, ps []pos) {
	for i, g := range out.VpnGateways {
		x := &model.VPNGateway{Meta: c.meta(str(g.VpnGatewayId), at(ps, i), nil, g.AvailabilityZone), ASN: i64(g.AmazonSideAsn), State: string(g.State)}
		x.SetTags(ec2Tags(g.Tags))
		for _, a := range g.VpcAttachments {
			if a.State == "attached" || a.State == "attaching" || a.State == "" {
				x.VPCs = appendUnique(x.VPCs, str(a.VpcId))
			}
		}
		c.part.VPNGateways = append(c.part.VPNGateways, x)
	}
}

func customerGateways(c *fileCtx, out *ec2.DescribeCustomerGatewaysOutput, ps []pos) {
	for i, g := range out.CustomerGateways {
		x := &model.CustomerGateway{Meta: c.meta(str(g.CustomerGatewayId), at(ps, i), nil, nil), State: str(g.State)}
		x.SetTags(ec2Tags(g.Tags))
		x.IP, _ = c.addr(str(g.IpAddress), x.Source, x.ID, "IpAddress")
		x.ASN = parseASN(str(g.BgpAsn))
		if x.ASN == 0 {
			x.ASN = parseASN(str(g.BgpAsnExtended))
		}
		c.part.CustomerGateways = append(c.part.CustomerGateways, x)
	}
}

func parseASN(s string) int64 {
	var n int64
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0
		}
		n = n*10 + int64(r-'0')
	}
	return n
}

func vpnConnections(c *fileCtx, out *ec2.DescribeVpnConnectionsOutput, ps []pos) {
	for i, v := range out.VpnConnections {
		x := &model.VPNConnection{Meta: c.meta(str(v.VpnConnectionId), at(ps, i), nil, nil), CustomerGateway: str(v.CustomerGatewayId),
			VPNGateway: str(v.VpnGatewayId), TransitGateway: str(v.TransitGatewayId), State: string(v.State)}
		x.SetTags(ec2Tags(v.Tags))
		if v.Options != nil {
			x.StaticRoutesOnly = boolv(v.Options.StaticRoutesOnly)
		}
		for _, r := range v.Routes {
			if r.State == "deleted" || r.State == "deleting" {
				continue
			}
			if p, ok := c.prefix(str(r.DestinationCidrBlock), x.Source, x.ID, "Routes"); ok {
				x.Routes = append(x.Routes, p)
			}
		}
		for _, t := range v.VgwTelemetry {
			tun := model.VPNTunnel{Status: string(t.Status), AcceptedRoutes: i32(t.AcceptedRouteCount, 0)}
			tun.OutsideIP, _ = c.addr(str(t.OutsideIpAddress), x.Source, x.ID, "OutsideIpAddress")
			x.Tunnels = append(x.Tunnels, tun)
		}
		c.part.VPNConnections = append(c.part.VPNConnections, x)
	}
}
