package dns

import (
	"strings"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
)

// zone is an authoritative zone: a Route 53 hosted zone or an on-premises zone file.
type zone struct {
	name   string
	hz     *model.HostedZone // nil for zone files
	byName map[string][]Record
	alias  map[string][]model.RecordSet
}

func newZone(hz *model.HostedZone) *zone {
	z := &zone{name: canon(hz.ZoneName), hz: hz, byName: map[string][]Record{}, alias: map[string][]model.RecordSet{}}
	for _, rs := range hz.Records {
		n := canon(rs.Name)
		if rs.Alias != nil {
			z.alias[n] = append(z.alias[n], rs)
			continue
		}
		for _, v := range rs.Values {
			z.byName[n] = append(z.byName[n], Record{Name: n, Type: strings.ToUpper(rs.Type), Value: v, TTL: uint32(rs.TTL)})
		}
	}
	return z
}

// add stores one parsed zone-file record.
func (z *zone) add(rr mdns.RR) {
	h := rr.Header()
	n := canon(h.Name)
	z.byName[n] = append(z.byName[n], Record{Name: n, Type: mdns.TypeToString[h.Rrtype], Value: rdata(rr), TTL: h.Ttl})
}

// rdata renders the data part of a record ("10.0.0.1", "target.example.com").
func rdata(rr mdns.RR) string {
	switch x := rr.(type) {
	case *mdns.A:
		return x.A.String()
	case *mdns.AAAA:
		return x.AAAA.String()
	case *mdns.CNAME:
		return canon(x.Target)
	}
	return strings.TrimSpace(strings.TrimPrefix(rr.String(), rr.Header().String()))
}

// exists reports whether name has records or aliases (or is the apex).
func (z *zone) exists(name string) bool {
	_, a := z.byName[name]
	_, b := z.alias[name]
	return a || b || name == z.name
}

// owner returns the name whose records answer name: itself, or the nearest wildcard.
func (z *zone) owner(name string) (string, bool) {
	if z.exists(name) {
		return name, true
	}
	for p := parent(name); p != "." && under(p, z.name); p = parent(p) {
		if z.exists(p) {
			break // an existing closer name blocks the wildcard
		}
		if w := "*." + p; z.exists(w) {
			return w, true
		}
	}
	return "", false
}

// emptyNonTerminal reports whether some record lies below name (NODATA, not NXDOMAIN).
func (z *zone) emptyNonTerminal(name string) bool {
	for n := range z.byName {
		if strings.HasSuffix(n, "."+name) {
			return true
		}
	}
	for n := range z.alias {
		if strings.HasSuffix(n, "."+name) {
			return true
		}
	}
	return false
}

// lookup answers name authoritatively: records, a CNAME, NODATA or NXDOMAIN;
// never a fall-back elsewhere (R10.12). Aliases are resolved here (R10.13).
func (z *zone) lookup(q *query, actor, name string, qtype uint16, aliasTarget func(target string) result) result {
	own, ok := z.owner(name)
	if !ok {
		if z.emptyNonTerminal(name) {
			q.step(actor, "answers", "R10.12", "NODATA: %s exists in zone %s only as a parent of other names", name, z.name)
			return nodata()
		}
		q.step(actor, "answers", "R10.12", "NXDOMAIN: zone %s has no %s (no fall-back to public DNS)", z.name, name)
		return nxdomain()
	}
	want := mdns.TypeToString[qtype]
	var out []Record
	for _, r := range z.byName[own] {
		if r.Type == want || (r.Type == "CNAME" && qtype != mdns.TypeCNAME) {
			r.Name = name
			out = append(out, r)
		}
	}
	for _, a := range z.alias[own] {
		if strings.EqualFold(a.Type, want) {
			out = append(out, z.resolveAlias(q, actor, name, a, qtype, aliasTarget)...)
		}
	}
	if len(out) == 0 {
		q.step(actor, "answers", "R10.12", "NODATA: %s has no %s record in zone %s", name, want, z.name)
		return nodata()
	}
	q.step(actor, "answers", "", "zone %s: %s", z.name, values(out))
	return answer(out...)
}

// resolveAlias returns the alias target's addresses under the alias's name (R10.13).
func (z *zone) resolveAlias(q *query, actor, name string, a model.RecordSet, qtype uint16, aliasTarget func(string) result) []Record {
	target := canon(a.Alias.DNSName)
	q.step(actor, "alias", "R10.13", "%s is an alias to %s, resolved inside Route 53", name, target)
	var res result
	if under(target, z.name) && target != name {
		res = z.lookup(q, actor, target, qtype, aliasTarget)
	} else {
		res = aliasTarget(target)
	}
	var out []Record
	for _, r := range res.records {
		if r.Type == mdns.TypeToString[qtype] {
			out = append(out, Record{Name: name, Type: r.Type, Value: r.Value, TTL: r.TTL})
		}
	}
	return out
}

// values lists record data for the chain.
func values(rs []Record) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.Type+" "+r.Value)
	}
	return strings.Join(s, ", ")
}

// mostSpecific returns the zone with the longest name containing name, or nil.
func mostSpecific(zs []*zone, name string) *zone {
	var best *zone
	for _, z := range zs {
		if under(name, z.name) && (best == nil || len(z.name) > len(best.name)) {
			best = z
		}
	}
	return best
}
