package model

import "strings"

// Route 53 Resolver DNS Firewall and Route 53 Profiles: the landing-zone
// layer over a VPC's Resolver (R10.41-R10.44).

// DNS Firewall rule actions and block responses.
const (
	FirewallAllow = "ALLOW"
	FirewallAlert = "ALERT"
	FirewallBlock = "BLOCK"

	BlockNODATA   = "NODATA"
	BlockNXDOMAIN = "NXDOMAIN"
	BlockOverride = "OVERRIDE"
)

// FirewallDomainList is a DNS Firewall domain list: names, "*.name" for a
// name and everything below it (R10.41).
type FirewallDomainList struct {
	Meta
	Domains []string `json:"domains,omitempty"` // without trailing dots, lower case
	// Managed is set for AWS-managed lists, whose entries the input never holds.
	Managed bool `json:"managed,omitempty"`
}

// Matches reports whether name is on the list (name without trailing dot).
func (l *FirewallDomainList) Matches(name string) bool {
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	for _, d := range l.Domains {
		if rest, ok := strings.CutPrefix(d, "*."); ok {
			if name == rest || strings.HasSuffix(name, "."+rest) {
				return true
			}
			continue
		}
		if d == "*" || d == name {
			return true
		}
	}
	return false
}

// FirewallRule is one rule of a DNS Firewall rule group.
type FirewallRule struct {
	Name          string `json:"name,omitempty"`
	Priority      int    `json:"priority"`
	Action        string `json:"action"` // ALLOW, ALERT, BLOCK
	DomainList    string `json:"domainList"`
	BlockResponse string `json:"blockResponse,omitempty"` // NODATA, NXDOMAIN, OVERRIDE
	// OverrideDomain is the CNAME target of an OVERRIDE block response.
	OverrideDomain string `json:"overrideDomain,omitempty"`
	OverrideTTL    int64  `json:"overrideTtl,omitempty"`
	Source         Source `json:"source,omitempty"`
}

// FirewallRuleGroup is a DNS Firewall rule group with its rules.
type FirewallRuleGroup struct {
	Meta
	Rules       []FirewallRule `json:"rules,omitempty"`
	OwnerID     string         `json:"ownerId,omitempty"`
	ShareStatus string         `json:"shareStatus,omitempty"`
}

// FirewallAssociation associates a rule group with a VPC at a priority
// (lower first, R10.41).
type FirewallAssociation struct {
	Meta
	RuleGroup string `json:"ruleGroup"`
	VPC       string `json:"vpc"`
	Priority  int    `json:"priority"`
	Status    string `json:"status,omitempty"`
}

// FirewallConfig is a VPC's DNS Firewall failure mode (R10.42).
type FirewallConfig struct {
	Meta
	VPC      string `json:"vpc"`
	FailOpen bool   `json:"failOpen,omitempty"`
}

// Route 53 Profile resource types.
const (
	ProfileHostedZone        = "HOSTED_ZONE"
	ProfileResolverRule      = "RESOLVER_RULE"
	ProfileFirewallRuleGroup = "FIREWALL_RULE_GROUP"
	ProfileInterfaceEndpoint = "INTERFACE_ENDPOINT"
)

// ProfileResource is one resource a Route 53 Profile bundles.
type ProfileResource struct {
	Type string `json:"type"` // HOSTED_ZONE, RESOLVER_RULE, FIREWALL_RULE_GROUP, INTERFACE_ENDPOINT
	// Resource is the resource's ID or ARN.
	Resource string `json:"resource"`
	Name     string `json:"name,omitempty"`
	// Priority orders a firewall rule group among the VPC's others.
	Priority int    `json:"priority,omitempty"`
	Source   Source `json:"source,omitempty"`
}

// ResourceID is the ID at the end of the resource's ARN ("Z123" of
// arn:aws:route53:::hostedzone/Z123), or the reference itself.
func (r ProfileResource) ResourceID() string {
	if strings.HasPrefix(r.Resource, "arn:") {
		if i := strings.LastIndexByte(r.Resource, '/'); i >= 0 {
			return r.Resource[i+1:]
		}
		if i := strings.LastIndexByte(r.Resource, ':'); i >= 0 {
			return r.Resource[i+1:]
		}
	}
	return r.Resource
}

// Profile is a Route 53 Profile: the DNS settings it bundles apply to every
// VPC it is associated with (R10.43).
type Profile struct {
	Meta
	Resources   []ProfileResource `json:"resources,omitempty"`
	OwnerID     string            `json:"ownerId,omitempty"`
	ShareStatus string            `json:"shareStatus,omitempty"`
}

// ProfileAssociation associates a Profile with a VPC (one per VPC).
type ProfileAssociation struct {
	Meta
	Profile string `json:"profile"`
	VPC     string `json:"vpc"`
	Status  string `json:"status,omitempty"`
}
