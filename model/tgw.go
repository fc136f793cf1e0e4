package model

import "net/netip"

// TransitGateway is a Regional router (section 5).
type TransitGateway struct {
	Meta
	ASN                          int64  `json:"asn,omitempty"`
	DefaultAssociationRouteTable string `json:"defaultAssociationRouteTable,omitempty"`
	DefaultPropagationRouteTable string `json:"defaultPropagationRouteTable,omitempty"`
	DNSSupport                   bool   `json:"dnsSupport,omitempty"`
	SGReferencingSupport         bool   `json:"sgReferencingSupport,omitempty"` // R2.6, R5.10
	State                        string `json:"state,omitempty"`
	// Unlisted: the kinds of transit gateway listing (attachments, route
	// tables, propagations, routes) the input did not hold at all, for the
	// TGW's account and Region (as VPC.Unlisted; issue 17).
	Unlisted    Unlisted          `json:"unlisted,omitempty"`
	UnlistedWhy map[string]string `json:"unlistedWhy,omitempty"` // as VPC.UnlistedWhy
}

// TGWAttachmentType says what a TGW attachment connects.
type TGWAttachmentType string

const (
	TGWAttachVPC       TGWAttachmentType = "vpc"
	TGWAttachVPN       TGWAttachmentType = "vpn"
	TGWAttachDXGateway TGWAttachmentType = "direct-connect-gateway"
	TGWAttachPeering   TGWAttachmentType = "peering"
	TGWAttachConnect   TGWAttachmentType = "connect"
	// TGWAttachNetworkFunction: a transit-gateway-attached Network Firewall (R7.47).
	TGWAttachNetworkFunction TGWAttachmentType = "network-function"
)

// TGWAttachment connects a TGW to a VPC, VPN, DX gateway, peer TGW or Connect peer.
type TGWAttachment struct {
	Meta
	TGW           string            `json:"tgw"`
	Type          TGWAttachmentType `json:"type"`
	ResourceID    string            `json:"resourceId,omitempty"` // vpc-, vpn-, DX gateway ID, peer tgw-
	ResourceOwner string            `json:"resourceOwner,omitempty"`
	State         string            `json:"state,omitempty"`
	Subnets       []string          `json:"subnets,omitempty"` // VPC attachments: one per AZ (R5.2)
	ApplianceMode bool              `json:"applianceMode,omitempty"`
	SGReferencing bool              `json:"sgReferencing,omitempty"`
	IPv6Support   bool              `json:"ipv6Support,omitempty"`
	// Association is the TGW route table this attachment is associated with (R5.4).
	Association string `json:"association,omitempty"`
	// Peering attachments: the other TGW.
	PeerTGW     string `json:"peerTgw,omitempty"`
	PeerAccount string `json:"peerAccount,omitempty"`
	PeerRegion  string `json:"peerRegion,omitempty"`
}

// Available reports whether the attachment carries traffic.
func (a *TGWAttachment) Available() bool { return a.State == "" || a.State == "available" }

// TGWRoute is one route of a TGW route table (R5.6, R5.7).
type TGWRoute struct {
	Destination    netip.Prefix `json:"destination,omitempty"`
	DestPrefixList string       `json:"destPrefixList,omitempty"`
	Attachments    []string     `json:"attachments,omitempty"` // more than one = ECMP
	Propagated     bool         `json:"propagated,omitempty"`
	ResourceType   string       `json:"resourceType,omitempty"` // vpc, vpn, direct-connect-gateway, peering, connect
	Blackhole      bool         `json:"blackhole,omitempty"`
	Source         Source       `json:"source,omitempty"`
}

// TGWRouteTable is one of a TGW's route tables.
type TGWRouteTable struct {
	Meta
	TGW                string     `json:"tgw"`
	DefaultAssociation bool       `json:"defaultAssociation,omitempty"`
	DefaultPropagation bool       `json:"defaultPropagation,omitempty"`
	Routes             []TGWRoute `json:"routes"`
	Associations       []string   `json:"associations,omitempty"` // attachment IDs
	Propagations       []string   `json:"propagations,omitempty"` // attachment IDs whose routes propagate here (R5.5)
}
