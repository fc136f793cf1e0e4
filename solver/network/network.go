// Package network compiles a validated model.Snapshot once into the lookup
// structures a packet walk needs: effective route tables per subnet as
// longest-prefix tables (R1.1-R1.9), NACLs sorted by rule number (R2.9-R2.11),
// security groups with resolved references (R2.4-R2.6), ENIs by address,
// gateway edge associations (R1.2), transit gateway tables (R5.4-R5.7) and what
// each virtual private gateway knows about on-premises sites (R6.3-R6.10).
package network

import (
	"fmt"
	"net/netip"
	"sort"

	"github.com/netverify/netverify/internal/gcpace"
	"github.com/netverify/netverify/model"
)

// Network is the compiled, read-only forwarding model of one snapshot.
type Network struct {
	Snap  *model.Snapshot
	Index *model.Index

	VPCs        map[string]*VPC
	Subnets     map[string]*Subnet
	ENIs        map[string]*ENI
	SGs         map[string]*SG
	PrefixLists map[string]*model.PrefixList
	NATs        map[string]*model.NATGateway
	IGWs        map[string]*model.InternetGateway
	EIGWs       map[string]*model.EgressOnlyIGW
	VGWs        map[string]*VGW
	Peerings    map[string]*model.PeeringConnection
	TGWs        map[string]*TGW
	Attachments map[string]*model.TGWAttachment
	Endpoints   map[string]*model.VPCEndpoint
	Sites       []*Site

	// public maps a public IPv4 address to the ENI whose private address it is mapped to (R3.2, R3.3).
	public map[netip.Addr]publicOwner
	// sgMembers lists the ENIs carrying each group (R2.5).
	sgMembers map[string][]*ENI
	// peerings by VPC pair.
	peerByVPC map[[2]string][]*model.PeeringConnection
	// portBounds holds, per protocol, every port where some rule's range starts or ends.
	portBounds map[model.Protocol][]uint16
	// idx holds the per-hop lookups (index.go).
	idx index
	// gwEndpoints lists gateway endpoints by route table ID (R7.1).
	gwEndpoints map[string][]*model.VPCEndpoint

	// Warnings are compile-time findings (missing defaults, ignored routes).
	Warnings []string

	unlisted unlistedFacts
}

type publicOwner struct {
	ENI     *ENI
	Private netip.Addr
}

// VPC is a compiled VPC.
type VPC struct {
	M          *model.VPC
	IGW        *model.InternetGateway
	EIGW       *model.EgressOnlyIGW
	VGW        *VGW
	MainRT     *RouteTable
	EdgeRT     map[string]*RouteTable // gateway ID -> edge-associated table (R1.2)
	DefaultACL *ACL
	TGWAttach  map[string]*model.TGWAttachment // TGW ID -> VPC attachment
	byIP       map[netip.Addr]*ENI
	Subnets    []*Subnet
}

// Subnet is a compiled subnet with its effective route table and NACL.
type Subnet struct {
	M   *model.Subnet
	VPC *VPC
	RT  *RouteTable // nil when the snapshot has neither an association nor a main table
	ACL *ACL
}

// ENI is a compiled network interface. NAT gateways get one even when the
// snapshot lists no ENI for them.
type ENI struct {
	M      *model.ENI
	Subnet *Subnet
	VPC    *VPC
	SGs    []*SG
	// MissingSGs are the interface's groups that are not in the snapshot:
	// what they allow is unknown.
	MissingSGs []string
	NAT        *model.NATGateway // set for a NAT gateway's interface
	label      string            // Label, computed once by Compile
}

// Label names the ENI for people: its owner when known, else its ID.
func (e *ENI) Label() string {
	if e.label != "" {
		return e.label
	}
	return e.computeLabel()
}

func (e *ENI) computeLabel() string {
	if e.M.OwnerID != "" && e.M.OwnerKind != model.OwnerOther {
		return e.M.OwnerID + " (" + e.M.ID + ")"
	}
	return e.M.Label()
}

// AZ returns the ENI's availability zone (its own or its subnet's).
func (e *ENI) AZ() string {
	if e.M.AZ != "" {
		return e.M.AZ
	}
	if e.Subnet != nil {
		return e.Subnet.M.AZ
	}
	return ""
}

// Compile builds the forwarding model. It never fails: what is missing is
// listed in Warnings and decided as "unknown" by the walk.
func Compile(s *model.Snapshot) *Network {
	defer gcpace.Load()()
	// The large maps are sized up front: growing (rehashing) maps of
	// 500,000 entries cost more than filling them at 10,000 VPCs.
	n := &Network{Snap: s, Index: model.IndexOf(s),
		VPCs: make(map[string]*VPC, len(s.VPCs)), Subnets: make(map[string]*Subnet, len(s.Subnets)),
		ENIs: make(map[string]*ENI, len(s.ENIs)+len(s.NATGateways)), SGs: make(map[string]*SG, len(s.SecurityGroups)),
		PrefixLists: map[string]*model.PrefixList{}, NATs: map[string]*model.NATGateway{},
		IGWs: map[string]*model.InternetGateway{}, EIGWs: map[string]*model.EgressOnlyIGW{}, VGWs: map[string]*VGW{},
		Peerings: map[string]*model.PeeringConnection{}, TGWs: map[string]*TGW{}, Attachments: map[string]*model.TGWAttachment{},
		Endpoints: map[string]*model.VPCEndpoint{}, public: map[netip.Addr]publicOwner{}, sgMembers: make(map[string][]*ENI, len(s.SecurityGroups)),
		peerByVPC: map[[2]string][]*model.PeeringConnection{}}
	for _, step := range []func(){n.compileBasics, n.compileGateways, n.compileHybrid, n.compileTables,
		n.compileSubnets, n.compileFilters, n.compileENIs, n.compileTGWs, n.compilePortBounds, n.compileIndex, n.compileUnlisted} {
		step()
	}
	return n
}

func (n *Network) warnf(format string, args ...any) {
	n.Warnings = append(n.Warnings, fmt.Sprintf(format, args...))
}

func (n *Network) compileBasics() {
	for _, v := range n.Snap.VPCs {
		n.VPCs[v.ID] = &VPC{M: v, EdgeRT: map[string]*RouteTable{}, TGWAttach: map[string]*model.TGWAttachment{}, byIP: map[netip.Addr]*ENI{}}
	}
	for _, pl := range n.Snap.PrefixLists {
		n.PrefixLists[pl.ID] = pl
	}
	for _, e := range n.Snap.VPCEndpoints {
		n.Endpoints[e.ID] = e
	}
	for _, pc := range n.Snap.PeeringConnections {
		n.Peerings[pc.ID] = pc
		k := vpcPair(pc.Requester.VPC, pc.Accepter.VPC)
		n.peerByVPC[k] = append(n.peerByVPC[k], pc)
	}
	for _, a := range n.Snap.TGWAttachments {
		n.Attachments[a.ID] = a
		if v := n.VPCs[a.ResourceID]; v != nil && a.Type == model.TGWAttachVPC && a.Available() {
			v.TGWAttach[a.TGW] = a
		}
	}
}

func vpcPair(a, b string) [2]string {
	if a > b {
		a, b = b, a
	}
	return [2]string{a, b}
}

func (n *Network) peeringsBetween(a, b *VPC) []*model.PeeringConnection {
	return n.peerByVPC[vpcPair(a.M.ID, b.M.ID)]
}

func (n *Network) compileGateways() {
	for _, g := range n.Snap.InternetGateways {
		n.IGWs[g.ID] = g
		for _, id := range g.VPCs {
			if v := n.VPCs[id]; v != nil {
				v.IGW = g
			}
		}
	}
	for _, g := range n.Snap.EgressOnlyIGWs {
		n.EIGWs[g.ID] = g
		if v := n.VPCs[g.VPC]; v != nil {
			v.EIGW = g
		}
	}
	for _, g := range n.Snap.NATGateways {
		n.NATs[g.ID] = g
	}
}

func (n *Network) compileTables() {
	for _, m := range n.Snap.RouteTables {
		v := n.VPCs[m.VPC]
		rt := n.compileRouteTable(m, v)
		for _, note := range rt.Notes {
			n.warnf("route table %s: %s", m.ID, note)
		}
		if v == nil {
			continue
		}
		for _, a := range m.Associations {
			switch {
			case a.Main:
				v.MainRT = rt
			case a.Gateway != "":
				v.EdgeRT[a.Gateway] = rt
			case a.Subnet != "":
				n.Subnets[a.Subnet] = &Subnet{RT: rt} // completed by compileSubnets
			}
		}
	}
}

func (n *Network) compileSubnets() {
	acls := map[string]*ACL{}
	for _, m := range n.Snap.NetworkACLs {
		a := compileACL(m)
		for _, sid := range m.Subnets {
			acls[sid] = a
		}
		if v := n.VPCs[m.VPC]; v != nil && m.IsDefault {
			v.DefaultACL = a
		}
	}
	for _, m := range n.Snap.Subnets {
		s := n.Subnets[m.ID]
		if s == nil {
			s = &Subnet{}
			n.Subnets[m.ID] = s
		}
		s.M, s.VPC = m, n.VPCs[m.VPC]
		if s.VPC == nil {
			continue
		}
		s.VPC.Subnets = append(s.VPC.Subnets, s)
		if s.RT == nil {
			s.RT = s.VPC.MainRT // R1.1: implicit association with the main table
		}
		s.ACL = acls[m.ID]
		if s.ACL == nil {
			s.ACL = s.VPC.DefaultACL // R2.9
		}
		if s.ACL == nil {
			s.ACL = assumedDefaultACL(m.VPC)
			s.VPC.DefaultACL = s.ACL
			n.warnf("VPC %s: no network ACL in the snapshot; assumed the default NACL (allow all, R2.10)", m.VPC)
		}
	}
	for id, s := range n.Subnets {
		if s.M == nil {
			delete(n.Subnets, id) // association to a subnet that is not in the snapshot
		}
	}
}

func (n *Network) compileFilters() {
	for _, m := range n.Snap.SecurityGroups {
		sg := &SG{M: m, VPC: n.VPCs[m.VPC], pl: map[string][]netip.Prefix{}, in: newRuleIndex(m.Ingress), out: newRuleIndex(m.Egress)}
		for _, rules := range [][]model.SGRule{m.Ingress, m.Egress} {
			for _, r := range rules {
				if pl := n.PrefixLists[r.PrefixList]; pl != nil && !pl.EntriesUnknown {
					sg.pl[r.PrefixList] = pl.Entries
				}
			}
		}
		n.SGs[m.ID] = sg
	}
}

func (n *Network) compileENIs() {
	for _, m := range n.Snap.ENIs {
		n.addENI(m)
	}
	for _, g := range n.Snap.NATGateways {
		n.addNATENI(g)
	}
	for _, eip := range n.Snap.ElasticIPs {
		if eip.PublicIP.IsValid() && eip.PrivateIP.IsValid() {
			if e := n.ENIs[eip.ENI]; e != nil {
				n.public[eip.PublicIP] = publicOwner{ENI: e, Private: eip.PrivateIP}
			}
		}
	}
}

func (n *Network) addENI(m *model.ENI) *ENI {
	e := &ENI{M: m, Subnet: n.Subnets[m.Subnet], VPC: n.VPCs[m.VPC]}
	if e.VPC == nil && e.Subnet != nil {
		e.VPC = e.Subnet.VPC
	}
	n.ENIs[m.ID] = e
	for _, id := range m.SecurityGroups {
		if sg := n.SGs[id]; sg != nil {
			e.SGs = append(e.SGs, sg)
			n.sgMembers[id] = append(n.sgMembers[id], e)
		} else {
			e.MissingSGs = append(e.MissingSGs, id)
		}
	}
	if e.VPC != nil {
		for _, ips := range [2][]netip.Addr{m.PrivateIPs, m.IPv6} {
			for _, ip := range ips {
				if _, dup := e.VPC.byIP[ip]; !dup {
					e.VPC.byIP[ip] = e
				}
			}
		}
	}
	for _, p := range m.PublicIPs {
		if p.PublicIP.IsValid() {
			n.public[p.PublicIP] = publicOwner{ENI: e, Private: p.PrivateIP}
		}
	}
	return e
}

// addNATENI links a NAT gateway to its interface, creating one when the
// snapshot has none, so the walk can deliver to and leave from it (R3.5).
func (n *Network) addNATENI(g *model.NATGateway) {
	var e *ENI
	if g.ENI != "" {
		e = n.ENIs[g.ENI]
	}
	if e == nil && g.PrivateIP.IsValid() {
		if v := n.VPCs[g.VPC]; v != nil {
			e = v.byIP[g.PrivateIP]
		}
	}
	if e == nil {
		if !g.PrivateIP.IsValid() {
			n.warnf("NAT gateway %s has no private IP in the snapshot; traffic through it cannot be followed", g.ID)
			return
		}
		m := &model.ENI{Meta: model.Meta{ID: firstNonEmpty(g.ENI, g.ID+"-eni")}, VPC: g.VPC, Subnet: g.Subnet,
			PrivateIPs: []netip.Addr{g.PrivateIP}, OwnerKind: model.OwnerNATGateway, OwnerID: g.ID}
		e = n.addENI(m)
	}
	e.NAT = g
	e.SGs, e.MissingSGs = nil, nil // NAT gateways have no security groups (R2.1, R3.5)
	for _, pub := range g.PublicIPs {
		n.public[pub] = publicOwner{ENI: e, Private: g.PrivateIP}
	}
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if x != "" {
			return x
		}
	}
	return ""
}

// ENIByIP returns the ENI that owns the private or IPv6 address ip in vpc (R1.5).
func (v *VPC) ENIByIP(ip netip.Addr) *ENI { return v.byIP[ip] }

// PublicOwner returns the ENI and private address that public ip maps to (R3.3).
func (n *Network) PublicOwner(ip netip.Addr) (*ENI, netip.Addr, bool) {
	o, ok := n.public[ip]
	return o.ENI, o.Private, ok
}

// PublicFor returns the public address mapped to the private address ip of e (R3.2).
func (n *Network) PublicFor(e *ENI, ip netip.Addr) (netip.Addr, bool) {
	if pub, ok := e.M.PublicFor(ip); ok {
		return pub, true
	}
	if e.NAT != nil && e.NAT.Public && len(e.NAT.PublicIPs) > 0 && ip == e.NAT.PrivateIP {
		return e.NAT.PublicIPs[0], true
	}
	pub, ok := n.idx.publicOf[eniAddr{e, ip}]
	return pub, ok
}

// ENIsByIP returns every ENI owning ip in any VPC, sorted by ID (several when
// VPCs overlap). The slice is shared: do not modify it.
func (n *Network) ENIsByIP(ip netip.Addr) []*ENI { return n.idx.ipOwners[ip] }

// VPCsContaining returns the VPCs whose CIDRs contain ip, sorted by ID.
func (n *Network) VPCsContaining(ip netip.Addr) []*VPC {
	var out []*VPC
	for _, vs := range n.idx.vpcCIDRs.Supernets(netip.PrefixFrom(ip, ip.BitLen())) {
		for _, v := range vs {
			if !containsVPC(out, v) {
				out = append(out, v)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].M.ID < out[j].M.ID })
	return out
}

func containsVPC(vs []*VPC, v *VPC) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// LoadBalancerOf returns the load balancer whose node e is: the first, in
// snapshot order, that owns e or lists it (or one of its addresses) as a node.
func (n *Network) LoadBalancerOf(e *ENI) *model.LoadBalancer { return n.idx.lbOf[e] }

// TargetGroups returns the target groups whose ID or ARN is ref, in snapshot order.
func (n *Network) TargetGroups(ref string) []*model.TargetGroup { return n.idx.targetGroups[ref] }

// EndpointOf returns the VPC endpoint that owns or lists e, or nil.
func (n *Network) EndpointOf(e *ENI) *model.VPCEndpoint { return n.idx.endpointOf[e] }

// ServicePorts returns the listener ports of the load balancers behind the
// endpoint service name (R7.18), nil when none is known.
func (n *Network) ServicePorts(name string) []uint16 { return n.idx.servicePorts[name] }

// InstanceENIs returns the IDs of the ENIs whose owner is instance id, sorted.
func (n *Network) InstanceENIs(id string) []string { return n.idx.instanceENIs[id] }

// AWSServiceAt names the AWS-managed prefix list (S3, DynamoDB) that holds
// ip, the first in snapshot order, or "" (R7.5).
func (n *Network) AWSServiceAt(ip netip.Addr) string {
	for _, pl := range n.idx.awsServices {
		for _, p := range pl.Entries {
			if p.Contains(ip) {
				return pl.PrefixListName
			}
		}
	}
	return ""
}

// SubnetOf returns the subnet of v containing ip, or nil.
func (v *VPC) SubnetOf(ip netip.Addr) *Subnet {
	for _, s := range v.Subnets {
		if s.M.Contains(ip) {
			return s
		}
	}
	return nil
}

// gatewayEndpointsFor lists the gateway endpoints associated with route
// table rtID, in snapshot order (indexed on first use: compile stays linear).
func (n *Network) gatewayEndpointsFor(rtID string) []*model.VPCEndpoint {
	if n.gwEndpoints == nil {
		n.gwEndpoints = map[string][]*model.VPCEndpoint{}
		for _, e := range n.Snap.VPCEndpoints {
			if e.Type != model.EndpointGateway {
				continue
			}
			for _, id := range e.RouteTables {
				n.gwEndpoints[id] = append(n.gwEndpoints[id], e)
			}
		}
	}
	return n.gwEndpoints[rtID]
}

func (n *Network) prefixListByName(name string) *model.PrefixList {
	for _, pl := range n.Snap.PrefixLists {
		if pl.PrefixListName == name {
			return pl
		}
	}
	return nil
}

// PortBounds returns, for proto, the sorted ports at which some filter's port
// range, listener or service port starts or ends+1: walking one port per
// class gives an exact answer.
func (n *Network) PortBounds(proto model.Protocol) []uint16 { return n.portBounds[proto] }

func (n *Network) compilePortBounds() {
	sets := map[model.Protocol]map[uint16]bool{model.ProtoTCP: {0: true}, model.ProtoUDP: {0: true}}
	add := func(p model.Protocol, r model.PortRange) {
		targets := []model.Protocol{p}
		if p == model.ProtoAll {
			targets = []model.Protocol{model.ProtoTCP, model.ProtoUDP}
		}
		for _, t := range targets {
			if s := sets[t]; s != nil {
				s[r.From] = true
				if r.To < 65535 {
					s[r.To+1] = true
				}
			}
		}
	}
	for _, a := range n.Snap.NetworkACLs {
		for _, e := range a.Entries {
			add(e.Protocol, e.Ports)
		}
	}
	for _, sg := range n.Snap.SecurityGroups {
		for _, rs := range [][]model.SGRule{sg.Ingress, sg.Egress} {
			for _, r := range rs {
				add(r.Protocol, r.Ports)
			}
		}
	}
	// Ports that decide outside filters: load balancer listeners (R7.19),
	// and HTTP/HTTPS, the only ports AWS service endpoints answer (R7.10).
	for _, lb := range n.Snap.LoadBalancers {
		for _, l := range lb.Listeners {
			add(model.ProtoAll, model.PortRange{From: l.Port, To: l.Port})
		}
	}
	add(model.ProtoTCP, model.PortRange{From: 80, To: 80})
	add(model.ProtoTCP, model.PortRange{From: 443, To: 443})
	for _, g := range n.Snap.NFWRuleGroups { // Network Firewall rules (R7.41)
		for _, r := range g.Rules {
			for _, pr := range append(append([]model.PortRange(nil), r.Match.DstPorts...), r.Match.SrcPorts...) {
				add(r.Match.Proto, pr)
			}
		}
	}
	n.portBounds = map[model.Protocol][]uint16{}
	for p, s := range sets {
		for port := range s {
			n.portBounds[p] = append(n.portBounds[p], port)
		}
		sort.Slice(n.portBounds[p], func(i, j int) bool { return n.portBounds[p][i] < n.portBounds[p][j] })
	}
}
