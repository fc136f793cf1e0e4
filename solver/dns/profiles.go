package dns

import (
	"fmt"
	"strings"

	"github.com/netverify/netverify/model"
)

// indexProfiles adds what each VPC's Route 53 Profile bundles to its rule set
// (R10.43): private hosted zones, Resolver rules, interface endpoint private
// DNS and DNS Firewall rule groups, each marked with the Profile so that the
// chain names it and so that the VPC's own settings win a tie (R10.44).
func (r *Resolver) indexProfiles(s *model.Snapshot) {
	for _, a := range s.ProfileAssociations {
		if st := strings.ToUpper(a.Status); st != "" && st != "COMPLETE" && st != "UPDATING" {
			continue
		}
		p, ok := model.Lookup[*model.Profile](r.ix, a.Profile)
		v, vok := r.vpcs[r.vpcID(a.VPC)]
		if !ok || !vok {
			continue
		}
		for _, res := range p.Resources {
			r.addProfileResource(v, p, res)
		}
	}
}

func (r *Resolver) addProfileResource(v *vpcView, p *model.Profile, res model.ProfileResource) {
	if !r.profileResource(v, p, res) {
		v.missing = append(v.missing, fmt.Sprintf("Route 53 Profile %s bundles %s %s, which is not in the input", p.Label(), strings.ToLower(strings.ReplaceAll(res.Type, "_", " ")), res.Resource))
	}
}

// profileResource adds one bundled resource to v; false when the input lacks it.
func (r *Resolver) profileResource(v *vpcView, p *model.Profile, res model.ProfileResource) bool {
	id := res.ResourceID()
	switch res.Type {
	case model.ProfileHostedZone:
		hz, ok := r.hostedZone(id, res.Resource)
		if ok && hz.Private && v.dnsOn() {
			z := newZone(hz)
			v.add(cand{kind: candPHZ, domain: z.name, zone: z, profile: p})
		}
		return ok
	case model.ProfileResolverRule:
		rule, ok := lookupEither[*model.ResolverRule](r.ix, id, res.Resource)
		if ok {
			kind := candForward
			switch strings.ToUpper(rule.RuleType) {
			case "SYSTEM":
				kind = candSystem
			case "RECURSIVE":
				kind = candRecursive
			}
			v.add(cand{kind: kind, domain: ruleDomain(rule.DomainName), rule: rule, profile: p})
		}
		return ok
	case model.ProfileInterfaceEndpoint:
		ep, ok := lookupEither[*model.VPCEndpoint](r.ix, id, res.Resource)
		if ok {
			r.addEndpointZoneTo(v, ep, p)
		}
		return ok
	case model.ProfileFirewallRuleGroup:
		g, ok := lookupEither[*model.FirewallRuleGroup](r.ix, id, res.Resource)
		if ok {
			v.addFirewall(fwGroup{group: g, priority: res.Priority, via: "Route 53 Profile " + p.Label()})
		}
		return ok
	}
	return false
}

// hostedZone finds a zone by ID, by "/hostedzone/ID" or by name.
func (r *Resolver) hostedZone(id, ref string) (*model.HostedZone, bool) {
	if hz, ok := lookupEither[*model.HostedZone](r.ix, id, ref); ok {
		return hz, true
	}
	for _, hz := range r.net.Snap.HostedZones {
		if strings.TrimPrefix(hz.ID, "/hostedzone/") == id {
			return hz, true
		}
	}
	return nil, false
}

func lookupEither[T model.Resource](ix *model.Index, refs ...string) (T, bool) {
	for _, ref := range refs {
		if x, ok := model.Lookup[T](ix, ref); ok {
			return x, true
		}
	}
	var zero T
	return zero, false
}
