package viz

import (
	"fmt"
	"io"
	"strings"
)

// fontName is the font Graphviz measures labels with. DejaVu Sans is the
// usual sans-serif fallback on Linux and is wider than Helvetica: measured as
// Helvetica, labels overflowed their boxes when drawn (SVG viewers substitute
// DejaVu). Measured as DejaVu, they fit wherever the font or one with the same
// metrics (Verdana, Bitstream Vera) is used; see svgFonts.
const fontName = "DejaVu Sans"

// WriteDOT writes d as Graphviz DOT text. The output is deterministic: the
// diagram is sorted first and every string is escaped.
func WriteDOT(w io.Writer, d *Diagram) error {
	d.sortTree()
	b := &strings.Builder{}
	b.WriteString("digraph netverify {\n")
	fmt.Fprintf(b, "  graph [label=%s, labelloc=t, fontsize=18, fontname=%s, rankdir=LR, compound=true, newrank=true, forcelabels=true, nodesep=0.25, ranksep=0.6, splines=true];\n", quote(d.Title), quote(fontName))
	fmt.Fprintf(b, "  node [fontname=%s, fontsize=10, style=filled, margin=\"0.12,0.06\"];\n", quote(fontName))
	fmt.Fprintf(b, "  edge [fontname=%s, fontsize=9];\n", quote(fontName))
	for _, c := range d.Root.Clusters {
		writeCluster(b, c, "  ")
	}
	for _, n := range d.Root.Nodes {
		writeNode(b, n, "  ")
	}
	writeLegend(b, d.Legend)
	for i, e := range d.Edges {
		if e.Order == 0 && e.Label != "" && undirected[e.kind] && !e.inline {
			writeLabelledLink(b, e, i)
			continue
		}
		writeEdge(b, e)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func writeCluster(b *strings.Builder, c *Cluster, in string) {
	fmt.Fprintf(b, "%ssubgraph %s {\n", in, quote("cluster_"+c.ID))
	st := "filled"
	if c.Style.Line != "" && c.Style.Line != "solid" {
		st += "," + c.Style.Line
	}
	fmt.Fprintf(b, "%s  graph [label=%s, labeljust=l, style=%s, fillcolor=%s, color=%s, fontsize=11];\n",
		in, quoteLeft(c.Label), quote(st), quote(or(c.Style.Fill, "white")), quote(or(c.Style.Color, "gray50")))
	for _, s := range c.Clusters {
		writeCluster(b, s, in+"  ")
	}
	for _, n := range c.Nodes {
		writeNode(b, n, in+"  ")
	}
	fmt.Fprintf(b, "%s}\n", in)
}

func writeNode(b *strings.Builder, n *Node, in string) {
	label := quote(n.Label)
	if n.Kind == kVPCGroup {
		label = quoteLeft(n.Label) // a list of VPCs reads best aligned
	}
	attrs := []string{"label=" + label}
	attrs = append(attrs, styleAttrs(n.Style, false)...)
	if n.Tooltip != "" {
		attrs = append(attrs, "tooltip="+quote(n.Tooltip))
	}
	fmt.Fprintf(b, "%s%s [%s];\n", in, quote(n.ID), strings.Join(attrs, ", "))
}

func writeEdge(b *strings.Builder, e *Edge) {
	var attrs []string
	if e.Label != "" {
		key := "label"
		if e.Order > 0 {
			// Path edges: an external label, placed after layout where it
			// overlaps no node or other label (forward and return run
			// between the same nodes, and their labels sat on each other).
			key = "xlabel"
		}
		attrs = append(attrs, key+"="+quote(e.Label))
	}
	attrs = append(attrs, styleAttrs(e.Style, true)...)
	if e.LTail != "" {
		attrs = append(attrs, "ltail="+quote("cluster_"+e.LTail))
	}
	if e.LHead != "" {
		attrs = append(attrs, "lhead="+quote("cluster_"+e.LHead))
	}
	if e.Undirected {
		attrs = append(attrs, "dir=none")
	}
	if e.Order > 0 {
		// Path edges must not stretch the layout of the topology.
		attrs = append(attrs, "constraint=false")
	}
	fmt.Fprintf(b, "  %s -> %s [%s];\n", quote(e.From), quote(e.To), strings.Join(attrs, ", "))
}

// writeLabelledLink draws a labelled topology link (peering, VPN, Direct
// Connect...) through a small text node that belongs to no cluster. Graphviz
// keeps such a node outside every cluster box, so the label never sits on a
// VPC, region or account border, which a plain edge label does when the link
// crosses them.
func writeLabelledLink(b *strings.Builder, e *Edge, i int) {
	id := fmt.Sprintf("link_%d", i)
	fmt.Fprintf(b, "  %s [shape=plaintext, style=\"\", width=0, height=0, margin=\"0.04,0.02\", fontsize=9, fontcolor=%s, label=%s];\n",
		quote(id), quote(or(e.Style.Color, "black")), quote(e.Label))
	first := &Edge{From: e.From, To: id, LTail: e.LTail, Style: e.Style, Undirected: true}
	second := &Edge{From: id, To: e.To, LHead: e.LHead, Style: e.Style, Undirected: e.Undirected}
	writeEdge(b, first)
	writeEdge(b, second)
}

func styleAttrs(s Style, edge bool) []string {
	var a []string
	if s.Shape != "" && !edge {
		a = append(a, "shape="+s.Shape)
	}
	if !edge {
		line := "filled"
		if s.Line != "" && s.Line != "solid" {
			line += "," + s.Line
		}
		a = append(a, "style="+quote(line))
		if s.Fill != "" {
			a = append(a, "fillcolor="+quote(s.Fill))
		}
	} else if s.Line != "" && s.Line != "solid" {
		a = append(a, "style="+s.Line)
	}
	if s.Color != "" {
		a = append(a, "color="+quote(s.Color))
		if edge {
			a = append(a, "fontcolor="+quote(or(s.FontColor, s.Color)))
		}
	}
	if s.FontColor != "" && !edge {
		a = append(a, "fontcolor="+quote(s.FontColor))
	}
	if s.Pen > 0 {
		a = append(a, fmt.Sprintf("penwidth=%g", s.Pen))
	}
	return a
}

// writeLegend draws one table node: a swatch per node kind, a coloured line per
// link kind. A single node keeps the legend from disturbing the layout.
func writeLegend(b *strings.Builder, entries []LegendEntry) {
	if len(entries) == 0 {
		return
	}
	t := &strings.Builder{}
	t.WriteString(`<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="2" CELLPADDING="3" COLOR="gray60" BGCOLOR="white">`)
	t.WriteString(`<TR><TD COLSPAN="2"><B>Legend</B></TD></TR>`)
	for _, e := range entries {
		if e.Edge {
			dash := "━━━"
			if e.Style.Line == "dashed" || e.Style.Line == "dotted" {
				dash = "╍╍╍"
			}
			fmt.Fprintf(t, `<TR><TD><FONT COLOR="%s"><B>%s</B></FONT></TD><TD ALIGN="LEFT">%s</TD></TR>`,
				html(or(e.Style.Color, "black")), dash, html(e.Text))
			continue
		}
		// A swatch in the kind's colours; the words say what it is (no shape names).
		fmt.Fprintf(t, `<TR><TD BGCOLOR="%s" BORDER="1" COLOR="%s" WIDTH="28"> </TD><TD ALIGN="LEFT">%s</TD></TR>`,
			html(or(e.Style.Fill, "white")), html(or(e.Style.Color, "gray40")), html(e.Text))
	}
	t.WriteString(`</TABLE>>`)
	fmt.Fprintf(b, "  \"legend\" [shape=plaintext, style=\"\", fontsize=9, label=%s];\n", t.String())
}

// html escapes text for a Graphviz HTML-like label.
func html(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\n", "<BR/>").Replace(s)
}

// quoteLeft is quote with every line left-justified (DOT's \l), so a box's
// title and its CIDR lines start at the same margin.
func quoteLeft(s string) string {
	q := quote(s)
	if s == "" {
		return q
	}
	return strings.ReplaceAll(q[:len(q)-1], `\n`, `\l`) + `\l"`
}

// quote makes s a DOT string: backslashes and quotes escaped, newlines as
// centred line breaks, control characters dropped.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			// dropped: DOT has no escape for them
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
