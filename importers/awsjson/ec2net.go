package awsjson

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netverify/netverify/model"
)

func vpcs(c *fileCtx, out *ec2.DescribeVpcsOutput, ps []pos) {
	for i, v := range out.Vpcs {
		x := &model.VPC{Meta: c.meta(str(v.VpcId), at(ps, i), v.OwnerId, nil), IsDefault: boolv(v.IsDefault), State: string(v.State),
			// DescribeVpcs does not print the DNS attributes; AWS defaults support on (R10.2).
			EnableDNSSupport: true}
		x.SetTags(ec2Tags(v.Tags))
		x.Assume(vpcAttrNote)
		x.EnableDNSHostnames = x.IsDefault
		if p, ok := c.prefix(str(v.CidrBlock), x.Source, x.ID, "CidrBlock"); ok {
			x.CIDRs = append(x.CIDRs, p)
		}
		for _, a := range v.CidrBlockAssociationSet {
			if a.CidrBlockState != nil && (a.CidrBlockState.State == "disassociated" || a.CidrBlockState.State == "failed") {
				continue
			}
			if p, ok := c.prefix(str(a.CidrBlock), x.Source, x.ID, "CidrBlockAssociationSet"); ok && !containsPrefix(x.CIDRs, p) {
				x.CIDRs = append(x.CIDRs, p)
			}
		}
		for _, a := range v.Ipv6CidrBlockAssociationSet {
			if p, ok := c.prefix(str(a.Ipv6CidrBlock), x.Source, x.ID, "Ipv6CidrBlock"); ok {
				x.IPv6CIDRs = append(x.IPv6CIDRs, p)
			}
		}
		if id := str(v.DhcpOptionsId); id != "" {
			c.fixup(func(l *linker) { l.vpcDHCP(x, id) })
		}
		c.part.VPCs = append(c.part.VPCs, x)
	}
}

func containsPrefix(ps []netip.Prefix, p netip.Prefix) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// vpcAttribute reads `aws ec2 describe-vpc-attribute` (one attribute per file).
func vpcAttribute(c *fileCtx, out *ec2.DescribeVpcAttributeOutput, ps []pos) {
	id := str(out.VpcId)
	sup, host := out.EnableDnsSupport, out.EnableDnsHostnames
	c.fixup(func(l *linker) {
		v, ok := l.vpcs[id]
		if !ok {
			return
		}
		l.attrsRead[v] = true
		if sup != nil && sup.Value != nil {
			v.EnableDNSSupport = *sup.Value
		}
		if host != nil && host.Value != nil {
			v.EnableDNSHostnames = *host.Value
		}
	})
}

func dhcpOptions(c *fileCtx, out *ec2.DescribeDhcpOptionsOutput, ps []pos) {
	for _, d := range out.DhcpOptions {
		var servers []string
		for _, cfg := range d.DhcpConfigurations {
			if str(cfg.Key) != "domain-name-servers" {
				continue
			}
			for _, v := range cfg.Values {
				servers = append(servers, str(v.Value))
			}
		}
		id := str(d.DhcpOptionsId)
		c.fixup(func(l *linker) { l.dhcp[id] = servers })
	}
}

func subnets(c *fileCtx, out *ec2.DescribeSubnetsOutput, ps []pos) {
	for i, s := range out.Subnets {
		x := &model.Subnet{Meta: c.meta(str(s.SubnetId), at(ps, i), s.OwnerId, s.AvailabilityZone), VPC: str(s.VpcId),
			AZ: str(s.AvailabilityZone), AZID: str(s.AvailabilityZoneId), MapPublicIPOnLaunch: boolv(s.MapPublicIpOnLaunch),
			IPv6Native: boolv(s.Ipv6Native), DNS64: boolv(s.EnableDns64)}
		if s.AvailableIpAddressCount != nil {
			n := int(*s.AvailableIpAddressCount)
			x.AvailableIPs = &n
		}
		x.ARN = str(s.SubnetArn)
		x.SetTags(ec2Tags(s.Tags))
		x.CIDR, _ = c.prefix(str(s.CidrBlock), x.Source, x.ID, "CidrBlock")
		for _, a := range s.Ipv6CidrBlockAssociationSet {
			if p, ok := c.prefix(str(a.Ipv6CidrBlock), x.Source, x.ID, "Ipv6CidrBlock"); ok {
				x.IPv6CIDR = p
			}
		}
		c.part.Subnets = append(c.part.Subnets, x)
	}
}

func availabilityZones(c *fileCtx, out *ec2.DescribeAvailabilityZonesOutput, ps []pos) {
	for i, z := range out.AvailabilityZones {
		m := c.meta(str(z.ZoneName), at(ps, i), nil, z.ZoneName)
		if r := str(z.RegionName); r != "" && c.region == "" {
			m.Region = r
		}
		c.part.AZs = append(c.part.AZs, &model.AvailabilityZone{Meta: m, ZoneID: str(z.ZoneId)})
	}
}

func routeTables(c *fileCtx, out *ec2.DescribeRouteTablesOutput, ps []pos) {
	for i, t := range out.RouteTables {
		x := &model.RouteTable{Meta: c.meta(str(t.RouteTableId), at(ps, i), t.OwnerId, nil), VPC: str(t.VpcId), Routes: []model.Route{}}
		x.SetTags(ec2Tags(t.Tags))
		for _, r := range t.Routes {
			if rt, ok := c.route(r, x); ok {
				x.Routes = append(x.Routes, rt)
			}
		}
		for _, a := range t.Associations {
			if a.AssociationState != nil && (a.AssociationState.State == "disassociated" || a.AssociationState.State == "failed") {
				continue
			}
			x.Associations = append(x.Associations, model.RouteTableAssociation{ID: str(a.RouteTableAssociationId),
				Subnet: str(a.SubnetId), Gateway: str(a.GatewayId), Main: boolv(a.Main)})
		}
		for _, v := range t.PropagatingVgws {
			x.Propagations = appendUnique(x.Propagations, str(v.GatewayId))
		}
		c.part.RouteTables = append(c.part.RouteTables, x)
	}
}

// route maps one route: destination, target, origin (R1.7) and blackhole state (R1.9).
func (c *fileCtx) route(r ec2types.Route, rt *model.RouteTable) (model.Route, bool) {
	out := model.Route{Source: rt.Source, Blackhole: r.State == ec2types.RouteStateBlackhole, Target: routeTarget(r)}
	switch {
	case str(r.DestinationPrefixListId) != "":
		out.DestPrefixList = str(r.DestinationPrefixListId)
	case str(r.DestinationCidrBlock) != "":
		out.Destination, _ = c.prefix(str(r.DestinationCidrBlock), rt.Source, rt.ID, "route DestinationCidrBlock")
	default:
		out.Destination, _ = c.prefix(str(r.DestinationIpv6CidrBlock), rt.Source, rt.ID, "route DestinationIpv6CidrBlock")
	}
	if !out.Destination.IsValid() && out.DestPrefixList == "" {
		c.diags.Warnf(rt.Source, rt.ID, "route table %s: a route to %s has no destination; ignored", rt.ID, out.Target)
		return out, false
	}
	switch {
	case r.Origin == ec2types.RouteOriginCreateRouteTable || out.Target.Kind == model.TargetLocal:
		out.Origin = model.OriginLocal
	case r.Origin == ec2types.RouteOriginEnableVgwRoutePropagation:
		out.Origin = model.OriginPropagated
	case out.DestPrefixList != "" && out.Target.Kind == model.TargetGatewayEndpoint:
		out.Origin = model.OriginGatewayEndpoint
	case out.DestPrefixList != "":
		out.Origin = model.OriginPrefixList
	default:
		out.Origin = model.OriginStatic
	}
	return out, true
}

// routeTarget picks the next hop; an instance route names both the instance
// and its ENI, and the ENI is what forwards.
func routeTarget(r ec2types.Route) model.Target {
	for _, id := range []*string{r.GatewayId, r.NatGatewayId, r.TransitGatewayId, r.VpcPeeringConnectionId,
		r.EgressOnlyInternetGatewayId, r.CarrierGatewayId, r.LocalGatewayId, r.NetworkInterfaceId, r.InstanceId} {
		if s := str(id); s != "" {
			if s == "local" {
				return model.Target{Kind: model.TargetLocal}
			}
			return model.Target{Kind: model.TargetKindOfID(s), ID: s}
		}
	}
	if s := str(r.CoreNetworkArn); s != "" {
		return model.Target{Kind: model.TargetCoreNetwork, ID: s}
	}
	return model.Target{}
}

func networkACLs(c *fileCtx, out *ec2.DescribeNetworkAclsOutput, ps []pos) {
	for i, a := range out.NetworkAcls {
		x := &model.NetworkACL{Meta: c.meta(str(a.NetworkAclId), at(ps, i), a.OwnerId, nil), VPC: str(a.VpcId),
			IsDefault: boolv(a.IsDefault), Entries: []model.ACLEntry{}}
		x.SetTags(ec2Tags(a.Tags))
		for _, e := range a.Entries {
			if en, ok := c.aclEntry(e, x); ok {
				x.Entries = append(x.Entries, en)
			}
		}
		for _, s := range a.Associations {
			x.Subnets = appendUnique(x.Subnets, str(s.SubnetId))
		}
		c.part.NetworkACLs = append(c.part.NetworkACLs, x)
	}
}

// aclEntry maps a numbered NACL rule (R2.11): protocol "-1" is all, ports
// and ICMP type/code apply only where the protocol has them.
func (c *fileCtx) aclEntry(e ec2types.NetworkAclEntry, a *model.NetworkACL) (model.ACLEntry, bool) {
	out := model.ACLEntry{Number: i32(e.RuleNumber, 0), Egress: boolv(e.Egress), Ports: model.AllPorts, ICMP: model.AnyICMP, Source: a.Source}
	if e.RuleAction == ec2types.RuleActionAllow {
		out.Action = model.Allow
	}
	proto, err := model.ParseProtocol(str(e.Protocol))
	if err != nil {
		c.diags.Warnf(a.Source, a.ID, "network ACL %s rule %d: %v; rule ignored", a.ID, out.Number, err)
		return out, false
	}
	out.Protocol = proto
	cidr := str(e.CidrBlock)
	if cidr == "" {
		cidr = str(e.Ipv6CidrBlock)
	}
	var ok bool
	if out.CIDR, ok = c.prefix(cidr, a.Source, a.ID, "entry CidrBlock"); !ok {
		return out, false
	}
	if proto.HasPorts() && e.PortRange != nil {
		out.Ports = portRange(e.PortRange.From, e.PortRange.To)
	}
	if (proto == model.ProtoICMP || proto == model.ProtoICMPv6) && e.IcmpTypeCode != nil {
		out.ICMP = model.ICMPMatch{Type: i32(e.IcmpTypeCode.Type, -1), Code: i32(e.IcmpTypeCode.Code, -1)}
	}
	return out, true
}

// portRange turns AWS's from/to (either may be absent or -1 for all) into a range.
func portRange(from, to *int32) model.PortRange {
	f, t := i32(from, -1), i32(to, -1)
	if f < 0 || t < 0 || f > 65535 || t > 65535 {
		return model.AllPorts
	}
	return model.PortRange{From: uint16(f), To: uint16(t)}
}

func securityGroups(c *fileCtx, out *ec2.DescribeSecurityGroupsOutput, ps []pos) {
	for i, g := range out.SecurityGroups {
		x := &model.SecurityGroup{Meta: c.meta(str(g.GroupId), at(ps, i), g.OwnerId, nil), VPC: str(g.VpcId),
			GroupName: str(g.GroupName), Description: str(g.Description), Ingress: []model.SGRule{}, Egress: []model.SGRule{}}
		x.ARN = str(g.SecurityGroupArn)
		x.SetTags(ec2Tags(g.Tags))
		for _, p := range g.IpPermissions {
			x.Ingress = append(x.Ingress, c.permission(p, x)...)
		}
		for _, p := range g.IpPermissionsEgress {
			x.Egress = append(x.Egress, c.permission(p, x)...)
		}
		c.part.SecurityGroups = append(c.part.SecurityGroups, x)
	}
}

// ruleBase maps protocol and ports; for ICMP, AWS writes type in FromPort and code in ToPort.
func (c *fileCtx) ruleBase(proto *string, from, to *int32, g *model.SecurityGroup) (model.SGRule, bool) {
	r := model.SGRule{Ports: model.AllPorts, ICMP: model.AnyICMP, Source: g.Source}
	p, err := model.ParseProtocol(str(proto))
	if err != nil {
		c.diags.Warnf(g.Source, g.ID, "security group %s: %v; rule ignored", g.ID, err)
		return r, false
	}
	r.Protocol = p
	switch {
	case p.HasPorts():
		r.Ports = portRange(from, to)
	case p == model.ProtoICMP || p == model.ProtoICMPv6:
		r.ICMP = model.ICMPMatch{Type: i32(from, -1), Code: i32(to, -1)}
	}
	return r, true
}

// permission expands one IpPermission into one rule per peer (R2.4).
func (c *fileCtx) permission(p ec2types.IpPermission, g *model.SecurityGroup) []model.SGRule {
	base, ok := c.ruleBase(p.IpProtocol, p.FromPort, p.ToPort, g)
	if !ok {
		return nil
	}
	var out []model.SGRule
	for _, r := range p.IpRanges {
		if cidr, ok := c.prefix(str(r.CidrIp), g.Source, g.ID, "rule CidrIp"); ok {
			x := base
			x.CIDR, x.Description = cidr, str(r.Description)
			out = append(out, x)
		}
	}
	for _, r := range p.Ipv6Ranges {
		if cidr, ok := c.prefix(str(r.CidrIpv6), g.Source, g.ID, "rule CidrIpv6"); ok {
			x := base
			x.CIDR, x.Description = cidr, str(r.Description)
			out = append(out, x)
		}
	}
	for _, r := range p.PrefixListIds {
		x := base
		x.PrefixList, x.Description = str(r.PrefixListId), str(r.Description)
		out = append(out, x)
	}
	for _, r := range p.UserIdGroupPairs {
		x := base
		x.Description = str(r.Description)
		x.Group = sgRef(str(r.GroupId), str(r.UserId), str(r.VpcId), str(r.PeeringStatus), g.Account)
		out = append(out, x)
	}
	return out
}

// sgRef names a referenced group; the account is kept only when it differs
// from the owner's, so same-account references resolve locally (R2.6).
func sgRef(id, user, vpc, peering, owner string) *model.SGRef {
	ref := &model.SGRef{GroupID: id, VPC: vpc, PeeringStatus: peering}
	if user != "" && user != owner {
		ref.Account = user
	}
	return ref
}

// securityGroupRules reads describe-security-group-rules; for a group it
// replaces the rules read from IpPermissions (the same rules, with IDs).
func securityGroupRules(c *fileCtx, out *ec2.DescribeSecurityGroupRulesOutput, ps []pos) {
	type groupRules struct {
		meta            model.Meta
		ingress, egress []model.SGRule
	}
	byGroup := map[string]*groupRules{}
	var order []string
	for i, r := range out.SecurityGroupRules {
		gid := str(r.GroupId)
		gr := byGroup[gid]
		if gr == nil {
			gr = &groupRules{meta: c.meta(gid, at(ps, i), r.GroupOwnerId, nil)}
			byGroup[gid] = gr
			order = append(order, gid)
		}
		g := &model.SecurityGroup{Meta: gr.meta}
		g.Source = c.src(at(ps, i))
		x, ok := c.sgRule(r, g)
		if !ok {
			continue
		}
		if boolv(r.IsEgress) {
			gr.egress = append(gr.egress, x)
		} else {
			gr.ingress = append(gr.ingress, x)
		}
	}
	for _, gid := range order {
		gr := byGroup[gid]
		c.fixup(func(l *linker) { l.replaceSGRules(gr.meta, gr.ingress, gr.egress) })
	}
}

func (c *fileCtx) sgRule(r ec2types.SecurityGroupRule, g *model.SecurityGroup) (model.SGRule, bool) {
	x, ok := c.ruleBase(r.IpProtocol, r.FromPort, r.ToPort, g)
	if !ok {
		return x, false
	}
	x.ID, x.Description = str(r.SecurityGroupRuleId), str(r.Description)
	switch {
	case str(r.CidrIpv4) != "":
		x.CIDR, ok = c.prefix(str(r.CidrIpv4), g.Source, g.ID, "CidrIpv4")
	case str(r.CidrIpv6) != "":
		x.CIDR, ok = c.prefix(str(r.CidrIpv6), g.Source, g.ID, "CidrIpv6")
	case str(r.PrefixListId) != "":
		x.PrefixList = str(r.PrefixListId)
	case r.ReferencedGroupInfo != nil:
		ref := r.ReferencedGroupInfo
		x.Group = sgRef(str(ref.GroupId), str(ref.UserId), str(ref.VpcId), str(ref.PeeringStatus), g.Account)
	default:
		c.diags.Warnf(g.Source, g.ID, "security group rule %s of %s has no peer (CIDR, prefix list or group); ignored", x.ID, g.ID)
		return x, false
	}
	return x, ok
}

// prefixLists reads describe-prefix-lists (AWS service lists with CIDRs) and
// describe-managed-prefix-lists (whose entries come from get-managed-prefix-list-entries);
// both print the member PrefixLists.
func prefixLists(c *fileCtx, out *prefixListsOutput, ps []pos) {
	for i, p := range out.PrefixLists {
		x := &model.PrefixList{Meta: c.meta(str(p.PrefixListId), at(ps, i), p.OwnerId, nil), PrefixListName: str(p.PrefixListName),
			AddressFamily: str(p.AddressFamily), MaxEntries: i32(p.MaxEntries, 0), Entries: []netip.Prefix{}}
		x.ARN = str(p.PrefixListArn)
		x.AWSManaged = str(p.OwnerId) == "AWS" || strings.HasPrefix(x.PrefixListName, "com.amazonaws.")
		x.SetTags(ec2Tags(p.Tags))
		for _, cidr := range p.Cidrs {
			if pr, ok := c.prefix(cidr, x.Source, x.ID, "Cidrs"); ok {
				x.Entries = append(x.Entries, pr)
			}
		}
		// describe-managed-prefix-lists gives no entries: until a
		// get-managed-prefix-list-entries file gives them, they are unknown
		// (a list shared through RAM is often listed without them, R2.40).
		x.EntriesUnknown = len(p.Cidrs) == 0 && (p.Version != nil || p.MaxEntries != nil || p.State != "")
		if x.AddressFamily == "" && len(x.Entries) > 0 {
			x.AddressFamily = "IPv4"
			if x.Entries[0].Addr().Is6() {
				x.AddressFamily = "IPv6"
			}
		}
		c.part.PrefixLists = append(c.part.PrefixLists, x)
	}
}

// prefixListsOutput is the union of DescribePrefixListsOutput and
// DescribeManagedPrefixListsOutput, which share the member name PrefixLists.
type prefixListsOutput struct {
	PrefixLists []struct {
		ec2types.ManagedPrefixList
		Cidrs []string
	}
}

// managedPrefixListEntries reads ManagedPrefixListEntries.json:
// [{PrefixListId, Entries: <get-managed-prefix-list-entries output>}].
func managedPrefixListEntries(c *fileCtx, out *struct {
	ManagedPrefixListEntries []struct {
		PrefixListId *string
		ec2.GetManagedPrefixListEntriesOutput
	}
}, ps []pos) {
	for i, e := range out.ManagedPrefixListEntries {
		c.prefixListEntries(str(e.PrefixListId), e.Entries, at(ps, i))
	}
}

// prefixListEntriesByName reads a bare get-managed-prefix-list-entries output
// whose file name carries the list ID (…pl-0123abcd….json).
func prefixListEntriesByName(c *fileCtx, out *ec2.GetManagedPrefixListEntriesOutput, ps []pos) {
	id := idInName(c.path, "pl-")
	if id == "" {
		c.diags.Warnf(c.src(at(ps, 0)), "", "%s: prefix list entries without the list's ID; name the file ManagedPrefixListEntries_pl-….json or use ManagedPrefixListEntries.json; skipped", c.path)
		return
	}
	c.prefixListEntries(id, out.Entries, at(ps, 0))
}

func (c *fileCtx) prefixListEntries(id string, es []ec2types.PrefixListEntry, p pos) {
	src := c.src(p)
	var cidrs []netip.Prefix
	for _, e := range es {
		if pr, ok := c.prefix(str(e.Cidr), src, id, "Cidr"); ok {
			cidrs = append(cidrs, pr)
		}
	}
	m := c.meta(id, p, nil, nil)
	c.fixup(func(l *linker) { l.prefixListEntries(m, cidrs) })
}

func addresses(c *fileCtx, out *ec2.DescribeAddressesOutput, ps []pos) {
	for i, a := range out.Addresses {
		id := str(a.AllocationId)
		if id == "" {
			id = str(a.PublicIp)
		}
		x := &model.ElasticIP{Meta: c.meta(id, at(ps, i), a.NetworkInterfaceOwnerId, nil), ENI: str(a.NetworkInterfaceId),
			Instance: str(a.InstanceId), AssociationID: str(a.AssociationId)}
		x.SetTags(ec2Tags(a.Tags))
		x.PublicIP, _ = c.addr(str(a.PublicIp), x.Source, id, "PublicIp")
		x.PrivateIP, _ = c.addr(str(a.PrivateIpAddress), x.Source, id, "PrivateIpAddress")
		c.part.ElasticIPs = append(c.part.ElasticIPs, x)
	}
}

// idInName finds an AWS ID with the given prefix in a file name.
func idInName(path, prefix string) string {
	b := baseName(path)
	i := strings.Index(b, prefix)
	if i < 0 {
		return ""
	}
	j := i + len(prefix)
	for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] >= 'a' && b[j] <= 'z' || b[j] == '-' && strings.HasPrefix(prefix, "arn")) {
		j++
	}
	if j == i+len(prefix) {
		return ""
	}
	return b[i:j]
}

var _ = strconv.Itoa
