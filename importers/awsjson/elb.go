package awsjson

import (
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	elbtypes "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"

	"github.com/netverify/netverify/model"
)

func loadBalancers(c *fileCtx, out *elb.DescribeLoadBalancersOutput, ps []pos) {
	for i, b := range out.LoadBalancers {
		arn := str(b.LoadBalancerArn)
		x := &model.LoadBalancer{Meta: c.arnMeta(arn, arn, at(ps, i)), LBName: str(b.LoadBalancerName), Type: string(b.Type),
			Scheme: string(b.Scheme), VPC: str(b.VpcId), SecurityGroups: b.SecurityGroups, DNSName: str(b.DNSName),
			IPAddressType: string(b.IpAddressType)}
		x.Name = x.LBName
		x.SetPrivateLinkEnforcement(str(b.EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic)) // R7.23
		if b.State != nil {
			x.State = string(b.State.Code)
		}
		for _, z := range b.AvailabilityZones {
			x.Nodes = append(x.Nodes, c.lbNode(z, x))
		}
		c.part.LoadBalancers = append(c.part.LoadBalancers, x)
	}
}

// lbNode is the load balancer's presence in one subnet; NLBs print their
// addresses (and Elastic IPs) per zone.
func (c *fileCtx) lbNode(z elbtypes.AvailabilityZone, lb *model.LoadBalancer) model.LBNode {
	n := model.LBNode{Subnet: str(z.SubnetId), AZ: str(z.ZoneName)}
	for _, a := range z.LoadBalancerAddresses {
		if ip, ok := c.addr(str(a.PrivateIPv4Address), lb.Source, lb.ID, "PrivateIPv4Address"); ok {
			n.PrivateIP = ip
			n.Addresses = append(n.Addresses, ip)
		}
		if ip, ok := c.addr(str(a.IpAddress), lb.Source, lb.ID, "IpAddress"); ok {
			if lb.Internal() {
				n.PrivateIP = ip
			} else {
				n.PublicIP = ip
			}
			n.Addresses = append(n.Addresses, ip)
		}
		if ip, ok := c.addr(str(a.IPv6Address), lb.Source, lb.ID, "IPv6Address"); ok {
			n.Addresses = append(n.Addresses, ip)
		}
	}
	return n
}

func listeners(c *fileCtx, out *elb.DescribeListenersOutput, ps []pos) {
	for i, l := range out.Listeners {
		c.listener(l, at(ps, i))
	}
}

// lbListeners reads Batfish's LoadBalancerListeners.json: [{LoadBalancerArn, Listeners}].
func lbListeners(c *fileCtx, out *struct {
	LoadBalancerListeners []struct {
		LoadBalancerArn *string
		elb.DescribeListenersOutput
	}
}, ps []pos) {
	for i, w := range out.LoadBalancerListeners {
		for _, l := range w.Listeners {
			if l.LoadBalancerArn == nil {
				l.LoadBalancerArn = w.LoadBalancerArn
			}
			c.listener(l, at(ps, i))
		}
	}
}

func (c *fileCtx) listener(l elbtypes.Listener, p pos) {
	x := model.Listener{ARN: str(l.ListenerArn), Port: uint16(i32(l.Port, 0)), Protocol: string(l.Protocol), Source: c.src(p)}
	for _, a := range l.DefaultActions {
		x.TargetGroups = appendUnique(x.TargetGroups, str(a.TargetGroupArn))
		if a.ForwardConfig != nil {
			for _, tg := range a.ForwardConfig.TargetGroups {
				x.TargetGroups = appendUnique(x.TargetGroups, str(tg.TargetGroupArn))
			}
		}
	}
	lbARN := str(l.LoadBalancerArn)
	c.fixup(func(lk *linker) {
		if lb, ok := lk.lbs[lbARN]; ok {
			lb.Listeners = append(lb.Listeners, x)
		} else {
			lk.warn(x.Source, lbARN, "listener %s belongs to load balancer %s, which is not in the snapshot; ignored", x.ARN, lbARN)
		}
	})
}

func targetGroups(c *fileCtx, out *elb.DescribeTargetGroupsOutput, ps []pos) {
	for i, g := range out.TargetGroups {
		arn := str(g.TargetGroupArn)
		x := &model.TargetGroup{Meta: c.arnMeta(arn, arn, at(ps, i)), TGName: str(g.TargetGroupName), Protocol: string(g.Protocol),
			Port: uint16(i32(g.Port, 0)), TargetType: string(g.TargetType), VPC: str(g.VpcId), LoadBalancers: g.LoadBalancerArns}
		x.Name = x.TGName
		c.part.TargetGroups = append(c.part.TargetGroups, x)
	}
}

// lbTargetHealth reads Batfish's LoadBalancerTargetHealth.json: [{TargetGroupArn, TargetHealthDescriptions}].
func lbTargetHealth(c *fileCtx, out *struct {
	LoadBalancerTargetHealth []struct {
		TargetGroupArn *string
		elb.DescribeTargetHealthOutput
	}
}, ps []pos) {
	for i, w := range out.LoadBalancerTargetHealth {
		c.targets(str(w.TargetGroupArn), w.TargetHealthDescriptions, at(ps, i))
	}
}

func targetHealthByName(c *fileCtx, out *elb.DescribeTargetHealthOutput, ps []pos) {
	c.diags.Warnf(c.src(at(ps, 0)), "", "%s: target health without the target group's ARN; use LoadBalancerTargetHealth.json ([{TargetGroupArn, TargetHealthDescriptions}]); skipped", c.path)
}

func (c *fileCtx) targets(tg string, ds []elbtypes.TargetHealthDescription, p pos) {
	var ts []model.LBTarget
	for _, d := range ds {
		if d.Target == nil {
			continue
		}
		t := model.LBTarget{ID: str(d.Target.Id), Port: uint16(i32(d.Target.Port, 0)), AZ: str(d.Target.AvailabilityZone)}
		if d.TargetHealth != nil {
			t.Health = string(d.TargetHealth.State)
		}
		ts = append(ts, t)
	}
	src := c.src(p)
	c.fixup(func(l *linker) {
		if g, ok := l.tgs[tg]; ok {
			g.Targets = append(g.Targets, ts...)
		} else {
			l.warn(src, tg, "target health for target group %s, which is not in the snapshot; ignored", tg)
		}
	})
}

// lbAttributes reads Batfish's LoadBalancerAttributes.json: [{LoadBalancerArn, Attributes}].
func lbAttributes(c *fileCtx, out *struct {
	LoadBalancerAttributes []struct {
		LoadBalancerArn *string
		elb.DescribeLoadBalancerAttributesOutput
	}
}, ps []pos) {
	for i, w := range out.LoadBalancerAttributes {
		arn, attrs, src := str(w.LoadBalancerArn), map[string]string{}, c.src(at(ps, i))
		for _, a := range w.Attributes {
			attrs[str(a.Key)] = str(a.Value)
		}
		c.fixup(func(l *linker) {
			if lb, ok := l.lbs[arn]; ok {
				if lb.Attributes == nil {
					lb.Attributes = map[string]string{}
				}
				for k, v := range attrs { // merged: describe-load-balancers set some (R7.23)
					lb.Attributes[k] = v
				}
			} else {
				l.warn(src, arn, "attributes for load balancer %s, which is not in the snapshot; ignored", arn)
			}
		})
	}
}

// tgAttributes reads TargetGroupAttributes.json: [{TargetGroupArn, Attributes}];
// preserve_client_ip.enabled and proxy_protocol_v2.enabled change what targets see.
func tgAttributes(c *fileCtx, out *struct {
	TargetGroupAttributes []struct {
		TargetGroupArn *string
		elb.DescribeTargetGroupAttributesOutput
	}
}, ps []pos) {
	for i, w := range out.TargetGroupAttributes {
		arn, attrs, src := str(w.TargetGroupArn), map[string]string{}, c.src(at(ps, i))
		for _, a := range w.Attributes {
			attrs[str(a.Key)] = str(a.Value)
		}
		c.fixup(func(l *linker) {
			g, ok := l.tgs[arn]
			if !ok {
				l.warn(src, arn, "attributes for target group %s, which is not in the snapshot; ignored", arn)
				return
			}
			g.Attributes = attrs
			if v, ok := attrs["preserve_client_ip.enabled"]; ok {
				b := v == "true"
				g.PreserveClientIP = &b
			}
			g.ProxyProtocolV2 = attrs["proxy_protocol_v2.enabled"] == "true"
		})
	}
}
