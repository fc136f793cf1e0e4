package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"
)

// Derive fills in the objects AWS creates implicitly, so that a template or
// scenario and a describe-JSON dump of the same network look the same to the
// solver: local routes (R1.5), the main route table (R1.1), the default NACL
// (R2.10) with the implicit "*" deny rules, the default security group (R2.8),
// and the requester-managed ENIs of Lambda functions (R8.1), interface and GWLB
// endpoints (R7.7), Resolver endpoints (R10.15), NAT gateways, load balancer
// nodes and VPC links V2 (R8.8, R8.10), with private IPs allocated from the
// subnet when the input has none (R1.13).
//
// Derive adds only what is missing, so running it twice changes nothing. It
// runs before Validate and so accepts references by ID or name. Every object
// it adds carries Meta.Assumed notes; an info diagnostic is reported only when
// the added object states something the input does not (an allocated address).
func Derive(s *Snapshot) Diagnostics {
	s.index = nil // deriving adds addresses and names in place
	d := &deriver{s: s, ix: NewIndex(s), nextFree: map[netip.Prefix]netip.Addr{}}
	d.collectUsedIPs()
	for _, step := range deriveSteps {
		step(d)
	}
	return d.ds
}

var deriveSteps = []func(*deriver){
	(*deriver).localRoutes, (*deriver).mainRouteTables, (*deriver).defaultNACLs, (*deriver).implicitDenies,
	(*deriver).defaultSGs, (*deriver).eniVPCs, (*deriver).eniDefaultSGs, (*deriver).eniAddresses, (*deriver).launchPublicIPs, (*deriver).lambdaENIs, (*deriver).lambdaDualStack, (*deriver).endpointENIs,
	(*deriver).resolverENIs, (*deriver).natENIs, (*deriver).lbENIs, (*deriver).vpcLinkENIs, (*deriver).implicitSites,
}

type deriver struct {
	s              *Snapshot
	ix             *Index
	ds             Diagnostics
	used           map[netip.Addr]bool
	defaultSGByVPC map[string]string           // see defaultSG
	nextFree       map[netip.Prefix]netip.Addr // per subnet CIDR: where allocate resumes
}

// derivedID returns a placeholder ID that depends only on its parts, so the
// same input always yields the same IDs: "eni-derived-1a2b3c4d5e".
func derivedID(prefix string, parts ...string) string {
	h := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return prefix + "-derived-" + hex.EncodeToString(h[:5])
}

// DefaultSGID is the ID Derive gives a VPC's default security group when the
// input lacks it; importers use it to name that group before it exists
// (CloudFormation's Fn::GetAtt VPC.DefaultSecurityGroup).
func DefaultSGID(vpcID string) string { return derivedID("sg", vpcID) }

// DefaultNACLID is the ID Derive gives a VPC's default network ACL when the input lacks it.
func DefaultNACLID(vpcID string) string { return derivedID("acl", vpcID) }

// MainRouteTableID is the ID Derive gives the main route table it fills in
// for a VPC whose input has none.
func MainRouteTableID(vpcID string) string { return derivedID("rtb", vpcID) }

// sortedByID returns a copy of xs ordered by ID: iteration order must not
// depend on input order, or allocated addresses would.
func sortedByID[T Resource](xs []T) []T {
	// A stable sort, as an unstable one on (ID, position): SortStableFunc's
	// merging cost a second on 500,000 ENIs, where this costs a fifth.
	type keyed struct {
		id string
		at int
	}
	ks := make([]keyed, len(xs))
	sorted := true
	for i, x := range xs {
		ks[i] = keyed{x.Base().ID, i}
		sorted = sorted && (i == 0 || ks[i-1].id <= ks[i].id)
	}
	out := make([]T, len(xs))
	if sorted {
		copy(out, xs)
		return out
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := strings.Compare(a.id, b.id); c != 0 {
			return c
		}
		return a.at - b.at
	})
	for i, k := range ks {
		out[i] = xs[k.at]
	}
	return out
}

func (d *deriver) vpc(ref string) (*VPC, bool)       { return Lookup[*VPC](d.ix, ref) }
func (d *deriver) subnet(ref string) (*Subnet, bool) { return Lookup[*Subnet](d.ix, ref) }

// vpcID returns the canonical ID of the VPC ref names, or ref itself.
func (d *deriver) vpcID(ref string) string {
	if v, ok := d.vpc(ref); ok {
		return v.ID
	}
	return ref
}

// sgIDs returns the canonical IDs of refs, sorted: the key of a Lambda ENI (R8.1).
func (d *deriver) sgIDs(refs []string) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		if g, ok := Lookup[*SecurityGroup](d.ix, r); ok {
			r = g.ID
		}
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// inherit copies identity fields of the owner onto a derived object.
func inherit(m *Meta, owner *Meta, id string) {
	m.ID, m.Account, m.Region, m.Source = id, owner.Account, owner.Region, owner.Source
}

// localRoutes adds one local route per VPC CIDR to every route table (R1.5).
// A route with the same destination counts as present: its target may have
// been replaced by an ENI or NAT gateway.
func (d *deriver) localRoutes() {
	for _, rt := range d.s.RouteTables {
		if v, ok := d.vpc(rt.VPC); ok {
			addLocalRoutes(rt, v)
		}
	}
}

func addLocalRoutes(rt *RouteTable, v *VPC) {
	have := map[netip.Prefix]bool{}
	for _, r := range rt.Routes {
		if r.DestPrefixList == "" {
			have[r.Destination.Masked()] = true
		}
	}
	var add []Route
	for _, c := range append(append([]netip.Prefix(nil), v.CIDRs...), v.IPv6CIDRs...) {
		if !have[c.Masked()] {
			add = append(add, Route{Destination: c.Masked(), Target: Target{Kind: TargetLocal}, Origin: OriginLocal, Source: rt.Source})
		}
	}
	rt.Routes = append(add, rt.Routes...)
}

// mainRouteTables gives every VPC without one a main route table holding only
// the local routes, as CreateVpc does (R1.1).
func (d *deriver) mainRouteTables() {
	hasMain := map[string]bool{}
	for _, rt := range d.s.RouteTables {
		if rt.IsMain() {
			hasMain[d.vpcID(rt.VPC)] = true
		}
	}
	for _, v := range sortedByID(d.s.VPCs) {
		if hasMain[v.ID] {
			continue
		}
		rt := &RouteTable{VPC: v.ID, Associations: []RouteTableAssociation{{Main: true}}}
		inherit(&rt.Meta, &v.Meta, MainRouteTableID(v.ID))
		rt.Assume("main route table not in the input: AWS creates it with only the local routes (R1.1)")
		addLocalRoutes(rt, v)
		d.s.RouteTables = append(d.s.RouteTables, rt)
	}
}

// defaultNACLs gives every VPC without one its default network ACL, which
// allows everything both ways (R2.10).
func (d *deriver) defaultNACLs() {
	has := map[string]bool{}
	for _, a := range d.s.NetworkACLs {
		if a.IsDefault {
			has[d.vpcID(a.VPC)] = true
		}
	}
	for _, v := range sortedByID(d.s.VPCs) {
		if has[v.ID] {
			continue
		}
		a := &NetworkACL{VPC: v.ID, IsDefault: true}
		inherit(&a.Meta, &v.Meta, DefaultNACLID(v.ID))
		a.Assume("default network ACL not in the input: AWS creates it allowing all traffic both ways (R2.10)")
		for _, egress := range []bool{false, true} {
			a.Entries = append(a.Entries, allowAll(100, egress, netip.MustParsePrefix("0.0.0.0/0"), a.Source))
			if len(v.IPv6CIDRs) > 0 {
				a.Entries = append(a.Entries, allowAll(101, egress, netip.MustParsePrefix("::/0"), a.Source))
			}
		}
		d.s.NetworkACLs = append(d.s.NetworkACLs, a)
	}
}

func allowAll(n int, egress bool, cidr netip.Prefix, src Source) ACLEntry {
	return ACLEntry{Number: n, Egress: egress, Protocol: ProtoAll, Action: Allow, CIDR: cidr, Ports: AllPorts, ICMP: AnyICMP, Source: src}
}

// implicitDenies appends the unmodifiable "*" rule (number 32767, deny all)
// per direction and address family to every NACL that lacks it (R2.10), as
// DescribeNetworkAcls shows it.
func (d *deriver) implicitDenies() {
	for _, a := range d.s.NetworkACLs {
		fams := []netip.Prefix{netip.MustParsePrefix("0.0.0.0/0")}
		if v, ok := d.vpc(a.VPC); ok && len(v.IPv6CIDRs) > 0 {
			fams = append(fams, netip.MustParsePrefix("::/0"))
		}
		for _, egress := range []bool{false, true} {
			for _, fam := range fams {
				if !hasStar(a, egress, fam) {
					e := allowAll(32767, egress, fam, a.Source)
					e.Action = Deny
					a.Entries = append(a.Entries, e)
				}
			}
		}
	}
}

func hasStar(a *NetworkACL, egress bool, fam netip.Prefix) bool {
	for _, e := range a.Entries {
		if e.Number == 32767 && e.Egress == egress && e.CIDR.Addr().Is4() == fam.Addr().Is4() {
			return true
		}
	}
	return false
}

// defaultSGs gives every VPC without one its "default" security group:
// all traffic in from members, all out (IPv6 too when the VPC has it) (R2.8).
func (d *deriver) defaultSGs() {
	for _, v := range sortedByID(d.s.VPCs) {
		if d.defaultSG(v.ID) != "" {
			continue
		}
		g := &SecurityGroup{VPC: v.ID, GroupName: "default", Description: "default VPC security group"}
		inherit(&g.Meta, &v.Meta, DefaultSGID(v.ID))
		g.Assume("default security group not in the input: AWS creates it with its default rules (R2.8)")
		all := SGRule{Protocol: ProtoAll, Ports: AllPorts, ICMP: AnyICMP, Source: g.Source}
		in := all
		in.Group = &SGRef{GroupID: g.ID}
		g.Ingress = []SGRule{in}
		out := all
		out.CIDR = netip.MustParsePrefix("0.0.0.0/0")
		g.Egress = []SGRule{out}
		if len(v.IPv6CIDRs) > 0 {
			out.CIDR = netip.MustParsePrefix("::/0")
			g.Egress = append(g.Egress, out)
		}
		d.s.SecurityGroups = append(d.s.SecurityGroups, g)
		d.noteDefaultSG(g)
	}
}

// defaultSG returns the ID of the VPC's default security group (the first
// one named "default"), or "". The map is built once: a scan per call made
// Derive quadratic in the number of VPCs.
func (d *deriver) defaultSG(vpcID string) string {
	if d.defaultSGByVPC == nil {
		d.defaultSGByVPC = map[string]string{}
		for _, g := range d.s.SecurityGroups {
			d.noteDefaultSG(g)
		}
	}
	return d.defaultSGByVPC[vpcID]
}

// noteDefaultSG records g when it is its VPC's first group named "default".
func (d *deriver) noteDefaultSG(g *SecurityGroup) {
	if g.GroupName != "default" {
		return
	}
	if v := d.vpcID(g.VPC); d.defaultSGByVPC[v] == "" {
		d.defaultSGByVPC[v] = g.ID
	}
}

// eniVPCs fills the VPC and AZ of every ENI from its subnet.
func (d *deriver) eniVPCs() {
	for _, e := range d.s.ENIs {
		if sub, ok := d.subnet(e.Subnet); ok {
			if e.VPC == "" {
				e.VPC = d.vpcID(sub.VPC)
			}
			if e.AZ == "" {
				e.AZ = sub.AZ
			}
		}
	}
	d.instanceVPCs()
}

// instanceVPCs fills an instance's VPC and subnet from its primary ENI, so
// listings group it with its network.
func (d *deriver) instanceVPCs() {
	byID := make(map[string]*ENI, len(d.s.ENIs))
	for _, e := range d.s.ENIs {
		byID[e.ID] = e
	}
	for _, in := range d.s.Instances {
		if len(in.ENIs) == 0 {
			continue
		}
		if e := byID[in.ENIs[0]]; e != nil {
			if in.VPC == "" {
				in.VPC = e.VPC
			}
			if in.Subnet == "" {
				in.Subnet = e.Subnet
			}
		}
	}
}

// eniDefaultSGs gives instance and interface-endpoint ENIs that carry no
// security group the VPC's default one, as AWS does at launch (R2.8, R7.7).
func (d *deriver) eniDefaultSGs() {
	for _, e := range d.s.ENIs {
		if len(e.SecurityGroups) > 0 || (e.OwnerKind != OwnerInstance && e.OwnerKind != OwnerInterfaceEndpoint) {
			continue
		}
		if def := d.defaultSG(d.vpcID(e.VPC)); def != "" {
			e.SecurityGroups = []string{def}
			e.Assume("no security group given: the VPC's default security group " + def + " applies (R2.8)")
		}
	}
}

// eniAddresses allocates a private IP to every ENI written without one (R1.13).
func (d *deriver) eniAddresses() {
	for _, e := range sortedByID(d.s.ENIs) {
		if len(e.PrivateIPs) > 0 {
			continue
		}
		sub, ok := d.subnet(e.Subnet)
		if !ok {
			continue
		}
		if sub.IPv6Native {
			d.ipv6Only(e, sub)
			continue
		}
		ip, ok := d.allocate(sub)
		if !ok {
			d.ds.Warnf(e.Source, e.ID, "%s: subnet %s (%s) has no free IPv4 address", e.ID, sub.ID, sub.CIDR)
			continue
		}
		e.PrivateIPs = []netip.Addr{ip}
		e.Assume(fmt.Sprintf("private IP %s allocated from %s (%s) by netverify; AWS picks the real one at deployment (R1.13)", ip, sub.ID, sub.CIDR))
		d.ds.Infof(e.Source, e.ID, "%s: assumed private IP %s in subnet %s", e.ID, ip, sub.ID)
		mapPublicToPrimary(e, ip)
	}
}

// mapPublicToPrimary completes public mappings an importer wrote before the
// private address was known (an address assigned at launch, an Elastic IP of
// a planned instance): they are for the primary address (R3.2).
func mapPublicToPrimary(e *ENI, ip netip.Addr) {
	for i := range e.PublicIPs {
		if !e.PublicIPs[i].PrivateIP.IsValid() {
			e.PublicIPs[i].PrivateIP = ip
		}
	}
}

// collectUsedIPs records every address already taken, so allocation never
// hands out one twice.
func (d *deriver) collectUsedIPs() {
	d.used = map[netip.Addr]bool{}
	for _, e := range d.s.ENIs {
		for _, ip := range e.PrivateIPs {
			d.used[ip] = true
		}
	}
	for _, r := range d.s.ResolverEndpoints {
		for _, ip := range r.IPs {
			d.used[ip.IP] = true
		}
	}
	for _, n := range d.s.NATGateways {
		d.used[n.PrivateIP] = true
	}
	for _, lb := range d.s.LoadBalancers {
		for _, n := range lb.Nodes {
			d.used[n.PrivateIP] = true
		}
	}
}

// allocate returns the lowest free address of the subnet, skipping the five
// addresses AWS reserves (R1.13), and marks it used. Addresses are never
// freed during Derive, so the search resumes where the last one ended: n
// allocations in one subnet cost O(n), not O(n²).
func (d *deriver) allocate(sub *Subnet) (netip.Addr, bool) {
	p := sub.CIDR.Masked()
	if !p.IsValid() || !p.Addr().Is4() {
		return netip.Addr{}, false
	}
	last := lastAddr(p)
	ip := p.Addr().Next().Next().Next().Next() // network, router, DNS, future (R1.13)
	if next, ok := d.nextFree[p]; ok {
		ip = next
	}
	for ; ip.IsValid() && ip.Less(last); ip = ip.Next() {
		if !d.used[ip] {
			d.used[ip] = true
			d.nextFree[p] = ip.Next()
			return ip, true
		}
	}
	d.nextFree[p] = last
	return netip.Addr{}, false
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Addr().As4()
	host := uint32(1)<<(32-p.Bits()) - 1
	v := (uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])) | host
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// eniSpec describes a requester-managed ENI to add.
type eniSpec struct {
	owner   *Meta
	subnet  string
	ip      netip.Addr // zero: allocate
	public  netip.Addr
	sgs     []string
	kind    ENIOwner
	ifType  string
	desc    string
	srcDst  bool
	idParts []string
	note    string
}

// addENI creates the ENI; it returns nil when the subnet is unknown (Validate
// reports the dangling reference) or full.
func (d *deriver) addENI(sp eniSpec) *ENI {
	sub, ok := d.subnet(sp.subnet)
	if !ok {
		return nil
	}
	e := &ENI{VPC: d.vpcID(sub.VPC), Subnet: sub.ID, AZ: sub.AZ, SecurityGroups: sp.sgs, SourceDestCheck: sp.srcDst,
		OwnerKind: sp.kind, OwnerID: sp.owner.ID, InterfaceType: sp.ifType, Description: sp.desc, Status: "in-use"}
	inherit(&e.Meta, sp.owner, derivedID("eni", sp.idParts...))
	e.Assume(sp.note)
	ip := sp.ip
	if !ip.IsValid() {
		if ip, ok = d.allocate(sub); !ok {
			d.ds.Warnf(sp.owner.Source, sp.owner.ID, "%s: subnet %s (%s) has no free IPv4 address for its %s network interface", sp.owner.ID, sub.ID, sub.CIDR, sp.kind)
			return nil
		}
		e.Assume(fmt.Sprintf("private IP %s allocated from %s (%s) by netverify; AWS picks the real one at deployment (R1.13)", ip, sub.ID, sub.CIDR))
		d.ds.Infof(sp.owner.Source, sp.owner.ID, "%s: assumed %s network interface %s with private IP %s in subnet %s", sp.owner.ID, sp.kind, e.ID, ip, sub.ID)
	}
	e.PrivateIPs = []netip.Addr{ip}
	if sp.public.IsValid() {
		e.PublicIPs = []PublicIPMapping{{PrivateIP: ip, PublicIP: sp.public}}
	}
	d.s.ENIs = append(d.s.ENIs, e)
	return e
}

// lambdaENIs creates one Hyperplane ENI per distinct (subnet, SG set) of
// VPC-attached functions, shared across functions (R8.1).
func (d *deriver) lambdaENIs() {
	have := map[string]bool{}
	for _, e := range d.s.ENIs {
		if e.OwnerKind == OwnerLambda {
			have[d.lambdaKey(e.Subnet, e.SecurityGroups)] = true
		}
	}
	for _, f := range sortedByID(d.s.LambdaFunctions) {
		sgs := d.sgIDs(f.SecurityGroups)
		for _, ref := range f.Subnets {
			key := d.lambdaKey(ref, sgs)
			if have[key] {
				continue
			}
			sp := eniSpec{owner: &f.Meta, subnet: ref, sgs: sgs, kind: OwnerLambda, ifType: "lambda", srcDst: true,
				desc: "AWS Lambda VPC ENI-" + f.ID, idParts: []string{"lambda", key},
				note: "Hyperplane ENI that Lambda creates for this subnet and security-group set, shared by every function with the same combination (R8.1)"}
			if d.addENI(sp) != nil {
				have[key] = true
			}
		}
	}
}

func (d *deriver) lambdaKey(subnet string, sgs []string) string {
	if sub, ok := d.subnet(subnet); ok {
		subnet = sub.ID
	}
	return subnet + "|" + strings.Join(d.sgIDs(sgs), ",")
}

// endpointENIs gives interface and GWLB endpoints one ENI per subnet, with the
// endpoint's SGs or the VPC's default SG (R7.7); GWLB endpoints have none (R2.1).
func (d *deriver) endpointENIs() {
	for _, ep := range sortedByID(d.s.VPCEndpoints) {
		if ep.Type == EndpointGateway || len(ep.ENIs) > 0 {
			continue
		}
		kind, sgs := OwnerInterfaceEndpoint, d.sgIDs(ep.SecurityGroups)
		if ep.Type == EndpointGWLB {
			kind, sgs = OwnerGWLBEndpoint, nil
		} else if len(sgs) == 0 {
			if def := d.defaultSG(d.vpcID(ep.VPC)); def != "" {
				sgs = []string{def}
			}
		}
		for _, sub := range ep.Subnets {
			sp := eniSpec{owner: &ep.Meta, subnet: sub, sgs: sgs, kind: kind, ifType: "vpc_endpoint", srcDst: true,
				desc: "VPC Endpoint Interface " + ep.ID, idParts: []string{"vpce", ep.ID, sub},
				note: "endpoint network interface that AWS creates in each chosen subnet (R7.7)"}
			if e := d.addENI(sp); e != nil {
				ep.ENIs = append(ep.ENIs, e.ID)
			}
		}
	}
}

// resolverENIs gives every Resolver endpoint address its ENI (R10.15, R10.16).
func (d *deriver) resolverENIs() {
	for _, r := range sortedByID(d.s.ResolverEndpoints) {
		for i := range r.IPs {
			ip := &r.IPs[i]
			if ip.ENI != "" {
				continue
			}
			sp := eniSpec{owner: &r.Meta, subnet: ip.Subnet, ip: ip.IP, sgs: d.sgIDs(r.SecurityGroups), kind: OwnerResolverEndpoint,
				srcDst: true, desc: "Route 53 Resolver: " + r.ID, idParts: []string{"rslvr", r.ID, ip.Subnet, ip.IP.String(), fmt.Sprint(i)},
				note: "network interface that Route 53 Resolver creates for each endpoint address (R10.15)"}
			if e := d.addENI(sp); e != nil {
				ip.ENI, ip.IP = e.ID, e.PrimaryIP()
			}
		}
	}
}

// natENIs gives every NAT gateway its ENI (no SGs, R2.1; source/dest check off).
func (d *deriver) natENIs() {
	for _, n := range sortedByID(d.s.NATGateways) {
		if n.ENI != "" {
			continue
		}
		var pub netip.Addr
		if n.Public && len(n.PublicIPs) > 0 {
			pub = n.PublicIPs[0]
		}
		sp := eniSpec{owner: &n.Meta, subnet: n.Subnet, ip: n.PrivateIP, public: pub, kind: OwnerNATGateway, ifType: "nat_gateway",
			desc: "Interface for NAT Gateway " + n.ID, idParts: []string{"nat", n.ID},
			note: "network interface that AWS creates for the NAT gateway in its subnet (R8.10)"}
		if e := d.addENI(sp); e != nil {
			n.ENI, n.PrivateIP = e.ID, e.PrimaryIP()
			if n.VPC == "" {
				n.VPC = e.VPC
			}
		}
	}
}

// lbENIs gives every load balancer node its ENI, carrying the LB's SGs (R2.1).
func (d *deriver) lbENIs() {
	for _, lb := range sortedByID(d.s.LoadBalancers) {
		for i := range lb.Nodes {
			n := &lb.Nodes[i]
			if n.ENI != "" {
				continue
			}
			sp := eniSpec{owner: &lb.Meta, subnet: n.Subnet, ip: n.PrivateIP, public: n.PublicIP, sgs: d.sgIDs(lb.SecurityGroups),
				kind: OwnerLoadBalancer, srcDst: true, desc: "ELB " + lb.Label(), idParts: []string{"lb", lb.ID, n.Subnet, fmt.Sprint(i)},
				note: "network interface that Elastic Load Balancing creates in each enabled subnet (R8.10)"}
			// A dump that lists no network interfaces hides the nodes'
			// real addresses: no placeholder then (the answer is unknown).
			placeholder := !sp.public.IsValid() && internetFacing(lb) && !d.enisUnlisted(lb.VPC)
			if placeholder {
				sp.public = placeholderPublic("lb/" + lb.ID + "/" + n.Subnet + "/" + fmt.Sprint(i))
			}
			if e := d.addENI(sp); e != nil {
				n.ENI, n.PrivateIP = e.ID, e.PrimaryIP()
				if placeholder {
					n.PublicIP = sp.public
					e.Assume(fmt.Sprintf("public IP %s: an internet-facing load balancer's node gets a public address from AWS in each subnet; the real one is known only after deployment (placeholder from 198.18.0.0/15, R8.10)", sp.public))
				}
			}
		}
	}
}

// enisUnlisted reports whether the input left out the network interfaces of vpc.
func (d *deriver) enisUnlisted(vpc string) bool {
	for _, v := range d.s.VPCs {
		if v.ID == vpc || v.Name == vpc {
			return v.IsUnlisted(UnlistedENIs)
		}
	}
	return false
}

// internetFacing reports whether lb's nodes get public IPv4 addresses: an
// internet-facing Application or Network Load Balancer (a Gateway Load
// Balancer has none; a dual-stack-without-IPv4 one is not modelled here).
func internetFacing(lb *LoadBalancer) bool {
	return strings.EqualFold(lb.Scheme, "internet-facing") && !strings.EqualFold(lb.Type, "gateway")
}

// placeholderPublic is a deterministic address from 198.18.0.0/15 (RFC
// 2544: never a real host) for a public IP AWS assigns at deployment.
func placeholderPublic(key string) netip.Addr {
	h := sha256.Sum256([]byte(key))
	return netip.AddrFrom4([4]byte{198, 18 + h[0]&1, h[1], 1 + h[2]%254})
}

// vpcLinkENIs gives VPC links V2 one ENI per subnet with the link's SGs (R8.8).
func (d *deriver) vpcLinkENIs() {
	have := map[string]bool{}
	for _, e := range d.s.ENIs {
		if e.OwnerKind == OwnerVPCLink {
			have[e.OwnerID+"|"+e.Subnet] = true
		}
	}
	for _, l := range sortedByID(d.s.VPCLinks) {
		if strings.EqualFold(l.Version, "REST_V1") || strings.EqualFold(l.Version, "V1") {
			continue
		}
		for _, ref := range l.Subnets {
			subID := ref
			if sub, ok := d.subnet(ref); ok {
				subID = sub.ID
			}
			if have[l.ID+"|"+subID] {
				continue
			}
			sp := eniSpec{owner: &l.Meta, subnet: ref, sgs: d.sgIDs(l.SecurityGroups), kind: OwnerVPCLink, srcDst: true,
				desc: "VPC Link ENI " + l.ID, idParts: []string{"vpclink", l.ID, subID},
				note: "network interface that API Gateway creates for the VPC link in each chosen subnet (R8.8)"}
			if d.addENI(sp) != nil {
				have[l.ID+"|"+subID] = true
			}
		}
	}
}
