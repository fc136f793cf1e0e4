package viz

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// WriteMermaid writes d as a Mermaid flowchart for Markdown documents:
// clusters become subgraphs, each node and link carries its kind's colours,
// node shapes follow the kind where Mermaid has one, and a "Legend" subgraph
// lists the kinds drawn (one swatch per node kind, one coloured line per link
// kind), in the same fixed order as the DOT legend.
func WriteMermaid(w io.Writer, d *Diagram) error {
	d.sortTree()
	b := &strings.Builder{}
	fmt.Fprintf(b, "---\ntitle: \"%s\"\n---\nflowchart LR\n", strings.ReplaceAll(mmText(d.Title), "<br/>", " "))
	ids := mmIDs{}
	for _, c := range d.Root.Clusters {
		writeMMCluster(b, c, ids, "  ")
	}
	for _, n := range d.Root.Nodes {
		writeMMNode(b, n, ids, "  ")
	}
	writeMMLegend(b, d.Legend)
	var styles []string
	for i, e := range d.Edges {
		arrow := "-->"
		if e.Undirected {
			arrow = "---"
		}
		from, to := mmEnd(ids, e.From, e.LTail), mmEnd(ids, e.To, e.LHead)
		if e.Label != "" {
			fmt.Fprintf(b, "  %s %s|\"%s\"| %s\n", from, arrow, mmText(e.Label), to)
		} else {
			fmt.Fprintf(b, "  %s %s %s\n", from, arrow, to)
		}
		st := "stroke:" + or(e.Style.Color, "#333")
		if e.Style.Pen > 0 {
			st += fmt.Sprintf(",stroke-width:%gpx", e.Style.Pen)
		}
		if e.Style.Line == "dashed" || e.Style.Line == "dotted" {
			st += ",stroke-dasharray:5 4"
		}
		styles = append(styles, fmt.Sprintf("  linkStyle %d %s", i, st))
	}
	for _, s := range styles {
		b.WriteString(s + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mmIDs maps our IDs (ARNs, "owner@subnet") to Mermaid-safe identifiers.
type mmIDs map[string]string

var mmUnsafe = regexp.MustCompile(`[^A-Za-z0-9_]`)

func (m mmIDs) of(id string) string {
	if s, ok := m[id]; ok {
		return s
	}
	s := "n_" + mmUnsafe.ReplaceAllString(id, "_")
	for taken := true; taken; {
		taken = false
		for _, v := range m {
			if v == s {
				s += "_"
				taken = true
				break
			}
		}
	}
	m[id] = s
	return s
}

func writeMMCluster(b *strings.Builder, c *Cluster, ids mmIDs, in string) {
	fmt.Fprintf(b, "%ssubgraph %s[\"%s\"]\n", in, ids.of("cluster_"+c.ID), mmText(c.Label))
	for _, s := range c.Clusters {
		writeMMCluster(b, s, ids, in+"  ")
	}
	for _, n := range c.Nodes {
		writeMMNode(b, n, ids, in+"  ")
	}
	fmt.Fprintf(b, "%send\n", in)
	fmt.Fprintf(b, "%sstyle %s fill:%s,stroke:%s\n", in, ids.of("cluster_"+c.ID), or(c.Style.Fill, "#fff"), or(c.Style.Color, "#888"))
}

func writeMMNode(b *strings.Builder, n *Node, ids mmIDs, in string) {
	open, close := mmShape(n.Style.Shape)
	id := ids.of(n.ID)
	fmt.Fprintf(b, "%s%s%s\"%s\"%s\n", in, id, open, mmText(n.Label), close)
	st := "fill:" + mmColor(n.Style.Fill, "#fff") + ",stroke:" + mmColor(n.Style.Color, "#333")
	if n.Style.FontColor != "" {
		st += ",color:" + mmColor(n.Style.FontColor, "#333")
	}
	if n.Style.Pen > 0 {
		st += fmt.Sprintf(",stroke-width:%gpx", n.Style.Pen)
	}
	fmt.Fprintf(b, "%sstyle %s %s\n", in, id, st)
}

func mmShape(shape string) (string, string) {
	switch shape {
	case "ellipse":
		return "([", "])"
	case "hexagon", "octagon", "doubleoctagon":
		return "{{", "}}"
	case "cylinder", "cds":
		return "[(", ")]"
	case "invhouse", "house":
		return "[/", "\\]"
	case "invtrapezium":
		return "[\\", "/]"
	}
	return "[", "]"
}

// mmText escapes a label: quotes as entities, newlines as <br/>.
func mmText(s string) string {
	s = strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;").Replace(s)
	return strings.ReplaceAll(s, "\n", "<br/>")
}

// writeMMLegend draws the legend as a subgraph of unconnected nodes: node
// kinds in their own shape and colours, link kinds as a line sample in the
// link's colour. It adds no links, so linkStyle indexes stay those of d.Edges.
func writeMMLegend(b *strings.Builder, entries []LegendEntry) {
	if len(entries) == 0 {
		return
	}
	b.WriteString("  %% Legend: one entry per kind drawn (node shape and colours, link colour)\n")
	b.WriteString("  subgraph mm_legend[\"Legend\"]\n    direction TB\n")
	for i, e := range entries {
		id := fmt.Sprintf("mm_legend_%02d", i)
		if e.Edge {
			sample := "━━━"
			if e.Style.Line == "dashed" || e.Style.Line == "dotted" {
				sample = "╍╍╍"
			}
			fmt.Fprintf(b, "    %s[\"%s %s\"]\n", id, sample, mmText(e.Text))
			fmt.Fprintf(b, "    style %s fill:#fff,stroke:#fff,color:%s\n", id, or(e.Style.Color, "#333"))
			continue
		}
		open, close := mmShape(e.Style.Shape)
		fmt.Fprintf(b, "    %s%s\"%s\"%s\n", id, open, mmText(e.Text), close)
		fmt.Fprintf(b, "    style %s fill:%s,stroke:%s\n", id, mmColor(e.Style.Fill, "#fff"), mmColor(e.Style.Color, "#333"))
	}
	b.WriteString("  end\n  style mm_legend fill:#fff,stroke:#999\n")
}

// mmColor turns a Graphviz colour into CSS: "grayNN" (NN percent white) has
// no CSS name, so it becomes hex; "" becomes def.
func mmColor(c, def string) string {
	if c == "" {
		return def
	}
	for _, prefix := range []string{"gray", "grey"} {
		rest, ok := strings.CutPrefix(c, prefix)
		if n, err := strconv.Atoi(rest); ok && err == nil && n >= 0 && n <= 100 {
			v := (n*255 + 50) / 100
			return fmt.Sprintf("#%02x%02x%02x", v, v, v)
		}
	}
	return c
}

// mmEnd is the Mermaid end of an edge: the subgraph when the edge belongs to
// a whole cluster (DOT clips it there with ltail/lhead; Mermaid links
// subgraphs directly), else the node.
func mmEnd(ids mmIDs, node, cluster string) string {
	if cluster != "" {
		return ids.of("cluster_" + cluster)
	}
	return ids.of(node)
}
