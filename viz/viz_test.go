package viz

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/importers/synth"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"

	"github.com/netverify/netverify/internal/testcorpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func loadExample(t *testing.T, name string) *model.Snapshot {
	t.Helper()
	s, _, err := scenarios.LoadExample(name)
	if err != nil {
		t.Fatal(err)
	}
	model.Derive(s)
	if ds := model.Validate(s); ds.HasErrors() {
		t.Fatalf("example %s does not validate: %v", name, ds)
	}
	return s
}

func render(t *testing.T, d *Diagram, f Format) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d, f); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func checkSVG(t *testing.T, svg string) {
	t.Helper()
	if !strings.Contains(svg, "<svg") || !strings.Contains(svg, "</svg>") {
		t.Fatalf("not an SVG document: %.200s", svg)
	}
	if !strings.Contains(svg, "<path") && !strings.Contains(svg, "<polygon") {
		t.Fatal("SVG draws nothing")
	}
}

// Every built-in example draws to SVG.
func TestExamplesRenderSVG(t *testing.T) {
	for _, ex := range scenarios.Examples() {
		t.Run(ex.Name, func(t *testing.T) {
			d, err := Build(loadExample(t, ex.Name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkSVG(t, render(t, d, FormatSVG))
		})
	}
}

// Every Batfish lab-validation snapshot draws to SVG.
func TestLabValidationRenderSVG(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(testcorpus.Dir(t), "batfish", "lab-validation", "*", "aws_configs"))
	if len(dirs) == 0 {
		t.Skip("no lab-validation snapshots in the corpus")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(filepath.Dir(dir)), func(t *testing.T) {
			s, _, err := awsjson.LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			model.Derive(s)
			d, err := Build(s, Options{})
			if err != nil {
				t.Fatal(err)
			}
			svg := render(t, d, FormatSVG)
			checkSVG(t, svg)
			svg = strings.ReplaceAll(svg, "&#45;", "-") // Graphviz writes hyphens as entities
			for _, v := range s.VPCs {
				if !strings.Contains(svg, v.ID) {
					t.Errorf("VPC %s is not in the drawing", v.ID)
				}
			}
		})
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./viz -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s changed; run go test ./viz -update and review the diff.\ngot:\n%s", path, got)
	}
}

// The DOT text is golden: sorted and byte-for-byte stable.
func TestGoldenDOT(t *testing.T) {
	for _, name := range []string{"serverless-hybrid", "transitive-peering"} {
		t.Run(name, func(t *testing.T) {
			d, err := Build(loadExample(t, name), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := render(t, d, FormatDOT)
			for i := 0; i < 3; i++ { // building again gives the same bytes
				d2, _ := Build(loadExample(t, name), Options{})
				if again := render(t, d2, FormatDOT); again != got {
					t.Fatal("DOT output is not deterministic")
				}
			}
			golden(t, name+".dot", got)
		})
	}
}

func ask(t *testing.T, s *model.Snapshot, src, dst string, port uint16) *reach.Answer {
	t.Helper()
	n := network.Compile(s)
	se, err := names.Resolve(n, src)
	if err != nil {
		t.Fatal(err)
	}
	de, err := names.Resolve(n, dst)
	if err != nil {
		t.Fatal(err)
	}
	de.IP = reach.PublicDst(n, se, de)
	return reach.Ask(n, reach.Question{Src: se, Dst: de, Proto: model.ProtoTCP, DstPort: port})
}

// A blocked path is drawn with the blocking stretch in red, labelled with the reason.
func TestGoldenPathOverlayBlocked(t *testing.T) {
	s := loadExample(t, "serverless-hybrid")
	a := ask(t, s, "192.168.0.10", "orders-fn", 443)
	if a.Reachable() {
		t.Fatal("expected the on-premises host to be blocked from orders-fn on 443")
	}
	d, err := BuildPath(s, a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := render(t, d, FormatDOT)
	if !strings.Contains(got, edgeStyles[lBlocked].Color) || !strings.Contains(got, "✗ ") {
		t.Errorf("no red blocking edge with a reason:\n%s", got)
	}
	golden(t, "path-onprem-to-orders-fn.dot", got)
	checkSVG(t, render(t, d, FormatSVG))
}

// A reachable path shows forward and return in their own colours (WritePath is what can-reach --diagram calls).
func TestPathOverlayReachable(t *testing.T) {
	s := loadExample(t, "serverless-hybrid")
	a := ask(t, s, "orders-fn", "93.184.215.14", 443)
	var buf bytes.Buffer
	if err := WritePath(&buf, s, a, Options{}, FormatDOT); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{edgeStyles[lForward].Color, edgeStyles[lReturn].Color, `"internet"`, "nat-0a10000000000001@"} {
		if !strings.Contains(got, want) {
			t.Errorf("path drawing lacks %q", want)
		}
	}
	if strings.Contains(got, edgeStyles[lBlocked].Color) {
		t.Error("a reachable path has a red edge")
	}
}

// R1.15: public and private subnets are told apart by a route to an internet gateway.
func TestR1_15PublicPrivateSubnets(t *testing.T) {
	d, _ := Build(loadExample(t, "serverless-hybrid"), Options{})
	got := render(t, d, FormatDOT)
	for _, want := range []string{"public subnet public-a (subnet-pub)", "private subnet private-a (subnet-a)", "rt rtb-pub", "nacl "} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q", want)
		}
	}
}

// --focus on a VPC draws it in full and its peer as a box.
func TestFocusVPC(t *testing.T) {
	s := loadExample(t, "serverless-hybrid")
	d, err := Build(s, Options{Focus: "analytics-vpc"})
	if err != nil {
		t.Fatal(err)
	}
	got := render(t, d, FormatDOT)
	if !strings.Contains(got, "cluster_vpc_vpc-0f60000000000f001") || strings.Contains(got, "cluster_vpc_vpc-0a10000000000a001") {
		t.Errorf("focus should expand analytics-vpc only:\n%s", got)
	}
	if !strings.Contains(got, `"vpc-0a10000000000a001" [`) {
		t.Error("the peered VPC should be drawn as a box")
	}
	if _, err := Build(s, Options{Focus: "nope"}); err == nil {
		t.Error("focus on an unknown name should fail")
	}
}

func synthEstate(t *testing.T, vpcs int) *model.Snapshot {
	t.Helper()
	out := filepath.Join(t.TempDir(), "estate")
	if _, err := synth.Write(synth.Options{VPCs: vpcs, Seed: 1, Out: out, ENIsPerVPC: 5}); err != nil {
		t.Fatal(err)
	}
	s, _, err := awsjson.LoadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	model.Derive(s)
	return s
}

// synth --vpcs 100 is drawn as the overview by default: one node per
// account and Region listing its VPCs, in its Region with the transit
// gateway, and the attachments counted on one line per node; the title says
// how to get one VPC in detail.
func TestSynth100Overview(t *testing.T) {
	s := synthEstate(t, 100)
	if !Overview(s, Options{}) {
		t.Fatal("100 VPCs should draw as the overview")
	}
	d, err := Build(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	dot := render(t, d, FormatDOT)
	if strings.Contains(dot, "cluster_vpc_") {
		t.Error("the overview draws no VPC in full")
	}
	for _, v := range s.VPCs {
		if !strings.Contains(dot, or(v.Name, v.ID)+"  "+v.CIDRs[0].String()) {
			t.Errorf("VPC %s (%s) is not listed", v.ID, v.Name)
		}
	}
	if !strings.Contains(d.Title, "--focus VPC-ID") {
		t.Errorf("the title does not say how to get the detail: %q", d.Title)
	}
	attach := 0
	for _, e := range d.Edges {
		if e.kind == lTGW && strings.Contains(e.Label, "VPC attachment") {
			attach++
		}
	}
	if attach == 0 || attach > len(s.Accounts)*4 {
		t.Errorf("%d counted attachment lines, want one per account and Region", attach)
	}
	checkSVG(t, render(t, d, FormatSVG))
	if _, err := Build(s, Options{Focus: s.VPCs[0].ID}); err != nil {
		t.Errorf("--focus on a VPC of the estate: %v", err)
	}
}

// --collapse always draws one box per VPC with counts.
func TestSynth100Boxes(t *testing.T) {
	s := synthEstate(t, 100)
	d, err := Build(s, Options{Collapse: CollapseAlways})
	if err != nil {
		t.Fatal(err)
	}
	dot := render(t, d, FormatDOT)
	if strings.Contains(dot, "cluster_vpc_") {
		t.Error("100 VPCs should collapse to boxes")
	}
	if n := strings.Count(dot, "shape=box3d, style=\"filled\", fillcolor=\"#ecfdf5\""); n != len(s.VPCs) {
		t.Errorf("%d VPC boxes, want %d", n, len(s.VPCs))
	}
}

func TestMermaid(t *testing.T) {
	d, _ := Build(loadExample(t, "serverless-hybrid"), Options{})
	got := render(t, d, FormatMermaid)
	for _, want := range []string{"flowchart LR", "subgraph", "public subnet public-a", "linkStyle 0"} {
		if !strings.Contains(got, want) {
			t.Errorf("Mermaid lacks %q", want)
		}
	}
}

func TestQuoteEscapes(t *testing.T) {
	for in, want := range map[string]string{
		`a"b`: `"a\"b"`, `a\b`: `"a\\b"`, "a\nb": `"a\nb"`, "a\x01b": `"ab"`,
	} {
		if got := quote(in); got != want {
			t.Errorf("quote(%q) = %s, want %s", in, got, want)
		}
	}
}

// The Mermaid flowchart has a legend subgraph listing every kind drawn, in
// the DOT legend's order, and adds no links (linkStyle indexes stay the edges').
func TestMermaidLegend(t *testing.T) {
	d, _ := Build(loadExample(t, "serverless-hybrid"), Options{})
	got := render(t, d, FormatMermaid)
	if !strings.Contains(got, `subgraph mm_legend["Legend"]`) {
		t.Fatalf("no legend subgraph:\n%s", got)
	}
	last := -1
	for _, e := range d.Legend {
		i := strings.Index(got, mmText(e.Text)+`"`)
		if i < 0 {
			t.Errorf("legend lacks %q", e.Text)
			continue
		}
		if i < last {
			t.Errorf("legend entry %q out of order", e.Text)
		}
		last = i
	}
	if n := strings.Count(got, "linkStyle "); n != len(d.Edges) {
		t.Errorf("%d linkStyle lines for %d edges", n, len(d.Edges))
	}
	d2, _ := Build(loadExample(t, "serverless-hybrid"), Options{})
	if again := render(t, d2, FormatMermaid); again != got {
		t.Error("Mermaid output is not deterministic")
	}
}

func TestMermaidColorsAreCSS(t *testing.T) {
	for in, want := range map[string]string{"gray60": "#999999", "grey50": "#808080", "#abcdef": "#abcdef", "": "#fff", "gray": "gray"} {
		if got := mmColor(in, "#fff"); got != want {
			t.Errorf("mmColor(%q) = %q, want %q", in, got, want)
		}
	}
}

// The typed graph holds the boxes and nodes with their parents, and the
// route edges in domain terms (R1.1: the private subnets use rtb-api, whose
// default route goes to the NAT gateway).
func TestTopologyGraph(t *testing.T) {
	s := loadExample(t, "serverless-hybrid")
	g, err := TopologyGraph(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]GraphNode{}
	for _, n := range g.Nodes {
		if _, dup := byID[n.ID]; dup {
			t.Errorf("node %s twice", n.ID)
		}
		byID[n.ID] = n
	}
	if n := byID["sn_subnet-a"]; n.Kind != KindSubnet || n.Parent != "az_vpc-0a10000000000a001_us-east-1a" {
		t.Errorf("subnet-a: %+v", n)
	}
	nat := byID["nat-0a10000000000001@subnet-pub"]
	if nat.Kind != KindNAT || nat.Parent != "sn_subnet-pub" || nat.Resources[0] != "nat-0a10000000000001" {
		t.Errorf("NAT node: %+v", nat)
	}
	if rt := byID["rtb-api"]; rt.Kind != KindRouteTable || len(rt.Details) == 0 {
		t.Errorf("route table node: %+v", rt)
	}
	want := GraphEdge{From: "rtb-api", To: "nat-0a10000000000001@subnet-pub", Kind: EdgeRoute, Label: "0.0.0.0/0", Directed: true}
	var assoc bool
	found := false
	for _, e := range g.Edges {
		if _, ok := byID[e.From]; !ok {
			t.Errorf("edge from unknown node %s", e.From)
		}
		if _, ok := byID[e.To]; !ok {
			t.Errorf("edge to unknown node %s", e.To)
		}
		found = found || e == want
		assoc = assoc || (e.Kind == EdgeSubnetRouteTable && e.From == "sn_subnet-a" && e.To == "rtb-api")
	}
	if !found || !assoc {
		t.Errorf("route edge %v found %v, subnet-a -> rtb-api found %v", want, found, assoc)
	}
	g2, _ := TopologyGraph(loadExample(t, "serverless-hybrid"), Options{})
	if fmt.Sprint(g2) != fmt.Sprint(g) {
		t.Error("the graph is not deterministic")
	}
}

// The legend says what each kind is in words: no Graphviz shape name is
// printed, in DOT or Mermaid (issue 23).
func TestLegendInWords(t *testing.T) {
	d, _ := Build(loadExample(t, "serverless-hybrid"), Options{})
	dot, mmd := render(t, d, FormatDOT), render(t, d, FormatMermaid)
	legend := dot[strings.Index(dot, `"legend"`):]
	legend = legend[:strings.Index(legend, "\n")]
	for _, st := range nodeStyles {
		if st.Shape == "" {
			continue
		}
		if strings.Contains(legend, ">"+st.Shape+"<") {
			t.Errorf("the DOT legend prints the shape name %q", st.Shape)
		}
		if strings.Contains(mmd, `"`+st.Shape+`"`) {
			t.Errorf("the Mermaid legend prints the shape name %q", st.Shape)
		}
	}
	for _, e := range d.Legend {
		if e.Text == "" {
			t.Error("a legend entry without words")
		}
	}
}

// Path overlay labels name each hop as can-reach numbers it: the security
// group that allowed, the route taken (R1.5), the NAT translation (R3.6).
func TestPathLabelsNameHops(t *testing.T) {
	s := loadExample(t, "serverless-hybrid")
	a := ask(t, s, "orders-fn", "93.184.215.14", 443)
	g, err := PathGraph(s, a, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, e := range g.Edges {
		if e.Kind == EdgePathForward || e.Kind == EdgePathReturn {
			labels = append(labels, e.Label)
		}
	}
	all := strings.Join(labels, "\n")
	for _, want := range []string{"1 sg-fn allow", "2 rtb-api 0.0.0.0/0 -> nat-0a10000000000001", "6 rtb-pub 0.0.0.0/0 -> igw-0a10000000000001", "r1 93.184.215.14 send"} {
		if !strings.Contains(all, want) {
			t.Errorf("no path label %q in:\n%s", want, all)
		}
	}
	for _, l := range labels {
		for _, line := range strings.Split(l, "\n") {
			if f := strings.Fields(line); len(f) == 1 && line != "return" {
				t.Errorf("a bare hop label %q", line)
			}
		}
	}
}

// A TGW VPC attachment is drawn to the attachment's interfaces in its
// subnets (R5.2), not to whatever node of the VPC sorts first (an internet
// gateway, which read as TGW <-> IGW); the route tables that send traffic to
// the TGW say which destinations.
func TestTGWAttachmentEndsOnSubnets(t *testing.T) {
	dir := filepath.Join(testcorpus.Dir(t), "batfish", "lab-validation", "aws_tgw_multi_az_intra_region", "aws_configs")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no TGW lab in the corpus")
	}
	s, _, err := awsjson.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	model.Derive(s)
	g, err := TopologyGraph(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	kind := map[string]NodeKind{}
	for _, n := range g.Nodes {
		kind[n.ID] = n.Kind
	}
	var attach, routes int
	for _, e := range g.Edges {
		switch {
		case e.Kind == EdgeTGW && kind[e.From] == KindTGW:
			attach++
			if kind[e.To] != KindTGWENI {
				t.Errorf("attachment edge %s -> %s ends on a %s", e.From, e.To, kind[e.To])
			}
		case e.Kind == EdgeRoute && kind[e.To] == KindTGW:
			routes++
			if e.Label == "" || kind[e.From] != KindRouteTable {
				t.Errorf("route edge to the TGW: %+v", e)
			}
		}
	}
	if attach == 0 || routes == 0 {
		t.Errorf("%d attachment edges, %d route edges to the TGW", attach, routes)
	}
}

// API Gateway is drawn with its edges: endpoint → private API (R9.3), API →
// VPC link → load balancer (R8.7, R8.8), and the load balancer → its
// registered target (R2.1).
func TestAPIToVPCLinkToTargets(t *testing.T) {
	s, _, err := scenarios.LoadFile(filepath.Join("..", "scenarios", "testdata", "complete.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	model.Derive(s)
	g, err := TopologyGraph(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	kind := map[string]NodeKind{}
	for _, n := range g.Nodes {
		kind[n.ID] = n.Kind
	}
	has := func(from, to NodeKind, ek EdgeKind) bool {
		for _, e := range g.Edges {
			if e.Kind == ek && kind[e.From] == from && kind[e.To] == to && e.Directed {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		from, to NodeKind
		edge     EdgeKind
	}{
		{KindEndpoint, KindAPI, EdgeAPI}, {KindAPI, KindVPCLink, EdgeAPI}, {KindVPCLink, KindLB, EdgeAPI},
		{KindLB, KindInstance, EdgeLBTarget},
	} {
		if !has(c.from, c.to, c.edge) {
			t.Errorf("no %s edge from a %s to a %s", c.edge, c.from, c.to)
		}
	}
}

// Every kind of route target gets its edge from the route table, labelled
// with the destination (R1.11): NAT gateway, transit gateway, peering,
// appliance interface, instance, egress-only IGW, virtual private gateway,
// internet gateway.
func TestRouteEdgesToEveryTargetKind(t *testing.T) {
	s, _, err := scenarios.LoadFile(filepath.Join("..", "scenarios", "testdata", "complete.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	model.Derive(s)
	g, err := TopologyGraph(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, e := range g.Edges {
		if e.Kind == EdgeRoute {
			got[e.From+" -> "+e.To] = e.Label
		}
	}
	for edge, label := range map[string]string{
		"rtb-app-rt -> nat-nat@subnet-edge": "0.0.0.0/0", "rtb-app-rt -> tgw-tgw": "172.16.0.0/12",
		"rtb-app-rt -> pcx-pcx": "10.9.0.0/16", "rtb-app-rt -> eni-appliance@subnet-app": "pl-corp-pl (corp-pl)",
		"rtb-app-rt -> i-fw@subnet-app": "10.8.0.0/16", "rtb-app-rt -> eigw-eigw": "::/0",
		"rtb-app-rt -> vgw-vgw": "10.7.0.0/16", "rtb-edge-rt -> igw-igw": "0.0.0.0/0",
	} {
		if got[edge] != label {
			t.Errorf("route edge %s: label %q, want %q", edge, got[edge], label)
		}
	}
}
