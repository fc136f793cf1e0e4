package reach_test

import (
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/reach"
)

// labVPC builds the shapes of the Batfish lab-validation labs that the
// engine once got wrong: public-address hairpins, a two-interface instance,
// an NLB with an instance target, an interface endpoint and S3 behind a
// gateway endpoint. Every subnet routes 0.0.0.0/0 to the IGW.
func labVPC(preserve *bool, health string) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-l", "10.0.0.0/16")
	b.IGW("igw-l", "vpc-l")
	subnets := []string{"subnet-a", "subnet-b", "subnet-lb", "subnet-t", "subnet-ep"}
	for i, s := range subnets {
		b.Subnet(s, "vpc-l", "10.0."+string(rune('1'+i))+".0/24", "us-east-1a")
	}
	b.RT("rtb-l", "vpc-l", true, nil, "10.0.0.0/16 local", "0.0.0.0/0 igw-l", "pl-s3 vpce-s3")
	b.PrefixList("pl-s3", "com.amazonaws.us-east-1.s3", "52.216.0.0/15")
	b.GatewayEndpoint("vpce-s3", "vpc-l", "com.amazonaws.us-east-1.s3", "rtb-l")
	b.ACL("acl-open", "vpc-l", true, []string{"subnet-a", "subnet-lb", "subnet-ep"}, "in 100 allow all - 0.0.0.0/0", "out 100 allow all - 0.0.0.0/0")
	// subnet-b: SSH only from 10.0.1.10 (lab aws_multi_account_vpc_peering).
	b.ACL("acl-b", "vpc-l", false, []string{"subnet-b"}, "in 10 allow tcp 22 10.0.1.10/32", "in 20 deny tcp 22 0.0.0.0/0",
		"in 1000 allow all - 0.0.0.0/0", "out 100 allow all - 0.0.0.0/0")
	// subnet-t: HTTP from the NLB node denied (lab aws_nlb_targets_instance_nacl_test, nlb-nip-tni).
	b.ACL("acl-t", "vpc-l", false, []string{"subnet-t"}, "in 30 deny tcp 80 10.0.3.10/32",
		"in 1000 allow all - 0.0.0.0/0", "out 100 allow all - 0.0.0.0/0")
	b.OpenSG("sg-open", "vpc-l")
	b.SG("sg-closed", "vpc-l", "out all - 0.0.0.0/0")
	fixture.Public(b.ENI("eni-a", "vpc-l", "subnet-a", []string{"10.0.1.10"}, "sg-open"), "198.51.100.10")
	fixture.Public(b.ENI("eni-b", "vpc-l", "subnet-b", []string{"10.0.2.20"}, "sg-open"), "198.51.100.20")
	// Two interfaces of one instance whose groups admit nothing (lab aws_instance_multiple_interface).
	b.ENI("eni-m1", "vpc-l", "subnet-a", []string{"10.0.1.31"}, "sg-closed").OwnerID = "i-multi"
	b.ENI("eni-m2", "vpc-l", "subnet-b", []string{"10.0.2.32"}, "sg-closed").OwnerID = "i-multi"
	// NLB node in subnet-lb, one instance target in subnet-t.
	fixture.Public(b.ENI("eni-t", "vpc-l", "subnet-t", []string{"10.0.4.40"}, "sg-open"), "198.51.100.40")
	node := fixture.Public(b.ENI("eni-nlb", "vpc-l", "subnet-lb", []string{"10.0.3.10"}), "198.51.100.30")
	node.OwnerKind, node.OwnerID, node.SourceDestCheck = model.OwnerLoadBalancer, "nlb-1", false
	b.S.LoadBalancers = append(b.S.LoadBalancers, &model.LoadBalancer{Meta: model.Meta{ID: "nlb-1"}, Type: "network",
		Scheme: "internet-facing", VPC: "vpc-l", Nodes: []model.LBNode{{Subnet: "subnet-lb", ENI: "eni-nlb"}},
		Listeners: []model.Listener{{Port: 80, Protocol: "TCP", TargetGroups: []string{"tg-1"}}}})
	b.S.TargetGroups = append(b.S.TargetGroups, &model.TargetGroup{Meta: model.Meta{ID: "tg-1"}, Protocol: "TCP", Port: 80,
		TargetType: "instance", VPC: "vpc-l", PreserveClientIP: preserve, Targets: []model.LBTarget{{ID: "i-t", Port: 80, Health: health}}})
	// Interface endpoint for ec2 (lab aws_vpc_endpoints, 10.1.3.231).
	ep := b.ENI("eni-vpce", "vpc-l", "subnet-ep", []string{"10.0.5.50"}, "sg-open")
	ep.OwnerKind, ep.OwnerID = model.OwnerInterfaceEndpoint, "vpce-ec2"
	b.S.VPCEndpoints = append(b.S.VPCEndpoints, &model.VPCEndpoint{Meta: model.Meta{ID: "vpce-ec2"}, VPC: "vpc-l",
		Type: model.EndpointInterface, ServiceName: "com.amazonaws.us-east-1.ec2", ENIs: []string{"eni-vpce"}, State: "available"})
	return b.S
}

func TestLabPublicAddressHairpin(t *testing.T) {
	run(t, labVPC(nil, "healthy"), []flow{
		{name: "R1.5 private address: NACL sees 10.0.1.10 and allows", src: "10.0.1.10", dst: "10.0.2.20", port: 22, want: reach.Reachable},
		{name: "R3.2 R3.3 public address: through the IGW, NACL sees the public source (aws_multi_account_vpc_peering)",
			src: "10.0.1.10", dst: "198.51.100.20", port: 22, want: reach.Blocked, codes: []string{"forward:SUBNET_ACL_RESTRICTION"}, seenSrc: "198.51.100.10"},
		{name: "R3.3 public address: ping passes", src: "10.0.1.10", dst: "198.51.100.20", proto: model.ProtoICMP, want: reach.Reachable},
		{name: "R3.2 own public address hairpins and meets its NACL (aws_multi_account_vpc_peering 10.2.1.252)",
			src: "10.0.2.20", dst: "198.51.100.20", port: 22, want: reach.Blocked, codes: []string{"SUBNET_ACL_RESTRICTION"}},
		{name: "R0.3 own private address is loopback", src: "10.0.2.20", dst: "10.0.2.20", port: 22, want: reach.Reachable},
	})
}

func TestLabSameInstanceInterfaces(t *testing.T) {
	run(t, labVPC(nil, "healthy"), []flow{
		{name: "R0.3 two ENIs of one instance: the OS delivers, no SG (aws_instance_multiple_interface)",
			src: "10.0.1.31", dst: "10.0.2.32", port: 22, want: reach.Reachable},
		{name: "R2.1 another instance still meets the closed group", src: "10.0.1.10", dst: "10.0.2.32", port: 22,
			want: reach.Blocked, codes: []string{"ENI_SG_RULES_MISMATCH"}},
	})
}

func TestLabNLBTargets(t *testing.T) {
	off := false
	run(t, labVPC(nil, "unhealthy"), []flow{
		{name: "R7.19 instance target: client IP preserved, the NACL rule on the NLB address does not apply; all unhealthy fails open (nlb-nip-tni)",
			src: "8.8.8.8", dst: "198.51.100.30", port: 80, want: reach.Reachable},
		{name: "R7.19 no listener on 22", src: "8.8.8.8", dst: "198.51.100.30", port: 22, want: reach.Blocked, codes: []string{"ELBV2_LISTENERS_MISMATCH"}},
		{name: "R7.19 target connecting to its own NLB with client IP preservation is dropped (nlb-cip-tni hairpin)",
			src: "10.0.4.40", dst: "10.0.3.10", port: 80, want: reach.Blocked, codes: []string{"NO_PATH"}},
	})
	run(t, labVPC(&off, "healthy"), []flow{
		{name: "R7.19 preservation off: the target NACL sees the NLB address and denies", src: "8.8.8.8", dst: "198.51.100.30", port: 80,
			want: reach.Blocked, codes: []string{"forward:SUBNET_ACL_RESTRICTION"}},
	})
}

func TestLabServicePorts(t *testing.T) {
	run(t, labVPC(nil, "healthy"), []flow{
		{name: "R7.8 R7.10 interface endpoint: TCP 443 passes", src: "10.0.1.10", dst: "10.0.5.50", port: 443, want: reach.Reachable},
		{name: "R7.8 interface endpoint: tcp/22 dropped (aws_vpc_endpoints 10.1.3.231)", src: "10.0.1.10", dst: "10.0.5.50", port: 22,
			want: reach.Blocked, codes: []string{"NO_PATH"}},
		{name: "R7.8 interface endpoint: ping dropped", src: "10.0.1.10", dst: "10.0.5.50", proto: model.ProtoICMP, want: reach.Blocked},
		{name: "R7.1 S3 through the gateway endpoint: 443", src: "10.0.1.10", dst: "52.216.1.1", port: 443, want: reach.Reachable},
		{name: "R7.1 S3 answers ping (aws_vpc_endpoints)", src: "10.0.1.10", dst: "52.216.1.1", proto: model.ProtoICMP, want: reach.Reachable},
		{name: "R7.1 R7.5 S3 does not listen on 22 (aws_vpc_endpoints)", src: "10.0.1.10", dst: "52.216.1.1", port: 22,
			want: reach.Blocked, codes: []string{"NO_PATH"}},
	})
}
