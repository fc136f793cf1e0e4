package terraform

import (
	"net/netip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"

	"github.com/netverify/netverify/internal/testcorpus"
)

func loadCorpus(t *testing.T, rel string) *model.Snapshot {
	t.Helper()
	s, _, err := LoadFile(filepath.Join(testcorpus.Dir(t, "terraform"), rel))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestTerragoatPlan checks corpus README C2 / E4: the web-node SG admits 22
// and 80 from anywhere, web_host sits in web_subnet behind it, the route
// 0.0.0.0/0 goes to the IGW; references resolve through the configuration.
func TestTerragoatPlan(t *testing.T) {
	s := loadCorpus(t, "checkov-plans/terragoat-plan/tfplan.json")
	got := s.Count()
	for kind, n := range map[string]int{"vpc": 2, "subnet": 4, "security-group": 2, "instance": 2, "internet-gateway": 1, "route-table": 1} {
		if got[kind] != n {
			t.Errorf("%s: got %d, want %d (all: %v)", kind, got[kind], n, got)
		}
	}
	var web *model.SecurityGroup
	for _, g := range s.SecurityGroups {
		if len(g.Ingress) == 2 {
			web = g
		}
	}
	if web == nil {
		t.Fatalf("no security group with the two web-node ingress rules")
	}
	for i, port := range []uint16{22, 80} {
		r := web.Ingress[i]
		if r.Protocol != model.ProtoTCP || r.Ports != (model.PortRange{From: port, To: port}) || r.CIDR != netip.MustParsePrefix("0.0.0.0/0") {
			t.Errorf("web-node ingress %d = %+v, want tcp/%d from 0.0.0.0/0", i, r, port)
		}
	}
	var vpc *model.VPC
	for _, v := range s.VPCs {
		if v.Tags["terraform:address"] == "aws_vpc.web_vpc" {
			vpc = v
		}
	}
	if vpc == nil || vpc.PrimaryCIDR() != netip.MustParsePrefix("172.16.0.0/16") || web.VPC != vpc.ID {
		t.Fatalf("web_vpc = %+v, web-node vpc %s", vpc, web.VPC)
	}
	rt := s.RouteTables[0]
	if rt.VPC != vpc.ID || len(rt.Routes) != 1 || rt.Routes[0].Target.Kind != model.TargetIGW || rt.Routes[0].Target.ID != s.InternetGateways[0].ID {
		t.Errorf("route table = %+v, want 0.0.0.0/0 -> %s", rt, s.InternetGateways[0].ID)
	}
	if len(rt.Associations) != 2 {
		t.Errorf("route table associations = %v, want 2", rt.Associations)
	}
	for _, in := range s.Instances {
		if in.Subnet == "" || len(in.ENIs) == 0 {
			t.Errorf("instance %s has no subnet or ENI", in.Name)
		}
	}
	for _, e := range s.ENIs {
		if e.OwnerKind == model.OwnerInstance && e.Subnet != "" && !contains(e.SecurityGroups, web.ID) {
			t.Errorf("ENI %s of %s: security groups %v, want web-node %s", e.ID, e.OwnerID, e.SecurityGroups, web.ID)
		}
	}
}

// TestVPCModulePlan checks corpus README C1 test_issue-158 (terraform-aws-vpc
// module in a child module): 3 NAT gateways, one per AZ, each private
// subnet's table sends 0.0.0.0/0 to the NAT gateway of its own AZ.
func TestVPCModulePlan(t *testing.T) {
	s := loadCorpus(t, "tfcompliance-plans/test_issue-158/plan.out.json")
	got := s.Count()
	for kind, n := range map[string]int{"vpc": 1, "subnet": 6, "nat-gateway": 3, "elastic-ip": 3, "internet-gateway": 1, "route-table": 4, "vpn-gateway": 1} {
		if got[kind] != n {
			t.Errorf("%s: got %d, want %d", kind, got[kind], n)
		}
	}
	ix := model.NewIndex(s)
	private := 0
	for _, rt := range s.RouteTables {
		for _, a := range rt.Associations {
			sub, _ := model.Lookup[*model.Subnet](ix, a.Subnet)
			if sub == nil {
				t.Fatalf("%s: association to unknown subnet %q", rt.Name, a.Subnet)
			}
			if sub.VPC != s.VPCs[0].ID {
				t.Errorf("subnet %s: vpc %q, want %s (resolved through local.vpc_id)", sub.Name, sub.VPC, s.VPCs[0].ID)
			}
			if !strings.Contains(rt.Name, "private") {
				continue
			}
			private++
			nat, _ := model.Lookup[*model.NATGateway](ix, rt.Routes[0].Target.ID)
			natSub, _ := model.Lookup[*model.Subnet](ix, nat.Subnet)
			if natSub.AZ != sub.AZ || !natSub.MapPublicIPOnLaunch {
				t.Errorf("%s (%s) -> NAT in %s (%s), want the public subnet of the same AZ", sub.Name, sub.AZ, natSub.Name, natSub.AZ)
			}
		}
	}
	if private != 3 {
		t.Errorf("private subnet associations = %d, want 3", private)
	}
}

// TestDriftctlStates checks raw state v4 shapes (README C3): real IDs, the
// ::/0 route, NACL rules and SG rules attached to their groups.
func TestDriftctlStates(t *testing.T) {
	s := loadCorpus(t, "driftctl-tfstate/aws_route_table/terraform.tfstate")
	if len(s.RouteTables) == 0 || !strings.HasPrefix(s.RouteTables[0].ID, "rtb-") || len(s.RouteTables[0].Assumed) != 0 {
		t.Fatalf("route tables = %+v", s.RouteTables)
	}
	s = loadCorpus(t, "driftctl-tfstate/aws_vpc_security_group_rule/terraform.tfstate")
	if len(s.SecurityGroups) != 0 {
		t.Fatalf("rules alone must not invent groups: %v", s.SecurityGroups)
	}
	s = loadCorpus(t, "driftctl-tfstate/aws_vpc/terraform.tfstate")
	if s.Count()["vpc"] < 2 {
		t.Errorf("vpcs = %v, want aws_vpc and aws_default_vpc", s.Count())
	}
}

// TestRobustness: README C2 robustness files and E6.
func TestRobustness(t *testing.T) {
	for _, tc := range []struct{ rel, want string }{
		{"checkov-plans/robustness/utf16-tfplan.json", ""},
		{"checkov-plans/robustness/corrupted-tfplan.json", ""},
		{"inframap-tfstate/version_3_state.json", "state format version 3 is not supported: netverify reads state format version 4"},
	} {
		_, ds, err := LoadFile(filepath.Join(testcorpus.Dir(t, "terraform"), tc.rel))
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.rel, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: error %v, want %q", tc.rel, err, tc.want)
		case tc.want == "" && len(ds) == 0:
			t.Errorf("%s: want a not-modelled info", tc.rel)
		}
	}
}
