package network

import (
	"fmt"
	"net/netip"

	"github.com/netverify/netverify/model"
)

// Packet is one concrete packet header (R0.1). ICMP packets carry a type and
// code instead of ports.
type Packet struct {
	Proto    model.Protocol
	Src, Dst netip.Addr
	SrcPort  uint16
	DstPort  uint16
	ICMPType int
	ICMPCode int
}

// Reply returns the response packet: addresses and ports swapped, ICMP echo
// request turned into echo reply (R0.4).
func (p Packet) Reply() Packet {
	r := Packet{Proto: p.Proto, Src: p.Dst, Dst: p.Src, SrcPort: p.DstPort, DstPort: p.SrcPort,
		ICMPType: p.ICMPType, ICMPCode: p.ICMPCode}
	switch {
	case p.Proto == model.ProtoICMP && p.ICMPType == 8:
		r.ICMPType = 0
	case p.Proto == model.ProtoICMPv6 && p.ICMPType == 128:
		r.ICMPType = 129
	}
	return r
}

// String renders "tcp 10.0.0.1:40000 -> 10.0.1.2:443".
func (p Packet) String() string {
	if p.Proto.HasPorts() {
		return fmt.Sprintf("%s %s -> %s", p.Proto, addrPort(p.Src, p.SrcPort), addrPort(p.Dst, p.DstPort))
	}
	if p.Proto == model.ProtoICMP || p.Proto == model.ProtoICMPv6 {
		return fmt.Sprintf("%s type %d code %d %s -> %s", p.Proto, p.ICMPType, p.ICMPCode, addr(p.Src), addr(p.Dst))
	}
	return fmt.Sprintf("proto %s %s -> %s", p.Proto, addr(p.Src), addr(p.Dst))
}

// addr prints ip; an endpoint without an address (a planned interface
// whose subnet is in no input) reads "?".
func addr(ip netip.Addr) string {
	if !ip.IsValid() {
		return "?"
	}
	return ip.String()
}

func addrPort(ip netip.Addr, port uint16) string {
	if !ip.IsValid() {
		return fmt.Sprintf("?:%d", port)
	}
	return netip.AddrPortFrom(ip, port).String()
}

// matchProto reports whether a rule for protocol rp matches the packet's
// protocol, ports (destination port, R2.11) and ICMP type/code.
func matchProto(rp model.Protocol, ports model.PortRange, icmp model.ICMPMatch, p Packet) bool {
	if rp == model.ProtoAll {
		return true
	}
	if rp != p.Proto {
		return false
	}
	switch {
	case p.Proto.HasPorts():
		return ports.Contains(p.DstPort) // 0-0 is port 0, not "all": every importer writes model.AllPorts for all
	case p.Proto == model.ProtoICMP || p.Proto == model.ProtoICMPv6:
		return icmp.Matches(p.ICMPType, p.ICMPCode)
	}
	return true
}
