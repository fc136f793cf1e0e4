package terraform

import (
	"strconv"

	"github.com/netverify/netverify/model"
)

func init() {
	register(1, mapLB, "aws_lb", "aws_alb")
	register(1, mapTargetGroup, "aws_lb_target_group", "aws_alb_target_group")
	register(2, mapListener, "aws_lb_listener", "aws_alb_listener")
	register(2, mapTargetAttachment, "aws_lb_target_group_attachment", "aws_alb_target_group_attachment")
}

// mapLB: load_balancer_type defaults to application, internal to false.
func mapLB(b *builder, r *resource, o obj) {
	lb := &model.LoadBalancer{Meta: b.meta(r, o), LBName: o.str("name"), Type: o.str("load_balancer_type"),
		Scheme: "internet-facing", VPC: o.str("vpc_id"), SecurityGroups: o.strs("security_groups"),
		DNSName: o.str("dns_name"), IPAddressType: o.str("ip_address_type")}
	if lb.Type == "" {
		lb.Type = "application"
	}
	if o.boolean("internal", false) {
		lb.Scheme = "internal"
	}
	lb.SetPrivateLinkEnforcement(o.str(model.AttrEnforceSGPrivateLink)) // R7.23
	seen := map[string]bool{}
	for _, m := range o.blocks("subnet_mapping") {
		n := model.LBNode{Subnet: m.str("subnet_id")}
		n.PrivateIP, _ = addr(m.str("private_ipv4_address"))
		if n.Subnet != "" && !seen[n.Subnet] {
			seen[n.Subnet] = true
			lb.Nodes = append(lb.Nodes, n)
		}
	}
	for _, s := range o.strs("subnets") {
		if !seen[s] {
			seen[s] = true
			lb.Nodes = append(lb.Nodes, model.LBNode{Subnet: s})
		}
	}
	if lb.VPC == "" && len(lb.Nodes) > 0 {
		b.post = append(b.post, func() { fillVPC(b, &lb.VPC, lb.Nodes[0].Subnet) })
	}
	b.s.LoadBalancers = append(b.s.LoadBalancers, lb)
}

func mapTargetGroup(b *builder, r *resource, o obj) {
	tg := &model.TargetGroup{Meta: b.meta(r, o), TGName: o.str("name"), Protocol: o.str("protocol"),
		TargetType: o.str("target_type"), VPC: o.str("vpc_id"), ProxyProtocolV2: o.boolean("proxy_protocol_v2", false)}
	if tg.TargetType == "" {
		tg.TargetType = "instance"
	}
	if p, ok := o.num("port"); ok && p > 0 && p < 65536 {
		tg.Port = uint16(p)
	}
	if v := o.str("preserve_client_ip"); v != "" {
		if pc, err := strconv.ParseBool(v); err == nil {
			tg.PreserveClientIP = &pc
		}
	}
	b.s.TargetGroups = append(b.s.TargetGroups, tg)
}

// mapListener adds the listener to its load balancer with the target groups
// of its forward actions (default_action.target_group_arn or forward blocks).
func mapListener(b *builder, r *resource, o obj) {
	id := o.str("load_balancer_arn")
	lb, ok := lookup[*model.LoadBalancer](b, id)
	if !ok {
		b.warnDangling(r, "load_balancer_arn", "load balancer", id)
		return
	}
	l := model.Listener{ARN: b.d.id(r), Protocol: o.str("protocol"), Source: r.Src}
	if p, ok := o.num("port"); ok && p > 0 && p < 65536 {
		l.Port = uint16(p)
	}
	if l.Protocol == "" {
		l.Protocol = map[string]string{"application": "HTTP", "network": "TCP", "gateway": "GENEVE"}[lb.Type]
	}
	for _, act := range o.blocks("default_action") {
		if tg := act.str("target_group_arn"); tg != "" {
			l.TargetGroups = appendUnique(l.TargetGroups, tg)
		}
		for _, fw := range act.blocks("forward") {
			for _, tgb := range fw.blocks("target_group") {
				if tg := tgb.str("arn"); tg != "" {
					l.TargetGroups = appendUnique(l.TargetGroups, tg)
				}
			}
		}
	}
	lb.Listeners = append(lb.Listeners, l)
	for _, tgID := range l.TargetGroups {
		if tg, ok := lookup[*model.TargetGroup](b, tgID); ok {
			tg.LoadBalancers = appendUnique(tg.LoadBalancers, lb.ID)
		}
	}
}

func mapTargetAttachment(b *builder, r *resource, o obj) {
	id := o.str("target_group_arn")
	tg, ok := lookup[*model.TargetGroup](b, id)
	if !ok {
		b.warnDangling(r, "target_group_arn", "target group", id)
		return
	}
	t := model.LBTarget{ID: o.str("target_id"), AZ: o.str("availability_zone")}
	if p, ok := o.num("port"); ok && p > 0 && p < 65536 {
		t.Port = uint16(p)
	}
	if t.ID == "" {
		b.warnDangling(r, "target_id", "target", "")
		return
	}
	tg.Targets = append(tg.Targets, t)
}
