package cfn

import (
	"testing"

	"github.com/netverify/netverify/model"
)

// TestDNSFirewallAndProfiles reads AWS::Route53Resolver::FirewallDomainList,
// FirewallRuleGroup and FirewallRuleGroupAssociation and
// AWS::Route53Profiles::Profile, ProfileResourceAssociation (priority from
// ResourceProperties) and ProfileAssociation (R10.41, R10.43).
func TestDNSFirewallAndProfiles(t *testing.T) {
	s, ds, err := importAll(t, "testdata/landing-zone/dns-firewall.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Count(model.SevWarning)+ds.Count(model.SevError) > 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	l := byName(s.FirewallDomainLists, "bad-domains")
	if l == nil || len(l.Domains) != 2 || !l.Matches("a.tracker.example") || l.Matches("example.net") {
		t.Fatalf("domain list: %+v", l)
	}
	g := byName(s.FirewallRuleGroups, "guard")
	if g == nil || len(g.Rules) != 1 {
		t.Fatalf("rule group guard: %+v", g)
	}
	r := g.Rules[0]
	if r.Action != model.FirewallBlock || r.BlockResponse != model.BlockOverride || r.OverrideDomain != "sinkhole.corp.internal" ||
		r.OverrideTTL != 30 || r.DomainList != l.ID || r.Priority != 100 {
		t.Fatalf("rule: %+v", r)
	}
	if len(s.FirewallAssociations) != 1 || s.FirewallAssociations[0].Priority != 500 || s.FirewallAssociations[0].VPC != s.VPCs[0].ID {
		t.Fatalf("association: %+v", s.FirewallAssociations)
	}
	p := byName(s.Profiles, "landing-zone")
	if p == nil || len(p.Resources) != 1 || p.Resources[0].Type != model.ProfileFirewallRuleGroup ||
		p.Resources[0].Priority != 102 || p.Resources[0].ResourceID() != g.ID {
		t.Fatalf("profile: %+v", p)
	}
	if len(s.ProfileAssociations) != 1 || s.ProfileAssociations[0].Profile != p.ID || s.ProfileAssociations[0].VPC != s.VPCs[0].ID {
		t.Fatalf("profile association: %+v", s.ProfileAssociations)
	}
}
