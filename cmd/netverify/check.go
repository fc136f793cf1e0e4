package main

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	mdns "github.com/miekg/dns"
	"github.com/spf13/cobra"

	"github.com/netverify/netverify/cmd/netverify/internal/answertext"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/dns"
	apihttp "github.com/netverify/netverify/solver/http"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

func init() { register(newCheckCmd) }

// checkOpts binds the flags of check.
type checkOpts struct {
	in       inputFlags
	json     bool
	format   *formatFlag
	examples bool
}

func newCheckCmd() *cobra.Command {
	o := &checkOpts{}
	cmd := &cobra.Command{
		Use:   "check [INTENTS.yaml]...",
		Short: "Run intents (can-reach, cannot-reach, resolves-to, only-ports) as tests",
		Long: `Check every intent of the inputs and of the INTENTS files (scenario files whose
intents: list states what must hold) against the network, and report each as PASS,
FAIL or UNKNOWN (the input cannot decide it) with the answer that decided it.

Intent kinds: can-reach and cannot-reach (from, to, proto, port, via: components the
path must cross; "to" may be an API, then at least one way of calling it must work),
resolves-to (from, name, expect: addresses), only-ports (from, to, expect: the exact
reachable ports, e.g. [tcp/443]).

The network is what --in gives; without --in, the given files themselves (a template
or state given as INTENTS is the network); INTENTS files that hold only intents need --in.
The built-in example is checked only when neither is given.

--format text (default) and table end with "N intents: P passed, F failed, U unknown";
json prints one object per intent (schemaVersion, intent, kind, source, status, pass,
got, detail); junit a JUnit XML report (a testsuite per input, a testcase per intent,
a failure for each that fails or is unknown); sarif a SARIF 2.1.0 log for code
scanning (a result per intent that fails or is unknown, at its file:line:col); github
workflow commands (::error file=...,line=...::) that annotate the intents' lines in a
pull request. With json, junit and sarif the summary line goes to stderr.

Exit code: 0 every intent holds, 1 at least one fails or is unknown, 2 usage or input
error (including an intent that names nothing in the network).`,
		Example: `  netverify check                                   # the built-in example's intents
  netverify check --all-examples                    # every built-in example
  netverify check intents.yaml --in ./aws_configs   # your assertions against a live import
  netverify check intents.yaml --format junit > report.xml
  netverify check intents.yaml --format sarif > netverify.sarif
  netverify check intents.yaml --format github      # in a GitHub Actions step`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	o.in.bind(cmd)
	o.format = bindFormat(cmd, &o.in, checkFormats...)
	cmd.Flags().BoolVar(&o.json, "json", false, "print one JSON object per intent (--format json)")
	cmd.Flags().BoolVar(&o.examples, "all-examples", false, "check the intents of every built-in example (ignores --in)")
	return cmd
}

// Intent statuses: an unknown answer proves nothing, so it does not pass.
const (
	statusPass    = "pass"
	statusFail    = "fail"
	statusUnknown = "unknown"
)

// intentResult is the outcome of one intent (the --json contract).
type intentResult struct {
	Intent string `json:"intent"`
	Kind   string `json:"kind"`
	Source string `json:"source,omitempty"`
	// Status is pass, fail or unknown (the input cannot decide the intent).
	Status string `json:"status" jsonschema:"enum=pass,enum=fail,enum=unknown"`
	Pass   bool   `json:"pass"`
	Got    string `json:"got"`
	Detail string `json:"detail,omitempty"`
	// Warnings are the input's warnings and errors about resources on the
	// intent's path: they can change the verdict.
	Warnings []string `json:"warnings,omitempty"`

	input string       // the sources the intent was checked against
	pos   model.Source // where the intent is written
}

// setStatus derives Status (and Pass) from pass and unknown.
func (r *intentResult) setStatus(pass, unknown bool) {
	r.Pass = pass && !unknown
	switch {
	case r.Pass:
		r.Status = statusPass
	case unknown:
		r.Status = statusUnknown
	default:
		r.Status = statusFail
	}
}

func (o *checkOpts) run(cmd *cobra.Command, args []string) error {
	if o.json {
		o.format.val = "json"
	}
	sets := [][]string{}
	if o.examples {
		for _, ex := range scenarios.Examples() {
			sets = append(sets, []string{"example:" + ex.Name})
		}
	} else {
		sets = append(sets, o.sources(args))
	}
	var results []intentResult
	for _, srcs := range sets {
		in := o.in
		in.in = srcs
		snap, _, err := in.load(cmd)
		if err != nil {
			return err
		}
		if !o.examples && len(o.in.in) == 0 && !describesNetwork(snap) {
			return usageErr("no network to check: %s hold only intents; give --in SOURCE (a template, a Terraform state, a describe-JSON directory, a scenario or example:NAME)", strings.Join(srcs, ", "))
		}
		rs, err := checkAll(snap, strings.Join(srcs, " "), func(a *reach.Answer) []string { return in.onPath(a, false) })
		if err != nil {
			return err
		}
		results = append(results, rs...)
	}
	if len(results) == 0 {
		return usageErr("no intents found: add an intents: list to a scenario file")
	}
	sum := summarize(results)
	sum.networks = networksChecked(sets)
	if err := writeResults(cmd.OutOrStdout(), cmd.ErrOrStderr(), o.format.val, results, len(sets) > 1, sum); err != nil {
		return err
	}
	if sum.failed+sum.unknown > 0 {
		return silentExit(1)
	}
	return nil
}

// checkAll checks every intent of snap; warn (nil for none) returns the
// input's warnings about the resources of an answer's path.
func checkAll(snap *model.Snapshot, input string, warn func(*reach.Answer) []string) ([]intentResult, error) {
	c := &checker{k: ask.New(network.Compile(snap)), warn: warn}
	var out []intentResult
	for _, in := range snap.Intents {
		r, err := c.check(in)
		if err != nil {
			return nil, usageErr("%s: intent %q: %v", in.Source, in.Describe(), err)
		}
		r.input = input
		out = append(out, r)
	}
	return out, nil
}

// checker answers intents through the question layer, as can-reach and
// resolve do.
type checker struct {
	k    *ask.Asker
	warn func(*reach.Answer) []string
}

// warnings notes the input's warnings about a's path in r.
func (c *checker) warnings(r *intentResult, a *reach.Answer) {
	if c.warn != nil && a != nil {
		r.Warnings = c.warn(a)
	}
}

func (c *checker) check(in model.Intent) (intentResult, error) {
	r := intentResult{Intent: in.Describe(), Kind: string(in.Kind), Source: in.Source.String(), pos: in.Source}
	var err error
	switch in.Kind {
	case model.IntentCanReach, model.IntentCannotReach:
		err = c.reach(&r, in)
	case model.IntentResolvesTo:
		err = c.resolves(&r, in)
	case model.IntentOnlyPorts:
		err = c.onlyPorts(&r, in)
	default:
		err = fmt.Errorf("unknown intent kind %q", in.Kind)
	}
	return r, err
}

// query is the intent's question: with a port, that port; without one,
// whether any port of the protocol(s) is reachable.
func query(in model.Intent) ask.Query {
	port := -1
	if in.Port != 0 {
		port = in.Port
	}
	return ask.Query{Src: in.From, Dst: in.To, Proto: in.Protocol, Port: port}
}

func (c *checker) reach(r *intentResult, in model.Intent) error {
	want := in.Kind == model.IntentCanReach
	a, err := c.k.Ask(query(in))
	if err != nil {
		return err
	}
	// Unknown proves neither: a cannot-reach intent does not pass on it.
	r.setStatus(a.Reachable() == want, a.Verdict == reach.Unknown)
	if a.Kind == ask.AnswerAPICall {
		c.warnings(r, a.Path())
		r.Got = fmt.Sprintf("%s (%d of %d ways work)", a.Verdict, len(a.API.Working()), len(a.API.Methods))
		if bad := conditionsMismatch(a.API.Conditions(), in.Conditions); want && r.Pass && bad != "" {
			r.Pass = false
			r.Got += ", but " + bad
		}
		r.Detail = methodsDetail(a.API, want)
		return nil
	}
	r.Got = a.Verdict.String()
	path := a.Path()
	c.warnings(r, path)
	if missing := c.missingVia(path, in.Via); want && r.Pass && len(missing) > 0 {
		r.setStatus(false, false)
		r.Got += ", but the path does not cross " + strings.Join(missing, ", ")
	}
	r.Detail = answerDetail(in, path)
	return nil
}

func (c *checker) resolves(r *intentResult, in model.Intent) error {
	res, err := c.k.Resolution(in.From, in.Name, mdns.TypeA)
	if err != nil {
		return err
	}
	got := res.Addresses()
	want := slices.Sorted(slices.Values(in.Expect))
	r.setStatus(slices.Equal(got, want), false)
	r.Got = res.RcodeString() + " " + strings.Join(got, ",")
	if !r.Pass {
		var b strings.Builder
		fmt.Fprintf(&b, "expected %s\n", strings.Join(want, ","))
		dns.WriteChain(&b, res, "")
		r.Detail = b.String()
	}
	return nil
}

func (c *checker) onlyPorts(r *intentResult, in model.Intent) error {
	q := query(in)
	q.Proto, q.Port = "", -1
	a, err := c.k.Ask(q)
	if err != nil {
		return err
	}
	if a.Kind != ask.AnswerPorts {
		return fmt.Errorf("only-ports needs two packet endpoints; %s -> %s is answered as %s", in.From, in.To, a.Kind)
	}
	var got []string
	for _, s := range a.Ports {
		for _, p := range s.Reachable {
			if !s.Proto.HasPorts() {
				got = append(got, s.Proto.String())
				continue
			}
			got = append(got, s.Proto.String()+"/"+p.String())
		}
	}
	sort.Strings(got)
	want := slices.Sorted(slices.Values(in.Expect))
	r.Got = strings.Join(got, ",")
	if r.Got == "" {
		r.Got = "nothing reachable"
	}
	unknown := false
	for _, s := range a.Ports {
		if s.Unknown { // an undecided class might be open: the intent is not proven
			unknown = true
			r.Got += fmt.Sprintf("; some %s ports are unknown: %s", s.Proto, firstUnknown(s.Blocked))
		}
	}
	// A port known to be open that the intent does not list fails it
	// whatever the unknown classes hold.
	extra := slices.ContainsFunc(got, func(p string) bool { return !slices.Contains(want, p) })
	r.setStatus(slices.Equal(got, want), unknown && !extra)
	if !r.Pass {
		r.Detail = "expected " + strings.Join(want, ",")
	}
	return nil
}

// conditionsMismatch says how the conditions of a reachable answer break
// the intent's conditions: list ("none" forbids any), or "" when they fit.
func conditionsMismatch(got, want []string) string {
	if len(want) == 0 {
		return ""
	}
	if len(want) == 1 && strings.EqualFold(want[0], "none") {
		if len(got) > 0 {
			return "it works only if " + strings.Join(got, "; and ")
		}
		return ""
	}
	for _, w := range want {
		found := false
		for _, g := range got {
			found = found || strings.Contains(g, w)
		}
		if !found {
			return "no condition of the answer says " + strconv.Quote(w)
		}
	}
	return ""
}

// missingVia returns the components the intent says the path must cross
// but does not. A component is named as anywhere else (ID, Name tag,
// logical ID, Terraform address) and matched against the IDs of the hops;
// a word that names no resource is looked for in the hops' text.
func (c *checker) missingVia(a *reach.Answer, via []string) []string {
	var missing []string
	for _, v := range via {
		if !c.crosses(a, v) {
			missing = append(missing, v)
		}
	}
	return missing
}

func (c *checker) crosses(a *reach.Answer, v string) bool {
	if a == nil {
		return false
	}
	ids := c.k.IDs(v)
	for _, h := range append(slices.Clone(a.Forward), a.Return...) {
		for _, id := range ids {
			if h.Involves(id) {
				return true
			}
		}
		if len(ids) == 0 && (strings.Contains(h.Component, v) || strings.Contains(h.Rule, v)) {
			return true
		}
	}
	return false
}

func answerDetail(in model.Intent, a *reach.Answer) string {
	if a == nil {
		return ""
	}
	var b strings.Builder
	answertext.Packet(&b, in.From, in.To, a, nil)
	return b.String()
}

// methodsDetail lists each way of calling the API with its status and first reason.
func methodsDetail(a *apihttp.Answer, want bool) string {
	var b strings.Builder
	for i := range a.Methods {
		m := &a.Methods[i]
		fmt.Fprintf(&b, "%s %s: %s", m.Form, answertext.Curl(m), m.Verdict)
		if len(m.Reasons) > 0 {
			fmt.Fprintf(&b, " (%s: %s)", m.Reasons[0].Code, m.Reasons[0].Detail)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// firstUnknown names what an unknown answer lacks.
func firstUnknown(a *reach.Answer) string {
	if a != nil {
		for _, e := range a.Explanations {
			if e.Code.IsUnknown() {
				return e.Component + ": " + e.Detail
			}
		}
	}
	return "the input lacks what they need"
}

// sources are the inputs of one check: --in and the INTENTS files; without
// --in, the INTENTS files alone when there are some (a template given there
// is the network: the built-in example is checked only when nothing is given).
func (o *checkOpts) sources(args []string) []string {
	if len(o.in.in) == 0 && len(args) > 0 {
		return args
	}
	return append(o.in.sources(), args...)
}

// describesNetwork reports whether the snapshot holds any network to check
// intents against, not only intents.
func describesNetwork(s *model.Snapshot) bool {
	return len(s.VPCs)+len(s.Sites)+len(s.LambdaFunctions)+len(s.RestAPIs)+len(s.HTTPAPIs)+len(s.HostedZones) > 0
}

// networksChecked names the networks of the summary line.
func networksChecked(sets [][]string) string {
	names := make([]string, len(sets))
	for i, srcs := range sets {
		names[i] = strings.Join(srcs, " + ")
	}
	if len(names) == 1 {
		return "network: " + names[0]
	}
	return fmt.Sprintf("%d networks: %s", len(names), strings.Join(names, ", "))
}
