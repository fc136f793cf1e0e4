package scenarios

import "github.com/netverify/netverify/model"

// appliances converts the appliance declarations (R1.20).
func (c *conv) appliances() {
	for i := range c.doc.Appliances {
		d := &c.doc.Appliances[i]
		a := &model.Appliance{Forward: boolOr(d.Forward, true), NAT: model.ApplianceNAT(d.NAT), Source: c.src(d.at)}
		n := 0
		for _, t := range []struct{ key, val, kind string }{
			{"instance", d.Instance, "instance"}, {"networkInterface", d.NetworkInterface, "network-interface"},
			{"loadBalancer", d.LoadBalancer, "load-balancer"},
		} {
			if t.val != "" {
				n++
				a.Target = c.refAny(t.val, t.kind, "network-interface", "instance")
			}
		}
		if n != 1 {
			c.errf(d.at, "an appliance names exactly one of instance, networkInterface and loadBalancer")
			continue
		}
		if a.NAT != model.NATUnset && a.NAT != model.NATMasquerade && a.NAT != model.NATNone {
			c.errf(d.of("nat"), "nat: %q must be masquerade or none", d.NAT)
		}
		if d.Egress != "" && d.Egress != model.EgressByRoute {
			a.Egress = c.ref("network-interface", d.Egress)
		} else {
			a.Egress = d.Egress
		}
		if d.LoadBalancer != "" && d.Egress != "" {
			c.errf(d.of("egress"), "egress: a Gateway Load Balancer's appliances send back through the load balancer; declare the instances to choose their interfaces")
		}
		c.s.Appliances = append(c.s.Appliances, a)
	}
}
