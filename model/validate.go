package model

import (
	"net/netip"
	"slices"
	"strings"
)

// Validate checks what needs the whole snapshot: references that point
// nowhere, addresses outside their containers, overlapping CIDRs where AWS
// forbids them. Dangling references are warnings for imported data and errors
// for hand-written files (Snapshot.StrictFiles).
func Validate(s *Snapshot) Diagnostics {
	v := &validator{s: s, ix: IndexOf(s)}
	for _, c := range checks {
		c(v)
	}
	return v.ds
}

type validator struct {
	s  *Snapshot
	ix *Index
	ds Diagnostics
}

var checks = []func(*validator){
	(*validator).vpcs, (*validator).subnets, (*validator).routeTables, (*validator).acls,
	(*validator).securityGroups, (*validator).enis, (*validator).gateways, (*validator).endpoints,
	(*validator).peerings, (*validator).tgws, (*validator).hybrid, (*validator).dns,
	(*validator).apis, (*validator).loadBalancers, (*validator).onPrem, (*validator).appliances, (*validator).bpa,
	(*validator).resolverEndpoints, (*validator).dnsFirewall, (*validator).sgVPCAssociations, (*validator).vpcLinksV1,
}

// ref checks that *id names a resource of type T and rewrites a reference by
// name (or ARN) to the resource's ID; kind names the target in messages.
func ref[T Resource](v *validator, m *Meta, field string, id *string, kind string) (T, bool) {
	var zero T
	if *id == "" {
		return zero, false
	}
	if t, ok := Lookup[T](v.ix, *id); ok {
		if tid := t.Base().ID; tid != "" && !strings.HasPrefix(*id, "arn:") {
			*id = tid
		}
		return t, true
	}
	sev := SevWarning
	if v.s.StrictFiles[m.Source.File] {
		sev = SevError
	}
	v.ds.Add(sev, m.Source, m.ID, "%s %s: %s refers to %s %q, which is not in the snapshot", KindOfMeta(v, m), m.ID, field, kind, *id)
	return zero, false
}

// refs applies ref to every element of ids.
func refs[T Resource](v *validator, m *Meta, field string, ids []string, kind string) {
	for i := range ids {
		ref[T](v, m, field, &ids[i], kind)
	}
}

// KindOfMeta names the kind of the resource that owns m, for messages.
func KindOfMeta(v *validator, m *Meta) string {
	if r, ok := v.ix.ByID(m.ID); ok {
		if k := KindOf(r); k != nil {
			return k.Name
		}
	}
	return "resource"
}

func (v *validator) errf(m *Meta, format string, args ...any) {
	v.ds.Errorf(m.Source, m.ID, format, args...)
}

func (v *validator) warnf(m *Meta, format string, args ...any) {
	v.ds.Warnf(m.Source, m.ID, format, args...)
}

func (v *validator) vpcs() {
	for _, x := range v.s.VPCs {
		if len(x.CIDRs) == 0 {
			v.errf(&x.Meta, "vpc %s has no IPv4 CIDR block", x.ID)
		}
		if a, b, ok := overlapping(x.CIDRs); ok {
			v.errf(&x.Meta, "vpc %s: CIDR blocks %s and %s overlap (R1.12)", x.ID, a, b)
		}
		for _, c := range x.CIDRs {
			if c.Addr().Is4() && !blockSizeOK(c) {
				v.errf(&x.Meta, "vpc %s: CIDR block %s is not between /%d and /%d, the sizes AWS allows for a VPC (R1.12)", x.ID, c, minBlockBits, maxBlockBits)
			}
		}
	}
}

// AWS allows IPv4 CIDR blocks from /16 (65,536 addresses) to /28 (16) for
// VPCs and subnets alike.
const minBlockBits, maxBlockBits = 16, 28

func blockSizeOK(p netip.Prefix) bool { return p.Bits() >= minBlockBits && p.Bits() <= maxBlockBits }

func (v *validator) subnets() {
	byVPC := map[string][]*Subnet{}
	for _, x := range v.s.Subnets {
		vpc, ok := ref[*VPC](v, &x.Meta, "vpc", &x.VPC, "vpc")
		if !x.CIDR.IsValid() {
			if !x.IPv6Native { // an IPv6-only subnet has none (R3.40)
				v.errf(&x.Meta, "subnet %s has no IPv4 CIDR block", x.ID)
			}
			continue
		}
		byVPC[x.VPC] = append(byVPC[x.VPC], x)
		if x.CIDR.Addr().Is4() && !blockSizeOK(x.CIDR) {
			v.errf(&x.Meta, "subnet %s: CIDR %s is not between /%d and /%d, the sizes AWS allows for a subnet", x.ID, x.CIDR, minBlockBits, maxBlockBits)
		}
		if ok && !insideAny(x.CIDR, vpc.CIDRs) {
			v.errf(&x.Meta, "subnet %s: CIDR %s is outside every CIDR of %s (%s)", x.ID, x.CIDR, vpc.ID, prefixList(vpc.CIDRs))
		}
	}
	for vpc, subs := range byVPC {
		v.subnetOverlaps(vpc, subs)
	}
}

// subnetOverlaps reports each subnet of a VPC whose CIDR overlaps an
// earlier one's, in O(n log n): sorted by address, then widest first, two
// prefixes overlap only when one contains the other, so a stack of the
// prefixes that contain the current one finds the overlaps in one sweep.
func (v *validator) subnetOverlaps(vpc string, subs []*Subnet) {
	sorted := slices.Clone(subs)
	slices.SortStableFunc(sorted, func(a, b *Subnet) int {
		if c := a.CIDR.Masked().Addr().Compare(b.CIDR.Masked().Addr()); c != 0 {
			return c
		}
		return a.CIDR.Bits() - b.CIDR.Bits()
	})
	var open []*Subnet // each contains the next
	for _, x := range sorted {
		for len(open) > 0 && !open[len(open)-1].CIDR.Overlaps(x.CIDR) {
			open = open[:len(open)-1]
		}
		if len(open) > 0 {
			o := open[len(open)-1]
			v.errf(&x.Meta, "subnet %s (%s) overlaps subnet %s (%s) in %s", x.ID, x.CIDR, o.ID, o.CIDR, vpc)
		}
		open = append(open, x)
	}
}

func (v *validator) routeTables() {
	assoc := map[string]string{}
	mains := map[string]string{}
	for _, rt := range v.s.RouteTables {
		ref[*VPC](v, &rt.Meta, "vpc", &rt.VPC, "vpc")
		for i := range rt.Associations {
			a := &rt.Associations[i]
			if a.Main {
				if prev, dup := mains[rt.VPC]; dup && prev != rt.ID {
					v.errf(&rt.Meta, "vpc %s has two main route tables: %s and %s (R1.1)", rt.VPC, prev, rt.ID)
				}
				mains[rt.VPC] = rt.ID
			}
			if a.Subnet != "" {
				if sub, ok := ref[*Subnet](v, &rt.Meta, "association", &a.Subnet, "subnet"); ok && sub.VPC != rt.VPC {
					v.errf(&rt.Meta, "route table %s (vpc %s) is associated with subnet %s of another vpc %s", rt.ID, rt.VPC, sub.ID, sub.VPC)
				}
				if prev, dup := assoc[a.Subnet]; dup && prev != rt.ID {
					v.errf(&rt.Meta, "subnet %s is associated with two route tables: %s and %s (R1.1)", a.Subnet, prev, rt.ID)
				}
				assoc[a.Subnet] = rt.ID
			}
			if a.Gateway != "" {
				ref[Resource](v, &rt.Meta, "edge association", &a.Gateway, "gateway")
			}
		}
		for i := range rt.Routes {
			v.route(rt, &rt.Routes[i])
		}
	}
}

func (v *validator) route(rt *RouteTable, r *Route) {
	m := &rt.Meta
	if r.DestPrefixList != "" {
		ref[*PrefixList](v, m, "route destination", &r.DestPrefixList, "prefix list")
	} else if !r.Destination.IsValid() {
		v.ds.Errorf(pick(r.Source, m.Source), m.ID, "route table %s has a route with no destination", rt.ID)
	}
	if r.Target.Kind == TargetLocal || r.Blackhole || r.Target.ID == "" {
		return
	}
	// A route to a target that is not in the snapshot is normal for partial dumps; only the solver cares.
	if fw, _ := v.s.NFWEndpointByID(r.Target.ID); fw != nil {
		return // a Network Firewall endpoint (R7.40)
	}
	if _, ok := v.ix.ByID(r.Target.ID); !ok && v.s.StrictFiles[m.Source.File] {
		v.ds.Errorf(pick(r.Source, m.Source), m.ID, "route table %s: route to %s refers to %s %q, which is not in the snapshot",
			rt.ID, routeDest(*r), r.Target.Kind, r.Target.ID)
	}
}

func routeDest(r Route) string {
	if r.DestPrefixList != "" {
		return r.DestPrefixList
	}
	return r.Destination.String()
}

func pick(a, b Source) Source {
	if !a.IsZero() {
		return a
	}
	return b
}

// aclNumberKey identifies a NACL rule number: per direction and address family.
type aclNumberKey struct {
	egress bool
	number int
	ipv4   bool
}

func (v *validator) acls() {
	seenSubnet := map[string]string{}
	for _, a := range v.s.NetworkACLs {
		ref[*VPC](v, &a.Meta, "vpc", &a.VPC, "vpc")
		numbers := make(map[aclNumberKey]bool, len(a.Entries))
		for _, e := range a.Entries {
			key := aclNumberKey{e.Egress, e.Number, e.CIDR.Addr().Is4()}
			if numbers[key] && e.Number != 32767 {
				v.ds.Errorf(pick(e.Source, a.Source), a.ID, "network ACL %s: %s rule %d appears twice", a.ID, e.Direction(), e.Number)
			}
			numbers[key] = true
			if e.Number < 1 || e.Number > 32767 || (e.Number == 32767 && !isStar(e)) {
				v.ds.Errorf(pick(e.Source, a.Source), a.ID, "network ACL %s: rule number %d is outside 1-32766 (R2.11)%s", a.ID, e.Number, starNote(e))
			}
		}
		for i := range a.Subnets {
			ref[*Subnet](v, &a.Meta, "association", &a.Subnets[i], "subnet")
			sub := a.Subnets[i]
			if prev, dup := seenSubnet[sub]; dup && prev != a.ID {
				v.errf(&a.Meta, "subnet %s is associated with two network ACLs: %s and %s (R2.9)", sub, prev, a.ID)
			}
			seenSubnet[sub] = a.ID
		}
	}
}

// isStar reports whether e is the "*" rule every NACL ends with, which
// DescribeNetworkAcls shows as number 32767: deny all traffic of a family.
func isStar(e ACLEntry) bool {
	return e.Action == Deny && e.Protocol == ProtoAll && e.CIDR.Bits() == 0
}

func starNote(e ACLEntry) string {
	if e.Number != 32767 {
		return ""
	}
	return `; 32767 is the fixed "*" rule that denies all traffic, which cannot be changed (this rule would be ignored)`
}

func (v *validator) securityGroups() {
	for _, g := range v.s.SecurityGroups {
		ref[*VPC](v, &g.Meta, "vpc", &g.VPC, "vpc")
		for _, rules := range [][]SGRule{g.Ingress, g.Egress} {
			for _, r := range rules {
				if r.PrefixList != "" {
					ref[*PrefixList](v, &g.Meta, "rule peer", &r.PrefixList, "prefix list")
				}
				// References to groups in other accounts are normal in a one-account dump (R2.6).
				if r.Group != nil && (r.Group.Account == "" || r.Group.Account == g.Account) {
					ref[*SecurityGroup](v, &g.Meta, "rule peer", &r.Group.GroupID, "security group")
				}
			}
		}
	}
}

func (v *validator) enis() {
	for _, e := range v.s.ENIs {
		sub, ok := ref[*Subnet](v, &e.Meta, "subnet", &e.Subnet, "subnet")
		if ok {
			if e.VPC != "" && sub.VPC != e.VPC {
				v.errf(&e.Meta, "network interface %s says vpc %s but its subnet %s is in %s", e.ID, e.VPC, sub.ID, sub.VPC)
			}
			for _, ip := range e.PrivateIPs {
				if ip.Is4() && !sub.CIDR.Contains(ip) {
					v.errf(&e.Meta, "network interface %s: private IP %s is outside its subnet %s (%s)", e.ID, ip, sub.ID, sub.CIDR)
				}
			}
		}
		refs[*SecurityGroup](v, &e.Meta, "security group", e.SecurityGroups, "security group")
	}
	for _, in := range v.s.Instances {
		refs[*ENI](v, &in.Meta, "network interface", in.ENIs, "network interface")
	}
	for _, f := range v.s.LambdaFunctions {
		refs[*Subnet](v, &f.Meta, "subnet", f.Subnets, "subnet")
		refs[*SecurityGroup](v, &f.Meta, "security group", f.SecurityGroups, "security group")
	}
}

func (v *validator) gateways() {
	for _, g := range v.s.InternetGateways {
		refs[*VPC](v, &g.Meta, "attachment", g.VPCs, "vpc")
	}
	for _, g := range v.s.EgressOnlyIGWs {
		ref[*VPC](v, &g.Meta, "attachment", &g.VPC, "vpc")
	}
	for _, n := range v.s.NATGateways {
		ref[*Subnet](v, &n.Meta, "subnet", &n.Subnet, "subnet")
		if n.Public && len(n.PublicIPs) == 0 && n.Usable() {
			v.warnf(&n.Meta, "public NAT gateway %s has no Elastic IP", n.ID)
		}
	}
	for _, e := range v.s.ElasticIPs {
		if e.ENI != "" {
			ref[*ENI](v, &e.Meta, "association", &e.ENI, "network interface")
		}
	}
}

func (v *validator) endpoints() {
	for _, e := range v.s.VPCEndpoints {
		ref[*VPC](v, &e.Meta, "vpc", &e.VPC, "vpc")
		refs[*RouteTable](v, &e.Meta, "route table", e.RouteTables, "route table")
		azs := map[string]string{}
		for i := range e.Subnets {
			if sub, ok := ref[*Subnet](v, &e.Meta, "subnet", &e.Subnets[i], "subnet"); ok && sub.AZ != "" {
				if prev, dup := azs[sub.AZ]; dup {
					v.errf(&e.Meta, "endpoint %s has two subnets in %s: %s and %s (R7.7: one per AZ)", e.ID, sub.AZ, prev, sub.ID)
				}
				azs[sub.AZ] = sub.ID
			}
		}
		refs[*SecurityGroup](v, &e.Meta, "security group", e.SecurityGroups, "security group")
	}
	v.privateDNSConflicts()
}

// privateDNSConflicts enforces R7.13: one private-DNS endpoint per service per VPC.
func (v *validator) privateDNSConflicts() {
	seen := map[string]string{}
	for _, e := range v.s.VPCEndpoints {
		if e.Type != EndpointInterface || !e.PrivateDNSEnabled {
			continue
		}
		key := e.VPC + " " + e.ServiceName
		if prev, dup := seen[key]; dup {
			v.errf(&e.Meta, "vpc %s has two endpoints for %s with private DNS: %s and %s (R7.13)", e.VPC, e.ServiceName, prev, e.ID)
		}
		seen[key] = e.ID
	}
}

func (v *validator) peerings() {
	for _, p := range v.s.PeeringConnections {
		req, okR := Lookup[*VPC](v.ix, p.Requester.VPC)
		acc, okA := Lookup[*VPC](v.ix, p.Accepter.VPC)
		if !okR && !okA {
			v.warnf(&p.Meta, "peering connection %s: neither %s nor %s is in the snapshot", p.ID, p.Requester.VPC, p.Accepter.VPC)
			continue
		}
		rc, ac := p.Requester.CIDRs, p.Accepter.CIDRs
		if okR {
			rc = req.CIDRs
		}
		if okA {
			ac = acc.CIDRs
		}
		for _, a := range rc {
			for _, b := range ac {
				if a.Overlaps(b) && p.Active() {
					v.errf(&p.Meta, "peering connection %s joins %s (%s) and %s (%s) whose CIDRs overlap (R4.2)",
						p.ID, p.Requester.VPC, a, p.Accepter.VPC, b)
				}
			}
		}
	}
}

func (v *validator) tgws() {
	for _, a := range v.s.TGWAttachments {
		ref[*TransitGateway](v, &a.Meta, "transit gateway", &a.TGW, "transit gateway")
		if a.Type == TGWAttachVPC {
			if a.ResourceOwner == "" || a.ResourceOwner == a.Account {
				ref[*VPC](v, &a.Meta, "vpc", &a.ResourceID, "vpc")
			}
			if a.ResourceOwner == "" || a.ResourceOwner == a.Account {
				refs[*Subnet](v, &a.Meta, "subnet", a.Subnets, "subnet")
			}
		}
		if a.Association != "" {
			ref[*TGWRouteTable](v, &a.Meta, "association", &a.Association, "transit gateway route table")
		}
	}
	for _, rt := range v.s.TGWRouteTables {
		ref[*TransitGateway](v, &rt.Meta, "transit gateway", &rt.TGW, "transit gateway")
		refs[*TGWAttachment](v, &rt.Meta, "association", rt.Associations, "transit gateway attachment")
		refs[*TGWAttachment](v, &rt.Meta, "propagation", rt.Propagations, "transit gateway attachment")
	}
}

func (v *validator) hybrid() {
	for _, g := range v.s.VPNGateways {
		refs[*VPC](v, &g.Meta, "attachment", g.VPCs, "vpc")
	}
	for _, c := range v.s.VPNConnections {
		ref[*CustomerGateway](v, &c.Meta, "customer gateway", &c.CustomerGateway, "customer gateway")
		if c.VPNGateway != "" {
			ref[*VPNGateway](v, &c.Meta, "vpn gateway", &c.VPNGateway, "virtual private gateway")
		}
		if c.TransitGateway != "" {
			ref[*TransitGateway](v, &c.Meta, "transit gateway", &c.TransitGateway, "transit gateway")
		}
	}
	for _, vif := range v.s.VirtualInterfaces {
		if vif.VPNGateway != "" {
			ref[*VPNGateway](v, &vif.Meta, "vpn gateway", &vif.VPNGateway, "virtual private gateway")
		}
		if vif.DXGateway != "" {
			ref[*DXGateway](v, &vif.Meta, "dx gateway", &vif.DXGateway, "Direct Connect gateway")
		}
	}
}

func (v *validator) dns() {
	for _, z := range v.s.HostedZones {
		for i := range z.VPCs {
			a := &z.VPCs[i]
			if !strings.HasPrefix(a.VPC, "vpc-") || v.hasID(a.VPC) {
				ref[*VPC](v, &z.Meta, "vpc association", &a.VPC, "vpc")
			}
		}
		if z.Private && len(z.VPCs) == 0 && !v.inProfile(z) {
			v.warnf(&z.Meta, "private hosted zone %s (%s) is associated with no VPC, so no one can resolve it (R10.8)", z.ID, z.ZoneName)
		}
	}
	for _, e := range v.s.ResolverEndpoints {
		ref[*VPC](v, &e.Meta, "vpc", &e.VPC, "vpc")
		refs[*SecurityGroup](v, &e.Meta, "security group", e.SecurityGroups, "security group")
		for i := range e.IPs {
			ip := &e.IPs[i]
			if sub, ok := ref[*Subnet](v, &e.Meta, "ip address subnet", &ip.Subnet, "subnet"); ok && ip.IP.IsValid() && !sub.Contains(ip.IP) {
				v.errf(&e.Meta, "resolver endpoint %s: IP %s is outside its subnet %s (%s)", e.ID, ip.IP, sub.ID, sub.CIDR)
			}
		}
	}
	for _, r := range v.s.ResolverRules {
		if r.OutboundEndpoint != "" {
			ref[*ResolverEndpoint](v, &r.Meta, "outbound endpoint", &r.OutboundEndpoint, "resolver endpoint")
		}
		refs[*VPC](v, &r.Meta, "association", r.VPCs, "vpc")
		if strings.EqualFold(r.RuleType, "FORWARD") && len(r.Targets) == 0 {
			v.errf(&r.Meta, "forwarding rule %s for %s has no target IPs", r.ID, r.DomainName)
		}
	}
}

// hasID reports whether a resource with this ID exists.
func (v *validator) hasID(id string) bool { _, ok := v.ix.ByID(id); return ok }

func (v *validator) apis() {
	for _, a := range v.s.RestAPIs {
		if v.s.StrictFiles[a.Source.File] {
			refs[*VPCEndpoint](v, &a.Meta, "vpc endpoint", a.VPCEndpointIDs, "vpc endpoint")
		}
	}
	for _, l := range v.s.VPCLinks {
		refs[*Subnet](v, &l.Meta, "subnet", l.Subnets, "subnet")
		refs[*SecurityGroup](v, &l.Meta, "security group", l.SecurityGroups, "security group")
	}
}

func (v *validator) loadBalancers() {
	for _, lb := range v.s.LoadBalancers {
		for i := range lb.Nodes {
			n := &lb.Nodes[i]
			ref[*Subnet](v, &lb.Meta, "subnet", &n.Subnet, "subnet")
		}
		refs[*SecurityGroup](v, &lb.Meta, "security group", lb.SecurityGroups, "security group")
	}
}

func (v *validator) onPrem() {
	for _, site := range v.s.Sites {
		for i := range site.Links {
			l := &site.Links[i]
			switch l.Kind {
			case "vpn":
				ref[*VPNConnection](v, &site.Meta, "link", &l.Ref, "VPN connection")
			case "vif":
				ref[*VirtualInterface](v, &site.Meta, "link", &l.Ref, "virtual interface")
			case "cgw":
				ref[*CustomerGateway](v, &site.Meta, "link", &l.Ref, "customer gateway")
			default:
				v.errf(&site.Meta, "on-premises site %s: link kind %q is not vpn, vif or cgw", site.ID, l.Kind)
			}
		}
		for _, vpc := range v.s.VPCs {
			for _, c := range site.CIDRs {
				if !site.Implicit && (insideAny(c, vpc.CIDRs) || overlapsAny(c, vpc.CIDRs)) {
					v.warnf(&site.Meta, "on-premises site %s: CIDR %s overlaps vpc %s (%s)", site.ID, c, vpc.ID, prefixList(vpc.CIDRs))
				}
			}
		}
	}
	for _, d := range v.s.DNSServers {
		site, ok := ref[*OnPremSite](v, &d.Meta, "site", &d.Site, "on-premises site")
		if ok && d.IP.IsValid() && !containsAddr(site.CIDRs, d.IP) {
			v.errf(&d.Meta, "DNS server %s: IP %s is outside the CIDRs of site %s (%s)", d.ID, d.IP, site.ID, prefixList(site.CIDRs))
		}
	}
	for _, c := range v.s.Clients {
		v.client(c)
	}
}

func (v *validator) client(c *Client) {
	if c.Location == "" || c.Location == "internet" {
		return
	}
	r, ok := ref[Resource](v, &c.Meta, "location", &c.Location, "location")
	if !ok || !c.IP.IsValid() {
		return
	}
	var within []netip.Prefix
	switch x := r.(type) {
	case *OnPremSite:
		within = x.CIDRs
	case *Subnet:
		within = []netip.Prefix{x.CIDR}
	case *VPC:
		within = x.CIDRs
	}
	if within != nil && !containsAddr(within, c.IP) {
		v.errf(&c.Meta, "client %s: IP %s is outside %s (%s)", c.ID, c.IP, c.Location, prefixList(within))
	}
	if c.DNSServer != "" {
		ref[*DNSServer](v, &c.Meta, "dns server", &c.DNSServer, "DNS server")
	}
}

func insideAny(p netip.Prefix, in []netip.Prefix) bool {
	for _, q := range in {
		if q.Bits() <= p.Bits() && q.Contains(p.Addr()) {
			return true
		}
	}
	return false
}

func overlapsAny(p netip.Prefix, in []netip.Prefix) bool {
	for _, q := range in {
		if q.Overlaps(p) {
			return true
		}
	}
	return false
}

func containsAddr(ps []netip.Prefix, ip netip.Addr) bool {
	for _, p := range ps {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

func overlapping(ps []netip.Prefix) (netip.Prefix, netip.Prefix, bool) {
	for i := range ps {
		for j := i + 1; j < len(ps); j++ {
			if ps[i].Overlaps(ps[j]) {
				return ps[i], ps[j], true
			}
		}
	}
	return netip.Prefix{}, netip.Prefix{}, false
}

func prefixList(ps []netip.Prefix) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, ", ")
}
