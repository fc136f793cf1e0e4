package terraform

import (
	"testing"

	"github.com/netverify/netverify/model"
)

// TestNetworkFirewall reads aws_networkfirewall_firewall (endpoints from
// firewall_status sync states, R7.40; a transit-gateway-attached firewall's
// attachment, R7.47), aws_networkfirewall_firewall_policy (stateless
// references by priority, the stateless default action, policy variables,
// R7.41) and aws_networkfirewall_rule_group (a stateless rule with two
// protocols, address and port blocks, R7.41; Suricata rules given as the
// top-level rules string, R7.44).
func TestNetworkFirewall(t *testing.T) {
	const arn = "arn:aws:network-firewall:eu-west-1:222222222222:"
	const state = `{"format_version": "1.0", "terraform_version": "1.9.0", "values": {"root_module": {"resources": [
  {"address": "aws_networkfirewall_firewall.fw", "mode": "managed", "type": "aws_networkfirewall_firewall", "name": "fw",
   "values": {"id": "` + arn + `firewall/fw", "arn": "` + arn + `firewall/fw", "name": "fw", "vpc_id": "vpc-0a", "firewall_policy_arn": "` + arn + `firewall-policy/pol",
    "subnet_mapping": [{"subnet_id": "subnet-0f"}],
    "firewall_status": [{"sync_states": [{"availability_zone": "eu-west-1a", "attachment": [{"endpoint_id": "vpce-0f1", "subnet_id": "subnet-0f", "status": "READY"}]}],
      "transit_gateway_attachment_sync_states": []}]}},
  {"address": "aws_networkfirewall_firewall.tgw", "mode": "managed", "type": "aws_networkfirewall_firewall", "name": "tgw",
   "values": {"id": "` + arn + `firewall/tgw", "arn": "` + arn + `firewall/tgw", "name": "tgw", "transit_gateway_id": "tgw-0t", "firewall_policy_arn": "` + arn + `firewall-policy/pol",
    "availability_zone_mapping": [{"availability_zone_id": "euw1-az1"}],
    "firewall_status": [{"sync_states": [], "transit_gateway_attachment_sync_states": [{"attachment_id": "tgw-attach-0fw"}]}]}},
  {"address": "aws_networkfirewall_firewall_policy.pol", "mode": "managed", "type": "aws_networkfirewall_firewall_policy", "name": "pol",
   "values": {"id": "` + arn + `firewall-policy/pol", "arn": "` + arn + `firewall-policy/pol", "name": "pol",
    "firewall_policy": [{"stateless_default_actions": ["aws:pass"], "stateless_fragment_default_actions": ["aws:pass"],
      "stateless_rule_group_reference": [{"priority": 20, "resource_arn": "` + arn + `stateless-rulegroup/b"}, {"priority": 10, "resource_arn": "` + arn + `stateless-rulegroup/sl"}],
      "stateful_rule_group_reference": [{"priority": 0, "resource_arn": "` + arn + `stateful-rulegroup/sur", "override": []}],
      "stateful_default_actions": [], "stateful_engine_options": [],
      "policy_variables": [{"rule_variables": [{"key": "HOME_NET", "ip_set": [{"definition": ["10.0.0.0/8"]}]}]}]}]}},
  {"address": "aws_networkfirewall_rule_group.sl", "mode": "managed", "type": "aws_networkfirewall_rule_group", "name": "sl",
   "values": {"id": "` + arn + `stateless-rulegroup/sl", "arn": "` + arn + `stateless-rulegroup/sl", "name": "sl", "type": "STATELESS", "capacity": 10, "rules": "",
    "rule_group": [{"rule_variables": [], "stateful_rule_options": [], "rules_source": [{"rules_string": "", "rules_source_list": [], "stateful_rule": [],
      "stateless_rules_and_custom_actions": [{"custom_action": [], "stateless_rule": [{"priority": 1, "rule_definition": [{"actions": ["aws:drop"],
        "match_attributes": [{"protocols": [6, 17], "source": [{"address_definition": "10.1.0.0/16"}], "destination": [{"address_definition": "0.0.0.0/0"}],
          "source_port": [], "destination_port": [{"from_port": 23, "to_port": 23}], "tcp_flag": []}]}]}]}]}]}]}},
  {"address": "aws_networkfirewall_rule_group.sur", "mode": "managed", "type": "aws_networkfirewall_rule_group", "name": "sur",
   "values": {"id": "` + arn + `stateful-rulegroup/sur", "arn": "` + arn + `stateful-rulegroup/sur", "name": "sur", "type": "STATEFUL", "capacity": 10,
    "rules": "pass tcp 10.0.0.0/8 any -> any 443 (sid:7;)\nalert tls any any -> any any (tls.sni; content:\"x\"; sid:8;)", "rule_group": []}}
]}}}`
	s, ds, err := Load("terraform.tfstate.json", []byte(state))
	if err != nil {
		t.Fatal(err)
	}
	ds.Append(model.Validate(s))
	if ds.HasErrors() {
		t.Fatalf("diagnostics: %v", ds)
	}
	f, ep := s.NFWEndpointByID("vpce-0f1")
	if f == nil || f.Name != "fw" || f.VPC != "vpc-0a" || ep.Subnet != "subnet-0f" || ep.AZ != "eu-west-1a" || f.Account != "222222222222" {
		t.Fatalf("firewall endpoints from firewall_status: %+v", s.NetworkFirewalls)
	}
	if tf := s.NFWByTGWAttachment("tgw-attach-0fw"); tf == nil || tf.TransitGateway != "tgw-0t" {
		t.Fatalf("transit-gateway-attached firewall: %+v", s.NetworkFirewalls)
	}
	pol := s.NFWPolicyByID(f.Policy)
	if pol == nil || pol.StatelessDefault != "pass" || len(pol.Stateless) != 2 || pol.Stateless[0] != arn+"stateless-rulegroup/sl" || len(pol.Variables["HOME_NET"]) != 1 {
		t.Fatalf("policy: %+v", pol)
	}
	sl := s.NFWRuleGroupByID("sl")
	if sl == nil || sl.Stateful || len(sl.Rules) != 2 || sl.Rules[1].Match.Proto != model.ProtoUDP || sl.Rules[0].Match.DstPorts[0].From != 23 ||
		sl.Rules[0].Match.Src[0].String() != "10.1.0.0/16" || sl.Rules[0].Action != "drop" || sl.Rules[0].Priority != 1 {
		t.Fatalf("stateless rules: %+v", sl)
	}
	sur := s.NFWRuleGroupByID("sur")
	if sur == nil || !sur.Stateful || len(sur.Rules) != 2 || sur.Rules[0].SID != "7" || sur.Rules[1].Unsupported != "protocol tls" {
		t.Fatalf("Suricata rules string: %+v", sur)
	}
}
