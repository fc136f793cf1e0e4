package cfn

import (
	"encoding/json"
	"strings"

	"github.com/netverify/netverify/model"
)

// DNS Firewall (AWS::Route53Resolver::Firewall*) and Route 53 Profiles
// (AWS::Route53Profiles::*), R10.41-R10.43. This file's init runs after
// ec2.go's, which makes the converter table.
func init() {
	for t, c := range map[string]converter{
		"AWS::Route53Resolver::FirewallDomainList":           {0, firewallDomainList},
		"AWS::Route53Resolver::FirewallRuleGroup":            {1, firewallRuleGroup},
		"AWS::Route53Resolver::FirewallRuleGroupAssociation": {2, firewallAssociation},
		"AWS::Route53Profiles::Profile":                      {0, profile},
		"AWS::Route53Profiles::ProfileAssociation":           {2, profileAssociation},
		"AWS::Route53Profiles::ProfileResourceAssociation":   {2, profileResourceAssociation},
		"AWS::EC2::SecurityGroupVpcAssociation":              {1, sgVPCAssociation},
	} {
		converters[t] = c
	}
	for t, p := range map[string]string{
		"AWS::Route53Resolver::FirewallDomainList": "rslvr-fdl", "AWS::Route53Resolver::FirewallRuleGroup": "rslvr-frg",
		"AWS::Route53Resolver::FirewallRuleGroupAssociation": "rslvr-frgassoc", "AWS::Route53Profiles::Profile": "rp",
		"AWS::Route53Profiles::ProfileAssociation": "rpassoc", "AWS::Route53Profiles::ProfileResourceAssociation": "rpr",
	} {
		idPrefixes[t] = p
	}
}

func firewallDomainList(imp *importer, r *resource, p props) {
	l := &model.FirewallDomainList{Meta: p.meta(r.physicalID())}
	for _, d := range p.strs("Domains") {
		l.Domains = append(l.Domains, strings.ToLower(strings.TrimSuffix(d, ".")))
	}
	if len(l.Domains) == 0 && p.str("DomainFileUrl") != "" {
		l.Managed = true // the entries are in an S3 file the template does not hold
		l.Assume("domains read from " + p.str("DomainFileUrl") + " at deployment; not in the input")
	}
	if n := p.str("Name"); n != "" {
		l.Name = n
	}
	imp.snap.FirewallDomainLists = append(imp.snap.FirewallDomainLists, l)
	imp.register(r, l)
}

func firewallRuleGroup(imp *importer, r *resource, p props) {
	g := &model.FirewallRuleGroup{Meta: p.meta(r.physicalID()), OwnerID: r.account}
	if n := p.str("Name"); n != "" {
		g.Name = n
	}
	if v := p.get("FirewallRules"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			xp := p.sub(x)
			g.Rules = append(g.Rules, model.FirewallRule{Name: xp.str("Name"), Priority: xp.integer("Priority", 0),
				Action: strings.ToUpper(xp.str("Action")), DomainList: xp.str("FirewallDomainListId"),
				BlockResponse: strings.ToUpper(xp.str("BlockResponse")), OverrideDomain: strings.ToLower(strings.TrimSuffix(xp.str("BlockOverrideDomain"), ".")),
				OverrideTTL: int64(xp.integer("BlockOverrideTtl", 0)), Source: p.src(x)})
		}
	}
	imp.snap.FirewallRuleGroups = append(imp.snap.FirewallRuleGroups, g)
	imp.register(r, g)
}

func firewallAssociation(imp *importer, r *resource, p props) {
	a := &model.FirewallAssociation{Meta: p.meta(r.physicalID()), RuleGroup: p.str("FirewallRuleGroupId"), VPC: p.str("VpcId"),
		Priority: p.integer("Priority", 0)}
	imp.snap.FirewallAssociations = append(imp.snap.FirewallAssociations, a)
	imp.register(r, a)
}

func profile(imp *importer, r *resource, p props) {
	x := &model.Profile{Meta: p.meta(r.physicalID()), OwnerID: r.account}
	if n := p.str("Name"); n != "" {
		x.Name = n
	}
	imp.snap.Profiles = append(imp.snap.Profiles, x)
	imp.register(r, x)
}

func profileAssociation(imp *importer, r *resource, p props) {
	a := &model.ProfileAssociation{Meta: p.meta(r.physicalID()), Profile: p.str("ProfileId"), VPC: p.str("ResourceId")}
	imp.snap.ProfileAssociations = append(imp.snap.ProfileAssociations, a)
	imp.register(r, a)
}

// profileResourceAssociation adds one resource to its Profile; the type is
// read from the ARN (ResourceType is not a template property).
func profileResourceAssociation(imp *importer, r *resource, p props) {
	prof, ok := target[*model.Profile](p, "ProfileId", "Route 53 Profile")
	if !ok {
		return
	}
	arn := p.str("ResourceArn")
	res := model.ProfileResource{Type: profileTypeOf(arn, imp), Resource: arn, Name: p.str("Name"), Source: imp.srcOf(r)}
	if v := p.get("ResourceProperties"); v != nil {
		res.Priority = priorityOf(p, v)
	}
	prof.Resources = append(prof.Resources, res)
}

// profileTypeOf tells the resource type from an ARN, or from the template
// object the ARN's ID names.
func profileTypeOf(arn string, imp *importer) string {
	switch {
	case strings.Contains(arn, "hostedzone/") || strings.HasPrefix(arn, "arn:aws:route53:"):
		return model.ProfileHostedZone
	case strings.Contains(arn, "firewall-rule-group"):
		return model.ProfileFirewallRuleGroup
	case strings.Contains(arn, "resolver-rule"):
		return model.ProfileResolverRule
	case strings.Contains(arn, "vpc-endpoint") || strings.Contains(arn, ":vpce-"):
		return model.ProfileInterfaceEndpoint
	}
	id := (model.ProfileResource{Resource: arn}).ResourceID()
	switch imp.byID[id].(type) {
	case *model.HostedZone:
		return model.ProfileHostedZone
	case *model.FirewallRuleGroup:
		return model.ProfileFirewallRuleGroup
	case *model.ResolverRule:
		return model.ProfileResolverRule
	case *model.VPCEndpoint:
		return model.ProfileInterfaceEndpoint
	}
	return ""
}

// priorityOf reads {"priority": N} from ResourceProperties (a JSON string or a map).
func priorityOf(p props, v *Value) int {
	if v.Kind == KMap {
		return p.sub(v).integer("priority", 0)
	}
	var x struct {
		Priority int `json:"priority"`
	}
	_ = json.Unmarshal([]byte(p.strOf("ResourceProperties", v)), &x)
	return x.Priority
}

// sgVPCAssociation lets interfaces of another VPC use a group (R2.41).
func sgVPCAssociation(imp *importer, r *resource, p props) {
	g, ok := target[*model.SecurityGroup](p, "GroupId", "security group")
	if vpc := p.str("VpcId"); ok && vpc != "" {
		g.VPCAssociations = appendUnique(g.VPCAssociations, vpc)
	}
}
