package model

import "net/netip"

// TargetKind is what a route sends packets to (R1.11).
type TargetKind int

const (
	TargetUnknown TargetKind = iota
	TargetLocal
	TargetIGW
	TargetEIGW
	TargetNAT
	TargetVGW
	TargetTGW
	TargetPeering
	TargetGatewayEndpoint // gateway VPC endpoint (S3, DynamoDB), always via a prefix list (R7.1)
	TargetGWLBEndpoint
	TargetENI
	TargetInstance
	TargetCarrierGW
	TargetLocalGW
	TargetCoreNetwork
)

var targetKindNames = [...]string{"unknown", "local", "igw", "eigw", "nat", "vgw", "tgw", "pcx",
	"gateway-endpoint", "gwlb-endpoint", "eni", "instance", "carrier-gateway", "local-gateway", "core-network"}

func (k TargetKind) String() string { return targetKindNames[k] }

// MarshalText makes target kinds readable in JSON.
func (k TargetKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// ParseTargetKind accepts the names String returns.
func ParseTargetKind(s string) (TargetKind, bool) {
	for i, n := range targetKindNames {
		if n == s {
			return TargetKind(i), true
		}
	}
	return TargetUnknown, false
}

// TargetKindOfID guesses the target kind from an AWS ID prefix ("igw-", "nat-", ...).
// A "vpce-" ID is returned as TargetGatewayEndpoint; callers that know the endpoint
// is a GWLB endpoint correct it.
func TargetKindOfID(id string) TargetKind {
	prefixes := []struct {
		p string
		k TargetKind
	}{
		{"local", TargetLocal}, {"igw-", TargetIGW}, {"eigw-", TargetEIGW}, {"nat-", TargetNAT},
		{"vgw-", TargetVGW}, {"tgw-", TargetTGW}, {"pcx-", TargetPeering}, {"vpce-", TargetGatewayEndpoint},
		{"eni-", TargetENI}, {"i-", TargetInstance}, {"cagw-", TargetCarrierGW}, {"lgw-", TargetLocalGW},
		{"arn:aws:networkmanager", TargetCoreNetwork},
	}
	for _, e := range prefixes {
		if len(id) >= len(e.p) && id[:len(e.p)] == e.p {
			return e.k
		}
	}
	return TargetUnknown
}

// Target is a route's next hop.
type Target struct {
	Kind TargetKind `json:"kind"`
	ID   string     `json:"id,omitempty"` // empty for local
}

func (t Target) String() string {
	if t.Kind == TargetLocal {
		return "local"
	}
	return t.ID
}

// RouteOrigin tells how a route got into a table; it decides ties (R1.7).
type RouteOrigin int

const (
	OriginStatic     RouteOrigin = iota // created by the user (CreateRoute)
	OriginLocal                         // the VPC's local routes (CreateRouteTable)
	OriginPrefixList                    // a route whose destination is a prefix list
	OriginGatewayEndpoint
	OriginPropagatedDX
	OriginPropagatedVPNStatic
	OriginPropagatedVPNBGP
	OriginPropagated // propagated, kind not known
)

var routeOriginNames = [...]string{"static", "local", "prefix-list", "gateway-endpoint",
	"propagated-dx", "propagated-vpn-static", "propagated-vpn-bgp", "propagated"}

func (o RouteOrigin) String() string { return routeOriginNames[o] }

// MarshalText makes origins readable in JSON.
func (o RouteOrigin) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// Propagated reports whether the route came from route propagation.
func (o RouteOrigin) Propagated() bool { return o >= OriginPropagatedDX }

// Route is one line of a VPC route table. Exactly one of Destination and
// DestPrefixList is set.
type Route struct {
	Destination    netip.Prefix `json:"destination,omitempty"`
	DestPrefixList string       `json:"destPrefixList,omitempty"`
	Target         Target       `json:"target"`
	Origin         RouteOrigin  `json:"origin"`
	Blackhole      bool         `json:"blackhole,omitempty"` // state "blackhole" (R1.9)
	ASPathLen      int          `json:"asPathLen,omitempty"` // for VPN BGP ties (R1.7)
	MED            int          `json:"med,omitempty"`
	Source         Source       `json:"source,omitempty"`
}

// RouteTableAssociation links a table to a subnet, to a gateway (edge
// association, R1.2), or marks it as the VPC's main table.
type RouteTableAssociation struct {
	ID      string `json:"id,omitempty"`
	Subnet  string `json:"subnet,omitempty"`
	Gateway string `json:"gateway,omitempty"` // igw-/vgw- for edge associations
	Main    bool   `json:"main,omitempty"`
}

// RouteTable is a VPC route table.
type RouteTable struct {
	Meta
	VPC          string                  `json:"vpc"`
	Routes       []Route                 `json:"routes"`
	Associations []RouteTableAssociation `json:"associations,omitempty"`
	Propagations []string                `json:"propagations,omitempty"` // VGW IDs with route propagation on (R6.3)
}

// IsMain reports whether the table is its VPC's main route table (R1.1).
func (rt *RouteTable) IsMain() bool {
	for _, a := range rt.Associations {
		if a.Main {
			return true
		}
	}
	return false
}

// PrefixList is a managed prefix list (customer-managed or AWS-managed, e.g.
// com.amazonaws.us-east-1.s3) or an old-style AWS service prefix list.
type PrefixList struct {
	Meta
	PrefixListName string         `json:"prefixListName,omitempty"`
	AWSManaged     bool           `json:"awsManaged,omitempty"`
	AddressFamily  string         `json:"addressFamily,omitempty"`
	Entries        []netip.Prefix `json:"entries"`
	MaxEntries     int            `json:"maxEntries,omitempty"`
	// EntriesUnknown: the input lists the prefix list (a RAM-shared or
	// managed one) but not its entries; rules and routes that use it
	// cannot be decided (R2.40).
	EntriesUnknown bool `json:"entriesUnknown,omitempty"`
}
