package scenarios

// FirewallDomainListDoc is a Route 53 Resolver DNS Firewall domain list:
// names, or "*.name" for a name and everything below it.
type FirewallDomainListDoc struct {
	Common  `yaml:",inline"`
	Domains []string `yaml:"domains,omitempty"`
	// Managed marks an AWS-managed list, whose entries are not known.
	Managed bool `yaml:"managed,omitempty"`
}

// FirewallRuleGroupDoc is a DNS Firewall rule group.
type FirewallRuleGroupDoc struct {
	Common      `yaml:",inline"`
	Rules       []FirewallRuleDoc `yaml:"rules,omitempty"`
	OwnerID     string            `yaml:"ownerId,omitempty"`
	ShareStatus string            `yaml:"shareStatus,omitempty"`
}

// FirewallRuleDoc is one rule of a rule group: lower priorities first.
type FirewallRuleDoc struct {
	Pos           `yaml:"-" json:"-"`
	Name          string `yaml:"name,omitempty"`
	Priority      int    `yaml:"priority"`
	Action        string `yaml:"action" jsonschema:"enum=ALLOW,enum=ALERT,enum=BLOCK"`
	DomainList    string `yaml:"domainList"`
	BlockResponse string `yaml:"blockResponse,omitempty" jsonschema:"enum=NODATA,enum=NXDOMAIN,enum=OVERRIDE"`
	// OverrideDomain is the CNAME target of an OVERRIDE block response.
	OverrideDomain string `yaml:"overrideDomain,omitempty"`
	OverrideTTL    int64  `yaml:"overrideTtl,omitempty"`
}

// FirewallAssociationDoc associates a rule group with a VPC at a priority.
type FirewallAssociationDoc struct {
	Common    `yaml:",inline"`
	RuleGroup string `yaml:"ruleGroup"`
	VPC       string `yaml:"vpc"`
	Priority  int    `yaml:"priority"`
	Status    string `yaml:"status,omitempty"`
}

// FirewallConfigDoc is a VPC's DNS Firewall failure mode (closed unless failOpen).
type FirewallConfigDoc struct {
	Common   `yaml:",inline"`
	VPC      string `yaml:"vpc"`
	FailOpen bool   `yaml:"failOpen,omitempty"`
}

// ProfileDoc is a Route 53 Profile and the DNS resources it bundles.
type ProfileDoc struct {
	Common      `yaml:",inline"`
	Resources   []ProfileResourceDoc `yaml:"resources,omitempty"`
	OwnerID     string               `yaml:"ownerId,omitempty"`
	ShareStatus string               `yaml:"shareStatus,omitempty"`
}

// ProfileResourceDoc is one resource of a Profile, by name, ID or ARN.
type ProfileResourceDoc struct {
	Pos      `yaml:"-" json:"-"`
	Type     string `yaml:"type" jsonschema:"enum=HOSTED_ZONE,enum=RESOLVER_RULE,enum=FIREWALL_RULE_GROUP,enum=INTERFACE_ENDPOINT"`
	Resource string `yaml:"resource"`
	// Priority orders a firewall rule group among the VPC's others.
	Priority int `yaml:"priority,omitempty"`
}

// ProfileAssociationDoc associates a Profile with a VPC.
type ProfileAssociationDoc struct {
	Common  `yaml:",inline"`
	Profile string `yaml:"profile"`
	VPC     string `yaml:"vpc"`
	Status  string `yaml:"status,omitempty"`
}
