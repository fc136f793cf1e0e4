package model

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Protocol is an IP protocol number; ProtoAll (-1) means every protocol.
type Protocol int

const (
	ProtoAll    Protocol = -1
	ProtoICMP   Protocol = 1
	ProtoTCP    Protocol = 6
	ProtoUDP    Protocol = 17
	ProtoICMPv6 Protocol = 58
)

func (p Protocol) String() string {
	switch p {
	case ProtoAll:
		return "all"
	case ProtoICMP:
		return "icmp"
	case ProtoTCP:
		return "tcp"
	case ProtoUDP:
		return "udp"
	case ProtoICMPv6:
		return "icmpv6"
	}
	return strconv.Itoa(int(p))
}

// MarshalText makes protocols readable in JSON.
func (p Protocol) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// HasPorts reports whether the protocol carries ports (TCP and UDP).
func (p Protocol) HasPorts() bool { return p == ProtoTCP || p == ProtoUDP }

// ParseProtocol accepts names (tcp, udp, icmp, icmpv6, all, any, -1) and numbers, as AWS writes them.
func ParseProtocol(s string) (Protocol, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "-1", "all", "any", "*":
		return ProtoAll, nil
	case "tcp":
		return ProtoTCP, nil
	case "udp":
		return ProtoUDP, nil
	case "icmp":
		return ProtoICMP, nil
	case "icmpv6", "icmp6", "58":
		return ProtoICMPv6, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 || n > 255 {
		return 0, fmt.Errorf("unknown protocol %q (want tcp, udp, icmp, icmpv6, all or a number 0-255)", s)
	}
	return Protocol(n), nil
}

// PortRange is an inclusive range of ports. The zero value with Any set, or
// 0-65535, matches every port.
type PortRange struct {
	From uint16 `json:"from"`
	To   uint16 `json:"to"`
}

// AllPorts is 0-65535.
var AllPorts = PortRange{0, 65535}

// Contains reports whether port is in the range.
func (r PortRange) Contains(port uint16) bool { return port >= r.From && port <= r.To }

// IsAll reports whether the range covers every port.
func (r PortRange) IsAll() bool { return r.From == 0 && r.To == 65535 }

func (r PortRange) String() string {
	switch {
	case r.IsAll():
		return "all"
	case r.From == r.To:
		return strconv.Itoa(int(r.From))
	}
	return fmt.Sprintf("%d-%d", r.From, r.To)
}

// ICMPMatch restricts an ICMP rule to a type and code; -1 means any.
type ICMPMatch struct {
	Type int `json:"type"`
	Code int `json:"code"`
}

// AnyICMP matches every ICMP type and code.
var AnyICMP = ICMPMatch{-1, -1}

// Matches reports whether an ICMP packet of type t and code c matches.
func (m ICMPMatch) Matches(t, c int) bool {
	return (m.Type == -1 || m.Type == t) && (m.Code == -1 || m.Code == c)
}

// Action of a network ACL entry.
type Action int

const (
	Deny Action = iota
	Allow
)

func (a Action) String() string {
	if a == Allow {
		return "allow"
	}
	return "deny"
}

// MarshalText makes actions readable in JSON.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// ACLEntry is one numbered rule of a network ACL (R2.11). Ports and ICMP
// apply only for protocols that have them.
type ACLEntry struct {
	Number   int          `json:"number"` // 1-32766; 32767 is the implicit "*" deny
	Egress   bool         `json:"egress"`
	Protocol Protocol     `json:"protocol"`
	Action   Action       `json:"action"`
	CIDR     netip.Prefix `json:"cidr"`
	Ports    PortRange    `json:"ports"`
	ICMP     ICMPMatch    `json:"icmp"`
	Source   Source       `json:"source,omitempty"`
}

// Direction names the rule's direction as AWS does.
func (e ACLEntry) Direction() string {
	if e.Egress {
		return "outbound"
	}
	return "inbound"
}

// NetworkACL is a stateless subnet filter (R2.9-R2.14). Entries are kept in
// the order read; the solver sorts them by number.
type NetworkACL struct {
	Meta
	VPC       string     `json:"vpc"`
	IsDefault bool       `json:"isDefault,omitempty"`
	Entries   []ACLEntry `json:"entries"`
	Subnets   []string   `json:"subnets,omitempty"` // explicit associations
}

// SGRef names a security group, optionally in another account ("account/sg-id", R2.6).
type SGRef struct {
	Account string `json:"account,omitempty"`
	GroupID string `json:"groupId"`
	VPC     string `json:"vpc,omitempty"`
	// PeeringStatus is set by AWS for references across a peering ("deleted" = stale).
	PeeringStatus string `json:"peeringStatus,omitempty"`
}

// SGRule is one allow rule of a security group. Exactly one peer is set:
// CIDR (IPv4 or IPv6), PrefixList or Group (R2.4).
type SGRule struct {
	ID          string       `json:"id,omitempty"`
	Protocol    Protocol     `json:"protocol"`
	Ports       PortRange    `json:"ports"`
	ICMP        ICMPMatch    `json:"icmp"`
	CIDR        netip.Prefix `json:"cidr,omitempty"`
	PrefixList  string       `json:"prefixList,omitempty"`
	Group       *SGRef       `json:"group,omitempty"`
	Description string       `json:"description,omitempty"`
	Source      Source       `json:"source,omitempty"`
}

// Peer renders the rule's peer: a CIDR, a prefix list ID or a group reference.
func (r SGRule) Peer() string {
	switch {
	case r.Group != nil && r.Group.Account != "":
		return r.Group.Account + "/" + r.Group.GroupID
	case r.Group != nil:
		return r.Group.GroupID
	case r.PrefixList != "":
		return r.PrefixList
	}
	return r.CIDR.String()
}

// SecurityGroup is a stateful ENI filter (R2.2-R2.8).
type SecurityGroup struct {
	Meta
	VPC         string   `json:"vpc"`
	GroupName   string   `json:"groupName,omitempty"`
	Description string   `json:"description,omitempty"`
	Ingress     []SGRule `json:"ingress"`
	Egress      []SGRule `json:"egress"`
	// VPCAssociations are the other VPCs of the Region whose interfaces may
	// use the group (security group VPC associations, R2.41).
	VPCAssociations []string `json:"vpcAssociations,omitempty"`
}
