package http

import (
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/reach"
)

// Verdict reuses the packet verdicts: reachable, blocked, unknown.
type Verdict = reach.Verdict

// Form is one way of addressing an API (R9.5).
type Form string

const (
	FormDefault   Form = "default-name"     // https://{api-id}.execute-api.{region}.amazonaws.com (R9.2, R9.5a)
	FormVPCEHost  Form = "vpce-name+host"   // endpoint-specific name + Host header (R9.5b)
	FormVPCEAPIID Form = "vpce-name+api-id" // endpoint-specific name + x-apigw-api-id (R9.5b)
	FormAlias     Form = "vpce-alias"       // {api-id}-{vpce-id}.execute-api... (R9.5c)
	FormDomain    Form = "custom-domain"    // a custom domain name (R9.8, R9.9)
)

// Reason is one thing that stops a method, with the rule and the fix.
type Reason struct {
	Code      reach.Code `json:"code"`
	Component string     `json:"component"`
	Detail    string     `json:"detail"`
	Rule      string     `json:"rule,omitempty"`
	Fix       string     `json:"fix,omitempty"`
}

// Method is one way of calling the API and its outcome.
type Method struct {
	Form    Form     `json:"form"`
	URL     string   `json:"url"`
	Headers []string `json:"headers,omitempty"`
	Verdict Verdict  `json:"verdict"`
	// Status is the HTTP status the client gets: 200 when the call is
	// accepted, 403 when API Gateway rejects it, 0 when no connection is made.
	Status int `json:"status"`
	// Address is the address the client connects to; Lands says what owns it.
	Address string   `json:"address,omitempty"`
	Lands   string   `json:"lands,omitempty"`
	Via     string   `json:"via,omitempty"` // vpce- ID of the endpoint carrying the call
	Steps   []string `json:"steps"`         // what happened, in order, each with its rule
	Reasons []Reason `json:"reasons,omitempty"`
	Rules   []string `json:"rules,omitempty"`
	// Route is the API's method or route that serves the request ("GET /hello").
	Route string `json:"route,omitempty"`
	// Conditions are what the request must carry for the call to work,
	// which the input cannot show (a signature, a token, an API key, a
	// permission not in the input): the way works only if they hold.
	Conditions []string `json:"conditions,omitempty"`

	DNS    *dns.Result   `json:"-"`
	Packet *reach.Answer `json:"-"`
	// standIn: the source address WAF would see only stands for one the
	// input does not know (the internet, a site's own connection, R9.21).
	standIn bool
}

// Works reports whether the method gets the call through.
func (m *Method) Works() bool { return m.Verdict == reach.Reachable }

// Answer is the outcome of "can SRC call API?".
type Answer struct {
	Src   string `json:"src"`
	API   string `json:"api"`
	Kind  string `json:"kind"` // REST PRIVATE, REST REGIONAL, REST EDGE, HTTP
	Stage string `json:"stage"`
	// Method and Path are the request's ("GET", "/hello").
	Method   string   `json:"method"`
	Path     string   `json:"path"`
	Verdict  Verdict  `json:"verdict"`
	Methods  []Method `json:"methods"`
	Backend  []string `json:"backend,omitempty"` // what the API does with an accepted call (integration, R9.13)
	Warnings []string `json:"warnings,omitempty"`
}

// Reachable reports whether at least one method works.
func (a *Answer) Reachable() bool { return a.Verdict == reach.Reachable }

// Conditions are the conditions of the first way that works (every way
// serves the same route, so they share them).
func (a *Answer) Conditions() []string {
	for _, m := range a.Methods {
		if m.Works() {
			return m.Conditions
		}
	}
	return nil
}

// Working returns the methods that work.
func (a *Answer) Working() []Method {
	var out []Method
	for _, m := range a.Methods {
		if m.Works() {
			out = append(out, m)
		}
	}
	return out
}
