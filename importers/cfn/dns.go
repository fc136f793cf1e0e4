package cfn

import (
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
)

func hostedZone(imp *importer, r *resource, p props) {
	z := &model.HostedZone{Meta: p.meta(r.physicalID()), ZoneName: strings.TrimSuffix(p.str("Name"), ".")}
	if v := p.get("VPCs"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			xp := p.sub(x)
			z.VPCs = append(z.VPCs, model.ZoneVPC{VPC: xp.str("VPCId"), Region: xp.str("VPCRegion")})
		}
	}
	z.Private = len(z.VPCs) > 0
	imp.snap.HostedZones = append(imp.snap.HostedZones, z)
	imp.register(r, z)
}

// zoneFor finds the template's hosted zone by ID or by name.
func (imp *importer) zoneFor(id, name string) *model.HostedZone {
	if z, ok := lookup[*model.HostedZone](imp, id); ok {
		return z
	}
	name = strings.TrimSuffix(name, ".")
	for _, z := range imp.snap.HostedZones {
		if name != "" && strings.EqualFold(z.ZoneName, name) {
			return z
		}
	}
	return nil
}

func recordSet(imp *importer, r *resource, p props) {
	z := imp.zoneFor(p.str("HostedZoneId"), p.str("HostedZoneName"))
	if z == nil {
		imp.ds.Warnf(imp.srcOf(r), r.Logical, "RecordSet %s: its hosted zone is not defined in this template; the record is not applied", r.Logical)
		return
	}
	if rec, ok := record(p); ok {
		z.Records = append(z.Records, rec)
	}
}

func recordSetGroup(imp *importer, r *resource, p props) {
	z := imp.zoneFor(p.str("HostedZoneId"), p.str("HostedZoneName"))
	if z == nil {
		imp.ds.Warnf(imp.srcOf(r), r.Logical, "RecordSetGroup %s: its hosted zone is not defined in this template; the records are not applied", r.Logical)
		return
	}
	if v := p.get("RecordSets"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			if rec, ok := record(p.sub(x)); ok {
				z.Records = append(z.Records, rec)
			}
		}
	}
}

func record(p props) (model.RecordSet, bool) {
	rec := model.RecordSet{Name: strings.TrimSuffix(p.str("Name"), "."), Type: strings.ToUpper(p.str("Type")),
		TTL: int64(p.integer("TTL", 0)), Values: p.strs("ResourceRecords"), SetIdentifier: p.str("SetIdentifier"), Source: p.src(p.v)}
	if p.has("Weight") {
		w := int64(p.integer("Weight", 0))
		rec.Weight = &w
	}
	if a := p.get("AliasTarget"); a != nil {
		ap := p.sub(a)
		rec.Alias = &model.AliasTarget{DNSName: strings.TrimSuffix(ap.str("DNSName"), "."), HostedZoneID: ap.str("HostedZoneId"),
			EvaluateTargetHealth: ap.boolean("EvaluateTargetHealth", false)}
	}
	return rec, rec.Name != "" && rec.Type != ""
}

func resolverEndpoint(imp *importer, r *resource, p props) {
	e := &model.ResolverEndpoint{Meta: p.meta(r.physicalID()), Direction: strings.ToUpper(p.str("Direction")),
		SecurityGroups: p.strs("SecurityGroupIds"), Protocols: p.strs("Protocols"), Status: "OPERATIONAL"}
	if v := p.get("IpAddresses"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			xp := p.sub(x)
			ip := model.ResolverIP{Subnet: xp.str("SubnetId")}
			if a, ok := xp.addr("Ip"); ok {
				ip.IP = a
			}
			if sub, ok := lookup[*model.Subnet](imp, ip.Subnet); ok && e.VPC == "" {
				e.VPC = sub.VPC
			}
			e.IPs = append(e.IPs, ip)
		}
	}
	imp.snap.ResolverEndpoints = append(imp.snap.ResolverEndpoints, e)
	imp.register(r, e)
}

func resolverRule(imp *importer, r *resource, p props) {
	rule := &model.ResolverRule{Meta: p.meta(r.physicalID()), DomainName: strings.TrimSuffix(p.str("DomainName"), "."),
		RuleType: strings.ToUpper(p.str("RuleType")), OutboundEndpoint: p.str("ResolverEndpointId"), OwnerID: r.account}
	if rule.DomainName == "" {
		rule.DomainName = "."
	}
	if v := p.get("TargetIps"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			xp := p.sub(x)
			if a, ok := xp.addr("Ip"); ok {
				rule.Targets = append(rule.Targets, model.RuleTarget{IP: a, Port: uint16(xp.integer("Port", 53))})
			}
		}
	}
	imp.snap.ResolverRules = append(imp.snap.ResolverRules, rule)
	imp.register(r, rule)
}

func resolverRuleAssoc(imp *importer, r *resource, p props) {
	rule, ok := target[*model.ResolverRule](p, "ResolverRuleId", "Resolver rule")
	if vpc := p.str("VPCId"); ok && vpc != "" {
		rule.VPCs = appendUnique(rule.VPCs, vpc)
	}
}

var _ = netip.Addr{}
