package awsjson

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/netverify/netverify/model"
)

// manifestCall is what the loader reads of one call the live importer
// (importers/awsapi) recorded in manifest.json.
type manifestCall struct {
	Account   string `json:"account"`
	Region    string `json:"region"`
	Operation string `json:"operation"`
	Action    string `json:"action"`
	Target    string `json:"target"`
	Outcome   string `json:"outcome"`
	Error     string `json:"error"`
}

// callKinds maps an API operation to the kind of listing it reads: when the
// call failed, the file it wrote (often an empty list) is not a listing.
var callKinds = map[string]string{
	"DescribeInternetGateways":                model.UnlistedIGWs,
	"DescribeRouteTables":                     model.UnlistedRouteTables,
	"DescribeListeners":                       model.UnlistedListeners,
	"DescribeNetworkAcls":                     model.UnlistedNACLs,
	"DescribeNatGateways":                     model.UnlistedNATs,
	"DescribeVpcEndpoints":                    model.UnlistedEndpoints,
	"DescribePrefixLists":                     model.UnlistedPrefixLists,
	"DescribeManagedPrefixLists":              model.UnlistedPrefixLists,
	"GetManagedPrefixListEntries":             model.UnlistedPrefixLists,
	"DescribeNetworkInterfaces":               model.UnlistedENIs,
	"DescribeLoadBalancers":                   model.UnlistedLoadBalancers,
	"DescribeTargetGroups":                    model.UnlistedTargetGroups,
	"DescribeTargetHealth":                    model.UnlistedTargetHealth,
	"DescribeDhcpOptions":                     model.UnlistedDHCPOptions,
	"DescribeVpcAttribute":                    model.UnlistedVPCAttributes,
	"DescribeTransitGatewayAttachments":       model.UnlistedTGWAttachments,
	"GetTransitGatewayRouteTableAssociations": model.UnlistedTGWAttachments,
	"DescribeTransitGatewayVpcAttachments":    model.UnlistedTGWVPCAttach,
	"DescribeTransitGatewayRouteTables":       model.UnlistedTGWRouteTables,
	"GetTransitGatewayRouteTablePropagations": model.UnlistedTGWPropagation,
	"SearchTransitGatewayRoutes":              model.UnlistedTGWRoutes,
}

// failedListings are the listings a live import tried to read and could
// not, by account and Region: kind -> why.
type failedListings map[scope]map[string]string

type scope struct{ account, region string }

// readManifest reads dir/manifest.json, if there is one, and returns the
// listings whose calls were denied or failed (issue 17). A manifest that
// does not parse is a warning: the dump is still read, without it.
func readManifest(dir string, ds *model.Diagnostics) failedListings {
	path := filepath.Join(dir, "manifest.json")
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var m struct {
		Calls []manifestCall `json:"calls"`
	}
	if err == nil {
		err = json.Unmarshal(data, &m)
	}
	if err != nil {
		ds.Warnf(model.Source{File: path}, "", "the import's manifest cannot be read (%v): calls that failed during the import are not known, so their empty listings are read as \"none\"", err)
		return nil
	}
	out := failedListings{}
	others := map[string]bool{}
	for _, c := range m.Calls {
		if c.Outcome == "" || c.Outcome == "ok" {
			continue
		}
		kind, ok := callKinds[c.Operation]
		if !ok {
			// A call whose listing the solver does not track: what it
			// would have listed is simply absent; say so once.
			if key := c.Account + "|" + c.Region + "|" + c.Operation; !others[key] {
				others[key] = true
				ds.Warnf(model.Source{File: path}, "", "the import's %s call in %s ended %s: what it lists is missing from the snapshot, and answers that need it are unknown", orOp(c.Action, c.Operation), scopeName(c.Account, c.Region), c.Outcome)
			}
			continue
		}
		k := scope{c.Account, c.Region}
		if out[k] == nil {
			out[k] = map[string]string{}
		}
		if _, seen := out[k][kind]; seen {
			continue
		}
		why := "the import's " + orOp(c.Action, c.Operation) + " call"
		if c.Target != "" {
			why += " for " + c.Target
		}
		why += " ended " + c.Outcome + " (manifest.json)"
		out[k][kind] = why
	}
	return out
}

// reasons returns the failed listings of an account and Region; a dump laid
// out without accounts/<id>/ takes those of any account in the Region.
func (f failedListings) reasons(account, region string) map[string]string {
	if r, ok := f[scope{account, region}]; ok || account != "" {
		return r
	}
	for k, r := range f {
		if k.region == region {
			return r
		}
	}
	return nil
}

func orOp(action, op string) string {
	if action == "" {
		return op
	}
	return action
}

func scopeName(account, region string) string {
	switch {
	case account != "" && region != "":
		return "account " + account + ", " + region
	case region != "":
		return region
	case account != "":
		return "account " + account
	}
	return "the import"
}
