package model

import (
	"net/netip"
	"strings"
	"testing"
)

// TestDerive_R3_2_LaunchPublicIPAcrossSources: an instance interface whose
// subnet was in another source carries a pending launch address; Derive
// gives it the placeholder, mapped to the primary address it allocated
// (R1.13), only when the subnet maps public IPs on launch and no Elastic IP
// already gave it one. A subnet in no source leaves it open, with a note.
func TestDerive_R3_2_LaunchPublicIPAcrossSources(t *testing.T) {
	placeholder := daddr("198.19.7.9")
	eip := PublicIPMapping{PrivateIP: daddr("10.0.1.10"), PublicIP: daddr("203.0.113.7"), AllocationID: "eipalloc-1"}
	tests := []struct {
		name     string
		mapOn    bool
		subnet   string
		existing []PublicIPMapping
		want     netip.Addr // public address after Derive, zero for none
		note     string
		pending  bool // still undecided after Derive
	}{
		{"R3.2 subnet maps public IPs on launch", true, "subnet-pub", nil, placeholder,
			"public IP 198.19.7.9 assigned at launch because subnet pub (subnet-pub) maps public IPs on launch (map_public_ip_on_launch)", false},
		{"R3.2 subnet does not map public IPs", false, "subnet-pub", nil, netip.Addr{}, "", false},
		{"R3.2 an Elastic IP already mapped wins", true, "subnet-pub", []PublicIPMapping{eip}, eip.PublicIP, "", false},
		{"R3.2 subnet in no source: undecided", true, "subnet-elsewhere", nil, netip.Addr{},
			"public IP unknown: it depends on whether subnet subnet-elsewhere maps public IPs on launch", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := New()
			s.VPCs = []*VPC{{Meta: Meta{ID: "vpc-1"}, CIDRs: []netip.Prefix{dpfx("10.0.0.0/16")}}}
			s.Subnets = []*Subnet{{Meta: Meta{ID: "subnet-pub", Name: "pub"}, VPC: "vpc-1", CIDR: dpfx("10.0.1.0/24"), MapPublicIPOnLaunch: tc.mapOn}}
			e := &ENI{Meta: Meta{ID: "eni-web"}, Subnet: tc.subnet, OwnerKind: OwnerInstance, PublicIPs: tc.existing,
				PublicIPOnLaunch: &LaunchPublicIP{Placeholder: placeholder, Setting: "map_public_ip_on_launch"}}
			s.ENIs = []*ENI{e}
			Derive(s)
			Derive(s) // twice changes nothing
			var got netip.Addr
			if len(e.PublicIPs) > 1 {
				t.Fatalf("public IPs %v: want at most one", e.PublicIPs)
			}
			if len(e.PublicIPs) == 1 {
				got = e.PublicIPs[0].PublicIP
				if tc.existing == nil && (e.PublicIPs[0].PrivateIP != e.PrimaryIP() || e.PrimaryIP() != daddr("10.0.1.4")) {
					t.Errorf("mapping %+v: want it on the allocated primary 10.0.1.4 (R1.13), primary is %s", e.PublicIPs[0], e.PrimaryIP())
				}
			}
			if got != tc.want {
				t.Errorf("public IP %v, want %v", got, tc.want)
			}
			notes := strings.Join(e.Assumed, "\n")
			if tc.note != "" && strings.Count(notes, tc.note) != 1 {
				t.Errorf("assumed:\n%s\nwant once: %q", notes, tc.note)
			}
			if tc.note == "" && strings.Contains(notes, "public IP") {
				t.Errorf("assumed:\n%s\nwant no public-IP note", notes)
			}
			if (e.PublicIPOnLaunch != nil) != tc.pending {
				t.Errorf("pending launch address %+v, want pending=%v", e.PublicIPOnLaunch, tc.pending)
			}
		})
	}
}
