package awsjson

import (
	"slices"
	"sort"

	"github.com/netverify/netverify/model"
)

// listing names, for each kind of resource whose absence decides answers,
// the handler files (see registry.go) any one of which lists it. tgw marks
// the kinds recorded on transit gateways rather than on VPCs.
type listingRow struct {
	kind  string
	files []string
	tgw   bool
}

var listing = []listingRow{
	{kind: model.UnlistedIGWs, files: []string{"InternetGateways"}},
	{kind: model.UnlistedRouteTables, files: []string{"RouteTables"}},
	{kind: model.UnlistedListeners, files: []string{"Listeners", "LoadBalancerListeners"}},
	{kind: model.UnlistedNACLs, files: []string{"NetworkAcls"}},
	{kind: model.UnlistedNATs, files: []string{"NatGateways"}},
	{kind: model.UnlistedEndpoints, files: []string{"VpcEndpoints"}},
	{kind: model.UnlistedPrefixLists, files: []string{"PrefixLists", "ManagedPrefixListEntries", "ManagedPrefixListEntries_pl-ID"}},
	{kind: model.UnlistedENIs, files: []string{"NetworkInterfaces"}},
	{kind: model.UnlistedLoadBalancers, files: []string{"LoadBalancers"}},
	{kind: model.UnlistedTargetGroups, files: []string{"TargetGroups"}},
	{kind: model.UnlistedTargetHealth, files: []string{"LoadBalancerTargetHealth", "TargetHealth"}},
	{kind: model.UnlistedTGWAttachments, files: []string{"TransitGatewayAttachments", "TransitGatewayAssociations", "TransitGatewayRouteTableAssociations_tgw-rtb-ID"}, tgw: true},
	{kind: model.UnlistedTGWVPCAttach, files: []string{"TransitGatewayVpcAttachments"}, tgw: true},
	{kind: model.UnlistedTGWRouteTables, files: []string{"TransitGatewayRouteTables"}, tgw: true},
	{kind: model.UnlistedTGWPropagation, files: []string{"TransitGatewayPropagations", "TransitGatewayRouteTablePropagations_tgw-rtb-ID"}, tgw: true},
	{kind: model.UnlistedTGWRoutes, files: []string{"TransitGatewayStaticRoutes", "TransitGatewayRoutes_tgw-rtb-ID"}, tgw: true},
}

// markUnlisted records on every VPC (and transit gateway) the kinds of
// resource no file of its account and Region (or, for files without one in
// their path, of the whole load) listed, or whose live-import call failed
// (failed, from manifest.json: the file then holds an empty list that is not
// a listing). A dump without `describe-internet-gateways` says nothing about
// internet gateways; reading it as "this VPC has none" would answer
// "blocked" where the truth is "unknown" (issues 10 and 17; the CloudMapper
// demo data of corpus README E5 is such a dump, and a live import whose
// call was denied in one Region is another).
func markUnlisted(s *model.Snapshot, parts []*fileCtx, failed failedListings, ds *model.Diagnostics) {
	all := map[string]bool{}
	byScope := map[scope]map[string]bool{}
	for _, p := range parts {
		k := scope{p.account, p.region}
		if byScope[k] == nil {
			byScope[k] = map[string]bool{}
		}
		for _, f := range p.read {
			all[f] = true
			byScope[k][f] = true
		}
	}
	for k, read := range byScope {
		why := failed.reasons(k.account, k.region)
		for _, l := range listing {
			for _, f := range l.files {
				if _, bad := why[l.kind]; read[f] && !bad {
					s.Listings = append(s.Listings, l.kind+"|"+k.account+"|"+k.region)
					break
				}
			}
		}
	}
	sort.Strings(s.Listings)
	reported := map[string]bool{}
	report := func(m *model.Meta, kinds model.Unlisted, why map[string]string, whose string) {
		for _, k := range kinds {
			if reported[k] {
				continue
			}
			reported[k] = true
			if w := why[k]; w != "" {
				ds.Warnf(m.Source, m.ID, "%s: the %s of %s are not known: %s", w, k, whose, consequence(k))
				continue
			}
			ds.Infof(m.Source, m.ID, "the input lists no %s for %s: %s", k, whose, consequence(k))
		}
	}
	for _, v := range s.VPCs {
		read := scopeRead(byScope, all, v.Account, v.Region)
		why := failed.reasons(v.Account, v.Region)
		v.Unlisted = mergeKinds(unlistedKinds(read, why, false), v.Unlisted)
		v.UnlistedWhy = whyOf(v.Unlisted, why)
		report(&v.Meta, v.Unlisted, why, v.ID+" (and the other VPCs of its account and Region)")
	}
	for _, t := range s.TransitGateways {
		read := scopeRead(byScope, all, t.Account, t.Region)
		why := failed.reasons(t.Account, t.Region)
		t.Unlisted = unlistedKinds(read, why, true)
		t.UnlistedWhy = whyOf(t.Unlisted, why)
		report(&t.Meta, t.Unlisted, why, t.ID)
	}
}

// scopeRead is what was read for a resource's account and Region. A
// layout that names no account (aws_configs/<region>/) reads files under
// account "" while the resources carry their owner's account: the Region's
// files are then the ones to go by, never every Region's (one Region's
// listing says nothing of another's).
func scopeRead(byScope map[scope]map[string]bool, all map[string]bool, account, region string) map[string]bool {
	if region == "" {
		return all
	}
	if read, ok := byScope[scope{account, region}]; ok {
		return read
	}
	if read, ok := byScope[scope{"", region}]; ok {
		return read
	}
	return all
}

// mergeKinds appends the kinds of extra that kinds lacks.
func mergeKinds(kinds, extra model.Unlisted) model.Unlisted {
	for _, k := range extra {
		if !kinds.Has(k) {
			kinds = append(kinds, k)
		}
	}
	return kinds
}

// whyOf keeps the reasons of the given kinds, nil when there are none.
func whyOf(kinds model.Unlisted, why map[string]string) map[string]string {
	var out map[string]string
	for _, k := range kinds {
		if w, ok := why[k]; ok {
			if out == nil {
				out = map[string]string{}
			}
			out[k] = w
		}
	}
	return out
}

// consequence says what answers do about an unlisted kind.
func consequence(kind string) string {
	switch kind {
	case model.UnlistedNACLs:
		return "the default network ACL, which allows everything (R2.10), is assumed and answers say so"
	case model.UnlistedDHCPOptions:
		return "AmazonProvidedDNS is assumed and DNS answers say so"
	case model.UnlistedVPCAttributes:
		return "the DNS attributes are assumed (support on, hostnames off unless the VPC is a default VPC) and DNS answers say so"
	}
	return "answers that depend on them are unknown, not \"none\""
}

// unlistedKinds returns the kinds of listing (of VPCs, or of TGWs) none of
// whose files were read, or whose call failed (why).
func unlistedKinds(read map[string]bool, why map[string]string, tgw bool) model.Unlisted {
	var out model.Unlisted
	for _, l := range listing {
		if l.tgw != tgw {
			continue
		}
		_, found := why[l.kind]
		found = !found && slices.ContainsFunc(l.files, func(f string) bool { return read[f] })
		if !found {
			out = append(out, l.kind)
		}
	}
	for k := range why {
		if !tgwKind(k) == !tgw && !out.Has(k) && !listed(k) {
			out = append(out, k) // per-VPC kinds (DHCP options, attributes)
		}
	}
	return out
}

// tgwKind reports whether kind is recorded on transit gateways.
func tgwKind(kind string) bool {
	for _, l := range listing {
		if l.kind == kind {
			return l.tgw
		}
	}
	return false
}

// listed reports whether kind is one of the table's kinds.
func listed(kind string) bool {
	return slices.ContainsFunc(listing, func(l listingRow) bool { return l.kind == kind })
}
