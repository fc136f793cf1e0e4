// Package ask is the question layer: it turns the words of a user's question
// into typed endpoints (Resolve) and answers the question with the right
// solver (Ask): a packet question, "which ports", an API call, an API's
// backend legs, or an AWS service. Every command (can-reach and its --flows,
// check, diagram --path, can-reach --diagram, scan --to/--from, drift) asks
// through it, so they accept the same names and give the same verdicts.
//
// The choice of the public address of a destination (R3.2, R3.3) and the
// protocol defaults (tcp with a port, every protocol without; ICMP echo) are
// made here once.
package ask

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"sync"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/dns"
	apihttp "github.com/netverify/netverify/solver/http"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// Asker answers the questions of one compiled network. Build it once per
// command with New; it is safe for concurrent use.
type Asker struct {
	n       *network.Network
	dns     *dns.Resolver
	caller  *apihttp.Caller
	aliases map[string][]model.Resource

	candOnce sync.Once
	cands    []string
}

// New builds the question layer over n.
func New(n *network.Network) *Asker {
	r := dns.New(n)
	return &Asker{n: n, dns: r, caller: apihttp.New(n, r), aliases: aliasTable(n.Snap)}
}

// Network is the compiled network the Asker answers about.
func (k *Asker) Network() *network.Network { return k.n }

// DNS is the resolver of the network (resolve, dns serve and resolves-to intents).
func (k *Asker) DNS() *dns.Resolver { return k.dns }

// Query is a question in the user's words.
type Query struct {
	Src, Dst string
	// Proto is tcp, udp, icmp, any or "" (tcp with a port, every protocol without).
	Proto string
	// Port is the destination port; -1 asks which ports are reachable.
	Port int
	// SrcPort is the initiator's source port; 0 walks every class of its ephemeral range.
	SrcPort uint16
	OneWay  bool
	// Stage is the API stage of an API call (default: its first deployed stage).
	Stage string
	// Method, Path and Headers are the HTTP request of an API call; without
	// a method and path every method or route of the stage is asked.
	Method, Path string
	Headers      []string
}

// AnswerKind says which solver answered.
type AnswerKind uint8

const (
	AnswerPacket      AnswerKind = iota + 1 // one concrete connection (or one per protocol with --proto any --port N)
	AnswerPorts                             // which protocols and ports are reachable
	AnswerAPICall                           // every way of calling an API
	AnswerBackend                           // an API's VPC link legs to a backend
	AnswerService                           // an AWS service, wherever the source's DNS sends it
	AnswerFunctionURL                       // a Lambda function through its function URL
)

var answerKindNames = [...]string{"", "packet", "ports", "api-call", "api-backend", "service", "function-url"}

func (k AnswerKind) String() string { return answerKindNames[k] }

// MarshalText writes the kind's word.
func (k AnswerKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Answer is the answer to any question.
type Answer struct {
	Kind     AnswerKind
	Src, Dst Endpoint
	Verdict  reach.Verdict
	// Packets are the packet answers: one for a packet or service question
	// (one per protocol for "any" with a port), one per leg for a backend.
	Packets []*reach.Answer
	// Legs describe the backend legs, parallel to Packets.
	Legs []string
	// Ports is the "which ports" summary.
	Ports []reach.ProtoSummary
	// API is the API call answer: the request asked, or the first route of
	// the table that works (else the first route).
	API *apihttp.Answer
	// Routes is the per-route table of an API call asked without a method and path.
	Routes []apihttp.RouteAnswer
	// ServiceDNS is how the source's DNS resolved the service name.
	ServiceDNS *dns.Result
	// Notes are said before the answer (a Lambda function outside any VPC).
	Notes []string
}

// Reachable reports whether the answer is yes.
func (a *Answer) Reachable() bool { return a.Verdict == reach.Reachable }

// Path is the packet path that stands for the answer in a drawing: the
// question's packet, the sample of a ports answer, the path of the first
// working way of calling an API (else of the first that got a packet), or
// the first failing backend leg.
func (a *Answer) Path() *reach.Answer {
	switch a.Kind {
	case AnswerPorts:
		return summary(a.Ports)
	case AnswerAPICall:
		return apiPacket(a.API)
	case AnswerBackend:
		for _, p := range a.Packets {
			if !p.Reachable() {
				return p
			}
		}
	}
	for _, p := range a.Packets {
		if p.Reachable() {
			return p
		}
	}
	if len(a.Packets) > 0 {
		return a.Packets[0]
	}
	return nil
}

// DNS is the resolution that stands for the answer in a drawing: the DNS
// chain of the way of calling the API that Path shows, or the service name's.
func (a *Answer) DNS() *dns.Result {
	if a.Kind == AnswerAPICall && a.API != nil {
		if m := apiMethod(a.API); m != nil {
			return m.DNS
		}
	}
	return a.ServiceDNS
}

// Ask answers q. Errors are the user's (a name that matches nothing, a port
// that does not fit the destination): commands exit 2 on them.
func (k *Asker) Ask(q Query) (*Answer, error) {
	if q.Port > 65535 || q.Port < -1 {
		return nil, fmt.Errorf("port %d: want 0-65535", q.Port)
	}
	src, err := k.Resolve(q.Src)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	dst, err := k.Resolve(q.Dst)
	if err != nil {
		return nil, fmt.Errorf("destination: %w", err)
	}
	return k.AskEndpoints(src, dst, q)
}

// AskEndpoints answers q between endpoints already resolved.
func (k *Asker) AskEndpoints(src, dst Endpoint, q Query) (*Answer, error) {
	switch {
	case dst.Kind == KindAPI:
		return k.callAPI(src, dst, q)
	case src.Kind == KindAPI:
		return k.backend(src, dst, q)
	case src.Kind == KindService:
		return nil, fmt.Errorf("source: %s is an AWS service; a question starts at a host, function, site, client or address", src.Name)
	case dst.Kind == KindService:
		return k.service(src, dst, q)
	}
	if f, ok := k.urlTarget(dst, q); ok {
		return k.functionURL(src, dst, f, q)
	}
	return k.packet(src, dst, q)
}

// packet answers between two packet endpoints.
func (k *Asker) packet(src, dst Endpoint, q Query) (*Answer, error) {
	a := &Answer{Src: src, Dst: dst}
	if src.Note != "" {
		a.Notes = append(a.Notes, src.Note)
	}
	dst.Packet.IP = reach.PublicDst(k.n, src.Packet, dst.Packet)
	protos, err := Protocols(q.Proto, q.Port, dst.Packet.IP)
	if err != nil {
		return nil, err
	}
	rq := reach.Question{Src: src.Packet, Dst: dst.Packet, SrcPort: q.SrcPort, OneWay: q.OneWay}
	if q.Port < 0 && (len(protos) > 1 || protos[0].HasPorts()) {
		a.Kind = AnswerPorts
		a.Ports = reach.Ports(k.n, rq, protos)
		a.Verdict = summary(a.Ports).Verdict
		return a, nil
	}
	a.Kind = AnswerPacket
	a.Verdict = reach.Blocked
	for _, p := range protos {
		pa := ask(k.n, rq, p, q.Port)
		k.correct(src, dst, pa)
		a.Packets = append(a.Packets, pa)
		a.Verdict = better(a.Verdict, pa.Verdict)
	}
	return a, nil
}

// ask asks rq with protocol p and destination port (ICMP: echo request).
func ask(n *network.Network, rq reach.Question, p model.Protocol, port int) *reach.Answer {
	rq.Proto = p
	if port >= 0 && p.HasPorts() {
		rq.DstPort = uint16(port)
	}
	if !p.HasPorts() {
		rq.ICMPType = EchoType(p)
	}
	return reach.Ask(n, rq)
}

// Flow answers one flow between two packet endpoints that a set solver
// already resolved (drift's flow checks): the destination's public address
// and the ICMP defaults are chosen here as for every question.
func Flow(n *network.Network, src, dst reach.Endpoint, p model.Protocol, port uint16, quiet bool) *reach.Answer {
	dst.IP = reach.PublicDst(n, src, dst)
	return ask(n, reach.Question{Src: src, Dst: dst, Quiet: quiet}, p, int(port))
}

// correct adjusts a packet answer for what the walk cannot see: a function
// outside any VPC sends from an address nobody can predict (R11.1), and a
// service whose endpoint's private DNS is inactive gets the fix that says so
// (R7.12).
func (k *Asker) correct(src, dst Endpoint, a *reach.Answer) {
	if src.Kind == KindLambdaOutsideVPC {
		k.caller.ExplainLambdaSource(src.ref(), a)
	}
	if dst.Kind == KindService {
		k.caller.ExplainService(src.ref(), dst.Service, a)
	}
}

// better combines the verdicts of alternatives: any reachable one makes it
// reachable; else an unknown one makes it unknown.
func better(a, b reach.Verdict) reach.Verdict {
	switch {
	case a == reach.Reachable || b == reach.Reachable:
		return reach.Reachable
	case a == reach.Unknown || b == reach.Unknown:
		return reach.Unknown
	}
	return reach.Blocked
}

// EchoType is the ICMP echo request type of p's family.
func EchoType(p model.Protocol) int {
	if p == model.ProtoICMPv6 {
		return 128
	}
	return 8
}

// Protocols turns a protocol word into the protocols to check: tcp with a
// port, every protocol without one; "any" with a port means TCP and UDP.
func Protocols(s string, port int, dst netip.Addr) ([]model.Protocol, error) {
	icmp := model.ProtoICMP
	if dst.Is6() {
		icmp = model.ProtoICMPv6
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		if port >= 0 {
			return []model.Protocol{model.ProtoTCP}, nil
		}
		return []model.Protocol{model.ProtoTCP, model.ProtoUDP, icmp}, nil
	case "any", "all", "-1":
		if port >= 0 {
			return []model.Protocol{model.ProtoTCP, model.ProtoUDP}, nil
		}
		return []model.Protocol{model.ProtoTCP, model.ProtoUDP, icmp}, nil
	case "tcp", "6":
		return []model.Protocol{model.ProtoTCP}, nil
	case "udp", "17":
		return []model.Protocol{model.ProtoUDP}, nil
	case "icmp", "ping", "icmpv6", "1", "58":
		return []model.Protocol{icmp}, nil
	}
	return nil, fmt.Errorf("protocol %q: want tcp, udp, icmp or any", s)
}

// summary picks the packet answer that stands for a "which ports" answer: a
// reachable sample when something is reachable, else an unknown one, else
// the first blocked one.
func summary(sums []reach.ProtoSummary) *reach.Answer {
	for _, s := range sums {
		if s.Sample != nil {
			return s.Sample
		}
	}
	for _, s := range sums {
		if s.Blocked != nil && s.Blocked.Verdict == reach.Unknown {
			return s.Blocked
		}
	}
	for _, s := range sums {
		if s.Blocked != nil {
			return s.Blocked
		}
	}
	return &reach.Answer{Verdict: reach.Unknown}
}

// callAPI answers "can SRC call API?": every way of calling it (R9.5).
func (k *Asker) callAPI(src, dst Endpoint, q Query) (*Answer, error) {
	if q.Port >= 0 && q.Port != 443 {
		return nil, fmt.Errorf("%s is an API: a call is HTTPS on tcp/443, not port %d", dst.Name, q.Port)
	}
	if p := strings.ToLower(q.Proto); p != "" && p != "tcp" && p != "any" {
		return nil, fmt.Errorf("%s is an API: a call is HTTPS on tcp/443, not %s", dst.Name, q.Proto)
	}
	if !src.HasPacket() {
		return nil, fmt.Errorf("source: %s is %s; a call starts at a host, function, site, client or address", src.Name, article(src.Kind))
	}
	o := apihttp.Options{Stage: q.Stage, Method: strings.ToUpper(q.Method), Path: q.Path, Headers: q.Headers}
	if o.Path != "" && !strings.HasPrefix(o.Path, "/") {
		o.Path = "/" + o.Path
	}
	a := &Answer{Kind: AnswerAPICall, Src: src, Dst: dst}
	if q.Method == "" && q.Path == "" && dst.API.RoutesListed() {
		routes, err := k.caller.CallRoutes(src.ref(), dst.API, o)
		if err != nil {
			return nil, fmt.Errorf("source: %w", err)
		}
		a.Routes, a.Verdict = routes, reach.Blocked
		for _, r := range routes {
			r.Answer.Src = src.Name
			a.Verdict = better(a.Verdict, r.Answer.Verdict)
			if a.API == nil || (!a.API.Reachable() && r.Answer.Reachable()) {
				a.API = r.Answer
			}
		}
		return a, nil
	}
	ans, err := k.caller.Call(src.ref(), dst.API, o)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	ans.Src = src.Name
	a.API, a.Verdict = ans, ans.Verdict
	return a, nil
}

func article(k Kind) string {
	s := k.String()
	if strings.ContainsAny(s[:1], "aeio") {
		return "an " + s
	}
	return "a " + s
}

// backend answers "can API reach BACKEND?": from every VPC link ENI (or NLB
// node behind a REST VPC link V1) to the backend, there and back (R8.7,
// R8.8). It is reachable only when every leg works: API Gateway spreads
// requests over all of them.
func (k *Asker) backend(src, dst Endpoint, q Query) (*Answer, error) {
	if !dst.HasPacket() {
		return nil, fmt.Errorf("destination: %s is %s; an API's backend is a load balancer, target or address", dst.Name, article(dst.Kind))
	}
	legs, err := k.caller.BackendLegs(src.API)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	a := &Answer{Kind: AnswerBackend, Src: src, Dst: dst, Verdict: reach.Reachable}
	for _, leg := range legs {
		if ok, why := leg.Serves(dst.Packet); !ok { // cross-zone off (R7.24)
			a.Notes = append(a.Notes, why)
			continue
		}
		if leg.GateWhy != "" && leg.Gate == reach.Reachable { // the NLB's rules for PrivateLink traffic (R7.23)
			leg.Note += "; " + leg.GateWhy
		}
		p := q.Port
		if p < 0 {
			p = int(leg.Port)
		}
		if p <= 0 {
			return nil, fmt.Errorf("the integration of %s names no port; give --port", src.API.Label())
		}
		rq := reach.Question{Src: leg.Src, Dst: dst.Packet, Proto: model.ProtoTCP, DstPort: uint16(p), OneWay: q.OneWay}
		pa := reach.Ask(k.n, rq)
		if e, ok := leg.GateExplanation(); ok { // the NLB's rules stop the leg first (R7.23)
			pa.Explanations = append([]reach.Explanation{e}, pa.Explanations...)
			pa.Verdict = worse(pa.Verdict, leg.Gate)
		}
		a.Packets, a.Legs = append(a.Packets, pa), append(a.Legs, leg.Note)
		if !pa.Reachable() {
			a.Verdict = worse(a.Verdict, pa.Verdict)
		}
	}
	if len(a.Packets) == 0 {
		a.Verdict = reach.Blocked
		a.Notes = append(a.Notes, "no node of the load balancer sends to "+dst.Name+" (R7.24)")
	}
	return a, nil
}

// worse combines the verdicts of legs that must all work.
func worse(a, b reach.Verdict) reach.Verdict {
	switch {
	case a == reach.Blocked || b == reach.Blocked:
		return reach.Blocked
	case a == reach.Unknown || b == reach.Unknown:
		return reach.Unknown
	}
	return reach.Reachable
}

// service answers a question to an AWS service: its name is resolved the
// way an SDK in the source would (<svc>.<region>.amazonaws.com through the
// source's DNS), which gives its interface endpoint when private DNS
// applies, else its public front end (R7.12, R8.5, R11.5); the packet
// question is then asked to that address.
func (k *Asker) service(src, dst Endpoint, q Query) (*Answer, error) {
	ep, res, err := k.caller.Service(src.ref(), dst.Service)
	if err != nil {
		return nil, fmt.Errorf("destination: %s as an AWS service: %w", dst.Name, err)
	}
	dst.Packet = ep
	a, err := k.packet(src, dst, q)
	if err != nil {
		return nil, err
	}
	a.Kind = kindOrService(a.Kind)
	a.ServiceDNS = res
	return a, nil
}

func kindOrService(k AnswerKind) AnswerKind {
	if k == AnswerPacket {
		return AnswerService
	}
	return k
}

// apiMethod is the way of calling an API a drawing shows: the first that
// works, else the first that got as far as a packet.
func apiMethod(a *apihttp.Answer) *apihttp.Method {
	for i := range a.Methods {
		if a.Methods[i].Works() {
			return &a.Methods[i]
		}
	}
	for i := range a.Methods {
		if a.Methods[i].Packet != nil {
			return &a.Methods[i]
		}
	}
	if len(a.Methods) > 0 {
		return &a.Methods[0]
	}
	return nil
}

func apiPacket(a *apihttp.Answer) *reach.Answer {
	if a == nil {
		return nil
	}
	if m := apiMethod(a); m != nil {
		return m.Packet
	}
	return nil
}

// Origin is where a DNS question starts (resolve --from, dns serve --from,
// resolves-to intents), named as any endpoint is: a client, DNS server,
// inbound Resolver endpoint, VPC, interface or address, by any of its
// names; a name that matches nothing is a *NameError with suggestions.
func (k *Asker) Origin(where string) (dns.Origin, error) {
	o, err := k.dns.Origin(where)
	if err == nil {
		return o, nil
	}
	ep, rerr := k.Resolve(where)
	var ne *NameError
	if errors.As(rerr, &ne) {
		return o, ne
	}
	if rerr == nil && ep.ref() != where {
		if o2, err2 := k.dns.Origin(ep.ref()); err2 == nil {
			return o2, nil
		}
	}
	return o, err
}

// Resolution answers "what does NAME resolve to from WHERE?".
func (k *Asker) Resolution(where, name string, qtype uint16) (*dns.Result, error) {
	o, err := k.Origin(where)
	if err != nil {
		return nil, fmt.Errorf("from: %w", err)
	}
	if qtype == 0 {
		qtype = mdns.TypeA
	}
	return k.dns.Resolve(o, name, qtype)
}

// Internet is the packet endpoint that stands for "the internet".
func (k *Asker) Internet() reach.Endpoint {
	ep, _ := names.Resolve(k.n, "internet")
	return ep
}

// Overlay is what a drawing of the answer lays over the topology: the
// packet path, the DNS resolution before it and the API called, if any.
func (a *Answer) Overlay() (path *reach.Answer, res *dns.Result, api string) {
	if a.Kind == AnswerAPICall && a.API != nil {
		api = a.API.API
	}
	return a.Path(), a.DNS(), api
}
