package terraform

import (
	"crypto/sha256"
	"encoding/hex"
	"net/netip"

	"github.com/netverify/netverify/importers/cfn"
	"github.com/netverify/netverify/model"
)

// servicePrefixList makes sure the AWS-managed prefix list of a gateway
// endpoint's service is in the snapshot: the solver routes the endpoint's
// route tables by its entries (R7.1, R7.2), and without it traffic to S3 or
// DynamoDB would silently take the 0.0.0.0/0 route instead. A state records
// the list (prefix_list_id, cidr_blocks); a plan does not, so the ranges
// netverify knows offline are used and the assumption is stated.
func (b *builder) servicePrefixList(r *resource, o obj, service string) {
	for _, pl := range b.s.PrefixLists {
		if pl.AWSManaged && pl.PrefixListName == service {
			return
		}
	}
	pl := &model.PrefixList{Meta: model.Meta{Region: b.d.region, Name: service, Source: r.Src}, PrefixListName: service,
		AWSManaged: true, AddressFamily: "IPv4", Entries: []netip.Prefix{}}
	id, cidrs := o.str("prefix_list_id"), o.strs("cidr_blocks")
	switch known, entries, ok := cfn.KnownServicePrefixList(service); {
	case id != "" && len(cidrs) > 0 && !b.d.planned:
		pl.ID = id
		for _, c := range cidrs {
			if p, ok := prefix(c); ok {
				pl.Entries = append(pl.Entries, p)
			}
		}
	case ok:
		pl.ID, pl.Entries = known, entries
		pl.Assume("AWS-managed prefix list: entries as AWS published them when the corpus was captured; the real ranges are AWS's and change over time")
	default:
		h := sha256.Sum256([]byte(service))
		pl.ID = "pl-" + hex.EncodeToString(h[:4])
		pl.Assume("AWS-managed prefix list: the real ranges are AWS's and not known offline; its ID is a placeholder")
		b.ds.Warnf(r.Src, r.Addr, "%s: the address ranges of %s are not known offline; traffic to the service is not matched by its prefix list", r.Addr, service)
	}
	b.s.PrefixLists = append(b.s.PrefixLists, pl)
}
