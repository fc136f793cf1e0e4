package http

import (
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/reach"
)

// Leg is one place where API Gateway's traffic to a private backend enters
// a VPC: a VPC link V2 ENI, or a node of the NLB behind a REST VPC link V1.
type Leg struct {
	Link string         // the VPC link ID
	Src  reach.Endpoint // the source the backend sees
	Note string         // how the traffic gets there, with its rule
	Port uint16         // the integration's port, 0 when unknown
	// AZ: the node of a load balancer with cross-zone load balancing off
	// sends only to targets in its own Availability Zone (R7.24).
	AZ string
	// Gate is what stops the traffic before the packet walk: the NLB's
	// inbound rules for PrivateLink traffic (R7.23); Reachable when none.
	Gate    reach.Verdict
	GateWhy string
	// NoTarget: cross-zone off and no target in the node's zone.
	NoTarget bool
	lb       string
}

// GateExplanation is the gate as an explanation of the leg's packet
// answer, when it blocks or leaves the leg unknown (R7.23).
func (l Leg) GateExplanation() (reach.Explanation, bool) {
	switch l.Gate {
	case reach.Blocked:
		return reach.Explanation{Code: reach.CodeEniSgRulesMismatch, Component: l.lb, Direction: reach.DirForward, Rule: "R7.23", Detail: l.GateWhy}, true
	case reach.Unknown:
		return reach.Explanation{Code: reach.CodeUnknownResource, Component: l.lb, Direction: reach.DirForward, Rule: "R7.23", Detail: l.GateWhy}, true
	}
	return reach.Explanation{}, false
}

// Serves reports whether the leg's node sends to dst at all: with
// cross-zone load balancing off only targets in its zone (R7.24).
func (l Leg) Serves(dst reach.Endpoint) (bool, string) {
	if l.AZ == "" || dst.Kind != reach.AtENI || dst.ENI == nil {
		return true, ""
	}
	az := dst.ENI.M.AZ
	if az == "" && dst.ENI.Subnet != nil {
		az = dst.ENI.Subnet.M.AZ
	}
	if az == "" || az == l.AZ {
		return true, ""
	}
	why := fmt.Sprintf("%s: not a leg to %s: this node in %s sends only to targets in %s, since cross-zone load balancing is off (R7.24)", l.Src.Label(), dst.Label(), l.AZ, l.AZ)
	if l.NoTarget {
		why += "; it has no target there at all, so the requests API Gateway sends through it fail"
	}
	return false, why
}

// BackendLegs returns the sources of the API's traffic towards its private
// backends (R8.7, R8.8, R9.13). An API without a VPC link integration has
// none: API Gateway cannot reach private addresses without one.
func (c *Caller) BackendLegs(api *API) ([]Leg, error) {
	var legs []Leg
	linked := false
	for _, in := range integrations(api) {
		if !strings.EqualFold(in.ConnectionType, "VPC_LINK") {
			continue
		}
		linked = true
		link, ok := model.Lookup[*model.VPCLink](c.net.Index, in.ConnectionID)
		if !ok {
			return nil, fmt.Errorf("VPC link %s of %s is not in the snapshot", in.ConnectionID, api.Label())
		}
		legs = append(legs, c.linkLegs(api, link, in)...)
	}
	if !linked {
		return nil, fmt.Errorf("%s has no VPC link integration: API Gateway reaches private addresses only through a VPC link (R9.13)", api.Label())
	}
	if len(legs) == 0 {
		return nil, fmt.Errorf("the VPC links of %s have no network interfaces in the snapshot", api.Label())
	}
	return legs, nil
}

func (c *Caller) linkLegs(api *API, link *model.VPCLink, in model.Integration) []Leg {
	if v1(api, link) {
		return c.nlbLegs(link, in)
	}
	var legs []Leg
	for _, e := range c.snap.ENIs {
		if e.OwnerKind != model.OwnerVPCLink || (e.OwnerID != link.ID && e.OwnerID != link.ARN) {
			continue
		}
		if ep, err := names.Resolve(c.net, e.ID); err == nil {
			legs = append(legs, Leg{Link: link.ID, Src: ep, Port: c.integrationPort(in),
				Note: fmt.Sprintf("VPC link %s: its ENI %s in %s with security groups %s is the source (R8.8)",
					link.ID, e.ID, e.Subnet, strings.Join(e.SecurityGroups, ","))})
		}
	}
	sort.Slice(legs, func(i, j int) bool { return legs[i].Src.ENI.M.ID < legs[j].Src.ENI.M.ID })
	return legs
}

// v1 reports a REST VPC link V1: API Gateway reaches an NLB through PrivateLink (R8.7).
func v1(api *API, link *model.VPCLink) bool {
	v := strings.ToUpper(link.Version)
	return v == "REST_V1" || v == "V1" || (v == "" && api.Rest != nil)
}

// nlbLegs: through PrivateLink the targets see the NLB nodes' addresses
// (R8.7, R7.19). API Gateway spreads requests over every node, so each node
// is a leg (R7.24); the NLB's inbound rules may gate them all (R7.23).
func (c *Caller) nlbLegs(link *model.VPCLink, in model.Integration) []Leg {
	var legs []Leg
	port := c.integrationPort(in)
	for _, arn := range link.TargetARNs {
		lb, ok := model.Lookup[*model.LoadBalancer](c.net.Index, arn)
		if !ok {
			continue
		}
		gate, why := c.privateLinkGate(lb, port)
		cross := crossZone(c.snap, lb)
		for _, n := range lb.Nodes {
			ep, err := names.Resolve(c.net, n.ENI)
			if err != nil || n.ENI == "" {
				continue
			}
			az := n.AZ
			if az == "" && ep.ENI != nil && ep.ENI.Subnet != nil {
				az = ep.ENI.Subnet.M.AZ
			}
			note := fmt.Sprintf("VPC link %s reaches NLB %s through PrivateLink: the targets see its node address %s in %s (R8.7, R7.19)",
				link.ID, lb.Label(), ep.IP, orDash(az))
			leg := Leg{Link: link.ID, Src: ep, Port: port, Gate: gate, GateWhy: why, lb: lb.ID}
			if !cross {
				leg.AZ = az
				note += "; cross-zone load balancing is off, so this node sends only to targets in " + orDash(az) + " (R7.24)"
				if az != "" && !c.hasTargetIn(lb, port, az) {
					leg.NoTarget = true
					note += "; it has none there: the requests API Gateway sends through it fail"
				}
			}
			leg.Note = note
			legs = append(legs, leg)
		}
	}
	return legs
}

// crossZone: the load balancer's attribute (off by default for an NLB),
// overridden by every target group that sets its own (R7.24).
func crossZone(s *model.Snapshot, lb *model.LoadBalancer) bool {
	on := strings.EqualFold(lb.Attributes["load_balancing.cross_zone.enabled"], "true")
	for _, tg := range s.TargetGroups {
		if !slices.Contains(tg.LoadBalancers, lb.ID) && !slices.Contains(tg.LoadBalancers, lb.ARN) {
			continue
		}
		switch strings.ToLower(tg.Attributes["load_balancing.cross_zone.enabled"]) {
		case "true":
			on = true
		case "false":
			on = false
		}
	}
	return on
}

// hasTargetIn reports whether a listener of lb on port has a target in az.
func (c *Caller) hasTargetIn(lb *model.LoadBalancer, port uint16, az string) bool {
	for _, l := range lb.Listeners {
		if port != 0 && l.Port != port {
			continue
		}
		for _, id := range l.TargetGroups {
			for _, tg := range c.snap.TargetGroups {
				if tg.ID != id && tg.ARN != id {
					continue
				}
				for _, t := range tg.Targets {
					if c.targetAZ(tg, t) == az || strings.EqualFold(t.AZ, "all") {
						return true
					}
				}
			}
		}
	}
	return false
}

// targetAZ is a target's Availability Zone: listed, or its interface's.
func (c *Caller) targetAZ(tg *model.TargetGroup, t model.LBTarget) string {
	if t.AZ != "" {
		return t.AZ
	}
	if ep, err := names.Resolve(c.net, t.ID); err == nil && ep.ENI != nil {
		if ep.ENI.M.AZ != "" {
			return ep.ENI.M.AZ
		}
		if ep.ENI.Subnet != nil {
			return ep.ENI.Subnet.M.AZ
		}
	}
	return ""
}

// privateLinkGate: with EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic
// on (the default), the NLB's inbound rules apply to API Gateway's traffic,
// whose source addresses are in no input: a rule for any address on the
// port lets it in, no rule for the port blocks it, others leave it unknown
// (R7.23).
func (c *Caller) privateLinkGate(lb *model.LoadBalancer, port uint16) (reach.Verdict, string) {
	if len(lb.SecurityGroups) == 0 {
		return reach.Reachable, ""
	}
	if !lb.FiltersPrivateLink() {
		return reach.Reachable, fmt.Sprintf("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic is off on %s: its inbound rules do not apply to the VPC link's traffic (R7.23)", lb.Label())
	}
	some := false
	for _, id := range lb.SecurityGroups {
		sg, ok := model.Lookup[*model.SecurityGroup](c.net.Index, id)
		if !ok {
			return reach.Unknown, fmt.Sprintf("security group %s of %s is not in the input: whether it admits the VPC link's PrivateLink traffic is unknown (R7.23)", id, lb.Label())
		}
		for _, r := range sg.Ingress {
			if r.Protocol != model.ProtoTCP && r.Protocol != model.ProtoAll || port != 0 && !r.Ports.Contains(port) && r.Protocol != model.ProtoAll {
				continue
			}
			if r.CIDR.IsValid() && r.CIDR.Bits() == 0 {
				return reach.Reachable, fmt.Sprintf("the inbound rules of %s apply to PrivateLink traffic (R7.23); %s admits any address on port %d", lb.Label(), id, port)
			}
			some = true
		}
	}
	if !some {
		return reach.Blocked, fmt.Sprintf("the inbound rules of %s (%s) apply to PrivateLink traffic, since EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic is on, and none admits tcp/%d: the VPC link's requests are dropped (R7.23); add an inbound rule for the port, or turn the attribute off", lb.Label(), strings.Join(lb.SecurityGroups, ", "), port)
	}
	return reach.Unknown, fmt.Sprintf("the inbound rules of %s apply to PrivateLink traffic (R7.23), and admit tcp/%d only from some addresses: whether they include API Gateway's is not in the input (turn EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic off, or admit the port from any address)", lb.Label(), port)
}

// integrationPort is the port of an integration: a listener's, or the URI's.
func (c *Caller) integrationPort(in model.Integration) uint16 {
	for _, lb := range c.snap.LoadBalancers {
		for _, l := range lb.Listeners {
			if l.ARN != "" && l.ARN == in.URI {
				return l.Port
			}
		}
	}
	u, err := url.Parse(in.URI)
	if err != nil || u.Host == "" {
		return 0
	}
	if p, err := strconv.Atoi(u.Port()); err == nil && p > 0 && p < 65536 {
		return uint16(p)
	}
	if u.Scheme == "https" {
		return 443
	}
	return 80
}
