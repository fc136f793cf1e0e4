package model

import (
	"strconv"
	"strings"
)

// dnsFirewall checks the references of DNS Firewall rule groups,
// associations and configurations, and of Route 53 Profiles (R10.41,
// R10.43), rewriting names to IDs.
func (v *validator) dnsFirewall() {
	for _, g := range v.s.FirewallRuleGroups {
		for i := range g.Rules {
			r := &g.Rules[i]
			ref[*FirewallDomainList](v, &g.Meta, "rule "+ruleName(r)+" domain list", &r.DomainList, "DNS Firewall domain list")
			if strings.EqualFold(r.BlockResponse, BlockOverride) && r.OverrideDomain == "" {
				v.errf(&g.Meta, "DNS Firewall rule group %s: rule %s blocks with OVERRIDE but names no override domain", g.ID, ruleName(r))
			}
		}
	}
	for _, a := range v.s.FirewallAssociations {
		ref[*FirewallRuleGroup](v, &a.Meta, "rule group", &a.RuleGroup, "DNS Firewall rule group")
		ref[*VPC](v, &a.Meta, "vpc", &a.VPC, "vpc")
	}
	for _, c := range v.s.FirewallConfigs {
		ref[*VPC](v, &c.Meta, "vpc", &c.VPC, "vpc")
	}
	perVPC := map[string]string{}
	for _, a := range v.s.ProfileAssociations {
		ref[*Profile](v, &a.Meta, "profile", &a.Profile, "Route 53 Profile")
		ref[*VPC](v, &a.Meta, "vpc", &a.VPC, "vpc")
		if other, dup := perVPC[a.VPC]; dup && other != a.Profile {
			v.errf(&a.Meta, "vpc %s is associated with two Route 53 Profiles (%s and %s); AWS allows one per VPC (R10.43)", a.VPC, other, a.Profile)
		}
		perVPC[a.VPC] = a.Profile
	}
}

func ruleName(r *FirewallRule) string {
	if r.Name != "" {
		return r.Name
	}
	return "#" + strconv.Itoa(r.Priority)
}

// inProfile reports whether a Route 53 Profile bundles the zone, which then
// reaches the Profile's VPCs without a VPC association of its own (R10.43).
func (v *validator) inProfile(z *HostedZone) bool {
	for _, p := range v.s.Profiles {
		for _, r := range p.Resources {
			if r.Type != ProfileHostedZone {
				continue
			}
			id := r.ResourceID()
			if id == z.ID || id == strings.TrimPrefix(z.ID, "/hostedzone/") || r.Resource == z.Name || r.Resource == z.ZoneName {
				return true
			}
		}
	}
	return false
}
