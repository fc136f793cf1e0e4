package model

import "net/netip"

// AliasTarget is a Route 53 alias: resolved inside Route 53, returned as A/AAAA (R10.13).
type AliasTarget struct {
	DNSName              string `json:"dnsName"`
	HostedZoneID         string `json:"hostedZoneId,omitempty"`
	EvaluateTargetHealth bool   `json:"evaluateTargetHealth,omitempty"`
}

// RecordSet is one Route 53 record set (name, type, values or alias).
type RecordSet struct {
	Name          string       `json:"name"` // fully qualified, without the trailing dot
	Type          string       `json:"type"` // A, AAAA, CNAME, TXT, ...
	TTL           int64        `json:"ttl,omitempty"`
	Values        []string     `json:"values,omitempty"`
	Alias         *AliasTarget `json:"alias,omitempty"`
	SetIdentifier string       `json:"setIdentifier,omitempty"`
	Weight        *int64       `json:"weight,omitempty"`
	Source        Source       `json:"source,omitempty"`
}

// ZoneVPC is a VPC association of a private hosted zone (R10.8, R10.9).
type ZoneVPC struct {
	VPC    string `json:"vpc"`
	Region string `json:"region,omitempty"`
}

// HostedZone is a public or private Route 53 hosted zone.
type HostedZone struct {
	Meta
	ZoneName string      `json:"zoneName"` // without the trailing dot
	Private  bool        `json:"private"`
	VPCs     []ZoneVPC   `json:"vpcs,omitempty"`
	Records  []RecordSet `json:"records,omitempty"`
}

// ResolverIP is one address of a Resolver endpoint.
type ResolverIP struct {
	Subnet string     `json:"subnet"`
	IP     netip.Addr `json:"ip"`
	ENI    string     `json:"eni,omitempty"`
}

// ResolverEndpoint is an inbound or outbound Route 53 Resolver endpoint (R10.15, R10.16).
type ResolverEndpoint struct {
	Meta
	Direction      string       `json:"direction"` // INBOUND or OUTBOUND
	VPC            string       `json:"vpc"`
	SecurityGroups []string     `json:"securityGroups,omitempty"`
	IPs            []ResolverIP `json:"ips"`
	Protocols      []string     `json:"protocols,omitempty"` // Do53, DoH
	Status         string       `json:"status,omitempty"`
}

// Inbound reports whether the endpoint receives queries from outside the VPC.
func (e *ResolverEndpoint) Inbound() bool { return equalFoldASCII(e.Direction, "INBOUND") }

// RuleTarget is where a forwarding rule sends queries.
type RuleTarget struct {
	IP   netip.Addr `json:"ip"`
	Port uint16     `json:"port,omitempty"` // 53 when zero
}

// ResolverRule is a forward, system or recursive rule (R10.10-R10.12).
type ResolverRule struct {
	Meta
	DomainName       string       `json:"domainName"` // without the trailing dot; "." for the root
	RuleType         string       `json:"ruleType"`   // FORWARD, SYSTEM, RECURSIVE
	Targets          []RuleTarget `json:"targets,omitempty"`
	OutboundEndpoint string       `json:"outboundEndpoint,omitempty"`
	OwnerID          string       `json:"ownerId,omitempty"`
	ShareStatus      string       `json:"shareStatus,omitempty"`
	VPCs             []string     `json:"vpcs,omitempty"` // rule associations
}
