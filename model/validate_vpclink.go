package model

import "strings"

// vpcLinksV1 checks that a REST API VPC link (V1) targets exactly one
// Network Load Balancer: API Gateway refuses an Application or Gateway Load
// Balancer and more than one target (R8.7). A link whose targets the input
// does not name is not judged.
func (v *validator) vpcLinksV1() {
	for _, l := range v.s.VPCLinks {
		if !strings.EqualFold(l.Version, "REST_V1") {
			continue
		}
		switch {
		case len(l.TargetARNs) == 0:
			continue // not in the input (an unset template parameter): nothing to judge
		case len(l.TargetARNs) > 1:
			v.errf(&l.Meta, "VPC link %s (REST, V1) has %d targets: it must target exactly one Network Load Balancer (R8.7)", l.ID, len(l.TargetARNs))
			continue
		}
		lb, ok := Lookup[*LoadBalancer](v.ix, l.TargetARNs[0])
		if ok && !strings.EqualFold(lb.Type, "network") {
			v.errf(&l.Meta, "VPC link %s (REST, V1) targets %s, a load balancer of type %s: a REST API VPC link must target a Network Load Balancer (R8.7)", l.ID, lb.ID, lb.Type)
		}
	}
}
