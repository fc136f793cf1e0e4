package viz

import (
	"strings"

	"github.com/netverify/netverify/model"
)

const (
	internetID = "internet"
	onPremID   = "onprem"
	dxSiteID   = "onprem_dx"
)

// addOutside draws what lives outside VPCs: transit gateways in their region,
// customer gateways, sites and Direct Connect gateways on the on-premises side,
// and the internet.
func (b *builder) addOutside() {
	for _, t := range b.s.TransitGateways {
		b.addNode(b.regionCluster(t.Account, t.Region), t.ID, lines("transit gateway", t.Label()), kTGW, t.ID)
	}
	op := b.d.Root.child(onPremID, "on-premises", onPremStyle)
	for _, s := range b.s.Sites {
		b.addNode(op, s.ID, lines("site "+s.Label(), prefixes(s.CIDRs), b.siteDNS(s)), kSite, s.ID)
	}
	for _, c := range b.s.CustomerGateways {
		label := lines("customer gateway", c.Label())
		if c.IP.IsValid() {
			label += "\n" + c.IP.String()
		}
		b.addNode(op, c.ID, label, kCGW, c.ID)
	}
	for _, g := range b.s.DXGateways {
		b.addNode(b.d.Root, g.ID, lines("Direct Connect gateway", g.Label()), kDXGW, g.ID)
	}
	b.addNode(b.d.Root, internetID, "Internet", kInternet, "")
}

func (b *builder) siteDNS(s *model.OnPremSite) string {
	var ips []string
	for _, d := range b.s.DNSServers {
		if d.Site == s.ID && d.IP.IsValid() {
			ips = append(ips, d.IP.String())
		}
	}
	if len(ips) == 0 {
		return ""
	}
	return "DNS " + strings.Join(ips, ", ")
}

// link adds an edge between two references: node IDs, resource IDs or "vpc:ID".
func (b *builder) link(from, to, label, kind string) {
	path := kind == lForward || kind == lReturn || kind == lBlocked || kind == lDNS
	b.d.Edges = append(b.d.Edges, &Edge{From: from, To: to, Label: label, Style: edgeStyles[kind], Undirected: !path, kind: kind})
}

// addLinks adds the topology edges: internet, peering, TGW, VPN, Direct Connect.
func (b *builder) addLinks() {
	for _, g := range b.s.InternetGateways {
		if b.nodes[g.ID] != nil {
			b.link(g.ID, internetID, "", lInternet)
		}
	}
	for _, g := range b.s.EgressOnlyIGWs {
		if b.nodes[g.ID] != nil {
			b.link(g.ID, internetID, "IPv6 out", lInternet)
		}
	}
	for _, p := range b.s.PeeringConnections {
		label := "peering " + p.Label()
		if !p.Active() {
			label += " (" + p.Status + ")"
		}
		b.link("vpc:"+p.Requester.VPC, "vpc:"+p.Accepter.VPC, label, lPeering)
	}
	b.tgwLinks()
	b.hybridLinks()
}

func (b *builder) tgwLinks() {
	for _, a := range b.s.TGWAttachments {
		switch a.Type {
		case model.TGWAttachVPC:
			label := a.ID
			if b.mode[a.ResourceID] == collapsed {
				label = "" // hundreds of attachment IDs on a hub make it unreadable
			}
			b.link(a.TGW, "vpc:"+a.ResourceID, label, lTGW)
		case model.TGWAttachDXGateway:
			b.link(a.TGW, a.ResourceID, a.ID, lDX)
		case model.TGWAttachPeering:
			peer := or(a.PeerTGW, a.ResourceID)
			if peer == "" || a.TGW > peer && b.nodes[peer] != nil {
				continue // drawn from the other side
			}
			if b.nodes[peer] == nil {
				b.addNode(b.regionCluster(a.PeerAccount, a.PeerRegion), peer, lines("transit gateway", peer, "(peer, not in snapshot)"), kTGW, peer)
			}
			b.link(a.TGW, peer, "TGW peering "+a.ID, lTGW)
		}
	}
}

func (b *builder) hybridLinks() {
	vpnCGW := map[string]string{}
	for _, c := range b.s.VPNConnections {
		vpnCGW[c.ID] = c.CustomerGateway
		label := "VPN " + c.Label()
		if !c.Up() {
			label += " (down)"
		}
		// On-premises end first: DOT ranks follow edge direction, so every
		// on-premises node stays on one side of the VPCs instead of the
		// on-premises box stretching across the whole drawing.
		b.link(c.CustomerGateway, or(c.VPNGateway, c.TransitGateway), label, lVPN)
	}
	vifUsed := map[string]bool{}
	for _, s := range b.s.Sites {
		for _, l := range s.Links {
			switch {
			case vpnCGW[l.Ref] != "":
				b.link(s.ID, vpnCGW[l.Ref], "", lSite)
			case l.Kind == "vif" || strings.HasPrefix(l.Ref, "dxvif-"):
				vifUsed[l.Ref] = true
				b.vifLink(s.ID, l.Ref)
			default:
				b.link(s.ID, l.Ref, "", lSite)
			}
		}
	}
	for _, v := range b.s.VirtualInterfaces {
		if !vifUsed[v.ID] {
			b.addNode(b.d.Root.child(onPremID, "on-premises", onPremStyle), dxSiteID, "Direct Connect location\n(no site in the input)", kSite, "")
			b.vifLink(dxSiteID, v.ID)
		}
	}
	for _, g := range b.s.DXGateways {
		for _, a := range g.Associations {
			b.link(g.ID, a.Gateway, "association", lDX)
		}
	}
}

func (b *builder) vifLink(site, vif string) {
	for _, v := range b.s.VirtualInterfaces {
		if v.ID == vif || v.Name == vif {
			label := "DX " + v.Type + " VIF " + v.Label()
			if !v.Up() {
				label += " (down)"
			}
			b.link(site, or(v.DXGateway, v.VPNGateway), label, lDX)
			return
		}
	}
}
