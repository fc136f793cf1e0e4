package model

import "net/netip"

// PeeringSide is one end of a VPC peering connection.
type PeeringSide struct {
	VPC     string         `json:"vpc"`
	Account string         `json:"account,omitempty"`
	Region  string         `json:"region,omitempty"`
	CIDRs   []netip.Prefix `json:"cidrs,omitempty"`
	// AllowDNSResolutionFromRemoteVPC: public names of this side's instances resolve privately from the peer (R4.7).
	AllowDNSResolutionFromRemoteVPC bool `json:"allowDnsResolutionFromRemoteVpc,omitempty"`
}

// PeeringConnection links two VPCs without transit (section 4).
type PeeringConnection struct {
	Meta
	Requester PeeringSide `json:"requester"`
	Accepter  PeeringSide `json:"accepter"`
	Status    string      `json:"status,omitempty"` // active, pending-acceptance, deleted, ...
}

// Active reports whether traffic flows over the connection (R4.1).
func (p *PeeringConnection) Active() bool { return p.Status == "" || p.Status == "active" }

// Other returns the side opposite vpc, and whether vpc is one of the two.
func (p *PeeringConnection) Other(vpc string) (PeeringSide, bool) {
	switch vpc {
	case p.Requester.VPC:
		return p.Accepter, true
	case p.Accepter.VPC:
		return p.Requester, true
	}
	return PeeringSide{}, false
}
