package reach

import (
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// ProtoSummary says which destination ports of one protocol are reachable.
type ProtoSummary struct {
	Proto     model.Protocol
	Reachable []model.PortRange // for ICMP: a single 0-0 range means echo works
	// Blocked is the answer for one blocked port class, to explain why (nil when all reachable).
	Blocked *Answer
	// Sample is the answer for one reachable class (nil when none).
	Sample *Answer
	// Unknown is set when the snapshot could not decide some class.
	Unknown bool
}

// Ports answers "which ports are reachable" exactly: destination ports are
// split at every boundary of every filter's port range, and one packet per
// class is walked; all ports of a class meet the same rules.
func Ports(n *network.Network, q Question, protos []model.Protocol) []ProtoSummary {
	var out []ProtoSummary
	for _, p := range protos {
		qq := q
		qq.Proto = p
		s := ProtoSummary{Proto: p}
		if !p.HasPorts() {
			qq.ICMPType, qq.ICMPCode = echoType(p, q), 0
			a := Ask(n, qq)
			s.Unknown = a.Verdict == Unknown
			if a.Reachable() {
				s.Reachable, s.Sample = []model.PortRange{{}}, a
			} else {
				s.Blocked = a
			}
			out = append(out, s)
			continue
		}
		for _, c := range classes(n.PortBounds(p), model.PortRange{From: 1, To: 65535}) {
			qq.DstPort = c.From
			a := Ask(n, qq)
			if !a.Reachable() {
				s.Unknown = s.Unknown || a.Verdict == Unknown
				if s.Blocked == nil || (a.Verdict == Unknown && s.Blocked.Verdict != Unknown) {
					s.Blocked = a
				}
				continue
			}
			if s.Sample == nil {
				s.Sample = a
			}
			if k := len(s.Reachable); k > 0 && s.Reachable[k-1].To+1 == c.From {
				s.Reachable[k-1].To = c.To
			} else {
				s.Reachable = append(s.Reachable, c)
			}
		}
		out = append(out, s)
	}
	return out
}

func echoType(p model.Protocol, q Question) int {
	if p == model.ProtoICMPv6 || q.Dst.IP.Is6() {
		return 128
	}
	return 8
}

// EphemeralOf returns the range an interface picks source ports from by
// what owns it (R2.12): AWS-managed interfaces (Lambda, NAT gateway, load
// balancer, VPC link) use 1024-65535, Windows instances 49152-65535, others
// the Linux range.
func EphemeralOf(n *network.Network, e *network.ENI) model.PortRange {
	switch e.M.OwnerKind {
	case model.OwnerLambda, model.OwnerNATGateway, model.OwnerLoadBalancer, model.OwnerVPCLink:
		return EphemeralAWS
	case model.OwnerInstance:
		if inst, ok := model.Lookup[*model.Instance](n.Index, e.M.OwnerID); ok && strings.EqualFold(inst.Platform, "windows") {
			return EphemeralWindows
		}
	}
	return EphemeralLinux
}
