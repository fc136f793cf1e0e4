package model

import "net/netip"

// InternetGateway gives a VPC a path to and from the internet with 1:1 NAT for public IPv4 (R3.1-R3.5).
type InternetGateway struct {
	Meta
	VPCs []string `json:"vpcs"` // attached VPCs (at most one in practice)
}

// EgressOnlyIGW is an IPv6-only, outbound-only stateful gateway (R3.11).
type EgressOnlyIGW struct {
	Meta
	VPC string `json:"vpc"`
}

// NATGateway translates sources to its own address (R3.6-R3.10).
type NATGateway struct {
	Meta
	VPC       string       `json:"vpc"`
	Subnet    string       `json:"subnet"`
	Public    bool         `json:"public"` // connectivity type public (with an EIP) or private
	ENI       string       `json:"eni,omitempty"`
	PrivateIP netip.Addr   `json:"privateIp,omitempty"`
	PublicIPs []netip.Addr `json:"publicIps,omitempty"`
	State     string       `json:"state,omitempty"` // "available", "deleted", ...
}

// Usable reports whether the NAT gateway forwards traffic (not deleted or failed).
func (n *NATGateway) Usable() bool {
	return n.State == "" || n.State == "available" || n.State == "pending"
}

// ElasticIP is an allocated public IPv4 address, possibly associated with an ENI.
type ElasticIP struct {
	Meta
	PublicIP      netip.Addr `json:"publicIp"`
	PrivateIP     netip.Addr `json:"privateIp,omitempty"`
	ENI           string     `json:"eni,omitempty"`
	Instance      string     `json:"instance,omitempty"`
	AssociationID string     `json:"associationId,omitempty"`
}
