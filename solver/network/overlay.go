package network

import (
	"net/netip"
	"sort"

	"github.com/netverify/netverify/model"
)

// Overlay puts, in place, the rules of the given security groups and the
// entries of the given network ACLs into n (same IDs, same VPCs, same
// attachments: only what the groups and ACLs allow changes), so that one
// compiled network answers for two snapshots that differ only there (drift,
// issue 25). It returns the function that puts the old rules back; until
// then n answers for the other snapshot, so n must not be shared. ok is
// false, and n unchanged, when a group is not compiled in n or lies in
// another VPC; an ACL no subnet uses changes nothing.
func (n *Network) Overlay(snap *model.Snapshot, sgs []*model.SecurityGroup, acls []*model.NetworkACL) (restore func(), ok bool) {
	type savedACL struct {
		at  *ACL
		old ACL
	}
	var oldSGs []SG
	var atSGs []*SG
	for _, m := range sgs {
		sg := n.SGs[m.ID]
		if sg == nil || sg.M.VPC != m.VPC {
			return nil, false
		}
		atSGs, oldSGs = append(atSGs, sg), append(oldSGs, *sg)
	}
	byID := map[string][]*ACL{}
	for _, s := range n.Subnets {
		if s.ACL != nil && s.ACL.M != nil {
			byID[s.ACL.M.ID] = appendOnce(byID[s.ACL.M.ID], s.ACL)
		}
	}
	for _, v := range n.VPCs {
		if v.DefaultACL != nil && v.DefaultACL.M != nil {
			byID[v.DefaultACL.M.ID] = appendOnce(byID[v.DefaultACL.M.ID], v.DefaultACL)
		}
	}
	var oldACLs []savedACL
	for _, m := range acls {
		for _, a := range byID[m.ID] { // none: no subnet uses it, nothing to change
			oldACLs = append(oldACLs, savedACL{a, *a})
		}
	}
	oldSnap, oldBounds := n.Snap, n.portBounds
	for i, m := range sgs {
		*atSGs[i] = *n.compileSG(m)
	}
	for _, m := range acls {
		for _, a := range byID[m.ID] {
			assumed := a.Assumed
			*a = *compileACL(m)
			a.Assumed = assumed
		}
	}
	n.Snap, n.portBounds = snap, unionBounds(oldBounds, sgs, acls)
	return func() {
		for i, sg := range atSGs {
			*sg = oldSGs[i]
		}
		for _, s := range oldACLs {
			*s.at = s.old
		}
		n.Snap, n.portBounds = oldSnap, oldBounds
	}, true
}

func appendOnce(as []*ACL, a *ACL) []*ACL {
	for _, x := range as {
		if x == a {
			return as
		}
	}
	return append(as, a)
}

// compileSG compiles one group as compileFilters does.
func (n *Network) compileSG(m *model.SecurityGroup) *SG {
	sg := &SG{M: m, VPC: n.VPCs[m.VPC], pl: map[string][]netip.Prefix{}, in: newRuleIndex(m.Ingress), out: newRuleIndex(m.Egress)}
	for _, rules := range [][]model.SGRule{m.Ingress, m.Egress} {
		for _, r := range rules {
			if pl := n.PrefixLists[r.PrefixList]; pl != nil && !pl.EntriesUnknown {
				sg.pl[r.PrefixList] = pl.Entries
			}
		}
	}
	return sg
}

// unionBounds adds the port bounds of the overlaid rules and entries to
// bounds (a finer cut answers the same, R2.12), without changing bounds.
func unionBounds(bounds map[model.Protocol][]uint16, sgs []*model.SecurityGroup, acls []*model.NetworkACL) map[model.Protocol][]uint16 {
	sets := map[model.Protocol]map[uint16]bool{}
	for p, bs := range bounds {
		sets[p] = map[uint16]bool{}
		for _, b := range bs {
			sets[p][b] = true
		}
	}
	add := func(p model.Protocol, r model.PortRange) {
		targets := []model.Protocol{p}
		if p == model.ProtoAll {
			targets = []model.Protocol{model.ProtoTCP, model.ProtoUDP}
		}
		for _, t := range targets {
			if s := sets[t]; s != nil {
				s[r.From] = true
				if r.To < 65535 {
					s[r.To+1] = true
				}
			}
		}
	}
	for _, m := range sgs {
		for _, rs := range [][]model.SGRule{m.Ingress, m.Egress} {
			for _, r := range rs {
				add(r.Protocol, r.Ports)
			}
		}
	}
	for _, m := range acls {
		for _, e := range m.Entries {
			add(e.Protocol, e.Ports)
		}
	}
	out := map[model.Protocol][]uint16{}
	for p, s := range sets {
		for b := range s {
			out[p] = append(out[p], b)
		}
		sort.Slice(out[p], func(i, j int) bool { return out[p][i] < out[p][j] })
	}
	return out
}
