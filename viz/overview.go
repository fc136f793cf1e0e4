package viz

import (
	"fmt"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// The overview draws a large estate so it can be read: one cluster per
// Region holding its transit gateways and one node per account that lists
// the account's VPCs there (name and CIDR), and the links between them
// counted instead of drawn one by one ("12 VPC attachments", "3 peerings").
// On-premises sites, VPN and Direct Connect stay as they are. Detail of one
// VPC is a --focus away; the title says so.

// maxGroupLines is how many VPCs a group node lists before "+N more".
const maxGroupLines = 12

// groupVPCs puts every VPC in its account and Region's group.
func (b *builder) groupVPCs() {
	b.overview = true
	b.group = map[string]string{}
	for _, v := range b.s.VPCs {
		b.mode[v.ID] = grouped
		b.group[v.ID] = "grp_" + or(v.Account, "unknown") + "_" + or(v.Region, "unknown")
	}
}

// addGroups draws one node per group, listing its VPCs.
func (b *builder) addGroups() {
	if !b.overview {
		return
	}
	members := map[string][]*model.VPC{}
	var ids []string
	for _, v := range b.s.VPCs {
		g := b.group[v.ID]
		if _, ok := members[g]; !ok {
			ids = append(ids, g)
		}
		members[g] = append(members[g], v)
	}
	sort.Strings(ids)
	for _, g := range ids {
		vs := members[g]
		sort.Slice(vs, func(i, j int) bool { return vs[i].ID < vs[j].ID })
		n := b.addNode(b.regionCluster(vs[0].Account, vs[0].Region), g, b.groupLabel(vs), kVPCGroup, "")
		n.Resources = nil
		for _, v := range vs {
			n.Resources = append(n.Resources, v.ID)
		}
	}
}

func (b *builder) groupLabel(vs []*model.VPC) string {
	head := fmt.Sprintf("%s: %d VPC", b.accountLabel(vs[0].Account), len(vs))
	if len(vs) != 1 {
		head += "s"
	}
	out := []string{head}
	for i, v := range vs {
		if i == maxGroupLines-1 && len(vs) > maxGroupLines {
			out = append(out, fmt.Sprintf("+%d more", len(vs)-i))
			break
		}
		out = append(out, strings.TrimSpace(or(v.Name, v.ID)+"  "+prefixes(v.CIDRs)))
	}
	igw := 0
	for _, v := range vs {
		for _, g := range b.s.InternetGateways {
			if contains(g.VPCs, v.ID) {
				igw++
				break
			}
		}
	}
	if igw > 0 {
		out = append(out, fmt.Sprintf("%d with an internet gateway", igw))
	}
	return strings.Join(out, "\n")
}

// countLinks merges the links between the same two nodes into one, labelled
// with how many there are: "12 VPC attachments", "3 peerings".
func (b *builder) countLinks() {
	type key struct{ a, z, kind string }
	count := map[key]int{}
	first := map[key]*Edge{}
	var order []key
	for _, e := range b.d.Edges {
		a, z := e.From, e.To
		if e.Undirected && a > z {
			a, z = z, a
		}
		k := key{a, z, e.kind}
		if count[k] == 0 {
			first[k] = e
			order = append(order, k)
		}
		count[k]++
	}
	edges := make([]*Edge, 0, len(order))
	for _, k := range order {
		e := first[k]
		grp := b.isGroup(k.a) || b.isGroup(k.z)
		if n := count[k]; grp && (n > 1 || e.kind == lTGW || e.kind == lPeering) {
			e.Label = countLabel(n, e.kind, e.Label)
		}
		e.inline = true
		edges = append(edges, e)
	}
	b.d.Edges = edges
}

func (b *builder) isGroup(id string) bool { return b.nodes[id] != nil && b.nodes[id].Kind == kVPCGroup }

func countLabel(n int, kind, label string) string {
	noun := map[string]string{lTGW: "VPC attachment", lPeering: "peering", lVPN: "VPN connection",
		lDX: "Direct Connect link"}[kind]
	if noun == "" {
		if n == 1 {
			return label
		}
		return fmt.Sprintf("%d links", n)
	}
	if n != 1 {
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}
