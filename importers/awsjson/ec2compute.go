package awsjson

import (
	"net/netip"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netverify/netverify/model"
)

func networkInterfaces(c *fileCtx, out *ec2.DescribeNetworkInterfacesOutput, ps []pos) {
	for i, n := range out.NetworkInterfaces {
		x := &model.ENI{Meta: c.meta(str(n.NetworkInterfaceId), at(ps, i), n.OwnerId, n.AvailabilityZone), VPC: str(n.VpcId),
			Subnet: str(n.SubnetId), AZ: str(n.AvailabilityZone), SourceDestCheck: n.SourceDestCheck == nil || *n.SourceDestCheck,
			InterfaceType: string(n.InterfaceType), Description: str(n.Description), Status: string(n.Status)}
		x.SetTags(ec2Tags(n.TagSet))
		for _, g := range n.Groups {
			x.SecurityGroups = appendUnique(x.SecurityGroups, str(g.GroupId))
		}
		c.eniAddresses(x, n)
		instance := ""
		if n.Attachment != nil {
			instance = str(n.Attachment.InstanceId)
		}
		x.OwnerKind, x.OwnerID = eniOwner(x, instance, str(n.RequesterId))
		c.part.ENIs = append(c.part.ENIs, x)
	}
}

// eniAddresses fills private (primary first), IPv6 and public addresses (R3.2).
func (c *fileCtx) eniAddresses(x *model.ENI, n ec2types.NetworkInterface) {
	primary := str(n.PrivateIpAddress)
	if ip, ok := c.addr(primary, x.Source, x.ID, "PrivateIpAddress"); ok {
		x.PrivateIPs = append(x.PrivateIPs, ip)
		c.publicIP(x, ip, n.Association)
	}
	for _, p := range n.PrivateIpAddresses {
		ip, ok := c.addr(str(p.PrivateIpAddress), x.Source, x.ID, "PrivateIpAddresses")
		if !ok || str(p.PrivateIpAddress) == primary {
			continue
		}
		x.PrivateIPs = append(x.PrivateIPs, ip)
		c.publicIP(x, ip, p.Association)
	}
	for _, a := range n.Ipv6Addresses {
		if ip, ok := c.addr(str(a.Ipv6Address), x.Source, x.ID, "Ipv6Address"); ok {
			x.IPv6 = append(x.IPv6, ip)
		}
	}
}

func (c *fileCtx) publicIP(x *model.ENI, private netip.Addr, a *ec2types.NetworkInterfaceAssociation) {
	if a == nil {
		return
	}
	if pub, ok := c.addr(str(a.PublicIp), x.Source, x.ID, "Association.PublicIp"); ok {
		x.PublicIPs = append(x.PublicIPs, model.PublicIPMapping{PrivateIP: private, PublicIP: pub, AllocationID: str(a.AllocationId)})
	}
}

var (
	natDescRE      = regexp.MustCompile(`nat-[0-9a-f]+`)
	vpceDescRE     = regexp.MustCompile(`vpce-[0-9a-f]+`)
	elbDescRE      = regexp.MustCompile(`^ELB ((app|net|gwy)/[^/\s]+/[0-9a-f]+)`)
	resolverDescRE = regexp.MustCompile(`rslvr-(in|out)-[0-9a-f]+`)
	tgwAttachRE    = regexp.MustCompile(`tgw-attach-[0-9a-f]+`)
	vpcLinkRE      = regexp.MustCompile(`vpclink-[0-9a-z]+`)
	lambdaDescRE   = regexp.MustCompile(`^AWS Lambda VPC ENI-(.+?)(-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$`)
)

// eniOwner derives who owns an ENI from its interface type, attachment,
// requester and description: it decides whether SGs apply (R2.1) and whether
// the ENI can accept connections (R8.3).
func eniOwner(x *model.ENI, instance, requester string) (model.ENIOwner, string) {
	d := x.Description
	switch t := x.InterfaceType; {
	case instance != "":
		return model.OwnerInstance, instance
	case t == "lambda" || strings.HasPrefix(d, "AWS Lambda VPC ENI"):
		if m := lambdaDescRE.FindStringSubmatch(d); m != nil {
			return model.OwnerLambda, m[1]
		}
		return model.OwnerLambda, ""
	case t == "gateway_load_balancer_endpoint":
		return model.OwnerGWLBEndpoint, vpceDescRE.FindString(d)
	case t == "vpc_endpoint" || strings.HasPrefix(d, "VPC Endpoint Interface"):
		return model.OwnerInterfaceEndpoint, vpceDescRE.FindString(d)
	case t == "nat_gateway" || t == "natGateway" || strings.Contains(d, "NAT Gateway"):
		return model.OwnerNATGateway, natDescRE.FindString(d)
	case elbDescRE.MatchString(d):
		return model.OwnerLoadBalancer, lbARN(x, elbDescRE.FindStringSubmatch(d)[1])
	case t == "network_load_balancer" || t == "gateway_load_balancer" || t == "load_balancer":
		return model.OwnerLoadBalancer, ""
	case strings.Contains(d, "Route 53 Resolver") || resolverDescRE.MatchString(d):
		return model.OwnerResolverEndpoint, resolverDescRE.FindString(d)
	case t == "transit_gateway" || tgwAttachRE.MatchString(d):
		return model.OwnerTGWAttachment, tgwAttachRE.FindString(d)
	case t == "api_gateway_managed" || vpcLinkRE.MatchString(d):
		return model.OwnerVPCLink, vpcLinkRE.FindString(d)
	}
	return model.OwnerOther, ""
}

// lbARN rebuilds the load balancer ARN from "app/name/id" in an ENI description.
func lbARN(x *model.ENI, suffix string) string {
	if x.Region == "" || x.Account == "" {
		return suffix
	}
	return "arn:aws:elasticloadbalancing:" + x.Region + ":" + x.Account + ":loadbalancer/" + suffix
}

func reservations(c *fileCtx, out *ec2.DescribeInstancesOutput, ps []pos) {
	for i, r := range out.Reservations {
		for _, in := range r.Instances {
			c.instance(in, str(r.OwnerId), at(ps, i))
		}
	}
}

// instance maps an instance and keeps its ENIs, so they can be created where
// NetworkInterfaces.json does not list them.
func (c *fileCtx) instance(in ec2types.Instance, owner string, p pos) {
	var az *string
	if in.Placement != nil {
		az = in.Placement.AvailabilityZone
	}
	x := &model.Instance{Meta: c.meta(str(in.InstanceId), p, &owner, az), VPC: str(in.VpcId), Subnet: str(in.SubnetId),
		SourceDestCheck: in.SourceDestCheck == nil || *in.SourceDestCheck, Platform: string(in.Platform), ENIs: []string{}}
	x.SetTags(ec2Tags(in.Tags))
	if in.State != nil {
		x.State = string(in.State.Name)
	}
	var enis []*model.ENI
	for _, n := range in.NetworkInterfaces {
		x.ENIs = append(x.ENIs, str(n.NetworkInterfaceId))
		enis = append(enis, c.instanceENI(x, n, str(az)))
	}
	c.part.Instances = append(c.part.Instances, x)
	c.fixup(func(l *linker) { l.instanceENIs(enis) })
}

func (c *fileCtx) instanceENI(in *model.Instance, n ec2types.InstanceNetworkInterface, az string) *model.ENI {
	owner := str(n.OwnerId)
	x := &model.ENI{Meta: c.meta(str(n.NetworkInterfaceId), pos{in.Source.Line, in.Source.Col}, &owner, &az), VPC: str(n.VpcId),
		Subnet: str(n.SubnetId), AZ: az, SourceDestCheck: n.SourceDestCheck == nil || *n.SourceDestCheck,
		OwnerKind: model.OwnerInstance, OwnerID: in.ID, InterfaceType: str(n.InterfaceType), Description: str(n.Description),
		Status: string(n.Status)}
	for _, g := range n.Groups {
		x.SecurityGroups = appendUnique(x.SecurityGroups, str(g.GroupId))
	}
	primary := str(n.PrivateIpAddress)
	if ip, ok := c.addr(primary, x.Source, x.ID, "PrivateIpAddress"); ok {
		x.PrivateIPs = append(x.PrivateIPs, ip)
		if n.Association != nil {
			c.instancePublic(x, ip, str(n.Association.PublicIp))
		}
	}
	for _, p := range n.PrivateIpAddresses {
		ip, ok := c.addr(str(p.PrivateIpAddress), x.Source, x.ID, "PrivateIpAddresses")
		if !ok {
			continue
		}
		if str(p.PrivateIpAddress) != primary {
			x.PrivateIPs = append(x.PrivateIPs, ip)
			if p.Association != nil {
				c.instancePublic(x, ip, str(p.Association.PublicIp))
			}
		}
	}
	for _, a := range n.Ipv6Addresses {
		if ip, ok := c.addr(str(a.Ipv6Address), x.Source, x.ID, "Ipv6Address"); ok {
			x.IPv6 = append(x.IPv6, ip)
		}
	}
	return x
}

func (c *fileCtx) instancePublic(x *model.ENI, private netip.Addr, public string) {
	if pub, ok := c.addr(public, x.Source, x.ID, "Association.PublicIp"); ok {
		for _, m := range x.PublicIPs {
			if m.PrivateIP == private {
				return
			}
		}
		x.PublicIPs = append(x.PublicIPs, model.PublicIPMapping{PrivateIP: private, PublicIP: pub})
	}
}
