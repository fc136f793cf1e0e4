package http

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/reach"
)

// Leg is one place where API Gateway's traffic to a private backend enters
// a VPC: a VPC link V2 ENI, or a node of the NLB behind a REST VPC link V1.
type Leg struct {
	Link string         // the VPC link ID
	Src  reach.Endpoint // the source the backend sees
	Note string         // how the traffic gets there, with its rule
	Port uint16         // the integration's port, 0 when unknown
}

// BackendLegs returns the sources of the API's traffic towards its private
// backends (R8.7, R8.8, R9.13). An API without a VPC link integration has
// none: API Gateway cannot reach private addresses without one.
func (c *Caller) BackendLegs(api *API) ([]Leg, error) {
	var legs []Leg
	linked := false
	for _, in := range integrations(api) {
		if !strings.EqualFold(in.ConnectionType, "VPC_LINK") {
			continue
		}
		linked = true
		link, ok := model.Lookup[*model.VPCLink](c.net.Index, in.ConnectionID)
		if !ok {
			return nil, fmt.Errorf("VPC link %s of %s is not in the snapshot", in.ConnectionID, api.Label())
		}
		legs = append(legs, c.linkLegs(api, link, in)...)
	}
	if !linked {
		return nil, fmt.Errorf("%s has no VPC link integration: API Gateway reaches private addresses only through a VPC link (R9.13)", api.Label())
	}
	if len(legs) == 0 {
		return nil, fmt.Errorf("the VPC links of %s have no network interfaces in the snapshot", api.Label())
	}
	return legs, nil
}

func (c *Caller) linkLegs(api *API, link *model.VPCLink, in model.Integration) []Leg {
	if v1(api, link) {
		return c.nlbLegs(link, in)
	}
	var legs []Leg
	for _, e := range c.snap.ENIs {
		if e.OwnerKind != model.OwnerVPCLink || (e.OwnerID != link.ID && e.OwnerID != link.ARN) {
			continue
		}
		if ep, err := names.Resolve(c.net, e.ID); err == nil {
			legs = append(legs, Leg{Link: link.ID, Src: ep, Port: c.integrationPort(in),
				Note: fmt.Sprintf("VPC link %s: its ENI %s in %s with security groups %s is the source (R8.8)",
					link.ID, e.ID, e.Subnet, strings.Join(e.SecurityGroups, ","))})
		}
	}
	sort.Slice(legs, func(i, j int) bool { return legs[i].Src.ENI.M.ID < legs[j].Src.ENI.M.ID })
	return legs
}

// v1 reports a REST VPC link V1: API Gateway reaches an NLB through PrivateLink (R8.7).
func v1(api *API, link *model.VPCLink) bool {
	v := strings.ToUpper(link.Version)
	return v == "REST_V1" || v == "V1" || (v == "" && api.Rest != nil)
}

// nlbLegs: through PrivateLink the targets see the NLB nodes' addresses (R8.7, R7.19).
func (c *Caller) nlbLegs(link *model.VPCLink, in model.Integration) []Leg {
	var legs []Leg
	for _, arn := range link.TargetARNs {
		lb, ok := model.Lookup[*model.LoadBalancer](c.net.Index, arn)
		if !ok {
			continue
		}
		for _, n := range lb.Nodes {
			if ep, err := names.Resolve(c.net, n.ENI); err == nil && n.ENI != "" {
				legs = append(legs, Leg{Link: link.ID, Src: ep, Port: c.integrationPort(in),
					Note: fmt.Sprintf("VPC link %s reaches NLB %s through PrivateLink: the targets see its node address %s (R8.7, R7.19)",
						link.ID, lb.Label(), ep.IP)})
			}
		}
	}
	return legs
}

// integrationPort is the port of an integration: a listener's, or the URI's.
func (c *Caller) integrationPort(in model.Integration) uint16 {
	for _, lb := range c.snap.LoadBalancers {
		for _, l := range lb.Listeners {
			if l.ARN != "" && l.ARN == in.URI {
				return l.Port
			}
		}
	}
	u, err := url.Parse(in.URI)
	if err != nil || u.Host == "" {
		return 0
	}
	if p, err := strconv.Atoi(u.Port()); err == nil && p > 0 && p < 65536 {
		return uint16(p)
	}
	if u.Scheme == "https" {
		return 443
	}
	return 80
}
