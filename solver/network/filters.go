package network

import (
	"fmt"
	"net/netip"
	"sort"

	"github.com/netverify/netverify/model"
)

// ACL is a network ACL with its entries sorted by rule number, per direction (R2.11).
type ACL struct {
	M       *model.NetworkACL
	In, Out []model.ACLEntry
	// Assumed is set when the snapshot had no NACL for the subnet and the
	// default (allow all, R2.10) was assumed.
	Assumed bool
}

func compileACL(m *model.NetworkACL) *ACL {
	a := &ACL{M: m}
	for _, e := range m.Entries {
		if e.Number >= 32767 {
			continue // the implicit "*" deny is applied by Eval
		}
		if e.Egress {
			a.Out = append(a.Out, e)
		} else {
			a.In = append(a.In, e)
		}
	}
	for _, es := range [][]model.ACLEntry{a.In, a.Out} {
		sort.SliceStable(es, func(i, j int) bool { return es[i].Number < es[j].Number })
	}
	return a
}

// assumedDefaultACL stands in for a VPC whose default NACL is not in the data.
func assumedDefaultACL(vpc string) *ACL {
	all := func(egress bool, c string) model.ACLEntry {
		return model.ACLEntry{Number: 100, Egress: egress, Protocol: model.ProtoAll, Action: model.Allow,
			CIDR: netip.MustParsePrefix(c), Ports: model.AllPorts, ICMP: model.AnyICMP}
	}
	m := &model.NetworkACL{Meta: model.Meta{ID: "default-nacl(" + vpc + ")"}, VPC: vpc, IsDefault: true,
		Entries: []model.ACLEntry{all(false, "0.0.0.0/0"), all(true, "0.0.0.0/0"), all(false, "::/0"), all(true, "::/0")}}
	a := compileACL(m)
	a.Assumed = true
	return a
}

// ACLVerdict is the outcome of a NACL evaluation: the deciding entry, or the
// implicit deny when Entry is nil.
type ACLVerdict struct {
	Allow bool
	Entry *model.ACLEntry
}

// Rule renders the deciding rule: "inbound rule 100 (allow tcp 443 from 0.0.0.0/0)" or "outbound rule * (deny)".
func (v ACLVerdict) Rule(egress bool) string {
	dir := "inbound"
	if egress {
		dir = "outbound"
	}
	if v.Entry == nil {
		return dir + " rule * (implicit deny)"
	}
	e := v.Entry
	peer := "from"
	if egress {
		peer = "to"
	}
	what := e.Protocol.String()
	if e.Protocol.HasPorts() {
		what += " " + e.Ports.String()
	}
	return fmt.Sprintf("%s rule %d (%s %s %s %s)", dir, e.Number, e.Action, what, peer, e.CIDR)
}

// Eval applies the first matching entry (R2.11): inbound rules match the
// packet's source, outbound rules its destination; ports are destination ports.
func (a *ACL) Eval(egress bool, p Packet) ACLVerdict {
	es, peer := a.In, p.Src
	if egress {
		es, peer = a.Out, p.Dst
	}
	for i := range es {
		e := &es[i]
		if e.CIDR.Contains(peer) && matchProto(e.Protocol, e.Ports, e.ICMP, p) {
			return ACLVerdict{Allow: e.Action == model.Allow, Entry: e}
		}
	}
	return ACLVerdict{}
}

// SG is a compiled security group.
type SG struct {
	M   *model.SecurityGroup
	VPC *VPC
	// pl holds the expanded prefix lists its rules name (R2.4).
	pl map[string][]netip.Prefix
	// in, out index large rule lists by CIDR (nil for short ones).
	in, out *ruleIndex
}

// SGVerdict is the outcome of an SG evaluation over all groups of an ENI (R2.2).
type SGVerdict struct {
	Allow bool
	SG    *SG
	Rule  *model.SGRule
	// Unknown lists referenced groups or prefix lists missing from the snapshot.
	Unknown []string
	// RefNotPreserved is set when a group-reference rule would have matched had
	// the packet's SG identity survived a middlebox (R2.7).
	RefNotPreserved *model.SGRule
	// RefSG is the group that holds RefNotPreserved.
	RefSG *SG
}

// RuleString renders a rule as the console shows it: "sg-1 inbound tcp 443 from 10.0.0.0/16".
func RuleString(sg *SG, r *model.SGRule, ingress bool) string {
	dir, peer := "outbound", "to"
	if ingress {
		dir, peer = "inbound", "from"
	}
	what := r.Protocol.String()
	if r.Protocol.HasPorts() {
		what += " " + r.Ports.String()
	}
	return fmt.Sprintf("%s %s %s %s %s", sg.M.ID, dir, what, peer, r.Peer())
}

// EvalSGs decides whether any rule of any of eni's groups admits p (R2.2).
// Inbound rules match the source, outbound rules the destination. identityLost
// is set when the packet went through a middlebox (R2.7) or a NAT.
func (n *Network) EvalSGs(eni *ENI, ingress bool, p Packet, identityLost bool) SGVerdict {
	peer := p.Dst
	if ingress {
		peer = p.Src
	}
	var v SGVerdict
	for _, sg := range eni.SGs {
		rules, ix := sg.M.Egress, sg.out
		if ingress {
			rules, ix = sg.M.Ingress, sg.in
		}
		if ix.valid(rules) {
			for _, i := range ix.candidates(peer) {
				if n.sgRuleAdmits(sg, eni, &rules[i], ingress, p, peer, identityLost, &v) {
					return v
				}
			}
			continue
		}
		for i := range rules {
			if n.sgRuleAdmits(sg, eni, &rules[i], ingress, p, peer, identityLost, &v) {
				return v
			}
		}
	}
	return v
}

// sgRuleAdmits reports whether the rule r of sg admits p, recording it in v.
func (n *Network) sgRuleAdmits(sg *SG, eni *ENI, r *model.SGRule, ingress bool, p Packet, peer netip.Addr, identityLost bool, v *SGVerdict) bool {
	if !matchProto(r.Protocol, r.Ports, r.ICMP, p) || !n.sgPeerMatches(sg, eni, r, ingress, peer, v) {
		return false
	}
	if r.Group != nil && identityLost {
		v.RefNotPreserved, v.RefSG = r, sg
		return false
	}
	v.Allow, v.SG, v.Rule = true, sg, r
	return true
}

func (n *Network) sgPeerMatches(sg *SG, eni *ENI, r *model.SGRule, ingress bool, peer netip.Addr, v *SGVerdict) bool {
	switch {
	case r.Group != nil:
		return n.groupMatches(eni, r.Group, ingress, peer, v)
	case r.PrefixList != "":
		ps, ok := sg.pl[r.PrefixList]
		if !ok {
			v.Unknown = append(v.Unknown, "prefix list "+r.PrefixList)
		}
		for _, p := range ps {
			if p.Contains(peer) {
				return true
			}
		}
		return false
	}
	return r.CIDR.IsValid() && r.CIDR.Contains(peer)
}

// groupMatches implements SG references (R2.5, R2.6): peer must be a private IP
// of an ENI carrying the group, in a VPC from which the reference is allowed.
func (n *Network) groupMatches(eni *ENI, ref *model.SGRef, ingress bool, peer netip.Addr, v *SGVerdict) bool {
	if ref.PeeringStatus == "deleted" || ref.PeeringStatus == "failed" {
		return false // stale rule (R2.6)
	}
	if _, known := n.SGs[ref.GroupID]; !known {
		v.Unknown = append(v.Unknown, "security group "+ref.GroupID)
		return false
	}
	for _, m := range n.sgMembers[ref.GroupID] {
		if !m.hasPrivate(peer) {
			continue
		}
		if n.refAllowed(eni.VPC, m.VPC, ingress) {
			return true
		}
	}
	return false
}

// refAllowed reports whether a rule on an ENI in vpc a may match members in
// vpc b (R2.6): same VPC, active same-Region peering, or a TGW with SG
// referencing enabled on it and both attachments (inbound rules only).
func (n *Network) refAllowed(a, b *VPC, ingress bool) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil || a.M.Region != b.M.Region && a.M.Region != "" && b.M.Region != "" {
		return false
	}
	for _, pc := range n.peeringsBetween(a, b) {
		if pc.Active() && (pc.Requester.Region == "" || pc.Accepter.Region == "" || pc.Requester.Region == pc.Accepter.Region) {
			return true
		}
	}
	if !ingress {
		return false
	}
	for tgwID, att := range a.TGWAttach {
		other := b.TGWAttach[tgwID]
		t := n.TGWs[tgwID]
		if other != nil && t != nil && t.M.SGReferencingSupport && att.SGReferencing && other.SGReferencing {
			return true
		}
	}
	return false
}

func (e *ENI) hasPrivate(ip netip.Addr) bool {
	for _, a := range e.M.PrivateIPs {
		if a == ip {
			return true
		}
	}
	for _, a := range e.M.IPv6 {
		if a == ip {
			return true
		}
	}
	return false
}
