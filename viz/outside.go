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
	b.d.Edges = append(b.d.Edges, &Edge{From: from, To: to, Label: label, Style: edgeStyles[kind], Undirected: undirected[kind], kind: kind})
}

// undirected are the link kinds that carry traffic both ways and draw
// without arrow heads; routes, integrations and paths point the way traffic goes.
var undirected = map[string]bool{lInternet: true, lPeering: true, lTGW: true, lVPN: true, lDX: true, lSite: true}

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
		b.peering(p)
	}
	b.tgwLinks()
	b.hybridLinks()
}

// peering draws a peering connection. When a side is drawn in full, the
// connection is a node of its own, so the route tables that send traffic over
// it have something to point at; between boxes it is a labelled line.
func (b *builder) peering(p *model.PeeringConnection) {
	label := "peering " + p.Label()
	if !p.Active() {
		label += " (" + p.Status + ")"
	}
	req, acc := p.Requester.VPC, p.Accepter.VPC
	if b.mode[req] != expanded && b.mode[acc] != expanded {
		b.link("vpc:"+req, "vpc:"+acc, label, lPeering)
		return
	}
	c := b.d.Root
	if r, a := b.vpcs[req], b.vpcs[acc]; r != nil && a != nil && r.Account == a.Account && r.Region == a.Region {
		c = b.regionCluster(r.Account, r.Region)
	}
	b.addNode(c, p.ID, lines("VPC peering", strings.TrimPrefix(label, "peering ")), kPeering, p.ID)
	b.link("vpc:"+req, p.ID, "", lPeering)
	b.link(p.ID, "vpc:"+acc, "", lPeering)
}

// tgwVPCLink draws a VPC attachment: to the attachment's interfaces in each
// of its subnets (R5.2) when the VPC is drawn in full (not to the VPC's
// border, where the line ended on whatever node sorted first), else to the
// VPC's box (unlabelled: hundreds of attachment IDs on a hub are unreadable).
func (b *builder) tgwVPCLink(a *model.TGWAttachment) {
	if b.mode[a.ResourceID] != expanded || len(a.Subnets) == 0 {
		label := "attachment " + a.Label()
		if b.mode[a.ResourceID] == collapsed || b.mode[a.ResourceID] == grouped {
			label = ""
		}
		b.link(a.TGW, "vpc:"+a.ResourceID, label, lTGW)
		return
	}
	for _, sn := range a.Subnets {
		// Unlabelled: the attachment's interface node already names it.
		ref := a.ID + "@" + sn
		if b.nodes[ref] == nil {
			ref = "cluster:sn_" + sn
		}
		b.link(a.TGW, ref, "", lTGW)
	}
}

func (b *builder) tgwLinks() {
	for _, a := range b.s.TGWAttachments {
		switch a.Type {
		case model.TGWAttachVPC:
			b.tgwVPCLink(a)
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
