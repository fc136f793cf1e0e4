package model

import (
	"errors"
	"sort"

	"github.com/dominikbraun/graph"
)

// Relation names how two resources are connected in the resource graph.
type Relation string

const (
	RelContains       Relation = "contains"        // VPC contains subnet, subnet contains ENI
	RelAttachedTo     Relation = "attached-to"     // IGW attached to VPC, ENI attached to instance
	RelRoutesTo       Relation = "routes-to"       // route table routes to a gateway
	RelAssociatedWith Relation = "associated-with" // route table or NACL with subnet, zone with VPC
	RelPeersWith      Relation = "peers-with"      // peering, TGW peering, links to on-premises
)

// Topology is the resource graph: vertices are resources (keyed by ID),
// directed edges carry every relation between the pair.
type Topology struct {
	G graph.Graph[string, Resource]
}

// Relations returns the relations on the edge from a to b, sorted.
func (t *Topology) Relations(a, b string) []Relation {
	e, err := t.G.Edge(a, b)
	if err != nil {
		return nil
	}
	rels := *(e.Properties.Data.(*[]Relation))
	out := append([]Relation(nil), rels...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// Neighbours returns the IDs adjacent to id (either direction), sorted.
func (t *Topology) Neighbours(id string) []string {
	adj, err := t.G.AdjacencyMap()
	if err != nil {
		return nil
	}
	pred, _ := t.G.PredecessorMap()
	set := map[string]bool{}
	for n := range adj[id] {
		set[n] = true
	}
	for n := range pred[id] {
		set[n] = true
	}
	out := make([]string, 0, len(set))
	for n := range set {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// BuildGraph connects the resources of s. References to resources that are not
// in the snapshot are left out (Validate reports them).
func BuildGraph(s *Snapshot) *Topology {
	g := graph.New(func(r Resource) string { return r.Base().ID }, graph.Directed())
	s.Each(func(_ *KindInfo, r Resource) {
		if r.Base().ID != "" {
			_ = g.AddVertex(r) // duplicates were reported by Dedup/Validate
		}
	})
	t := &Topology{G: g}
	b := graphBuilder{t: t}
	for _, add := range edgeRules {
		add(s, b.link)
	}
	return t
}

type graphBuilder struct{ t *Topology }

// link adds relation rel from a to b, keeping a list of relations on one edge.
func (b graphBuilder) link(a, c string, rel Relation) {
	if a == "" || c == "" || a == c {
		return
	}
	if _, err := b.t.G.Vertex(a); err != nil {
		return
	}
	if _, err := b.t.G.Vertex(c); err != nil {
		return
	}
	e, err := b.t.G.Edge(a, c)
	if err == nil {
		rels := e.Properties.Data.(*[]Relation)
		for _, r := range *rels {
			if r == rel {
				return
			}
		}
		*rels = append(*rels, rel)
		return
	}
	if errors.Is(err, graph.ErrEdgeNotFound) {
		rels := []Relation{rel}
		_ = b.t.G.AddEdge(a, c, graph.EdgeData(&rels))
	}
}

type linkFunc func(a, b string, rel Relation)

// edgeRules add the edges of one resource family each.
var edgeRules = []func(*Snapshot, linkFunc){
	func(s *Snapshot, link linkFunc) {
		for _, x := range s.Subnets {
			link(x.VPC, x.ID, RelContains)
		}
		for _, x := range s.ENIs {
			link(x.Subnet, x.ID, RelContains)
			if x.OwnerID != "" {
				link(x.ID, x.OwnerID, RelAttachedTo)
			}
			for _, sg := range x.SecurityGroups {
				link(sg, x.ID, RelAssociatedWith)
			}
		}
		for _, x := range s.SecurityGroups {
			link(x.VPC, x.ID, RelContains)
		}
	},
	func(s *Snapshot, link linkFunc) {
		for _, rt := range s.RouteTables {
			link(rt.VPC, rt.ID, RelContains)
			for _, a := range rt.Associations {
				link(rt.ID, a.Subnet, RelAssociatedWith)
				link(rt.ID, a.Gateway, RelAssociatedWith)
			}
			for _, r := range rt.Routes {
				link(rt.ID, r.Target.ID, RelRoutesTo)
			}
		}
		for _, a := range s.NetworkACLs {
			link(a.VPC, a.ID, RelContains)
			for _, sub := range a.Subnets {
				link(a.ID, sub, RelAssociatedWith)
			}
		}
	},
	func(s *Snapshot, link linkFunc) {
		for _, g := range s.InternetGateways {
			for _, v := range g.VPCs {
				link(g.ID, v, RelAttachedTo)
			}
		}
		for _, g := range s.EgressOnlyIGWs {
			link(g.ID, g.VPC, RelAttachedTo)
		}
		for _, g := range s.VPNGateways {
			for _, v := range g.VPCs {
				link(g.ID, v, RelAttachedTo)
			}
		}
		for _, n := range s.NATGateways {
			link(n.Subnet, n.ID, RelContains)
		}
		for _, e := range s.VPCEndpoints {
			link(e.VPC, e.ID, RelContains)
			for _, rt := range e.RouteTables {
				link(rt, e.ID, RelRoutesTo)
			}
		}
	},
	func(s *Snapshot, link linkFunc) {
		for _, p := range s.PeeringConnections {
			link(p.Requester.VPC, p.ID, RelPeersWith)
			link(p.ID, p.Accepter.VPC, RelPeersWith)
		}
		for _, a := range s.TGWAttachments {
			link(a.TGW, a.ID, RelContains)
			link(a.ID, a.ResourceID, RelAttachedTo)
			link(a.ID, a.Association, RelAssociatedWith)
			if a.PeerTGW != "" {
				link(a.ID, a.PeerTGW, RelPeersWith)
			}
		}
		for _, rt := range s.TGWRouteTables {
			link(rt.TGW, rt.ID, RelContains)
			for _, r := range rt.Routes {
				for _, at := range r.Attachments {
					link(rt.ID, at, RelRoutesTo)
				}
			}
		}
	},
	func(s *Snapshot, link linkFunc) {
		for _, c := range s.VPNConnections {
			link(c.CustomerGateway, c.ID, RelPeersWith)
			link(c.ID, c.VPNGateway, RelAttachedTo)
			link(c.ID, c.TransitGateway, RelAttachedTo)
		}
		for _, v := range s.VirtualInterfaces {
			link(v.ID, v.VPNGateway, RelAttachedTo)
			link(v.ID, v.DXGateway, RelAttachedTo)
		}
		for _, d := range s.DXGateways {
			for _, a := range d.Associations {
				link(d.ID, a.Gateway, RelAssociatedWith)
			}
		}
		for _, site := range s.Sites {
			for _, l := range site.Links {
				link(site.ID, l.Ref, RelPeersWith)
			}
			for _, d := range site.DNSServers {
				link(site.ID, d, RelContains)
			}
		}
		for _, c := range s.Clients {
			link(c.Location, c.ID, RelContains)
		}
	},
	func(s *Snapshot, link linkFunc) {
		for _, z := range s.HostedZones {
			for _, a := range z.VPCs {
				link(z.ID, a.VPC, RelAssociatedWith)
			}
		}
		for _, e := range s.ResolverEndpoints {
			link(e.VPC, e.ID, RelContains)
		}
		for _, r := range s.ResolverRules {
			link(r.ID, r.OutboundEndpoint, RelAttachedTo)
			for _, v := range r.VPCs {
				link(r.ID, v, RelAssociatedWith)
			}
		}
		for _, lb := range s.LoadBalancers {
			link(lb.VPC, lb.ID, RelContains)
		}
		for _, tg := range s.TargetGroups {
			for _, lb := range tg.LoadBalancers {
				link(lb, tg.ID, RelRoutesTo)
			}
		}
		for _, f := range s.LambdaFunctions {
			link(f.VPC, f.ID, RelContains)
		}
		for _, l := range s.VPCLinks {
			for _, t := range l.TargetARNs {
				link(l.ID, t, RelRoutesTo)
			}
		}
	},
}
