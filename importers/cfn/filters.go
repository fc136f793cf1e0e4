package cfn

import (
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
)

var allIPv4 = netip.MustParsePrefix("0.0.0.0/0")

// securityGroup converts a group with its inline rules. Without a
// SecurityGroupEgress property it keeps AWS's default allow-all egress rule
// (R2.2); separate SecurityGroupEgress resources do not remove it.
func securityGroup(imp *importer, r *resource, p props) {
	g := &model.SecurityGroup{Meta: p.meta(r.physicalID()), VPC: p.str("VpcId"), Description: p.str("GroupDescription"),
		GroupName: p.str("GroupName")}
	if g.GroupName == "" {
		g.GroupName = r.physicalName(255)
	}
	if v := p.get("SecurityGroupIngress"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			if rule, ok := sgRule(p.sub(x), false); ok {
				g.Ingress = append(g.Ingress, rule)
			}
		}
	}
	if v := p.get("SecurityGroupEgress"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			if rule, ok := sgRule(p.sub(x), true); ok {
				g.Egress = append(g.Egress, rule)
			}
		}
	} else {
		g.Egress = []model.SGRule{{Protocol: model.ProtoAll, Ports: model.AllPorts, ICMP: model.AnyICMP, CIDR: allIPv4,
			Description: "default egress rule (R2.2)", Source: imp.srcOf(r)}}
	}
	if g.Ingress == nil {
		g.Ingress = []model.SGRule{}
	}
	imp.snap.SecurityGroups = append(imp.snap.SecurityGroups, g)
	imp.register(r, g)
}

func sgIngress(imp *importer, r *resource, p props) { sgStandalone(imp, r, p, false) }
func sgEgress(imp *importer, r *resource, p props)  { sgStandalone(imp, r, p, true) }

func sgStandalone(imp *importer, r *resource, p props, egress bool) {
	g, ok := target[*model.SecurityGroup](p, "GroupId", "security group")
	if !ok {
		return
	}
	rule, ok := sgRule(p, egress)
	if !ok {
		return
	}
	rule.ID = "sgr-0" + r.hash("id", 16)
	if egress {
		g.Egress = append(g.Egress, rule)
	} else {
		g.Ingress = append(g.Ingress, rule)
	}
}

// sgRule reads one rule: protocol, ports (strings like "53" work), and a peer.
func sgRule(p props, egress bool) (model.SGRule, bool) {
	rule := model.SGRule{Description: p.str("Description"), Source: p.src(p.v), ICMP: model.AnyICMP, Ports: model.AllPorts}
	proto, err := model.ParseProtocol(p.str("IpProtocol"))
	if err != nil {
		p.imp.ds.Errorf(p.src(p.get("IpProtocol")), p.r.Logical, "%s %s: %v", p.r.Type, p.r.Logical, err)
		return rule, false
	}
	rule.Protocol = proto
	from, to := p.integer("FromPort", -1), p.integer("ToPort", -1)
	switch {
	case proto.HasPorts() && from >= 0 && to >= 0:
		if from > 65535 || to > 65535 || from > to {
			p.imp.ds.Errorf(p.src(p.get("FromPort")), p.r.Logical, "%s %s: port range %d-%d is not valid", p.r.Type, p.r.Logical, from, to)
			return rule, false
		}
		rule.Ports = model.PortRange{From: uint16(from), To: uint16(to)}
	case proto == model.ProtoICMP || proto == model.ProtoICMPv6:
		rule.ICMP = model.ICMPMatch{Type: from, Code: to}
	}
	prefix := "Source"
	if egress {
		prefix = "Destination"
	}
	return sgPeer(p, rule, prefix, egress)
}

func sgPeer(p props, rule model.SGRule, prefix string, egress bool) (model.SGRule, bool) {
	ok := true
	switch {
	case p.has("CidrIp"):
		rule.CIDR, ok = p.prefix("CidrIp")
	case p.has("CidrIpv6"):
		rule.CIDR, ok = p.prefix("CidrIpv6")
	case p.has(prefix + "PrefixListId"):
		rule.PrefixList = p.str(prefix + "PrefixListId")
		ok = rule.PrefixList != ""
	case p.has(prefix + "SecurityGroupId"):
		rule.Group = &model.SGRef{GroupID: p.str(prefix + "SecurityGroupId"), Account: p.str("SourceSecurityGroupOwnerId")}
		ok = rule.Group.GroupID != ""
	case !egress && p.has("SourceSecurityGroupName"):
		rule.Group = &model.SGRef{GroupID: p.str("SourceSecurityGroupName")}
		ok = rule.Group.GroupID != ""
	default:
		p.imp.ds.Errorf(p.src(p.v), p.r.Logical, "%s %s: a security group rule needs a peer (CidrIp, CidrIpv6, %sPrefixListId or %sSecurityGroupId)",
			p.r.Type, p.r.Logical, prefix, prefix)
		return rule, false
	}
	return rule, ok
}

func networkACL(imp *importer, r *resource, p props) {
	a := &model.NetworkACL{Meta: p.meta(r.physicalID()), VPC: p.str("VpcId"), Entries: []model.ACLEntry{}}
	imp.snap.NetworkACLs = append(imp.snap.NetworkACLs, a)
	imp.register(r, a)
}

func naclEntry(imp *importer, r *resource, p props) {
	a, ok := target[*model.NetworkACL](p, "NetworkAclId", "network ACL")
	if !ok {
		return
	}
	proto, err := model.ParseProtocol(p.str("Protocol"))
	if err != nil {
		imp.ds.Errorf(p.src(p.get("Protocol")), r.Logical, "NetworkAclEntry %s: %v", r.Logical, err)
		return
	}
	e := model.ACLEntry{Number: p.integer("RuleNumber", 0), Egress: p.boolean("Egress", false), Protocol: proto,
		Ports: model.AllPorts, ICMP: model.AnyICMP, Source: imp.srcOf(r), Action: model.Deny}
	if strings.EqualFold(p.str("RuleAction"), "allow") {
		e.Action = model.Allow
	}
	if p.has("CidrBlock") {
		e.CIDR, ok = p.prefix("CidrBlock")
	} else {
		e.CIDR, ok = p.prefix("Ipv6CidrBlock")
	}
	if !ok {
		return
	}
	if pr := p.sub(p.get("PortRange")); proto.HasPorts() && p.has("PortRange") {
		e.Ports = model.PortRange{From: uint16(pr.integer("From", 0)), To: uint16(pr.integer("To", 65535))}
	}
	if ic := p.sub(p.get("Icmp")); p.has("Icmp") {
		e.ICMP = model.ICMPMatch{Type: ic.integer("Type", -1), Code: ic.integer("Code", -1)}
	}
	a.Entries = append(a.Entries, e)
}

func naclAssoc(imp *importer, r *resource, p props) {
	a, ok := target[*model.NetworkACL](p, "NetworkAclId", "network ACL")
	if sub := p.str("SubnetId"); ok && sub != "" {
		a.Subnets = appendUnique(a.Subnets, sub)
	}
}
