package model

import "sort"

// Resource is anything with Meta; every model type embeds Meta and so is a Resource.
type Resource interface {
	Base() *Meta
}

// Snapshot is one picture of a network: everything imported and written by hand.
type Snapshot struct {
	Accounts             []*Account             `json:"accounts,omitempty"`
	Regions              []*Region              `json:"regions,omitempty"`
	AZs                  []*AvailabilityZone    `json:"availabilityZones,omitempty"`
	VPCs                 []*VPC                 `json:"vpcs,omitempty"`
	Subnets              []*Subnet              `json:"subnets,omitempty"`
	RouteTables          []*RouteTable          `json:"routeTables,omitempty"`
	PrefixLists          []*PrefixList          `json:"prefixLists,omitempty"`
	NetworkACLs          []*NetworkACL          `json:"networkAcls,omitempty"`
	SecurityGroups       []*SecurityGroup       `json:"securityGroups,omitempty"`
	ENIs                 []*ENI                 `json:"networkInterfaces,omitempty"`
	Instances            []*Instance            `json:"instances,omitempty"`
	InternetGateways     []*InternetGateway     `json:"internetGateways,omitempty"`
	EgressOnlyIGWs       []*EgressOnlyIGW       `json:"egressOnlyInternetGateways,omitempty"`
	NATGateways          []*NATGateway          `json:"natGateways,omitempty"`
	ElasticIPs           []*ElasticIP           `json:"elasticIps,omitempty"`
	VPCEndpoints         []*VPCEndpoint         `json:"vpcEndpoints,omitempty"`
	EndpointServices     []*EndpointService     `json:"endpointServices,omitempty"`
	PeeringConnections   []*PeeringConnection   `json:"peeringConnections,omitempty"`
	TransitGateways      []*TransitGateway      `json:"transitGateways,omitempty"`
	TGWAttachments       []*TGWAttachment       `json:"transitGatewayAttachments,omitempty"`
	TGWRouteTables       []*TGWRouteTable       `json:"transitGatewayRouteTables,omitempty"`
	VPNGateways          []*VPNGateway          `json:"vpnGateways,omitempty"`
	CustomerGateways     []*CustomerGateway     `json:"customerGateways,omitempty"`
	VPNConnections       []*VPNConnection       `json:"vpnConnections,omitempty"`
	DXGateways           []*DXGateway           `json:"directConnectGateways,omitempty"`
	VirtualInterfaces    []*VirtualInterface    `json:"virtualInterfaces,omitempty"`
	LoadBalancers        []*LoadBalancer        `json:"loadBalancers,omitempty"`
	TargetGroups         []*TargetGroup         `json:"targetGroups,omitempty"`
	LambdaFunctions      []*LambdaFunction      `json:"lambdaFunctions,omitempty"`
	RestAPIs             []*RestAPI             `json:"restApis,omitempty"`
	HTTPAPIs             []*HTTPAPI             `json:"httpApis,omitempty"`
	VPCLinks             []*VPCLink             `json:"vpcLinks,omitempty"`
	DomainNames          []*DomainName          `json:"domainNames,omitempty"`
	HostedZones          []*HostedZone          `json:"hostedZones,omitempty"`
	ResolverEndpoints    []*ResolverEndpoint    `json:"resolverEndpoints,omitempty"`
	ResolverRules        []*ResolverRule        `json:"resolverRules,omitempty"`
	FirewallDomainLists  []*FirewallDomainList  `json:"dnsFirewallDomainLists,omitempty"`
	FirewallRuleGroups   []*FirewallRuleGroup   `json:"dnsFirewallRuleGroups,omitempty"`
	FirewallAssociations []*FirewallAssociation `json:"dnsFirewallAssociations,omitempty"`
	FirewallConfigs      []*FirewallConfig      `json:"dnsFirewallConfigs,omitempty"`
	Profiles             []*Profile             `json:"route53Profiles,omitempty"`
	ProfileAssociations  []*ProfileAssociation  `json:"route53ProfileAssociations,omitempty"`
	Sites                []*OnPremSite          `json:"onPremSites,omitempty"`
	DNSServers           []*DNSServer           `json:"dnsServers,omitempty"`
	Clients              []*Client              `json:"clients,omitempty"`

	Intents []Intent `json:"intents,omitempty"`
	// Appliances declare what forwarding instances and GWLBs do (R1.20).
	Appliances []*Appliance `json:"appliances,omitempty"`
	// BlockPublicAccess holds the VPC Block Public Access modes per account
	// and Region, BPAExclusions their exclusions (R3.50-R3.52).
	BlockPublicAccess []*BlockPublicAccess `json:"blockPublicAccess,omitempty"`
	BPAExclusions     []*BPAExclusion      `json:"blockPublicAccessExclusions,omitempty"`
	// AWS Network Firewall: firewalls, policies and rule groups (R7.40-R7.45).
	NetworkFirewalls []*NetworkFirewall `json:"networkFirewalls,omitempty"`
	NFWPolicies      []*NFWPolicy       `json:"networkFirewallPolicies,omitempty"`
	NFWRuleGroups    []*NFWRuleGroup    `json:"networkFirewallRuleGroups,omitempty"`
	// AWS WAF web ACLs and the IP sets their rules reference (R9.21).
	WebACLs []*WebACL `json:"webAcls,omitempty"`
	IPSets  []*IPSet  `json:"wafIpSets,omitempty"`

	// Listings records which kinds of resource describe-JSON inputs listed,
	// and where: "kind|account|region", with an empty account and region
	// for files whose path names none (see VPC.Unlisted, ClearListed).
	Listings []string `json:"listings,omitempty"`

	// Origins lists the sources the snapshot was built from, in load order.
	Origins []string `json:"origins,omitempty"`
	// StrictFiles are hand-written files (scenarios) whose dangling references are errors, not warnings.
	StrictFiles map[string]bool `json:"-"`

	index *indexCache // see IndexOf
}

// New returns an empty snapshot.
func New() *Snapshot { return &Snapshot{} }

// Merge appends everything of o to s. Duplicates are resolved by Dedup.
func (s *Snapshot) Merge(o *Snapshot) {
	for _, k := range Kinds {
		k.merge(s, o)
	}
	s.Intents = append(s.Intents, o.Intents...)
	s.Appliances = append(s.Appliances, o.Appliances...)
	s.BlockPublicAccess = append(s.BlockPublicAccess, o.BlockPublicAccess...)
	s.BPAExclusions = append(s.BPAExclusions, o.BPAExclusions...)
	s.NetworkFirewalls = append(s.NetworkFirewalls, o.NetworkFirewalls...)
	s.NFWPolicies = append(s.NFWPolicies, o.NFWPolicies...)
	s.NFWRuleGroups = append(s.NFWRuleGroups, o.NFWRuleGroups...)
	s.WebACLs = append(s.WebACLs, o.WebACLs...)
	s.IPSets = append(s.IPSets, o.IPSets...)
	s.Origins = append(s.Origins, o.Origins...)
	s.Listings = append(s.Listings, o.Listings...)
	for f := range o.StrictFiles {
		s.MarkStrict(f)
	}
}

// MarkStrict records that file is hand-written: its dangling references are errors.
func (s *Snapshot) MarkStrict(file string) {
	if s.StrictFiles == nil {
		s.StrictFiles = map[string]bool{}
	}
	s.StrictFiles[file] = true
}

// Each calls fn for every resource, kind by kind in Kinds order, in slice order.
func (s *Snapshot) Each(fn func(k *KindInfo, r Resource)) {
	for _, k := range Kinds {
		k.each(s, func(r Resource) { fn(k, r) })
	}
}

// Count returns the number of resources of each kind (kinds with none are omitted).
func (s *Snapshot) Count() map[string]int {
	out := map[string]int{}
	for _, k := range Kinds {
		if n := k.size(s); n > 0 {
			out[k.Name] = n
		}
	}
	return out
}

// Len returns the number of resources of all kinds.
func (s *Snapshot) Len() int {
	n := 0
	for _, k := range Kinds {
		n += k.size(s)
	}
	return n
}

// Dedup keeps the first resource of each kind and ID and drops later copies
// (the same TGW or peering connection is described in both accounts' data).
func (s *Snapshot) Dedup() {
	for _, k := range Kinds {
		k.dedup(s)
	}
}

// Sort orders every kind by account, region and ID, so all output is deterministic.
func (s *Snapshot) Sort() {
	for _, k := range Kinds {
		if k.sort(s) {
			s.index = nil // the first of equal names and addresses may have changed
		}
	}
}

func lessMeta(a, b *Meta) bool {
	if a.Account != b.Account {
		return a.Account < b.Account
	}
	if a.Region != b.Region {
		return a.Region < b.Region
	}
	return a.ID < b.ID
}

func sortByMeta[T Resource](xs []T) {
	sort.SliceStable(xs, func(i, j int) bool { return lessMeta(xs[i].Base(), xs[j].Base()) })
}

// dedupByID keeps one resource per ID: the last one, in the place of the
// first, so a later source (a scenario overlay) replaces what an earlier one
// said about the same resource.
func dedupByID[T Resource](xs []T) []T {
	at := make(map[string]int, len(xs))
	out := xs[:0]
	for _, x := range xs {
		id := x.Base().ID
		if i, dup := at[id]; dup && id != "" {
			out[i] = x
			continue
		}
		at[id] = len(out)
		out = append(out, x)
	}
	return out
}

func asResources[T Resource](xs []T) []Resource {
	out := make([]Resource, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// ClearListed drops from every VPC's Unlisted the kinds that another input
// lists for its account and Region (or for any): a dump that left out
// describe-internet-gateways is completed by a file holding that output.
func (s *Snapshot) ClearListed() {
	listed := map[string]bool{}
	for _, l := range s.Listings {
		listed[l] = true
	}
	for _, v := range s.VPCs {
		v.Unlisted = clearListed(v.Unlisted, &v.Meta, listed)
	}
	for _, t := range s.TransitGateways {
		t.Unlisted = clearListed(t.Unlisted, &t.Meta, listed)
	}
}

func clearListed(u Unlisted, m *Meta, listed map[string]bool) Unlisted {
	keep := u[:0:0]
	for _, k := range u {
		if !listed[k+"||"] && !listed[k+"|"+m.Account+"|"+m.Region] && !listed[k+"|"+m.Account+"|"] {
			keep = append(keep, k)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	return keep
}
