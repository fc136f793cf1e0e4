package terraform

import (
	"strings"

	"github.com/netverify/netverify/model"
)

func init() {
	register(1, mapZone, "aws_route53_zone")
	register(2, mapZoneAssociation, "aws_route53_zone_association")
	register(2, mapRecord, "aws_route53_record")
	register(1, mapResolverEndpoint, "aws_route53_resolver_endpoint")
	register(1, mapResolverRule, "aws_route53_resolver_rule")
	register(2, mapResolverRuleAssociation, "aws_route53_resolver_rule_association")
}

// mapZone: a zone with vpc blocks is private (R10.8).
func mapZone(b *builder, r *resource, o obj) {
	z := &model.HostedZone{Meta: b.meta(r, o), ZoneName: fqdn(o.str("name"))}
	if id := o.str("zone_id"); id != "" && !r.placeholder {
		z.ID = id
	}
	for _, v := range o.blocks("vpc") {
		z.VPCs = append(z.VPCs, model.ZoneVPC{VPC: v.str("vpc_id"), Region: v.str("vpc_region")})
	}
	z.Private = len(z.VPCs) > 0
	b.s.HostedZones = append(b.s.HostedZones, z)
}

func fqdn(name string) string { return strings.ToLower(strings.TrimSuffix(name, ".")) }

func (b *builder) zone(r *resource, o obj) (*model.HostedZone, bool) {
	id := o.str("zone_id")
	z, ok := lookup[*model.HostedZone](b, id)
	if !ok {
		b.warnDangling(r, "zone_id", "hosted zone", id)
	}
	return z, ok
}

func mapZoneAssociation(b *builder, r *resource, o obj) {
	if z, ok := b.zone(r, o); ok {
		z.VPCs = append(z.VPCs, model.ZoneVPC{VPC: o.str("vpc_id"), Region: o.str("vpc_region")})
		z.Private = true
	}
}

// mapRecord adds the record set to its zone; a relative name is completed
// with the zone's name, as Route 53 does.
func mapRecord(b *builder, r *resource, o obj) {
	z, ok := b.zone(r, o)
	if !ok {
		return
	}
	name := fqdn(o.str("fqdn"))
	if name == "" {
		name = fqdn(o.str("name"))
	}
	if name != z.ZoneName && !strings.HasSuffix(name, "."+z.ZoneName) {
		name = strings.TrimSuffix(name+"."+z.ZoneName, ".")
	}
	rs := model.RecordSet{Name: name, Type: strings.ToUpper(o.str("type")), Values: o.strs("records"),
		SetIdentifier: o.str("set_identifier"), Source: r.Src}
	rs.TTL, _ = o.num("ttl")
	for _, a := range o.blocks("alias") {
		rs.Alias = &model.AliasTarget{DNSName: fqdn(a.str("name")), HostedZoneID: a.str("zone_id"),
			EvaluateTargetHealth: a.boolean("evaluate_target_health", false)}
	}
	for _, w := range o.blocks("weighted_routing_policy") {
		if n, ok := w.num("weight"); ok {
			rs.Weight = &n
		}
	}
	z.Records = append(z.Records, rs)
}

func mapResolverEndpoint(b *builder, r *resource, o obj) {
	e := &model.ResolverEndpoint{Meta: b.meta(r, o), Direction: strings.ToUpper(o.str("direction")),
		VPC: o.str("host_vpc_id"), SecurityGroups: o.strs("security_group_ids"), Protocols: o.strs("protocols")}
	for _, ip := range o.blocks("ip_address") {
		rip := model.ResolverIP{Subnet: ip.str("subnet_id")}
		rip.IP, _ = addr(ip.str("ip"))
		e.IPs = append(e.IPs, rip)
	}
	if e.IPs == nil {
		e.IPs = []model.ResolverIP{}
	}
	if e.VPC == "" && len(e.IPs) > 0 {
		b.post = append(b.post, func() { fillVPC(b, &e.VPC, e.IPs[0].Subnet) })
	}
	b.s.ResolverEndpoints = append(b.s.ResolverEndpoints, e)
}

func mapResolverRule(b *builder, r *resource, o obj) {
	rr := &model.ResolverRule{Meta: b.meta(r, o), DomainName: fqdn(o.str("domain_name")), RuleType: strings.ToUpper(o.str("rule_type")),
		OutboundEndpoint: o.str("resolver_endpoint_id"), OwnerID: o.str("owner_id"), ShareStatus: o.str("share_status")}
	if rr.DomainName == "" {
		rr.DomainName = "."
	}
	for _, t := range o.blocks("target_ip") {
		ip, ok := addr(t.str("ip"))
		if !ok {
			continue
		}
		tgt := model.RuleTarget{IP: ip}
		if p, ok := t.num("port"); ok && p > 0 && p < 65536 {
			tgt.Port = uint16(p)
		}
		rr.Targets = append(rr.Targets, tgt)
	}
	b.s.ResolverRules = append(b.s.ResolverRules, rr)
}

func mapResolverRuleAssociation(b *builder, r *resource, o obj) {
	id := o.str("resolver_rule_id")
	rr, ok := lookup[*model.ResolverRule](b, id)
	if !ok {
		b.warnDangling(r, "resolver_rule_id", "resolver rule", id)
		return
	}
	if v := o.str("vpc_id"); v != "" {
		rr.VPCs = appendUnique(rr.VPCs, v)
	}
}
