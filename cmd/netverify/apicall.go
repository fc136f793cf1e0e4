package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/dns"
	apihttp "github.com/netverify/netverify/solver/http"
	"github.com/netverify/netverify/solver/reach"
)

// printAPI prints the answer to "can SRC call API?": every way of calling
// it with its recipe, DNS chain and packet path, or why it fails.
func (o *canReachOpts) printAPI(w io.Writer, srcName, dstName string, a *ask.Answer) {
	if o.json {
		j := apiJSON(srcName, dstName, a.API)
		j.Verdict, j.Reachable = a.Verdict, a.Reachable()
		j.Routes = routesJSON(a.Routes)
		_ = writeJSON(w, j, false)
		return
	}
	printAPIAnswer(w, srcName, a.API, a.Verdict, a.Routes)
}

// routeJSON is one row of the per-route table in JSON.
type routeJSON struct {
	Route      string        `json:"route"`
	Method     string        `json:"method"`
	Path       string        `json:"path"`
	Verdict    reach.Verdict `json:"verdict"`
	Status     int           `json:"status"`
	Conditions []string      `json:"conditions"`
	Why        string        `json:"why,omitempty"`
	Call       string        `json:"call,omitempty"`
}

func routesJSON(rs []apihttp.RouteAnswer) []routeJSON {
	var out []routeJSON
	for _, r := range rs {
		row := routeJSON{Route: r.Route.String(), Method: r.Method, Path: r.Path, Verdict: r.Answer.Verdict,
			Conditions: nonNilStrings(r.Answer.Conditions()), Why: routeWhy(r.Answer)}
		if w := r.Answer.Working(); len(w) > 0 {
			row.Call, row.Status = curl(&w[0]), w[0].Status
		} else if len(r.Answer.Methods) > 0 {
			row.Status = r.Answer.Methods[0].Status
		}
		out = append(out, row)
	}
	return out
}

func nonNilStrings(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// routeWhy is the first reason of the first way of calling that fails, or
// the conditions of a working one.
func routeWhy(a *apihttp.Answer) string {
	if a.Reachable() {
		if c := a.Conditions(); len(c) > 0 {
			return "if " + strings.Join(c, "; and ")
		}
		return ""
	}
	for _, m := range a.Methods {
		if len(m.Reasons) > 0 {
			return "[" + m.Reasons[0].Code.String() + "] " + m.Reasons[0].Detail
		}
	}
	return ""
}

// printRoutes prints the per-route table of an API call asked without a
// method and path: one request per method or route of the stage.
func printRoutes(w io.Writer, stage string, rs []apihttp.RouteAnswer) {
	fmt.Fprintf(w, "\nroutes of stage %s (one request each):\n", stage)
	fmt.Fprintf(w, "  %-7s %-24s %-10s %s\n", "METHOD", "PATH", "VERDICT", "WHY")
	starred := false
	for _, r := range rs {
		v := strings.ToUpper(r.Answer.Verdict.String())
		if r.Answer.Reachable() && len(r.Answer.Conditions()) > 0 {
			v, starred = "REACHABLE*", true
		}
		fmt.Fprintf(w, "  %-7s %-24s %-10s %s\n", r.Route.Method, routePath(r), v, routeWhy(r.Answer))
	}
	if starred {
		fmt.Fprintln(w, "  (* only if the conditions hold)")
	}
}

func routePath(r apihttp.RouteAnswer) string {
	if r.Route.Default {
		return "$default"
	}
	return r.Route.Path
}

// apiAnswerJSON is the JSON of an API question: the contract fields of
// ARCHITECTURE.md plus the methods, each with its recipe or reasons.
type apiAnswerJSON struct {
	Src          string               `json:"src"`
	Method       string               `json:"method"`
	Path         string               `json:"path"`
	Conditions   []string             `json:"conditions"`
	Routes       []routeJSON          `json:"routes,omitempty"`
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
		if m.Steps == nil {
			m.Steps = []string{}
		}
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
	j := apiAnswerJSON{Src: src, Method: a.Method, Path: a.Path, Conditions: nonNilStrings(a.Conditions()),
		Dst: dst, Proto: "tcp", Port: 443, Reachable: a.Reachable(), Verdict: a.Verdict,
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

func printAPIAnswer(w io.Writer, src string, a *apihttp.Answer, verdict reach.Verdict, routes []apihttp.RouteAnswer) {
	works := a.Working()
	fmt.Fprintf(w, "%s -> %s, %s %s, stage %s: %s (%d of %d ways work)\n",
		src, a.API, article(a.Kind), a.Kind, a.Stage, strings.ToUpper(verdict.String()), len(works), len(a.Methods))
	if len(works) > 0 {
		fmt.Fprintf(w, "call it: %s\n", curl(&works[0]))
	}
	for _, c := range a.Conditions() {
		fmt.Fprintf(w, "only if: %s\n", c)
	}
	if routes != nil {
		printRoutes(w, a.Stage, routes)
		fmt.Fprintf(w, "\nthe ways of calling %s %s:\n", a.Method, a.Path)
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
			fmt.Fprintf(w, "%s  %2d. %-16s %-8s %s", indent, i+1, h.Kind, h.Action, h.Label())
			if h.Rule != "" {
				fmt.Fprintf(w, ": %s", h.Rule)
			}
			fmt.Fprintln(w)
		}
	}
}

// article is "an" before a vowel sound ("an edge-optimized", "an HTTP API").
func article(s string) string {
	if strings.HasPrefix(s, "HTTP") || strings.ContainsAny(s[:1], "aeiouAEIOU") {
		return "an"
	}
	return "a"
}
