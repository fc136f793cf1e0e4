package scenarios

import (
	"strings"

	"github.com/netverify/netverify/model"
)

// dnsFirewall converts DNS Firewall domain lists, rule groups, associations
// and VPC configurations (R10.41, R10.42).
func (c *conv) dnsFirewall() {
	for i := range c.doc.FirewallDomainLists {
		d := &c.doc.FirewallDomainLists[i]
		if !c.ok(&d.Common) {
			continue
		}
		l := &model.FirewallDomainList{Meta: c.meta(&d.Common), Managed: d.Managed}
		for _, n := range d.Domains {
			l.Domains = append(l.Domains, strings.TrimSuffix(strings.ToLower(n), "."))
		}
		c.s.FirewallDomainLists = append(c.s.FirewallDomainLists, l)
	}
	for i := range c.doc.FirewallRuleGroups {
		d := &c.doc.FirewallRuleGroups[i]
		if !c.ok(&d.Common) {
			continue
		}
		g := &model.FirewallRuleGroup{Meta: c.meta(&d.Common), OwnerID: d.OwnerID, ShareStatus: d.ShareStatus}
		for j := range d.Rules {
			g.Rules = append(g.Rules, c.firewallRule(&d.Rules[j]))
		}
		c.s.FirewallRuleGroups = append(c.s.FirewallRuleGroups, g)
	}
	for i := range c.doc.FirewallAssociations {
		d := &c.doc.FirewallAssociations[i]
		if !c.ok(&d.Common) {
			continue
		}
		c.s.FirewallAssociations = append(c.s.FirewallAssociations, &model.FirewallAssociation{Meta: c.meta(&d.Common),
			RuleGroup: c.ref("dns-firewall-rule-group", d.RuleGroup), VPC: c.ref("vpc", d.VPC), Priority: d.Priority, Status: d.Status})
	}
	for i := range c.doc.FirewallConfigs {
		d := &c.doc.FirewallConfigs[i]
		if !c.ok(&d.Common) {
			continue
		}
		c.s.FirewallConfigs = append(c.s.FirewallConfigs, &model.FirewallConfig{Meta: c.meta(&d.Common), VPC: c.ref("vpc", d.VPC), FailOpen: d.FailOpen})
	}
}

func (c *conv) firewallRule(d *FirewallRuleDoc) model.FirewallRule {
	r := model.FirewallRule{Name: d.Name, Priority: d.Priority, Action: strings.ToUpper(d.Action),
		DomainList: c.ref("dns-firewall-domain-list", d.DomainList), BlockResponse: strings.ToUpper(d.BlockResponse),
		OverrideDomain: strings.TrimSuffix(strings.ToLower(d.OverrideDomain), "."), OverrideTTL: d.OverrideTTL, Source: c.src(d.at)}
	switch r.Action {
	case model.FirewallAllow, model.FirewallAlert:
	case model.FirewallBlock:
		if r.BlockResponse == "" {
			r.BlockResponse = model.BlockNODATA
		}
		if r.BlockResponse == model.BlockOverride && r.OverrideDomain == "" {
			c.errf(d.of("blockResponse"), "an OVERRIDE block response needs overrideDomain (the CNAME target)")
		}
	default:
		c.errf(d.of("action"), "action: %q must be ALLOW, ALERT or BLOCK", d.Action)
	}
	return r
}

// profiles converts Route 53 Profiles and their VPC associations (R10.43).
func (c *conv) profiles() {
	kinds := map[string]string{model.ProfileHostedZone: "hosted-zone", model.ProfileResolverRule: "resolver-rule",
		model.ProfileFirewallRuleGroup: "dns-firewall-rule-group", model.ProfileInterfaceEndpoint: "vpc-endpoint"}
	for i := range c.doc.Profiles {
		d := &c.doc.Profiles[i]
		if !c.ok(&d.Common) {
			continue
		}
		p := &model.Profile{Meta: c.meta(&d.Common), OwnerID: d.OwnerID, ShareStatus: d.ShareStatus}
		for j := range d.Resources {
			r := &d.Resources[j]
			t := strings.ToUpper(r.Type)
			kind, ok := kinds[t]
			if !ok {
				c.errf(r.of("type"), "type: %q must be HOSTED_ZONE, RESOLVER_RULE, FIREWALL_RULE_GROUP or INTERFACE_ENDPOINT", r.Type)
				continue
			}
			p.Resources = append(p.Resources, model.ProfileResource{Type: t, Resource: c.ref(kind, r.Resource), Name: r.Resource,
				Priority: r.Priority, Source: c.src(r.at)})
		}
		c.s.Profiles = append(c.s.Profiles, p)
	}
	for i := range c.doc.ProfileAssociations {
		d := &c.doc.ProfileAssociations[i]
		if !c.ok(&d.Common) {
			continue
		}
		c.s.ProfileAssociations = append(c.s.ProfileAssociations, &model.ProfileAssociation{Meta: c.meta(&d.Common),
			Profile: c.ref("route53-profile", d.Profile), VPC: c.ref("vpc", d.VPC), Status: d.Status})
	}
}
