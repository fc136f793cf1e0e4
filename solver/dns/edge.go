package dns

import (
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
)

// CloudFrontRange holds the placeholder addresses of CloudFront
// distributions (*.cloudfront.net): the edge of edge-optimized APIs and
// their custom domains (R9.22). The real addresses are in no input.
var CloudFrontRange = netip.MustParsePrefix("13.32.0.0/15")

// edgeAPI answers the default name of an edge-optimized REST API: a CNAME
// to the CloudFront distribution API Gateway manages for it (R9.22).
func (r *Resolver) edgeAPI(q *query, actor, name string) (result, bool) {
	id, _, _ := strings.Cut(name, ".")
	api, ok := r.apis[id]
	if !ok || !api.Edge() {
		return result{}, false
	}
	dist := model.EdgeDistributionName(id)
	q.step(actor, "answers", "R9.22", "edge-optimized API %s: its default name is a CNAME to its CloudFront distribution %s", id, dist)
	return answer(Record{Name: name, Type: "CNAME", Value: dist, TTL: defaultTTL}), true
}

// cloudFront answers a *.cloudfront.net distribution name with a stable
// placeholder address in CloudFrontRange.
func (r *Resolver) cloudFront(q *query, actor, name string, qtype uint16) result {
	ip := placeholderIn(CloudFrontRange, name)
	q.step(actor, "answers", "R9.22", "CloudFront distribution %s: an edge location (placeholder address %s, see CloudFrontRange)", name, ip)
	return addrAnswer(q, "", name, qtype, []netip.Addr{ip})
}
