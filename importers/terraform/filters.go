package terraform

import (
	"strings"

	"github.com/netverify/netverify/model"
)

func init() {
	register(1, mapSG, "aws_security_group", "aws_default_security_group")
	register(2, mapSGRule, "aws_security_group_rule")
	register(2, mapVPCSGRule, "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule")
	register(1, mapNACL, "aws_network_acl", "aws_default_network_acl")
	register(2, mapNACLRule, "aws_network_acl_rule")
	register(2, mapNACLAssociation, "aws_network_acl_association")
}

// mapSG reads a group with its inline rules. Its rules are exactly the
// inline ones: when Terraform creates a security group in a VPC it removes
// the ALLOW ALL egress rule AWS adds (terraform-provider-aws docs,
// r/security_group: "NOTE on Egress rules"), and when it adopts the default
// group it removes all of its rules first (r/default_security_group). So a
// group without egress blocks has no egress rule, unlike in CloudFormation.
func mapSG(b *builder, r *resource, o obj) {
	g := &model.SecurityGroup{Meta: b.meta(r, o), VPC: o.str("vpc_id"), GroupName: o.str("name"), Description: o.str("description")}
	if r.Type == "aws_default_security_group" {
		g.GroupName = "default"
	}
	for _, blk := range o.blocks("ingress") {
		g.Ingress = append(g.Ingress, b.sgRules(r, blk, g.ID)...)
	}
	for _, blk := range o.blocks("egress") {
		g.Egress = append(g.Egress, b.sgRules(r, blk, g.ID)...)
	}
	if g.Ingress == nil {
		g.Ingress = []model.SGRule{}
	}
	if g.Egress == nil {
		g.Egress = []model.SGRule{}
	}
	b.s.SecurityGroups = append(b.s.SecurityGroups, g)
}

// sgRules expands one Terraform rule (several CIDRs, groups, prefix lists,
// self) into one model rule per peer (R2.4). Port fields mean ICMP type and
// code for ICMP (R2.4).
func (b *builder) sgRules(r *resource, o obj, self string) []model.SGRule {
	proto, err := model.ParseProtocol(o.str("protocol"))
	if err != nil {
		b.ds.Warnf(r.Src, r.Addr, "%s: %v; the rule is ignored", r.Addr, err)
		return nil
	}
	base := model.SGRule{Protocol: proto, Description: o.str("description"), Source: r.Src}
	from, _ := o.num("from_port")
	to, _ := o.num("to_port")
	setPorts(&base, proto, from, to)
	var peers []model.SGRule
	for _, c := range append(o.strs("cidr_blocks"), o.strs("ipv6_cidr_blocks")...) {
		if p, ok := prefix(c); ok {
			x := base
			x.CIDR = p
			peers = append(peers, x)
		} else {
			b.ds.Warnf(r.Src, r.Addr, "%s: %q is not a CIDR block; that peer is ignored", r.Addr, c)
		}
	}
	for _, pl := range o.strs("prefix_list_ids") {
		x := base
		x.PrefixList = pl
		peers = append(peers, x)
	}
	groups := o.strs("security_groups")
	if sg := o.str("source_security_group_id"); sg != "" {
		groups = append(groups, sg)
	}
	if o.boolean("self", false) && self != "" {
		groups = append(groups, self)
	}
	for _, sg := range groups {
		x := base
		x.Group = sgRef(sg)
		peers = append(peers, x)
	}
	return peers
}

// setPorts applies from/to ports: all protocols (-1) and protocols without
// ports match everything; for ICMP, from is the type and to the code (-1 = any).
func setPorts(rule *model.SGRule, proto model.Protocol, from, to int64) {
	rule.Ports, rule.ICMP = model.AllPorts, model.AnyICMP
	switch {
	case proto.HasPorts():
		if from < 0 || to < 0 || from > 65535 || to > 65535 {
			return
		}
		rule.Ports = model.PortRange{From: uint16(from), To: uint16(to)}
	case proto == model.ProtoICMP || proto == model.ProtoICMPv6:
		rule.ICMP = model.ICMPMatch{Type: int(from), Code: int(to)}
	}
}

// sgRef reads "sg-123" or "123456789012/sg-123" (R2.6).
func sgRef(s string) *model.SGRef {
	if acct, id, ok := strings.Cut(s, "/"); ok {
		return &model.SGRef{Account: acct, GroupID: id}
	}
	return &model.SGRef{GroupID: s}
}

func mapSGRule(b *builder, r *resource, o obj) {
	id := o.str("security_group_id")
	g, ok := lookup[*model.SecurityGroup](b, id)
	if !ok {
		b.warnDangling(r, "security_group_id", "security group", id)
		return
	}
	rules := b.sgRules(r, o, g.ID)
	for i := range rules {
		rules[i].ID = b.d.id(r)
	}
	if o.str("type") == "egress" {
		g.Egress = append(g.Egress, rules...)
	} else {
		g.Ingress = append(g.Ingress, rules...)
	}
}

// mapVPCSGRule reads the one-peer rule resources; ip_protocol "-1" has no ports.
func mapVPCSGRule(b *builder, r *resource, o obj) {
	id := o.str("security_group_id")
	g, ok := lookup[*model.SecurityGroup](b, id)
	if !ok {
		b.warnDangling(r, "security_group_id", "security group", id)
		return
	}
	proto, err := model.ParseProtocol(o.str("ip_protocol"))
	if err != nil {
		b.ds.Warnf(r.Src, r.Addr, "%s: %v; the rule is ignored", r.Addr, err)
		return
	}
	rule := model.SGRule{ID: b.d.id(r), Protocol: proto, Description: o.str("description"), Source: r.Src}
	from, okF := o.num("from_port")
	to, okT := o.num("to_port")
	if !okF || !okT {
		from, to = -1, -1
	}
	setPorts(&rule, proto, from, to)
	switch {
	case o.str("cidr_ipv4") != "" || o.str("cidr_ipv6") != "":
		c := o.str("cidr_ipv4")
		if c == "" {
			c = o.str("cidr_ipv6")
		}
		p, ok := prefix(c)
		if !ok {
			b.ds.Warnf(r.Src, r.Addr, "%s: %q is not a CIDR block; the rule is ignored", r.Addr, c)
			return
		}
		rule.CIDR = p
	case o.str("prefix_list_id") != "":
		rule.PrefixList = o.str("prefix_list_id")
	case o.str("referenced_security_group_id") != "":
		rule.Group = sgRef(o.str("referenced_security_group_id"))
	default:
		b.ds.Warnf(r.Src, r.Addr, "%s: the rule has no peer (cidr_ipv4, cidr_ipv6, prefix_list_id or referenced_security_group_id); it is ignored", r.Addr)
		return
	}
	if r.Type == "aws_vpc_security_group_egress_rule" {
		g.Egress = append(g.Egress, rule)
	} else {
		g.Ingress = append(g.Ingress, rule)
	}
}

func mapNACL(b *builder, r *resource, o obj) {
	a := &model.NetworkACL{Meta: b.meta(r, o), VPC: o.str("vpc_id"), IsDefault: r.Type == "aws_default_network_acl",
		Subnets: o.strs("subnet_ids")}
	for _, dir := range []string{"ingress", "egress"} {
		for _, blk := range o.blocks(dir) {
			if e, ok := b.aclEntry(r, blk, dir == "egress", "rule_no", "action"); ok {
				a.Entries = append(a.Entries, e)
			}
		}
	}
	if a.Entries == nil {
		a.Entries = []model.ACLEntry{}
	}
	b.s.NetworkACLs = append(b.s.NetworkACLs, a)
}

// aclEntry reads one numbered rule (R2.11); inline rules and
// aws_network_acl_rule name the number and action differently.
func (b *builder) aclEntry(r *resource, o obj, egress bool, numAttr, actAttr string) (model.ACLEntry, bool) {
	proto, err := model.ParseProtocol(o.str("protocol"))
	if err != nil {
		b.ds.Warnf(r.Src, r.Addr, "%s: %v; the rule is ignored", r.Addr, err)
		return model.ACLEntry{}, false
	}
	n, _ := o.num(numAttr)
	e := model.ACLEntry{Number: int(n), Egress: egress, Protocol: proto, Source: r.Src,
		Ports: model.AllPorts, ICMP: model.AnyICMP}
	if strings.EqualFold(o.str(actAttr), "allow") {
		e.Action = model.Allow
	}
	c := o.str("cidr_block")
	if c == "" {
		c = o.str("ipv6_cidr_block")
	}
	p, ok := prefix(c)
	if !ok {
		b.ds.Warnf(r.Src, r.Addr, "%s: rule %d has no valid CIDR block (%q); it is ignored", r.Addr, n, c)
		return e, false
	}
	e.CIDR = p
	from, _ := o.num("from_port")
	to, _ := o.num("to_port")
	if proto.HasPorts() && from >= 0 && to <= 65535 && from <= to { // 0-0 is port 0 (AWS: PortRange From/To)
		e.Ports = model.PortRange{From: uint16(from), To: uint16(to)}
	}
	if proto == model.ProtoICMP || proto == model.ProtoICMPv6 {
		t, okT := o.num("icmp_type")
		cd, okC := o.num("icmp_code")
		if okT && okC {
			e.ICMP = model.ICMPMatch{Type: int(t), Code: int(cd)}
		}
	}
	return e, true
}

func mapNACLRule(b *builder, r *resource, o obj) {
	id := o.str("network_acl_id")
	a, ok := lookup[*model.NetworkACL](b, id)
	if !ok {
		b.warnDangling(r, "network_acl_id", "network ACL", id)
		return
	}
	if e, ok := b.aclEntry(r, o, o.boolean("egress", false), "rule_number", "rule_action"); ok {
		a.Entries = append(a.Entries, e)
	}
}

func mapNACLAssociation(b *builder, r *resource, o obj) {
	id := o.str("network_acl_id")
	a, ok := lookup[*model.NetworkACL](b, id)
	if !ok {
		b.warnDangling(r, "network_acl_id", "network ACL", id)
		return
	}
	if s := o.str("subnet_id"); s != "" {
		a.Subnets = appendUnique(a.Subnets, s)
	}
}
