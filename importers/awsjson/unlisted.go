package awsjson

import (
	"sort"

	"github.com/netverify/netverify/model"
)

// listing names, for each kind of resource whose absence decides answers,
// the handler files (see registry.go) any one of which lists it. tgw marks
// the kinds recorded on transit gateways rather than on VPCs.
var listing = []struct {
	kind  string
	files []string
	tgw   bool
}{
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

// markUnlisted records on every VPC the kinds of resource no file of its
// account and Region (or, for files without one in their path, of the whole
// load) listed. A dump without `describe-internet-gateways` says nothing
// about internet gateways; reading it as "this VPC has none" would answer
// "blocked" where the truth is "unknown" (issue 10; the CloudMapper demo
// data of corpus README E5 is such a dump, and a live import whose call was
// denied in one Region is another).
func markUnlisted(s *model.Snapshot, parts []*fileCtx, ds *model.Diagnostics) {
	type scope struct{ account, region string }
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
		for _, l := range listing {
			for _, f := range l.files {
				if read[f] {
					s.Listings = append(s.Listings, l.kind+"|"+k.account+"|"+k.region)
					break
				}
			}
		}
	}
	sort.Strings(s.Listings)
	reported := map[string]bool{}
	for _, v := range s.VPCs {
		read, ok := byScope[scope{v.Account, v.Region}]
		if !ok || v.Region == "" {
			read = all
		}
		v.Unlisted = append(unlistedKinds(read, false), v.Unlisted...)
		for _, k := range v.Unlisted {
			if !reported[k] {
				reported[k] = true
				ds.Infof(v.Source, v.ID, "the input lists no %s for %s (and the other VPCs of its account and Region): %s", k, v.ID, consequence(k))
			}
		}
	}
	for _, t := range s.TransitGateways {
		read, ok := byScope[scope{t.Account, t.Region}]
		if !ok || t.Region == "" {
			read = all
		}
		t.Unlisted = unlistedKinds(read, true)
		for _, k := range t.Unlisted {
			if !reported[k] {
				reported[k] = true
				ds.Infof(t.Source, t.ID, "the input lists no %s for %s: %s", k, t.ID, consequence(k))
			}
		}
	}
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
// whose files were read.
func unlistedKinds(read map[string]bool, tgw bool) model.Unlisted {
	var out model.Unlisted
	for _, l := range listing {
		if l.tgw != tgw {
			continue
		}
		found := false
		for _, f := range l.files {
			found = found || read[f]
		}
		if !found {
			out = append(out, l.kind)
		}
	}
	return out
}
