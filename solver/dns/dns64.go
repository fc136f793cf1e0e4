package dns

import (
	"net/netip"

	mdns "github.com/miekg/dns"
)

// nat64Prefix is the well-known prefix DNS64 synthesises into and NAT64
// translates from (RFC 6052; R10.45, R3.10).
var nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")

// dns64 answers an AAAA query from a subnet with DNS64: a name that has AAAA
// records keeps them; one that has only A records gets an AAAA per A
// record, the IPv4 address embedded in 64:ff9b::/96 (R10.45).
func (q *query) dns64(c resolverCtx, subnet, name string, res result) result {
	if res.rcode != mdns.RcodeSuccess || hasType(res.records, "AAAA") {
		return res
	}
	a := q.resolve(c, name, mdns.TypeA)
	var out []Record
	synth := 0
	for _, r := range a.records {
		ip, err := netip.ParseAddr(r.Value)
		if r.Type != "A" || err != nil || !ip.Is4() {
			out = append(out, r)
			continue
		}
		out = append(out, Record{Name: r.Name, Type: "AAAA", Value: embed64(ip).String(), TTL: r.TTL})
		synth++
	}
	if a.rcode != mdns.RcodeSuccess || synth == 0 {
		q.step("DNS64 of "+subnet, "answers", "R10.45", "%s has no AAAA and no A record either: nothing to synthesise", name)
		return res
	}
	q.step("DNS64 of "+subnet, "synthesises", "R10.45", "%s has no AAAA record: %d AAAA synthesised from its A records in %s (NAT64 through a NAT gateway reaches them, R3.10)", name, synth, nat64Prefix)
	return answer(out...)
}

func hasType(rs []Record, t string) bool {
	for _, r := range rs {
		if r.Type == t {
			return true
		}
	}
	return false
}

// embed64 puts an IPv4 address in the last 32 bits of 64:ff9b::/96.
func embed64(ip netip.Addr) netip.Addr {
	b := nat64Prefix.Addr().As16()
	v4 := ip.As4()
	copy(b[12:], v4[:])
	return netip.AddrFrom16(b)
}
