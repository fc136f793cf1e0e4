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
