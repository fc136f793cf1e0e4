package cfn

import (
	"strings"

	"github.com/netverify/netverify/model"
)

// loadBalancer converts an ALB, NLB or GWLB with one node per subnet; the
// node ENIs and addresses are left to model.Derive unless the template pins them.
func loadBalancer(imp *importer, r *resource, p props) {
	lb := &model.LoadBalancer{Meta: p.meta(r.physicalID()), LBName: r.elbName(), Type: strings.ToLower(defaultStr(p.str("Type"), "application")),
		Scheme: defaultStr(p.str("Scheme"), "internet-facing"), SecurityGroups: p.strs("SecurityGroups"),
		IPAddressType: defaultStr(p.str("IpAddressType"), "ipv4"), State: "active", Attributes: map[string]string{}}
	lb.ARN = lb.ID
	lb.DNSName = lbDNSName(imp.ev, r)
	for _, s := range p.strs("Subnets") {
		lb.Nodes = append(lb.Nodes, model.LBNode{Subnet: s})
	}
	if v := p.get("SubnetMappings"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			xp := p.sub(x)
			n := model.LBNode{Subnet: xp.str("SubnetId")}
			if ip, ok := xp.addr("PrivateIPv4Address"); ok {
				n.PrivateIP = ip
			}
			if e := imp.eipByAllocation(xp.str("AllocationId")); e != nil {
				n.PublicIP = e.PublicIP
			}
			lb.Nodes = append(lb.Nodes, n)
		}
	}
	for i := range lb.Nodes {
		if sub, ok := lookup[*model.Subnet](imp, lb.Nodes[i].Subnet); ok {
			lb.Nodes[i].AZ = sub.AZ
			lb.VPC = sub.VPC
		}
	}
	if v := p.get("LoadBalancerAttributes"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			xp := p.sub(x)
			lb.Attributes[xp.str("Key")] = xp.str("Value")
		}
	}
	if s := p.str("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic"); s != "" {
		lb.Attributes["enforce_security_group_inbound_rules_on_private_link_traffic"] = s
	}
	imp.snap.LoadBalancers = append(imp.snap.LoadBalancers, lb)
	imp.register(r, lb)
}

func targetGroup(imp *importer, r *resource, p props) {
	tg := &model.TargetGroup{Meta: p.meta(r.physicalID()), TGName: r.elbName(), Protocol: p.str("Protocol"),
		Port: uint16(p.integer("Port", 0)), TargetType: defaultStr(p.str("TargetType"), "instance"), VPC: p.str("VpcId"), Attributes: map[string]string{}}
	tg.ARN = tg.ID
	if v := p.get("Targets"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			xp := p.sub(x)
			tg.Targets = append(tg.Targets, model.LBTarget{ID: xp.str("Id"), Port: uint16(xp.integer("Port", int(tg.Port))), AZ: xp.str("AvailabilityZone")})
		}
	}
	if v := p.get("TargetGroupAttributes"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			xp := p.sub(x)
			k, val := xp.str("Key"), xp.str("Value")
			tg.Attributes[k] = val
			switch k {
			case "preserve_client_ip.enabled":
				b := strings.EqualFold(val, "true")
				tg.PreserveClientIP = &b
			case "proxy_protocol_v2.enabled":
				tg.ProxyProtocolV2 = strings.EqualFold(val, "true")
			}
		}
	}
	imp.snap.TargetGroups = append(imp.snap.TargetGroups, tg)
	imp.register(r, tg)
}

// listener adds a listener to its load balancer and links the target groups it forwards to.
func listener(imp *importer, r *resource, p props) {
	lb, ok := target[*model.LoadBalancer](p, "LoadBalancerArn", "load balancer")
	if !ok {
		return
	}
	l := model.Listener{ARN: r.physicalID(), Port: uint16(p.integer("Port", 0)), Protocol: p.str("Protocol"), Source: imp.srcOf(r)}
	if v := p.get("DefaultActions"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			xp := p.sub(x)
			if tg := xp.str("TargetGroupArn"); tg != "" {
				l.TargetGroups = appendUnique(l.TargetGroups, tg)
			}
			if fc := xp.sub(xp.get("ForwardConfig")).get("TargetGroups"); fc != nil && fc.Kind == KList {
				for _, t := range fc.List {
					l.TargetGroups = appendUnique(l.TargetGroups, xp.sub(t).str("TargetGroupArn"))
				}
			}
		}
	}
	for _, tgID := range l.TargetGroups {
		if tg, ok := lookup[*model.TargetGroup](imp, tgID); ok {
			tg.LoadBalancers = appendUnique(tg.LoadBalancers, lb.ID)
		}
	}
	lb.Listeners = append(lb.Listeners, l)
}
