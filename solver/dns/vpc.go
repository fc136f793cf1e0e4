package dns

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
)

// candKind is the kind of a rule in a VPC's rule set (R10.10).
type candKind int

const (
	candForward candKind = iota
	candSystem
	candRecursive
	candPHZ
	candEndpoint
	candInternal
)

var candNames = [...]string{"forwarding rule", "system rule", "recursive rule", "private hosted zone", "endpoint private DNS zone", "Amazon-provided names"}

// custom reports whether the rule is a customer Resolver rule (it wins exact ties, R10.11).
func (k candKind) custom() bool { return k <= candRecursive }

// cand is one rule of a VPC's rule set, keyed by its domain.
type cand struct {
	kind     candKind
	domain   string
	rule     *model.ResolverRule
	zone     *zone
	ep       *model.VPCEndpoint
	wildcard bool // endpoint zone answers every name below domain
	// profile is the Route 53 Profile the rule came with, nil for the VPC's own (R10.43).
	profile *model.Profile
}

func (c cand) describe() string {
	if c.profile != nil {
		return c.describeOwn() + " from Route 53 Profile " + c.profile.Label()
	}
	return c.describeOwn()
}

func (c cand) describeOwn() string {
	switch c.kind {
	case candForward, candSystem, candRecursive:
		return candNames[c.kind] + " " + c.rule.Label() + " (" + c.domain + ")"
	case candPHZ:
		return candNames[c.kind] + " " + c.domain + " (" + c.zone.hz.ID + ")"
	case candEndpoint:
		return candNames[c.kind] + " " + c.domain + " of " + c.ep.ID
	}
	return candNames[c.kind] + " " + c.domain
}

// vpcView is the rule set of one VPC's Resolver, by domain.
type vpcView struct {
	vpc      *model.VPC
	byDomain map[string][]cand
	fw       vpcFirewall
	// missing are the Profile resources the input lacks: any answer may differ (R10.43).
	missing []string
}

// add puts c in the rule set; a VPC's own rules come before those of its
// Route 53 Profile, so that they win a tie on the same domain (R10.44).
func (v *vpcView) add(c cand) {
	xs := v.byDomain[c.domain]
	i := len(xs)
	if c.profile == nil {
		for i > 0 && xs[i-1].profile != nil {
			i--
		}
	}
	v.byDomain[c.domain] = append(xs[:i], append([]cand{c}, xs[i:]...)...)
}

// indexVPCs builds every VPC's rule set (R10.10): custom rules associated with
// it, its PHZs, its endpoints' private DNS zones and the Amazon-provided zones.
func (r *Resolver) indexVPCs(s *model.Snapshot) {
	for _, vpc := range s.VPCs {
		v := &vpcView{vpc: vpc, byDomain: map[string][]cand{}}
		r.vpcs[vpc.ID] = v
		if vpc.EnableDNSSupport && vpc.EnableDNSHostnames { // R10.2
			for _, d := range privateDomains(vpc.Region) {
				v.add(cand{kind: candInternal, domain: d})
			}
			v.add(cand{kind: candInternal, domain: publicDomain(vpc.Region)})
		}
	}
	for _, rule := range s.ResolverRules {
		r.indexRule(rule)
	}
	for _, hz := range s.HostedZones {
		if !hz.Private {
			continue
		}
		z := newZone(hz)
		for _, a := range hz.VPCs {
			if v, ok := r.vpcs[r.vpcID(a.VPC)]; ok && v.dnsOn() {
				v.add(cand{kind: candPHZ, domain: z.name, zone: z})
			}
		}
	}
	for _, ep := range s.VPCEndpoints {
		r.addEndpointZone(ep)
	}
	r.indexFirewall(s)
	r.indexProfiles(s)
}

// indexRule adds a custom rule to the rule set of every VPC it is associated with.
func (r *Resolver) indexRule(rule *model.ResolverRule) {
	kind := candForward
	switch strings.ToUpper(rule.RuleType) {
	case "SYSTEM":
		kind = candSystem
	case "RECURSIVE":
		kind = candRecursive
	}
	for _, id := range rule.VPCs {
		v, ok := r.vpcs[r.vpcID(id)]
		if !ok {
			continue
		}
		if kind == candForward && r.selfLoop(rule, v.vpc) {
			continue
		}
		v.add(cand{kind: kind, domain: ruleDomain(rule.DomainName), rule: rule})
	}
}

// selfLoop reports whether a forwarding rule targets an inbound endpoint of
// the VPC it is associated with. AWS refuses that association (RSLVR-00804,
// loop prevention, R10.16), so it is reported and left out of the rule set.
func (r *Resolver) selfLoop(rule *model.ResolverRule, vpc *model.VPC) bool {
	for _, t := range rule.Targets {
		e, ok := r.inbound[t.IP]
		if !ok || r.vpcID(e.VPC) != vpc.ID {
			continue
		}
		r.Diagnostics = append(r.Diagnostics, model.Diagnostic{Severity: model.SevWarning, Source: rule.Source, Resource: rule.ID,
			Message: fmt.Sprintf("forwarding rule %s targets %s, an address of inbound endpoint %s in %s, and is associated with that same VPC: "+
				"AWS refuses this association (RSLVR-00804, loop prevention); it is ignored. Associate the rule with other VPCs only, "+
				"or target a DNS server outside %s", rule.Label(), t.IP, e.Label(), vpc.Label(), vpc.Label())})
		return true
	}
	return false
}

func ruleDomain(d string) string {
	if d = canon(d); d == "" {
		return "."
	}
	return d
}

func (r *Resolver) vpcID(ref string) string {
	if v, ok := model.Lookup[*model.VPC](r.ix, ref); ok {
		return v.ID
	}
	return ref
}

// dnsOn reports whether PHZs and endpoint private DNS work in the VPC (R10.2).
func (v *vpcView) dnsOn() bool { return v.vpc.EnableDNSSupport && v.vpc.EnableDNSHostnames }

// addEndpointZone adds the AWS-managed private DNS zone of an interface
// endpoint with private DNS to its own VPC only (R7.12).
func (r *Resolver) addEndpointZone(ep *model.VPCEndpoint) {
	if v, ok := r.vpcs[r.vpcID(ep.VPC)]; ok {
		r.addEndpointZoneTo(v, ep, nil)
	}
}

// addEndpointZoneTo adds ep's private DNS zone to v: its own VPC, or one
// whose Route 53 Profile bundles the endpoint (R10.43).
func (r *Resolver) addEndpointZoneTo(v *vpcView, ep *model.VPCEndpoint, p *model.Profile) {
	if ep.Type != model.EndpointInterface || !ep.PrivateDNSEnabled || !ep.Available() || !v.dnsOn() {
		return
	}
	svc, region, ok := serviceSuffix(ep.ServiceName)
	domain := svc + "." + region + ".amazonaws.com"
	if !ok {
		domain = ""
		for _, es := range r.net.Snap.EndpointServices {
			if es.ServiceName == ep.ServiceName {
				domain = canon(es.PrivateDNSName)
			}
		}
	}
	if domain == "" {
		return
	}
	wild := wildcardServices[svc]
	if strings.HasPrefix(domain, "*.") {
		domain, wild = domain[2:], true
	}
	v.add(cand{kind: candEndpoint, domain: domain, ep: ep, wildcard: wild, profile: p})
}

// vpcCtx is the VPC Resolver of one VPC, asked from inside or through an
// inbound endpoint (R10.15).
type vpcCtx struct {
	v       *vpcView
	inbound *model.ResolverEndpoint
}

func (c vpcCtx) label() string {
	l := "VPC Resolver of " + c.v.vpc.Label()
	if c.inbound != nil {
		l += " (via inbound endpoint " + c.inbound.ID + ")"
	}
	return l
}

func (c vpcCtx) lookup(q *query, name string, qtype uint16) result {
	// What the input did not say about the VPC (its DNS attributes, its
	// DHCP options) and was assumed or inferred decides this answer: say so.
	for _, a := range c.v.vpc.Assumed {
		q.warn(c.label(), "%s: %s", c.v.vpc.ID, a)
	}
	if c.v.vpc.IsUnlisted(model.UnlistedEndpoints) {
		q.warn(c.label(), "%s: the input lists no VPC endpoints at all (no `%s` output): the answer assumes no interface endpoint's private DNS applies (R7.12)", c.v.vpc.ID, model.ListingCommand(model.UnlistedEndpoints))
	}
	if !c.v.vpc.EnableDNSSupport {
		q.step(c.label(), "fails", "R10.2", "enableDnsSupport is false on %s: the Resolver answers nothing", c.v.vpc.ID)
		return servfail()
	}
	for _, m := range c.v.missing {
		q.warn(c.label(), "%s: the answer may differ (add the owner account's data, R10.43)", m)
	}
	if res, done := c.firewall(q, name, qtype); done {
		return res
	}
	best, ok := c.pick(name, true)
	if !ok {
		q.step(c.label(), "rule", "R10.10", "no rule matches: the autodefined \".\" rule recurses to public DNS")
		return q.recurse(name, qtype)
	}
	q.step(c.label(), "rule", "R10.11", "%s matches (most specific domain)", best.describe())
	return c.apply(q, best, name, qtype)
}

// pick returns the matching rule with the longest domain; on an exact tie a
// custom rule beats an autodefined one (R10.11). Without custom rules it
// considers only the Resolver's own data (system rules, R10.12).
func (c vpcCtx) pick(name string, custom bool) (cand, bool) {
	for d := name; ; d = parent(d) {
		var auto *cand
		for _, x := range c.v.byDomain[d] {
			if x.kind == candEndpoint && x.ep.PrivateDNSOnlyForInboundResolver && c.inbound == nil {
				continue // R7.14: inside the VPC the public answer
			}
			if x.kind == candEndpoint && d != name && !x.wildcard {
				continue
			}
			if x.kind.custom() {
				if custom {
					return x, true
				}
				continue
			}
			if auto == nil {
				auto = &x
			}
		}
		if auto != nil {
			return *auto, true
		}
		if d == "." {
			return cand{}, false
		}
	}
}

// apply uses the winning rule (R10.12).
func (c vpcCtx) apply(q *query, x cand, name string, qtype uint16) result {
	switch x.kind {
	case candForward:
		return c.forward(q, x.rule, name, qtype)
	case candSystem:
		own, ok := c.pick(name, false)
		if !ok {
			q.step(c.label(), "rule", "R10.12", "system rule: no zone of this Resolver holds %s: public recursion", name)
			return q.recurse(name, qtype)
		}
		q.step(c.label(), "rule", "R10.12", "system rule: resolved with %s", own.describe())
		return c.apply(q, own, name, qtype)
	case candRecursive:
		return q.recurse(name, qtype)
	case candPHZ:
		return x.zone.lookup(q, c.label(), name, qtype, func(t string) result { return q.resolve(publicCtx{}, t, qtype) })
	case candEndpoint:
		if name == x.domain && strings.HasPrefix(x.domain, "execute-api.") {
			q.step(c.label(), "answers", "R7.12", "NODATA: the zone %s answers only names below it", x.domain)
			return nodata()
		}
		q.step(c.label(), "answers", "R7.12", "private DNS of interface endpoint %s: its interface addresses", x.ep.ID)
		return addrAnswer(q, c.label(), name, qtype, q.r.endpointIPs(x.ep.ID, ""))
	}
	return q.r.internalLookup(q, c.label(), c.v.vpc, x.domain, name, qtype)
}

// forward sends the query from the rule's outbound endpoint to its targets,
// checking each hop with the reachability engine (R10.12, R10.16).
func (c vpcCtx) forward(q *query, rule *model.ResolverRule, name string, qtype uint16) result {
	oe, ok := model.Lookup[*model.ResolverEndpoint](q.r.ix, rule.OutboundEndpoint)
	if !ok || oe.Inbound() || len(oe.IPs) == 0 {
		q.step(c.label(), "fails", "R10.16", "forwarding rule %s has no usable outbound endpoint (%q)", rule.Label(), rule.OutboundEndpoint)
		return servfail()
	}
	targets := append([]model.RuleTarget(nil), rule.Targets...)
	sort.SliceStable(targets, func(i, j int) bool { return targets[i].IP.Less(targets[j].IP) })
	actor := "outbound endpoint " + oe.Label() + " in " + oe.VPC
	var failed []hop53
	for _, t := range targets {
		for _, src := range oe.IPs {
			from, err := names.Resolve(q.r.net, src.IP.String())
			if err != nil {
				q.step(actor, "fails", "R10.16", "outbound endpoint address %s: %v", src.IP, err)
				continue
			}
			h := q.check53(actor, from, t.IP)
			if h.ok {
				return q.askAt(actor, t.IP, name, qtype)
			}
			failed = append(failed, h)
		}
	}
	q.step(actor, "fails", "R10.16", "no target of %s is reachable on udp/53%s: SERVFAIL (the client times out)", rule.Label(), blockedSummary(failed))
	return servfail()
}

// resolverIPOf returns the VPC whose Resolver listens at ip (VPC+2, R10.1).
func (r *Resolver) resolverIPOf(ip netip.Addr) (*vpcView, bool) {
	for _, v := range r.vpcs {
		if v.vpc.ResolverIP() == ip {
			return v, true
		}
	}
	return nil, false
}
