package viz

import (
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/netverify/netverify/model"
)

// addServices draws what serves requests beyond the packet path: API
// Gateway APIs and VPC links in their Region, Lambda functions that run
// outside VPCs, and the edges between them and the network: interface
// endpoint → private API → integration (Lambda function, VPC link → load
// balancer), load balancer → registered targets, DNS forwarding from
// on-premises forwarders to inbound Resolver endpoints and from outbound
// endpoints to their rules' target addresses.
func (b *builder) addServices() {
	for _, f := range b.s.LambdaFunctions {
		if f.VPC == "" && len(f.Subnets) == 0 {
			b.addNode(b.regionCluster(f.Account, f.Region), f.ID, lines("Lambda function (no VPC)", f.Label()), kLambda, f.ID)
		}
	}
	for _, l := range b.s.VPCLinks {
		b.addNode(b.regionCluster(l.Account, l.Region), l.ID, lines("VPC link", l.Label()), kVPCLink, l.ID)
		for _, t := range l.TargetARNs {
			b.link(l.ID, b.lbID(t), "", lAPI)
		}
	}
	for _, a := range b.s.RestAPIs {
		kind := "REST API"
		if a.Private() {
			kind = "private REST API"
		}
		b.addNode(b.regionCluster(a.Account, a.Region), a.ID, lines("API Gateway "+kind, or(a.APIName, a.Label()), a.ID), kAPIGW, a.ID)
		for _, e := range b.apiEndpoints(a) {
			b.link(e, a.ID, "execute-api", lAPI)
		}
		b.integrations(a.ID, a.Integrations)
	}
	for _, a := range b.s.HTTPAPIs {
		b.addNode(b.regionCluster(a.Account, a.Region), a.ID, lines("API Gateway HTTP API", or(a.APIName, a.Label()), a.ID), kAPIGW, a.ID)
		b.integrations(a.ID, a.Integrations)
	}
	b.lbTargets()
	b.dnsForwarding()
}

// apiEndpoints are the interface endpoints a private API is called through:
// those the API names, else the execute-api endpoints of its Region (R9.3),
// narrowed to those its policy names when it names any.
func (b *builder) apiEndpoints(a *model.RestAPI) []string {
	if !a.Private() {
		return nil
	}
	if len(a.VPCEndpointIDs) > 0 {
		return a.VPCEndpointIDs
	}
	var all, named []string
	for _, e := range b.s.VPCEndpoints {
		if e.Type != model.EndpointInterface || serviceShort(e.ServiceName) != "execute-api" {
			continue
		}
		if v := b.vpcs[e.VPC]; v != nil && a.Region != "" && v.Region != "" && v.Region != a.Region {
			continue
		}
		all = append(all, e.ID)
		if strings.Contains(a.Policy, e.ID) {
			named = append(named, e.ID)
		}
	}
	if len(named) > 0 {
		return named
	}
	return all
}

// integrations links an API to its backends, one edge per backend labelled
// with the methods that reach it.
func (b *builder) integrations(api string, ins []model.Integration) {
	routes := map[string][]string{}
	var order []string
	for _, in := range ins {
		to := b.integrationTarget(in)
		if to == "" {
			continue
		}
		if _, ok := routes[to]; !ok {
			order = append(order, to)
		}
		if m := strings.TrimSpace(in.Method + " " + in.Path); m != "" && !contains(routes[to], m) {
			routes[to] = append(routes[to], m)
		}
	}
	for _, to := range order {
		b.link(api, to, destList(routes[to]), lAPI)
	}
	for _, in := range ins { // a V2 VPC link reaches the listener the integration names
		if strings.EqualFold(in.ConnectionType, "VPC_LINK") && in.ConnectionID != "" {
			if lb := b.listenerLB(in.URI); lb != "" {
				b.link(in.ConnectionID, lb, "", lAPI)
			}
		}
	}
}

// listenerLB is the load balancer of a listener ARN
// ("…:listener/app/NAME/ID/LID"), or "".
func (b *builder) listenerLB(uri string) string {
	_, rest, ok := strings.Cut(uri, ":listener/")
	if !ok {
		return ""
	}
	for _, lb := range b.s.LoadBalancers {
		for _, l := range lb.Listeners {
			if l.ARN == uri {
				return lb.ID
			}
		}
	}
	parts := strings.Split(rest, "/")
	if len(parts) < 2 {
		return ""
	}
	for _, lb := range b.s.LoadBalancers {
		if lb.LBName == parts[1] || lb.Name == parts[1] {
			return lb.ID
		}
	}
	return ""
}

// integrationTarget is the drawn backend of an integration: the VPC link,
// the Lambda function, the internet for an HTTP backend, "" for a mock.
func (b *builder) integrationTarget(in model.Integration) string {
	switch {
	case strings.EqualFold(in.ConnectionType, "VPC_LINK") && in.ConnectionID != "":
		return in.ConnectionID
	case strings.Contains(in.URI, ":function:"):
		return b.functionID(in.URI)
	case strings.HasPrefix(strings.ToUpper(in.Type), "HTTP") && strings.Contains(in.URI, "://"):
		return internetID
	}
	return ""
}

// functionID finds the Lambda function an integration URI invokes.
func (b *builder) functionID(uri string) string {
	u := strings.TrimSuffix(uri, "/invocations")
	if i := strings.LastIndex(u, "functions/"); i >= 0 {
		u = u[i+len("functions/"):]
	}
	name, _ := model.SplitQualifiedFunction(u)
	for _, f := range b.s.LambdaFunctions {
		if n, _ := model.SplitQualifiedFunction(f.ID); n == name || f.Name == name || f.ID == u || f.ARN == u {
			return f.ID
		}
	}
	return ""
}

// lbID maps a load balancer ARN or name to its ID.
func (b *builder) lbID(ref string) string {
	for _, lb := range b.s.LoadBalancers {
		if lb.ID == ref || lb.ARN == ref || lb.LBName == ref {
			return lb.ID
		}
	}
	return ref
}

// lbTargets links each load balancer to the registered targets of its
// target groups, labelled with the group and port.
func (b *builder) lbTargets() {
	for _, tg := range b.s.TargetGroups {
		lbs := map[string]bool{}
		for _, lb := range tg.LoadBalancers {
			lbs[b.lbID(lb)] = true
		}
		for _, lb := range b.s.LoadBalancers {
			for _, l := range lb.Listeners {
				if contains(l.TargetGroups, tg.ID) || (tg.ARN != "" && contains(l.TargetGroups, tg.ARN)) {
					lbs[lb.ID] = true
				}
			}
		}
		ids := make([]string, 0, len(lbs))
		for id := range lbs {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		label := or(tg.TGName, tg.Label())
		for _, lb := range ids {
			for _, t := range tg.Targets {
				l := label
				if port := or2(t.Port, tg.Port); port > 0 {
					l += " :" + strconv.Itoa(int(port))
				}
				b.link(lb, b.targetRef(t.ID), l, lTarget)
			}
		}
	}
}

// targetRef is the drawn thing a target ID names: an instance, the
// interface holding an IP target, a Lambda function, an ALB.
func (b *builder) targetRef(id string) string {
	if ip, err := netip.ParseAddr(id); err == nil {
		if e, ok := b.ix.ENIByIP(ip); ok {
			return e.ID
		}
	}
	if strings.Contains(id, ":function:") {
		if f := b.functionID(id); f != "" {
			return f
		}
	}
	return b.lbID(id)
}

// dnsForwarding draws an on-premises DNS server's conditional forwarders
// that point at an inbound Resolver endpoint, and each Resolver rule's
// forwarding from its outbound endpoint to the site holding a target address.
func (b *builder) dnsForwarding() {
	inbound := map[netip.Addr]string{}
	for _, r := range b.s.ResolverEndpoints {
		for _, ip := range r.IPs {
			if ip.IP.IsValid() {
				inbound[ip.IP] = r.ID + "@" + ip.Subnet
			}
		}
	}
	for _, d := range b.s.DNSServers {
		for _, f := range d.Forwarders {
			label := "DNS " + f.Domain // once: the other targets are the same forwarder's
			for _, t := range f.Targets {
				if to := inbound[t]; to != "" && d.Site != "" {
					b.link(d.Site, to, label, lDNSFwd)
					label = ""
				}
			}
		}
	}
	for _, r := range b.s.ResolverRules {
		if r.OutboundEndpoint == "" {
			continue
		}
		for _, t := range r.Targets {
			if site := b.siteOf(t.IP); site != "" {
				b.link(r.OutboundEndpoint, site, "rule "+r.DomainName, lDNSFwd)
			}
		}
	}
}

// siteOf is the on-premises site whose ranges (or DNS servers) hold ip.
func (b *builder) siteOf(ip netip.Addr) string {
	for _, d := range b.s.DNSServers {
		if d.IP == ip && d.Site != "" {
			return d.Site
		}
	}
	for _, s := range b.s.Sites {
		for _, p := range s.CIDRs {
			if p.Contains(ip) {
				return s.ID
			}
		}
	}
	return ""
}

func or2(a, b uint16) uint16 {
	if a != 0 {
		return a
	}
	return b
}
