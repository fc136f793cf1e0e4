package http

import (
	"fmt"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// Route is one method of a REST API (resource path and HTTP method) or one
// route of an HTTP API, with what it asks of a request.
type Route struct {
	Method string // GET, POST, ..., ANY
	Path   string // "/hello", "/items/{id}", "/{proxy+}"; "" for the $default route
	// Default is the HTTP API's $default route (R9.16).
	Default     bool
	Integration *model.Integration
	// Authorization is NONE, AWS_IAM, CUSTOM, COGNITO_USER_POOLS or JWT (R9.17).
	Authorization string
	AuthorizerID  string
	Authorizer    *model.Authorizer
	APIKey        bool
}

// String is the route as people write it: "GET /hello", "$default".
func (r Route) String() string {
	if r.Default {
		return "$default"
	}
	return r.Method + " " + r.Path
}

// Routes lists the API's methods or routes, sorted by path and method.
func (a *API) Routes() []Route {
	var out []Route
	if a.Rest != nil {
		for i := range a.Rest.Integrations {
			in := &a.Rest.Integrations[i]
			if in.Method == "" && in.Path == "" {
				continue
			}
			out = append(out, Route{Method: strings.ToUpper(orDefault(in.Method, "ANY")), Path: orDefault(in.Path, "/"),
				Integration: in, Authorization: strings.ToUpper(orDefault(in.Authorization, "NONE")),
				AuthorizerID: in.AuthorizerID, Authorizer: findAuthorizer(a.Rest.Authorizers, in.AuthorizerID), APIKey: in.APIKeyRequired})
		}
	} else {
		for _, rt := range a.HTTP.Routes {
			r := Route{Authorization: strings.ToUpper(orDefault(rt.Authorization, "NONE")), AuthorizerID: rt.AuthorizerID,
				Authorizer: findAuthorizer(a.HTTP.Authorizers, rt.AuthorizerID), Integration: httpIntegration(a.HTTP, rt.Integration)}
			if rt.Key == "$default" {
				r.Default = true
			} else {
				m, p, _ := strings.Cut(strings.TrimSpace(rt.Key), " ")
				r.Method, r.Path = strings.ToUpper(m), strings.TrimSpace(p)
			}
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Default != out[j].Default {
			return !out[i].Default
		}
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Method < out[j].Method
	})
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func findAuthorizer(as []model.Authorizer, id string) *model.Authorizer {
	for i := range as {
		if id != "" && (as[i].ID == id || as[i].Name == id) {
			return &as[i]
		}
	}
	return nil
}

func httpIntegration(a *model.HTTPAPI, id string) *model.Integration {
	for i := range a.Integrations {
		if a.Integrations[i].ID == id {
			return &a.Integrations[i]
		}
	}
	return nil
}

// RoutesListed reports whether the input says which methods or routes the
// API has: only then does a request that matches none get a certain 403/404.
func (a *API) RoutesListed() bool {
	if a.Rest != nil {
		return a.Rest.MethodsListed || len(a.Routes()) > 0
	}
	return len(a.HTTP.Routes) > 0
}

// Match finds the route that serves METHOD PATH: for a REST API the most
// specific resource, then its method or ANY (R9.15); for an HTTP API the
// most specific route, else $default (R9.16).
func (a *API) Match(method, path string) (Route, bool) {
	method = strings.ToUpper(method)
	var best *Route
	bestScore := -1
	routes := a.Routes()
	for i := range routes {
		r := &routes[i]
		if r.Default {
			continue
		}
		s, ok := pathScore(r.Path, path)
		if !ok {
			continue
		}
		if a.Rest == nil && r.Method != method && r.Method != "ANY" {
			continue // HTTP APIs choose among the routes of the method
		}
		s = s*2 + methodScore(r.Method, method)
		if s > bestScore {
			best, bestScore = r, s
		}
	}
	if best != nil && a.Rest != nil {
		return restMethod(routes, best.Path, method)
	}
	if best != nil {
		return *best, true
	}
	for _, r := range routes {
		if r.Default {
			return r, true
		}
	}
	return Route{}, false
}

// restMethod picks the method of the chosen resource: exact, else ANY; a
// resource without the method does not fall back to another resource (R9.15).
func restMethod(routes []Route, resource, method string) (Route, bool) {
	var anyRoute *Route
	for i := range routes {
		r := &routes[i]
		if r.Path != resource {
			continue
		}
		if r.Method == method {
			return *r, true
		}
		if r.Method == "ANY" {
			anyRoute = r
		}
	}
	if anyRoute != nil {
		return *anyRoute, true
	}
	return Route{}, false
}

func methodScore(route, method string) int {
	if route == method {
		return 1
	}
	return 0
}

// pathScore matches a request path against a route template: literal
// segments score most, a {param} less, a greedy {proxy+} least. Its score
// orders candidates by specificity, segment by segment.
func pathScore(template, path string) (int, bool) {
	ts, ps := segments(template), segments(path)
	score := 0
	for i, t := range ts {
		score *= 4
		if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "+}") {
			if i != len(ts)-1 || len(ps) <= i {
				return 0, false
			}
			score += 1
			for j := i + 1; j < len(ps); j++ {
				score *= 4
			}
			return score, true
		}
		if i >= len(ps) {
			return 0, false
		}
		switch {
		case strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}"):
			score += 2
		case t == ps[i]:
			score += 3
		default:
			return 0, false
		}
	}
	return score, len(ps) == len(ts)
}

func segments(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// SamplePath is a concrete request path for a route template: each {param}
// becomes its name, a greedy {proxy+} the word "proxy".
func SamplePath(template string) string {
	if template == "" {
		return "/"
	}
	segs := segments(template)
	for i, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			segs[i] = strings.TrimSuffix(strings.Trim(s, "{}"), "+")
		}
	}
	return "/" + strings.Join(segs, "/")
}

// sampleMethod is the method a request to r uses: ANY becomes GET.
func sampleMethod(r Route) string {
	if r.Method == "" || r.Method == "ANY" {
		return "GET"
	}
	return r.Method
}

// Conditions are what the request must carry for r to accept it, which
// netverify cannot see (R9.14, R9.17): stated, never assumed.
func (a *API) Conditions(r Route, arn string) []string {
	var out []string
	who := "the authorizer " + r.AuthorizerID + " (not in the input)"
	if r.Authorizer != nil {
		who = "authorizer " + orDefault(r.Authorizer.Name, r.Authorizer.ID)
	}
	switch r.Authorization {
	case "AWS_IAM":
		out = append(out, "the request is signed with Signature Version 4 by a principal whose IAM policy allows execute-api:Invoke on "+arn+" (AWS_IAM, R9.17)")
	case "COGNITO_USER_POOLS":
		pools := "the user pool of " + who
		if r.Authorizer != nil && len(r.Authorizer.ProviderARNs) > 0 {
			pools = "Cognito user pool " + strings.Join(r.Authorizer.ProviderARNs, " or ")
		}
		out = append(out, fmt.Sprintf("the request carries a token of %s in %s (COGNITO_USER_POOLS, R9.17)", pools, identitySource(r.Authorizer)))
	case "CUSTOM":
		fn := ""
		if r.Authorizer != nil && r.Authorizer.URI != "" {
			fn = ", function " + lambdaFromURI(r.Authorizer.URI)
		}
		out = append(out, fmt.Sprintf("the Lambda %s%s allows the request (%s) (CUSTOM, R9.17)", who, fn, identitySource(r.Authorizer)))
	case "JWT":
		what := "a JWT that " + who + " accepts"
		if r.Authorizer != nil {
			what = fmt.Sprintf("a JWT issued by %s for audience %s", orDefault(r.Authorizer.Issuer, "?"), strings.Join(r.Authorizer.Audience, " or "))
		}
		out = append(out, fmt.Sprintf("the request carries %s in %s (JWT, R9.17)", what, identitySource(r.Authorizer)))
	}
	if r.APIKey {
		where := "the x-api-key header"
		if a.Rest != nil && strings.EqualFold(a.Rest.APIKeySource, "AUTHORIZER") {
			where = "the usage identifier the Lambda authorizer returns"
		}
		out = append(out, "the request carries an API key of a usage plan of this stage in "+where+" (R9.14)")
	}
	return out
}

func identitySource(a *model.Authorizer) string {
	if a != nil && a.IdentitySource != "" {
		return a.IdentitySource
	}
	return "the Authorization header"
}

// RouteAnswer is the answer to one request of a per-route table.
type RouteAnswer struct {
	Route  Route
	Method string // the request's method (ANY asked as GET)
	Path   string // the request's path (a sample of the template)
	Answer *Answer
}

// CallRoutes asks one request per method or route of the stage (ANY as
// GET, path parameters filled with their names), for the table that
// answers "can FROM call API?" without a method and path.
func (c *Caller) CallRoutes(from string, api *API, o Options) ([]RouteAnswer, error) {
	var out []RouteAnswer
	for _, r := range api.Routes() {
		ro := o
		ro.Method, ro.Path = sampleMethod(r), SamplePath(r.Path)
		a, err := c.Call(from, api, ro)
		if err != nil {
			return nil, err
		}
		out = append(out, RouteAnswer{Route: r, Method: ro.Method, Path: ro.Path, Answer: a})
	}
	return out, nil
}
