package network

import (
	"net/netip"

	"github.com/gaissmai/bart"

	"github.com/netverify/netverify/model"
)

// TGW is a compiled transit gateway (section 5).
type TGW struct {
	M      *model.TransitGateway
	Tables map[string]*TGWTable
	assoc  map[string]*TGWTable // attachment ID -> associated table (R5.4)
}

// AssociatedTable returns the table the attachment is associated with, or nil (R5.4).
func (t *TGW) AssociatedTable(attachment string) *TGWTable { return t.assoc[attachment] }

// TGWTable is a compiled TGW route table.
type TGWTable struct {
	M     *model.TGWRouteTable
	table bart.Table[*TGWRoute]
	// BGPGaps are VPN and DX gateway attachments propagating here whose
	// BGP-learned routes the input does not list (issue 17).
	BGPGaps []BGPGap
}

// TGWRoute is one winning route of a TGW route table.
type TGWRoute struct {
	Dest         netip.Prefix
	Attachments  []string
	Blackhole    bool
	Propagated   bool
	ResourceType string
	PrefixList   string
	Source       model.Source
}

// String renders "10.0.0.0/16 -> tgw-attach-1 (propagated)".
func (r *TGWRoute) String() string {
	s := r.Dest.String() + " -> "
	switch {
	case r.Blackhole:
		s += "blackhole"
	case len(r.Attachments) > 0:
		s += r.Attachments[0]
	}
	if r.Propagated {
		s += " (propagated)"
	}
	return s
}

// rank orders same-prefix TGW routes (R5.7): static, prefix-list, VPC,
// DX gateway, Connect, VPN, peering.
func (r *TGWRoute) rank() int {
	if !r.Propagated {
		if r.PrefixList != "" {
			return 1
		}
		return 0
	}
	switch model.TGWAttachmentType(r.ResourceType) {
	case model.TGWAttachVPC:
		return 2
	case model.TGWAttachDXGateway:
		return 3
	case model.TGWAttachConnect:
		return 4
	case model.TGWAttachVPN:
		return 5
	}
	return 6
}

// Lookup returns the winning route for ip, or nil.
func (t *TGWTable) Lookup(ip netip.Addr) *TGWRoute {
	r, _ := t.table.Lookup(ip)
	return r
}

func (t *TGWTable) insert(r *TGWRoute) {
	r.Dest = r.Dest.Masked()
	if old, ok := t.table.Get(r.Dest); ok && old.rank() <= r.rank() {
		return
	}
	t.table.Insert(r.Dest, r)
}

func (n *Network) tgw(id string) *TGW {
	t := n.TGWs[id]
	if t == nil {
		t = &TGW{Tables: map[string]*TGWTable{}, assoc: map[string]*TGWTable{}}
		n.TGWs[id] = t
	}
	return t
}

func (n *Network) compileTGWs() {
	for _, m := range n.Snap.TransitGateways {
		n.tgw(m.ID).M = m
	}
	for _, m := range n.Snap.TGWRouteTables {
		t := n.tgw(m.TGW)
		tab := &TGWTable{M: m}
		t.Tables[m.ID] = tab
		n.compileTGWRoutes(tab)
		for _, a := range m.Associations {
			t.assoc[a] = tab
		}
	}
	for _, a := range n.Snap.TGWAttachments {
		if a.Association == "" {
			continue
		}
		if tab := n.tgw(a.TGW).Tables[a.Association]; tab != nil {
			n.tgw(a.TGW).assoc[a.ID] = tab
		}
	}
}

func (n *Network) compileTGWRoutes(tab *TGWTable) {
	seen := map[string]bool{}
	for i := range tab.M.Routes {
		mr := &tab.M.Routes[i]
		r := &TGWRoute{Dest: mr.Destination, Attachments: mr.Attachments, Blackhole: mr.Blackhole,
			Propagated: mr.Propagated, ResourceType: mr.ResourceType, Source: mr.Source}
		if r.Propagated {
			for _, a := range mr.Attachments {
				seen[a] = true
			}
		}
		if mr.DestPrefixList == "" {
			if r.Dest.IsValid() {
				tab.insert(r)
			}
			continue
		}
		pl := n.PrefixLists[mr.DestPrefixList]
		if pl == nil {
			n.warnf("TGW route table %s: route to prefix list %s ignored: the prefix list is not in the snapshot", tab.M.ID, mr.DestPrefixList)
			continue
		}
		for _, e := range pl.Entries {
			c := *r
			c.Dest, c.PrefixList = e, pl.ID
			tab.insert(&c)
		}
	}
	// Tables written by hand list propagations without the routes they create (R5.5).
	for _, id := range tab.M.Propagations {
		if seen[id] {
			continue
		}
		a := n.Attachments[id]
		if a == nil || !a.Available() {
			continue
		}
		if g, ok := n.tgwGap(a); ok {
			tab.BGPGaps = append(tab.BGPGaps, g)
		}
		for _, p := range n.propagatedPrefixes(a) {
			tab.insert(&TGWRoute{Dest: p, Attachments: []string{id}, Propagated: true, ResourceType: string(a.Type)})
		}
	}
}

// propagatedPrefixes is what an attachment propagates into a table (R5.5).
func (n *Network) propagatedPrefixes(a *model.TGWAttachment) []netip.Prefix {
	switch a.Type {
	case model.TGWAttachVPC:
		v := n.VPCs[a.ResourceID]
		if v == nil {
			return nil
		}
		out := append([]netip.Prefix{}, v.M.CIDRs...)
		if a.IPv6Support {
			out = append(out, v.M.IPv6CIDRs...)
		}
		return out
	case model.TGWAttachVPN, model.TGWAttachDXGateway:
		var out []netip.Prefix
		for _, s := range n.Sites {
			for _, sa := range s.Attaches {
				if sa.TGWAttachment == a.ID && sa.Up {
					out = append(out, sa.Prefixes...)
				}
			}
		}
		return out
	}
	return nil
}
