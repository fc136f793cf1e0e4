package awsjson

import "github.com/netverify/netverify/model"

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

// markUnlisted records on every VPC the kinds of resource no file of the
// load listed. A dump without `describe-internet-gateways` says nothing
// about internet gateways; reading it as "this VPC has none" would answer
// "blocked" where the truth is "unknown" (issue 10; the CloudMapper demo
// data of corpus README E5 is such a dump).
func markUnlisted(s *model.Snapshot, parts []*fileCtx) {
	read := map[string]bool{}
	for _, p := range parts {
		for _, f := range p.read {
			read[f] = true
		}
	}
	var unlisted []string
	for _, l := range listing {
		found := false
		for _, f := range l.files {
			found = found || read[f]
		}
		if !found {
			unlisted = append(unlisted, l.kind)
		}
	}
	if len(unlisted) == 0 {
		return
	}
	for _, v := range s.VPCs {
		v.Unlisted = append([]string(nil), unlisted...)
	}
}
