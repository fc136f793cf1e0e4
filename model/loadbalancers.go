package model

import "net/netip"

// LBNode is a load balancer's presence in one subnet.
type LBNode struct {
	Subnet    string       `json:"subnet"`
	AZ        string       `json:"az,omitempty"`
	PrivateIP netip.Addr   `json:"privateIp,omitempty"`
	PublicIP  netip.Addr   `json:"publicIp,omitempty"`
	ENI       string       `json:"eni,omitempty"`
	Addresses []netip.Addr `json:"addresses,omitempty"`
}

// Listener accepts connections on a port and forwards to target groups.
type Listener struct {
	ARN          string   `json:"arn,omitempty"`
	Port         uint16   `json:"port"`
	Protocol     string   `json:"protocol"` // HTTP, HTTPS, TCP, UDP, TLS, TCP_UDP, GENEVE
	TargetGroups []string `json:"targetGroups,omitempty"`
	Source       Source   `json:"source,omitempty"`
}

// LoadBalancer is an ALB, NLB or GWLB (R2.1, R7.19).
type LoadBalancer struct {
	Meta
	LBName         string            `json:"lbName,omitempty"`
	Type           string            `json:"type"`   // application, network, gateway
	Scheme         string            `json:"scheme"` // internet-facing, internal
	VPC            string            `json:"vpc"`
	Nodes          []LBNode          `json:"nodes,omitempty"`
	SecurityGroups []string          `json:"securityGroups,omitempty"`
	DNSName        string            `json:"dnsName,omitempty"`
	IPAddressType  string            `json:"ipAddressType,omitempty"`
	Listeners      []Listener        `json:"listeners,omitempty"`
	Attributes     map[string]string `json:"attributes,omitempty"`
	State          string            `json:"state,omitempty"`
}

// Internal reports whether the load balancer has only private addresses.
func (lb *LoadBalancer) Internal() bool { return lb.Scheme == "internal" }

// LBTarget is a registered target of a target group.
type LBTarget struct {
	ID     string `json:"id"` // instance ID, IP address, Lambda ARN or ALB ARN
	Port   uint16 `json:"port,omitempty"`
	AZ     string `json:"az,omitempty"`
	Health string `json:"health,omitempty"` // healthy, unhealthy, unused, ...
}

// TargetGroup is a set of targets behind listeners.
type TargetGroup struct {
	Meta
	TGName        string     `json:"tgName,omitempty"`
	Protocol      string     `json:"protocol,omitempty"`
	Port          uint16     `json:"port,omitempty"`
	TargetType    string     `json:"targetType,omitempty"` // instance, ip, lambda, alb
	VPC           string     `json:"vpc,omitempty"`
	LoadBalancers []string   `json:"loadBalancers,omitempty"`
	Targets       []LBTarget `json:"targets,omitempty"`
	// PreserveClientIP is nil when unknown: the default then depends on target type and protocol.
	PreserveClientIP *bool             `json:"preserveClientIp,omitempty"`
	ProxyProtocolV2  bool              `json:"proxyProtocolV2,omitempty"`
	Attributes       map[string]string `json:"attributes,omitempty"`
}
