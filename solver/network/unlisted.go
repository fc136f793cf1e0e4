package network

import "github.com/netverify/netverify/model"

// unlistedFacts are what the solver needs about listings the input left out
// (model.VPC.Unlisted, issue 17), computed once at compile time.
type unlistedFacts struct {
	any       map[string]bool    // kinds some VPC's input did not list
	serviceEP *model.VPCEndpoint // see UnlistedServiceEndpoint
	lbNoIP    string             // see LBWithoutPublicIPs
}

// UnlistedAnywhere reports whether the input of some VPC did not list kind
// (one of the model.Unlisted* constants) at all.
func (n *Network) UnlistedAnywhere(kind string) bool { return n.unlisted.any[kind] }

// UnlistedServiceEndpoint returns a gateway endpoint (S3, DynamoDB) of a VPC
// whose input listed no prefix lists: the input shows the service is used
// while its addresses are unknown. Nil otherwise; without such evidence a
// public address is taken for an internet host.
func (n *Network) UnlistedServiceEndpoint() *model.VPCEndpoint { return n.unlisted.serviceEP }

// LBWithoutPublicIPs names an internet-facing load balancer in a VPC whose
// input listed no network interfaces and one of whose nodes has no known
// public address (only describe-network-interfaces shows them), or "".
func (n *Network) LBWithoutPublicIPs() string { return n.unlisted.lbNoIP }

func (n *Network) compileUnlisted() {
	n.unlisted.any = map[string]bool{}
	for _, v := range n.Snap.VPCs {
		for _, k := range v.Unlisted {
			n.unlisted.any[k] = true
		}
	}
	unlisted := func(vpc, kind string) bool {
		v := n.VPCs[vpc]
		return n.unlisted.any[kind] && v != nil && v.M.IsUnlisted(kind)
	}
	for _, ep := range n.Snap.VPCEndpoints {
		if ep.Type == model.EndpointGateway && unlisted(ep.VPC, model.UnlistedPrefixLists) {
			n.unlisted.serviceEP = ep
			break
		}
	}
	for _, lb := range n.Snap.LoadBalancers {
		if lb.Internal() || !unlisted(lb.VPC, model.UnlistedENIs) {
			continue
		}
		for _, node := range lb.Nodes {
			if e := n.ENIs[node.ENI]; e == nil || len(e.M.PublicIPs) == 0 {
				n.unlisted.lbNoIP = lb.ID
				return
			}
		}
	}
}
