package terraform

import (
	"encoding/json"
	"strings"

	"github.com/netverify/netverify/model"
)

// DNS Firewall (aws_route53_resolver_firewall_*) and Route 53 Profiles
// (aws_route53profiles_*), R10.41-R10.43.
func init() {
	register(1, mapFirewallDomainList, "aws_route53_resolver_firewall_domain_list")
	register(1, mapFirewallRuleGroup, "aws_route53_resolver_firewall_rule_group")
	register(2, mapFirewallRule, "aws_route53_resolver_firewall_rule")
	register(1, mapFirewallAssociation, "aws_route53_resolver_firewall_rule_group_association")
	register(1, mapFirewallConfig, "aws_route53_resolver_firewall_config")
	register(1, mapProfile, "aws_route53profiles_profile")
	register(1, mapProfileAssociation, "aws_route53profiles_association")
	register(2, mapProfileResource, "aws_route53profiles_resource_association")
	register(2, mapSGVPCAssociation, "aws_vpc_security_group_vpc_association")
	for t, p := range map[string]string{
		"aws_route53_resolver_firewall_domain_list": "rslvr-fdl-", "aws_route53_resolver_firewall_rule_group": "rslvr-frg-",
		"aws_route53_resolver_firewall_rule_group_association": "rslvr-frgassoc-", "aws_route53_resolver_firewall_config": "rslvr-fc-",
		"aws_route53profiles_profile": "rp-", "aws_route53profiles_association": "rpassoc-", "aws_route53profiles_resource_association": "rpr-",
	} {
		idPrefixes[t] = p
	}
}

func lowerNoDot(s string) string { return strings.ToLower(strings.TrimSuffix(s, ".")) }

func mapFirewallDomainList(b *builder, r *resource, o obj) {
	l := &model.FirewallDomainList{Meta: b.meta(r, o)}
	for _, d := range o.strs("domains") {
		l.Domains = append(l.Domains, lowerNoDot(d))
	}
	if n := o.str("name"); n != "" {
		l.Name = n
	}
	b.s.FirewallDomainLists = append(b.s.FirewallDomainLists, l)
}

func mapFirewallRuleGroup(b *builder, r *resource, o obj) {
	g := &model.FirewallRuleGroup{Meta: b.meta(r, o), OwnerID: o.str("owner_id"), ShareStatus: o.str("share_status")}
	if n := o.str("name"); n != "" {
		g.Name = n
	}
	b.s.FirewallRuleGroups = append(b.s.FirewallRuleGroups, g)
}

// mapFirewallRule adds a rule to its group (rules are separate resources in Terraform).
func mapFirewallRule(b *builder, r *resource, o obj) {
	id := o.str("firewall_rule_group_id")
	g, ok := lookup[*model.FirewallRuleGroup](b, id)
	if !ok {
		b.warnDangling(r, "firewall_rule_group_id", "DNS Firewall rule group", id)
		return
	}
	prio, _ := o.num("priority")
	ttl, _ := o.num("block_override_ttl")
	g.Rules = append(g.Rules, model.FirewallRule{Name: o.str("name"), Priority: int(prio), Action: strings.ToUpper(o.str("action")),
		DomainList: o.str("firewall_domain_list_id"), BlockResponse: strings.ToUpper(o.str("block_response")),
		OverrideDomain: lowerNoDot(o.str("block_override_domain")), OverrideTTL: ttl, Source: r.Src})
}

func mapFirewallAssociation(b *builder, r *resource, o obj) {
	prio, _ := o.num("priority")
	a := &model.FirewallAssociation{Meta: b.meta(r, o), RuleGroup: o.str("firewall_rule_group_id"), VPC: o.str("vpc_id"), Priority: int(prio)}
	if n := o.str("name"); n != "" {
		a.Name = n
	}
	b.s.FirewallAssociations = append(b.s.FirewallAssociations, a)
}

func mapFirewallConfig(b *builder, r *resource, o obj) {
	b.s.FirewallConfigs = append(b.s.FirewallConfigs, &model.FirewallConfig{Meta: b.meta(r, o), VPC: o.str("resource_id"),
		FailOpen: strings.EqualFold(o.str("firewall_fail_open"), "ENABLED")})
}

func mapProfile(b *builder, r *resource, o obj) {
	p := &model.Profile{Meta: b.meta(r, o), OwnerID: o.str("owner_id"), ShareStatus: o.str("share_status")}
	if n := o.str("name"); n != "" {
		p.Name = n
	}
	b.s.Profiles = append(b.s.Profiles, p)
}

func mapProfileAssociation(b *builder, r *resource, o obj) {
	a := &model.ProfileAssociation{Meta: b.meta(r, o), Profile: o.str("profile_id"), VPC: o.str("resource_id"), Status: o.str("status")}
	if n := o.str("name"); n != "" {
		a.Name = n
	}
	b.s.ProfileAssociations = append(b.s.ProfileAssociations, a)
}

// mapProfileResource adds a resource to its Profile; the type is the
// computed resource_type when the input has it, else read from the ARN or
// from the resource the ARN names.
func mapProfileResource(b *builder, r *resource, o obj) {
	id := o.str("profile_id")
	p, ok := lookup[*model.Profile](b, id)
	if !ok {
		b.warnDangling(r, "profile_id", "Route 53 Profile", id)
		return
	}
	res := model.ProfileResource{Type: strings.ToUpper(o.str("resource_type")), Resource: o.str("resource_arn"), Name: o.str("name"), Source: r.Src}
	if res.Type == "" {
		res.Type = profileType(b, res)
	}
	var props struct {
		Priority int `json:"priority"`
	}
	if s := o.str("resource_properties"); s != "" && json.Unmarshal([]byte(s), &props) == nil {
		res.Priority = props.Priority
	}
	p.Resources = append(p.Resources, res)
}

func profileType(b *builder, res model.ProfileResource) string {
	id := res.ResourceID()
	switch {
	case strings.Contains(res.Resource, "hostedzone/"):
		return model.ProfileHostedZone
	case strings.Contains(res.Resource, "firewall-rule-group/") || strings.HasPrefix(id, "rslvr-frg-"):
		return model.ProfileFirewallRuleGroup
	case strings.Contains(res.Resource, "resolver-rule/") || strings.HasPrefix(id, "rslvr-rr-"):
		return model.ProfileResolverRule
	case strings.HasPrefix(id, "vpce-"):
		return model.ProfileInterfaceEndpoint
	}
	if _, ok := lookup[*model.HostedZone](b, id); ok {
		return model.ProfileHostedZone
	}
	return ""
}

// mapSGVPCAssociation lets interfaces of another VPC use a group (R2.41).
func mapSGVPCAssociation(b *builder, r *resource, o obj) {
	id := o.str("security_group_id")
	g, ok := lookup[*model.SecurityGroup](b, id)
	if !ok {
		b.warnDangling(r, "security_group_id", "security group", id)
		return
	}
	if v := o.str("vpc_id"); v != "" {
		g.VPCAssociations = appendUnique(g.VPCAssociations, v)
	}
}
