package model

// EndpointType is the kind of VPC endpoint.
type EndpointType int

const (
	EndpointGateway EndpointType = iota
	EndpointInterface
	EndpointGWLB
)

var endpointTypeNames = [...]string{"Gateway", "Interface", "GatewayLoadBalancer"}

func (t EndpointType) String() string { return endpointTypeNames[t] }

// MarshalText makes endpoint types readable in JSON.
func (t EndpointType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// ParseEndpointType accepts AWS's spellings (Gateway, Interface, GatewayLoadBalancer), any case.
func ParseEndpointType(s string) (EndpointType, bool) {
	for i, n := range endpointTypeNames {
		if equalFoldASCII(n, s) {
			return EndpointType(i), true
		}
	}
	return EndpointGateway, false
}

// DNSEntry is a DNS name AWS created for an endpoint (R7.11).
type DNSEntry struct {
	Name         string `json:"name"`
	HostedZoneID string `json:"hostedZoneId,omitempty"`
}

// VPCEndpoint is a gateway, interface or GWLB endpoint (section 7).
type VPCEndpoint struct {
	Meta
	VPC               string       `json:"vpc"`
	Type              EndpointType `json:"type"`
	ServiceName       string       `json:"serviceName"` // com.amazonaws.us-east-1.execute-api
	State             string       `json:"state,omitempty"`
	RouteTables       []string     `json:"routeTables,omitempty"` // gateway endpoints (R7.1)
	Subnets           []string     `json:"subnets,omitempty"`     // interface/GWLB endpoints
	ENIs              []string     `json:"enis,omitempty"`
	SecurityGroups    []string     `json:"securityGroups,omitempty"`
	PrivateDNSEnabled bool         `json:"privateDnsEnabled,omitempty"` // R7.12
	// PrivateDNSOnlyForInboundResolver: inside the VPC the public answer, through an inbound endpoint the ENIs (R7.14).
	PrivateDNSOnlyForInboundResolver bool       `json:"privateDnsOnlyForInboundResolver,omitempty"`
	Policy                           string     `json:"policy,omitempty"` // endpoint policy JSON; empty = full access
	DNSEntries                       []DNSEntry `json:"dnsEntries,omitempty"`
	IPAddressType                    string     `json:"ipAddressType,omitempty"`
}

// Available reports whether the endpoint can carry traffic (R7.7).
func (e *VPCEndpoint) Available() bool {
	return e.State == "" || equalFoldASCII(e.State, "available")
}

// EndpointService is a provider's PrivateLink service behind an NLB or GWLB (R7.18-R7.21).
type EndpointService struct {
	Meta
	ServiceName        string   `json:"serviceName"`
	ServiceType        string   `json:"serviceType,omitempty"` // Interface or GatewayLoadBalancer
	LoadBalancers      []string `json:"loadBalancers,omitempty"`
	AcceptanceRequired bool     `json:"acceptanceRequired,omitempty"`
	AllowedPrincipals  []string `json:"allowedPrincipals,omitempty"`
	PrivateDNSName     string   `json:"privateDnsName,omitempty"`
	AZs                []string `json:"azs,omitempty"`
	Owner              string   `json:"owner,omitempty"` // "amazon" for AWS services
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
