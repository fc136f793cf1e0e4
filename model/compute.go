package model

import (
	"net/netip"
	"strings"
)

// ENIOwner says what an elastic network interface belongs to; it decides
// whether the ENI has SGs (R2.1) and whether it can accept connections (R8.3).
type ENIOwner int

const (
	OwnerOther ENIOwner = iota
	OwnerInstance
	OwnerLambda
	OwnerInterfaceEndpoint
	OwnerGWLBEndpoint
	OwnerNATGateway
	OwnerLoadBalancer
	OwnerResolverEndpoint
	OwnerVPCLink
	OwnerTGWAttachment
)

var eniOwnerNames = [...]string{"other", "instance", "lambda", "interface-endpoint", "gwlb-endpoint",
	"nat-gateway", "load-balancer", "resolver-endpoint", "vpc-link", "tgw-attachment"}

func (o ENIOwner) String() string { return eniOwnerNames[o] }

// MarshalText makes owner kinds readable in JSON.
func (o ENIOwner) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// ParseENIOwner accepts the names String returns.
func ParseENIOwner(s string) (ENIOwner, bool) {
	for i, n := range eniOwnerNames {
		if n == s {
			return ENIOwner(i), true
		}
	}
	return OwnerOther, false
}

// PublicIPMapping is a 1:1 public address (auto-assigned or Elastic IP) on a private IP (R3.2).
type PublicIPMapping struct {
	PrivateIP    netip.Addr `json:"privateIp"`
	PublicIP     netip.Addr `json:"publicIp"`
	AllocationID string     `json:"allocationId,omitempty"` // set for Elastic IPs
}

// ENI is an elastic network interface: the place where packets enter and leave a VPC's subnets.
type ENI struct {
	Meta
	VPC             string            `json:"vpc"`
	Subnet          string            `json:"subnet"`
	AZ              string            `json:"az,omitempty"`
	PrivateIPs      []netip.Addr      `json:"privateIps"` // primary first
	IPv6            []netip.Addr      `json:"ipv6,omitempty"`
	PublicIPs       []PublicIPMapping `json:"publicIps,omitempty"`
	SecurityGroups  []string          `json:"securityGroups,omitempty"`
	SourceDestCheck bool              `json:"sourceDestCheck"`
	OwnerKind       ENIOwner          `json:"ownerKind"`
	OwnerID         string            `json:"ownerId,omitempty"` // i-, vpce-, nat-, LB ARN, rslvr-, function name, tgw-attach-
	InterfaceType   string            `json:"interfaceType,omitempty"`
	Description     string            `json:"description,omitempty"`
	Status          string            `json:"status,omitempty"`
	// PublicIPOnLaunch is a public address that depends on a subnet in
	// another source; Derive decides it once all sources are merged (R3.2).
	PublicIPOnLaunch *LaunchPublicIP `json:"publicIpOnLaunch,omitempty"`
}

// PrimaryIP returns the first private IPv4 address; for an interface with
// IPv6 addresses only (an IPv6-only subnet, R3.40) its first IPv6 address;
// else the zero address.
func (e *ENI) PrimaryIP() netip.Addr {
	if len(e.PrivateIPs) == 0 {
		if len(e.IPv6) > 0 {
			return e.IPv6[0]
		}
		return netip.Addr{}
	}
	return e.PrivateIPs[0]
}

// HasIP reports whether ip is one of the ENI's private, IPv6 or public addresses.
func (e *ENI) HasIP(ip netip.Addr) bool {
	for _, a := range e.PrivateIPs {
		if a == ip {
			return true
		}
	}
	for _, a := range e.IPv6 {
		if a == ip {
			return true
		}
	}
	for _, m := range e.PublicIPs {
		if m.PublicIP == ip {
			return true
		}
	}
	return false
}

// PublicFor returns the public address mapped to private ip, if any.
func (e *ENI) PublicFor(ip netip.Addr) (netip.Addr, bool) {
	for _, m := range e.PublicIPs {
		if m.PrivateIP == ip {
			return m.PublicIP, true
		}
	}
	return netip.Addr{}, false
}

// Instance is an EC2 instance; its network identity lives on its ENIs.
type Instance struct {
	Meta
	VPC             string   `json:"vpc,omitempty"`
	Subnet          string   `json:"subnet,omitempty"`
	ENIs            []string `json:"enis"`
	State           string   `json:"state,omitempty"`
	SourceDestCheck bool     `json:"sourceDestCheck"`
	Platform        string   `json:"platform,omitempty"` // "windows" changes the ephemeral range (R2.12)
}

// LambdaFunction is a function; with a VPC config it gets Hyperplane ENIs
// (R8.1). Environment variables are never stored.
type LambdaFunction struct {
	Meta
	Runtime                 string   `json:"runtime,omitempty"`
	VPC                     string   `json:"vpc,omitempty"`
	Subnets                 []string `json:"subnets,omitempty"`
	SecurityGroups          []string `json:"securityGroups,omitempty"`
	IPv6AllowedForDualStack bool     `json:"ipv6AllowedForDualStack,omitempty"`
	Policy                  string   `json:"policy,omitempty"` // resource-based policy JSON (R11.4)
	// QualifierPolicies are the resource-based policies of the function's
	// aliases and versions, by qualifier ("prod", "3"): each qualified ARN has
	// its own (R11.6).
	QualifierPolicies map[string]string `json:"qualifierPolicies,omitempty"`
	// URLs are the function's function URLs: public HTTPS endpoints that
	// invoke it directly, without API Gateway or a VPC (R11.7).
	URLs []FunctionURL `json:"urls,omitempty"`
}

// FunctionURL is a Lambda function URL (https://<id>.lambda-url.<region>.on.aws).
type FunctionURL struct {
	// AuthType is NONE (anyone) or AWS_IAM (SigV4-signed requests only).
	AuthType string `json:"authType"`
	// Qualifier is the alias the URL invokes ("" for the unqualified function).
	Qualifier string `json:"qualifier,omitempty"`
	URL       string `json:"url,omitempty"`
	Source    Source `json:"source,omitempty"`
}

// InVPC reports whether the function is attached to a customer VPC.
func (f *LambdaFunction) InVPC() bool { return f.VPC != "" || len(f.Subnets) > 0 }

// ReplacePublicIP maps m onto its private address: an Elastic IP replaces
// the address assigned at launch (R3.2), and the note about that one goes.
func (e *ENI) ReplacePublicIP(m PublicIPMapping) {
	keep := e.PublicIPs[:0]
	for _, old := range e.PublicIPs {
		if old.PrivateIP != m.PrivateIP {
			keep = append(keep, old)
			continue
		}
		notes := e.Assumed[:0]
		for _, n := range e.Assumed {
			if !strings.Contains(n, "public IP "+old.PublicIP.String()+" assigned at launch") {
				notes = append(notes, n)
			}
		}
		e.Assumed = notes
	}
	e.PublicIPs = append(keep, m)
}
