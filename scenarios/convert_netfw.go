package scenarios

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/netverify/netverify/model"
)

// networkFirewalls converts AWS Network Firewall firewalls, policies and
// rule groups (R7.40-R7.45).
func (c *conv) networkFirewalls() {
	for i := range c.doc.NetworkFirewalls {
		d := &c.doc.NetworkFirewalls[i]
		if !c.ok(&d.Common) {
			continue
		}
		m := c.meta(&d.Common)
		f := &model.NetworkFirewall{ID: m.ID, Name: m.Name, Account: m.Account, Region: m.Region, VPC: c.ref("vpc", d.VPC),
			Policy: c.ref("firewall-policy", d.Policy), TransitGateway: c.ref("transit-gateway", d.TransitGateway),
			TGWAttachment: c.ref("transit-gateway-attachment", d.TransitGatewayAttachment), Source: m.Source}
		switch {
		case (f.TransitGateway == "") != (f.TGWAttachment == ""):
			c.errf(d.at, "a transit-gateway-attached firewall needs both transitGateway and transitGatewayAttachment (R7.47)")
		case f.TGWAttachment == "" && len(d.Endpoints) == 0:
			c.errf(d.at, "a network firewall needs endpoints: [{id: vpce-..., subnet: ...}] (or transitGateway and transitGatewayAttachment)")
		case f.TGWAttachment == "" && f.VPC == "":
			c.errf(d.at, "a network firewall needs its vpc (or transitGateway and transitGatewayAttachment)")
		}
		for _, e := range d.Endpoints {
			if !strings.HasPrefix(e.ID, "vpce-") {
				c.errf(e.of("id"), "id: %q: a firewall endpoint's ID starts with vpce-", e.ID)
			}
			f.Endpoints = append(f.Endpoints, model.NFWEndpoint{ID: e.ID, Subnet: c.ref("subnet", e.Subnet), AZ: e.AZ})
		}
		c.s.NetworkFirewalls = append(c.s.NetworkFirewalls, f)
	}
	for i := range c.doc.NetworkFirewallPolicies {
		d := &c.doc.NetworkFirewallPolicies[i]
		if !c.ok(&d.Common) {
			continue
		}
		m := c.meta(&d.Common)
		p := &model.NFWPolicy{ID: m.ID, Name: m.Name, StatelessDefault: or(strings.TrimPrefix(d.StatelessDefault, "aws:"), "forward_to_sfe"),
			StrictOrder: d.StatefulOrder == "strict", StatefulDefaults: d.StatefulDefaults,
			Stateless: c.refs("firewall-rule-group", d.StatelessRuleGroups), Stateful: c.refs("firewall-rule-group", d.StatefulRuleGroups), Source: m.Source}
		switch p.StatelessDefault {
		case "pass", "drop", "forward_to_sfe":
		default:
			c.errf(d.of("statelessDefault"), "statelessDefault: %q must be pass, drop or forward_to_sfe", d.StatelessDefault)
		}
		if d.StatefulOrder != "" && d.StatefulOrder != "strict" && d.StatefulOrder != "default" {
			c.errf(d.of("statefulOrder"), "statefulOrder: %q must be strict or default", d.StatefulOrder)
		}
		c.s.NFWPolicies = append(c.s.NFWPolicies, p)
	}
	for i := range c.doc.NetworkFirewallRuleGroups {
		c.nfwRuleGroup(&c.doc.NetworkFirewallRuleGroups[i])
	}
}

func (c *conv) nfwRuleGroup(d *NFWRuleGroupDoc) {
	if !c.ok(&d.Common) {
		return
	}
	m := c.meta(&d.Common)
	g := &model.NFWRuleGroup{ID: m.ID, Name: m.Name, Stateful: d.Type == "stateful", Source: m.Source}
	if d.Type != "stateful" && d.Type != "stateless" {
		c.errf(d.of("type"), "type: %q must be stateless or stateful", d.Type)
	}
	for i := range d.Rules {
		r := &d.Rules[i]
		x := model.NFWRule{Action: strings.TrimPrefix(r.Action, "aws:"), Priority: r.Priority, Bidirectional: r.Bidirectional, SID: r.SID, Source: c.src(r.at)}
		x.Match.Proto = c.proto(&r.Pos, r.Proto, "")
		x.Match.Src = c.prefixes(&r.Pos, "sources", r.Sources)
		x.Match.Dst = c.prefixes(&r.Pos, "destinations", r.Destinations)
		for _, p := range r.SourcePorts {
			if pr, ok := c.ports(&r.Pos, "sourcePorts", p); ok {
				x.Match.SrcPorts = append(x.Match.SrcPorts, pr)
			}
		}
		for _, p := range r.Ports {
			if pr, ok := c.ports(&r.Pos, "ports", p); ok {
				x.Match.DstPorts = append(x.Match.DstPorts, pr)
			}
		}
		valid := map[string]bool{"pass": true, "drop": true, "forward_to_sfe": !g.Stateful, "reject": g.Stateful, "alert": g.Stateful}
		if !valid[x.Action] {
			c.errf(r.of("action"), "action: %q is not an action of a %s rule group", r.Action, d.Type)
		}
		g.Rules = append(g.Rules, x)
	}
	vars := map[string][]netip.Prefix{}
	for k, v := range d.Variables {
		vars[k] = c.prefixes(&d.Pos, "variables."+k, v)
	}
	for i, text := range d.Suricata {
		r, err := model.ParseSuricata(text, vars)
		if err != nil {
			c.errf(d.of("suricata."+itoa(i)), "suricata: %v", err)
			continue
		}
		r.Source = c.src(d.of("suricata." + itoa(i)))
		g.Rules = append(g.Rules, r)
	}
	if d.Domains != nil {
		if d.Domains.Type != "allowlist" && d.Domains.Type != "denylist" {
			c.errf(d.Domains.of("type"), "type: %q must be allowlist or denylist", d.Domains.Type)
		}
		g.Domains = &model.NFWDomains{Targets: d.Domains.Targets, Allow: d.Domains.Type == "allowlist"}
	}
	c.s.NFWRuleGroups = append(c.s.NFWRuleGroups, g)
}

func itoa(i int) string { return strconv.Itoa(i) }
