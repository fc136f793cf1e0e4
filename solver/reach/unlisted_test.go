package reach_test

import (
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/reach"
)

// TestUnlistedIsUnknown (issue 10, honest answers): when the input did not
// list a kind of resource at all (VPC.Unlisted: a describe-JSON dump without
// describe-internet-gateways, describe-route-tables or describe-listeners),
// an answer that hinges on its absence is unknown and names what is missing;
// the same snapshot with the kinds listed (and empty) answers blocked (R1.1,
// R3.3). A security group that denies stays a fact: blocked.
func TestUnlistedIsUnknown(t *testing.T) {
	build := func(unlisted ...string) *model.Snapshot {
		b := fixture.New()
		v := b.VPC("vpc-a", "10.0.0.0/16")
		v.Unlisted = unlisted
		b.Subnet("subnet-a", "vpc-a", "10.0.1.0/24", "us-east-1a")
		b.SG("sg-web", "vpc-a", "in tcp 443 0.0.0.0/0", "out all - 0.0.0.0/0")
		fixture.Public(b.ENI("eni-web", "vpc-a", "subnet-a", []string{"10.0.1.10"}, "sg-web"), "54.1.2.3")
		lbENI := b.ENI("eni-lb", "vpc-a", "subnet-a", []string{"10.0.1.20"}, "sg-web")
		lbENI.OwnerKind, lbENI.OwnerID = model.OwnerLoadBalancer, "lb-1"
		b.S.LoadBalancers = append(b.S.LoadBalancers, &model.LoadBalancer{Meta: model.Meta{ID: "lb-1"}, Type: "application",
			Scheme: "internal", VPC: "vpc-a", Nodes: []model.LBNode{{ENI: "eni-lb", Subnet: "subnet-a"}}})
		model.Derive(b.S)
		return b.S
	}
	all := []string{model.UnlistedIGWs, model.UnlistedRouteTables, model.UnlistedListeners}
	run(t, build(all...), []flow{
		{name: "no IGW listed: internet in is unknown", src: "8.8.8.8", dst: "eni-web", port: 443, want: reach.Unknown, codes: []string{"UNKNOWN_RESOURCE"}},
		{name: "no route table listed: out is unknown", src: "eni-web", dst: "8.8.8.8", port: 443, want: reach.Unknown, codes: []string{"UNKNOWN_RESOURCE"}},
		{name: "no listener listed: the LB port is unknown", src: "eni-web", dst: "eni-lb", port: 443, want: reach.Unknown, codes: []string{"UNKNOWN_RESOURCE"}},
		{name: "a denying SG is still a fact", src: "eni-web", dst: "eni-lb", port: 22, want: reach.Blocked, codes: []string{"ENI_SG_RULES_MISMATCH"}},
	})
	run(t, build(), []flow{
		{name: "listed and absent: no IGW blocks", src: "8.8.8.8", dst: "eni-web", port: 443, want: reach.Blocked, codes: []string{"IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"}},
		{name: "listed and absent: no route blocks", src: "eni-web", dst: "8.8.8.8", port: 443, want: reach.Blocked, codes: []string{"NO_ROUTE_TO_DESTINATION"}},
		{name: "listed and absent: no listener blocks", src: "eni-web", dst: "eni-lb", port: 443, want: reach.Blocked, codes: []string{"ELBV2_LISTENERS_MISMATCH"}},
	})
}

// TestUnresolvedPrefixListRoute (R1.8, issue 10): a route to a prefix list
// whose entries are not in the snapshot might take any destination, so
// answers to addresses it could hold are unknown; the local route still
// decides, and an AWS service's list (public addresses only) cannot take a
// private destination.
func TestUnresolvedPrefixListRoute(t *testing.T) {
	build := func(pl string) *model.Snapshot {
		b := fixture.New()
		b.VPC("vpc-a", "10.0.0.0/16")
		b.IGW("igw-a", "vpc-a")
		b.Subnet("subnet-a", "vpc-a", "10.0.1.0/24", "us-east-1a")
		b.Subnet("subnet-b", "vpc-a", "10.0.2.0/24", "us-east-1a")
		b.RT("rtb-a", "vpc-a", true, nil, "10.0.0.0/16 local", "0.0.0.0/0 igw-a", pl+" igw-a", "192.168.0.0/16 vgw-a")
		b.VGW("vgw-a", "vpc-a")
		b.SiteDX("dc", "dxvif-a", "vgw-a", "192.168.0.0/16")
		b.OpenSG("sg-a", "vpc-a")
		fixture.Public(b.ENI("eni-a", "vpc-a", "subnet-a", []string{"10.0.1.10"}, "sg-a"), "54.0.0.10")
		b.ENI("eni-b", "vpc-a", "subnet-b", []string{"10.0.2.10"}, "sg-a")
		model.Derive(b.S)
		return b.S
	}
	run(t, build("pl-0gone"), []flow{
		{name: "internet destination: the list might hold it", src: "eni-a", dst: "8.8.8.8", port: 443, want: reach.Unknown, codes: []string{"UNKNOWN_RESOURCE"}},
		{name: "private destination outside the VPC: the list might hold it too", src: "eni-a", dst: "192.168.1.1", port: 443, want: reach.Unknown},
		{name: "the local route decides (R1.5)", src: "eni-a", dst: "eni-b", port: 443, want: reach.Reachable},
	})
	run(t, build("com.amazonaws.us-east-1.s3"), []flow{
		{name: "AWS service list: a public destination is unknown", src: "eni-a", dst: "8.8.8.8", port: 443, want: reach.Unknown},
		{name: "AWS service list: a private destination is decided", src: "eni-a", dst: "192.168.1.1", port: 443, want: reach.Reachable},
	})
}

// TestUnlistedOwnersAndTGW (issue 17): an interface whose owner's listing is
// missing (a NAT gateway's, an endpoint's, a load balancer's) does not
// answer as an instance would: new connections to it are unknown. A TGW
// whose attachments, route tables or routes were not listed cannot say
// "not associated" or "no route" (R5.4). Listed and absent, the same
// snapshots block.
func TestUnlistedOwnersAndTGW(t *testing.T) {
	build := func(vpcKinds, tgwKinds model.Unlisted) *model.Snapshot {
		b := fixture.New()
		b.VPC("vpc-a", "10.0.0.0/16").Unlisted = vpcKinds
		b.VPC("vpc-b", "10.1.0.0/16").Unlisted = vpcKinds
		b.Subnet("subnet-a", "vpc-a", "10.0.1.0/24", "us-east-1a")
		b.Subnet("subnet-b", "vpc-b", "10.1.1.0/24", "us-east-1a")
		b.RT("rtb-a", "vpc-a", true, nil, "10.0.0.0/16 local", "10.1.0.0/16 tgw-1")
		b.RT("rtb-b", "vpc-b", true, nil, "10.1.0.0/16 local", "10.0.0.0/16 tgw-1")
		b.OpenSG("sg-a", "vpc-a")
		b.OpenSG("sg-b", "vpc-b")
		b.ENI("eni-a", "vpc-a", "subnet-a", []string{"10.0.1.10"}, "sg-a")
		b.ENI("eni-b", "vpc-b", "subnet-b", []string{"10.1.1.10"}, "sg-b")
		for id, kind := range map[string]model.ENIOwner{"eni-nat": model.OwnerNATGateway, "eni-vpce": model.OwnerInterfaceEndpoint, "eni-lb": model.OwnerLoadBalancer} {
			e := b.ENI(id, "vpc-a", "subnet-a", []string{map[string]string{"eni-nat": "10.0.1.20", "eni-vpce": "10.0.1.21", "eni-lb": "10.0.1.22"}[id]}, "sg-a")
			e.OwnerKind = kind
		}
		b.TGW("tgw-1").Unlisted = tgwKinds
		b.TGWAttach("tgw-attach-a", "tgw-1", "vpc-a", "subnet-a")
		b.TGWAttach("tgw-attach-b", "tgw-1", "vpc-b", "subnet-b")
		model.Derive(b.S)
		return b.S
	}
	owners := model.Unlisted{model.UnlistedNATs, model.UnlistedEndpoints, model.UnlistedLoadBalancers}
	run(t, build(owners, model.Unlisted{model.UnlistedTGWAttachments, model.UnlistedTGWRouteTables}), []flow{
		{name: "NAT gateway interface, NAT gateways unlisted", src: "eni-a", dst: "eni-nat", port: 22, want: reach.Unknown, codes: []string{"UNKNOWN_RESOURCE"}},
		{name: "endpoint interface, endpoints unlisted", src: "eni-a", dst: "eni-vpce", port: 22, want: reach.Unknown, codes: []string{"UNKNOWN_RESOURCE"}},
		{name: "load balancer interface, load balancers unlisted", src: "eni-a", dst: "eni-lb", port: 22, want: reach.Unknown, codes: []string{"UNKNOWN_RESOURCE"}},
		{name: "TGW association unlisted: unknown, not TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION", src: "eni-a", dst: "eni-b", port: 22, want: reach.Unknown, codes: []string{"UNKNOWN_RESOURCE"}},
	})
	run(t, build(nil, nil), []flow{
		{name: "listed and absent: the TGW attachment is not associated (R5.4)", src: "eni-a", dst: "eni-b", port: 22, want: reach.Blocked, codes: []string{"TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION"}},
		{name: "listed and absent: a load balancer interface with no load balancer is unknown all the same", src: "eni-a", dst: "eni-lb", port: 22, want: reach.Unknown},
	})
}
