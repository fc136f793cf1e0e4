package reach

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// lbAccepts reports whether a load balancer node accepts the packet: only on
// a listener's port and protocol, with a target group that has a usable
// target; then it walks the leg from the node to a target (R7.19).
func (w *walker) lbAccepts(e *network.ENI) bool {
	lb := w.loadBalancer(e)
	if lb == nil {
		w.lbUnlisted(e)
		return false
	}
	if w.listenersUnlisted(lb, e) {
		return false
	}
	for _, l := range lb.Listeners {
		if l.Port != w.pkt.DstPort || !listenerCarries(l.Protocol, w.pkt.Proto) {
			continue
		}
		if w.targetsUnlisted(lb, e, l) {
			return false
		}
		if tgs := w.usableTargets(l); len(tgs) > 0 {
			w.hop(lb.ID, HopLoadBalancer, ActAllow, w.say(func() string { return fmt.Sprintf("listener %s %d", l.Protocol, l.Port) }))
			if !w.albWAF(lb) {
				return false
			}
			return w.toTargets(e, lb, tgs, false)
		}
		w.block(Explanation{Code: CodeElbv2ListenerHasNoTg, Component: lb.ID, Rule: fmt.Sprintf("listener %s %d", l.Protocol, l.Port),
			Detail: fmt.Sprintf("listener %s %d of %s has no registered target", l.Protocol, l.Port, lb.ID),
			Fix:    "register targets in the listener's target group"})
		return false
	}
	if w.quiet {
		w.block(Explanation{Code: CodeElbv2ListenersMismatch, Component: lb.ID})
		return false
	}
	w.block(Explanation{Code: CodeElbv2ListenersMismatch, Component: lb.ID, Field: "destination port / protocol",
		Detail: fmt.Sprintf("no listener of %s accepts %s", lb.ID, protoPort(w.pkt)),
		Fix:    fmt.Sprintf("add a %s listener on port %d to %s", strings.ToUpper(w.pkt.Proto.String()), w.pkt.DstPort, lb.ID)})
	return false
}

// listenersUnlisted stops at a load balancer without listeners when the
// input listed no listeners at all: which ports it accepts is unknown.
func (w *walker) listenersUnlisted(lb *model.LoadBalancer, e *network.ENI) bool {
	if len(lb.Listeners) > 0 || e.VPC == nil || !e.VPC.M.IsUnlisted(model.UnlistedListeners) {
		return false
	}
	w.unlistedKind(e.VPC.M.UnlistedWhy, lb.ID, model.UnlistedListeners, "which ports "+lb.ID+" accepts is unknown")
	return true
}

// loadBalancer returns the load balancer that owns e or lists it as a node.
func (w *walker) loadBalancer(e *network.ENI) *model.LoadBalancer { return w.n.LoadBalancerOf(e) }

func listenerCarries(lp string, p model.Protocol) bool {
	switch strings.ToUpper(lp) {
	case "TCP", "TLS", "HTTP", "HTTPS":
		return p == model.ProtoTCP
	case "UDP":
		return p == model.ProtoUDP
	case "TCP_UDP":
		return p == model.ProtoTCP || p == model.ProtoUDP
	}
	return false
}

// tgTarget is a target the load balancer may send a connection to.
type tgTarget struct {
	tg *model.TargetGroup
	t  model.LBTarget
}

// usableTargets returns the targets the listener forwards to: the healthy
// ones, or every registered target when none is healthy. AWS documents that
// an NLB "fails open" when all targets are unhealthy; measured in lab
// aws_nlb_targets_instance_nacl_test (nlb-nip-tni: health checks from the
// NLB address are denied by the target NACL, the target is unhealthy, and
// clients still connect). The semantics file does not cover health (R7.19
// names only addresses); the measurement wins.
func (w *walker) usableTargets(l model.Listener) []tgTarget {
	var healthy, all []tgTarget
	for _, id := range l.TargetGroups {
		for _, tg := range w.n.TargetGroups(id) {
			for _, t := range tg.Targets {
				if t.Health == "draining" || t.Health == "unused" {
					continue
				}
				all = append(all, tgTarget{tg, t})
				if t.Health == "" || t.Health == "healthy" || t.Health == "initial" || t.Health == "unavailable" {
					healthy = append(healthy, tgTarget{tg, t})
				}
			}
		}
	}
	if len(healthy) > 0 {
		return healthy
	}
	if len(all) > 0 {
		w.warn = append(w.warn, "every target of the listener is unhealthy; the network load balancer fails open and sends to all of them")
	}
	return all
}

// toTargets walks the leg from the load balancer node to one of its targets
// and the target's response back to the node (R7.19): the node subnet's
// outbound NACL, the target subnet's inbound NACL and the target's security
// groups see the client address when the target group preserves it, else
// the node's private address; the response crosses the target subnet's
// outbound and the node subnet's inbound NACL. The connection succeeds when
// one target accepts it. viaPL: the request came through PrivateLink, so
// the targets always see the node's address (R7.19).
func (w *walker) toTargets(node *network.ENI, lb *model.LoadBalancer, tgs []tgTarget, viaPL bool) bool {
	var first *walker
	for _, tt := range tgs {
		sw := w.targetLeg(node, lb, tt, viaPL)
		if sw == nil {
			return true
		}
		if !sw.blocked && !sw.stopped {
			w.hops = append(w.hops, sw.hops...)
			w.warn = append(w.warn, sw.warn...)
			return true
		}
		if first == nil {
			first = sw
		}
	}
	w.hops = append(w.hops, first.hops...)
	w.warn = append(w.warn, first.warn...)
	w.ex = append(w.ex, first.ex...)
	w.blocked = true
	w.unknown = w.unknown || first.unknown // a leg the input cannot decide keeps the answer unknown
	return false
}

// targetLeg checks one target; nil means the target cannot be checked (a
// warning says so) and is taken as accepting. The node is an ordinary
// interface for routing (R8.10): the request leaves it through its security
// groups (an ALB's, R2.1), its subnet's NACL and route table, and reaches
// the target however the routes lead (local, peering, transit gateway, or
// an on-premises IP target over VPN / Direct Connect).
func (w *walker) targetLeg(node *network.ENI, lb *model.LoadBalancer, tt tgTarget, viaPL bool) *walker {
	if strings.EqualFold(tt.tg.TargetType, "lambda") {
		return w.lambdaTarget(lb, tt)
	}
	t := w.targetENI(lb, tt)
	var dst netip.Addr
	if t != nil {
		dst = t.M.PrimaryIP()
	}
	if ip, err := netip.ParseAddr(tt.t.ID); err == nil {
		dst = ip
	}
	if t == nil && w.n.SiteFor(dst) == nil {
		w.warn = append(w.warn, fmt.Sprintf("%s: target %s of %s is not an interface in the snapshot; the path to it is not checked", lb.ID, tt.t.ID, tt.tg.ID))
		return nil
	}
	leg := w.pkt
	leg.Dst = dst
	leg.DstPort = tt.t.Port
	if leg.DstPort == 0 {
		leg.DstPort = tt.tg.Port
	}
	preserve := !viaPL && preservesClientIP(lb, tt.tg, w.pkt.Proto)
	rule := "client IP preserved (R7.19)"
	if !preserve {
		leg.Src, rule = w.pkt.Dst, "source is the node's private address (R7.19)"
	}
	sw := newWalker(w.n, false, nil, leg)
	sw.quiet = w.quiet
	sw.hop(lb.ID, HopLoadBalancer, ActForward, w.say(func() string { return fmt.Sprintf("to target %s %s, %s", tt.t.ID, leg.Dst, rule) }))
	if t != nil && preserve && (t.M.HasIP(leg.Src) || w.ownsPublic(t, leg.Src)) {
		sw.stop(Explanation{Code: CodeNoPath, Component: lb.ID, Field: "source address",
			Detail: fmt.Sprintf("%s is a target of %s and connects to it with client IP preservation on; the target drops the request whose source is its own address (AWS: NLB loopback is not supported; lab aws_nlb_targets_instance_nacl_test)", t.Label(), lb.ID),
			Fix:    "turn client IP preservation off on " + tt.tg.ID + " or connect from another host"})
		return sw
	}
	sw.leaveENI(node)
	if sw.done == nil {
		return sw
	}
	if t != nil && (sw.done.kind != AtENI || sw.done.eni != t) {
		sw.stop(Explanation{Code: CodeNoPath, Component: endLabel(sw.done), IDs: endIDs(sw.done), Field: "destination address",
			Detail: fmt.Sprintf("the request for target %s was delivered to %s", t.Label(), endLabel(sw.done)),
			Fix:    "check the routes from the load balancer's subnet to the target"})
		return sw
	}
	if preserve && t != nil {
		// The load balancer tracks the flow: the response goes back to the
		// node whatever the target's routes say about the client (R7.19).
		// An on-premises target (t nil) answers over its own routes, below.
		sw.dir, sw.pkt = DirReturn, leg.Reply()
		if node.Subnet != t.Subnet {
			sw.nacl(t.Subnet, true)
			sw.nacl(node.Subnet, false)
		}
		return sw
	}
	w.targetReturn(sw, leg)
	return sw
}

// targetReturn walks the target's response to the leg's source (the node,
// or the preserved client of an on-premises target) and adds it to the leg:
// routed like any response (R0.4).
func (w *walker) targetReturn(sw *walker, leg network.Packet) {
	rw := newWalker(w.n, true, sw.st, sw.done.pkt.Reply())
	rw.quiet = w.quiet
	startReturn(rw, sw.done, sw.st)
	if rw.done != nil {
		checkReturn(rw, leg)
	}
	sw.hops = append(sw.hops, rw.hops...)
	sw.ex = append(sw.ex, rw.ex...)
	sw.warn = append(sw.warn, rw.warn...)
	sw.blocked = sw.blocked || rw.blocked || rw.stopped || rw.done == nil
	sw.unknown = sw.unknown || rw.unknown
}

func (w *walker) ownsPublic(e *network.ENI, ip netip.Addr) bool {
	pub, ok := w.n.PublicFor(e, e.M.PrimaryIP())
	return ok && pub == ip
}

// targetENI finds the interface of a target: an instance's interface in the
// target group's VPC, or the owner of an IP target.
func (w *walker) targetENI(lb *model.LoadBalancer, tt tgTarget) *network.ENI {
	if ip, err := netip.ParseAddr(tt.t.ID); err == nil {
		for _, e := range w.n.ENIsByIP(ip) {
			return e
		}
		return nil
	}
	var ids []string
	if inst, ok := model.Lookup[*model.Instance](w.n.Index, tt.t.ID); ok {
		ids = inst.ENIs
	} else {
		ids = w.n.InstanceENIs(tt.t.ID)
	}
	var fallback *network.ENI
	for _, id := range ids {
		e := w.n.ENIs[id]
		if e == nil {
			continue
		}
		if fallback == nil {
			fallback = e
		}
		if e.M.VPC == lb.VPC {
			return e
		}
	}
	return fallback
}

// preservesClientIP: an explicit attribute wins; by default an NLB preserves
// the client address for instance targets and for UDP, not for TCP/TLS IP
// targets; an ALB always connects from its own address (R7.19).
func preservesClientIP(lb *model.LoadBalancer, tg *model.TargetGroup, p model.Protocol) bool {
	if !strings.EqualFold(lb.Type, "network") {
		return false
	}
	if tg.PreserveClientIP != nil {
		return *tg.PreserveClientIP
	}
	if v, ok := tg.Attributes["preserve_client_ip.enabled"]; ok {
		return v == "true"
	}
	return strings.EqualFold(tg.TargetType, "instance") || p == model.ProtoUDP
}

// endpointAccepts checks a request to an interface endpoint ENI: TCP only
// (R7.8) on the service's port: 443 for AWS services (R7.10), the NLB
// listener ports for an endpoint service (R7.18). Lab aws_vpc_endpoints:
// tcp/22 and ping to the ec2 endpoint ENI 10.1.3.231 are filtered.
func (w *walker) endpointAccepts(e *network.ENI) {
	ep := w.endpointOf(e)
	if ep == nil {
		return
	}
	if !ep.Available() {
		w.block(Explanation{Code: CodeBadState, Component: ep.ID, Field: "endpoint state",
			Detail: fmt.Sprintf("interface endpoint %s is %s; it carries traffic only once the provider accepted it and it is available (R7.7, R7.18)", ep.ID, ep.State),
			Fix:    "accept the endpoint connection on the provider's endpoint service"})
		return
	}
	ports := w.servicePorts(ep.ServiceName)
	if w.pkt.Proto == model.ProtoTCP {
		for _, p := range ports {
			if p == w.pkt.DstPort {
				w.privateLink(ep)
				return
			}
		}
	}
	if w.quiet {
		w.block(Explanation{Code: CodeNoPath, Component: ep.ID})
		return
	}
	w.block(Explanation{Code: CodeNoPath, Component: ep.ID, Field: "protocol / destination port",
		Detail: fmt.Sprintf("interface endpoint %s (%s) carries only TCP to the service's ports %v; %s is dropped (R7.8, R7.10)", ep.ID, ep.ServiceName, ports, protoPort(w.pkt)),
		Fix:    fmt.Sprintf("connect to %s over TCP %v", ep.ServiceName, ports)})
}

func (w *walker) endpointOf(e *network.ENI) *model.VPCEndpoint { return w.n.EndpointOf(e) }

// servicePorts: the listener ports of the NLBs behind an endpoint service,
// else 443 (AWS services answer HTTPS, R7.10).
func (w *walker) servicePorts(name string) []uint16 {
	if ports := w.n.ServicePorts(name); len(ports) > 0 {
		return ports
	}
	return https
}

var https = []uint16{443}

// privateLink carries a request that reached the endpoint of a provider's
// endpoint service on to the provider's network load balancer and one of
// its targets. The targets see the node's private address as source,
// whatever the target group's client-IP setting, so their security groups
// must admit the NLB, not the consumer (R7.18, R7.19, S27). AWS services
// (no NLB in the snapshot) end at the endpoint.
func (w *walker) privateLink(ep *model.VPCEndpoint) {
	lb, node := w.serviceNLB(ep.ServiceName)
	if lb == nil {
		return
	}
	if node == nil {
		w.warn = append(w.warn, fmt.Sprintf("%s: no node interface of %s is in the snapshot; the provider side is not checked", ep.ServiceName, lb.ID))
		return
	}
	if w.listenersUnlisted(lb, node) {
		return
	}
	for _, l := range lb.Listeners {
		if l.Port != w.pkt.DstPort || !listenerCarries(l.Protocol, w.pkt.Proto) {
			continue
		}
		tgs := w.usableTargets(l)
		if len(tgs) == 0 {
			w.block(Explanation{Code: CodeElbv2ListenerHasNoTg, Component: lb.ID, Rule: fmt.Sprintf("listener %s %d", l.Protocol, l.Port),
				Detail: fmt.Sprintf("listener %s %d of %s has no registered target", l.Protocol, l.Port, lb.ID)})
			return
		}
		w.hop(lb.ID, HopLoadBalancer, ActAllow, w.say(func() string {
			return fmt.Sprintf("listener %s %d, through PrivateLink from %s (R7.19)", l.Protocol, l.Port, ep.ID)
		}))
		req := w.pkt
		w.pkt.Dst = node.M.PrimaryIP()
		if !w.privateLinkSG(lb, node) {
			w.pkt = req
			return
		}
		w.toTargets(node, lb, tgs, true)
		w.pkt = req
		return
	}
}

// serviceNLB finds the network load balancer behind an endpoint service and
// its first node interface in the snapshot.
func (w *walker) serviceNLB(service string) (*model.LoadBalancer, *network.ENI) {
	for _, s := range w.n.Snap.EndpointServices {
		if s.ServiceName != service {
			continue
		}
		for _, lb := range w.n.Snap.LoadBalancers {
			if !strings.EqualFold(lb.Type, "network") || !slices.Contains(s.LoadBalancers, lb.ID) && !slices.Contains(s.LoadBalancers, lb.ARN) {
				continue
			}
			for _, nd := range lb.Nodes {
				if e := w.n.ENIs[nd.ENI]; e != nil {
					return lb, e
				}
			}
			return lb, nil
		}
	}
	return nil, nil
}
