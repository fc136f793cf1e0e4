package http

import (
	"fmt"
	"slices"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/policy"
	"github.com/netverify/netverify/solver/reach"
)

// unidentifiedStatus is what the endpoint answers a request that names no
// API (R9.5; the exact status is ambiguous, appendix B11).
const unidentifiedStatus = 403

// privateDoor applies API Gateway's rules at an execute-api interface
// endpoint (R9.4, R9.5, R9.8, R9.10, R9.12).
func (c *Caller) privateDoor(m *Method, api *API, p plan, ep *model.VPCEndpoint, ans *reach.Answer, o Options) {
	m.Lands, m.Via = fmt.Sprintf("execute-api interface endpoint %s in %s", ep.ID, ep.VPC), ep.ID
	m.step("R9.4", "reaches %s", m.Lands)
	if !c.identifies(m, p, ep) {
		return
	}
	if !api.Private() {
		m.fail(captured(api, p, ep), 403)
		return
	}
	if r := serviceRegion(ep.ServiceName); r != "" && api.Region != "" && r != api.Region {
		m.fail(Reason{Code: "VPCE_WRONG_REGION", Component: ep.ID, Rule: "R9.12",
			Detail: fmt.Sprintf("%s is an endpoint in %s; %s is in %s, and an endpoint serves only APIs of its own Region", ep.ID, r, api.Label(), api.Region),
			Fix:    "reach an execute-api endpoint in " + api.Region + " (inter-Region peering or TGW peering to its VPC)"}, 403)
		return
	}
	ctx := map[string]string{"aws:SourceVpce": ep.ID, "aws:SourceVpc": ep.VPC}
	if src := seenSource(ans); src.IsValid() {
		ctx["aws:VpcSourceIp"] = src.String()
	}
	req := policy.Request{Action: "execute-api:Invoke", Resource: api.ARN(o.Stage, o.Method, o.Path), Principal: "*", Context: ctx}
	// The stage and the method are found before any policy is evaluated
	// against the method's ARN (R9.15, R9.18).
	if !c.stage(m, api, o) || !c.webACL(m, api, o, ans) || !c.route(m, api, o) || !c.endpointPolicy(m, ep, req) || !c.resourcePolicy(m, api, req, ep) {
		return
	}
	m.Verdict, m.Status = reach.Reachable, 200
}

// identifies checks that the request names an API the endpoint may serve (R9.5, R9.9).
func (c *Caller) identifies(m *Method, p plan, ep *model.VPCEndpoint) bool {
	switch p.form {
	case FormDefault:
		m.step("R9.5", "API identified by the host name %s (form a)", p.host)
	case FormVPCEHost, FormVPCEAPIID:
		if p.api.Rest != nil && strings.EqualFold(p.api.Rest.EndpointAccessMode, "STRICT") {
			m.fail(Reason{Code: "ENDPOINT_ACCESS_MODE_STRICT", Component: p.api.Label(), Rule: "R9.19",
				Detail: fmt.Sprintf("%s uses endpoint access mode STRICT: the TLS server name (%s) must match the host the request names, and a header naming the API does not", p.api.Label(), p.host),
				Fix:    "call the API by its default name through private DNS (R9.5a) or by its endpoint alias (R9.5c), or set the endpoint access mode to BASIC"}, 403)
			return false
		}
		if p.vpce != ep.ID {
			m.fail(Reason{Code: "VPCE_NAME_MISMATCH", Component: ep.ID, Rule: "R9.5",
				Detail: fmt.Sprintf("%s belongs to %s but the request reached %s", p.host, p.vpce, ep.ID)}, unidentifiedStatus)
			return false
		}
		m.step("R9.5", "API identified by the header %s (form b)", p.headers[0])
	case FormAlias:
		if p.vpce != ep.ID || !p.api.associated(ep.ID) {
			// Reached through a wildcard private DNS zone, the alias still
			// names an association that does not exist (R9.5c).
			m.fail(Reason{Code: "API_NOT_ASSOCIATED", Component: p.apiID, Rule: "R9.5",
				Detail: fmt.Sprintf("%s names endpoint %s, but the API does not list %s in vpcEndpointIds", p.host, p.vpce, ep.ID),
				Fix:    fmt.Sprintf("add %s to the API's vpcEndpointIds (endpointConfiguration)", ep.ID)}, unidentifiedStatus)
			return false
		}
		m.step("R9.5", "API identified by the alias %s (form c)", p.host)
	case FormDomain:
		return c.privateDomainOK(m, p, ep)
	}
	return true
}

// captured explains the private-DNS gotcha (R9.8, S5): a public API's default
// name was answered by the endpoint's private DNS, and the endpoint serves
// only private APIs.
func captured(api *API, p plan, ep *model.VPCEndpoint) Reason {
	how := fmt.Sprintf("the private DNS of %s answers every *.execute-api.%s.amazonaws.com name in %s, public APIs included", ep.ID, api.Region, ep.VPC)
	if p.form == FormDomain {
		how = fmt.Sprintf("%s is a CNAME to an execute-api name, which the private DNS of %s captures (appendix B6)", p.host, ep.ID)
	}
	return Reason{Code: "API_NOT_PRIVATE", Component: ep.ID, Rule: "R9.8",
		Detail: fmt.Sprintf("%s is a %s, but the request went to the interface endpoint: %s; the endpoint serves only private APIs (R9.3)", api.Label(), api.Kind(), how),
		Fix: fmt.Sprintf("turn private DNS off on %s (private APIs are then called by their vpce- names or aliases, R9.5b/c), or call %s through a custom domain name answered by a Route 53 alias (R9.8)",
			ep.ID, api.Label())}
}

// privateDomainOK checks a private custom domain at the endpoint (R9.9, S30).
func (c *Caller) privateDomainOK(m *Method, p plan, ep *model.VPCEndpoint) bool {
	d := p.domain
	if !privateDomain(d) {
		m.fail(Reason{Code: "DOMAIN_NOT_PRIVATE", Component: d.DomainName, Rule: "R9.8",
			Detail: fmt.Sprintf("%s is a public custom domain but resolves to the interface endpoint %s, which serves only private custom domains", d.DomainName, ep.ID),
			Fix:    "publish the domain as a Route 53 alias to its Regional domain name instead of a CNAME (R9.8)"}, 403)
		return false
	}
	if !slices.Contains(d.AccessAssociations, ep.ID) {
		m.fail(Reason{Code: "DOMAIN_NO_ACCESS_ASSOCIATION", Component: d.DomainName, Rule: "R9.9",
			Detail: fmt.Sprintf("private custom domain %s has no domain name access association with %s", d.DomainName, ep.ID),
			Fix:    fmt.Sprintf("create a domain name access association between %s and %s (cross-account: share the domain through AWS RAM)", d.DomainName, ep.ID)}, 403)
		return false
	}
	req := policy.Request{Action: "execute-api:Invoke", Principal: "*",
		// The domain ARN with the request path, so that the documented
		// shorthand "execute-api:/*" covers it (R9.9).
		Resource: fmt.Sprintf("arn:aws:execute-api:%s:%s:/domainnames/%s/%s", d.Region, d.Account, d.DomainName, "GET/"),
		Context:  map[string]string{"aws:SourceVpce": ep.ID, "aws:SourceVpc": ep.VPC}}
	if !c.allowedBy(m, "resource policy of domain "+d.DomainName, d.Policy, req, "R9.9",
		fmt.Sprintf("allow execute-api:Invoke with aws:SourceVpce = %s in the domain name's resource policy", ep.ID)) {
		return false
	}
	m.step("R9.9", "private custom domain %s: access association with %s, mapped to the API", d.DomainName, ep.ID)
	return true
}

// publicDoor applies API Gateway's rules at its public front end (R9.3, R9.7, R9.10).
func (c *Caller) publicDoor(m *Method, api *API, p plan, ans *reach.Answer, o Options) {
	m.Lands = fmt.Sprintf("API Gateway's public front end in %s", api.Region)
	if api.Rest != nil && api.Rest.Edge() {
		m.Lands = fmt.Sprintf("CloudFront's edge, which carries the request to API Gateway in %s (edge-optimized API)", api.Region)
		m.step("R9.22", "reaches %s", m.Lands)
	} else {
		m.step("R9.2", "reaches %s", m.Lands)
	}
	if api.Private() {
		m.fail(Reason{Code: "PRIVATE_API_VIA_PUBLIC_ENDPOINT", Component: api.Label(), Rule: "R9.7",
			Detail: fmt.Sprintf("%s resolved to a public address, so the request went to API Gateway's public front end, which never serves a private API", p.host),
			Fix:    publicFix(api, p)}, 403)
		return
	}
	if p.form == FormDomain && privateDomain(p.domain) {
		m.fail(Reason{Code: "DOMAIN_PRIVATE", Component: p.domain.DomainName, Rule: "R9.9",
			Detail: p.domain.DomainName + " is a private custom domain; the public front end does not serve it",
			Fix:    "call it through an execute-api interface endpoint with a domain name access association"}, 403)
		return
	}
	if p.form == FormDefault && api.DefaultDisabled() {
		m.fail(Reason{Code: "EXECUTE_API_ENDPOINT_DISABLED", Component: api.Label(), Rule: "R9.2",
			Detail: "the default execute-api endpoint of " + api.Label() + " is disabled",
			Fix:    "call a custom domain name of the API, or enable the default endpoint"}, 403)
		return
	}
	req := policy.Request{Action: "execute-api:Invoke", Resource: api.ARN(o.Stage, o.Method, o.Path), Principal: "*", Context: map[string]string{}}
	if src := seenSource(ans); src.IsValid() {
		req.Context["aws:SourceIp"] = src.String()
	}
	if !c.stage(m, api, o) || !c.webACL(m, api, o, ans) || !c.route(m, api, o) {
		return
	}
	if api.Policy() != "" && !c.resourcePolicy(m, api, req, nil) {
		return
	}
	m.Verdict, m.Status = reach.Reachable, 200
}

func publicFix(api *API, p plan) string {
	if p.form == FormDefault {
		return fmt.Sprintf("make the client resolve %s through an inbound Resolver endpoint in the VPC of an execute-api endpoint with private DNS on (R9.7, R10.15), or call the endpoint's vpce- name with the header Host: %s (R9.5b)", p.host, api.DefaultHost())
	}
	return "call the API through an execute-api interface endpoint (R9.4)"
}

// endpointPolicy: the endpoint policy must allow the call; none = full access (R9.4 item 3).
func (c *Caller) endpointPolicy(m *Method, ep *model.VPCEndpoint, req policy.Request) bool {
	if ep.Policy == "" {
		m.step("R9.4", "endpoint policy of %s: none (full access)", ep.ID)
		return true
	}
	return c.allowedBy(m, "endpoint policy of "+ep.ID, ep.Policy, req, "R9.4",
		"allow execute-api:Invoke on "+req.Resource+" in the endpoint policy of "+ep.ID)
}

// resourcePolicy: a private API needs a resource policy that allows (R9.4 item 4, R9.10).
func (c *Caller) resourcePolicy(m *Method, api *API, req policy.Request, ep *model.VPCEndpoint) bool {
	fix := "allow execute-api:Invoke for this caller in the API's resource policy"
	if ep != nil {
		fix = fmt.Sprintf("allow execute-api:Invoke in the resource policy of %s and let aws:SourceVpce include %s (R9.10, R9.11)", api.Label(), ep.ID)
	}
	if api.Policy() == "" {
		m.fail(Reason{Code: "API_NO_RESOURCE_POLICY", Component: api.Label(), Rule: "R9.4",
			Detail: api.Label() + " has no resource policy: a private API denies every call", Fix: fix}, 403)
		return false
	}
	return c.allowedBy(m, "resource policy of "+api.Label(), api.Policy(), req, "R9.10", fix)
}

// allowedBy evaluates a policy document that must allow the call; an
// Unknown decision makes the method unknown.
func (c *Caller) allowedBy(m *Method, what, doc string, req policy.Request, rule, fix string) bool {
	if doc == "" {
		return true
	}
	pol, err := policy.Parse(doc)
	if err != nil {
		m.fail(Reason{Code: "POLICY_UNREADABLE", Component: what, Rule: rule, Detail: "the policy does not parse: " + err.Error()}, 0)
		m.Verdict = reach.Unknown
		return false
	}
	d := pol.Evaluate(req)
	switch {
	case d.Effect == policy.Unknown:
		m.fail(Reason{Code: "POLICY_UNSUPPORTED", Component: what, Rule: rule,
			Detail: "cannot decide: " + strings.Join(d.Unsupported, "; ")}, 0)
		m.Verdict = reach.Unknown
		return false
	case d.Effect == policy.Allow:
		m.step(rule, "%s allows: %s", what, d.Reason)
		return true
	}
	m.fail(Reason{Code: "POLICY_DENY", Component: what, Rule: rule,
		Detail: fmt.Sprintf("%s: %s (%s)", what, d.Effect, d.Reason), Fix: fix}, 403)
	return false
}

// stage: the API must be deployed to the requested stage (R9.4 item 5).
func (c *Caller) stage(m *Method, api *API, o Options) bool {
	if api.HasStage(o.Stage) {
		m.step("R9.4", "stage %s deployed", o.Stage)
		return true
	}
	m.fail(Reason{Code: "STAGE_NOT_DEPLOYED", Component: api.Label(), Rule: "R9.4",
		Detail: fmt.Sprintf("stage %q is not deployed; deployed: %s", o.Stage, strings.Join(api.Stages(), ", ")),
		Fix:    "deploy the API to stage " + o.Stage + " or call a deployed stage"}, 403)
	return false
}

// route: the request's method and path must match a method of the API
// (R9.15) or a route (R9.16); what the route asks of the request (a
// signature, a token, an API key) becomes the way's conditions (R9.14, R9.17).
func (c *Caller) route(m *Method, api *API, o Options) bool {
	req := o.Method + " " + o.Path
	if !api.RoutesListed() {
		m.step("R9.15", "the input lists no methods or routes of %s: %s is assumed to be one", api.Label(), req)
		// Not a fact the input shows: the way works only if the method exists.
		m.Conditions = append(m.Conditions, fmt.Sprintf("%s has a method or route for %s (the input lists none, R9.15)", api.Label(), req))
		return true
	}
	r, ok := api.Match(o.Method, o.Path)
	if !ok {
		var names []string
		for _, x := range api.Routes() {
			names = append(names, x.String())
		}
		if api.Rest != nil {
			m.fail(Reason{Code: "MISSING_AUTHENTICATION_TOKEN", Component: api.Label(), Rule: "R9.15",
				Detail: fmt.Sprintf("%s has no method for %s: API Gateway answers 403 {\"message\":\"Missing Authentication Token\"}", api.Label(), req),
				Fix:    "call one of its methods (" + strings.Join(names, ", ") + ") or add a method for " + req}, 403)
		} else {
			m.fail(Reason{Code: "ROUTE_NOT_FOUND", Component: api.Label(), Rule: "R9.16",
				Detail: fmt.Sprintf("%s has no route for %s and no $default route: API Gateway answers 404 {\"message\":\"Not Found\"}", api.Label(), req),
				Fix:    "call one of its routes (" + strings.Join(names, ", ") + ") or add a route for " + req}, 404)
		}
		return false
	}
	rule := "R9.15"
	if api.HTTP != nil {
		rule = "R9.16"
	}
	m.Route = r.String()
	m.step(rule, "%s is served by %s (authorization %s)", req, r, r.Authorization)
	m.Conditions = append(m.Conditions, api.Conditions(r, api.ARN(o.Stage, o.Method, o.Path))...)
	return true
}
