package report

import (
	"sort"

	"github.com/netverify/netverify/model"
)

// Node is one box of the report's topology: a container (account, VPC,
// Availability Zone, subnet, site) or a resource in one.
type Node struct {
	ID     string `json:"id"`
	Kind   string `json:"kind"`
	Label  string `json:"label"`
	Parent string `json:"parent,omitempty"`
	// Source is where the input defines the resource (file:line:col).
	Source string `json:"source,omitempty"`
}

// Edge is a line between two nodes: a route (with its destination), an
// attachment, a peering, a VPN or a link.
type Edge struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Kind   string `json:"kind"`
	Label  string `json:"label,omitempty"`
}

// Topology is what the report draws. Aliases map the IDs the answers name
// that are not drawn as nodes of their own (an instance's interfaces, a
// NAT gateway's interface) to the node that stands for them.
type Topology struct {
	Nodes   []Node            `json:"nodes"`
	Edges   []Edge            `json:"edges"`
	Aliases map[string]string `json:"aliases,omitempty"`
}

// topo builds a Topology, keeping each node and edge once.
type topo struct {
	t     Topology
	nodes map[string]bool
	edges map[[3]string]int
}

// BuildTopology draws snap: accounts hold VPCs, VPCs hold Availability
// Zones, zones hold subnets, subnets hold instances, interfaces and NAT
// gateways; gateways, endpoints, load balancers and functions sit in their
// VPC; transit gateways, sites, APIs and the internet sit outside. Route
// edges go from each subnet to the targets of its route table.
func BuildTopology(snap *model.Snapshot) Topology {
	b := &topo{t: Topology{Aliases: map[string]string{}}, nodes: map[string]bool{}, edges: map[[3]string]int{}}
	b.containers(snap)
	b.resources(snap)
	b.routes(snap)
	b.links(snap)
	sort.SliceStable(b.t.Edges, func(i, j int) bool {
		x, y := b.t.Edges[i], b.t.Edges[j]
		if x.Source != y.Source {
			return x.Source < y.Source
		}
		return x.Target < y.Target
	})
	return b.t
}

func (b *topo) node(n Node) {
	if n.ID == "" || b.nodes[n.ID] {
		return
	}
	if n.Parent != "" && !b.nodes[n.Parent] {
		n.Parent = ""
	}
	b.nodes[n.ID] = true
	b.t.Nodes = append(b.t.Nodes, n)
}

// res is a node for a resource, labelled by its name (else its ID).
func (b *topo) res(m *model.Meta, kind, parent string) {
	b.node(Node{ID: m.ID, Kind: kind, Label: label(m), Parent: parent, Source: m.Source.String()})
}

func label(m *model.Meta) string {
	if m.Name != "" && m.Name != m.ID {
		return m.Name + "\n" + m.ID
	}
	return m.ID
}

func (b *topo) edge(src, dst, kind, lbl string) {
	src, dst = b.drawn(src), b.drawn(dst)
	if src == "" || dst == "" || src == dst || !b.nodes[src] || !b.nodes[dst] {
		return
	}
	k := [3]string{src, dst, kind}
	if i, ok := b.edges[k]; ok {
		if lbl != "" && len(b.t.Edges[i].Label) < 60 {
			b.t.Edges[i].Label += ", " + lbl
		}
		return
	}
	b.edges[k] = len(b.t.Edges)
	b.t.Edges = append(b.t.Edges, Edge{Source: src, Target: dst, Kind: kind, Label: lbl})
}

// drawn is the node that stands for id.
func (b *topo) drawn(id string) string {
	if a, ok := b.t.Aliases[id]; ok {
		return a
	}
	return id
}

func (b *topo) alias(id, to string) {
	if id != "" && id != to {
		b.t.Aliases[id] = to
	}
}

// containers adds accounts, VPCs, zones and subnets.
func (b *topo) containers(snap *model.Snapshot) {
	accounts := map[string]bool{}
	for _, a := range snap.Accounts {
		b.res(&a.Meta, "account", "")
		accounts[a.ID] = true
	}
	for _, v := range snap.VPCs {
		if v.Account != "" && !accounts[v.Account] {
			b.node(Node{ID: v.Account, Kind: "account", Label: "account " + v.Account})
			accounts[v.Account] = true
		}
		b.res(&v.Meta, "vpc", v.Account)
	}
	for _, s := range snap.Subnets {
		parent := s.VPC
		if s.AZ != "" {
			parent = s.VPC + "/" + s.AZ
			b.node(Node{ID: parent, Kind: "az", Label: s.AZ, Parent: s.VPC})
		}
		b.res(&s.Meta, "subnet", parent)
	}
	for _, site := range snap.Sites {
		b.res(&site.Meta, "site", "")
	}
}

// resources adds what sits in the containers.
func (b *topo) resources(snap *model.Snapshot) {
	for _, i := range snap.Instances {
		b.res(&i.Meta, "instance", i.Subnet)
		for _, e := range i.ENIs {
			b.alias(e, i.ID)
		}
	}
	for _, n := range snap.NATGateways {
		b.res(&n.Meta, "nat", n.Subnet)
		b.alias(n.ENI, n.ID)
	}
	for _, g := range snap.InternetGateways {
		parent := ""
		if len(g.VPCs) == 1 {
			parent = g.VPCs[0]
		}
		b.res(&g.Meta, "igw", parent)
	}
	for _, g := range snap.EgressOnlyIGWs {
		b.res(&g.Meta, "eigw", g.VPC)
	}
	for _, e := range snap.VPCEndpoints {
		b.res(&e.Meta, "endpoint", e.VPC)
		for _, id := range e.ENIs {
			b.alias(id, e.ID)
		}
	}
	for _, lb := range snap.LoadBalancers {
		b.res(&lb.Meta, "load-balancer", lb.VPC)
		for _, n := range lb.Nodes {
			b.alias(n.ENI, lb.ID)
		}
	}
	for _, f := range snap.LambdaFunctions {
		b.res(&f.Meta, "lambda", f.VPC)
	}
	for _, r := range snap.ResolverEndpoints {
		b.res(&r.Meta, "resolver-endpoint", r.VPC)
	}
	for _, f := range snap.NetworkFirewalls {
		b.node(Node{ID: f.ID, Kind: "network-firewall", Label: f.ID, Parent: f.VPC, Source: f.Source.String()})
	}
	b.outside(snap)
	b.enis(snap)
}

// outside adds what no VPC holds: transit and VPN gateways, on-premises
// hosts, APIs and the internet.
func (b *topo) outside(snap *model.Snapshot) {
	b.node(Node{ID: "internet", Kind: "internet", Label: "internet"})
	for _, t := range snap.TransitGateways {
		b.res(&t.Meta, "tgw", "")
	}
	for _, g := range snap.VPNGateways {
		b.res(&g.Meta, "vgw", "")
	}
	for _, g := range snap.CustomerGateways {
		b.res(&g.Meta, "customer-gateway", "")
	}
	for _, g := range snap.DXGateways {
		b.res(&g.Meta, "dx-gateway", "")
	}
	for _, d := range snap.DNSServers {
		b.res(&d.Meta, "dns-server", d.Site)
	}
	for _, c := range snap.Clients {
		b.res(&c.Meta, "client", c.Location)
	}
	for _, a := range snap.RestAPIs {
		b.res(&a.Meta, "rest-api", "")
	}
	for _, a := range snap.HTTPAPIs {
		b.res(&a.Meta, "http-api", "")
	}
	for _, l := range snap.VPCLinks {
		b.res(&l.Meta, "vpc-link", "")
	}
}

// enis draws the interfaces no drawn resource stands for, in their subnet.
func (b *topo) enis(snap *model.Snapshot) {
	for _, e := range snap.ENIs {
		if _, ok := b.t.Aliases[e.ID]; ok || b.nodes[e.ID] {
			continue
		}
		if e.OwnerID != "" && b.nodes[e.OwnerID] {
			b.alias(e.ID, e.OwnerID)
			continue
		}
		b.res(&e.Meta, "eni", e.Subnet)
	}
}

// routes draws, for each subnet, an edge to every target of its route table
// (the explicit association, else the VPC's main table), labelled with the
// destinations.
func (b *topo) routes(snap *model.Snapshot) {
	explicit := map[string]*model.RouteTable{}
	main := map[string]*model.RouteTable{}
	for _, rt := range snap.RouteTables {
		for _, a := range rt.Associations {
			if a.Main {
				main[rt.VPC] = rt
			}
			if a.Subnet != "" {
				explicit[a.Subnet] = rt
			}
		}
	}
	for _, s := range snap.Subnets {
		rt := explicit[s.ID]
		if rt == nil {
			rt = main[s.VPC]
		}
		if rt == nil {
			continue
		}
		for _, r := range rt.Routes {
			if r.Target.Kind == model.TargetLocal || r.Target.ID == "" {
				continue
			}
			dst := r.DestPrefixList
			if r.Destination.IsValid() {
				dst = r.Destination.String()
			}
			target := r.Target.ID
			if r.Target.Kind == model.TargetIGW {
				b.edge(target, "internet", "link", "")
			}
			b.edge(s.ID, target, "route", dst)
		}
	}
}

// links draws attachments, peerings, VPNs, Direct Connect and API links.
func (b *topo) links(snap *model.Snapshot) {
	for _, p := range snap.PeeringConnections {
		b.edge(p.Requester.VPC, p.Accepter.VPC, "peering", p.ID)
	}
	for _, a := range snap.TGWAttachments {
		if len(a.Subnets) > 0 {
			for _, s := range a.Subnets {
				b.edge(a.TGW, s, "attachment", a.ID)
			}
			continue
		}
		b.edge(a.TGW, a.ResourceID, "attachment", a.ID)
	}
	for _, g := range snap.VPNGateways {
		for _, v := range g.VPCs {
			b.edge(g.ID, v, "attachment", "")
		}
	}
	for _, c := range snap.VPNConnections {
		b.edge(c.CustomerGateway, c.VPNGateway, "vpn", c.ID)
		b.edge(c.CustomerGateway, c.TransitGateway, "vpn", c.ID)
	}
	for _, site := range snap.Sites {
		for _, l := range site.Links {
			b.edge(site.ID, l.Ref, "link", l.Kind)
		}
		if site.InternetAccess {
			b.edge(site.ID, "internet", "link", "")
		}
	}
	for _, f := range snap.LambdaFunctions {
		for _, s := range f.Subnets {
			b.edge(f.ID, s, "attachment", "")
		}
	}
	for _, a := range snap.RestAPIs {
		for _, id := range a.VPCEndpointIDs {
			b.edge(id, a.ID, "link", "")
		}
		for _, in := range a.Integrations {
			b.edge(a.ID, in.ConnectionID, "integration", in.Type)
		}
	}
	for _, a := range snap.HTTPAPIs {
		for _, in := range a.Integrations {
			b.edge(a.ID, in.ConnectionID, "integration", in.Type)
		}
	}
	for _, l := range snap.VPCLinks {
		for _, t := range l.TargetARNs {
			b.edge(l.ID, t, "link", "")
		}
		for _, s := range l.Subnets {
			b.edge(l.ID, s, "attachment", "")
		}
	}
}
