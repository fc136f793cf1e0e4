package reach

import (
	"fmt"
	"net/netip"

	"github.com/netverify/netverify/model"
)

// protoESP is IPsec's Encapsulating Security Payload (IP protocol 50).
const protoESP model.Protocol = 50

// vpnTunnelAt returns the VPN connection one of whose tunnels has outside
// address ip, and the tunnel's number (1, 2).
func (w *walker) vpnTunnelAt(ip netip.Addr) (*model.VPNConnection, int) {
	for _, v := range w.n.Snap.VPNConnections {
		for i, t := range v.Tunnels {
			if t.OutsideIP.IsValid() && t.OutsideIP == ip {
				return v, i + 1
			}
		}
	}
	return nil, 0
}

// vpnTunnelAccepts stops a connection to a VPN tunnel's outside address
// that is not IPsec or ICMP: AWS's endpoint answers IKE on UDP 500, NAT
// traversal on UDP 4500, ESP and ping, and nothing else (R6.20).
func (w *walker) vpnTunnelAccepts(v *model.VPNConnection, tunnel int) bool {
	p := w.pkt
	switch {
	case p.Proto == model.ProtoUDP && (p.DstPort == 500 || p.DstPort == 4500),
		p.Proto == protoESP, p.Proto == model.ProtoICMP:
		return true
	}
	w.stop(Explanation{Code: CodeVpnEndpointProtocol, Component: v.ID, IDs: []string{v.ID}, Field: "protocol / destination port",
		Detail: w.say(func() string {
			return fmt.Sprintf("%s is the outside address of tunnel %d of VPN connection %s: AWS's VPN endpoint answers only IPsec (IKE on UDP 500, NAT traversal on UDP 4500, ESP) and ICMP; %s is not answered (R6.20; AWS Site-to-Site VPN User Guide, firewall rules for the customer gateway device)",
				p.Dst, tunnel, v.ID, protoPort(p))
		}),
		Fix: "reach the hosts behind the tunnel through the VPN, by their private addresses; the tunnel endpoint itself serves no other protocol"})
	return false
}
