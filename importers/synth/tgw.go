package synth

import (
	"fmt"
	"slices"
)

// Route table roles of a Region's transit gateway: segmentation keeps prod
// and nonprod apart while both reach the shared-services VPC (R5).
const (
	rtProd = iota
	rtNonprod
	rtShared
)

var rtNames = [3]string{"prod", "nonprod", "shared"}

// tgwOut is the network account's view of one Region's transit gateway, in
// the Batfish collector's files.
type tgwOut struct {
	tgws    []transitGatewayJSON
	rts     []tgwRouteTableJSON
	attach  []tgwAttachmentJSON
	vpcAtt  []tgwVpcAttachmentJSON
	peerAtt []tgwPeeringAttachmentJSON
	static  []tgwStaticRoutesJSON
	props   []tgwPropagationsJSON
}

func rtRole(env string) int {
	switch env {
	case "prod":
		return rtProd
	case "shared":
		return rtShared
	}
	return rtNonprod
}

func (e *estate) buildTGW(rp *regionPlan, vpcs []*vpcOut) *tgwOut {
	net, ri := e.network, &rp.info
	t := &tgwOut{}
	t.tgws = append(t.tgws, transitGatewayJSON{Description: "Hub for " + ri.Name,
		Options: tgwOptions{AmazonSideAsn: 64512 + int64(rp.idx), AutoAcceptSharedAttachments: "enable",
			DefaultRouteTableAssociation: "disable", DefaultRouteTablePropagation: "disable", DnsSupport: "enable",
			MulticastSupport: "disable", VpnEcmpSupport: "enable"},
		OwnerId: net, State: "available", Tags: nameTag("tgw-" + ri.Name),
		TransitGatewayArn: fmt.Sprintf("arn:aws:ec2:%s:%s:transit-gateway/%s", ri.Name, net, rp.tgwID),
		TransitGatewayId:  rp.tgwID})
	for i, id := range rp.rtIDs {
		t.rts = append(t.rts, tgwRouteTableJSON{State: "available", Tags: nameTag(fmt.Sprintf("tgw-rtb-%s-%s", rtNames[i], ri.Name)),
			TransitGatewayId: rp.tgwID, TransitGatewayRouteTableId: id})
		t.props = append(t.props, tgwPropagationsJSON{TransitGatewayRouteTableId: id,
			TransitGatewayRouteTablePropagations: []tgwPropagation{}})
	}
	var shared *vpcOut
	for _, v := range vpcs {
		if v.plan.tgw {
			t.attachVPC(rp, v, net)
			if v.plan.env == "shared" {
				shared = v
			}
		}
	}
	t.addPeerings(e, rp)
	t.addStaticRoutes(e, rp, shared)
	return t
}

// attachVPC associates a VPC attachment with its environment's route table and
// propagates it into that table (prod, nonprod) and into the shared table.
func (t *tgwOut) attachVPC(rp *regionPlan, v *vpcOut, net string) {
	role := rtRole(v.plan.env)
	tags := nameTag(v.name + "-attachment")
	t.attach = append(t.attach, tgwAttachmentJSON{
		Association: &tgwAssociation{State: "associated", TransitGatewayRouteTableId: rp.rtIDs[role]},
		ResourceId:  v.vpc.VpcId, ResourceOwnerId: v.plan.account, ResourceType: "vpc", State: "available",
		Tags: tags, TransitGatewayAttachmentId: v.plan.attach, TransitGatewayId: rp.tgwID, TransitGatewayOwnerId: net})
	var subnets []string
	for _, si := range v.bySubnet[tierTGW] {
		subnets = append(subnets, v.subnets[si].SubnetId)
	}
	t.vpcAtt = append(t.vpcAtt, tgwVpcAttachmentJSON{Options: tgwVpcAttachOptions{DnsSupport: "enable", Ipv6Support: "disable"},
		State: "available", SubnetIds: subnets, Tags: tags, TransitGatewayAttachmentId: v.plan.attach,
		TransitGatewayId: rp.tgwID, VpcId: v.vpc.VpcId, VpcOwnerId: v.plan.account})
	into := []int{rtShared}
	switch role {
	case rtShared:
		into = []int{rtProd, rtNonprod, rtShared}
	case rtProd, rtNonprod:
		into = []int{role, rtShared}
	}
	for _, r := range into {
		t.props[r].TransitGatewayRouteTablePropagations = append(t.props[r].TransitGatewayRouteTablePropagations,
			tgwPropagation{ResourceId: v.vpc.VpcId, ResourceType: "vpc", State: "enabled",
				TransitGatewayAttachmentId: v.plan.attach})
	}
}

// addPeerings lists the inter-Region peering attachments of this TGW, which
// both ends print with the same attachment ID, associated with the shared
// route table.
func (t *tgwOut) addPeerings(e *estate, rp *regionPlan) {
	others := make([]int, 0, len(rp.peerAttach))
	for o := range rp.peerAttach {
		others = append(others, o)
	}
	slices.Sort(others)
	for _, o := range others {
		peer := e.regions[o]
		id := rp.peerAttach[o]
		tags := nameTag(fmt.Sprintf("tgw-peering-%s-%s", e.regions[min(o, rp.idx)].info.Name, e.regions[max(o, rp.idx)].info.Name))
		t.attach = append(t.attach, tgwAttachmentJSON{
			Association: &tgwAssociation{State: "associated", TransitGatewayRouteTableId: rp.rtIDs[rtShared]},
			ResourceId:  peer.tgwID, ResourceOwnerId: e.network, ResourceType: "peering", State: "available",
			Tags: tags, TransitGatewayAttachmentId: id, TransitGatewayId: rp.tgwID, TransitGatewayOwnerId: e.network})
		req, acc := rp, peer
		if o < rp.idx {
			req, acc = peer, rp
		}
		t.peerAtt = append(t.peerAtt, tgwPeeringAttachmentJSON{
			AccepterTgwInfo:  tgwPeerInfo{OwnerId: e.network, Region: acc.info.Name, TransitGatewayId: acc.tgwID},
			RequesterTgwInfo: tgwPeerInfo{OwnerId: e.network, Region: req.info.Name, TransitGatewayId: req.tgwID},
			State:            "available", Status: codeMessage{"available", "Available"}, Tags: tags,
			TransitGatewayAttachmentId: id})
	}
}

// addStaticRoutes: prod and nonprod default to the shared egress VPC and
// blackhole the rest of 10.0.0.0/8 (so they cannot reach each other through
// the egress VPC: only propagated, more specific routes get through);
// prod and shared send other Regions' supernets over TGW peering.
func (t *tgwOut) addStaticRoutes(e *estate, rp *regionPlan, shared *vpcOut) {
	routes := make([][]tgwStaticRoute, 3)
	if shared != nil {
		for _, r := range []int{rtProd, rtNonprod} {
			routes[r] = append(routes[r], tgwStaticRoute{DestinationCidrBlock: "0.0.0.0/0", State: "active",
				TransitGatewayAttachments: []tgwRouteAttachment{{ResourceId: shared.vpc.VpcId,
					ResourceType: "vpc", TransitGatewayAttachmentId: shared.plan.attach}}, Type: "static"},
				tgwStaticRoute{DestinationCidrBlock: estateCIDR, State: "blackhole", Type: "static"})
		}
	}
	routes[rtProd] = append(routes[rtProd], tgwStaticRoute{DestinationCidrBlock: "192.168.0.0/16", State: "blackhole", Type: "static"})
	for o, id := range e.sortedPeers(rp) {
		peer := e.regions[o]
		route := tgwStaticRoute{DestinationCidrBlock: peer.info.Supernet.String(), State: "active",
			TransitGatewayAttachments: []tgwRouteAttachment{{ResourceId: peer.tgwID, ResourceType: "peering",
				TransitGatewayAttachmentId: id}}, Type: "static"}
		routes[rtProd] = append(routes[rtProd], route)
		routes[rtShared] = append(routes[rtShared], route)
	}
	for i, id := range rp.rtIDs {
		if routes[i] == nil {
			routes[i] = []tgwStaticRoute{}
		}
		t.static = append(t.static, tgwStaticRoutesJSON{Routes: routes[i], TransitGatewayRouteTableId: id})
	}
}

// sortedPeers yields (other Region index, peering attachment ID) in order.
func (e *estate) sortedPeers(rp *regionPlan) func(func(int, string) bool) {
	return func(yield func(int, string) bool) {
		for o := range e.regions {
			if id, ok := rp.peerAttach[o]; ok && !yield(o, id) {
				return
			}
		}
	}
}

func (t *tgwOut) write(w *writer, account, region string) error {
	steps := []func() error{
		func() error { return writeList(w, account, region, "TransitGateways", t.tgws) },
		func() error { return writeList(w, account, region, "TransitGatewayRouteTables", t.rts) },
		func() error { return writeList(w, account, region, "TransitGatewayAttachments", t.attach) },
		func() error { return writeList(w, account, region, "TransitGatewayVpcAttachments", t.vpcAtt) },
		func() error { return writeList(w, account, region, "TransitGatewayPeeringAttachments", t.peerAtt) },
		func() error { return writeList(w, account, region, "TransitGatewayStaticRoutes", t.static) },
		func() error { return writeList(w, account, region, "TransitGatewayPropagations", t.props) },
	}
	for _, s := range steps {
		if err := s(); err != nil {
			return err
		}
	}
	return nil
}
