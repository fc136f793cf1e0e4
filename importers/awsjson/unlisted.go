package awsjson

import (
	"sort"

	"github.com/netverify/netverify/model"
)

// listing names, for each kind of resource whose absence decides answers,
// the handler files (see registry.go) any one of which lists it.
var listing = []struct {
	kind  string
	files []string
}{
	{model.UnlistedIGWs, []string{"InternetGateways"}},
	{model.UnlistedRouteTables, []string{"RouteTables"}},
	{model.UnlistedListeners, []string{"Listeners", "LoadBalancerListeners"}},
	{model.UnlistedNACLs, []string{"NetworkAcls"}},
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
		v.Unlisted = unlistedKinds(read)
		for _, k := range v.Unlisted {
			if !reported[k] {
				reported[k] = true
				consequence := "answers that depend on them are unknown, not \"none\""
				if k == model.UnlistedNACLs {
					consequence = "the default network ACL, which allows everything (R2.10), is assumed and answers say so"
				}
				ds.Infof(v.Source, v.ID, "the input lists no %s for %s (and the other VPCs of its account and Region): %s", k, v.ID, consequence)
			}
		}
	}
}

// unlistedKinds returns the kinds of listing none of whose files were read.
func unlistedKinds(read map[string]bool) []string {
	var out []string
	for _, l := range listing {
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
