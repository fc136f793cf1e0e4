package network

import (
	"fmt"

	"github.com/netverify/netverify/model"
)

// BGPGap is a source of BGP-learned routes that propagates into a route
// table while the input lists none of the routes it learned (issue 17): a
// Site-to-Site VPN without static routes only, or a Direct Connect virtual
// interface, behind a VGW or a TGW attachment, with no scenario site saying
// what the far end advertises. Describe-JSON lists a VGW's learned routes
// in describe-route-tables, but a TGW's only through
// search-transit-gateway-routes (often collected with type=static), and a
// template never. Which destinations those routes cover is unknown.
type BGPGap struct {
	Gateway string // the vgw- or the TGW attachment the routes come through
	Link    string // the vpn- or dxvif- (or DX gateway) that learns them
	What    string // "Site-to-Site VPN vpn-… (BGP, 15 routes accepted)"
}

// String names the gap for people.
func (g BGPGap) String() string { return g.What + " via " + g.Gateway }

// vgwGaps returns the BGP sources behind VGW id whose routes no site states.
func (n *Network) vgwGaps(id string) []BGPGap {
	var out []BGPGap
	for _, c := range n.Snap.VPNConnections {
		if c.VPNGateway == id && n.vpnLearnsUnknown(c) {
			out = append(out, BGPGap{Gateway: id, Link: c.ID, What: vpnWhat(c)})
		}
	}
	for _, v := range n.Snap.VirtualInterfaces {
		if v.VPNGateway == id && v.Up() && !n.siteVia(v.ID, "") {
			out = append(out, BGPGap{Gateway: id, Link: v.ID, What: "Direct Connect virtual interface " + v.ID + " (BGP)"})
		}
	}
	for _, dx := range n.Snap.DXGateways {
		for _, as := range dx.Associations {
			if as.Gateway == id && n.dxLearnsUnknown(dx) {
				out = append(out, BGPGap{Gateway: id, Link: dx.ID, What: "Direct Connect gateway " + dx.ID + " (BGP)"})
			}
		}
	}
	return out
}

// tgwGap returns the BGP source behind a VPN or DX gateway attachment whose
// routes no site states.
func (n *Network) tgwGap(a *model.TGWAttachment) (BGPGap, bool) {
	if !a.Available() || n.siteVia("", a.ID) {
		return BGPGap{}, false
	}
	switch a.Type {
	case model.TGWAttachVPN:
		for _, c := range n.Snap.VPNConnections {
			if c.ID == a.ResourceID && n.vpnLearnsUnknown(c) {
				return BGPGap{Gateway: a.ID, Link: c.ID, What: vpnWhat(c)}, true
			}
		}
	case model.TGWAttachDXGateway:
		for _, dx := range n.Snap.DXGateways {
			if dx.ID == a.ResourceID && n.dxLearnsUnknown(dx) {
				return BGPGap{Gateway: a.ID, Link: dx.ID, What: "Direct Connect gateway " + dx.ID + " (BGP)"}, true
			}
		}
	}
	return BGPGap{}, false
}

// vpnLearnsUnknown: a VPN that uses BGP, is up, may have learned routes
// (its tunnels' telemetry does not say none) and no site states them.
func (n *Network) vpnLearnsUnknown(c *model.VPNConnection) bool {
	if c.StaticRoutesOnly || !c.Up() || n.siteVia(c.ID, "") {
		return false
	}
	for _, t := range c.Tunnels {
		if t.Status == "" || t.AcceptedRoutes > 0 {
			return true
		}
	}
	return len(c.Tunnels) == 0
}

// dxLearnsUnknown: a DX gateway with an up VIF that no site stands behind.
func (n *Network) dxLearnsUnknown(dx *model.DXGateway) bool {
	for _, v := range n.Snap.VirtualInterfaces {
		if v.DXGateway == dx.ID && v.Up() && !n.siteVia(v.ID, "") {
			return true
		}
	}
	return false
}

func vpnWhat(c *model.VPNConnection) string {
	accepted := 0
	for _, t := range c.Tunnels {
		accepted = max(accepted, t.AcceptedRoutes)
	}
	if accepted > 0 {
		return fmt.Sprintf("Site-to-Site VPN %s (BGP, %d routes accepted)", c.ID, accepted)
	}
	return "Site-to-Site VPN " + c.ID + " (BGP)"
}

// siteVia reports whether a site (from a scenario, or implicit) attaches
// through the link or TGW attachment.
func (n *Network) siteVia(link, attachment string) bool {
	for _, s := range n.Sites {
		for _, a := range s.Attaches {
			if link != "" && a.Via == link || attachment != "" && a.TGWAttachment == attachment {
				return true
			}
		}
	}
	return false
}
