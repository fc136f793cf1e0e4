package network

import (
	"net/netip"

	"github.com/gaissmai/bart"

	"github.com/netverify/netverify/model"
)

// VGW is a compiled virtual private gateway: the on-premises prefixes it
// knows and how (R6.3, R6.4).
type VGW struct {
	M     *model.VPNGateway
	VPCs  []*VPC
	table bart.Table[*HybridRoute]
}

// HybridRoute is a prefix a gateway learned from an on-premises site.
type HybridRoute struct {
	Dest   netip.Prefix
	Via    *SiteAttach
	Origin model.RouteOrigin // PropagatedDX, PropagatedVPNStatic or PropagatedVPNBGP
}

// Lookup returns the route the VGW uses for ip (R6.4), or nil: the VGW drops
// traffic to prefixes it does not know (R6.3).
func (g *VGW) Lookup(ip netip.Addr) *HybridRoute {
	r, _ := g.table.Lookup(ip)
	return r
}

func (g *VGW) routes() []*HybridRoute {
	var out []*HybridRoute
	for _, r := range g.table.AllSorted() {
		out = append(out, r)
	}
	return out
}

// Site is an on-premises network (R6.1) with the ways it reaches AWS.
type Site struct {
	M        *model.OnPremSite
	Attaches []*SiteAttach
}

// SiteFor returns the on-premises site whose CIDRs hold ip, or nil.
func (n *Network) SiteFor(ip netip.Addr) *Site {
	for _, s := range n.Sites {
		if s.Contains(ip) {
			return s
		}
	}
	return nil
}

// Contains reports whether ip is inside one of the site's CIDRs.
func (s *Site) Contains(ip netip.Addr) bool {
	for _, p := range s.M.CIDRs {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// SiteAttach is one way a site reaches one AWS gateway: a VPN connection or a
// Direct Connect VIF, ending on a VGW or (through a VPN or DX gateway
// attachment) on a TGW.
type SiteAttach struct {
	Site          *Site
	Via           string // vpn-... or dxvif-...
	DX            bool
	Origin        model.RouteOrigin
	VGW           *VGW
	TGW           string
	TGWAttachment string
	DXGateway     string
	// Allowed is the DX gateway association's allowed-prefix list (R6.10); nil when not via a DX gateway.
	Allowed  []netip.Prefix
	Prefixes []netip.Prefix // what the site advertises over this attachment
	Up       bool
}

// Label names the attachment for people.
func (a *SiteAttach) Label() string {
	switch {
	case a.VGW != nil:
		return a.Via + " -> " + a.VGW.M.ID
	case a.TGW != "":
		return a.Via + " -> " + a.TGW
	}
	return a.Via
}

// Advertises reports whether the AWS side of the attachment announces a route
// to ip to the site: for a VGW the attached VPCs' CIDRs, filtered by the DX
// gateway's allowed prefixes (R6.5, R6.10); for a TGW the routes of the table
// associated with the attachment (R6.7) or, via a DX gateway, the allowed
// prefixes themselves (R6.10).
func (a *SiteAttach) Advertises(n *Network, ip netip.Addr) bool {
	if a.VGW != nil {
		for _, v := range a.VGW.VPCs {
			for _, c := range append(append([]netip.Prefix{}, v.M.CIDRs...), v.M.IPv6CIDRs...) {
				if c.Contains(ip) && (a.DXGateway == "" || coveredBy(c, a.Allowed)) {
					return true
				}
			}
		}
		return false
	}
	if a.DXGateway != "" {
		for _, p := range a.Allowed {
			if p.Contains(ip) {
				return true
			}
		}
		return false
	}
	if t := n.TGWs[a.TGW]; t != nil {
		if tab := t.AssociatedTable(a.TGWAttachment); tab != nil {
			r := tab.Lookup(ip)
			return r != nil && !r.Blackhole
		}
	}
	return false
}

func coveredBy(c netip.Prefix, allowed []netip.Prefix) bool {
	for _, p := range allowed {
		if p.Bits() <= c.Bits() && p.Contains(c.Addr()) {
			return true
		}
	}
	return false
}

func (n *Network) compileHybrid() {
	for _, g := range n.Snap.VPNGateways {
		vg := &VGW{M: g}
		for _, id := range g.VPCs {
			if v := n.VPCs[id]; v != nil {
				vg.VPCs = append(vg.VPCs, v)
				v.VGW = vg
			}
		}
		n.VGWs[g.ID] = vg
	}
	for _, m := range n.Snap.Sites {
		s := &Site{M: m}
		for _, l := range m.Links {
			s.Attaches = append(s.Attaches, n.siteAttaches(s, l)...)
		}
		n.Sites = append(n.Sites, s)
		for _, a := range s.Attaches {
			if a.VGW != nil && a.Up {
				for _, p := range a.Prefixes {
					a.VGW.insert(&HybridRoute{Dest: p.Masked(), Via: a, Origin: a.Origin})
				}
			}
		}
	}
}

func (g *VGW) insert(r *HybridRoute) {
	if old, ok := g.table.Get(r.Dest); ok && old.Origin <= r.Origin {
		return // R6.4: DX BGP > VPN static > VPN BGP
	}
	g.table.Insert(r.Dest, r)
}

func (n *Network) siteAttaches(s *Site, l model.SiteLink) []*SiteAttach {
	adv := l.Advertises
	if len(adv) == 0 {
		adv = s.M.CIDRs
	}
	switch l.Kind {
	case "vpn":
		if c, ok := model.Lookup[*model.VPNConnection](n.Index, l.Ref); ok {
			return []*SiteAttach{n.vpnAttach(s, c, adv)}
		}
	case "cgw":
		var out []*SiteAttach
		for _, c := range n.Snap.VPNConnections {
			if c.CustomerGateway == l.Ref {
				out = append(out, n.vpnAttach(s, c, adv))
			}
		}
		return out
	case "vif":
		if v, ok := model.Lookup[*model.VirtualInterface](n.Index, l.Ref); ok {
			return n.vifAttaches(s, v, adv)
		}
	}
	n.warnf("site %s: link %s %q is not in the snapshot", s.M.ID, l.Kind, l.Ref)
	return nil
}

func (n *Network) vpnAttach(s *Site, c *model.VPNConnection, adv []netip.Prefix) *SiteAttach {
	a := &SiteAttach{Site: s, Via: c.ID, Origin: model.OriginPropagatedVPNBGP, Prefixes: adv, Up: c.Up()}
	if c.StaticRoutesOnly {
		a.Origin, a.Prefixes = model.OriginPropagatedVPNStatic, c.Routes
	}
	if c.VPNGateway != "" {
		a.VGW = n.VGWs[c.VPNGateway]
	}
	if c.TransitGateway != "" {
		a.TGW = c.TransitGateway
		a.TGWAttachment = n.attachmentFor(c.TransitGateway, model.TGWAttachVPN, c.ID)
	}
	return a
}

func (n *Network) vifAttaches(s *Site, v *model.VirtualInterface, adv []netip.Prefix) []*SiteAttach {
	base := SiteAttach{Site: s, Via: v.ID, DX: true, Origin: model.OriginPropagatedDX, Prefixes: adv, Up: v.Up()}
	if v.VPNGateway != "" {
		a := base
		a.VGW = n.VGWs[v.VPNGateway]
		return []*SiteAttach{&a}
	}
	var out []*SiteAttach
	for _, dx := range n.Snap.DXGateways {
		if dx.ID != v.DXGateway {
			continue
		}
		for _, as := range dx.Associations {
			a := base
			a.DXGateway, a.Allowed = dx.ID, as.AllowedPrefixes
			switch model.TargetKindOfID(as.Gateway) {
			case model.TargetVGW:
				a.VGW = n.VGWs[as.Gateway]
			case model.TargetTGW:
				a.TGW = as.Gateway
				a.TGWAttachment = n.attachmentFor(as.Gateway, model.TGWAttachDXGateway, dx.ID)
			}
			out = append(out, &a)
		}
	}
	return out
}

func (n *Network) attachmentFor(tgw string, t model.TGWAttachmentType, resource string) string {
	for _, a := range n.Snap.TGWAttachments {
		if a.TGW == tgw && a.Type == t && a.ResourceID == resource {
			return a.ID
		}
	}
	return ""
}
