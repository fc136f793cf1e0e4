package awsjson

import (
	"sort"

	"github.com/netverify/netverify/model"
)

// AWS Network Firewall (aws network-firewall describe-firewall,
// describe-firewall-policy, describe-rule-group), R7.40-R7.47. Each output
// holds one resource in two members (Firewall and FirewallStatus,
// FirewallPolicyResponse and FirewallPolicy, RuleGroupResponse and
// RuleGroup); both handlers fill the one object of their file. Resources
// are named by ARN, which is how policies name rule groups and firewalls
// name policies.

// nfwFirewallDoc is describe-firewall's Firewall.
type nfwFirewallDoc struct {
	FirewallName, FirewallArn, FirewallId, FirewallPolicyArn, VpcId *string
	SubnetMappings                                                  []struct{ SubnetId *string }
	TransitGatewayId                                                *string
	AvailabilityZoneMappings                                        []struct{ AvailabilityZone *string }
}

// nfwStatusDoc is describe-firewall's FirewallStatus: one sync state per
// zone, whose attachment is the endpoint in the firewall subnet.
type nfwStatusDoc struct {
	Status     *string
	SyncStates map[string]struct {
		Attachment *struct{ SubnetId, EndpointId, Status *string }
	}
	TransitGatewayAttachmentSyncState *struct{ AttachmentId, TransitGatewayAttachmentStatus *string }
}

func nfwFirewall(c *fileCtx, out *struct{ Firewall *nfwFirewallDoc }, ps []pos) {
	d := out.Firewall
	if d == nil {
		return
	}
	f := c.nfwOne()
	m := c.arnMeta(str(d.FirewallArn), str(d.FirewallArn), at(ps, 0))
	f.ID, f.ARN, f.Name, f.Account, f.Region, f.Source = firstNonEmptyStr(m.ID, str(d.FirewallName)), m.ARN, str(d.FirewallName), m.Account, m.Region, m.Source
	f.VPC, f.Policy, f.TransitGateway = str(d.VpcId), str(d.FirewallPolicyArn), str(d.TransitGatewayId)
}

func nfwStatus(c *fileCtx, out *struct{ FirewallStatus *nfwStatusDoc }, ps []pos) {
	d := out.FirewallStatus
	if d == nil {
		return
	}
	f := c.nfwOne()
	if f.Source.File == "" {
		f.Source = c.src(at(ps, 0))
	}
	for az, s := range d.SyncStates {
		if s.Attachment == nil || str(s.Attachment.EndpointId) == "" {
			continue
		}
		f.Endpoints = append(f.Endpoints, model.NFWEndpoint{ID: str(s.Attachment.EndpointId), Subnet: str(s.Attachment.SubnetId), AZ: az})
	}
	sort.Slice(f.Endpoints, func(i, j int) bool { return f.Endpoints[i].AZ < f.Endpoints[j].AZ })
	if t := d.TransitGatewayAttachmentSyncState; t != nil {
		f.TGWAttachment = str(t.AttachmentId)
	}
}

// nfwOne is the firewall of this file (describe-firewall describes one).
func (c *fileCtx) nfwOne() *model.NetworkFirewall {
	if len(c.part.NetworkFirewalls) == 0 {
		c.part.NetworkFirewalls = append(c.part.NetworkFirewalls, &model.NetworkFirewall{})
	}
	return c.part.NetworkFirewalls[0]
}

// nfwResponse is FirewallPolicyResponse and RuleGroupResponse.
type nfwResponse struct {
	FirewallPolicyName, FirewallPolicyArn, FirewallPolicyId *string
	RuleGroupName, RuleGroupArn, RuleGroupId, Type          *string
}

func nfwPolicyResponse(c *fileCtx, out *struct{ FirewallPolicyResponse *nfwResponse }, ps []pos) {
	if d := out.FirewallPolicyResponse; d != nil {
		p := c.nfwPolicyOne()
		m := c.arnMeta(str(d.FirewallPolicyArn), str(d.FirewallPolicyArn), at(ps, 0))
		p.ID, p.ARN, p.Name, p.Source = firstNonEmptyStr(m.ID, str(d.FirewallPolicyName)), m.ARN, str(d.FirewallPolicyName), m.Source
	}
}

func nfwPolicy(c *fileCtx, out *struct{ FirewallPolicy *model.NFWAPIPolicy }, ps []pos) {
	if out.FirewallPolicy == nil {
		return
	}
	p := c.nfwPolicyOne()
	x := out.FirewallPolicy.ToModel(p.ID, p.Name, p.ARN, firstSrc(p.Source, c.src(at(ps, 0))))
	*p = *x
}

// nfwPolicyOne is the policy of this file; the response member (its
// name and ARN) may come before or after the policy.
func (c *fileCtx) nfwPolicyOne() *model.NFWPolicy {
	if len(c.part.NFWPolicies) == 0 {
		c.part.NFWPolicies = append(c.part.NFWPolicies, &model.NFWPolicy{})
	}
	return c.part.NFWPolicies[0]
}

func nfwRuleGroupResponse(c *fileCtx, out *struct{ RuleGroupResponse *nfwResponse }, ps []pos) {
	if d := out.RuleGroupResponse; d != nil {
		g := c.nfwGroupOne()
		m := c.arnMeta(str(d.RuleGroupArn), str(d.RuleGroupArn), at(ps, 0))
		g.ID, g.ARN, g.Name, g.Source = firstNonEmptyStr(m.ID, str(d.RuleGroupName)), m.ARN, str(d.RuleGroupName), m.Source
		if t := str(d.Type); t != "" {
			g.Stateful = t != "STATELESS"
		}
	}
}

// nfwRuleGroup converts the rules; the response member (name, ARN, type)
// may come before or after, and the type is also told by the rules.
func nfwRuleGroup(c *fileCtx, out *struct{ RuleGroup *model.NFWAPIRuleGroup }, ps []pos) {
	if out.RuleGroup == nil {
		return
	}
	g := c.nfwGroupOne()
	x, problems := out.RuleGroup.ToModel(g.ID, g.Name, g.ARN, "", firstSrc(g.Source, c.src(at(ps, 0))))
	*g = *x
	for _, r := range g.Rules {
		if r.NeedsVariables { // $HOME_NET from the policy or the firewall's VPC, once all files are read (R7.48)
			c.fixup(func(l *linker) { l.s.ResolveNFWVariables() })
			break
		}
	}
	for _, p := range problems {
		c.diags.Warnf(c.src(at(ps, 0)), g.ID, "%s: a rule netverify does not read makes the answers it could decide unknown (R7.44): %s", c.path, p)
	}
}

func (c *fileCtx) nfwGroupOne() *model.NFWRuleGroup {
	if len(c.part.NFWRuleGroups) == 0 {
		c.part.NFWRuleGroups = append(c.part.NFWRuleGroups, &model.NFWRuleGroup{Stateful: true})
	}
	return c.part.NFWRuleGroups[0]
}

func firstSrc(a, b model.Source) model.Source {
	if a.File != "" {
		return a
	}
	return b
}

func firstNonEmptyStr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
