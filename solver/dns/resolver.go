// Package dns resolves DNS names the way an AWS estate and its on-premises
// DNS servers would, from a chosen place (docs/RULES.md section 10 and the
// DNS parts of sections 4, 7 and 9): the VPC Resolver with its Resolver rules,
// private hosted zones, interface endpoint private DNS and Amazon-provided
// names; inbound and outbound Resolver endpoints; on-premises servers with
// zone files and conditional forwarders; public DNS. Every query that crosses
// the network is a UDP 53 and a TCP 53 question answered by solver/reach: a
// hop blocked on UDP fails the resolution with the reachability explanation
// attached; a hop open on UDP but blocked on TCP is a warning on the result.
package dns

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// Resolver answers DNS questions about one compiled network. Build it once
// with New; it is read-only afterwards and safe for concurrent use.
type Resolver struct {
	net     *network.Network
	ix      *model.Index
	vpcs    map[string]*vpcView
	public  []*zone // public hosted zones
	servers map[string]*server
	byIP    map[netip.Addr]*server
	inbound map[netip.Addr]*model.ResolverEndpoint
	epNames map[string][]netip.Addr // endpoint-specific vpce names (R7.11), per name
	apis    map[string]*model.RestAPI
	// Diagnostics are problems found while building: zone files that do not parse.
	Diagnostics model.Diagnostics
}

// Record is one answer record.
type Record struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Value string `json:"value"`
	TTL   uint32 `json:"ttl"`
}

// String renders the record as a zone-file line.
func (r Record) String() string {
	return fmt.Sprintf("%s.\t%d\tIN\t%s\t%s", r.Name, r.TTL, r.Type, r.Value)
}

// Check is one network check of a DNS packet (UDP or TCP 53) made with solver/reach.
type Check struct {
	Src          string              `json:"src"`
	Dst          string              `json:"dst"`
	Proto        string              `json:"proto"`
	Port         int                 `json:"port"`
	Reachable    bool                `json:"reachable"`
	Verdict      string              `json:"verdict"`
	Explanations []reach.Explanation `json:"explanations,omitempty"`
	Note         string              `json:"note,omitempty"`
	// Path is the packet answer of the check (diagrams draw it by its IDs).
	Path *reach.Answer `json:"-"`
}

// Step is one link of the resolution chain: who did what, and by which rule.
type Step struct {
	Depth  int    `json:"depth"`
	Actor  string `json:"actor"`
	Action string `json:"action"`
	Detail string `json:"detail"`
	Rule   string `json:"rule,omitempty"`
	Check  *Check `json:"check,omitempty"`
}

// Result is the outcome of one resolution.
type Result struct {
	Name    string
	Type    uint16
	From    string
	Rcode   int
	Answers []Record
	Chain   []Step
	// Warnings are problems that do not stop this answer, e.g. a hop open on
	// udp/53 but blocked on tcp/53 (large answers would fail), sorted.
	Warnings []string
}

// RcodeString returns NOERROR, NXDOMAIN, SERVFAIL...
func (r *Result) RcodeString() string { return mdns.RcodeToString[r.Rcode] }

// TypeString returns A, AAAA, CNAME...
func (r *Result) TypeString() string { return mdns.TypeToString[r.Type] }

// Resolved reports whether the answer holds at least one record of the asked type.
func (r *Result) Resolved() bool {
	for _, a := range r.Answers {
		if a.Type == r.TypeString() {
			return true
		}
	}
	return false
}

// Addrs returns the A and AAAA answers as addresses, sorted (what packet
// questions to the answer use; Addresses is their text).
func (r *Result) Addrs() []netip.Addr {
	var out []netip.Addr
	for _, a := range r.Answers {
		if a.Type != "A" && a.Type != "AAAA" {
			continue
		}
		if ip, err := netip.ParseAddr(a.Value); err == nil {
			out = append(out, ip)
		}
	}
	slices.SortFunc(out, netip.Addr.Compare)
	return out
}

// Addresses returns the values of the A and AAAA answers, sorted.
func (r *Result) Addresses() []string {
	var out []string
	for _, a := range r.Answers {
		if a.Type == "A" || a.Type == "AAAA" {
			out = append(out, a.Value)
		}
	}
	sort.Strings(out)
	return out
}

// JSON is the stable machine form of a result (the `resolve --json` contract).
type JSON struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	From    string   `json:"from"`
	Rcode   string   `json:"rcode"`
	Answers []Record `json:"answers"`
	Chain   []Step   `json:"chain"`
	// Warnings is always present, empty when there are none.
	Warnings []string `json:"warnings"`
}

// ToJSON fills the stable JSON form.
func (r *Result) ToJSON() JSON {
	j := JSON{Name: r.Name, Type: r.TypeString(), From: r.From, Rcode: r.RcodeString(), Answers: r.Answers, Chain: r.Chain}
	if j.Answers == nil {
		j.Answers = []Record{}
	}
	if j.Chain == nil {
		j.Chain = []Step{}
	}
	j.Warnings = append([]string{}, r.Warnings...)
	return j
}

// ParseType accepts A, AAAA and CNAME (any case); "" is A.
func ParseType(s string) (uint16, error) {
	switch strings.ToUpper(s) {
	case "", "A":
		return mdns.TypeA, nil
	case "AAAA":
		return mdns.TypeAAAA, nil
	case "CNAME":
		return mdns.TypeCNAME, nil
	}
	return 0, fmt.Errorf("query type %q: want A, AAAA or CNAME", s)
}

// New indexes the network for DNS: per-VPC rule sets, zones, servers, endpoint names.
func New(n *network.Network) *Resolver {
	r := &Resolver{net: n, ix: n.Index, vpcs: map[string]*vpcView{}, servers: map[string]*server{},
		byIP: map[netip.Addr]*server{}, inbound: map[netip.Addr]*model.ResolverEndpoint{},
		epNames: map[string][]netip.Addr{}, apis: map[string]*model.RestAPI{}}
	s := n.Snap
	for _, a := range s.RestAPIs {
		r.apis[a.ID] = a
	}
	for _, e := range s.ResolverEndpoints {
		if e.Inbound() {
			for _, ip := range e.IPs {
				r.inbound[ip.IP] = e
			}
		}
	}
	for _, z := range s.HostedZones {
		if !z.Private {
			r.public = append(r.public, newZone(z))
		}
	}
	r.indexServers(s)
	r.indexEndpointNames(s)
	r.indexVPCs(s)
	return r
}

// Resolve answers one query for name and qtype from o. An error means the
// name itself is not a valid domain name.
func (r *Resolver) Resolve(o Origin, name string, qtype uint16) (*Result, error) {
	name = canon(name)
	if _, ok := mdns.IsDomainName(name); !ok || name == "" {
		return nil, fmt.Errorf("%q is not a valid domain name", name)
	}
	q := &query{r: r}
	if o.Assumed != "" {
		q.warn(o.Label, "%s", o.Assumed)
	}
	res := q.fromOrigin(o, name, qtype)
	sort.Strings(q.warnings)
	return &Result{Name: name, Type: qtype, From: o.Name, Rcode: res.rcode, Answers: res.records, Chain: q.chain, Warnings: q.warnings}, nil
}

// canon lower-cases a name and drops the trailing dot.
func canon(s string) string { return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(s)), ".") }

// parent returns the name without its first label, "." for a single label.
func parent(name string) string {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return "."
}

// under reports whether name equals domain or lies below it (label-wise, R10.11).
func under(name, domain string) bool {
	return domain == "." || name == domain || strings.HasSuffix(name, "."+domain)
}
