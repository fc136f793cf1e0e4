package scenarios

import (
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	"github.com/miekg/dns"

	"github.com/netverify/netverify/model"
)

func (c *conv) loadBalancers() {
	for i := range c.doc.LoadBalancers {
		d := &c.doc.LoadBalancers[i]
		if !c.ok(&d.Common) {
			continue
		}
		lb := &model.LoadBalancer{Meta: c.meta(&d.Common), LBName: d.Name, Type: d.Type, Scheme: firstNonEmpty(d.Scheme, "internet-facing"),
			VPC: c.ref("vpc", d.VPC), SecurityGroups: c.refs("security-group", d.SecurityGroups), DNSName: d.DNSName,
			Attributes: d.Attributes, State: d.State}
		if t := d.Type; t != "application" && t != "network" && t != "gateway" {
			c.errf(d.of("type"), "type: %q must be application, network or gateway", t)
		}
		for _, s := range c.refs("subnet", d.Subnets) {
			lb.Nodes = append(lb.Nodes, model.LBNode{Subnet: s})
		}
		for j := range d.Nodes {
			n := &d.Nodes[j]
			lb.Nodes = append(lb.Nodes, model.LBNode{Subnet: c.ref("subnet", n.Subnet), ENI: c.ref("network-interface", n.ID),
				PrivateIP: c.addr(&n.Pos, "ip", n.IP), PublicIP: c.addr(&n.Pos, "publicIp", n.PublicIP)})
		}
		for j := range d.Listeners {
			l := &d.Listeners[j]
			lb.Listeners = append(lb.Listeners, model.Listener{Port: c.port(&l.Pos, "port", l.Port), Protocol: l.Protocol,
				TargetGroups: c.refs("target-group", l.TargetGroups), Source: c.src(l.at)})
		}
		c.s.LoadBalancers = append(c.s.LoadBalancers, lb)
	}
	for i := range c.doc.TargetGroups {
		d := &c.doc.TargetGroups[i]
		if !c.ok(&d.Common) {
			continue
		}
		tg := &model.TargetGroup{Meta: c.meta(&d.Common), TGName: d.Name, Protocol: d.Protocol, Port: c.port(&d.Pos, "port", d.Port),
			TargetType: firstNonEmpty(d.TargetType, "instance"), VPC: c.ref("vpc", d.VPC), LoadBalancers: c.refs("load-balancer", d.LoadBalancers),
			PreserveClientIP: d.PreserveClientIP, ProxyProtocolV2: d.ProxyProtocolV2, Attributes: d.Attributes}
		for j := range d.Targets {
			t := &d.Targets[j]
			tg.Targets = append(tg.Targets, model.LBTarget{ID: c.refAny(t.ID, "instance", "lambda-function", "load-balancer"),
				Port: c.port(&t.Pos, "port", t.Port), AZ: t.AZ, Health: t.Health})
		}
		c.s.TargetGroups = append(c.s.TargetGroups, tg)
	}
}

func (c *conv) lambdas() {
	for i := range c.doc.LambdaFunctions {
		d := &c.doc.LambdaFunctions[i]
		if !c.ok(&d.Common) {
			continue
		}
		m := c.meta(&d.Common)
		m.ARN = "arn:aws:lambda:" + m.Region + ":" + m.Account + ":function:" + m.ID
		f := &model.LambdaFunction{Meta: m, Runtime: d.Runtime, VPC: c.ref("vpc", d.VPC), Subnets: c.refs("subnet", d.Subnets),
			SecurityGroups: c.refs("security-group", d.SecurityGroups), IPv6AllowedForDualStack: d.IPv6AllowedForDualStack, Policy: d.Policy,
			QualifierPolicies: d.QualifierPolicies}
		if d.URL != nil {
			f.URLs = []model.FunctionURL{{AuthType: strings.ToUpper(d.URL.AuthType), Qualifier: d.URL.Qualifier, Source: m.Source}}
		}
		for j := range d.Interfaces {
			e := c.managedENI(&f.Meta, &d.Interfaces[j], model.OwnerLambda, f.SecurityGroups, "AWS Lambda VPC ENI-"+f.ID)
			e.InterfaceType = "lambda"
			if !containsStr(f.Subnets, e.Subnet) {
				f.Subnets = append(f.Subnets, e.Subnet)
			}
		}
		c.s.LambdaFunctions = append(c.s.LambdaFunctions, f)
	}
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func (c *conv) apis() {
	for i := range c.doc.RestAPIs {
		d := &c.doc.RestAPIs[i]
		if !c.ok(&d.Common) {
			continue
		}
		a := &model.RestAPI{Meta: c.meta(&d.Common), APIName: d.Name, EndpointTypes: []string{strings.ToUpper(firstNonEmpty(d.EndpointType, "EDGE"))},
			EndpointAccessMode: strings.ToUpper(d.EndpointAccessMode),
			VPCEndpointIDs:     c.refs("vpc-endpoint", d.VPCEndpoints), Policy: d.Policy, DisableExecuteAPIEndpoint: d.DisableExecuteAPIEndpoint,
			Stages: stages(d.Stages, d.StageVariables), Integrations: c.integrations(d.Integrations), Authorizers: authorizers(d.Authorizers),
			APIKeySource: strings.ToUpper(d.APIKeySource), MethodsListed: d.MethodsListed}
		c.s.RestAPIs = append(c.s.RestAPIs, a)
	}
	for i := range c.doc.HTTPAPIs {
		d := &c.doc.HTTPAPIs[i]
		if !c.ok(&d.Common) {
			continue
		}
		a := &model.HTTPAPI{Meta: c.meta(&d.Common), APIName: d.Name, ProtocolType: firstNonEmpty(d.ProtocolType, "HTTP"), Endpoint: d.Endpoint,
			DisableExecuteAPIEndpoint: d.DisableExecuteAPIEndpoint, Stages: stages(d.Stages, d.StageVariables), Integrations: c.integrations(d.Integrations),
			Authorizers: authorizers(d.Authorizers)}
		for _, r := range d.Routes {
			a.Routes = append(a.Routes, model.HTTPRoute{Key: r.Key, Integration: r.Integration,
				Authorization: strings.ToUpper(r.Authorization), AuthorizerID: r.Authorizer})
		}
		c.s.HTTPAPIs = append(c.s.HTTPAPIs, a)
	}
	for i := range c.doc.VPCLinks {
		d := &c.doc.VPCLinks[i]
		if c.ok(&d.Common) {
			c.s.VPCLinks = append(c.s.VPCLinks, &model.VPCLink{Meta: c.meta(&d.Common), Version: firstNonEmpty(d.Version, "V2"),
				TargetARNs: c.refs("load-balancer", d.Targets), Subnets: c.refs("subnet", d.Subnets),
				SecurityGroups: c.refs("security-group", d.SecurityGroups), Status: d.Status})
		}
	}
	for i := range c.doc.DomainNames {
		d := &c.doc.DomainNames[i]
		if !c.ok(&d.Common) {
			continue
		}
		dn := &model.DomainName{Meta: c.meta(&d.Common), DomainName: d.DomainName, RegionalDomainName: d.RegionalDomainName, MutualTLS: d.MutualTLS,
			DistributionDomainName: d.DistributionDomainName, Policy: d.Policy, AccessAssociations: c.refs("vpc-endpoint", d.AccessAssociations)}
		if d.EndpointType != "" {
			dn.EndpointTypes = []string{strings.ToUpper(d.EndpointType)}
		}
		for _, m := range d.Mappings {
			dn.Mappings = append(dn.Mappings, model.BasePathMapping{BasePath: m.BasePath, API: c.refAny(m.API, "rest-api", "http-api"), Stage: m.Stage})
		}
		c.s.DomainNames = append(c.s.DomainNames, dn)
	}
}

func stages(names []string, vars map[string]map[string]string) []model.Stage {
	var out []model.Stage
	for _, n := range names {
		out = append(out, model.Stage{Name: n, Variables: vars[n]})
	}
	return out
}

func authorizers(ds []AuthorizerDoc) []model.Authorizer {
	var out []model.Authorizer
	for _, d := range ds {
		out = append(out, model.Authorizer{ID: d.ID, Name: d.Name, Type: strings.ToUpper(d.Type), ProviderARNs: d.ProviderARNs,
			URI: d.URI, IdentitySource: d.IdentitySource, Issuer: d.Issuer, Audience: d.Audience})
	}
	return out
}

func (c *conv) integrations(ds []IntegrationDoc) []model.Integration {
	var out []model.Integration
	for _, d := range ds {
		in := model.Integration{ID: d.ID, Type: d.Type, URI: d.URI, ConnectionType: d.ConnectionType,
			ConnectionID: c.ref("vpc-link", d.VPCLink), Method: d.Method, Path: d.Path,
			Authorization: strings.ToUpper(d.Authorization), AuthorizerID: d.Authorizer, APIKeyRequired: d.APIKeyRequired}
		if in.ConnectionID != "" && in.ConnectionType == "" {
			in.ConnectionType = "VPC_LINK"
		}
		out = append(out, in)
	}
	return out
}

func (c *conv) hostedZones() {
	for i := range c.doc.HostedZones {
		d := &c.doc.HostedZones[i]
		if !c.ok(&d.Common) {
			continue
		}
		zone := strings.TrimSuffix(strings.ToLower(d.Zone), ".")
		z := &model.HostedZone{Meta: c.meta(&d.Common), ZoneName: zone, Private: d.Private}
		if zone == "" {
			c.errf(d.at, "hosted zone %s needs a zone (its domain name)", z.ID)
		}
		for _, v := range d.VPCs {
			z.VPCs = append(z.VPCs, model.ZoneVPC{VPC: c.ref("vpc", v)})
		}
		for j := range d.Records {
			z.Records = append(z.Records, c.record(&d.Records[j], zone))
		}
		c.s.HostedZones = append(c.s.HostedZones, z)
	}
}

// record reads a record set; names are relative to the zone unless they end in it.
func (c *conv) record(d *RecordDoc, zone string) model.RecordSet {
	name := strings.TrimSuffix(strings.ToLower(d.Name), ".")
	switch {
	case name == "@" || name == "":
		name = zone
	case name != zone && !strings.HasSuffix(name, "."+zone):
		name += "." + zone
	}
	r := model.RecordSet{Name: name, Type: strings.ToUpper(d.Type), TTL: d.TTL, Values: d.Values, SetIdentifier: d.SetIdentifier,
		Weight: d.Weight, Source: c.src(d.at)}
	if _, ok := dns.StringToType[r.Type]; !ok {
		c.errf(d.of("type"), "type: %q is not a DNS record type (A, AAAA, CNAME, TXT, ...)", d.Type)
	}
	if d.Alias != nil {
		r.Alias = &model.AliasTarget{DNSName: strings.TrimSuffix(d.Alias.DNSName, "."), HostedZoneID: d.Alias.HostedZoneID,
			EvaluateTargetHealth: d.Alias.EvaluateTargetHealth}
	}
	if (d.Alias == nil) == (len(d.Values) == 0) {
		c.errf(d.at, "record %s %s needs either values or an alias", name, r.Type)
	}
	if r.Type == "A" || r.Type == "AAAA" {
		for j, v := range d.Values {
			c.addr(&d.Pos, "values."+strconv.Itoa(j), v)
		}
	}
	return r
}

func (c *conv) resolvers() {
	for i := range c.doc.ResolverEndpoints {
		d := &c.doc.ResolverEndpoints[i]
		if !c.ok(&d.Common) {
			continue
		}
		e := &model.ResolverEndpoint{Meta: c.meta(&d.Common), Direction: strings.ToUpper(d.Direction), VPC: c.ref("vpc", d.VPC),
			SecurityGroups: c.refs("security-group", d.SecurityGroups), Protocols: d.Protocols, Status: d.Status, IPs: []model.ResolverIP{}}
		if e.Direction != "INBOUND" && e.Direction != "OUTBOUND" {
			c.errf(d.of("direction"), "direction: %q must be INBOUND or OUTBOUND", d.Direction)
		}
		for j := range d.IPs {
			ip := &d.IPs[j]
			e.IPs = append(e.IPs, model.ResolverIP{Subnet: c.ref("subnet", ip.Subnet), IP: c.addr(&ip.Pos, "ip", ip.IP), ENI: c.ref("network-interface", ip.ID)})
		}
		c.s.ResolverEndpoints = append(c.s.ResolverEndpoints, e)
	}
	for i := range c.doc.ResolverRules {
		d := &c.doc.ResolverRules[i]
		if !c.ok(&d.Common) {
			continue
		}
		r := &model.ResolverRule{Meta: c.meta(&d.Common), DomainName: strings.TrimSuffix(strings.ToLower(d.Domain), "."),
			RuleType: strings.ToUpper(d.Type), OutboundEndpoint: c.ref("resolver-endpoint", d.OutboundEndpoint),
			VPCs: c.refs("vpc", d.VPCs), OwnerID: d.OwnerID, ShareStatus: d.ShareStatus}
		if r.DomainName == "" {
			r.DomainName = "."
		}
		if r.RuleType == "" {
			r.RuleType = "FORWARD"
			if len(d.Targets) == 0 {
				r.RuleType = "SYSTEM"
			}
		}
		for j, t := range d.Targets {
			ip, port := c.hostPort(&d.Pos, "targets."+strconv.Itoa(j), t)
			r.Targets = append(r.Targets, model.RuleTarget{IP: ip, Port: port})
		}
		c.s.ResolverRules = append(c.s.ResolverRules, r)
	}
}

// hostPort reads "10.0.0.1" or "10.0.0.1:5353".
func (c *conv) hostPort(p *Pos, key, s string) (netip.Addr, uint16) {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr(), ap.Port()
	}
	return c.addr(p, key, s), 0
}

func (c *conv) sites() {
	for i := range c.doc.Sites {
		d := &c.doc.Sites[i]
		if !c.ok(&d.Common) {
			continue
		}
		s := &model.OnPremSite{Meta: c.meta(&d.Common), CIDRs: c.prefixes(&d.Pos, "cidrs", d.CIDRs),
			DNSServers: c.refs("dns-server", d.DNSServers), InternetAccess: d.InternetAccess}
		if len(d.CIDRs) == 0 {
			c.errf(d.at, "site %s needs cidrs (its address ranges)", s.ID)
		}
		for j := range d.Links {
			l := &d.Links[j]
			if !c.oneOf(l.at, "a site link needs exactly one of vpn, vif and cgw", l.VPN, l.VIF, l.CGW) {
				continue
			}
			link := model.SiteLink{Advertises: c.prefixes(&l.Pos, "advertises", l.Advertises)}
			switch {
			case l.VPN != "":
				link.Kind, link.Ref = "vpn", c.ref("vpn-connection", l.VPN)
			case l.VIF != "":
				link.Kind, link.Ref = "vif", c.ref("virtual-interface", l.VIF)
			default:
				link.Kind, link.Ref = "cgw", c.ref("customer-gateway", l.CGW)
			}
			s.Links = append(s.Links, link)
		}
		c.s.Sites = append(c.s.Sites, s)
	}
}

func (c *conv) dnsServers() {
	for i := range c.doc.DNSServers {
		d := &c.doc.DNSServers[i]
		if !c.ok(&d.Common) {
			continue
		}
		srv := &model.DNSServer{Meta: c.meta(&d.Common), Site: c.ref("onprem-site", d.Site), IP: c.addr(&d.Pos, "ip", d.IP),
			Recursion: boolOr(d.Recursion, true)}
		if d.IP == "" || d.Site == "" {
			c.errf(d.at, "DNS server %s needs a site and an ip", srv.ID)
		}
		for j := range d.Zones {
			srv.Zones = append(srv.Zones, c.zone(&d.Zones[j]))
		}
		for j := range d.Forwarders {
			f := &d.Forwarders[j]
			fw := model.ConditionalForwarder{Domain: strings.TrimSuffix(strings.ToLower(f.Domain), "."), Targets: c.addrs(&f.Pos, "targets", f.Targets),
				Port: c.port(&f.Pos, "port", f.Port)}
			if len(f.Targets) == 0 {
				c.errf(f.at, "forwarder for %s needs targets (IP addresses)", f.Domain)
			}
			srv.Forwarders = append(srv.Forwarders, fw)
		}
		c.s.DNSServers = append(c.s.DNSServers, srv)
		c.linkServer(srv)
	}
}

// linkServer lists a DNS server on its site when the site names none itself.
func (c *conv) linkServer(srv *model.DNSServer) {
	for _, s := range c.s.Sites {
		if s.ID == srv.Site && !containsStr(s.DNSServers, srv.ID) {
			for j := range c.doc.Sites {
				if c.idOf[&c.doc.Sites[j].Common] == s.ID && len(c.doc.Sites[j].DNSServers) == 0 {
					s.DNSServers = append(s.DNSServers, srv.ID)
				}
			}
		}
	}
}

var zoneErr = regexp.MustCompile(`^dns: (.*) at line: (\d+):(\d+)$`)

// zone checks the zone-file text with miekg/dns and reports a syntax error at
// its line in the scenario.
func (c *conv) zone(d *ZoneDoc) model.ZoneFile {
	origin := dns.Fqdn(strings.ToLower(d.Origin))
	z := model.ZoneFile{Origin: strings.TrimSuffix(origin, "."), Text: d.Text, Source: c.src(d.of("text"))}
	if d.Origin == "" {
		c.errf(d.at, "zone needs an origin (its domain name)")
		return z
	}
	zp := dns.NewZoneParser(strings.NewReader(d.Text), origin, "")
	zp.SetDefaultTTL(3600)
	for _, ok := zp.Next(); ok; _, ok = zp.Next() {
	}
	if err := zp.Err(); err != nil {
		at := d.of("text")
		msg := err.Error()
		if m := zoneErr.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[2])
			msg = m[1]
			if at.Block {
				at.Line += line
			} else {
				at.Line += line - 1
			}
			at.Col = 0
		}
		c.errf(at, "zone %s: %s", z.Origin, strings.TrimPrefix(msg, "dns: "))
	}
	return z
}

func (c *conv) clients() {
	for i := range c.doc.Clients {
		d := &c.doc.Clients[i]
		if !c.ok(&d.Common) {
			continue
		}
		cl := &model.Client{Meta: c.meta(&d.Common), Location: c.refAny(d.Location, "onprem-site", "subnet", "network-interface", "instance", "vpc"),
			IP: c.addr(&d.Pos, "ip", d.IP), DNSServer: c.ref("dns-server", d.DNSServer)}
		if d.Location == "" {
			c.errf(d.at, "client %s needs a location (a site, subnet, instance or network interface, or internet)", cl.ID)
		}
		if d.EphemeralPorts != "" {
			cl.EphemeralPorts, _ = c.ports(&d.Pos, "ephemeralPorts", d.EphemeralPorts)
		}
		c.s.Clients = append(c.s.Clients, cl)
	}
}

var intentKinds = map[string]model.IntentKind{
	"can-reach": model.IntentCanReach, "cannot-reach": model.IntentCannotReach,
	"resolves-to": model.IntentResolvesTo, "only-ports": model.IntentOnlyPorts,
}

func (c *conv) intents() {
	for i := range c.doc.Intents {
		d := &c.doc.Intents[i]
		k, ok := intentKinds[d.Kind]
		if !ok {
			c.errf(d.of("kind"), "kind: %q must be can-reach, cannot-reach, resolves-to or only-ports", d.Kind)
		}
		in := model.Intent{Kind: k, From: d.From, To: d.To, Protocol: strings.ToLower(d.Proto), Port: int(c.port(&d.Pos, "port", d.Port)),
			Name: d.Name, Expect: d.Expect, Via: d.Via, Conditions: d.Conditions, Scenario: d.Scenario, Rules: d.Rules, Note: d.Note, Source: c.src(d.at)}
		if d.Proto != "" {
			if _, err := model.ParseProtocol(d.Proto); err != nil {
				c.errf(d.of("proto"), "proto: %v", err)
			}
		}
		c.checkIntent(d, k)
		c.s.Intents = append(c.s.Intents, in)
	}
}

func (c *conv) checkIntent(d *IntentDoc, k model.IntentKind) {
	switch {
	case d.From == "":
		c.errf(d.at, "intent needs from (a client, resource, IP address, internet or onprem)")
	case k == model.IntentResolvesTo && d.Name == "":
		c.errf(d.at, "resolves-to intent needs name (the DNS name to resolve)")
	case k == model.IntentResolvesTo:
		for j, e := range d.Expect {
			if e != "NXDOMAIN" {
				c.addr(&d.Pos, "expect."+strconv.Itoa(j), e)
			}
		}
	case k != "" && d.To == "":
		c.errf(d.at, "%s intent needs to (the destination)", d.Kind)
	}
}
