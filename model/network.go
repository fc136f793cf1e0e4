package model

import "net/netip"

// Account is an AWS account that resources belong to.
type Account struct {
	Meta
	Alias string `json:"alias,omitempty"`
	OrgID string `json:"orgId,omitempty"` // for aws:PrincipalOrgID conditions
}

// Region is an AWS Region in an account (ID = region name, e.g. "us-east-1").
type Region struct {
	Meta
}

// AvailabilityZone maps a zone name (us-east-1a, account-specific) to its zone ID
// (use1-az1, the same physical zone in every account). ID = zone name.
type AvailabilityZone struct {
	Meta
	ZoneID string `json:"zoneId,omitempty"`
}

// VPC is a virtual private cloud. CIDRs lists the IPv4 blocks with the primary first (R1.12).
type VPC struct {
	Meta
	CIDRs              []netip.Prefix `json:"cidrs"`
	IPv6CIDRs          []netip.Prefix `json:"ipv6Cidrs,omitempty"`
	EnableDNSSupport   bool           `json:"enableDnsSupport"`
	EnableDNSHostnames bool           `json:"enableDnsHostnames"`
	DHCPDNSServers     []string       `json:"dhcpDnsServers,omitempty"` // "AmazonProvidedDNS" or IPs (R10.3)
	IsDefault          bool           `json:"isDefault,omitempty"`
	State              string         `json:"state,omitempty"`
	// Unlisted names the kinds of resource the VPC's input did not list at
	// all (a describe-JSON dump without `describe-internet-gateways`): that
	// the VPC has none of them is then unknown, not a fact, and answers that
	// hinge on it say "unknown" (issue 10). One of the Unlisted* constants.
	Unlisted Unlisted `json:"unlisted,omitempty"`
	// UnlistedWhy says, for an Unlisted kind whose listing a live import
	// tried and failed to read, which call failed and how (its manifest).
	UnlistedWhy map[string]string `json:"unlistedWhy,omitempty"`
}

// Kinds of resource an input may leave out entirely (VPC.Unlisted).
const (
	UnlistedIGWs        = "internet gateways"
	UnlistedRouteTables = "route tables"
	UnlistedListeners   = "load balancer listeners"
	UnlistedNACLs       = "network ACLs"
	// Issue 17: the other listings whose absence used to be read as "none".
	UnlistedNATs           = "NAT gateways"
	UnlistedEndpoints      = "VPC endpoints"
	UnlistedPrefixLists    = "prefix lists"
	UnlistedENIs           = "network interfaces"
	UnlistedLoadBalancers  = "load balancers"
	UnlistedTargetGroups   = "target groups"
	UnlistedTargetHealth   = "target health"
	UnlistedDHCPOptions    = "DHCP options"
	UnlistedVPCAttributes  = "VPC attributes"
	UnlistedTGWAttachments = "transit gateway attachments"
	UnlistedTGWVPCAttach   = "transit gateway VPC attachments"
	UnlistedTGWRouteTables = "transit gateway route tables"
	UnlistedTGWPropagation = "transit gateway propagations"
	UnlistedTGWRoutes      = "transit gateway routes"
)

// listingCommands maps each Unlisted* kind to the AWS CLI command whose
// output lists it: what an answer that hinges on the kind tells the user to add.
var listingCommands = map[string]string{
	UnlistedIGWs:           "aws ec2 describe-internet-gateways",
	UnlistedRouteTables:    "aws ec2 describe-route-tables",
	UnlistedListeners:      "aws elbv2 describe-listeners",
	UnlistedNACLs:          "aws ec2 describe-network-acls",
	UnlistedNATs:           "aws ec2 describe-nat-gateways",
	UnlistedEndpoints:      "aws ec2 describe-vpc-endpoints",
	UnlistedPrefixLists:    "aws ec2 describe-managed-prefix-lists",
	UnlistedENIs:           "aws ec2 describe-network-interfaces",
	UnlistedLoadBalancers:  "aws elbv2 describe-load-balancers",
	UnlistedTargetGroups:   "aws elbv2 describe-target-groups",
	UnlistedTargetHealth:   "aws elbv2 describe-target-health",
	UnlistedDHCPOptions:    "aws ec2 describe-dhcp-options",
	UnlistedVPCAttributes:  "aws ec2 describe-vpc-attribute",
	UnlistedTGWAttachments: "aws ec2 describe-transit-gateway-attachments",
	UnlistedTGWVPCAttach:   "aws ec2 describe-transit-gateway-vpc-attachments",
	UnlistedTGWRouteTables: "aws ec2 describe-transit-gateway-route-tables",
	UnlistedTGWPropagation: "aws ec2 get-transit-gateway-route-table-propagations",
	UnlistedTGWRoutes:      "aws ec2 search-transit-gateway-routes",
}

// ListingCommand returns the AWS CLI command whose output lists kind (one
// of the Unlisted* constants), or "".
func ListingCommand(kind string) string { return listingCommands[kind] }

// Unlisted names the kinds of resource an input did not list at all (see
// VPC.Unlisted); Has reports one.
type Unlisted []string

// Has reports whether kind is among the unlisted kinds.
func (u Unlisted) Has(kind string) bool {
	for _, k := range u {
		if k == kind {
			return true
		}
	}
	return false
}

// IsUnlisted reports whether the VPC's input did not list resources of kind.
func (v *VPC) IsUnlisted(kind string) bool { return v.Unlisted.Has(kind) }

// PrimaryCIDR returns the primary IPv4 block, or the zero prefix.
func (v *VPC) PrimaryCIDR() netip.Prefix {
	if len(v.CIDRs) == 0 {
		return netip.Prefix{}
	}
	return v.CIDRs[0]
}

// ResolverIP returns the VPC Resolver address: primary CIDR base + 2 (R10.1).
func (v *VPC) ResolverIP() netip.Addr {
	p := v.PrimaryCIDR()
	if !p.IsValid() {
		return netip.Addr{}
	}
	return p.Masked().Addr().Next().Next()
}

// Contains reports whether ip is inside one of the VPC's CIDRs (either family).
func (v *VPC) Contains(ip netip.Addr) bool {
	for _, p := range v.CIDRs {
		if p.Contains(ip) {
			return true
		}
	}
	for _, p := range v.IPv6CIDRs {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// Subnet is a range of a VPC in one availability zone.
type Subnet struct {
	Meta
	VPC                 string       `json:"vpc"`
	AZ                  string       `json:"az,omitempty"`
	AZID                string       `json:"azId,omitempty"`
	CIDR                netip.Prefix `json:"cidr"`
	IPv6CIDR            netip.Prefix `json:"ipv6Cidr,omitempty"`
	MapPublicIPOnLaunch bool         `json:"mapPublicIpOnLaunch,omitempty"`
	// AvailableIPs is EC2's AvailableIpAddressCount when the input has it:
	// the IPv4 addresses still free in the subnet (R8.41).
	AvailableIPs *int `json:"availableIpAddressCount,omitempty"`
	// IPv6Native marks an IPv6-only subnet (no IPv4 CIDR, R3.40).
	IPv6Native bool `json:"ipv6Native,omitempty"`
	// DNS64 makes the VPC Resolver synthesise 64:ff9b::/96 AAAA answers for
	// IPv4-only names, for queries from this subnet (R10.45).
	DNS64 bool `json:"enableDns64,omitempty"`
}

// Contains reports whether ip is inside the subnet's IPv4 or IPv6 block.
func (s *Subnet) Contains(ip netip.Addr) bool {
	return (s.CIDR.IsValid() && s.CIDR.Contains(ip)) || (s.IPv6CIDR.IsValid() && s.IPv6CIDR.Contains(ip))
}
