package model

import (
	"net/netip"
	"strings"
	"testing"
)

// TestSGVPCAssociation follows R2.41: an interface may use a security group
// of another VPC of the Region only when the group is associated with the
// interface's VPC.
func TestSGVPCAssociation(t *testing.T) {
	build := func(assoc ...string) *Snapshot {
		s := base()
		s.VPCs = append(s.VPCs, &VPC{Meta: Meta{ID: "vpc-2"}, CIDRs: []netip.Prefix{pfx("10.2.0.0/16")}})
		s.Subnets = append(s.Subnets, &Subnet{Meta: Meta{ID: "subnet-c"}, VPC: "vpc-2", AZ: "us-east-1a", CIDR: pfx("10.2.1.0/24")})
		s.SecurityGroups[0].VPCAssociations = assoc
		s.ENIs = append(s.ENIs, &ENI{Meta: Meta{ID: "eni-2", Source: Source{File: "net.yaml", Line: 40}}, VPC: "vpc-2", Subnet: "subnet-c",
			PrivateIPs: []netip.Addr{netip.MustParseAddr("10.2.1.10")}, SecurityGroups: []string{"sg-1"}})
		return s
	}
	warnings := func(s *Snapshot) []Diagnostic {
		var out []Diagnostic
		for _, d := range Validate(s) {
			if d.Severity >= SevWarning {
				out = append(out, d)
			}
		}
		return out
	}
	got := warnings(build())
	if len(got) != 1 || !strings.Contains(got[0].String(), "net.yaml:40: warning: network interface eni-2 in vpc-2 uses security group sg-1 of vpc-1, which is not associated with vpc-2") {
		t.Fatalf("want one positioned warning, got %v", got)
	}
	if got := warnings(build("vpc-2")); len(got) != 0 {
		t.Fatalf("associated: want no warning, got %v", got)
	}
}
