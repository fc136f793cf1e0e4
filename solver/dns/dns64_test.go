package dns

import (
	"slices"
	"strings"
	"testing"

	mdns "github.com/miekg/dns"
)

// TestDNS64 follows R10.45: for queries from a subnet with DNS64, an AAAA
// question for a name with only A records gets AAAA records in
// 64:ff9b::/96 (the IPv4 address in the last 32 bits), also at the end of a
// CNAME chain; a name with its own AAAA keeps it; a subnet without DNS64
// gets the plain answer.
func TestDNS64(t *testing.T) {
	r := loadFile(t, "testdata/dns64.yaml")
	tests := []struct {
		from, name string
		want       []string
		dns64      bool
	}{
		{"app-1", "api.example.com", []string{"64:ff9b::5db8:d70e"}, true},
		{"app-1", "alias.example.com", []string{"64:ff9b::5db8:d70e"}, true},
		{"app-1", "both.example.com", []string{"2606:2800:220:1::15"}, false},
		{"web-1", "api.example.com", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.from+"/"+tt.name, func(t *testing.T) {
			res := resolve(t, r, tt.from, tt.name, mdns.TypeAAAA)
			chain := chainText(res)
			if got := res.Addresses(); !slices.Equal(got, tt.want) {
				t.Fatalf("got %v, want %v\n%s", got, tt.want, chain)
			}
			if synth := strings.Contains(chain, "DNS64 of subnet-v6only synthesises"); synth != tt.dns64 {
				t.Fatalf("DNS64 step present: %v, want %v\n%s", synth, tt.dns64, chain)
			}
		})
	}
}
