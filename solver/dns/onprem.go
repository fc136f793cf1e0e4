package dns

import (
	"fmt"
	"sort"
	"strings"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/reach"
)

// server is an on-premises DNS server: authoritative zones parsed from zone
// files, conditional forwarders, and recursion to public DNS.
type server struct {
	m     *model.DNSServer
	site  *model.OnPremSite
	zones []*zone
}

func (s *server) label() string { return "DNS server " + s.m.Label() + " (" + s.m.IP.String() + ")" }

// indexServers parses every on-premises server's zone files with miekg/dns;
// records that do not parse are diagnostics, the rest of the zone still loads.
func (r *Resolver) indexServers(snap *model.Snapshot) {
	for _, m := range snap.DNSServers {
		s := &server{m: m}
		if site, ok := model.Lookup[*model.OnPremSite](r.ix, m.Site); ok {
			s.site = site
		}
		for _, zf := range m.Zones {
			s.zones = append(s.zones, r.parseZone(m, zf))
		}
		r.servers[m.ID] = s
		if m.IP.IsValid() {
			r.byIP[m.IP] = s
		}
	}
}

func (r *Resolver) parseZone(m *model.DNSServer, zf model.ZoneFile) *zone {
	origin := canon(zf.Origin)
	z := &zone{name: origin, byName: map[string][]Record{}, alias: map[string][]model.RecordSet{}}
	zp := mdns.NewZoneParser(strings.NewReader(zf.Text), mdns.Fqdn(origin), zf.Source.File)
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		z.add(rr)
	}
	if err := zp.Err(); err != nil {
		src := zf.Source
		if src.IsZero() {
			src = m.Source
		}
		r.Diagnostics = append(r.Diagnostics, model.Diagnostic{Severity: model.SevError, Source: src, Resource: m.ID,
			Message: fmt.Sprintf("zone %s of DNS server %s: %v; the records before the error are used", origin, m.Label(), err)})
	}
	return z
}

// lookup: the most specific of its zones and conditional forwarders decides;
// zones win a tie; otherwise recursion to public DNS if enabled.
func (s *server) lookup(q *query, name string, qtype uint16) result {
	z := mostSpecific(s.zones, name)
	var fwd *model.ConditionalForwarder
	for i, f := range s.m.Forwarders {
		d := ruleDomain(f.Domain)
		if under(name, d) && (fwd == nil || len(d) > len(ruleDomain(fwd.Domain))) {
			fwd = &s.m.Forwarders[i]
		}
	}
	if fwd != nil && (z == nil || len(ruleDomain(fwd.Domain)) > len(z.name)) {
		return s.forward(q, fwd, name, qtype)
	}
	if z != nil {
		q.step(s.label(), "zone", "", "authoritative for %s", z.name)
		return z.lookup(q, s.label(), name, qtype, func(t string) result { return q.resolve(s, t, qtype) })
	}
	if !s.m.Recursion {
		q.step(s.label(), "fails", "", "REFUSED: no zone or forwarder for %s and recursion is off", name)
		return result{rcode: mdns.RcodeRefused}
	}
	if s.site != nil && !s.site.InternetAccess {
		q.step(s.label(), "fails", "", "recursion needs the internet, but site %s has no internet access", s.site.Label())
		return servfail()
	}
	q.step(s.label(), "recurses", "", "no zone or forwarder for %s: public DNS", name)
	return q.recurse(name, qtype)
}

// forward sends the query to the forwarder's targets in order; each hop is
// checked on udp/53 and tcp/53 (R10.15: the inbound endpoint's SG must admit the server).
func (s *server) forward(q *query, f *model.ConditionalForwarder, name string, qtype uint16) result {
	q.step(s.label(), "rule", "R10.15", "conditional forwarder for %s -> %s", ruleDomain(f.Domain), addrList(f.Targets))
	src, err := names.Resolve(q.r.net, s.m.IP.String())
	if err != nil {
		q.step(s.label(), "fails", "", "cannot place the server's address %s in the network: %v", s.m.IP, err)
		return servfail()
	}
	targets := append(f.Targets[:0:0], f.Targets...)
	sort.Slice(targets, func(i, j int) bool { return targets[i].Less(targets[j]) })
	var failed []hop53
	for _, t := range targets {
		h := q.check53(s.label(), src, t)
		if h.ok {
			return q.askAt(s.label(), t, name, qtype)
		}
		failed = append(failed, h)
	}
	q.step(s.label(), "fails", "R10.15", "no forwarder target answers on udp/53%s: the query times out (SERVFAIL)", blockedSummary(failed))
	return servfail()
}

// ask sends a client's query to server s over the network, then resolves there.
func (q *query) askServer(actor string, src *reach.Endpoint, s *server, name string, qtype uint16) result {
	q.step(actor, "asks", "", "%s for %s %s", s.label(), name, mdns.TypeToString[qtype])
	if src != nil {
		if h := q.check53(actor, *src, s.m.IP); !h.ok {
			q.step(actor, "fails", "", "the query to %s is blocked%s: SERVFAIL (the client times out)", s.label(), blockedSummary([]hop53{h}))
			return servfail()
		}
	}
	return q.resolve(s, name, qtype)
}

func addrList[T fmt.Stringer](xs []T) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = x.String()
	}
	return strings.Join(s, ", ")
}
