package model

import (
	"net/netip"
	"slices"
	"sort"
)

// implicitSites adds the on-premises networks the input implies without a
// scenario (issue 17): the destination of a VPN connection's static route
// (including CloudFormation's AWS::EC2::VPNConnectionRoute), and of a route
// the input lists as propagated from a VGW (into a VPC route table) or from
// a VPN or Direct Connect gateway attachment (into a TGW route table), can
// only be on premises behind that link (R6.3, R5.5, R6.11). Each link gets
// one site, marked Implicit and named "implicit site behind vpn-…", so that
// an address in those ranges is an on-premises host there. A scenario's
// explicit site wins: prefixes that overlap one are left out. Direct Connect
// gateway allowed prefixes are not used: they are what AWS advertises to
// on premises, AWS-side ranges (R6.10).
func (d *deriver) implicitSites() {
	byLink := map[siteLink][]netip.Prefix{}
	for _, c := range d.s.VPNConnections {
		for _, p := range c.Routes {
			byLink[siteLink{"vpn", c.ID}] = appendPrefix(byLink[siteLink{"vpn", c.ID}], p)
		}
	}
	d.propagatedVGWRoutes(byLink)
	d.propagatedTGWRoutes(byLink)
	links := make([]siteLink, 0, len(byLink))
	for l := range byLink {
		links = append(links, l)
	}
	sort.Slice(links, func(i, j int) bool { return links[i].ref < links[j].ref })
	for _, l := range links {
		d.addImplicitSite(l, byLink[l])
	}
}

type siteLink struct{ kind, ref string }

// propagatedVGWRoutes: a route propagated from a VGW came over one of its
// links; with one link it is that one, with several the site stands behind
// each of the VGW's links that carries no static route covering it.
func (d *deriver) propagatedVGWRoutes(byLink map[siteLink][]netip.Prefix) {
	for _, rt := range d.s.RouteTables {
		for _, r := range rt.Routes {
			if !r.Origin.Propagated() || r.Target.Kind != TargetVGW || !r.Destination.IsValid() {
				continue
			}
			for _, l := range d.vgwLinks(r.Target.ID, r.Destination, byLink) {
				byLink[l] = appendPrefix(byLink[l], r.Destination)
			}
		}
	}
}

func (d *deriver) vgwLinks(vgw string, p netip.Prefix, byLink map[siteLink][]netip.Prefix) []siteLink {
	var out []siteLink
	for _, c := range d.s.VPNConnections {
		if c.VPNGateway != vgw {
			continue
		}
		l := siteLink{"vpn", c.ID}
		if slices.Contains(byLink[l], p.Masked()) {
			return nil // the VPN's static route: already behind that link
		}
		if !c.StaticRoutesOnly {
			out = append(out, l)
		}
	}
	for _, v := range d.s.VirtualInterfaces {
		if v.VPNGateway == vgw {
			out = append(out, siteLink{"vif", v.ID})
		}
	}
	return out
}

// propagatedTGWRoutes: a TGW route propagated from a VPN attachment is
// behind that VPN; from a DX gateway attachment, behind the gateway's VIFs.
func (d *deriver) propagatedTGWRoutes(byLink map[siteLink][]netip.Prefix) {
	atts := map[string]*TGWAttachment{}
	for _, a := range d.s.TGWAttachments {
		atts[a.ID] = a
	}
	for _, t := range d.s.TGWRouteTables {
		for _, r := range t.Routes {
			if !r.Propagated || !r.Destination.IsValid() || len(r.Attachments) == 0 {
				continue
			}
			a := atts[r.Attachments[0]]
			if a == nil {
				continue
			}
			switch a.Type {
			case TGWAttachVPN:
				l := siteLink{"vpn", a.ResourceID}
				byLink[l] = appendPrefix(byLink[l], r.Destination)
			case TGWAttachDXGateway:
				for _, v := range d.s.VirtualInterfaces {
					if v.DXGateway == a.ResourceID {
						l := siteLink{"vif", v.ID}
						byLink[l] = appendPrefix(byLink[l], r.Destination)
					}
				}
			}
		}
	}
}

func appendPrefix(ps []netip.Prefix, p netip.Prefix) []netip.Prefix {
	p = p.Masked()
	if !p.IsValid() || slices.Contains(ps, p) {
		return ps
	}
	return append(ps, p)
}

// addImplicitSite adds the site behind link l with the prefixes no
// explicit site overlaps; none is added when the link's ID is unknown or
// every prefix belongs to an explicit site.
func (d *deriver) addImplicitSite(l siteLink, prefixes []netip.Prefix) {
	id := derivedID("site", l.kind, l.ref)
	var owner *Meta
	switch l.kind {
	case "vpn":
		if c, ok := Lookup[*VPNConnection](d.ix, l.ref); ok {
			owner = &c.Meta
		}
	case "vif":
		if v, ok := Lookup[*VirtualInterface](d.ix, l.ref); ok {
			owner = &v.Meta
		}
	}
	if owner == nil {
		return
	}
	var cidrs []netip.Prefix
	for _, p := range prefixes {
		if !d.explicitSiteOverlaps(p) {
			cidrs = append(cidrs, p)
		}
	}
	for _, s := range d.s.Sites {
		if s.ID == id {
			return // Derive ran before
		}
	}
	if len(cidrs) == 0 {
		return
	}
	slices.SortFunc(cidrs, func(a, b netip.Prefix) int { return a.Addr().Compare(b.Addr()) })
	s := &OnPremSite{CIDRs: cidrs, Links: []SiteLink{{Kind: l.kind, Ref: owner.ID}}, Implicit: true}
	inherit(&s.Meta, owner, id)
	s.Name = "implicit site behind " + owner.ID
	s.Assume("on-premises ranges inferred from the routes AWS sends to " + owner.ID + " (R6.3); describe the site in a scenario overlay to name it and give its DNS servers and clients")
	d.s.Sites = append(d.s.Sites, s)
}

func (d *deriver) explicitSiteOverlaps(p netip.Prefix) bool {
	for _, s := range d.s.Sites {
		if s.Implicit {
			continue
		}
		for _, c := range s.CIDRs {
			if c.Overlaps(p) {
				return true
			}
		}
	}
	return false
}
