package model

import "net/netip"

// NetworkFirewall is an AWS Network Firewall: one endpoint per
// Availability Zone, in the firewall subnets; route tables send traffic to
// the endpoints by their vpce- IDs (R7.40). A transit-gateway-attached
// firewall has no VPC of the owner's: its transit gateway attachment is
// what transit gateway route tables name (R7.47).
type NetworkFirewall struct {
	ID        string        `json:"id"`
	Name      string        `json:"name,omitempty"`
	ARN       string        `json:"arn,omitempty"`
	Account   string        `json:"account,omitempty"`
	Region    string        `json:"region,omitempty"`
	VPC       string        `json:"vpc,omitempty"`
	Policy    string        `json:"policy"`
	Endpoints []NFWEndpoint `json:"endpoints,omitempty"`
	// TransitGateway and TGWAttachment: a transit-gateway-attached firewall (R7.47).
	TransitGateway string `json:"transitGateway,omitempty"`
	TGWAttachment  string `json:"tgwAttachment,omitempty"`
	Source         Source `json:"source,omitempty"`
}

// NFWEndpoint is a firewall's endpoint in one subnet (AZ: its zone, when
// the input says).
type NFWEndpoint struct {
	ID     string `json:"id"`
	Subnet string `json:"subnet,omitempty"`
	AZ     string `json:"az,omitempty"`
}

// NFWPolicy is a firewall policy (R7.41, R7.42).
type NFWPolicy struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	ARN  string `json:"arn,omitempty"`
	// StatelessDefault is pass, drop or forward_to_sfe (aws:pass, ...).
	StatelessDefault string `json:"statelessDefault"`
	// StrictOrder: the stateful engine's strict action order; else the
	// default action order (pass, drop, reject, alert).
	StrictOrder bool `json:"strictOrder,omitempty"`
	// StatefulDefaults (strict order only): drop_strict, drop_established,
	// alert_strict, alert_established.
	StatefulDefaults []string                  `json:"statefulDefaults,omitempty"`
	Stateless        []string                  `json:"statelessRuleGroups,omitempty"` // in priority order
	Stateful         []string                  `json:"statefulRuleGroups,omitempty"`  // in priority order
	Variables        map[string][]netip.Prefix `json:"variables,omitempty"`           // HOME_NET, ...
	Source           Source                    `json:"source,omitempty"`
}

// NFWMatch is a 5-tuple; empty lists match anything.
type NFWMatch struct {
	Proto    Protocol       `json:"proto"`
	Src      []netip.Prefix `json:"src,omitempty"`
	Dst      []netip.Prefix `json:"dst,omitempty"`
	SrcPorts []PortRange    `json:"srcPorts,omitempty"`
	DstPorts []PortRange    `json:"dstPorts,omitempty"`
}

// Matches reports whether the 5-tuple matches.
func (m *NFWMatch) Matches(proto Protocol, src, dst netip.Addr, sport, dport uint16) bool {
	if m.Proto != ProtoAll && m.Proto != proto {
		return false
	}
	return inPrefixes(m.Src, src) && inPrefixes(m.Dst, dst) && inPorts(m.SrcPorts, sport, proto) && inPorts(m.DstPorts, dport, proto)
}

func inPrefixes(ps []netip.Prefix, a netip.Addr) bool {
	if len(ps) == 0 {
		return true
	}
	for _, p := range ps {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

func inPorts(rs []PortRange, port uint16, proto Protocol) bool {
	if len(rs) == 0 {
		return true
	}
	if !proto.HasPorts() {
		return false
	}
	for _, r := range rs {
		if r.Contains(port) {
			return true
		}
	}
	return false
}

// NFWRule is a stateless rule (Priority, Action pass, drop or
// forward_to_sfe) or a stateful one (Action pass, drop, reject or alert;
// Bidirectional: the rule matches either direction, R7.43).
type NFWRule struct {
	Priority      int      `json:"priority,omitempty"`
	Action        string   `json:"action"`
	Match         NFWMatch `json:"match"`
	Bidirectional bool     `json:"bidirectional,omitempty"`
	SID           string   `json:"sid,omitempty"`
	// Unsupported names what netverify cannot evaluate (a Suricata keyword):
	// a packet the rule's 5-tuple matches gets an unknown verdict (R7.44).
	Unsupported string `json:"unsupported,omitempty"`
	// NeedsVariables: the rule names a $VARIABLE its group does not define;
	// ResolveNFWVariables reads it again with the policy's and the
	// firewall VPC's values (R7.48). Until then it is unknown.
	NeedsVariables bool   `json:"needsVariables,omitempty"`
	Text           string `json:"text,omitempty"` // the Suricata rule as written
	Source         Source `json:"source,omitempty"`
}

// NFWDomains is a stateful domain list rule group (R7.45).
type NFWDomains struct {
	Targets []string `json:"targets"`
	Allow   bool     `json:"allow"` // ALLOWLIST; else DENYLIST
}

// NFWRuleGroup is a stateless or stateful rule group.
type NFWRuleGroup struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	ARN      string `json:"arn,omitempty"`
	Stateful bool   `json:"stateful"`
	// Variables are the group's own rule variables (imported groups).
	Variables map[string][]netip.Prefix `json:"variables,omitempty"`
	Rules     []NFWRule                 `json:"rules,omitempty"`
	Domains   *NFWDomains               `json:"domains,omitempty"`
	Source    Source                    `json:"source,omitempty"`
}

// NFWEndpointByID finds the firewall whose endpoint is id.
func (s *Snapshot) NFWEndpointByID(id string) (*NetworkFirewall, *NFWEndpoint) {
	for _, f := range s.NetworkFirewalls {
		for i := range f.Endpoints {
			if f.Endpoints[i].ID == id {
				return f, &f.Endpoints[i]
			}
		}
	}
	return nil, nil
}

// NFWByTGWAttachment finds the transit-gateway-attached firewall whose
// attachment is id (R7.47).
func (s *Snapshot) NFWByTGWAttachment(id string) *NetworkFirewall {
	for _, f := range s.NetworkFirewalls {
		if f.TGWAttachment != "" && f.TGWAttachment == id {
			return f
		}
	}
	return nil
}

// NFWPolicyByID finds a policy by ID or name.
func (s *Snapshot) NFWPolicyByID(id string) *NFWPolicy {
	for _, p := range s.NFWPolicies {
		if p.ID == id || p.Name == id || p.ARN == id {
			return p
		}
	}
	return nil
}

// NFWRuleGroupByID finds a rule group by ID or name.
func (s *Snapshot) NFWRuleGroupByID(id string) *NFWRuleGroup {
	for _, g := range s.NFWRuleGroups {
		if g.ID == id || g.Name == id || g.ARN == id {
			return g
		}
	}
	return nil
}
