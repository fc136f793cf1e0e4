package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/dns"
	apihttp "github.com/netverify/netverify/solver/http"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// caller returns the API-call solver of n, built once per command.
func (o *canReachOpts) caller(n *network.Network) *apihttp.Caller {
	if o.apiCaller == nil {
		o.apiCaller = apihttp.New(n, dns.New(n))
	}
	return o.apiCaller
}

// callAPI answers "can SRC call API?" (issue: end-to-end API calls): every
// access method with its recipe, DNS chain and packet path, or why it fails.
func (o *canReachOpts) callAPI(w io.Writer, n *network.Network, srcName, dstName string, api *apihttp.API, protoName string, port int) (bool, error) {
	if port >= 0 && port != 443 {
		return false, fmt.Errorf("%s is an API: a call is HTTPS on tcp/443, not port %d", dstName, port)
	}
	if p := strings.ToLower(protoName); p != "" && p != "tcp" && p != "any" {
		return false, fmt.Errorf("%s is an API: a call is HTTPS on tcp/443, not %s", dstName, protoName)
	}
	a, err := o.caller(n).Call(srcName, api, apihttp.Options{Stage: o.stage})
	if err != nil {
		return false, fmt.Errorf("source: %w", err)
	}
	if o.json {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(apiJSON(srcName, dstName, a))
	} else {
		printAPIAnswer(w, srcName, a)
	}
	return a.Reachable(), o.draw(n, drawnPacket(a))
}

// apiAnswerJSON is the JSON of an API question: the contract fields of
// ARCHITECTURE.md plus the methods, each with its recipe or reasons.
type apiAnswerJSON struct {
	Src          string               `json:"src"`
	Dst          string               `json:"dst"`
	Proto        string               `json:"proto"`
	Port         int                  `json:"port"`
	Reachable    bool                 `json:"reachable"`
	Verdict      reach.Verdict        `json:"verdict"`
	API          string               `json:"api"`
	Kind         string               `json:"kind"`
	Stage        string               `json:"stage"`
	Methods      []methodJSON         `json:"methods"`
	Backend      []string             `json:"backend,omitempty"`
	Explanations []apiExplanationJSON `json:"explanations"`
	Warnings     []string             `json:"warnings"`
}

type apiExplanationJSON struct {
	apihttp.Reason
	Method string `json:"method"`
}

// methodJSON adds the DNS resolution and the packet path to a method.
type methodJSON struct {
	apihttp.Method
	DNS     *dns.JSON   `json:"dns,omitempty"`
	Forward []reach.Hop `json:"forward"`
	Return  []reach.Hop `json:"return"`
}

func methodsJSON(ms []apihttp.Method) []methodJSON {
	out := make([]methodJSON, 0, len(ms))
	for _, m := range ms {
		j := methodJSON{Method: m, Forward: []reach.Hop{}, Return: []reach.Hop{}}
		if m.DNS != nil {
			d := m.DNS.ToJSON()
			j.DNS = &d
		}
		if m.Packet != nil {
			j.Forward = append(j.Forward, m.Packet.Forward...)
			j.Return = append(j.Return, m.Packet.Return...)
		}
		out = append(out, j)
	}
	return out
}

func apiJSON(src, dst string, a *apihttp.Answer) apiAnswerJSON {
	j := apiAnswerJSON{Src: src, Dst: dst, Proto: "tcp", Port: 443, Reachable: a.Reachable(), Verdict: a.Verdict,
		API: a.API, Kind: a.Kind, Stage: a.Stage, Methods: methodsJSON(a.Methods), Backend: a.Backend,
		Explanations: []apiExplanationJSON{}, Warnings: a.Warnings}
	if j.Warnings == nil {
		j.Warnings = []string{}
	}
	if !a.Reachable() {
		for _, m := range a.Methods {
			for _, r := range m.Reasons {
				j.Explanations = append(j.Explanations, apiExplanationJSON{Reason: r, Method: string(m.Form)})
			}
		}
	}
	return j
}

func printAPIAnswer(w io.Writer, src string, a *apihttp.Answer) {
	works := a.Working()
	fmt.Fprintf(w, "%s -> %s, %s %s, stage %s: %s (%d of %d ways work)\n",
		src, a.API, article(a.Kind), a.Kind, a.Stage, strings.ToUpper(a.Verdict.String()), len(works), len(a.Methods))
	if len(works) > 0 {
		fmt.Fprintf(w, "call it: %s\n", curl(&works[0]))
	}
	for _, warn := range a.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	detailed := false
	for i := range a.Methods {
		m := &a.Methods[i]
		fmt.Fprintln(w)
		// The first working method shows its DNS chain and packet path; the
		// others would mostly repeat them.
		printMethod(w, m, m.Works() && !detailed)
		detailed = detailed || m.Works()
	}
	if len(a.Backend) > 0 {
		fmt.Fprintln(w, "\nbackend:")
		for _, b := range a.Backend {
			fmt.Fprintf(w, "  %s\n", b)
		}
	}
}

func printMethod(w io.Writer, m *apihttp.Method, detail bool) {
	mark, status := "WORKS", "HTTP 200"
	switch {
	case m.Verdict == reach.Unknown:
		mark, status = "UNKNOWN", "cannot decide"
	case !m.Works() && m.Status != 0:
		mark, status = "FAILS", fmt.Sprintf("HTTP %d", m.Status)
	case !m.Works():
		mark, status = "FAILS", "no connection"
	}
	fmt.Fprintf(w, "%s  %s: %s\n", mark, m.Form, status)
	fmt.Fprintf(w, "  recipe: %s\n", curl(m))
	for _, s := range m.Steps {
		fmt.Fprintf(w, "  - %s\n", s)
	}
	for _, r := range m.Reasons {
		rule := ""
		if r.Rule != "" {
			rule = " (" + r.Rule + ")"
		}
		fmt.Fprintf(w, "  why: [%s] %s: %s%s\n", r.Code, r.Component, r.Detail, rule)
		if r.Fix != "" {
			fmt.Fprintf(w, "  fix: %s\n", r.Fix)
		}
	}
	if !detail {
		return
	}
	if m.DNS != nil {
		fmt.Fprintln(w, "  DNS chain:")
		dns.WriteChain(w, m.DNS, "    ")
	}
	if m.Packet != nil {
		fmt.Fprintf(w, "  packet path (%s):\n", m.Packet.Packet)
		printIndented(w, "    ", m.Packet)
	}
}

// curl renders a method as a command line a person can paste.
func curl(m *apihttp.Method) string {
	s := "curl " + m.URL
	for _, h := range m.Headers {
		s += " -H '" + h + "'"
	}
	return s
}

func printIndented(w io.Writer, indent string, a *reach.Answer) {
	for _, part := range []struct {
		title string
		hops  []reach.Hop
	}{{"forward", a.Forward}, {"return", a.Return}} {
		if len(part.hops) == 0 {
			continue
		}
		fmt.Fprintf(w, "%s%s:\n", indent, part.title)
		for i, h := range part.hops {
			fmt.Fprintf(w, "%s  %2d. %-16s %-8s %s", indent, i+1, h.Kind, h.Action, h.Component)
			if h.Rule != "" {
				fmt.Fprintf(w, ": %s", h.Rule)
			}
			fmt.Fprintln(w)
		}
	}
}

// apiBackend answers "can API reach BACKEND?": from every VPC link ENI (or
// NLB node behind a REST VPC link V1) to the backend, there and back (R8.7,
// R8.8). It is reachable only when every leg works: API Gateway spreads
// requests over all of them.
func (o *canReachOpts) apiBackend(w io.Writer, n *network.Network, api *apihttp.API, srcName, dstName string, port int) (bool, error) {
	legs, err := o.caller(n).BackendLegs(api)
	if err != nil {
		return false, fmt.Errorf("source: %w", err)
	}
	dst, err := names.Resolve(n, dstName)
	if err != nil {
		return false, fmt.Errorf("destination: %w", err)
	}
	all := true
	for i, leg := range legs {
		p := port
		if p < 0 {
			p = int(leg.Port)
		}
		if p <= 0 {
			return false, fmt.Errorf("the integration of %s names no port; give --port", api.Label())
		}
		q := reach.Question{Src: leg.Src, Dst: dst, Proto: model.ProtoTCP, DstPort: uint16(p), OneWay: o.oneWay}
		a := reach.Ask(n, q)
		all = all && a.Reachable()
		if i > 0 && !o.json {
			fmt.Fprintln(w)
		}
		if !o.json {
			fmt.Fprintf(w, "%s\n", leg.Note)
		}
		o.print(w, srcName+" via "+leg.Src.ENI.M.ID, dstName, a, nil)
	}
	return all, nil
}

// article is "an" before a vowel sound ("an edge-optimized", "an HTTP API").
func article(s string) string {
	if strings.HasPrefix(s, "HTTP") || strings.ContainsAny(s[:1], "aeiouAEIOU") {
		return "an"
	}
	return "a"
}

// source resolves SRC; a Lambda function outside any VPC sends from AWS's
// network (R11.1), which the note says.
func (o *canReachOpts) source(n *network.Network, name string) (reach.Endpoint, string, error) {
	ep, err := names.Resolve(n, name)
	if err == nil {
		return ep, "", nil
	}
	if f, ok := model.Lookup[*model.LambdaFunction](n.Index, name); ok && !f.InVPC() {
		o.explain = append(o.explain, func(a *reach.Answer) { o.caller(n).ExplainLambdaSource(name, a) })
		return o.caller(n).Source(name)
	}
	return ep, "", err
}

// destination resolves DST; a word that names no resource but an AWS service
// ("ssm") is that service as the source's DNS answers it: its interface
// endpoint when private DNS applies, else its public front end (R8.5).
func (o *canReachOpts) destination(w io.Writer, n *network.Network, srcName, name string) (reach.Endpoint, error) {
	ep, err := names.Resolve(n, name)
	if err == nil || !apihttp.IsServiceWord(name) {
		return ep, err
	}
	svc, res, serr := o.caller(n).Service(srcName, name)
	if serr != nil {
		return ep, fmt.Errorf("%v; as an AWS service: %v", err, serr)
	}
	o.explain = append(o.explain, func(a *reach.Answer) { o.caller(n).ExplainService(srcName, name, a) })
	if !o.json {
		fmt.Fprintf(w, "%s: %s resolves to %s from %s\n", name, res.Name, strings.Join(res.Addresses(), ", "), srcName)
		dns.WriteChain(w, res, "  ")
	}
	return svc, nil
}

// drawnPacket is the packet path a diagram of an API call shows: the first
// working method's, else the first that got as far as a packet.
func drawnPacket(a *apihttp.Answer) *reach.Answer {
	for _, m := range a.Working() {
		return m.Packet
	}
	for _, m := range a.Methods {
		if m.Packet != nil {
			return m.Packet
		}
	}
	return nil
}
