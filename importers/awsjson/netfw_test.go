package awsjson

import (
	"net/netip"
	"testing"

	"github.com/netverify/netverify/model"
)

// TestNetworkFirewallFromDescribe reads describe-firewall (the firewall and
// its endpoints per zone from FirewallStatus.SyncStates, R7.40; a
// transit-gateway-attached firewall's attachment, R7.47),
// describe-firewall-policy (strict order, references by priority, R7.42) and
// describe-rule-group (stateless 5-tuple rules split per protocol, R7.41;
// stateful 5-tuple rules and RulesString as Suricata with the group's
// variables, R7.43, R7.44, or the policy's, R7.48; a domain allow-list,
// R7.45), the response member before or after the rules.
func TestNetworkFirewallFromDescribe(t *testing.T) {
	const arn = "arn:aws:network-firewall:us-east-1:111111111111:"
	dir := writeFiles(t, map[string]string{
		"NetworkFirewall_fw.json": `{"UpdateToken": "t", "Firewall": {"FirewallName": "fw", "FirewallArn": "` + arn + `firewall/fw",
  "FirewallPolicyArn": "` + arn + `firewall-policy/pol", "VpcId": "vpc-0a1", "SubnetMappings": [{"SubnetId": "subnet-0b"}, {"SubnetId": "subnet-0a"}]},
 "FirewallStatus": {"Status": "READY", "SyncStates": {
  "us-east-1b": {"Attachment": {"SubnetId": "subnet-0b", "EndpointId": "vpce-0b", "Status": "READY"}},
  "us-east-1a": {"Attachment": {"SubnetId": "subnet-0a", "EndpointId": "vpce-0a", "Status": "READY"}}}}}`,
		"NetworkFirewall_tgw.json": `{"Firewall": {"FirewallName": "tgwfw", "FirewallArn": "` + arn + `firewall/tgwfw", "FirewallPolicyArn": "` + arn + `firewall-policy/pol",
  "TransitGatewayId": "tgw-0t", "AvailabilityZoneMappings": [{"AvailabilityZone": "us-east-1a"}]},
 "FirewallStatus": {"Status": "READY", "SyncStates": {}, "TransitGatewayAttachmentSyncState": {"AttachmentId": "tgw-attach-0fw", "TransitGatewayAttachmentStatus": "READY"}}}`,
		"NetworkFirewallPolicy_pol.json": `{"FirewallPolicy": {"StatelessDefaultActions": ["aws:forward_to_sfe"],
  "StatelessRuleGroupReferences": [{"ResourceArn": "` + arn + `stateless-rulegroup/sl", "Priority": 1}],
  "StatefulRuleGroupReferences": [{"ResourceArn": "` + arn + `stateful-rulegroup/sur", "Priority": 20}, {"ResourceArn": "` + arn + `stateful-rulegroup/dom", "Priority": 10},
    {"ResourceArn": "` + arn + `stateful-rulegroup/home", "Priority": 30}],
  "PolicyVariables": {"RuleVariables": {"HOME_NET": {"Definition": ["172.16.0.0/12"]}}},
  "StatefulDefaultActions": ["aws:drop_strict"], "StatefulEngineOptions": {"RuleOrder": "STRICT_ORDER"}},
 "FirewallPolicyResponse": {"FirewallPolicyName": "pol", "FirewallPolicyArn": "` + arn + `firewall-policy/pol", "FirewallPolicyId": "p1"}}`,
		"NetworkFirewallRuleGroup_sl.json": `{"RuleGroupResponse": {"RuleGroupName": "sl", "RuleGroupArn": "` + arn + `stateless-rulegroup/sl", "Type": "STATELESS"},
 "RuleGroup": {"RulesSource": {"StatelessRulesAndCustomActions": {"StatelessRules": [
  {"Priority": 5, "RuleDefinition": {"Actions": ["aws:drop"], "MatchAttributes": {"Protocols": [6, 17],
   "Destinations": [{"AddressDefinition": "0.0.0.0/0"}], "DestinationPorts": [{"FromPort": 23, "ToPort": 23}]}}}]}}}}`,
		"NetworkFirewallRuleGroup_sur.json": `{"RuleGroup": {"RuleVariables": {"IPSets": {"HOME_NET": {"Definition": ["10.0.0.0/8"]}}},
  "RulesSource": {"RulesString": "pass udp $HOME_NET any -> any 53 (sid:100;)\ndrop tcp $HOME_NET any -> any 8080 (content:\"x\"; sid:200;)",
   "StatefulRules": [{"Action": "DROP", "Header": {"Protocol": "TCP", "Source": "ANY", "SourcePort": "ANY", "Direction": "FORWARD", "Destination": "ANY", "DestinationPort": "22"},
    "RuleOptions": [{"Keyword": "sid", "Settings": ["1"]}]}]}},
 "RuleGroupResponse": {"RuleGroupName": "sur", "RuleGroupArn": "` + arn + `stateful-rulegroup/sur", "Type": "STATEFUL"}}`,
		"NetworkFirewallRuleGroup_home.json": `{"RuleGroupResponse": {"RuleGroupName": "home", "RuleGroupArn": "` + arn + `stateful-rulegroup/home", "Type": "STATEFUL"},
 "RuleGroup": {"RulesSource": {"RulesString": "pass tcp $HOME_NET any -> any 80 (sid:9;)"}}}`,
		"NetworkFirewallRuleGroup_dom.json": `{"RuleGroupResponse": {"RuleGroupName": "dom", "RuleGroupArn": "` + arn + `stateful-rulegroup/dom", "Type": "STATEFUL"},
 "RuleGroup": {"RulesSource": {"RulesSourceList": {"Targets": [".example.com"], "TargetTypes": ["TLS_SNI", "HTTP_HOST"], "GeneratedRulesType": "ALLOWLIST"}}}}`,
	})
	snap, ds, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	noWarnings(t, ds)
	if len(snap.NetworkFirewalls) != 2 {
		t.Fatalf("firewalls: %+v", snap.NetworkFirewalls)
	}
	f, ep := snap.NFWEndpointByID("vpce-0a")
	if f == nil || f.Name != "fw" || f.VPC != "vpc-0a1" || ep.Subnet != "subnet-0a" || ep.AZ != "us-east-1a" || f.Endpoints[1].ID != "vpce-0b" {
		t.Fatalf("endpoints from the sync states: %+v", f)
	}
	if tf := snap.NFWByTGWAttachment("tgw-attach-0fw"); tf == nil || tf.TransitGateway != "tgw-0t" || tf.Account != "111111111111" {
		t.Fatalf("transit-gateway-attached firewall: %+v", snap.NetworkFirewalls[1])
	}
	pol := snap.NFWPolicyByID(f.Policy)
	if pol == nil || pol.Name != "pol" || !pol.StrictOrder || pol.StatelessDefault != "forward_to_sfe" || pol.StatefulDefaults[0] != "drop_strict" {
		t.Fatalf("policy: %+v", pol)
	}
	if pol.Stateful[0] != arn+"stateful-rulegroup/dom" {
		t.Errorf("stateful groups in priority order (strict): %v", pol.Stateful)
	}
	sl := snap.NFWRuleGroupByID(pol.Stateless[0])
	if sl == nil || sl.Stateful || len(sl.Rules) != 2 || sl.Rules[0].Match.Proto != model.ProtoTCP || sl.Rules[1].Match.Proto != model.ProtoUDP || sl.Rules[0].Action != "drop" {
		t.Fatalf("stateless group: %+v", sl)
	}
	sur := snap.NFWRuleGroupByID(arn + "stateful-rulegroup/sur")
	if sur == nil || !sur.Stateful || len(sur.Rules) != 3 || sur.Rules[0].SID != "1" || sur.Rules[1].SID != "100" || sur.Rules[2].Unsupported != "keyword content" {
		t.Fatalf("stateful group: %+v", sur)
	}
	if !sur.Rules[1].Match.Src[0].Contains(netip.MustParseAddr("10.9.9.9")) {
		t.Errorf("$HOME_NET from the group's variables: %+v", sur.Rules[1].Match)
	}
	home := snap.NFWRuleGroupByID("home")
	if home == nil || home.Rules[0].NeedsVariables || home.Rules[0].Match.Src[0].String() != "172.16.0.0/12" {
		t.Fatalf("$HOME_NET left to the policy's variables (R7.48): %+v", home)
	}
	dom := snap.NFWRuleGroupByID("dom")
	if dom == nil || dom.Domains == nil || !dom.Domains.Allow || dom.Domains.Targets[0] != ".example.com" {
		t.Fatalf("domain list: %+v", dom)
	}
}
