package dns

import (
	"net/netip"
	"strings"
	"testing"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/network"
)

// zoneFixture is an on-premises DNS server 192.168.10.5 holding one zone,
// corp.example.com, whose text is the fuzzed input (R10.3: the server answers
// authoritatively for its own zones).
func zoneFixture(text string) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-1", "10.0.0.0/16")
	b.VGW("vgw-1", "vpc-1")
	site := b.SiteDX("dc", "dxvif-1", "vgw-1", "192.168.0.0/16")
	site.DNSServers = []string{"dns-1"}
	b.S.DNSServers = append(b.S.DNSServers, &model.DNSServer{
		Meta: model.Meta{ID: "dns-1", Account: "111111111111", Region: "us-east-1"},
		Site: "dc", IP: netip.MustParseAddr("192.168.10.5"),
		Zones: []model.ZoneFile{{Origin: "corp.example.com", Text: text, Source: model.Source{File: "zones.yaml", Line: 10}}},
	})
	return b.S
}

// FuzzZoneFile checks that no zone-file text makes the resolver panic, that a
// zone that does not parse is an error diagnostic naming the file, and that
// queries against whatever did parse are answered.
func FuzzZoneFile(f *testing.F) {
	f.Add("$TTL 300\n@ IN SOA ns1 hostmaster 1 3600 600 86400 300\n@ IN NS ns1\nns1 IN A 192.168.10.5\nbuild IN A 192.168.20.40\n", "build.corp.example.com")
	f.Add("$ORIGIN sub.corp.example.com.\nwww 60 IN CNAME build.corp.example.com.\n*.w IN AAAA 2001:db8::1\n", "x.w.sub.corp.example.com")
	f.Add("$GENERATE 1-20 host$ A 192.168.1.$\n", "host7.corp.example.com")
	f.Add("$INCLUDE /etc/passwd\n", "corp.example.com")
	f.Add("a IN A 999.1.1.1\nb IN TXT \"unterminated\n", "b.corp.example.com")
	f.Fuzz(func(t *testing.T, text, qname string) {
		snap := zoneFixture(text)
		model.Derive(snap)
		r := New(network.Compile(snap))
		for _, d := range r.Diagnostics {
			if d.Severity == model.SevError && d.Source.File != "zones.yaml" {
				t.Fatalf("zone error without its file: %v", d)
			}
		}
		o, err := r.Origin("dns-1")
		if err != nil {
			t.Fatalf("origin: %v", err)
		}
		for _, name := range []string{qname, "build.corp.example.com", "corp.example.com"} {
			if _, ok := mdns.IsDomainName(name); !ok || strings.TrimSpace(name) == "" {
				continue
			}
			for _, qt := range []uint16{mdns.TypeA, mdns.TypeAAAA, mdns.TypeCNAME} {
				_, _ = r.Resolve(o, name, qt)
			}
		}
	})
}
