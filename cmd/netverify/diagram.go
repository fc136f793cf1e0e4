package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
	"github.com/netverify/netverify/viz"
)

func init() { register(newDiagramCmd) }

// diagramOpts binds the flags of diagram.
type diagramOpts struct {
	in       inputFlags
	out      string
	focus    string
	path     []string
	proto    string
	port     int
	collapse string
}

func newDiagramCmd() *cobra.Command {
	o := &diagramOpts{}
	cmd := &cobra.Command{
		Use:   "diagram --out FILE.svg|.dot|.mmd",
		Short: "Draw the network (SVG, DOT or Mermaid), optionally with a path laid over it",
		Long: `Draw the network for a design review: accounts, Regions, VPCs (with CIDRs), availability
zones and subnets (public or private, with route table and network ACL), interfaces
grouped by owner, gateways at the VPC edge, and peering, transit gateway, VPN and Direct
Connect links to on-premises sites and the internet. The format follows --out's extension.

Estates of more than 15 VPCs are drawn one box per VPC with counts (--collapse); --focus
draws one VPC or resource with its neighbours. --path SRC DST lays the reachability answer
over the drawing: forward path, return path, and the blocking hop in red with the reason.`,
		Example: `  netverify diagram --out docs/serverless-hybrid.svg
  netverify diagram --in ./aws_configs --focus vpc-0abc --out vpc.svg
  netverify diagram --path fn-fetch 93.184.215.14 --port 443 --out path.svg`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	o.in.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "output `FILE`: .svg, .dot or .mmd (Mermaid)")
	f.StringVar(&o.focus, "focus", "", "draw only this VPC or resource (`ID` or Name) and its neighbours")
	f.StringSliceVar(&o.path, "path", nil, "lay the answer for `SRC,DST` over the drawing (or --path SRC --path DST)")
	f.StringVar(&o.proto, "proto", "tcp", "protocol of --path: tcp, udp or icmp")
	f.IntVar(&o.port, "port", 443, "destination port of --path")
	f.StringVar(&o.collapse, "collapse", "auto", "draw VPCs as boxes with counts: auto (above 15 VPCs, unless focused), always or never")
	return cmd
}

func (o *diagramOpts) run(cmd *cobra.Command) error {
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
	if len(o.path) != 0 && len(o.path) != 2 {
		return usageErr("--path needs SRC and DST, e.g. --path fn-fetch,93.184.215.14")
	}
	snap, _, err := o.in.load(cmd)
	if err != nil {
		return err
	}
	d, err := o.build(snap, viz.Options{Focus: o.focus, Collapse: collapse})
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
	return nil
}

// build draws the topology, or with --path the topology and the answer.
func (o *diagramOpts) build(snap *model.Snapshot, opts viz.Options) (*viz.Diagram, error) {
	if len(o.path) == 0 {
		return viz.Build(snap, opts)
	}
	a, err := o.ask(snap)
	if err != nil {
		return nil, err
	}
	return viz.BuildPath(snap, a, opts)
}

func (o *diagramOpts) ask(snap *model.Snapshot) (*reach.Answer, error) {
	n := network.Compile(snap)
	src, err := names.Resolve(n, o.path[0])
	if err != nil {
		return nil, fmt.Errorf("--path source: %w", err)
	}
	dst, err := names.Resolve(n, o.path[1])
	if err != nil {
		return nil, fmt.Errorf("--path destination: %w", err)
	}
	dst.IP = reach.PublicDst(n, src, dst)
	protos, err := parseProtos(o.proto, o.port, dst.IP)
	if err != nil || len(protos) != 1 {
		return nil, fmt.Errorf("--proto %q: want one of tcp, udp or icmp", o.proto)
	}
	q := reach.Question{Src: src, Dst: dst, Proto: protos[0]}
	if q.Proto.HasPorts() {
		if o.port < 0 || o.port > 65535 {
			return nil, fmt.Errorf("--port %d: want 0-65535", o.port)
		}
		q.DstPort = uint16(o.port)
	} else {
		q.ICMPType = echoType(q.Proto)
	}
	return reach.Ask(n, q), nil
}
