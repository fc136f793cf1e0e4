package model

import (
	"net/netip"
	"strings"
	"testing"
)

// TestResolverEndpointAddresses follows R10.40: Route 53 Resolver creates an
// endpoint only with two or more IP addresses in at least two Availability
// Zones; the warning carries the endpoint's position.
func TestResolverEndpointAddresses(t *testing.T) {
	ip := func(sub, a string) ResolverIP { return ResolverIP{Subnet: sub, IP: netip.MustParseAddr(a)} }
	tests := []struct {
		name string
		ips  []ResolverIP
		want string // "" = no warning
	}{
		{"two addresses in two zones", []ResolverIP{ip("subnet-a", "10.0.1.53"), ip("subnet-b", "10.0.2.53")}, ""},
		{"one address", []ResolverIP{ip("subnet-a", "10.0.1.53")},
			"resolver endpoint rslvr-in-1 has 1 IP address; Route 53 Resolver requires at least two, in two Availability Zones (R10.40)"},
		{"two addresses in one zone", []ResolverIP{ip("subnet-a", "10.0.1.53"), ip("subnet-a", "10.0.1.54")},
			"resolver endpoint rslvr-in-1 has all 2 IP addresses in Availability Zone us-east-1a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base()
			src := Source{File: "net.yaml", Line: 30, Col: 3}
			s.ResolverEndpoints = []*ResolverEndpoint{{Meta: Meta{ID: "rslvr-in-1", Source: src}, VPC: "vpc-1", Direction: "INBOUND", IPs: tt.ips}}
			var got []Diagnostic
			for _, d := range Validate(s) {
				if d.Severity >= SevWarning {
					got = append(got, d)
				}
			}
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("want no findings, got %v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Severity != SevWarning || !strings.Contains(got[0].Message, tt.want) {
				t.Fatalf("want one warning containing %q, got %v", tt.want, got)
			}
			if !strings.HasPrefix(got[0].String(), "net.yaml:30:3: warning: ") {
				t.Fatalf("warning without the endpoint's position: %s", got[0])
			}
		})
	}
}
