package viz

import (
	"sort"
	"strings"
)

// finish resolves edge ends to drawn nodes, drops what cannot be drawn,
// prunes unconnected outside nodes and empty clusters, and fills the legend.
func (b *builder) finish() {
	b.d.sortTree()
	var edges []*Edge
	seen := map[string]bool{}
	for _, e := range b.d.Edges {
		from, ltail, ok1 := b.resolve(e.From)
		to, lhead, ok2 := b.resolve(e.To)
		if !ok1 || !ok2 || from == to {
			continue
		}
		e.From, e.To, e.LTail, e.LHead = from, to, ltail, lhead
		key := e.From + "|" + e.To + "|" + e.Label + "|" + e.kind
		if seen[key] && !b.overview { // the overview counts them
			continue
		}
		seen[key] = true
		edges = append(edges, e)
	}
	b.d.Edges = dropCovered(edges)
	if b.overview {
		b.countLinks()
	}
	b.pruneOutside()
	b.d.Root.prune()
	b.legend()
}

// dropCovered drops the API line a call's HTTPS path edge runs along
// (endpoint → API): two labels on one line overlap. Network links stay.
func dropCovered(edges []*Edge) []*Edge {
	onPath := map[[2]string]bool{}
	for _, e := range edges {
		if e.Order > 0 {
			onPath[[2]string{e.From, e.To}] = true
			onPath[[2]string{e.To, e.From}] = true
		}
	}
	if len(onPath) == 0 {
		return edges
	}
	kept := edges[:0]
	for _, e := range edges {
		if e.Order == 0 && e.kind == lAPI && onPath[[2]string{e.From, e.To}] {
			continue
		}
		kept = append(kept, e)
	}
	return kept
}

// resolve maps a reference to a drawn node, and for a whole expanded VPC the
// cluster to clip the edge at.
func (b *builder) resolve(ref string) (node, cluster string, ok bool) {
	if v, isVPC := strings.CutPrefix(ref, "vpc:"); isVPC {
		switch b.mode[v] {
		case expanded:
			if n := b.cluster[v].firstNode(); n != nil {
				return n.ID, "vpc_" + v, true
			}
		case collapsed:
			return v, "", true
		case grouped:
			return b.group[v], "", true
		}
		return "", "", false
	}
	if c, isCluster := strings.CutPrefix(ref, "cluster:"); isCluster {
		if cl := b.d.Root.find(c); cl != nil {
			if n := cl.firstNode(); n != nil {
				return n.ID, c, true
			}
		}
		return "", "", false
	}
	if b.nodes[ref] != nil {
		return ref, "", true
	}
	if n := b.eniNode[ref]; n != "" {
		return n, "", true
	}
	if n := b.ownerNode[ref]; n != "" {
		return n, "", true
	}
	// A resource inside a collapsed VPC is drawn by the VPC's box.
	if r, found := b.ix.ByID(ref); found {
		if v := vpcOf(b, r); v != "" && b.mode[v] == collapsed {
			return v, "", true
		} else if v != "" && b.mode[v] == grouped {
			return b.group[v], "", true
		}
	}
	return "", "", false
}

// pruneOutside drops nodes outside VPCs (transit gateways, sites, the internet)
// that no edge connects to a VPC. Without a focus, sites and transit gateways
// stay even when unconnected: they are part of the estate.
func (b *builder) pruneOutside() {
	inside := map[string]bool{}
	for id, path := range b.d.nodeSet() {
		for _, c := range path {
			if strings.HasPrefix(c.ID, "vpc_") {
				inside[id] = true
			}
		}
		if b.mode[id] == collapsed || b.nodes[id] != nil && b.nodes[id].Kind == kVPCGroup {
			inside[id] = true
		}
	}
	adj := map[string][]string{}
	for _, e := range b.d.Edges {
		adj[e.From] = append(adj[e.From], e.To)
		adj[e.To] = append(adj[e.To], e.From)
	}
	reach := map[string]bool{}
	var queue []string
	for id := range inside {
		reach[id] = true
		queue = append(queue, id)
	}
	sort.Strings(queue)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, m := range adj[n] {
			if !reach[m] {
				reach[m] = true
				queue = append(queue, m)
			}
		}
	}
	keep := func(n *Node) bool {
		if reach[n.ID] {
			return true
		}
		return b.focusID == "" && n.ID != internetID
	}
	var walk func(c *Cluster)
	walk = func(c *Cluster) {
		kept := c.Nodes[:0]
		for _, n := range c.Nodes {
			if keep(n) {
				kept = append(kept, n)
			} else {
				delete(b.nodes, n.ID)
			}
		}
		c.Nodes = kept
		for _, s := range c.Clusters {
			walk(s)
		}
	}
	walk(b.d.Root)
	edges := b.d.Edges[:0]
	for _, e := range b.d.Edges {
		if b.nodes[e.From] != nil && b.nodes[e.To] != nil {
			edges = append(edges, e)
		}
	}
	b.d.Edges = edges
}

// legend lists the node and link kinds drawn, in a fixed order.
func (b *builder) legend() {
	b.d.Legend = nil
	for _, k := range legendOrder {
		if b.usedKinds[k] && b.hasKind(k) {
			b.d.Legend = append(b.d.Legend, LegendEntry{Text: nodeLegend[k], Style: nodeStyles[k]})
		}
	}
	links := map[string]bool{}
	for _, e := range b.d.Edges {
		links[e.kind] = true
	}
	for _, k := range edgeLegendOrder {
		if links[k] {
			b.d.Legend = append(b.d.Legend, LegendEntry{Text: edgeLegend[k], Style: edgeStyles[k], Edge: true})
		}
	}
}

func (b *builder) hasKind(k string) bool {
	for _, n := range b.nodes {
		if n.Style.Shape == nodeStyles[k].Shape && n.Style.Fill == nodeStyles[k].Fill {
			return true
		}
	}
	return false
}
