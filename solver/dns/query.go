package dns

import (
	"fmt"
	"net/netip"

	mdns "github.com/miekg/dns"
)

// maxDepth bounds forwarding and CNAME chasing (R10.13 loop detection).
const maxDepth = 12

// defaultTTL is the TTL of synthesised answers (Amazon names, endpoint zones).
const defaultTTL = 60

// result is what one resolver step returns.
type result struct {
	rcode   int
	records []Record
}

func nxdomain() result           { return result{rcode: mdns.RcodeNameError} }
func servfail() result           { return result{rcode: mdns.RcodeServerFailure} }
func nodata() result             { return result{rcode: mdns.RcodeSuccess} }
func answer(rs ...Record) result { return result{rcode: mdns.RcodeSuccess, records: rs} }

// resolverCtx is a place where names are resolved: a VPC Resolver, an
// on-premises server, public DNS. lookup does one step without chasing CNAMEs.
type resolverCtx interface {
	label() string
	lookup(q *query, name string, qtype uint16) result
}

// query carries the chain of one resolution.
type query struct {
	r        *Resolver
	chain    []Step
	depth    int
	warnings []string
}

func (q *query) step(actor, action, rule, format string, args ...any) {
	q.chain = append(q.chain, Step{Depth: q.depth, Actor: actor, Action: action, Rule: rule, Detail: fmt.Sprintf(format, args...)})
}

// resolve resolves name in c and chases CNAMEs from the same context (R10.13).
func (q *query) resolve(c resolverCtx, name string, qtype uint16) result {
	if q.depth >= maxDepth {
		q.step(c.label(), "fails", "R10.13", "more than %d forwarding hops or aliases: loop", maxDepth)
		return servfail()
	}
	q.depth++
	defer func() { q.depth-- }()
	var out []Record
	seen := map[string]bool{}
	for {
		seen[name] = true
		res := c.lookup(q, name, qtype)
		out = append(out, res.records...)
		if res.rcode != mdns.RcodeSuccess || qtype == mdns.TypeCNAME {
			return result{rcode: res.rcode, records: out}
		}
		next, loop := unresolvedTarget(res.records, name, qtype)
		if loop {
			q.step(c.label(), "fails", "R10.13", "CNAME loop at %s", next)
			return result{rcode: mdns.RcodeServerFailure, records: out}
		}
		if next == "" {
			return result{rcode: res.rcode, records: out}
		}
		if seen[next] || len(seen) > maxDepth {
			q.step(c.label(), "fails", "R10.13", "CNAME loop at %s", next)
			return result{rcode: mdns.RcodeServerFailure, records: out}
		}
		q.step(c.label(), "chases", "R10.13", "CNAME %s -> %s, resolved with the same resolver", name, next)
		name = next
	}
}

// unresolvedTarget follows the CNAMEs of rs from name and returns where
// they end when no record of qtype is there, else "". loop reports CNAMEs
// that lead back to a name already passed (a CNAME to itself included),
// which then is the name returned.
func unresolvedTarget(rs []Record, name string, qtype uint16) (target string, loop bool) {
	cur := name
	passed := map[string]bool{name: true}
	for {
		moved := false
		for _, r := range rs {
			if r.Name == cur && r.Type == "CNAME" {
				cur, moved = canon(r.Value), true
				break
			}
		}
		if !moved {
			break
		}
		if passed[cur] {
			return cur, true
		}
		passed[cur] = true
	}
	if cur == name {
		return "", false
	}
	for _, r := range rs {
		if r.Name == cur && r.Type == mdns.TypeToString[qtype] {
			return "", false
		}
	}
	return cur, false
}

// askAt sends the query to the DNS server at ip, as a forwarder does: an
// on-premises server, an inbound Resolver endpoint (R10.15), or nothing known.
func (q *query) askAt(actor string, ip netip.Addr, name string, qtype uint16) result {
	if s, ok := q.r.byIP[ip]; ok {
		q.step(actor, "forwards", "", "%s to %s", name, s.label())
		return q.resolve(s, name, qtype)
	}
	if e, ok := q.r.inbound[ip]; ok {
		v := q.r.vpcs[e.VPC]
		if v == nil {
			q.step(actor, "fails", "R10.15", "inbound endpoint %s is in VPC %s, which is not in the snapshot", e.ID, e.VPC)
			return servfail()
		}
		q.step(actor, "forwards", "R10.15", "%s to inbound endpoint %s (%s): answered as from %s", name, e.Label(), ip, e.VPC)
		return q.resolve(vpcCtx{v: v, inbound: e}, name, qtype)
	}
	if v, ok := q.r.resolverIPOf(ip); ok {
		q.step(actor, "fails", "R10.1", "%s is the VPC Resolver of %s, which answers only queries from inside that VPC", ip, v.vpc.ID)
		return servfail()
	}
	q.step(actor, "fails", "", "no DNS server at %s in the snapshot (add a dnsServer to the scenario)", ip)
	return servfail()
}

// recurse asks public DNS for one name without chasing its CNAMEs: the
// recursive resolver that asked chases them with its own rules (R10.13).
func (q *query) recurse(name string, qtype uint16) result {
	q.depth++
	defer func() { q.depth-- }()
	return publicCtx{}.lookup(q, name, qtype)
}
