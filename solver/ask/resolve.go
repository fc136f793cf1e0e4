package ask

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
	apihttp "github.com/netverify/netverify/solver/http"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/reach"
)

// Kind says what a name the user typed stands for.
type Kind uint8

const (
	KindInterface        Kind = iota + 1 // a network interface (eni-) or an address it owns
	KindInstance                         // an EC2 instance: its first interface
	KindLambda                           // a Lambda function attached to a VPC: its Hyperplane ENI
	KindLambdaOutsideVPC                 // a Lambda function outside any VPC: sends from AWS's network (R11.1)
	KindVPCEndpoint                      // an interface or gateway VPC endpoint
	KindLoadBalancer                     // an ELB: its first node
	KindNATGateway                       // a NAT gateway
	KindSubnet                           // a subnet: a typical host in it
	KindVPC                              // a VPC: a typical host in it
	KindSite                             // an on-premises site (scenario)
	KindClient                           // a client (scenario)
	KindDNSServer                        // a DNS server (scenario)
	KindOnPremAddress                    // an address in an on-premises range
	KindInternetAddress                  // a public address nothing in the snapshot owns
	KindVPCAddress                       // an address inside a VPC that no interface owns
	KindResolver                         // the VPC Resolver (VPC+2) or the metadata addresses (R0.6)
	KindAPI                              // an API Gateway REST or HTTP API
	KindService                          // an AWS service by its endpoint prefix ("ssm")
	KindInternet                         // the word "internet"
	KindOnPrem                           // the word "onprem": the only site
)

var kindNames = [...]string{"", "interface", "instance", "lambda", "lambda-outside-vpc", "vpc-endpoint",
	"load-balancer", "nat-gateway", "subnet", "vpc", "site", "client", "dns-server", "onprem-address",
	"internet-address", "vpc-address", "resolver", "api", "service", "internet", "onprem"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// MarshalText writes the kind's word.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Endpoint is what a name stands for, resolved once for every command.
type Endpoint struct {
	Kind Kind
	// Name is what the user typed.
	Name string
	// ID is the resource the name found ("" for addresses, words and services).
	ID string
	// Packet is where packets start or end; unset for an API or a service,
	// whose address depends on who asks (DNS).
	Packet reach.Endpoint
	// API is the API a KindAPI name found.
	API *apihttp.API
	// Service is the endpoint prefix of a KindService name ("ssm").
	Service string
	// Note says what the answer must repeat about this end (a Lambda
	// function outside any VPC sends from AWS's network).
	Note string
}

// ref is how the lower solvers (DNS origins, API callers) are told the
// endpoint: the resource ID it found, else the words or address typed.
func (e Endpoint) ref() string {
	switch e.Kind {
	case KindOnPremAddress, KindInternetAddress, KindVPCAddress, KindResolver, KindInterface, KindInternet, KindOnPrem:
		if e.Kind != KindInterface || e.Packet.IP.String() == e.Name {
			return e.Name
		}
	}
	if e.ID != "" {
		return e.ID
	}
	return e.Name
}

// HasPacket reports whether packets can start or end at e without asking DNS first.
func (e Endpoint) HasPacket() bool { return e.Kind != KindAPI && e.Kind != KindService }

// NameError is a name that matches nothing, with the nearest names of the
// snapshot ("did you mean"). Commands exit 2 on it.
type NameError struct {
	Name        string
	Suggestions []string
	// Close is true when the first suggestion is likely what was meant (a typo).
	Close bool
}

func (e *NameError) Error() string {
	msg := fmt.Sprintf("%q names nothing in the snapshot (expected an ID, a Name tag, a CloudFormation logical ID, a Terraform address, a scenario name, an IP address, an API, an AWS service such as ssm, \"internet\" or \"onprem\")", e.Name)
	switch {
	case len(e.Suggestions) > 0 && e.Close:
		msg += "; did you mean " + strings.Join(quoteAll(e.Suggestions), ", ") + "?"
	case len(e.Suggestions) > 0:
		msg += "; the nearest names are " + strings.Join(quoteAll(e.Suggestions), ", ") + " (`netverify inspect` lists what the input holds)"
	default:
		msg += " (`netverify inspect` lists what the input holds)"
	}
	return msg
}

func quoteAll(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprintf("%q", x)
	}
	return out
}

// Resolve turns a name into an endpoint: the words internet and onprem, an
// IP address or CIDR (its first host), an API (ID, name, logical ID, custom
// domain), a resource (ID, ARN, Name tag, CloudFormation logical ID,
// Terraform address, load balancer or function name), or an AWS service
// word from the list of endpoint prefixes. Anything else is a *NameError.
func (k *Asker) Resolve(name string) (Endpoint, error) {
	name = strings.TrimSpace(name)
	switch strings.ToLower(name) {
	case "":
		return Endpoint{}, fmt.Errorf("empty endpoint name")
	case "internet":
		ep, _ := names.Resolve(k.n, "internet")
		return Endpoint{Kind: KindInternet, Name: name, Packet: ep}, nil
	case "onprem", "on-prem", "on-premises":
		ep, err := names.OnPrem(k.n, name)
		return Endpoint{Kind: KindOnPrem, Name: name, Packet: ep, ID: siteID(ep)}, err
	}
	if ip, ok := names.ParseAddr(name); ok {
		return k.byAddress(name, ip)
	}
	if api, ok := k.findAPI(name); ok {
		return Endpoint{Kind: KindAPI, Name: name, ID: api.ID, API: api}, nil
	}
	if rs := k.find(name); len(rs) > 0 {
		return k.byResource(name, rs)
	}
	if k.knownService(name) {
		return Endpoint{Kind: KindService, Name: name, Service: strings.ToLower(name)}, nil
	}
	sugg, close := k.suggest(name)
	return Endpoint{}, &NameError{Name: name, Suggestions: sugg, Close: close}
}

func siteID(ep reach.Endpoint) string {
	if ep.Site != nil {
		return ep.Site.M.ID
	}
	return ""
}

func (k *Asker) byAddress(name string, ip netip.Addr) (Endpoint, error) {
	ep, err := names.ByIP(k.n, name, ip)
	if err != nil {
		return Endpoint{}, err
	}
	out := Endpoint{Name: name, Packet: ep}
	switch ep.Kind {
	case reach.AtENI:
		out.Kind, out.ID = KindInterface, ep.ENI.M.ID
	case reach.AtOnPrem:
		out.Kind, out.ID = KindOnPremAddress, siteID(ep)
	case reach.AtResolver:
		out.Kind = KindResolver
	case reach.AtAddress:
		out.Kind = KindVPCAddress
	default:
		out.Kind = KindInternetAddress
	}
	return out, nil
}

// findAPI finds an API by ID, Name tag, API name, logical ID or custom domain
// name (a domain mapped to one API).
func (k *Asker) findAPI(name string) (*apihttp.API, bool) {
	if api, ok := apihttp.FindAPI(k.n.Snap, k.n.Index, name); ok {
		return api, true
	}
	for _, r := range k.aliases[name] {
		if api, ok := apihttp.FindAPIByID(k.n.Snap, r.Base().ID); ok {
			return api, true
		}
	}
	for _, d := range k.n.Snap.DomainNames {
		if !strings.EqualFold(d.DomainName, name) {
			continue
		}
		apis := map[string]bool{}
		for _, m := range d.Mappings {
			apis[m.API] = true
		}
		if len(apis) == 1 {
			for id := range apis {
				return apihttp.FindAPIByID(k.n.Snap, id)
			}
		}
	}
	return nil, false
}

// find returns every resource name names: by ID or ARN, Name tag, or one of
// the other names people use (aliases).
func (k *Asker) find(name string) []model.Resource {
	if rs := k.n.Index.Find(name); len(rs) > 0 {
		return rs
	}
	if rs := k.aliases[name]; len(rs) > 0 {
		return rs
	}
	return k.aliases[strings.ToLower(name)]
}

func (k *Asker) byResource(name string, rs []model.Resource) (Endpoint, error) {
	var eps []Endpoint
	var labels, errs []string
	for _, r := range rs {
		ep, err := k.fromResource(name, r)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		eps = append(eps, ep)
		labels = append(labels, r.Base().Label()+" ("+model.KindOf(r).Name+")")
	}
	if len(eps) > 1 && sameInterface(eps) {
		// An instance and its own interface (a template tags both with
		// the instance's logical ID) are one endpoint: the instance.
		for _, ep := range eps {
			if ep.Kind != KindInterface {
				return ep, nil
			}
		}
		return eps[0], nil
	}
	switch {
	case len(eps) == 1:
		return eps[0], nil
	case len(eps) > 1:
		sort.Strings(labels)
		return Endpoint{}, fmt.Errorf("%q is ambiguous: it names %s; use an ID", name, strings.Join(labels, ", "))
	}
	return Endpoint{}, fmt.Errorf("%s", strings.Join(errs, "; "))
}

// sameInterface reports whether every endpoint is the same interface.
func sameInterface(eps []Endpoint) bool {
	for _, ep := range eps {
		if ep.Packet.ENI == nil || ep.Packet.ENI != eps[0].Packet.ENI {
			return false
		}
	}
	return true
}

func (k *Asker) fromResource(name string, r model.Resource) (Endpoint, error) {
	out := Endpoint{Name: name, ID: r.Base().ID, Kind: kindOf(r)}
	if f, ok := r.(*model.LambdaFunction); ok && !f.InVPC() {
		ep, note, err := k.caller.Source(f.ID)
		out.Kind, out.Packet, out.Note = KindLambdaOutsideVPC, ep, note
		out.Packet.Name = name
		return out, err
	}
	ep, err := names.FromResource(k.n, name, r)
	out.Packet = ep
	return out, err
}

func kindOf(r model.Resource) Kind {
	switch r.(type) {
	case *model.ENI:
		return KindInterface
	case *model.Instance:
		return KindInstance
	case *model.LambdaFunction:
		return KindLambda
	case *model.VPCEndpoint:
		return KindVPCEndpoint
	case *model.LoadBalancer:
		return KindLoadBalancer
	case *model.NATGateway:
		return KindNATGateway
	case *model.Subnet:
		return KindSubnet
	case *model.VPC:
		return KindVPC
	case *model.OnPremSite:
		return KindSite
	case *model.Client:
		return KindClient
	case *model.DNSServer:
		return KindDNSServer
	}
	return 0
}

// IDs returns the IDs of the resources ref names (ID, ARN, Name tag, logical
// ID, Terraform address, load balancer name), for matching against the IDs
// of hops (an intent's via: list).
func (k *Asker) IDs(ref string) []string {
	var out []string
	for _, r := range k.find(strings.TrimSpace(ref)) {
		out = append(out, r.Base().ID)
	}
	return out
}
