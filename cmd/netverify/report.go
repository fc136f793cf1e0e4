package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/cmd/netverify/internal/askbox"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/diff"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/scan"
	"github.com/netverify/netverify/viz/report"
)

func init() { register(newReportCmd) }

// reportOpts binds the flags of report.
type reportOpts struct {
	in       inputFlags
	intended inputFlags
	out      string
	noBox    bool
}

func newReportCmd() *cobra.Command {
	o := &reportOpts{in: inputFlags{lenient: true}}
	cmd := &cobra.Command{
		Use:   "report --out FILE.html [INTENTS.yaml]...",
		Short: "Write a design-review report: one HTML file with the topology, the findings and a question box",
		Long: `Write one self-contained HTML file (it loads nothing from the network) for a design
review: the topology (pan, zoom, double-click a VPC, zone or subnet to collapse or expand it,
search by name or ID, click a node for its rules, routes, tags and where the input defines
it); the findings: internet exposure as scan --internet-exposure finds it, every intent
checked as check does (those of the inputs and of the INTENTS files), every unknown and
what it lacks, the inputs' errors and warnings, and drift against --intended; and a
question box that answers as can-reach does, computed in the page by the solver compiled
to WebAssembly with the network embedded.

The WebAssembly is built at report time with the Go toolchain (go on PATH) from the
netverify sources this binary was built from, and kept in the user cache directory;
without a Go toolchain, --no-question-box writes the report without the box.

Exit code: 0 written, 2 usage or input error.`,
		Example: `  netverify report --out review.html
  netverify report --out review.html --in ./aws_configs intents.yaml
  netverify report --out drift.html --in ./aws_configs --intended template.yaml`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	o.in.bind(cmd)
	f := cmd.Flags()
	f.StringVar(&o.out, "out", "", "write the report to `FILE` (.html)")
	f.StringArrayVar(&o.intended.in, "intended", nil, "also show the drift of the network from the intended `SOURCE` (repeatable, as drift --intended)")
	f.BoolVar(&o.noBox, "no-question-box", false, "leave the question box out (it needs the Go toolchain to build its WebAssembly)")
	return cmd
}

func (o *reportOpts) run(cmd *cobra.Command, args []string) error {
	if o.out == "" {
		return usageErr("report needs --out FILE.html")
	}
	o.in.in = append(o.in.sources(), args...)
	snap, diags, err := o.in.load(cmd)
	if err != nil {
		return err
	}
	r, err := o.build(cmd, snap, diags)
	if err != nil {
		return err
	}
	var box report.Box
	if !o.noBox {
		if box, err = buildBox(snap, diags); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, box); err != nil {
		return err
	}
	if err := os.WriteFile(o.out, buf.Bytes(), 0o644); err != nil {
		return usageErr("--out: %v", err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%s)\n", o.out, sizeString(buf.Len()))
	return nil
}

// build computes what the report shows, through the same calls as scan,
// check and drift.
func (o *reportOpts) build(cmd *cobra.Command, snap *model.Snapshot, diags model.Diagnostics) (*report.Report, error) {
	n := network.Compile(snap)
	r := &report.Report{Title: "netverify design review: " + strings.Join(o.in.in, " + "), Sources: o.in.in,
		Version: currentVersion(), Topology: report.BuildTopology(snap)}
	if err := exposureFindings(&r.Findings, n); err != nil {
		return nil, err
	}
	intentFindings(r, snap, ask.New(n))
	for _, d := range diags {
		if d.Severity >= model.SevWarning {
			r.Findings.Diagnostics = append(r.Findings.Diagnostics, report.Diagnostic{Severity: d.Severity.String(), Message: d.Message,
				Resource: d.Resource, Source: d.Source.String()})
		}
	}
	if len(o.intended.in) > 0 {
		o.intended.lenient = true
		intended, _, err := o.intended.load(cmd)
		if err != nil {
			return nil, err
		}
		var b strings.Builder
		diff.Compare(intended, snap).WritePlan(&b, false)
		r.Findings.Drift, r.Findings.DriftSet = b.String(), true
	}
	return r, nil
}

// exposureFindings is scan --internet-exposure: its text, and the undecided as unknowns.
func exposureFindings(f *report.Findings, n *network.Network) error {
	s := scan.New(n)
	ex, _, err := s.InternetExposure()
	if err != nil {
		return usageErr("%v", err)
	}
	ex = append(ex, ask.New(n).FunctionURLExposure()...)
	var b strings.Builder
	text := &scanOpts{format: &formatFlag{val: "text"}}
	if err := text.printExposure(&b, ex); err != nil {
		return err
	}
	for _, line := range s.BlockedByBPA(ex) {
		fmt.Fprintf(&b, "note: %s\n", line)
	}
	f.Exposure = b.String()
	for _, x := range ex {
		if x.ENI != "" {
			f.Exposed = append(f.Exposed, x.ENI)
		}
		what := strings.TrimSpace("internet exposure of " + x.Label + " " + x.Private)
		if x.Undecided != "" {
			f.Unknowns = append(f.Unknowns, report.Unknown{What: what, Lacks: x.Undecided, IDs: []string{x.ENI}})
		}
		for _, w := range x.Warnings {
			f.Unknowns = append(f.Unknowns, report.Unknown{What: what, Lacks: w, IDs: []string{x.ENI}})
		}
	}
	return nil
}

// intentFindings checks every intent as check does; an intent that cannot
// be asked (a name that matches nothing) is shown with check's message.
func intentFindings(r *report.Report, snap *model.Snapshot, k *ask.Asker) {
	c := &checker{k: k}
	for _, in := range snap.Intents {
		res, err := c.check(in)
		it := report.Intent{Intent: in.Describe(), Status: res.Status, Got: res.Got, Detail: res.Detail, Source: in.Source.String()}
		if err != nil {
			it.Status, it.Got = "error", err.Error()
		}
		r.Findings.Intents = append(r.Findings.Intents, it)
		if it.Status == statusUnknown {
			r.Findings.Unknowns = append(r.Findings.Unknowns, report.Unknown{What: "intent " + it.Intent, Lacks: unknownBecause(res.Detail), Source: it.Source})
		}
		if in.Kind != model.IntentResolvesTo {
			q := report.Question{Src: in.From, Dst: in.To, Proto: in.Protocol}
			if in.Port != 0 {
				q.Port = strconv.Itoa(in.Port)
			}
			if in.Kind == model.IntentOnlyPorts {
				q.Proto, q.Port = "", ""
			}
			r.Examples = append(r.Examples, q)
		}
	}
	for _, res := range snapResources(snap) {
		for _, note := range res.Assumed {
			r.Findings.Unknowns = append(r.Findings.Unknowns, report.Unknown{What: res.ID + " (assumed)", Lacks: note, IDs: []string{res.ID}, Source: res.Source.String()})
		}
	}
}

// unknownBecause is the "unknown because:" part of an answer's text.
func unknownBecause(detail string) string {
	_, after, ok := strings.Cut(detail, "unknown because:\n")
	if !ok {
		return strings.TrimSpace(detail)
	}
	var lines []string
	for _, l := range strings.Split(after, "\n") {
		if !strings.HasPrefix(l, "  ") {
			break
		}
		lines = append(lines, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "- ")))
	}
	return strings.Join(lines, "; ")
}

// snapResources are the metas of the resources the topology draws.
func snapResources(s *model.Snapshot) []*model.Meta {
	var out []*model.Meta
	for _, v := range s.VPCs {
		out = append(out, &v.Meta)
	}
	for _, x := range s.Subnets {
		out = append(out, &x.Meta)
	}
	for _, x := range s.ENIs {
		out = append(out, &x.Meta)
	}
	for _, x := range s.Instances {
		out = append(out, &x.Meta)
	}
	for _, x := range s.LambdaFunctions {
		out = append(out, &x.Meta)
	}
	return out
}

// buildBox is the question box: the WebAssembly solver and the network.
func buildBox(snap *model.Snapshot, diags model.Diagnostics) (report.Box, error) {
	payload, err := boxPayload(snap, diags)
	if err != nil {
		return report.Box{}, err
	}
	wasm, exec, err := questionBoxWASM()
	if err != nil {
		return report.Box{}, err
	}
	return report.Box{WASM: wasm, WasmExec: exec, Payload: payload}, nil
}

// boxPayload is the network the box answers about, as JSON. With input
// errors every answer carries the --allow-errors warning.
func boxPayload(snap *model.Snapshot, diags model.Diagnostics) ([]byte, error) {
	p := askbox.Payload{Snapshot: snap, Diagnostics: diags}
	if diags.HasErrors() {
		n := diags.Count(model.SevError)
		p.Caveat = "answered despite " + plural(n, "input error") + ", the answer may be wrong: " + errorSummary(diags)
	}
	return json.Marshal(p)
}

func sizeString(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", (n+1023)/1024)
}
