// Package viz draws netverify snapshots for design reviews: nested clusters
// account → region → VPC → availability zone → subnet, interfaces grouped by
// owner, gateways at the VPC edge and the links between VPCs, on-premises
// sites and the internet, and how traffic flows: route tables with their
// routes to each next hop (labelled with the destinations), API Gateway and
// its integrations, load balancer targets, DNS forwarding. A reachability
// answer can be laid over the picture, each hop labelled with what it is.
// Large estates are drawn as an overview (overview.go).
//
// TopologyGraph and PathGraph give the same picture as typed data (graph.go)
// for drawings that do not use Graphviz.
//
// The DOT text is written here, sorted and escaped, so the same snapshot always
// gives the same bytes (golden-tested); SVG is rendered from that text by the
// pure-Go (WebAssembly) Graphviz of github.com/goccy/go-graphviz, and a Mermaid
// flowchart is written for Markdown documents.
package viz

import (
	"sort"
	"strings"
)

// Diagram is the drawing-independent picture: clusters of nodes and edges.
// Writers (DOT, Mermaid) read it; builders (topology, path overlay) fill it.
type Diagram struct {
	Title string
	Root  *Cluster
	Edges []*Edge
	// Legend lists the styles used, one entry per kind, in the order shown.
	Legend []LegendEntry
}

// Cluster is a box around nodes: an account, region, VPC, zone or subnet.
type Cluster struct {
	ID    string
	Label string
	// Kind is what the box stands for: account, region, vpc, zone, subnet, on-premises.
	Kind string
	// Resource is the model ID of the VPC or subnet the box draws ("" for others).
	Resource string
	Style    Style
	Clusters []*Cluster
	Nodes    []*Node
}

// Node is one drawn thing: a group of interfaces, a gateway, a site.
type Node struct {
	ID    string
	Label string
	// Kind is what the node stands for (one of the NodeKind values of graph.go).
	Kind string
	// Resources are the model IDs the node draws: the owner first, then its interfaces.
	Resources []string
	Style     Style
	// Tooltip shows in SVG viewers on hover (the full IDs).
	Tooltip string
}

// Edge is a line between two nodes; LTail/LHead clip it at a cluster border
// (used for links that belong to a whole VPC, such as peering).
type Edge struct {
	From, To     string
	LTail, LHead string
	Label        string
	Style        Style
	// Order keeps path hops in walk order; 0 for topology edges.
	Order int
	// Undirected links (peering, VPN) draw without arrow heads.
	Undirected bool
	kind       string // link kind (lPeering, lForward, ...) for the legend
	// inline keeps the label on the line (the overview's counts) instead of
	// a text node outside every box.
	inline bool
}

// Style is what a kind looks like.
type Style struct {
	Shape, Fill, Color, Line string // Line: solid, dashed, dotted, bold
	Pen                      float64
	FontColor                string
}

// LegendEntry explains one node or edge style.
type LegendEntry struct {
	Text  string
	Style Style
	Edge  bool
}

// sortTree orders clusters and nodes by ID and edges by (order, from, to, label),
// so output never depends on map iteration.
func (d *Diagram) sortTree() {
	var walk func(c *Cluster)
	walk = func(c *Cluster) {
		sort.SliceStable(c.Clusters, func(i, j int) bool { return c.Clusters[i].ID < c.Clusters[j].ID })
		sort.SliceStable(c.Nodes, func(i, j int) bool { return c.Nodes[i].ID < c.Nodes[j].ID })
		for _, s := range c.Clusters {
			walk(s)
		}
	}
	walk(d.Root)
	sort.SliceStable(d.Edges, func(i, j int) bool {
		a, b := d.Edges[i], d.Edges[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		return a.Label < b.Label
	})
}

// nodeSet returns every node ID in the tree with the chain of clusters that holds it.
func (d *Diagram) nodeSet() map[string][]*Cluster {
	out := map[string][]*Cluster{}
	var walk func(c *Cluster, path []*Cluster)
	walk = func(c *Cluster, path []*Cluster) {
		path = append(path[:len(path):len(path)], c)
		for _, n := range c.Nodes {
			out[n.ID] = path
		}
		for _, s := range c.Clusters {
			walk(s, path)
		}
	}
	walk(d.Root, nil)
	return out
}

// find returns the cluster with id, or nil.
func (c *Cluster) find(id string) *Cluster {
	if c.ID == id {
		return c
	}
	for _, s := range c.Clusters {
		if f := s.find(id); f != nil {
			return f
		}
	}
	return nil
}

// firstNode returns the first node (in sorted order) anywhere under c.
func (c *Cluster) firstNode() *Node {
	if len(c.Nodes) > 0 {
		return c.Nodes[0]
	}
	for _, s := range c.Clusters {
		if n := s.firstNode(); n != nil {
			return n
		}
	}
	return nil
}

// prune drops clusters without nodes, bottom up.
func (c *Cluster) prune() bool {
	kept := c.Clusters[:0]
	for _, s := range c.Clusters {
		if s.prune() {
			kept = append(kept, s)
		}
	}
	c.Clusters = kept
	return len(c.Nodes) > 0 || len(c.Clusters) > 0
}

// child returns the sub-cluster id of c, creating it with label and style.
func (c *Cluster) child(id, label string, st Style) *Cluster {
	for _, s := range c.Clusters {
		if s.ID == id {
			return s
		}
	}
	kind, res, _ := strings.Cut(id, "_")
	switch kind {
	case "acct":
		kind, res = "account", ""
	case "reg":
		kind, res = "region", ""
	case "az":
		kind, res = "zone", ""
	case "sn":
		kind = "subnet"
	case onPremID:
		kind = "on-premises"
	}
	s := &Cluster{ID: id, Label: label, Style: st, Kind: kind, Resource: res}
	c.Clusters = append(c.Clusters, s)
	return s
}

// lines joins non-empty label lines.
func lines(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n")
}
