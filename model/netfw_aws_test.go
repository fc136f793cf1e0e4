package model

import (
	"encoding/json"
	"net/netip"
	"testing"
)

// TestNFWVariablesFromPolicyOrVPC: a rule group that names $HOME_NET
// without defining it takes the policy's value, else the CIDRs of the
// firewall's VPC (R7.48); until then, or when nothing defines it, its rules
// are unknown rather than dropped (R7.44).
func TestNFWVariablesFromPolicyOrVPC(t *testing.T) {
	const group = `{"RulesSource": {"RulesString": "pass tcp $HOME_NET any -> any 443 (sid:1;)\ndrop tcp $OTHER any -> any 22 (sid:2;)"}}`
	var a NFWAPIRuleGroup
	if err := json.Unmarshal([]byte(group), &a); err != nil {
		t.Fatal(err)
	}
	g, problems := a.ToModel("g", "g", "", "STATEFUL", Source{})
	if len(problems) != 0 || !g.Rules[0].NeedsVariables || g.Rules[0].Unsupported == "" {
		t.Fatalf("before the policy is known: %+v %v", g.Rules, problems)
	}
	s := &Snapshot{NFWRuleGroups: []*NFWRuleGroup{g}}
	s.VPCs = []*VPC{{Meta: Meta{ID: "vpc-1"}, CIDRs: []netip.Prefix{netip.MustParsePrefix("10.5.0.0/16")}}}
	s.NFWPolicies = []*NFWPolicy{{ID: "p", Stateful: []string{"g"}}}
	s.NetworkFirewalls = []*NetworkFirewall{{ID: "fw", VPC: "vpc-1", Policy: "p"}}
	s.ResolveNFWVariables()
	r := g.Rules[0]
	if r.NeedsVariables || r.Unsupported != "" || r.SID != "1" || r.Match.Src[0].String() != "10.5.0.0/16" {
		t.Fatalf("HOME_NET from the firewall's VPC: %+v", r)
	}
	if !g.Rules[1].NeedsVariables || g.Rules[1].Unsupported == "" {
		t.Fatalf("$OTHER is defined by nothing: it stays unknown: %+v", g.Rules[1])
	}

	g2, _ := a.ToModel("g", "g", "", "STATEFUL", Source{})
	s.NFWRuleGroups = []*NFWRuleGroup{g2}
	s.NFWPolicies[0].Variables = map[string][]netip.Prefix{"HOME_NET": {netip.MustParsePrefix("10.0.0.0/8")}}
	s.ResolveNFWVariables()
	if got := g2.Rules[0].Match.Src[0].String(); got != "10.0.0.0/8" {
		t.Fatalf("the policy's HOME_NET overrides the VPC's: %s", got)
	}
}
