package viz

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// group is the interfaces of one owner in one subnet, drawn as one node.
type group struct {
	owner, kind, name string
	subnet            string
	enis              []string
	ips               []string
}

// addVPCs draws every VPC that is not hidden: in full or as a box.
func (b *builder) addVPCs() {
	groups := b.groups()
	for _, v := range b.s.VPCs {
		switch b.mode[v.ID] {
		case expanded:
			b.expandVPC(v, groups[v.ID])
		case collapsed:
			b.collapseVPC(v)
		}
	}
	b.addGroups()
}

func vpcLabel(v *model.VPC) string {
	head := "VPC " + v.Label()
	if v.IsDefault {
		head += " (default)"
	}
	return lines(head, prefixes(append(v.CIDRs[:len(v.CIDRs):len(v.CIDRs)], v.IPv6CIDRs...)))
}

// expandVPC draws VPC → zone → subnet clusters, interface groups and edge gateways.
func (b *builder) expandVPC(v *model.VPC, groups []*group) {
	vc := b.regionCluster(v.Account, v.Region).child("vpc_"+v.ID, vpcLabel(v), vpcStyle)
	b.cluster[v.ID] = vc
	subnetCluster := map[string]*Cluster{}
	for _, sn := range b.s.Subnets {
		if sn.VPC != v.ID {
			continue
		}
		az := or(sn.AZ, sn.AZID)
		zc := vc.child("az_"+v.ID+"_"+or(az, "unknown"), "zone "+or(az, "(not given)"), azStyle)
		public := b.isPublic(sn)
		st, kind := privateStyle, "private"
		if public {
			st, kind = publicStyle, "public"
		}
		label := lines(kind+" subnet "+sn.Label(), prefixes([]netip.Prefix{sn.CIDR, sn.IPv6CIDR}), b.subnetTables(sn))
		subnetCluster[sn.ID] = zc.child("sn_"+sn.ID, label, st)
	}
	for _, g := range groups {
		c := subnetCluster[g.subnet]
		if c == nil {
			c = vc // interfaces whose subnet is not in the snapshot
		}
		if !b.kept(append([]string{g.owner, g.subnet}, g.enis...)...) {
			continue
		}
		n := b.addNode(c, g.owner+"@"+g.subnet, g.label(), g.kind, strings.Join(g.enis, " "))
		n.Resources = append([]string{g.owner}, g.enis...)
		b.mapGroup(g, n.ID)
	}
	b.addEdgeGateways(v, vc)
	b.addRouteTables(v, vc)
	if vc.firstNode() == nil || (b.keep == nil && len(vc.Clusters) == 0 && len(vc.Nodes) == 0) {
		b.addNode(vc, "empty_"+v.ID, "(no interfaces)", kEmpty, "")
	}
}

func (b *builder) mapGroup(g *group, node string) {
	for _, e := range g.enis {
		b.eniNode[e] = node
	}
	if _, ok := b.ownerNode[g.owner]; !ok {
		b.ownerNode[g.owner] = node
	}
}

func (g *group) label() string {
	ips := g.ips
	if len(ips) > 3 {
		ips = append(ips[:3:3], fmt.Sprintf("+%d more", len(g.ips)-3))
	}
	head := kindTitle[g.kind]
	if len(g.enis) > 1 {
		head = fmt.Sprintf("%s (%d ENIs)", head, len(g.enis))
	}
	return lines(head, g.name, strings.Join(ips, ", "))
}

// isPublic applies R1.15: a subnet is public when its route table routes to an internet gateway.
func (b *builder) isPublic(sn *model.Subnet) bool {
	rt := b.routeTable(sn)
	if rt == nil {
		return false
	}
	for _, r := range rt.Routes {
		if r.Target.Kind == model.TargetIGW && !r.Blackhole {
			return true
		}
	}
	return false
}

// routeTable is the subnet's explicit association, else its VPC's main table (R1.1).
func (b *builder) routeTable(sn *model.Subnet) *model.RouteTable {
	var main *model.RouteTable
	for _, rt := range b.s.RouteTables {
		for _, a := range rt.Associations {
			if a.Subnet == sn.ID {
				return rt
			}
			if a.Main && rt.VPC == sn.VPC && main == nil {
				main = rt
			}
		}
	}
	return main
}

func (b *builder) nacl(sn *model.Subnet) *model.NetworkACL {
	var def *model.NetworkACL
	for _, a := range b.s.NetworkACLs {
		for _, s := range a.Subnets {
			if s == sn.ID {
				return a
			}
		}
		if a.IsDefault && a.VPC == sn.VPC && def == nil {
			def = a
		}
	}
	return def
}

func (b *builder) subnetTables(sn *model.Subnet) string {
	var parts []string
	if rt := b.routeTable(sn); rt != nil {
		name := "rt " + shortName(&rt.Meta)
		if rt.IsMain() {
			name += " (main)"
		}
		parts = append(parts, name)
	}
	if a := b.nacl(sn); a != nil {
		parts = append(parts, "nacl "+shortName(&a.Meta))
	}
	return strings.Join(parts, " · ")
}

// shortName is the Name tag when there is one, else the ID.
func shortName(m *model.Meta) string { return or(m.Name, m.ID) }

// groups collects interfaces by owner and subnet, per VPC. Owners the
// snapshot lists without interfaces (NAT gateways, endpoints, load balancers,
// Resolver endpoints, Lambda functions) still get a node in each of their subnets.
func (b *builder) groups() map[string][]*group {
	byKey := map[string]*group{}
	var order []*group
	get := func(owner, kind, subnet string) *group {
		k := owner + "@" + subnet
		if g, ok := byKey[k]; ok {
			return g
		}
		g := &group{owner: owner, kind: kind, subnet: subnet, name: b.ownerName(owner)}
		byKey[k] = g
		order = append(order, g)
		return g
	}
	for _, e := range b.s.ENIs {
		owner, kind := e.OwnerID, ownerKind(e.OwnerKind)
		if owner == "" {
			owner, kind = e.ID, kOtherENI
		}
		g := get(owner, kind, e.Subnet)
		g.enis = append(g.enis, e.ID)
		if ip := e.PrimaryIP(); ip.IsValid() {
			g.ips = append(g.ips, ip.String())
		}
	}
	b.ownersWithoutENIs(get)
	out := map[string][]*group{}
	for _, g := range order {
		v := ""
		if sn := b.subnets[g.subnet]; sn != nil {
			v = sn.VPC
		}
		if v == "" {
			v = b.ownerVPC(g.owner)
		}
		out[v] = append(out[v], g)
	}
	for _, gs := range out {
		sort.Slice(gs, func(i, j int) bool { return gs[i].owner+"@"+gs[i].subnet < gs[j].owner+"@"+gs[j].subnet })
	}
	return out
}

func (b *builder) ownersWithoutENIs(get func(owner, kind, subnet string) *group) {
	for _, n := range b.s.NATGateways {
		g := get(n.ID, kNAT, n.Subnet)
		if len(g.ips) == 0 && n.PrivateIP.IsValid() {
			g.ips = append(g.ips, n.PrivateIP.String())
		}
	}
	for _, e := range b.s.VPCEndpoints {
		if e.Type == model.EndpointGateway {
			continue // drawn at the VPC edge
		}
		kind := kEndpoint
		if e.Type == model.EndpointGWLB {
			kind = kGWLBE
		}
		for _, sn := range e.Subnets {
			get(e.ID, kind, sn)
		}
	}
	for _, lb := range b.s.LoadBalancers {
		for _, n := range lb.Nodes {
			get(lb.ID, kLB, n.Subnet)
		}
	}
	for _, r := range b.s.ResolverEndpoints {
		for _, ip := range r.IPs {
			g := get(r.ID, kResolver, ip.Subnet)
			if ip.ENI == "" && ip.IP.IsValid() {
				g.ips = append(g.ips, ip.IP.String())
			}
		}
	}
	for _, f := range b.s.LambdaFunctions {
		for _, sn := range f.Subnets {
			get(f.ID, kLambda, sn)
		}
	}
}

func (b *builder) ownerVPC(id string) string {
	if r, ok := b.ix.ByID(id); ok {
		return vpcOf(b, r)
	}
	return ""
}

// ownerName is the readable name of an owner: "web-1 (i-0abc)".
func (b *builder) ownerName(id string) string {
	if r, ok := b.ix.ByID(id); ok {
		m := r.Base()
		if lb, ok := r.(*model.LoadBalancer); ok && m.Name == "" && lb.LBName != "" {
			return lb.LBName
		}
		if r, ok := r.(*model.ResolverEndpoint); ok && !strings.Contains(strings.ToLower(m.Label()), strings.ToLower(r.Direction)) {
			return strings.ToLower(r.Direction) + " " + m.Label()
		}
		if e, ok := r.(*model.VPCEndpoint); ok && !strings.Contains(m.Label(), serviceShort(e.ServiceName)) {
			return lines(m.Label(), serviceShort(e.ServiceName))
		}
		return m.Label()
	}
	return id
}

// serviceShort turns com.amazonaws.us-east-1.execute-api into execute-api.
func serviceShort(s string) string {
	parts := strings.Split(s, ".")
	if len(parts) >= 4 && parts[0] == "com" && parts[1] == "amazonaws" {
		return strings.Join(parts[3:], ".")
	}
	return s
}

func ownerKind(o model.ENIOwner) string {
	switch o {
	case model.OwnerInstance:
		return kInstance
	case model.OwnerLambda:
		return kLambda
	case model.OwnerInterfaceEndpoint:
		return kEndpoint
	case model.OwnerGWLBEndpoint:
		return kGWLBE
	case model.OwnerNATGateway:
		return kNAT
	case model.OwnerLoadBalancer:
		return kLB
	case model.OwnerResolverEndpoint:
		return kResolver
	case model.OwnerTGWAttachment:
		return kTGWENI
	}
	return kOtherENI
}

// addEdgeGateways draws the gateways that sit at the VPC's border.
func (b *builder) addEdgeGateways(v *model.VPC, vc *Cluster) {
	for _, g := range b.s.InternetGateways {
		if contains(g.VPCs, v.ID) && b.kept(g.ID, v.ID) {
			b.addNode(vc, g.ID, lines("internet gateway", g.Label()), kIGW, g.ID)
		}
	}
	for _, g := range b.s.EgressOnlyIGWs {
		if g.VPC == v.ID && b.kept(g.ID, v.ID) {
			b.addNode(vc, g.ID, lines("egress-only IGW", g.Label()), kEIGW, g.ID)
		}
	}
	for _, g := range b.s.VPNGateways {
		if contains(g.VPCs, v.ID) && b.kept(g.ID, v.ID) {
			b.addNode(vc, g.ID, lines("virtual private gateway", g.Label()), kVGW, g.ID)
		}
	}
	for _, e := range b.s.VPCEndpoints {
		if e.VPC == v.ID && e.Type == model.EndpointGateway && b.kept(append([]string{e.ID, v.ID}, e.RouteTables...)...) {
			b.addNode(vc, e.ID, lines("gateway endpoint", b.ownerName(e.ID)), kGatewayEP, e.ID)
		}
	}
}

// collapseVPC draws a VPC as one box with counts.
func (b *builder) collapseVPC(v *model.VPC) {
	rc := b.regionCluster(v.Account, v.Region)
	c := b.counts(v.ID)
	b.addNode(rc, v.ID, lines(vpcLabel(v), c), kVPCBox, v.ID)
}

func (b *builder) counts(vpc string) string {
	n := map[string]int{}
	for _, s := range b.s.Subnets {
		if s.VPC == vpc {
			n["subnets"]++
		}
	}
	for _, e := range b.s.ENIs {
		if b.eniVPC(e) == vpc {
			n["ENIs"]++
		}
	}
	for _, x := range b.s.Instances {
		if vpcOf(b, x) == vpc {
			n["instances"]++
		}
	}
	for _, x := range b.s.LambdaFunctions {
		if x.VPC == vpc {
			n["Lambda"]++
		}
	}
	for _, x := range b.s.VPCEndpoints {
		if x.VPC == vpc {
			n["endpoints"]++
		}
	}
	for _, x := range b.s.InternetGateways {
		if contains(x.VPCs, vpc) {
			n["IGW"]++
		}
	}
	for _, x := range b.s.NATGateways {
		if x.VPC == vpc {
			n["NAT"]++
		}
	}
	var parts []string
	for _, k := range []string{"subnets", "ENIs", "instances", "Lambda", "endpoints", "NAT", "IGW"} {
		if n[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[k], k))
		}
	}
	return strings.Join(parts, " · ")
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
