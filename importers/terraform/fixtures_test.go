package terraform

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
)

// planFixture: a VPC, subnet, IGW, route, SG without egress and a Lambda in
// the subnet, all still to be created.
const planFixture = `{
  "format_version": "1.2", "terraform_version": "1.6.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
     "values": {"cidr_block": "10.0.0.0/16", "tags": {"Name": "main"}}},
    {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a",
     "values": {"cidr_block": "10.0.1.0/24", "availability_zone": "eu-west-1a"}},
    {"address": "aws_internet_gateway.gw", "mode": "managed", "type": "aws_internet_gateway", "name": "gw", "values": {}},
    {"address": "aws_route_table.rt", "mode": "managed", "type": "aws_route_table", "name": "rt",
     "values": {"route": [{"cidr_block": "0.0.0.0/0", "gateway_id": null}]}},
    {"address": "aws_security_group.fn", "mode": "managed", "type": "aws_security_group", "name": "fn",
     "values": {"name": "fn", "ingress": [{"from_port": 443, "to_port": 443, "protocol": "tcp", "cidr_blocks": ["10.0.0.0/8"], "self": false}]}},
    {"address": "aws_lambda_function.f", "mode": "managed", "type": "aws_lambda_function", "name": "f",
     "values": {"function_name": "f", "environment": [{"variables": {"SECRET": "hunter2"}}]}},
    {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {}}
  ]}},
  "resource_changes": [
    {"address": "aws_subnet.a", "change": {"actions": ["create"], "after_unknown": {"id": true, "vpc_id": true}}},
    {"address": "aws_route_table.rt", "change": {"actions": ["create"], "after_unknown": {"route": [{"gateway_id": true}]}}},
    {"address": "aws_security_group.fn", "change": {"actions": ["create"], "after_unknown": {"egress": true}}}
  ],
  "configuration": {"root_module": {"resources": [
    {"address": "aws_subnet.a", "mode": "managed", "type": "aws_subnet", "name": "a",
     "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}},
    {"address": "aws_internet_gateway.gw", "mode": "managed", "type": "aws_internet_gateway", "name": "gw",
     "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]}}},
    {"address": "aws_route_table.rt", "mode": "managed", "type": "aws_route_table", "name": "rt",
     "expressions": {"vpc_id": {"references": ["aws_vpc.main.id", "aws_vpc.main"]},
       "route": [{"cidr_block": {"constant_value": "0.0.0.0/0"}, "gateway_id": {"references": ["aws_internet_gateway.gw.id", "aws_internet_gateway.gw"]}}]}},
    {"address": "aws_lambda_function.f", "mode": "managed", "type": "aws_lambda_function", "name": "f",
     "expressions": {"vpc_config": [{"subnet_ids": {"references": ["aws_subnet.a.id", "aws_subnet.a"]},
       "security_group_ids": {"references": ["aws_security_group.fn.id", "aws_security_group.fn"]}}]}}
  ]}}
}`

// TestPlanReferences: unknown IDs resolve to the targets' placeholders.
func TestPlanReferences(t *testing.T) {
	s, ds, err := Load("plan.json", []byte(planFixture))
	if err != nil {
		t.Fatal(err)
	}
	vpc, sub, igw, rt, sg, fn := s.VPCs[0], s.Subnets[0], s.InternetGateways[0], s.RouteTables[0], s.SecurityGroups[0], s.LambdaFunctions[0]
	checks := []struct{ name, got, want string }{
		{"vpc placeholder", vpc.ID[:4], "vpc-"},
		{"vpc name from tags", vpc.Name, "main"},
		{"vpc source line", vpc.Source.String(), "plan.json:4:5"},
		{"subnet.vpc_id -> placeholder", sub.VPC, vpc.ID},
		{"subnet name = address", sub.Name, "aws_subnet.a"},
		{"igw vpc", strings.Join(igw.VPCs, ","), vpc.ID},
		{"route 0/0 -> igw", rt.Routes[0].Target.ID, igw.ID},
		{"route kind", rt.Routes[0].Target.Kind.String(), "igw"},
		{"lambda subnet", strings.Join(fn.Subnets, ","), sub.ID},
		{"lambda sg", strings.Join(fn.SecurityGroups, ","), sg.ID},
		{"lambda vpc from subnet", fn.VPC, vpc.ID},
		{"assumed", strings.Join(vpc.Assumed, ","), noteID},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, c.got, c.want)
		}
	}
	// Terraform removes AWS's default egress rule: no egress blocks = no egress (R2.2).
	if len(sg.Egress) != 0 || len(sg.Ingress) != 1 || sg.Ingress[0].Ports != (model.PortRange{From: 443, To: 443}) {
		t.Errorf("sg = %+v", sg)
	}
	if strings.Contains(dumpString(s), "hunter2") {
		t.Errorf("Lambda environment variables must never be stored")
	}
	if !strings.Contains(joinDiags(ds), "resource type aws_s3_bucket is not modelled") {
		t.Errorf("diagnostics %v: want aws_s3_bucket not modelled", ds)
	}
	again, _, _ := Load("plan.json", []byte(planFixture))
	if again.VPCs[0].ID != vpc.ID {
		t.Errorf("placeholders are not deterministic")
	}
}

const stateFixture = `{
  "version": 4, "terraform_version": "1.5.0", "serial": 1, "lineage": "x",
  "resources": [
    {"mode": "managed", "type": "aws_security_group", "name": "web", "instances": [
      {"attributes": {"id": "sg-1", "vpc_id": "vpc-1", "name": "web", "ingress": [], "egress": [
        {"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_groups": [], "self": false}]}}]},
    {"mode": "managed", "type": "aws_security_group_rule", "name": "ssh", "instances": [
      {"attributes": {"id": "sgrule-1", "type": "ingress", "security_group_id": "sg-1", "from_port": 22, "to_port": 22,
        "protocol": "tcp", "source_security_group_id": "123456789012/sg-9", "cidr_blocks": null}}]},
    {"mode": "managed", "type": "aws_network_acl", "name": "a", "instances": [
      {"attributes": {"id": "acl-1", "vpc_id": "vpc-1", "subnet_ids": ["subnet-1"], "ingress": [
        {"rule_no": 100, "action": "allow", "protocol": "6", "cidr_block": "10.0.0.0/8", "from_port": 80, "to_port": 80, "icmp_type": 0, "icmp_code": 0}], "egress": []}}]},
    {"mode": "managed", "type": "aws_network_acl_rule", "name": "deny", "instances": [
      {"attributes": {"network_acl_id": "acl-1", "rule_number": 200, "egress": true, "protocol": "-1", "rule_action": "deny", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0}}]},
    {"mode": "data", "type": "aws_vpc", "name": "d", "instances": [{"attributes": {"id": "vpc-1"}}]}
  ]
}`

// TestRawState: state v4 rules (R2.4, R2.6, R2.11) with real IDs.
func TestRawState(t *testing.T) {
	s, ds, err := Load("terraform.tfstate", []byte(stateFixture))
	if err != nil {
		t.Fatal(err)
	}
	g := s.SecurityGroups[0]
	if g.ID != "sg-1" || len(g.Assumed) != 0 || len(g.Egress) != 1 || g.Egress[0].Protocol != model.ProtoAll || !g.Egress[0].Ports.IsAll() {
		t.Errorf("group = %+v", g)
	}
	if len(g.Ingress) != 1 || g.Ingress[0].Group == nil || g.Ingress[0].Group.Account != "123456789012" || g.Ingress[0].Group.GroupID != "sg-9" {
		t.Errorf("ingress = %+v", g.Ingress)
	}
	a := s.NetworkACLs[0]
	want := []string{"inbound 100 allow tcp 10.0.0.0/8 80", "outbound 200 deny all 0.0.0.0/0 all"}
	for i, e := range a.Entries {
		got := strings.Join([]string{e.Direction(), itoa(e.Number), e.Action.String(), e.Protocol.String(), e.CIDR.String(), e.Ports.String()}, " ")
		if i >= len(want) || got != want[i] {
			t.Errorf("entry %d = %q, want %q", i, got, want[i])
		}
	}
	if a.Subnets[0] != "subnet-1" || a.Source.String() != "terraform.tfstate:11:7" {
		t.Errorf("acl = %+v", a)
	}
	if !strings.Contains(joinDiags(ds), "1 data source instance(s) ignored") {
		t.Errorf("diagnostics = %v", ds)
	}
}

// TestRejects: malformed input is rejected with file:line:col or a sentence.
func TestRejects(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"syntax", "{\n  \"version\": 4,\n  \"resources\": [,]\n}", "x.json:3:"},
		{"truncated", "{\n \"version\": 4,", "truncated"},
		{"version 5", `{"version": 5, "terraform_version": "9", "resources": []}`, "state format version 5 is not supported"},
		{"not terraform", `{"AWSTemplateFormatVersion": "2010-09-09"}`, "not a Terraform state or plan"},
		{"not object", `[1]`, "not an object"},
		{"bad plan version", `{"format_version": "7.0", "planned_values": {}}`, "format versions"},
	} {
		_, _, err := Load("x.json", []byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	if Detect([]byte(`{"AWSTemplateFormatVersion": "2010-09-09"}`)) || !Detect([]byte(stateFixture)) || !Detect([]byte(planFixture)) {
		t.Errorf("Detect is wrong")
	}
}

func joinDiags(ds model.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

func dumpString(s *model.Snapshot) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestNACLPortZero (issue 16): a NACL rule for tcp from_port 0 to_port 0 is
// port 0, as AWS reads PortRange From 0 To 0; protocol -1 (all) has no ports.
func TestNACLPortZero(t *testing.T) {
	state := `{"version": 4, "terraform_version": "1.5.0", "serial": 1, "lineage": "x", "resources": [
    {"mode": "managed", "type": "aws_network_acl", "name": "a", "instances": [
      {"attributes": {"id": "acl-1", "vpc_id": "vpc-1", "subnet_ids": [], "egress": [], "ingress": [
        {"rule_no": 100, "action": "allow", "protocol": "6", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0, "icmp_type": 0, "icmp_code": 0},
        {"rule_no": 110, "action": "allow", "protocol": "-1", "cidr_block": "0.0.0.0/0", "from_port": 0, "to_port": 0, "icmp_type": 0, "icmp_code": 0}]}}]}]}`
	s, _, err := Load("terraform.tfstate", []byte(state))
	if err != nil {
		t.Fatal(err)
	}
	es := s.NetworkACLs[0].Entries
	if len(es) != 2 || es[0].Ports != (model.PortRange{From: 0, To: 0}) || es[0].Ports.IsAll() || !es[1].Ports.IsAll() {
		t.Errorf("entries = %+v, want tcp port 0 and all", es)
	}
}
