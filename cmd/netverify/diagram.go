package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/viz"
)

func init() { register(newDiagramCmd) }

// diagramOpts binds the flags of diagram.
type diagramOpts struct {
	in       inputFlags
	out      string
	focus    string
	path     []string // --path values, each "SRC DST", "SRC,DST", "SRC->DST", SRC or DST
	src, dst string   // parsed from --path and a trailing DST argument
	proto    string
	port     int
	collapse string
	overview bool
}

func newDiagramCmd() *cobra.Command {
	o := &diagramOpts{}
	cmd := &cobra.Command{
		Use:   "diagram --out FILE.svg|.dot|.mmd [--focus ID] [--path SRC DST]",
		Short: "Draw the network (SVG, DOT or Mermaid), optionally with a path laid over it",
		Long: `Draw the network for a design review: accounts, Regions, VPCs (with CIDRs), availability
zones and subnets (public or private, with route table and network ACL), interfaces
grouped by owner, gateways at the VPC edge, and peering, transit gateway, VPN and Direct
Connect links to on-premises sites and the internet. The format follows --out's extension.

Each route table is drawn once, with a line from every subnet that uses it and one line
per next hop (NAT gateway, internet gateway, endpoint, transit gateway, peering, virtual
private gateway, appliance) labelled with the destinations sent there. API Gateway APIs,
VPC links, Lambda functions, load balancers (with their targets) and Resolver endpoints
(with DNS forwarding to and from on-premises) are drawn with their edges.

Estates of more than 15 VPCs are drawn one box per VPC with counts, more than 50 as the
overview (one box per account and Region listing its VPCs, in its Region with the transit
gateway, links counted): --collapse and --overview choose; --focus draws one VPC or
resource in detail with its neighbours. --path SRC DST lays the reachability answer
over the drawing: forward path, return path, and the blocking hop in red with the reason.

--path takes the two ends as two words (--path SRC DST), as one value ("SRC DST",
SRC,DST or SRC->DST) or as two flags (--path SRC --path DST). Each end is anything
can-reach accepts: an ID, a Name tag, a scenario name, an IP address, internet or onprem.`,
		Example: `  netverify diagram --out docs/img/default.svg
  netverify diagram --in ./aws_configs --focus vpc-0abc --out vpc.svg
  netverify diagram --in ./estate --overview --out overview.svg
  netverify diagram --path onprem 10.10.1.10 --port 443 --out path.svg
  netverify diagram --path orders-fn,93.184.215.14 --out path.dot`,
		Args: cobra.ArbitraryArgs, // only the DST of --path SRC DST; parsePath says so otherwise
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	o.in.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "output `FILE`: .svg, .dot or .mmd (Mermaid)")
	f.StringVar(&o.focus, "focus", "", "draw only this VPC or resource (`ID` or Name) and its neighbours")
	f.StringArrayVar(&o.path, "path", nil, "lay the answer from SRC to DST over the drawing: --path `SRC DST` (also \"SRC DST\", SRC,DST, SRC->DST)")
	f.StringVar(&o.proto, "proto", "tcp", "protocol of --path: tcp, udp or icmp")
	f.IntVar(&o.port, "port", 443, "destination port of --path")
	f.StringVar(&o.collapse, "collapse", "auto", "draw VPCs as boxes with counts: auto (boxes above 15 VPCs, the overview above 50, unless focused), always, never or overview")
	f.BoolVar(&o.overview, "overview", false, "draw the overview: one box per account and Region listing its VPCs, links counted (same as --collapse overview)")
	return cmd
}

func (o *diagramOpts) run(cmd *cobra.Command, args []string) error {
	if o.out == "" {
		return usageErr("diagram needs --out FILE.svg, FILE.dot or FILE.mmd")
	}
	format, err := viz.ParseFormat(filepath.Ext(o.out))
	if err != nil {
		return usageErr("--out %s: %v", o.out, err)
	}
	collapse, err := viz.ParseCollapse(o.collapse)
	if err != nil {
		return usageErr("%v", err)
	}
	if o.overview {
		if cmd.Flags().Changed("collapse") && collapse != viz.CollapseOverview {
			return usageErr("--overview and --collapse %s contradict each other", o.collapse)
		}
		collapse = viz.CollapseOverview
	}
	if err := o.parsePath(args); err != nil {
		return err
	}
	snap, _, err := o.in.load(cmd)
	if err != nil {
		return err
	}
	k := ask.New(network.Compile(snap))
	focus, err := o.focusID(k)
	if err != nil {
		return usageErr("%v", err)
	}
	d, err := o.build(k, viz.Options{Focus: focus, Collapse: collapse})
	if err != nil {
		return usageErr("%v", err)
	}
	var buf bytes.Buffer
	if err := viz.Write(&buf, d, format); err != nil {
		return fmt.Errorf("drawing %s: %w", o.out, err)
	}
	if err := os.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return usageErr("--out: %v", err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d bytes)\n", o.out, buf.Len())
	if o.src == "" && viz.Overview(snap, viz.Options{Focus: focus, Collapse: collapse}) {
		fmt.Fprintf(cmd.ErrOrStderr(), "drew the overview of %d VPCs (one box per account and Region, links counted); for one VPC in detail: netverify diagram --focus VPC-ID --out FILE; everything: --collapse never\n", len(snap.VPCs))
	}
	return nil
}

// build draws the topology, or with --path the topology and the answer:
// any question can-reach answers, an API call with its DNS chain.
func (o *diagramOpts) build(k *ask.Asker, opts viz.Options) (*viz.Diagram, error) {
	snap := k.Network().Snap
	if o.src == "" {
		return viz.Build(snap, opts)
	}
	a, err := k.Ask(ask.Query{Src: o.src, Dst: o.dst, Proto: o.proto, Port: o.port})
	if err != nil {
		return nil, fmt.Errorf("--path: %w", err)
	}
	path, res, api := a.Overlay()
	if path == nil {
		return nil, fmt.Errorf("--path %s %s: the answer has no packet path to draw (%s)", o.src, o.dst, a.Verdict)
	}
	opts.DNS, opts.API = res, api
	return viz.BuildPath(snap, path, opts)
}

// focusID resolves --focus with the names every command takes (logical IDs,
// Terraform addresses, ...) to the resource it names.
func (o *diagramOpts) focusID(k *ask.Asker) (string, error) {
	if o.focus == "" {
		return "", nil
	}
	if ids := k.IDs(o.focus); len(ids) == 1 {
		return ids[0], nil
	}
	ep, err := k.Resolve(o.focus)
	if err != nil {
		return "", fmt.Errorf("--focus: %w", err)
	}
	if ep.ID == "" {
		return "", fmt.Errorf("--focus %s is %s, not a resource: name a VPC or a resource", o.focus, ep.Kind)
	}
	return ep.ID, nil
}

// pathUsage is the usage error of a --path that does not name exactly two ends.
const pathUsage = `--path needs a source and a destination, e.g. --path onprem 10.10.1.10 (or "onprem 10.10.1.10", onprem,10.10.1.10, onprem->10.10.1.10)`

// parsePath reads --path SRC DST in any of its forms. Two words (a --path
// value and the trailing argument, or two --path flags) are taken whole, so
// a Name tag with spaces works; a single value is split at "->", commas or spaces.
func (o *diagramOpts) parsePath(args []string) error {
	if len(o.path) == 0 {
		if len(args) > 0 {
			return usageErr("unexpected argument %q: diagram takes no arguments except the DST of --path SRC DST", args[0])
		}
		return nil
	}
	ends := append(append([]string{}, o.path...), args...)
	if len(ends) == 1 {
		v := strings.ReplaceAll(ends[0], "->", ",")
		ends = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	}
	if len(ends) != 2 || strings.TrimSpace(ends[0]) == "" || strings.TrimSpace(ends[1]) == "" {
		return usageErr("%s; got %q", pathUsage, strings.Join(append(append([]string{}, o.path...), args...), " "))
	}
	o.src, o.dst = strings.TrimSpace(ends[0]), strings.TrimSpace(ends[1])
	return nil
}
