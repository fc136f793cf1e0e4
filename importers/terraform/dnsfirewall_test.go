package terraform

import (
	"testing"

	"github.com/netverify/netverify/model"
)

// firewallState: a DNS Firewall rule group with one OVERRIDE rule, bundled
// in a Route 53 Profile associated with a VPC, and a directly associated group.
const firewallState = `{
  "format_version": "1.0", "terraform_version": "1.6.0",
  "values": {"root_module": {"resources": [
    {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
     "values": {"id": "vpc-0aa0000000000000a", "cidr_block": "10.0.0.0/16", "enable_dns_support": true, "enable_dns_hostnames": true}},
    {"address": "aws_route53_resolver_firewall_domain_list.bad", "mode": "managed", "type": "aws_route53_resolver_firewall_domain_list", "name": "bad",
     "values": {"id": "rslvr-fdl-0bad", "name": "bad", "domains": ["evil.example.net.", "*.tracker.example"]}},
    {"address": "aws_route53_resolver_firewall_rule_group.guard", "mode": "managed", "type": "aws_route53_resolver_firewall_rule_group", "name": "guard",
     "values": {"id": "rslvr-frg-0guard", "name": "guard", "arn": "arn:aws:route53resolver:us-east-1:222222222222:firewall-rule-group/rslvr-frg-0guard", "owner_id": "222222222222", "share_status": "SHARED_WITH_ME"}},
    {"address": "aws_route53_resolver_firewall_rule.sinkhole", "mode": "managed", "type": "aws_route53_resolver_firewall_rule", "name": "sinkhole",
     "values": {"id": "rslvr-frg-0guard:rslvr-fdl-0bad", "name": "sinkhole", "action": "BLOCK", "block_response": "OVERRIDE", "block_override_domain": "sinkhole.corp.internal.",
       "block_override_dns_type": "CNAME", "block_override_ttl": 30, "firewall_domain_list_id": "rslvr-fdl-0bad", "firewall_rule_group_id": "rslvr-frg-0guard", "priority": 100}},
    {"address": "aws_route53_resolver_firewall_rule_group_association.direct", "mode": "managed", "type": "aws_route53_resolver_firewall_rule_group_association", "name": "direct",
     "values": {"id": "rslvr-frgassoc-0direct", "name": "direct", "firewall_rule_group_id": "rslvr-frg-0guard", "vpc_id": "vpc-0aa0000000000000a", "priority": 101}},
    {"address": "aws_route53_resolver_firewall_config.main", "mode": "managed", "type": "aws_route53_resolver_firewall_config", "name": "main",
     "values": {"id": "rslvr-fc-0main", "resource_id": "vpc-0aa0000000000000a", "firewall_fail_open": "ENABLED"}},
    {"address": "aws_route53profiles_profile.lz", "mode": "managed", "type": "aws_route53profiles_profile", "name": "lz",
     "values": {"id": "rp-0lz", "name": "landing-zone"}},
    {"address": "aws_route53profiles_resource_association.guard", "mode": "managed", "type": "aws_route53profiles_resource_association", "name": "guard",
     "values": {"id": "rpr-0guard", "name": "guard", "profile_id": "rp-0lz", "resource_arn": "arn:aws:route53resolver:us-east-1:222222222222:firewall-rule-group/rslvr-frg-0guard",
       "resource_properties": "{\"priority\":102}"}},
    {"address": "aws_route53profiles_association.main", "mode": "managed", "type": "aws_route53profiles_association", "name": "main",
     "values": {"id": "rpassoc-0main", "name": "main", "profile_id": "rp-0lz", "resource_id": "vpc-0aa0000000000000a", "status": "COMPLETE"}}
  ]}}
}`

// TestDNSFirewallAndProfiles reads aws_route53_resolver_firewall_* and
// aws_route53profiles_* (R10.41-R10.43): rules join their group, the
// Profile's rule group gets its priority from resource_properties and its
// type from the ARN.
func TestDNSFirewallAndProfiles(t *testing.T) {
	s, ds, err := Load("terraform.tfstate.json", []byte(firewallState))
	if err != nil {
		t.Fatal(err)
	}
	ds.Append(model.Validate(s))
	if ds.Count(model.SevWarning)+ds.Count(model.SevError) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if len(s.FirewallDomainLists) != 1 || !s.FirewallDomainLists[0].Matches("evil.example.net") {
		t.Fatalf("domain lists: %+v", s.FirewallDomainLists)
	}
	g := s.FirewallRuleGroups[0]
	if len(g.Rules) != 1 || g.Rules[0].OverrideDomain != "sinkhole.corp.internal" || g.Rules[0].OverrideTTL != 30 || g.Rules[0].BlockResponse != model.BlockOverride {
		t.Fatalf("rule group: %+v", g)
	}
	if a := s.FirewallAssociations[0]; a.Priority != 101 || a.VPC != "vpc-0aa0000000000000a" || a.RuleGroup != g.ID {
		t.Fatalf("association: %+v", a)
	}
	if c := s.FirewallConfigs[0]; !c.FailOpen || c.VPC != "vpc-0aa0000000000000a" {
		t.Fatalf("config: %+v", c)
	}
	p := s.Profiles[0]
	if len(p.Resources) != 1 || p.Resources[0].Type != model.ProfileFirewallRuleGroup || p.Resources[0].Priority != 102 || p.Resources[0].ResourceID() != g.ID {
		t.Fatalf("profile: %+v", p)
	}
	if a := s.ProfileAssociations[0]; a.Profile != p.ID || a.VPC != "vpc-0aa0000000000000a" {
		t.Fatalf("profile association: %+v", a)
	}
}
