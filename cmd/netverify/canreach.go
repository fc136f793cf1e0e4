package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/cmd/netverify/internal/answertext"
	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
	"github.com/netverify/netverify/viz"
)

func init() { register(newCanReachCmd) }

// canReachOpts binds the flags of can-reach.
type canReachOpts struct {
	in      inputFlags
	proto   string
	portArg string
	port    int
	srcPort int
	oneWay  bool
	json    bool
	flows   string
	stage   string
	diagram string
	method  string
	path    string
	headers []string
	format  *formatFlag
	ends    [2]string // the resource IDs the two ends found, for --json
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

--port takes a number or a service name (https, http, ssh, dns, postgres, mysql, rdp, ...).

Exit code: 0 reachable, 1 not reachable (or unknown), 2 usage or input error.

With --flows (CSV header src,dst,proto,port and an optional expect column:
reachable, blocked or unknown): one answer per flow, in file order, then the summary
"N flows: R reachable, B blocked, U unknown" on stderr. Exit 1 when a flow is not
reachable, or, with an expect column, when a flow's verdict differs from its expect
(an empty expect means reachable); 2 when a line cannot be answered.
--format text (default) or json prints each answer in full; table and csv one row per
flow (src, dst, proto, port, verdict, expect, the packet, what decided). csv output is
a valid --flows input.`,
		Example: `  netverify can-reach fn-fetch 93.184.215.14 --port 443
  netverify can-reach internet web-1 --proto tcp --port 22 --json
  netverify can-reach i-0abc 10.2.0.10                     # which ports?
  netverify can-reach --flows flows.csv --in ./aws_configs --json`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	o.in.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.proto, "proto", "", "protocol: tcp, udp, icmp or any (default tcp with --port, any without)")
	f.StringVar(&o.portArg, "port", "", "destination `PORT`: a number or a service name (https, ssh, dns, postgres, ...)")
	f.IntVar(&o.srcPort, "src-port", 0, "source port (default: every class of the initiator's ephemeral range, R2.12)")
	f.BoolVar(&o.oneWay, "one-way", false, "check only the forward direction, not the response")
	f.BoolVar(&o.json, "json", false, "print JSON (one object per line with --flows)")
	f.StringVar(&o.flows, "flows", "", "answer every flow of a CSV `FILE` (header src,dst,proto,port)")
	f.StringVar(&o.diagram, "diagram", "", "also draw the path to `FILE` (.svg, .dot or .mmd): forward, return and what blocks")
	f.StringVar(&o.stage, "stage", "", "API stage to call when DST is an API (default: its first deployed stage)")
	f.StringVar(&o.method, "method", "", "HTTP method of the request when DST is an API (default: every method of the stage, as a table)")
	f.StringVar(&o.path, "path", "", "path of the request when DST is an API, e.g. /hello (without the stage)")
	f.StringArrayVar(&o.headers, "header", nil, "header `K:V` of the request when DST is an API (repeatable; added to the recipes)")
	o.format = bindFormat(cmd, &o.in, "text", "json", "table", "csv")
	return cmd
}

func (o *canReachOpts) run(cmd *cobra.Command, args []string) error {
	if o.flows == "" && len(args) != 2 {
		return usageErr("can-reach needs SRC and DST (or --flows FILE.csv)")
	}
	if o.flows != "" && len(args) != 0 {
		return usageErr("can-reach --flows takes no SRC DST arguments")
	}
	if err := o.parsePorts(); err != nil {
		return err
	}
	if o.json {
		o.format.val = "json"
	}
	o.json = o.format.val == "json"
	if o.flows == "" && (o.format.val == "table" || o.format.val == "csv") {
		return usageErr("--format %s prints one row per flow: it needs --flows", o.format.val)
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
	k := ask.New(network.Compile(snap))
	if o.flows != "" {
		return o.runFlows(cmd, k)
	}
	ok, err := o.one(cmd.OutOrStdout(), k, args[0], args[1], o.proto, o.port)
	if err != nil {
		return err
	}
	if !ok {
		return silentExit(1)
	}
	return nil
}

// query is the question of the flags and the two ends.
func (o *canReachOpts) query(src, dst, proto string, port int) ask.Query {
	return ask.Query{Src: src, Dst: dst, Proto: proto, Port: port, SrcPort: uint16(o.srcPort), OneWay: o.oneWay, Stage: o.stage,
		Method: o.method, Path: o.path, Headers: o.headers}
}

// one answers a single question and prints it; it reports whether it is
// reachable. Its error is the user's (exit 2).
func (o *canReachOpts) one(w io.Writer, k *ask.Asker, srcName, dstName, protoName string, port int) (bool, error) {
	a, err := k.Ask(o.query(srcName, dstName, protoName, port))
	if err != nil {
		return false, usageErr("%v", err)
	}
	o.printAnswer(w, srcName, dstName, a)
	return a.Reachable(), o.draw(k, a)
}

// printAnswer prints any answer of the question layer.
func (o *canReachOpts) printAnswer(w io.Writer, srcName, dstName string, a *ask.Answer) {
	o.ends = [2]string{a.Src.ID, a.Dst.ID}
	if !o.json {
		answertext.Write(w, srcName, dstName, a, func(p *reach.Answer) []string { return o.in.onPath(p, o.flows != "") })
		return
	}
	switch a.Kind {
	case ask.AnswerAPICall:
		o.printAPI(w, srcName, dstName, a)
	case ask.AnswerBackend:
		for _, p := range a.Packets {
			o.print(w, srcName+" via "+answertext.LegSource(p), dstName, p, nil)
		}
	case ask.AnswerPorts:
		o.print(w, srcName, dstName, a.Path(), a.Ports)
	default:
		for _, p := range a.Packets {
			o.print(w, srcName, dstName, p, nil)
		}
	}
}

// portsJSON is the JSON of a "which ports" answer: the contract fields plus the reachable ports.
type portsJSON struct {
	reach.JSON
	ReachablePorts map[string]string `json:"reachablePorts"`
	// Packet is the packet of the path shown (forward, return).
	Packet packetRef `json:"packet"`
	SrcID  string    `json:"srcId,omitempty"`
	DstID  string    `json:"dstId,omitempty"`
}

// print writes one packet answer as JSON (text goes through answertext.Write).
func (o *canReachOpts) print(w io.Writer, src, dst string, a *reach.Answer, sums []reach.ProtoSummary) {
	a.Warnings = append(a.Warnings, o.in.onPath(a, true)...)
	j := a.ToJSON(src, dst, sums == nil)
	if sums == nil {
		_ = writeJSON(w, packetJSON{JSON: j, fiveTuple: tupleOf(a.Packet), SrcID: o.ends[0], DstID: o.ends[1]}, false)
		return
	}
	j.Proto = "any"
	ref := packetRef{Proto: a.Packet.Proto.String(), fiveTuple: tupleOf(a.Packet)}
	_ = writeJSON(w, portsJSON{JSON: j, ReachablePorts: portsMap(sums), Packet: ref, SrcID: o.ends[0], DstID: o.ends[1]}, false)
}

func portsMap(sums []reach.ProtoSummary) map[string]string {
	m := map[string]string{}
	for _, s := range sums {
		m[s.Proto.String()] = answertext.PortsString(s)
	}
	return m
}

// runFlows answers every flow of a CSV file, one line each, in file order.
func (o *canReachOpts) runFlows(cmd *cobra.Command, k *ask.Asker) error {
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
	_, withExpect := col["expect"]
	var results []flowResult
	failed := 0
	for i, row := range rows[1:] {
		r, err := o.flow(cmd.OutOrStdout(), k, row, col)
		if err != nil {
			failed++
			fmt.Fprintf(cmd.ErrOrStderr(), "%s:%d: %v\n", o.flows, i+2, err)
			continue
		}
		results = append(results, r)
	}
	if err := printFlowRows(cmd.OutOrStdout(), o.format.val, results); err != nil {
		return err
	}
	sum := summarizeFlows(results, withExpect)
	fmt.Fprintln(cmd.ErrOrStderr(), sum)
	if failed > 0 {
		return usageErr("%d of %d flows could not be answered", failed, len(rows)-1)
	}
	if sum.failing(withExpect) {
		return silentExit(1)
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

// flow answers one line of --flows; text and json print the answer at once.
func (o *canReachOpts) flow(w io.Writer, k *ask.Asker, row []string, col map[string]int) (flowResult, error) {
	get := func(k string) string {
		if i, ok := col[k]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	r := flowResult{Src: get("src"), Dst: get("dst"), Proto: get("proto"), Port: get("port")}
	port := -1
	if r.Port != "" {
		v, err := parsePort(r.Port)
		if err != nil {
			return r, fmt.Errorf("port %v", err)
		}
		port = v
	}
	if r.Proto == "" {
		r.Proto = o.proto
	}
	if err := checkPortProto(r.Proto, port); err != nil {
		return r, fmt.Errorf("proto %s with port %s: %v", r.Proto, r.Port, err)
	}
	expect, err := parseExpect(get("expect"))
	if err != nil {
		return r, err
	}
	r.Expect = expect
	a, err := k.Ask(o.query(r.Src, r.Dst, r.Proto, port))
	if err != nil {
		return r, err
	}
	if o.format.val == "text" || o.format.val == "json" {
		o.printAnswer(w, r.Src, r.Dst, a)
	}
	r.fill(a)
	return r, nil
}

// draw writes the path of a to --diagram, when asked for.
func (o *canReachOpts) draw(k *ask.Asker, a *ask.Answer) error {
	if o.diagram == "" || a.Path() == nil {
		return nil
	}
	f, _ := viz.ParseFormat(filepath.Ext(o.diagram))
	out, err := os.Create(o.diagram)
	if err != nil {
		return err
	}
	path, res, api := a.Overlay()
	if err := viz.WritePath(out, k.Network().Snap, path, viz.Options{DNS: res, API: api}, f); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
