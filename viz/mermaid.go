package viz

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// WriteMermaid writes d as a Mermaid flowchart for Markdown documents:
// clusters become subgraphs, kinds become classes. The legend is left out
// (Mermaid has no room for it); node shapes follow the kind where Mermaid has one.
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
	var styles []string
	for i, e := range d.Edges {
		arrow := "-->"
		if e.Undirected {
			arrow = "---"
		}
		if e.Label != "" {
			fmt.Fprintf(b, "  %s %s|\"%s\"| %s\n", ids.of(e.From), arrow, mmText(e.Label), ids.of(e.To))
		} else {
			fmt.Fprintf(b, "  %s %s %s\n", ids.of(e.From), arrow, ids.of(e.To))
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
	st := "fill:" + or(n.Style.Fill, "#fff") + ",stroke:" + or(n.Style.Color, "#333")
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
