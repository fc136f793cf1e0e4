package model

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// Edge reports whether the REST API is edge-optimized: served through a
// CloudFront distribution that API Gateway manages (R9.22). An API with no
// endpoint type listed is edge-optimized, AWS's default.
func (a *RestAPI) Edge() bool {
	if len(a.EndpointTypes) == 0 {
		return true
	}
	return strings.EqualFold(a.EndpointTypes[0], "EDGE")
}

// EdgeDistributionName is the CloudFront distribution name that stands for
// the one API Gateway manages for an edge-optimized API (its real name is
// in no input): d + 13 characters + .cloudfront.net, stable per API.
func EdgeDistributionName(apiID string) string {
	h := fnv.New64a()
	h.Write([]byte("edge|" + apiID))
	return fmt.Sprintf("d%013x.cloudfront.net", h.Sum64()&(1<<52-1))
}
