package model

import "net/netip"

// VPNGateway is a virtual private gateway: the VPC side of VPN and DX private VIFs (section 6.2).
type VPNGateway struct {
	Meta
	VPCs  []string `json:"vpcs,omitempty"` // attached VPCs
	ASN   int64    `json:"asn,omitempty"`
	State string   `json:"state,omitempty"`
}

// CustomerGateway is the on-premises end of a Site-to-Site VPN.
type CustomerGateway struct {
	Meta
	IP    netip.Addr `json:"ip,omitempty"`
	ASN   int64      `json:"asn,omitempty"`
	State string     `json:"state,omitempty"`
}

// VPNTunnel is one of a VPN connection's two tunnels.
type VPNTunnel struct {
	OutsideIP      netip.Addr `json:"outsideIp,omitempty"`
	Status         string     `json:"status,omitempty"` // UP / DOWN
	AcceptedRoutes int        `json:"acceptedRoutes,omitempty"`
}

// VPNConnection is a Site-to-Site VPN on a VGW or a TGW (sections 6.2, 6.3).
type VPNConnection struct {
	Meta
	CustomerGateway  string         `json:"customerGateway"`
	VPNGateway       string         `json:"vpnGateway,omitempty"`
	TransitGateway   string         `json:"transitGateway,omitempty"`
	StaticRoutesOnly bool           `json:"staticRoutesOnly,omitempty"`
	Routes           []netip.Prefix `json:"routes,omitempty"` // static routes (on-premises prefixes)
	Tunnels          []VPNTunnel    `json:"tunnels,omitempty"`
	State            string         `json:"state,omitempty"`
}

// Up reports whether the connection is available with at least one tunnel up (or tunnel state unknown).
func (v *VPNConnection) Up() bool {
	if v.State != "" && v.State != "available" {
		return false
	}
	if len(v.Tunnels) == 0 {
		return true
	}
	for _, t := range v.Tunnels {
		if t.Status == "" || t.Status == "UP" {
			return true
		}
	}
	return false
}

// DXGatewayAssociation links a DX gateway to a VGW or TGW with allowed prefixes (R6.10).
type DXGatewayAssociation struct {
	ID              string         `json:"id,omitempty"`
	Gateway         string         `json:"gateway"` // vgw- or tgw-
	GatewayRegion   string         `json:"gatewayRegion,omitempty"`
	GatewayAccount  string         `json:"gatewayAccount,omitempty"`
	AllowedPrefixes []netip.Prefix `json:"allowedPrefixes,omitempty"`
	State           string         `json:"state,omitempty"`
}

// DXGateway is a global Direct Connect gateway (R6.9).
type DXGateway struct {
	Meta
	ASN          int64                  `json:"asn,omitempty"`
	State        string                 `json:"state,omitempty"`
	Associations []DXGatewayAssociation `json:"associations,omitempty"`
}

// VirtualInterface is a Direct Connect VIF: private (to a VGW or DX gateway),
// transit (to a DX gateway with TGWs) or public (AWS public ranges) (R6.1).
type VirtualInterface struct {
	Meta
	Type            string         `json:"type"` // private, transit, public
	VPNGateway      string         `json:"vpnGateway,omitempty"`
	DXGateway       string         `json:"dxGateway,omitempty"`
	State           string         `json:"state,omitempty"`
	ASN             int64          `json:"asn,omitempty"`
	CustomerAddress string         `json:"customerAddress,omitempty"`
	AmazonAddress   string         `json:"amazonAddress,omitempty"`
	RoutePrefixes   []netip.Prefix `json:"routePrefixes,omitempty"` // public VIF route filter prefixes
}

// Up reports whether the VIF carries traffic.
func (v *VirtualInterface) Up() bool {
	return v.State == "" || v.State == "available" || v.State == "up"
}

// SiteLink says how an on-premises site connects: a VPN connection, a DX
// virtual interface or a customer gateway (all its VPN connections).
type SiteLink struct {
	Kind string `json:"kind"` // vpn, vif, cgw
	Ref  string `json:"ref"`  // ID or name; resolved to an ID when the scenario is applied
	// Prefixes the site advertises over this link (BGP); empty = the site's CIDRs.
	Advertises []netip.Prefix `json:"advertises,omitempty"`
}

// OnPremSite is a network outside AWS (R6.1). It comes from scenarios, or
// is implicit (inferred by Derive from the routes to a hybrid link).
type OnPremSite struct {
	Meta
	CIDRs          []netip.Prefix `json:"cidrs"`
	Links          []SiteLink     `json:"links,omitempty"`
	DNSServers     []string       `json:"dnsServers,omitempty"` // DNSServer IDs
	InternetAccess bool           `json:"internetAccess,omitempty"`
	// Implicit: not written by anyone but inferred by Derive from the
	// on-premises prefixes AWS routes to a VPN or Direct Connect link
	// (issue 17; see implicitSites).
	Implicit bool `json:"implicit,omitempty"`
}

// ZoneFile is an authoritative zone held by an on-premises DNS server, as zone-file text.
type ZoneFile struct {
	Origin string `json:"origin"`
	Text   string `json:"text"`
	Source Source `json:"source,omitempty"`
}

// ConditionalForwarder sends queries for Domain (and below) to Targets.
type ConditionalForwarder struct {
	Domain  string       `json:"domain"`
	Targets []netip.Addr `json:"targets"`
	Port    uint16       `json:"port,omitempty"` // 53 when zero
}

// DNSServer is a DNS server outside AWS (on premises), from a scenario.
type DNSServer struct {
	Meta
	Site       string                 `json:"site"`
	IP         netip.Addr             `json:"ip"`
	Zones      []ZoneFile             `json:"zones,omitempty"`
	Forwarders []ConditionalForwarder `json:"forwarders,omitempty"`
	Recursion  bool                   `json:"recursion"` // resolves public names itself
}

// Client is a named host that asks questions: on premises, on the internet or inside a VPC.
type Client struct {
	Meta
	// Location: an on-premises site, a subnet, an ENI/instance, or "internet"; an ID or name.
	Location  string     `json:"location"`
	IP        netip.Addr `json:"ip,omitempty"`
	DNSServer string     `json:"dnsServer,omitempty"` // which resolver it asks; default: its site's first, or the VPC Resolver
	// EphemeralPorts the client picks source ports from (R2.12); zero = by location.
	EphemeralPorts PortRange `json:"ephemeralPorts,omitempty"`
}
