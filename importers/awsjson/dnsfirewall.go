package awsjson

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver"
	rslvtypes "github.com/aws/aws-sdk-go-v2/service/route53resolver/types"

	"github.com/netverify/netverify/model"
)

// DNS Firewall (aws route53resolver list-firewall-*) and Route 53 Profiles
// (aws route53profiles list-profile-*), R10.41-R10.43; security group VPC
// associations (R2.41).

func firewallAssociations(c *fileCtx, out *route53resolver.ListFirewallRuleGroupAssociationsOutput, ps []pos) {
	for i, a := range out.FirewallRuleGroupAssociations {
		if a.Status == rslvtypes.FirewallRuleGroupAssociationStatusDeleting {
			continue
		}
		x := &model.FirewallAssociation{Meta: c.arnMeta(str(a.Id), str(a.Arn), at(ps, i)), RuleGroup: str(a.FirewallRuleGroupId),
			VPC: str(a.VpcId), Priority: int(i32(a.Priority, 0)), Status: string(a.Status)}
		x.Name = str(a.Name)
		c.part.FirewallAssociations = append(c.part.FirewallAssociations, x)
	}
}

func firewallConfigs(c *fileCtx, out *route53resolver.ListFirewallConfigsOutput, ps []pos) {
	for i, f := range out.FirewallConfigs {
		x := &model.FirewallConfig{Meta: c.meta(str(f.Id), at(ps, i), f.OwnerId, nil), VPC: str(f.ResourceId),
			FailOpen: f.FirewallFailOpen == rslvtypes.FirewallFailOpenStatusEnabled}
		c.part.FirewallConfigs = append(c.part.FirewallConfigs, x)
	}
}

// firewallRules reads list-firewall-rules: each rule names its group, so
// one file may hold the rules of several groups.
func firewallRules(c *fileCtx, out *route53resolver.ListFirewallRulesOutput, ps []pos) {
	groups := map[string]*model.FirewallRuleGroup{}
	for i, r := range out.FirewallRules {
		id := str(r.FirewallRuleGroupId)
		g, ok := groups[id]
		if !ok {
			g = &model.FirewallRuleGroup{Meta: c.meta(id, at(ps, i), nil, nil)}
			groups[id] = g
			c.part.FirewallRuleGroups = append(c.part.FirewallRuleGroups, g)
		}
		g.Rules = append(g.Rules, model.FirewallRule{Name: str(r.Name), Priority: int(i32(r.Priority, 0)), Action: string(r.Action),
			DomainList: str(r.FirewallDomainListId), BlockResponse: string(r.BlockResponse),
			OverrideDomain: strings.ToLower(strings.TrimSuffix(str(r.BlockOverrideDomain), ".")), OverrideTTL: int64(i32(r.BlockOverrideTtl, 0)),
			Source: c.src(at(ps, i))})
	}
}

// firewallDomainLists reads list-firewall-domain-lists: names and whether
// AWS manages the list (its entries are then never exported).
func firewallDomainLists(c *fileCtx, out *route53resolver.ListFirewallDomainListsOutput, ps []pos) {
	for i, l := range out.FirewallDomainLists {
		id, name, managed, src := str(l.Id), str(l.Name), str(l.ManagedOwnerName) != "", c.src(at(ps, i))
		c.fixup(func(lk *linker) {
			x := lk.domainList(id, src, c)
			if x.Name == "" {
				x.Name = name
			}
			x.Managed = x.Managed || managed
		})
	}
}

// firewallDomains reads [{FirewallDomainListId, Domains: list-firewall-domains}].
func firewallDomains(c *fileCtx, out *struct {
	FirewallDomains []struct {
		FirewallDomainListId *string
		Domains              []string
	}
}, ps []pos) {
	for i, w := range out.FirewallDomains {
		c.domains(str(w.FirewallDomainListId), w.Domains, at(ps, i))
	}
}

// firewallDomainsByName reads list-firewall-domains, the list's ID in the file name.
func firewallDomainsByName(c *fileCtx, out *route53resolver.ListFirewallDomainsOutput, ps []pos) {
	id := idInName(c.path, "rslvr-fdl-")
	if id == "" {
		c.diags.Warnf(c.src(at(ps, 0)), "", "%s: firewall domains without the domain list's ID; name the file FirewallDomains_rslvr-fdl-ID.json or use FirewallDomains.json; skipped", c.path)
		return
	}
	c.domains(id, out.Domains, at(ps, 0))
}

func (c *fileCtx) domains(id string, ds []string, p pos) {
	src := c.src(p)
	var clean []string
	for _, d := range ds {
		clean = append(clean, strings.ToLower(strings.TrimSuffix(d, ".")))
	}
	c.fixup(func(l *linker) {
		x := l.domainList(id, src, c)
		x.Domains = append(x.Domains, clean...)
	})
}

// domainList finds the list with this ID, or adds it.
func (l *linker) domainList(id string, src model.Source, c *fileCtx) *model.FirewallDomainList {
	for _, x := range l.s.FirewallDomainLists {
		if x.ID == id {
			return x
		}
	}
	x := &model.FirewallDomainList{Meta: model.Meta{ID: id, Account: c.account, Region: c.region, Source: src}}
	l.s.FirewallDomainLists = append(l.s.FirewallDomainLists, x)
	return x
}

// profileAssociation is one item of aws route53profiles list-profile-associations.
type profileAssociation struct {
	Id, ProfileId, ResourceId, Status, Name, OwnerId *string
}

func profileAssociations(c *fileCtx, out *struct{ ProfileAssociations []profileAssociation }, ps []pos) {
	for i, a := range out.ProfileAssociations {
		if s := strings.ToUpper(str(a.Status)); s == "DELETING" || s == "DELETED" || s == "FAILED" {
			continue
		}
		x := &model.ProfileAssociation{Meta: c.meta(str(a.Id), at(ps, i), a.OwnerId, nil), Profile: str(a.ProfileId), VPC: str(a.ResourceId), Status: str(a.Status)}
		x.Name = str(a.Name)
		c.part.ProfileAssociations = append(c.part.ProfileAssociations, x)
	}
}

// profileResource is one item of aws route53profiles list-profile-resource-associations.
type profileResource struct {
	Id, ProfileId, ResourceArn, ResourceType, ResourceProperties, Status, Name, OwnerId *string
}

// profileResources groups the resource associations by Profile; a firewall
// rule group's priority is in ResourceProperties ({"priority": 102}).
func profileResources(c *fileCtx, out *struct{ ProfileResourceAssociations []profileResource }, ps []pos) {
	byID := map[string]*model.Profile{}
	for i, r := range out.ProfileResourceAssociations {
		if s := strings.ToUpper(str(r.Status)); s == "DELETING" || s == "DELETED" || s == "FAILED" {
			continue
		}
		id := str(r.ProfileId)
		p, ok := byID[id]
		if !ok {
			p = &model.Profile{Meta: c.meta(id, at(ps, i), r.OwnerId, nil)}
			byID[id] = p
			c.part.Profiles = append(c.part.Profiles, p)
		}
		res := model.ProfileResource{Type: strings.ToUpper(str(r.ResourceType)), Resource: str(r.ResourceArn), Name: str(r.Name), Source: c.src(at(ps, i))}
		var props struct {
			Priority int `json:"priority"`
		}
		if s := str(r.ResourceProperties); s != "" && json.Unmarshal([]byte(s), &props) == nil {
			res.Priority = props.Priority
		}
		p.Resources = append(p.Resources, res)
	}
}

// sgVPCAssociations reads describe-security-group-vpc-associations: the
// other VPCs whose interfaces may use a group (R2.41).
func sgVPCAssociations(c *fileCtx, out *ec2.DescribeSecurityGroupVpcAssociationsOutput, ps []pos) {
	for i, a := range out.SecurityGroupVpcAssociations {
		if a.State != ec2types.SecurityGroupVpcAssociationStateAssociated {
			continue
		}
		group, vpc, src := str(a.GroupId), str(a.VpcId), c.src(at(ps, i))
		c.fixup(func(l *linker) {
			if g, ok := l.sgs[group]; ok {
				g.VPCAssociations = appendUnique(g.VPCAssociations, vpc)
			} else {
				l.warn(src, group, "association of security group %s with %s, which is not in the snapshot; ignored", group, vpc)
			}
		})
	}
}
