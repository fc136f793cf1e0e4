package terraform

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
)

// launchPlan: a public subnet (map_public_ip_on_launch), three instances in
// it (default, associate_public_ip_address = false, an Elastic IP), a NAT
// gateway with an Elastic IP, an RDS database and an S3 gateway endpoint;
// nothing applied yet.
const launchPlan = `{
  "format_version": "1.2", "terraform_version": "1.9.5",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main", "values": {"cidr_block": "10.0.0.0/16"}},
    {"address": "aws_subnet.pub", "mode": "managed", "type": "aws_subnet", "name": "pub",
     "values": {"cidr_block": "10.0.0.0/24", "availability_zone": "us-east-1a", "map_public_ip_on_launch": true, "tags": {"Name": "pub"}}},
    {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web", "values": {"tags": {"Name": "web"}}},
    {"address": "aws_instance.quiet", "mode": "managed", "type": "aws_instance", "name": "quiet",
     "values": {"associate_public_ip_address": false, "tags": {"Name": "quiet"}}},
    {"address": "aws_instance.fixed", "mode": "managed", "type": "aws_instance", "name": "fixed", "values": {"tags": {"Name": "fixed"}}},
    {"address": "aws_eip.fixed", "mode": "managed", "type": "aws_eip", "name": "fixed", "values": {"domain": "vpc"}},
    {"address": "aws_eip.nat", "mode": "managed", "type": "aws_eip", "name": "nat", "values": {"domain": "vpc"}},
    {"address": "aws_nat_gateway.nat", "mode": "managed", "type": "aws_nat_gateway", "name": "nat", "values": {}},
    {"address": "aws_db_subnet_group.db", "mode": "managed", "type": "aws_db_subnet_group", "name": "db", "values": {"name": "dbs"}},
    {"address": "aws_db_instance.db", "mode": "managed", "type": "aws_db_instance", "name": "db",
     "values": {"identifier": "orders-db", "db_subnet_group_name": "dbs", "publicly_accessible": true}},
    {"address": "aws_vpc_endpoint.s3", "mode": "managed", "type": "aws_vpc_endpoint", "name": "s3",
     "values": {"service_name": "com.amazonaws.us-east-1.s3", "vpc_endpoint_type": "Gateway"}}
  ]}},
  "resource_changes": [
    {"address": "aws_instance.web", "change": {"actions": ["create"], "after_unknown": {"id": true, "public_ip": true, "associate_public_ip_address": true, "private_ip": true}}},
    {"address": "aws_eip.nat", "change": {"actions": ["create"], "after_unknown": {"id": true, "public_ip": true}}}
  ],
  "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}},
   "root_module": {"resources": [
    {"address": "aws_subnet.pub", "mode": "managed", "type": "aws_subnet", "name": "pub",
     "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}},
    {"address": "aws_instance.web", "mode": "managed", "type": "aws_instance", "name": "web",
     "expressions": {"subnet_id": {"references": ["aws_subnet.pub.id", "aws_subnet.pub"]}}},
    {"address": "aws_instance.quiet", "mode": "managed", "type": "aws_instance", "name": "quiet",
     "expressions": {"subnet_id": {"references": ["aws_subnet.pub.id", "aws_subnet.pub"]}}},
    {"address": "aws_instance.fixed", "mode": "managed", "type": "aws_instance", "name": "fixed",
     "expressions": {"subnet_id": {"references": ["aws_subnet.pub.id", "aws_subnet.pub"]}}},
    {"address": "aws_eip.fixed", "mode": "managed", "type": "aws_eip", "name": "fixed",
     "expressions": {"instance": {"references": ["aws_instance.fixed.id", "aws_instance.fixed"]}}},
    {"address": "aws_nat_gateway.nat", "mode": "managed", "type": "aws_nat_gateway", "name": "nat",
     "expressions": {"subnet_id": {"references": ["aws_subnet.pub.id", "aws_subnet.pub"]},
       "allocation_id": {"references": ["aws_eip.nat.id", "aws_eip.nat"]}}},
    {"address": "aws_db_subnet_group.db", "mode": "managed", "type": "aws_db_subnet_group", "name": "db",
     "expressions": {"subnet_ids": {"references": ["aws_subnet.pub.id", "aws_subnet.pub"]}}},
    {"address": "aws_vpc_endpoint.s3", "mode": "managed", "type": "aws_vpc_endpoint", "name": "s3",
     "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}}
  ]}}
}`

func instanceENI(t *testing.T, s *model.Snapshot, name string) *model.ENI {
	t.Helper()
	for _, in := range s.Instances {
		if in.Name == name && len(in.ENIs) > 0 {
			for _, e := range s.ENIs {
				if e.ID == in.ENIs[0] {
					return e
				}
			}
		}
	}
	t.Fatalf("instance %s has no ENI", name)
	return nil
}

var placeholderNet = netip.MustParsePrefix("198.18.0.0/15")

// TestLaunchPublicIP (R3.2): a planned instance in a subnet that maps public
// IPs on launch gets a placeholder public address, noted as assumed; one that
// opts out gets none; an Elastic IP replaces the launch address. After
// model.Derive, every mapping names the interface's primary private address.
func TestLaunchPublicIP(t *testing.T) {
	s, ds, err := Load("launch/plan.json", []byte(launchPlan))
	if err != nil || ds.HasErrors() {
		t.Fatalf("Load: %v %v", err, ds)
	}
	model.Derive(s)
	tests := []struct {
		name, instance string
		public         bool
		note           string
	}{
		{"R3.2 subnet maps public IPs on launch", "web", true, "assigned at launch because subnet pub"},
		{"R3.2 associate_public_ip_address = false", "quiet", false, ""},
		{"R3.2 Elastic IP replaces the launch address", "fixed", true, "Elastic IP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := instanceENI(t, s, tc.instance)
			if got := len(e.PublicIPs) > 0; got != tc.public {
				t.Fatalf("%s: public IPs %v, want public=%v", tc.instance, e.PublicIPs, tc.public)
			}
			if !tc.public {
				return
			}
			if len(e.PublicIPs) != 1 {
				t.Fatalf("%s: public IPs %v, want exactly one", tc.instance, e.PublicIPs)
			}
			m := e.PublicIPs[0]
			if !placeholderNet.Contains(m.PublicIP) || m.PrivateIP != e.PrimaryIP() || !m.PrivateIP.IsValid() {
				t.Errorf("%s: mapping %+v, want a 198.18.0.0/15 placeholder on primary %s", tc.instance, m, e.PrimaryIP())
			}
			notes := strings.Join(e.Assumed, "\n")
			if !strings.Contains(notes, tc.note) || !strings.Contains(notes, "known only after deployment") {
				t.Errorf("%s: assumed notes %q, want %q", tc.instance, notes, tc.note)
			}
			if tc.instance == "fixed" && strings.Contains(notes, "assigned at launch") {
				t.Errorf("fixed: the launch-address note must go once the Elastic IP replaces it: %q", notes)
			}
		})
	}
}

// TestPlanPlaceholders: a NAT gateway's planned Elastic IP has a placeholder
// address (R3.6), a publicly accessible RDS database is an interface with a
// public placeholder in its subnet group's first subnet (with the VPC's
// default security group when it names none, R2.8), and a gateway
// endpoint brings its service's prefix list (R7.1).
func TestPlanPlaceholders(t *testing.T) {
	s, _, err := Load("launch/plan.json", []byte(launchPlan))
	if err != nil {
		t.Fatal(err)
	}
	if len(s.NATGateways) != 1 || len(s.NATGateways[0].PublicIPs) != 1 || !placeholderNet.Contains(s.NATGateways[0].PublicIPs[0]) {
		t.Fatalf("NAT gateway %+v: want one placeholder public IP", s.NATGateways)
	}
	if !strings.Contains(strings.Join(s.NATGateways[0].Assumed, "\n"), "placeholder") {
		t.Errorf("NAT gateway notes %q: want the placeholder stated", s.NATGateways[0].Assumed)
	}
	var db *model.ENI
	for _, e := range s.ENIs {
		if e.Name == "orders-db" {
			db = e
		}
	}
	if db == nil || db.Subnet != s.Subnets[0].ID || db.VPC != s.VPCs[0].ID || len(db.PublicIPs) != 1 {
		t.Fatalf("RDS interface %+v: want one in subnet %s with a public IP", db, s.Subnets[0].ID)
	}
	if want := model.DefaultSGID(s.VPCs[0].ID); len(db.SecurityGroups) != 1 || db.SecurityGroups[0] != want {
		t.Errorf("RDS security groups %v: want the VPC's default group %s (R2.8)", db.SecurityGroups, want)
	}
	if len(s.PrefixLists) != 1 || s.PrefixLists[0].ID != "pl-63a5400a" || len(s.PrefixLists[0].Entries) == 0 {
		t.Errorf("prefix lists %+v: want pl-63a5400a with entries for the S3 gateway endpoint", s.PrefixLists)
	}
}

// TestStateKnowsPublicIP: a state records public_ip (empty when there is
// none); nothing is assumed.
func TestStateKnowsPublicIP(t *testing.T) {
	const state = `{"version": 4, "terraform_version": "1.5.0", "serial": 1, "lineage": "x", "resources": [
	  {"mode": "managed", "type": "aws_subnet", "name": "pub", "instances": [{"attributes":
	    {"id": "subnet-1", "vpc_id": "vpc-1", "cidr_block": "10.0.0.0/24", "map_public_ip_on_launch": true}}]},
	  {"mode": "managed", "type": "aws_instance", "name": "web", "instances": [{"attributes":
	    {"id": "i-1", "subnet_id": "subnet-1", "private_ip": "10.0.0.5", "public_ip": "", "primary_network_interface_id": "eni-1"}}]}]}`
	s, _, err := Load("terraform.tfstate", []byte(state))
	if err != nil {
		t.Fatal(err)
	}
	if e := instanceENI(t, s, "aws_instance.web"); len(e.PublicIPs) != 0 || len(e.Assumed) != 0 {
		t.Errorf("ENI %+v: a state's empty public_ip means no public address", e)
	}
}

// TestPlaceholderIDsPerFile: the same address in two plans is two resources;
// the same plan loaded twice keeps its IDs, wherever the checkout lives.
func TestPlaceholderIDsPerFile(t *testing.T) {
	id := func(file string) string {
		s, _, err := Load(file, []byte(planFixture))
		if err != nil {
			t.Fatal(err)
		}
		return s.VPCs[0].ID
	}
	tests := []struct {
		name, a, b string
		same       bool
	}{
		{"two workspaces", "envs/prod/plan.json", "envs/dev/plan.json", false},
		{"two file names", "prod.json", "dev.json", false},
		{"same file, other checkout", "/home/a/repo/envs/prod/plan.json", "/srv/ci/envs/prod/plan.json", true},
		{"same file, written differently", "./envs/prod/plan.json", "envs/prod//plan.json", true},
	}
	for _, tc := range tests {
		if got := id(tc.a) == id(tc.b); got != tc.same {
			t.Errorf("%s: %s -> %s, %s -> %s; want same=%v", tc.name, tc.a, id(tc.a), tc.b, id(tc.b), tc.same)
		}
	}
}
