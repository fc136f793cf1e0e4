// Package answertext writes the answers of the question layer as can-reach
// prints them: the verdict line, the hops forward and back, what blocks or
// is unknown, the API call's ways with their recipes. The command and the
// report's in-browser question box (compiled to WebAssembly) both print
// through it, so the same question gets the same text in both.
package answertext

import (
	"fmt"
	"io"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/dns"
	apihttp "github.com/netverify/netverify/solver/http"
	"github.com/netverify/netverify/solver/reach"
)

// Warner returns the warnings of the inputs to print with one packet answer
// (see OnPath); nil adds none.
type Warner func(p *reach.Answer) []string

// Write prints any answer of the question layer as can-reach's text.
func Write(w io.Writer, srcName, dstName string, a *ask.Answer, warn Warner) {
	for _, note := range a.Notes {
		fmt.Fprintf(w, "note: %s\n", note)
	}
	packet := func(src string, p *reach.Answer, sums []reach.ProtoSummary) {
		if warn != nil {
			p.Warnings = append(p.Warnings, warn(p)...)
		}
		Packet(w, src, dstName, p, sums)
	}
	switch a.Kind {
	case ask.AnswerAPICall:
		API(w, srcName, a.API, a.Verdict, a.Routes)
	case ask.AnswerBackend:
		for i, p := range a.Packets {
			if i > 0 {
				fmt.Fprintln(w)
			}
			fmt.Fprintf(w, "%s\n", a.Legs[i])
			packet(srcName+" via "+LegSource(p), p, nil)
		}
	case ask.AnswerPorts:
		packet(srcName, a.Path(), a.Ports)
	default:
		if a.ServiceDNS != nil {
			fmt.Fprintf(w, "%s: %s resolves to %s from %s\n", dstName, a.ServiceDNS.Name, strings.Join(a.ServiceDNS.Addresses(), ", "), srcName)
			dns.WriteChain(w, a.ServiceDNS, "  ")
		}
		for _, p := range a.Packets {
			packet(srcName, p, nil)
		}
	}
}

// OnPath returns the warnings and errors of the inputs about the resources
// an answer passes through or is blocked by (a dangling reference, a
// conflicting definition): they can change the verdict, so they are printed
// with it. A non-empty caveat (the --allow-errors warning) comes first.
func OnPath(a *reach.Answer, diags model.Diagnostics, caveat string) []string {
	ids := map[string]bool{}
	for _, hops := range [][]reach.Hop{a.Forward, a.Return} {
		for _, h := range hops {
			for _, id := range h.IDs {
				ids[id] = true
			}
		}
	}
	for _, e := range a.Explanations {
		for _, id := range e.IDs {
			ids[id] = true
		}
	}
	var out []string
	if caveat != "" {
		out = append(out, caveat)
	}
	for _, d := range diags {
		if d.Severity >= model.SevWarning && d.Resource != "" && ids[d.Resource] {
			s := d.Message
			if src := d.Source.String(); src != "" {
				s = src + ": " + s
			}
			out = append(out, s)
		}
	}
	return out
}

// RouteWhy is the first reason of the first way of calling that fails, or
// the conditions of a working one.
func RouteWhy(a *apihttp.Answer) string {
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
		fmt.Fprintf(w, "  %-7s %-24s %-10s %s\n", r.Route.Method, routePath(r), v, RouteWhy(r.Answer))
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

func API(w io.Writer, src string, a *apihttp.Answer, verdict reach.Verdict, routes []apihttp.RouteAnswer) {
	works := a.Working()
	fmt.Fprintf(w, "%s -> %s, %s %s, stage %s: %s (%d of %d ways work)\n",
		src, a.API, article(a.Kind), a.Kind, a.Stage, strings.ToUpper(verdict.String()), len(works), len(a.Methods))
	if len(works) > 0 {
		fmt.Fprintf(w, "call it: %s\n", Curl(&works[0]))
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
	fmt.Fprintf(w, "  recipe: %s\n", Curl(m))
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

// Curl renders a method as a command line a person can paste.
func Curl(m *apihttp.Method) string {
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

// LegSource names the start of a backend leg: the ENI it sends from.
func LegSource(p *reach.Answer) string {
	for _, h := range p.Forward {
		if len(h.IDs) > 0 {
			return h.IDs[0]
		}
	}
	return p.Packet.Src.String()
}

func PortsString(s reach.ProtoSummary) string {
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

func Packet(w io.Writer, src, dst string, a *reach.Answer, sums []reach.ProtoSummary) {
	if sums != nil {
		fmt.Fprintf(w, "%s -> %s:\n", src, dst)
		for _, s := range sums {
			fmt.Fprintf(w, "  %-6s %s\n", s.Proto, PortsString(s))
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
		fmt.Fprintf(w, "  %2d. %-16s %-8s %s", i+1, h.Kind, h.Action, h.Label())
		if h.Rule != "" {
			fmt.Fprintf(w, ": %s", h.Rule)
		}
		fmt.Fprintln(w)
	}
}
