package reach

import (
	"fmt"
	"net/netip"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// This file holds the checks of issue 17: wherever a verdict would rest on
// the absence of a resource whose whole listing the input left out
// (VPC.Unlisted, TransitGateway.Unlisted), the answer is unknown and names
// the `aws ...` command whose output is missing.

// unlistedKind stops the walk: the input holds no listing of kind, so what
// (a clause ending in "is unknown") cannot be decided. why holds, per kind,
// the live-import call that failed to read it (VPC.UnlistedWhy), if any.
func (w *walker) unlistedKind(why map[string]string, component, kind, what string) {
	if w.quiet { // the verdict and the component only (Question.Quiet)
		w.missingFix(component, "", "")
		return
	}
	cmd := model.ListingCommand(kind)
	if r := why[kind]; r != "" {
		w.missingFix(component, fmt.Sprintf("the %s are not known: %s, so %s", kind, r, what),
			fmt.Sprintf("let the importing identity make that call and import again, or add the output of `%s` to the input", cmd))
		return
	}
	w.unlisted(component, fmt.Sprintf("the input lists no %s at all (no `%s` output), so %s", kind, cmd, what), cmd)
}

// gone reports a resource (res, "NAT gateway nat-1") the snapshot lacks:
// unknown naming the missing listing when v's input did not list that
// kind, else the plain "not in the snapshot" (another account's or
// Region's data). question, if any, is what cannot be decided without it.
func (w *walker) gone(v *network.VPC, kind, component, res, question string) {
	if w.quiet {
		w.missingFix(component, "", "")
		return
	}
	if v != nil && v.M.IsUnlisted(kind) {
		what := res + " is unknown"
		if question != "" {
			what = question + " is unknown"
		}
		w.unlistedKind(v.M.UnlistedWhy, component, kind, what)
		return
	}
	what := res + " is not in the snapshot"
	if question != "" {
		what += ": " + question + " is unknown"
	}
	w.missing(component, what)
}

// ownerUnlisted stops a new connection at an interface whose owner (a NAT
// gateway, a VPC endpoint) the snapshot lacks: the interface answers as
// its owner does, which is unknown; read as an instance it would accept
// whatever its security groups allow (lab aws_vpc_endpoints without
// describe-nat-gateways: a NAT interface "accepted" SSH).
func (w *walker) ownerUnlisted(e *network.ENI) bool {
	if w.ret {
		return false
	}
	switch e.M.OwnerKind {
	case model.OwnerNATGateway:
		if e.NAT == nil {
			id := orSome(e.M.OwnerID, "the NAT gateway of "+e.M.ID)
			w.gone(e.VPC, model.UnlistedNATs, e.M.ID, "NAT gateway "+id+" (owner of "+e.M.ID+")", "what "+id+" does with "+protoPort(w.pkt))
			return true
		}
	case model.OwnerInterfaceEndpoint, model.OwnerGWLBEndpoint:
		if w.endpointOf(e) == nil {
			id := orSome(e.M.OwnerID, "the endpoint of "+e.M.ID)
			w.gone(e.VPC, model.UnlistedEndpoints, e.M.ID, "VPC endpoint "+id+" (owner of "+e.M.ID+")", "which ports "+id+" carries")
			return true
		}
	}
	return false
}

func orSome(id, some string) string {
	if id == "" {
		return some
	}
	return id
}

// internetUnlisted stops a new connection to an internet address when the
// input's missing listings leave open what owns it: an AWS service (whose
// addresses come from the managed prefix lists; S3 and DynamoDB answer only
// TCP 80/443 and ping), or the public address of an interface the input
// does not list (an internet-facing load balancer's nodes get theirs only
// in describe-network-interfaces).
func (w *walker) internetUnlisted(dst netip.Addr) bool {
	if w.ret {
		return false
	}
	p := w.pkt
	webOrPing := p.Proto == model.ProtoICMP && p.ICMPType == 8 || p.Proto == model.ProtoTCP && (p.DstPort == 443 || p.DstPort == 80)
	if !webOrPing && w.awsServiceAt(dst) == "" {
		if ep := w.n.UnlistedServiceEndpoint(); ep != nil {
			w.unlistedKind(nil, dst.String(), model.UnlistedPrefixLists, fmt.Sprintf("whether %s is an address of %s (reached through gateway endpoint %s; S3 and DynamoDB answer only TCP 80/443 and ping, R7.5) is unknown", dst, ep.ServiceName, ep.ID))
			return true
		}
	}
	if lb := w.n.LBWithoutPublicIPs(); lb != "" {
		w.unlistedKind(nil, dst.String(), model.UnlistedENIs, fmt.Sprintf("whether %s is a public address of internet-facing load balancer %s (whose nodes' addresses only describe-network-interfaces shows) is unknown", dst, lb))
		return true
	}
	return false
}

// lbUnlisted stops at an interface of a load balancer the snapshot lacks:
// its listeners, and so the ports it accepts, are unknown.
func (w *walker) lbUnlisted(e *network.ENI) {
	if w.quiet {
		w.missingFix(e.M.ID, "", "")
		return
	}
	id := orSome(e.M.OwnerID, "the load balancer of "+e.M.ID)
	w.gone(e.VPC, model.UnlistedLoadBalancers, e.M.ID, "load balancer "+id+" (owner of "+e.M.ID+")", "which ports "+id+" accepts")
}

// targetsUnlisted stops at a listener without usable targets when the input
// did not list target groups, or their targets and health, at all.
func (w *walker) targetsUnlisted(lb *model.LoadBalancer, e *network.ENI, l model.Listener) bool {
	if e.VPC == nil {
		return false
	}
	for _, id := range l.TargetGroups {
		tgs := w.n.TargetGroups(id)
		if len(tgs) == 0 && e.VPC.M.IsUnlisted(model.UnlistedTargetGroups) {
			w.unlistedKind(e.VPC.M.UnlistedWhy, lb.ID, model.UnlistedTargetGroups, fmt.Sprintf("where listener %s %d of %s forwards (target group %s) is unknown", l.Protocol, l.Port, lb.ID, id))
			return true
		}
		for _, tg := range tgs {
			if len(tg.Targets) == 0 && e.VPC.M.IsUnlisted(model.UnlistedTargetHealth) {
				w.unlistedKind(e.VPC.M.UnlistedWhy, lb.ID, model.UnlistedTargetHealth, fmt.Sprintf("which targets target group %s of listener %s %d has registered is unknown", tg.ID, l.Protocol, l.Port))
				return true
			}
		}
	}
	return false
}

// tgwUnlisted reports whether t's input left out the transit gateway
// listing kind.
func tgwUnlisted(t *network.TGW, kind string) bool {
	return t != nil && t.M != nil && t.M.Unlisted.Has(kind)
}

// tgwGone stops at a transit gateway whose decision rests on one of kinds
// that its input did not list; false when every kind was listed.
func (w *walker) tgwGone(t *network.TGW, component, what string, kinds ...string) bool {
	for _, k := range kinds {
		if tgwUnlisted(t, k) {
			w.unlistedKind(t.M.UnlistedWhy, component, k, what)
			return true
		}
	}
	return false
}

// bgpGap handles a route table that receives BGP-learned routes the input
// does not list (issue 17): with no listed route for the destination the
// answer is unknown, naming the attachment, not "no route"; a listed route
// is used, with a warning that a more specific learned route could win
// (R1.4, R5.4). The local route always wins (R1.6).
func (w *walker) bgpGap(table string, gaps []network.BGPGap, noRoute, local bool) bool {
	if len(gaps) == 0 || local || w.ret {
		return false
	}
	g := gaps[0]
	if !noRoute {
		if !w.quiet {
			w.warn = append(w.warn, fmt.Sprintf("%s also receives the routes that %s learns by BGP, which the input does not list; a more specific one would take %s elsewhere", table, g, w.pkt.Dst))
		}
		return false
	}
	w.leavePending(nil)
	w.missingFix(table, fmt.Sprintf("%s receives the routes that %s learns by BGP, and the input does not list them: whether one of them covers %s is unknown (R6.3)", table, g, w.pkt.Dst),
		fmt.Sprintf("add the learned routes (`aws ec2 search-transit-gateway-routes` or `aws ec2 describe-route-tables` output), or describe the on-premises site behind %s and the prefixes it advertises in a scenario overlay (sites: links: vpn/vif)", g.Link))
	return true
}
