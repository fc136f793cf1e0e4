package http

import (
	"fmt"
	"net/netip"
	"strings"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// Caller answers API questions about one compiled network. It is read-only
// after New and safe for concurrent use.
type Caller struct {
	net  *network.Network
	snap *model.Snapshot
	dns  *dns.Resolver
}

// New builds a Caller over a compiled network and its DNS resolver.
func New(n *network.Network, r *dns.Resolver) *Caller {
	return &Caller{net: n, snap: n.Snap, dns: r}
}

// Options choose the request: stage, HTTP method and path.
type Options struct {
	Stage  string // default: the API's first deployed stage
	Method string // default GET
	Path   string // default /
	// Headers are added to every recipe ("x-api-key: ...").
	Headers []string
}

// client is where the call starts: its DNS origin and its packet endpoint.
type client struct {
	origin dns.Origin
	ep     reach.Endpoint
	note   string
	// standIn: ep's address stands for some public address (R9.21).
	standIn bool
}

// Call answers "can FROM call api?" by trying every access method.
func (c *Caller) Call(from string, api *API, o Options) (*Answer, error) {
	cl, err := c.client(from)
	if err != nil {
		return nil, err
	}
	o = c.defaults(api, o)
	a := &Answer{Src: from, API: api.Label(), Kind: api.Kind(), Stage: o.Stage, Method: o.Method, Path: o.Path}
	if cl.note != "" {
		a.Warnings = append(a.Warnings, cl.note)
	}
	if len(api.Stages()) == 0 {
		a.Warnings = append(a.Warnings, fmt.Sprintf("the snapshot lists no deployed stage of %s; stage %q is assumed deployed", api.Label(), o.Stage))
	}
	for _, d := range c.domainsOf(api) {
		if d.MutualTLS && !api.DefaultDisabled() {
			a.Warnings = append(a.Warnings, fmt.Sprintf("custom domain %s requires mutual TLS, but the default execute-api endpoint of %s stays enabled: a client without a certificate can call %s instead (disable the default endpoint, R9.20)", d.DomainName, api.Label(), api.DefaultHost()))
		}
	}
	if !api.RoutesListed() {
		a.Warnings = append(a.Warnings, fmt.Sprintf("the input lists no methods or routes of %s: the request %s %s is assumed to match one (add the output of `aws apigateway get-resources --embed methods` or `aws apigatewayv2 get-routes`)", api.Label(), o.Method, o.Path))
	}
	if api.Region == "" {
		a.Warnings = append(a.Warnings, fmt.Sprintf("the Region of %s is unknown; its default name cannot be formed reliably", api.Label()))
	}
	for _, p := range c.plans(api) {
		a.Methods = append(a.Methods, c.try(cl, api, p, o))
	}
	var route *Route
	if r, ok := api.Match(o.Method, o.Path); ok && api.RoutesListed() {
		route = &r
	}
	var inv *invoke
	a.Backend, inv = c.backend(api, o, route)
	applyBackend(a.Methods, inv, api)
	a.Verdict = overall(a.Methods)
	return a, nil
}

func (c *Caller) defaults(api *API, o Options) Options {
	if o.Stage == "" {
		if st := api.Stages(); len(st) > 0 {
			o.Stage = st[0]
		} else {
			o.Stage = "prod"
		}
	}
	if o.Method == "" {
		o.Method = "GET"
	}
	if o.Path == "" {
		o.Path = "/"
	}
	return o
}

// client resolves FROM. A Lambda function outside any VPC calls from AWS's
// own network: public DNS, an unpredictable public source address (R11.1).
func (c *Caller) client(from string) (client, error) {
	if f, ok := model.Lookup[*model.LambdaFunction](c.net.Index, from); ok && !f.InVPC() {
		ep, _ := names.Resolve(c.net, "internet")
		ep.Name = from
		ep.IP = awsSourceAddress(c.snap)
		o, _ := c.dns.Origin("internet")
		return client{origin: o, ep: ep, standIn: true, note: fmt.Sprintf("Lambda function %s is not attached to a VPC: it calls from AWS's network with public DNS, from some AWS public address (%s stands for it, R11.1)", from, ep.IP)}, nil
	}
	o, err := c.dns.Origin(from)
	if err != nil {
		return client{}, err
	}
	if o.Asker != nil {
		return client{origin: o, ep: *o.Asker}, nil
	}
	if o.Internet {
		ep, _ := names.Resolve(c.net, "internet")
		ep.Name = from
		return client{origin: o, ep: ep, standIn: true}, nil
	}
	return client{}, fmt.Errorf("%s is a resolver, not a host that sends requests; name a client, instance, function or address", from)
}

// applyBackend: a request API Gateway accepts still fails when the Lambda
// integration may not be invoked (HTTP 500), and holds only under the
// condition when the input lacks the permission (R11.6).
func applyBackend(ms []Method, inv *invoke, api *API) {
	if inv == nil {
		return
	}
	for i := range ms {
		m := &ms[i]
		if !m.Works() {
			continue
		}
		if inv.fails {
			m.fail(Reason{Code: "LAMBDA_PERMISSION_DENIED", Component: api.Label(), Rule: "R11.6",
				Detail: "API Gateway accepts the request but cannot invoke the integration: " + inv.text + "; the client gets 500 Internal Server Error",
				Fix:    "add a permission to the function (or the alias or version the integration names) for apigateway.amazonaws.com with aws:SourceArn matching the request, e.g. " + api.ARN("*", "*", "*")}, 500)
			continue
		}
		if inv.condition != "" {
			m.Conditions = append(m.Conditions, inv.condition)
		}
	}
}

func overall(ms []Method) Verdict {
	v := reach.Blocked
	for _, m := range ms {
		switch m.Verdict {
		case reach.Reachable:
			return reach.Reachable
		case reach.Unknown:
			v = reach.Unknown
		}
	}
	return v
}

// try follows one method: DNS, TCP 443 there and back, then API Gateway's rules.
func (c *Caller) try(cl client, api *API, p plan, o Options) Method {
	m := Method{Form: p.form, URL: p.url(o.Stage) + strings.TrimPrefix(o.Path, "/"), Headers: append(append([]string{}, p.headers...), o.Headers...),
		Verdict: reach.Blocked, standIn: cl.standIn}
	addrs, ok := c.resolve(&m, cl, p)
	if !ok {
		return m
	}
	ans, dst, ok := c.connect(&m, cl, addrs)
	if !ok {
		c.unreachedDoor(&m, cl, api, p, dst)
		return m
	}
	switch d := c.door(dst, p); {
	case d.endpoint != nil:
		c.privateDoor(&m, api, p, d.endpoint, ans, o)
	case d.public:
		c.publicDoor(&m, api, p, ans, o)
		c.unreachedDoor(&m, cl, api, p, dst)
	default:
		m.Lands = d.label
		m.fail(Reason{Code: "NOT_API_GATEWAY", Component: d.label, Rule: "R9.5",
			Detail: fmt.Sprintf("%s resolves to %s, which is %s, not API Gateway", p.host, m.Address, d.label),
			Fix:    "point " + p.host + " at an execute-api interface endpoint or API Gateway"}, 0)
	}
	return m
}

// resolve asks DNS from the client; a name that does not resolve stops the method.
func (c *Caller) resolve(m *Method, cl client, p plan) ([]string, bool) {
	res, err := c.dns.Resolve(cl.origin, p.host, mdns.TypeA)
	if err != nil {
		m.fail(Reason{Code: "DNS_INVALID_NAME", Component: p.host, Detail: err.Error()}, 0)
		return nil, false
	}
	m.DNS = res
	if !res.Resolved() {
		last := lastStep(res)
		m.fail(Reason{Code: "DNS_NOT_RESOLVED", Component: last.Actor, Rule: last.Rule,
			Detail: fmt.Sprintf("%s does not resolve from %s (%s): %s", p.host, cl.origin.Name, res.RcodeString(), last.Detail),
			Fix:    dnsFix(p)}, 0)
		return nil, false
	}
	addrs := res.Addresses()
	rule := decidingRule(res)
	m.step(rule, "DNS: %s -> %s (answered by %s)", p.host, strings.Join(addrs, ", "), answeredBy(res))
	return addrs, true
}

// decidingRule is the rule of the last step of the chain that names one:
// the zone, endpoint name or front end that answered (R7.11, R7.12, R9.2, ...).
func decidingRule(res *dns.Result) string {
	for i := len(res.Chain) - 1; i >= 0; i-- {
		if st := res.Chain[i]; st.Rule != "" && st.Action != "network check" {
			return st.Rule
		}
	}
	return "R10.1"
}

func lastStep(res *dns.Result) dns.Step {
	if len(res.Chain) == 0 {
		return dns.Step{Actor: "DNS"}
	}
	for i := len(res.Chain) - 1; i >= 0; i-- {
		if s := res.Chain[i]; s.Check != nil && !s.Check.Reachable {
			return s
		}
	}
	return res.Chain[len(res.Chain)-1]
}

// answeredBy names the last resolver that answered with addresses.
func answeredBy(res *dns.Result) string {
	for i := len(res.Chain) - 1; i >= 0; i-- {
		if res.Chain[i].Action == "answers" || res.Chain[i].Action == "zone" {
			return res.Chain[i].Actor
		}
	}
	if len(res.Chain) > 0 {
		return res.Chain[len(res.Chain)-1].Actor
	}
	return "DNS"
}

func dnsFix(p plan) string {
	switch p.form {
	case FormAlias:
		return "add " + p.vpce + " to the API's vpcEndpointIds so that the alias exists (R9.5c)"
	case FormDomain:
		return "publish " + p.host + " in the client's DNS (for a private domain: a private hosted zone alias to the endpoint's Regional name, R9.9)"
	}
	return "make the client's resolver answer " + p.host
}

// connect walks TCP 443 to every resolved address (clients pick any one);
// the method works only if all of them work.
func (c *Caller) connect(m *Method, cl client, addrs []string) (*reach.Answer, reach.Endpoint, bool) {
	var first *reach.Answer
	var firstDst reach.Endpoint
	for _, s := range addrs {
		dst, err := names.Resolve(c.net, s)
		if err != nil {
			m.fail(Reason{Code: "NO_SOURCE_OR_DESTINATION", Component: s, Detail: err.Error()}, 0)
			return nil, dst, false
		}
		src := c.source(m, cl.ep, dst)
		dst.IP = reach.PublicDst(c.net, src, dst)
		ans := reach.Ask(c.net, reach.Question{Src: src, Dst: dst, Proto: model.ProtoTCP, DstPort: 443})
		if first == nil {
			first, firstDst = ans, dst
			m.Address, m.Packet = s, ans
		}
		if !ans.Reachable() {
			m.Address, m.Packet = s, ans
			for _, e := range ans.Explanations {
				m.Reasons = append(m.Reasons, Reason{Code: e.Code, Component: e.Component, Rule: e.Rule, Fix: e.Fix,
					Detail: fmt.Sprintf("tcp/443 to %s (%s): %s", s, e.Direction, e.Detail)})
			}
			m.Verdict = ans.Verdict
			return nil, dst, false
		}
	}
	m.step("R0.4", "network: tcp/443 from %s to %s reachable, there and back", cl.ep.Label(), strings.Join(addrs, ", "))
	return first, firstDst, true
}

// doorKind is what owns the address the client connected to.
type doorKind struct {
	endpoint *model.VPCEndpoint // an execute-api interface endpoint: the private front door
	public   bool               // API Gateway's public front end
	label    string
}

// door finds the owner of the destination: an execute-api interface endpoint
// ENI, a public address that DNS gave for an AWS or API Gateway name, or something else.
func (c *Caller) door(dst reach.Endpoint, p plan) doorKind {
	switch dst.Kind {
	case reach.AtENI:
		e := dst.ENI.M
		if e.OwnerKind == model.OwnerInterfaceEndpoint {
			if ep, ok := model.Lookup[*model.VPCEndpoint](c.net.Index, e.OwnerID); ok && isExecuteAPI(ep.ServiceName, "") {
				return doorKind{endpoint: ep, label: "execute-api endpoint " + ep.ID}
			}
		}
		return doorKind{label: dst.ENI.Label()}
	case reach.AtInternet:
		if strings.HasSuffix(p.host, ".amazonaws.com") || p.domain != nil {
			return doorKind{public: true, label: "API Gateway's public front end"}
		}
		return doorKind{label: "the internet host " + dst.IP.String()}
	}
	return doorKind{label: dst.Label()}
}

// step records what happened, with its rule.
func (m *Method) step(rule, format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if rule != "" {
		s += " [" + rule + "]"
		m.Rules = appendUnique(m.Rules, rule)
	}
	m.Steps = append(m.Steps, s)
}

// fail adds a reason the method does not work and the status the client gets.
func (m *Method) fail(r Reason, status int) {
	m.Reasons = append(m.Reasons, r)
	if r.Rule != "" {
		m.Rules = appendUnique(m.Rules, r.Rule)
	}
	m.Status = status
	if m.Verdict == reach.Reachable {
		m.Verdict = reach.Blocked
	}
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// seenSource is the source address API Gateway sees (after NAT), for aws:SourceIp / aws:VpcSourceIp.
func seenSource(ans *reach.Answer) netip.Addr {
	if ans != nil && ans.SeenSource.IsValid() {
		return ans.SeenSource
	}
	if ans != nil {
		return ans.Packet.Src
	}
	return netip.Addr{}
}

// source is the endpoint the request leaves from. An on-premises host calls a
// public address that no site link learns from AWS through the site's own
// internet connection when the site has one (R6.5, S1 variant a).
func (c *Caller) source(m *Method, src, dst reach.Endpoint) reach.Endpoint {
	if src.Kind != reach.AtOnPrem || dst.Kind != reach.AtInternet || !src.Site.M.InternetAccess {
		return src
	}
	for _, a := range src.Site.Attaches {
		if a.Up && a.Advertises(c.net, dst.IP) {
			return src
		}
	}
	m.step("R6.5", "%s leaves through the internet connection of site %s (no VPN or Direct Connect route to %s)", src.IP, src.Site.M.Label(), dst.IP)
	out, _ := names.Resolve(c.net, "internet")
	out.Name = src.Name
	m.standIn = true
	return out
}

// unreachedDoor corrects the fixes of a method that took a private API's name
// to API Gateway's public front end: a route there would only earn a 403, since
// the public front end never serves a private API (R9.7). The fix is the
// private way in: for a client in a VPC whose execute-api endpoint's private
// DNS is inactive, activating it; else the inbound Resolver endpoint or the
// vpce- name with a Host header.
func (c *Caller) unreachedDoor(m *Method, cl client, api *API, p plan, dst reach.Endpoint) {
	if !api.Private() || !c.door(dst, p).public {
		return
	}
	fix := publicFix(api, p)
	if cl.ep.Kind == reach.AtENI && cl.ep.ENI.VPC != nil {
		if ep, why, epFix := inactivePrivateDNS(c.snap, cl.ep.ENI.VPC.M, "execute-api"); ep != nil {
			fix = epFix + ", or call the endpoint's vpce- name with the header Host: " + api.DefaultHost() + " (R9.5b); " + why
		}
	}
	for i, r := range m.Reasons {
		switch r.Code {
		case "NO_ROUTE_TO_DESTINATION", "NGW_REQUIRES_SOURCE_IN_VPC":
			m.Reasons[i].Fix = "not a route: " + p.host + " resolved to API Gateway's public front end, which never serves a private API (R9.7); " + fix
		case "PRIVATE_API_VIA_PUBLIC_ENDPOINT":
			m.Reasons[i].Fix = fix
		}
	}
}
