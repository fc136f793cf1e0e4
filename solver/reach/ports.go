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
		blockedRank := 0
		for _, c := range classes(n.PortBounds(p), model.PortRange{From: 1, To: 65535}) {
			// Every port of a class meets the same rules; the walk (and so
			// the path shown) uses the class's best-known port.
			qq.DstPort = representative(p, c)
			a := Ask(n, qq)
			if !a.Reachable() {
				s.Unknown = s.Unknown || a.Verdict == Unknown
				if r := rank(p, c, a); s.Blocked == nil || r < blockedRank {
					s.Blocked, blockedRank = a, r
				}
				continue
			}
			if s.Sample == nil || rank(p, c, a) < rank(p, model.PortRange{From: s.Sample.Packet.DstPort, To: s.Sample.Packet.DstPort}, s.Sample) {
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

// wellKnown are the ports a class is best shown by, most familiar first: a
// "which ports" answer draws and explains its path on one of these when
// its class holds one, never on port 1 of the class below every rule.
var wellKnown = map[model.Protocol][]uint16{
	model.ProtoTCP: {443, 80, 22, 3389, 5432, 3306, 1433, 6379, 8080, 25, 53},
	model.ProtoUDP: {53, 123, 443, 161, 500, 514, 4500},
}

// representative is the port of class c a walk uses: its best-known port,
// else its lowest.
func representative(p model.Protocol, c model.PortRange) uint16 {
	for _, port := range wellKnown[p] {
		if c.From <= port && port <= c.To {
			return port
		}
	}
	return c.From
}

// rank orders the classes that may stand for a protocol (lower is better):
// an unknown answer first (it names what the input lacks), then a class
// holding a well-known port, then one starting at a rule's bound, then the
// class below every rule (port 1).
func rank(p model.Protocol, c model.PortRange, a *Answer) int {
	r := 0
	if a.Verdict != Unknown {
		r = 1000
	}
	for i, port := range wellKnown[p] {
		if c.From <= port && port <= c.To {
			return r + i
		}
	}
	if c.From != 1 {
		return r + 100
	}
	return r + 200
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
