package scenarios

import (
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
)

func (c *conv) accounts() {
	for i := range c.doc.Accounts {
		d := &c.doc.Accounts[i]
		if c.ok(&d.Common) {
			a := &model.Account{Meta: c.meta(&d.Common), Alias: d.Alias, OrgID: d.OrgID}
			a.Account = a.ID
			c.s.Accounts = append(c.s.Accounts, a)
		}
	}
	for i := range c.doc.Regions {
		d := &c.doc.Regions[i]
		if c.ok(&d.Common) {
			r := &model.Region{Meta: c.meta(&d.Common)}
			r.Region = r.ID
			c.s.Regions = append(c.s.Regions, r)
		}
	}
	for i := range c.doc.AvailabilityZones {
		d := &c.doc.AvailabilityZones[i]
		if c.ok(&d.Common) {
			c.s.AZs = append(c.s.AZs, &model.AvailabilityZone{Meta: c.meta(&d.Common), ZoneID: d.ZoneID})
		}
	}
}

func (c *conv) vpcs() {
	for i := range c.doc.VPCs {
		d := &c.doc.VPCs[i]
		if !c.ok(&d.Common) {
			continue
		}
		v := &model.VPC{Meta: c.meta(&d.Common), EnableDNSSupport: boolOr(d.DNSSupport, true),
			EnableDNSHostnames: boolOr(d.DNSHostnames, false), DHCPDNSServers: d.DHCPDNSServers, IsDefault: d.IsDefault, State: d.State}
		if d.CIDR != "" {
			if p, ok := c.prefix(&d.Pos, "cidr", d.CIDR); ok {
				v.CIDRs = append(v.CIDRs, p)
			}
		}
		for _, p := range c.prefixes(&d.Pos, "cidrs", d.CIDRs) {
			if p != v.PrimaryCIDR() {
				v.CIDRs = append(v.CIDRs, p)
			}
		}
		v.IPv6CIDRs = c.prefixes(&d.Pos, "ipv6Cidrs", d.IPv6CIDRs)
		if d.CIDR == "" && len(d.CIDRs) == 0 {
			c.errf(d.at, "vpc %s needs a cidr (its primary IPv4 block, e.g. cidr: 10.0.0.0/16)", v.ID)
		}
		c.s.VPCs = append(c.s.VPCs, v)
	}
}

func (c *conv) subnets() {
	for i := range c.doc.Subnets {
		d := &c.doc.Subnets[i]
		if !c.ok(&d.Common) {
			continue
		}
		sn := &model.Subnet{Meta: c.meta(&d.Common), VPC: c.ref("vpc", d.VPC), AZ: d.AZ, AZID: d.AZID,
			IPv6CIDR: c.optPrefix(&d.Pos, "ipv6Cidr", d.IPv6CIDR), MapPublicIPOnLaunch: d.MapPublicIPOnLaunch,
			IPv6Native: d.IPv6Native, DNS64: d.EnableDNS64, AvailableIPs: d.AvailableIPAddressCount}
		switch {
		case d.IPv6Native && d.IPv6CIDR == "":
			c.errf(d.at, "IPv6-only subnet %s needs an ipv6Cidr", sn.ID)
		case d.IPv6Native && d.CIDR != "":
			c.errf(d.of("cidr"), "IPv6-only subnet %s has no IPv4 cidr (R3.40)", sn.ID)
		case d.IPv6Native:
		case d.CIDR == "":
			c.errf(d.at, "subnet %s needs a cidr (e.g. cidr: 10.0.1.0/24)", sn.ID)
		default:
			sn.CIDR, _ = c.prefix(&d.Pos, "cidr", d.CIDR)
		}
		if d.VPC == "" {
			c.errf(d.at, "subnet %s needs a vpc (its id or name)", sn.ID)
		}
		c.s.Subnets = append(c.s.Subnets, sn)
		c.associate(d, sn.ID)
	}
}

// associate applies a subnet's routeTable and networkAcl shorthands to the
// tables of this file.
func (c *conv) associate(d *SubnetDoc, subnet string) {
	if d.RouteTable != "" {
		if rt := c.routeTable(c.ref("route-table", d.RouteTable)); rt != nil {
			rt.Associations = append(rt.Associations, model.RouteTableAssociation{Subnet: subnet})
		} else {
			c.errf(d.of("routeTable"), "routeTable: %q is not a route table of this file; write the association in the route table's subnets list instead", d.RouteTable)
		}
	}
	if d.NetworkACL != "" {
		if a := c.networkACL(c.ref("network-acl", d.NetworkACL)); a != nil {
			a.Subnets = append(a.Subnets, subnet)
		} else {
			c.errf(d.of("networkAcl"), "networkAcl: %q is not a network ACL of this file", d.NetworkACL)
		}
	}
}

func (c *conv) routeTable(id string) *model.RouteTable {
	for _, rt := range c.s.RouteTables {
		if rt.ID == id {
			return rt
		}
	}
	return nil
}

func (c *conv) networkACL(id string) *model.NetworkACL {
	for _, a := range c.s.NetworkACLs {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func (c *conv) routeTables() {
	for i := range c.doc.RouteTables {
		d := &c.doc.RouteTables[i]
		if !c.ok(&d.Common) {
			continue
		}
		rt := &model.RouteTable{Meta: c.meta(&d.Common), VPC: c.ref("vpc", d.VPC), Propagations: c.refs("vpn-gateway", d.Propagations)}
		if d.Main {
			rt.Associations = append(rt.Associations, model.RouteTableAssociation{Main: true})
		}
		for _, s := range c.refs("subnet", d.Subnets) {
			rt.Associations = append(rt.Associations, model.RouteTableAssociation{Subnet: s})
		}
		for _, g := range d.Gateways {
			rt.Associations = append(rt.Associations, model.RouteTableAssociation{Gateway: c.refAny(g, "internet-gateway", "vpn-gateway")})
		}
		for j := range d.Routes {
			if r, ok := c.route(&d.Routes[j]); ok {
				rt.Routes = append(rt.Routes, r)
			}
		}
		c.s.RouteTables = append(c.s.RouteTables, rt)
	}
}

// refAny resolves a reference that may name a resource of several kinds.
func (c *conv) refAny(s string, kinds ...string) string {
	for _, k := range kinds {
		if id := c.loc[k][s]; id != "" {
			return id
		}
	}
	return s
}

// routeTargets maps the kinds a route may point at to their target kind (R1.11).
var routeTargets = []struct {
	kind string
	tk   model.TargetKind
}{
	{"internet-gateway", model.TargetIGW}, {"egress-only-internet-gateway", model.TargetEIGW},
	{"nat-gateway", model.TargetNAT}, {"vpn-gateway", model.TargetVGW}, {"transit-gateway", model.TargetTGW},
	{"peering-connection", model.TargetPeering}, {"vpc-endpoint", model.TargetGatewayEndpoint},
	{"network-interface", model.TargetENI}, {"instance", model.TargetInstance},
}

func (c *conv) route(d *RouteDoc) (model.Route, bool) {
	r := model.Route{Blackhole: d.Blackhole, ASPathLen: d.ASPathLen, MED: d.MED, Source: c.src(d.at)}
	if pl := c.loc["prefix-list"][d.Dest]; pl != "" || strings.HasPrefix(d.Dest, "pl-") {
		r.DestPrefixList = c.ref("prefix-list", d.Dest)
		r.Origin = model.OriginPrefixList
	} else if p, ok := c.prefix(&d.Pos, "dest", d.Dest); ok {
		r.Destination = p
	} else {
		return r, false
	}
	if d.Origin != "" {
		o, ok := parseOrigin(d.Origin)
		if !ok {
			c.errf(d.of("origin"), "origin: %q is not static, propagated, propagated-dx, propagated-vpn-static or propagated-vpn-bgp", d.Origin)
		}
		r.Origin = o
	}
	t, ok := c.target(d)
	r.Target = t
	return r, ok
}

func parseOrigin(s string) (model.RouteOrigin, bool) {
	for o := model.OriginStatic; o <= model.OriginPropagated; o++ {
		if o.String() == s {
			return o, true
		}
	}
	return model.OriginStatic, false
}

// target finds a route's next hop: local, a resource of this file by name or
// ID (its kind decides the target kind), or an ID whose prefix says the kind.
func (c *conv) target(d *RouteDoc) (model.Target, bool) {
	if d.Target == "" {
		if d.Blackhole {
			return model.Target{}, true
		}
		c.errf(d.at, "route to %s needs a target (local, or the id or name of a gateway, NAT gateway, peering connection, endpoint, instance or network interface)", d.Dest)
		return model.Target{}, false
	}
	if d.Target == "local" {
		return model.Target{Kind: model.TargetLocal}, true
	}
	for _, rt := range routeTargets {
		if id := c.loc[rt.kind][d.Target]; id != "" {
			return model.Target{Kind: c.endpointTargetKind(id, rt.tk), ID: id}, true
		}
	}
	if k := model.TargetKindOfID(d.Target); k != model.TargetUnknown {
		return model.Target{Kind: k, ID: d.Target}, true
	}
	c.errf(d.of("target"), "target: %q is neither a resource of this file nor an ID whose prefix tells its kind (igw-, nat-, vgw-, tgw-, pcx-, vpce-, eni-, i-, eigw-)", d.Target)
	return model.Target{}, false
}

// endpointTargetKind corrects a vpce- target to a GWLB endpoint when it is one.
func (c *conv) endpointTargetKind(id string, tk model.TargetKind) model.TargetKind {
	if tk != model.TargetGatewayEndpoint {
		return tk
	}
	for i := range c.doc.VPCEndpoints {
		d := &c.doc.VPCEndpoints[i]
		if c.idOf[&d.Common] == id && strings.EqualFold(d.Type, "GatewayLoadBalancer") {
			return model.TargetGWLBEndpoint
		}
	}
	return tk
}

func (c *conv) prefixLists() {
	for i := range c.doc.PrefixLists {
		d := &c.doc.PrefixLists[i]
		if !c.ok(&d.Common) {
			continue
		}
		pl := &model.PrefixList{Meta: c.meta(&d.Common), PrefixListName: d.PrefixListName, AWSManaged: d.AWSManaged,
			Entries: c.prefixes(&d.Pos, "entries", d.Entries), MaxEntries: d.MaxEntries, AddressFamily: "IPv4"}
		if len(pl.Entries) > 0 && pl.Entries[0].Addr().Is6() {
			pl.AddressFamily = "IPv6"
		}
		if pl.PrefixListName == "" {
			pl.PrefixListName = d.Name
		}
		c.s.PrefixLists = append(c.s.PrefixLists, pl)
	}
}

func (c *conv) networkACLs() {
	for i := range c.doc.NetworkACLs {
		d := &c.doc.NetworkACLs[i]
		if !c.ok(&d.Common) {
			continue
		}
		a := &model.NetworkACL{Meta: c.meta(&d.Common), VPC: c.ref("vpc", d.VPC), IsDefault: d.Default, Subnets: c.refs("subnet", d.Subnets)}
		for j := range d.Entries {
			a.Entries = append(a.Entries, c.aclEntry(&d.Entries[j]))
		}
		c.s.NetworkACLs = append(c.s.NetworkACLs, a)
	}
}

func (c *conv) aclEntry(d *ACLEntryDoc) model.ACLEntry {
	e := model.ACLEntry{Number: d.Rule, Egress: d.Egress, Protocol: c.proto(&d.Pos, d.Proto, d.Ports), ICMP: icmp(d.ICMPType, d.ICMPCode), Source: c.src(d.at)}
	e.Ports, _ = c.ports(&d.Pos, "ports", d.Ports)
	if d.Rule < 1 || d.Rule > 32766 {
		c.errf(d.of("rule"), "rule: %d is not a rule number (1-32766, R2.11)", d.Rule)
	}
	switch strings.ToLower(d.Action) {
	case "allow":
		e.Action = model.Allow
	case "deny":
		e.Action = model.Deny
	default:
		c.errf(d.of("action"), "action: %q must be allow or deny", d.Action)
	}
	if d.CIDR == "" {
		c.errf(d.at, "network ACL rule %d needs a cidr (NACL rules match CIDRs only, R2.11)", d.Rule)
	} else {
		e.CIDR, _ = c.prefix(&d.Pos, "cidr", d.CIDR)
	}
	return e
}

func (c *conv) securityGroups() {
	for i := range c.doc.SecurityGroups {
		d := &c.doc.SecurityGroups[i]
		if !c.ok(&d.Common) {
			continue
		}
		g := &model.SecurityGroup{Meta: c.meta(&d.Common), VPC: c.ref("vpc", d.VPC), GroupName: d.GroupName, Description: d.Description,
			VPCAssociations: c.refs("vpc", d.VPCAssociations)}
		if g.GroupName == "" {
			g.GroupName = d.Name
		}
		g.Ingress = c.sgRules(d.Ingress)
		g.Egress = c.sgRules(d.Egress)
		if !d.has("egress") {
			// A new security group allows all outbound traffic (R2.2).
			g.Egress = []model.SGRule{{Protocol: model.ProtoAll, Ports: model.AllPorts, ICMP: model.AnyICMP,
				CIDR: netip.MustParsePrefix("0.0.0.0/0"), Source: c.src(d.at)}}
		}
		c.s.SecurityGroups = append(c.s.SecurityGroups, g)
	}
}

func (c *conv) sgRules(ds []SGRuleDoc) []model.SGRule {
	out := []model.SGRule{}
	for j := range ds {
		d := &ds[j]
		r := model.SGRule{Protocol: c.proto(&d.Pos, d.Proto, d.Ports), ICMP: icmp(d.ICMPType, d.ICMPCode), Description: d.Description, Source: c.src(d.at)}
		r.Ports, _ = c.ports(&d.Pos, "ports", d.Ports)
		if !c.oneOf(d.at, "a security group rule needs exactly one of cidr, prefixList and group (R2.4)", d.CIDR, d.PrefixList, d.Group) {
			continue
		}
		switch {
		case d.CIDR != "":
			r.CIDR, _ = c.prefix(&d.Pos, "cidr", d.CIDR)
		case d.PrefixList != "":
			r.PrefixList = c.ref("prefix-list", d.PrefixList)
		default:
			r.Group = c.sgRef(d.Group)
		}
		out = append(out, r)
	}
	return out
}

// sgRef reads "sg-id", a name, or "account/sg-id" (R2.6).
func (c *conv) sgRef(s string) *model.SGRef {
	if acct, id, ok := strings.Cut(s, "/"); ok {
		return &model.SGRef{Account: acct, GroupID: c.ref("security-group", id)}
	}
	return &model.SGRef{GroupID: c.ref("security-group", s)}
}

func (c *conv) enis() {
	for i := range c.doc.NetworkInterfaces {
		d := &c.doc.NetworkInterfaces[i]
		if !c.ok(&d.Common) {
			continue
		}
		e := &model.ENI{Meta: c.meta(&d.Common), Subnet: c.ref("subnet", d.Subnet), VPC: c.ref("vpc", d.VPC),
			SecurityGroups: c.refs("security-group", d.SecurityGroups), SourceDestCheck: boolOr(d.SourceDestCheck, true),
			OwnerID: d.OwnerID, InterfaceType: d.InterfaceType, Description: d.Description}
		if d.OwnerKind != "" {
			k, ok := model.ParseENIOwner(d.OwnerKind)
			if !ok {
				c.errf(d.of("ownerKind"), "ownerKind: %q is not a known owner kind", d.OwnerKind)
			}
			e.OwnerKind = k
		}
		c.fillAddrs(e, &d.Pos, d.IP, d.IPs, d.IPv6, d.PublicIP)
		if d.Subnet == "" {
			c.errf(d.at, "network interface %s needs a subnet", e.ID)
		}
		c.s.ENIs = append(c.s.ENIs, e)
	}
}

// fillAddrs sets an ENI's private, IPv6 and public addresses.
func (c *conv) fillAddrs(e *model.ENI, p *Pos, ip string, ips, v6 []string, public string) {
	if a := c.addr(p, "ip", ip); a.IsValid() {
		e.PrivateIPs = append(e.PrivateIPs, a)
	}
	e.PrivateIPs = append(e.PrivateIPs, c.addrs(p, "ips", ips)...)
	e.IPv6 = c.addrs(p, "ipv6", v6)
	if pub := c.addr(p, "publicIp", public); pub.IsValid() {
		if len(e.PrivateIPs) == 0 {
			c.errf(p.of("publicIp"), "publicIp needs a private ip to map to (R3.2)")
		} else {
			e.PublicIPs = []model.PublicIPMapping{{PrivateIP: e.PrivateIPs[0], PublicIP: pub}}
		}
	}
}

func (c *conv) instances() {
	for i := range c.doc.Instances {
		d := &c.doc.Instances[i]
		if !c.ok(&d.Common) {
			continue
		}
		in := &model.Instance{Meta: c.meta(&d.Common), Subnet: c.ref("subnet", d.Subnet), VPC: c.ref("vpc", d.VPC),
			State: d.State, SourceDestCheck: boolOr(d.SourceDestCheck, true), Platform: d.Platform}
		if d.Subnet != "" {
			e := &model.ENI{Meta: in.Meta, Subnet: in.Subnet, VPC: in.VPC, SecurityGroups: c.refs("security-group", d.SecurityGroups),
				SourceDestCheck: in.SourceDestCheck, OwnerKind: model.OwnerInstance, OwnerID: in.ID, InterfaceType: "interface",
				Description: "primary network interface of " + in.ID}
			e.ID, e.Name, e.Tags = "eni-"+strings.TrimPrefix(in.ID, "i-"), "", nil
			c.fillAddrs(e, &d.Pos, d.IP, d.IPs, d.IPv6, d.PublicIP)
			if len(e.PrivateIPs) == 0 && len(e.IPv6) == 0 {
				e.Assume("private IP not given: allocated from the subnet (R1.13)")
			}
			c.s.ENIs = append(c.s.ENIs, e)
			in.ENIs = append(in.ENIs, e.ID)
		} else if d.IP != "" || d.PublicIP != "" || len(d.SecurityGroups) > 0 {
			c.errf(d.at, "instance %s: ip, publicIp and securityGroups need a subnet for its network interface", in.ID)
		}
		in.ENIs = append(in.ENIs, c.refs("network-interface", d.ENIs)...)
		if len(in.ENIs) == 0 {
			c.errf(d.at, "instance %s needs a subnet (or enis)", in.ID)
		}
		c.s.Instances = append(c.s.Instances, in)
	}
}

func (c *conv) gateways() {
	for i := range c.doc.InternetGateways {
		d := &c.doc.InternetGateways[i]
		if c.ok(&d.Common) {
			g := &model.InternetGateway{Meta: c.meta(&d.Common), VPCs: []string{}}
			if d.VPC != "" {
				g.VPCs = []string{c.ref("vpc", d.VPC)}
			}
			c.s.InternetGateways = append(c.s.InternetGateways, g)
		}
	}
	for i := range c.doc.EgressOnlyInternetGateways {
		d := &c.doc.EgressOnlyInternetGateways[i]
		if c.ok(&d.Common) {
			c.s.EgressOnlyIGWs = append(c.s.EgressOnlyIGWs, &model.EgressOnlyIGW{Meta: c.meta(&d.Common), VPC: c.ref("vpc", d.VPC)})
		}
	}
	for i := range c.doc.NATGateways {
		d := &c.doc.NATGateways[i]
		if c.ok(&d.Common) {
			n := &model.NATGateway{Meta: c.meta(&d.Common), Subnet: c.ref("subnet", d.Subnet), Public: boolOr(d.Public, true),
				PrivateIP: c.addr(&d.Pos, "ip", d.IP), PublicIPs: c.addrs(&d.Pos, "publicIps", d.PublicIPs), State: d.State}
			if d.Subnet == "" {
				c.errf(d.at, "NAT gateway %s needs a subnet", n.ID)
			}
			c.s.NATGateways = append(c.s.NATGateways, n)
		}
	}
	for i := range c.doc.ElasticIPs {
		d := &c.doc.ElasticIPs[i]
		if c.ok(&d.Common) {
			e := &model.ElasticIP{Meta: c.meta(&d.Common), PublicIP: c.addr(&d.Pos, "publicIp", d.PublicIP),
				PrivateIP: c.addr(&d.Pos, "privateIp", d.PrivateIP), ENI: c.ref("network-interface", d.ENI), Instance: c.ref("instance", d.Instance)}
			c.s.ElasticIPs = append(c.s.ElasticIPs, e)
		}
	}
}
