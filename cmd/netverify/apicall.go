package main

import (
	"io"

	"github.com/netverify/netverify/cmd/netverify/internal/answertext"
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
	answertext.API(w, srcName, a.API, a.Verdict, a.Routes)
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
			Conditions: nonNilStrings(r.Answer.Conditions()), Why: answertext.RouteWhy(r.Answer)}
		if w := r.Answer.Working(); len(w) > 0 {
			row.Call, row.Status = answertext.Curl(&w[0]), w[0].Status
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
