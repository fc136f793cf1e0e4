package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/model"
	apihttp "github.com/netverify/netverify/solver/http"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
	"github.com/netverify/netverify/viz"
)

func init() { register(newCanReachCmd) }

// canReachOpts binds the flags of can-reach.
type canReachOpts struct {
	in      inputFlags
	proto   string
	port    int
	srcPort int
	oneWay  bool
	json    bool
	flows   string
	stage   string
	diagram string

	apiCaller *apihttp.Caller
	explain   []func(*reach.Answer) // correct an answer about an AWS service or from a function outside any VPC (set by source and destination)
}

func newCanReachCmd() *cobra.Command {
	o := &canReachOpts{}
	cmd := &cobra.Command{
		Use:   "can-reach SRC DST | can-reach --flows FILE.csv",
		Short: "Can SRC open a connection to DST? By which path, and if not, what blocks it",
		Long: `Walk a packet from SRC to DST and the response back, through security groups, network
ACLs, route tables, gateways, NAT, peering, transit gateways and VPN/Direct Connect.

SRC and DST are resource IDs (i-, eni-, subnet-, vpce-, nat-, ...), Name tags, scenario
names, IP addresses (an address owned by an interface is that interface; one in an
on-premises range is a host there; any other public address is an internet host), or
the words "internet" and "onprem".

Without --port, every protocol and port class is checked and the reachable ports listed.

Exit code: 0 reachable, 1 not reachable (or unknown), 2 usage or input error.
With --flows (CSV header src,dst,proto,port): one answer per line; exit 0 when every
flow was answered.`,
		Example: `  netverify can-reach fn-fetch 93.184.215.14 --port 443
  netverify can-reach internet web-1 --proto tcp --port 22 --json
  netverify can-reach i-0abc 10.2.0.10                     # which ports?
  netverify can-reach --flows flows.csv --in ./aws_configs --json`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	o.in.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.proto, "proto", "", "protocol: tcp, udp, icmp or any (default tcp with --port, any without)")
	f.IntVar(&o.port, "port", -1, "destination port")
	f.IntVar(&o.srcPort, "src-port", 0, "source port (default: every class of the initiator's ephemeral range, R2.12)")
	f.BoolVar(&o.oneWay, "one-way", false, "check only the forward direction, not the response")
	f.BoolVar(&o.json, "json", false, "print JSON (one object per line with --flows)")
	f.StringVar(&o.flows, "flows", "", "answer every flow of a CSV `FILE` (header src,dst,proto,port)")
	f.StringVar(&o.diagram, "diagram", "", "also draw the path to `FILE` (.svg, .dot or .mmd): forward, return and what blocks")
	f.StringVar(&o.stage, "stage", "", "API stage to call when DST is an API (default: its first deployed stage)")
	return cmd
}

func (o *canReachOpts) run(cmd *cobra.Command, args []string) error {
	if o.flows == "" && len(args) != 2 {
		return usageErr("can-reach needs SRC and DST (or --flows FILE.csv)")
	}
	if o.flows != "" && len(args) != 0 {
		return usageErr("can-reach --flows takes no SRC DST arguments")
	}
	if o.port > 65535 || o.port < -1 || o.srcPort < 0 || o.srcPort > 65535 {
		return usageErr("ports must be between 0 and 65535")
	}
	if o.diagram != "" {
		if o.flows != "" {
			return usageErr("--diagram draws one question; it does not combine with --flows")
		}
		if _, err := viz.ParseFormat(filepath.Ext(o.diagram)); err != nil {
			return usageErr("--diagram %s: %v", o.diagram, err)
		}
	}
	snap, _, err := o.in.load(cmd)
	if err != nil {
		return err
	}
	n := network.Compile(snap)
	if o.flows != "" {
		return o.runFlows(cmd, n)
	}
	ok, err := o.one(cmd.OutOrStdout(), n, args[0], args[1], o.proto, o.port)
	if err != nil {
		return usageErr("%v", err)
	}
	if !ok {
		return silentExit(1)
	}
	return nil
}

// one answers a single question and prints it; it reports whether it is reachable.
func (o *canReachOpts) one(w io.Writer, n *network.Network, srcName, dstName, protoName string, port int) (bool, error) {
	o.explain = nil
	if api, ok := apihttp.FindAPI(n.Snap, n.Index, dstName); ok {
		return o.callAPI(w, n, srcName, dstName, api, protoName, port)
	}
	if api, ok := apihttp.FindAPI(n.Snap, n.Index, srcName); ok {
		return o.apiBackend(w, n, api, srcName, dstName, port)
	}
	src, note, err := o.source(n, srcName)
	if err != nil {
		return false, fmt.Errorf("source: %w", err)
	}
	dst, err := o.destination(w, n, srcName, dstName)
	if err != nil {
		return false, fmt.Errorf("destination: %w", err)
	}
	if note != "" && !o.json {
		fmt.Fprintf(w, "note: %s\n", note)
	}
	dst.IP = reach.PublicDst(n, src, dst)
	protos, err := parseProtos(protoName, port, dst.IP)
	if err != nil {
		return false, err
	}
	q := reach.Question{Src: src, Dst: dst, SrcPort: uint16(o.srcPort), OneWay: o.oneWay}
	if len(protos) == 1 && (port >= 0 || !protos[0].HasPorts()) {
		q.Proto = protos[0]
		if port >= 0 {
			q.DstPort = uint16(port)
		}
		if !q.Proto.HasPorts() {
			q.ICMPType = echoType(q.Proto)
		}
		a := reach.Ask(n, q)
		o.print(w, srcName, dstName, a, nil)
		return a.Reachable(), o.draw(n, a)
	}
	if port >= 0 { // --proto any --port N: TCP and UDP on that port
		any := false
		for _, p := range protos {
			q.Proto, q.DstPort = p, uint16(port)
			a := reach.Ask(n, q)
			o.print(w, srcName, dstName, a, nil)
			any = any || a.Reachable()
		}
		return any, nil
	}
	sums := reach.Ports(n, q, protos)
	a := summaryAnswer(sums)
	o.print(w, srcName, dstName, a, sums)
	return a.Reachable(), o.draw(n, a)
}

func echoType(p model.Protocol) int {
	if p == model.ProtoICMPv6 {
		return 128
	}
	return 8
}

// parseProtos turns --proto into the protocols to check.
func parseProtos(s string, port int, dst netip.Addr) ([]model.Protocol, error) {
	icmp := model.ProtoICMP
	if dst.Is6() {
		icmp = model.ProtoICMPv6
	}
	switch strings.ToLower(s) {
	case "":
		if port >= 0 {
			return []model.Protocol{model.ProtoTCP}, nil
		}
		return []model.Protocol{model.ProtoTCP, model.ProtoUDP, icmp}, nil
	case "any", "all", "-1":
		if port >= 0 {
			return []model.Protocol{model.ProtoTCP, model.ProtoUDP}, nil
		}
		return []model.Protocol{model.ProtoTCP, model.ProtoUDP, icmp}, nil
	case "tcp":
		return []model.Protocol{model.ProtoTCP}, nil
	case "udp":
		return []model.Protocol{model.ProtoUDP}, nil
	case "icmp", "ping", "icmpv6":
		return []model.Protocol{icmp}, nil
	}
	return nil, fmt.Errorf("--proto %q: want tcp, udp, icmp or any", s)
}

// summaryAnswer picks the answer to show for a "which ports" question: a
// reachable sample when something is reachable, else the first blocked one.
func summaryAnswer(sums []reach.ProtoSummary) *reach.Answer {
	for _, s := range sums {
		if s.Sample != nil {
			return s.Sample
		}
	}
	for _, s := range sums {
		if s.Blocked != nil {
			return s.Blocked
		}
	}
	return &reach.Answer{Verdict: reach.Unknown}
}

// portsJSON is the JSON of a "which ports" answer: the contract fields plus the reachable ports.
type portsJSON struct {
	reach.JSON
	ReachablePorts map[string]string `json:"reachablePorts"`
}

func (o *canReachOpts) print(w io.Writer, src, dst string, a *reach.Answer, sums []reach.ProtoSummary) {
	a.Warnings = append(a.Warnings, o.in.onPath(a, o.json || o.flows != "")...)
	for _, fix := range o.explain {
		fix(a)
	}
	if o.json {
		j := a.ToJSON(src, dst, sums == nil)
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		if sums == nil {
			_ = enc.Encode(j)
			return
		}
		j.Proto = "any"
		_ = enc.Encode(portsJSON{JSON: j, ReachablePorts: portsMap(sums)})
		return
	}
	printHuman(w, src, dst, a, sums)
}

func portsMap(sums []reach.ProtoSummary) map[string]string {
	m := map[string]string{}
	for _, s := range sums {
		m[s.Proto.String()] = portsString(s)
	}
	return m
}

func portsString(s reach.ProtoSummary) string {
	if len(s.Reachable) == 0 && s.Unknown {
		return "unknown"
	}
	if len(s.Reachable) == 0 {
		return "none"
	}
	if !s.Proto.HasPorts() {
		return "echo"
	}
	var parts []string
	for _, r := range s.Reachable {
		if r.From == 1 && r.To == 65535 {
			return "all"
		}
		parts = append(parts, r.String())
	}
	return strings.Join(parts, ",")
}

func printHuman(w io.Writer, src, dst string, a *reach.Answer, sums []reach.ProtoSummary) {
	if sums != nil {
		fmt.Fprintf(w, "%s -> %s:\n", src, dst)
		for _, s := range sums {
			fmt.Fprintf(w, "  %-6s %s\n", s.Proto, portsString(s))
		}
		fmt.Fprintf(w, "path of %s (%s):\n", a.Packet, a.Verdict)
	} else {
		fmt.Fprintf(w, "%s -> %s: %s: %s\n", src, dst, a.Packet, strings.ToUpper(a.Verdict.String()))
	}
	printHops(w, "forward", a.Forward)
	printHops(w, "return", a.Return)
	if len(a.Explanations) > 0 {
		if a.Verdict == reach.Unknown {
			fmt.Fprintln(w, "unknown because:")
		} else {
			fmt.Fprintln(w, "blocked by:")
		}
		for _, e := range a.Explanations {
			fmt.Fprintf(w, "  - [%s] %s %s: %s\n", e.Direction, e.Code, e.Component, e.Detail)
			if e.Fix != "" {
				fmt.Fprintf(w, "    fix: %s\n", e.Fix)
			}
		}
	}
	for _, warn := range a.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
}

func printHops(w io.Writer, title string, hops []reach.Hop) {
	if len(hops) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", title)
	for i, h := range hops {
		fmt.Fprintf(w, "  %2d. %-16s %-8s %s", i+1, h.Kind, h.Action, h.Component)
		if h.Rule != "" {
			fmt.Fprintf(w, ": %s", h.Rule)
		}
		fmt.Fprintln(w)
	}
}

// runFlows answers every flow of a CSV file, one line each, in file order.
func (o *canReachOpts) runFlows(cmd *cobra.Command, n *network.Network) error {
	f, err := os.Open(o.flows)
	if err != nil {
		return usageErr("--flows: %v", err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		return usageErr("--flows %s: %v", o.flows, err)
	}
	if len(rows) == 0 {
		return usageErr("--flows %s: empty file; want a header src,dst,proto,port", o.flows)
	}
	col, err := flowColumns(rows[0])
	if err != nil {
		return usageErr("--flows %s:1: %v", o.flows, err)
	}
	failed := 0
	for i, row := range rows[1:] {
		if err := o.flow(cmd.OutOrStdout(), n, row, col); err != nil {
			failed++
			fmt.Fprintf(cmd.ErrOrStderr(), "%s:%d: %v\n", o.flows, i+2, err)
		}
	}
	if failed > 0 {
		return usageErr("%d of %d flows could not be answered", failed, len(rows)-1)
	}
	return nil
}

func flowColumns(header []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"src", "dst"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("header lacks %q (want src,dst,proto,port)", need)
		}
	}
	return col, nil
}

func (o *canReachOpts) flow(w io.Writer, n *network.Network, row []string, col map[string]int) error {
	get := func(k string) string {
		if i, ok := col[k]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	port := -1
	if p := get("port"); p != "" {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 || v > 65535 {
			return fmt.Errorf("port %q: want a number 0-65535", p)
		}
		port = v
	}
	proto := get("proto")
	if proto == "" {
		proto = o.proto
	}
	_, err := o.one(w, n, get("src"), get("dst"), proto, port)
	return err
}

// draw writes the path of a to --diagram, when asked for.
func (o *canReachOpts) draw(n *network.Network, a *reach.Answer) error {
	if o.diagram == "" || a == nil {
		return nil
	}
	f, _ := viz.ParseFormat(filepath.Ext(o.diagram))
	out, err := os.Create(o.diagram)
	if err != nil {
		return err
	}
	if err := viz.WritePath(out, n.Snap, a, f); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
