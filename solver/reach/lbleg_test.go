package reach_test

import (
	"net/netip"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// lbEstate: an internal ALB (sg-alb, egress given) in vpc-a forwarding
// HTTP to three IP targets: one in its own VPC, one in a peered VPC, one in
// an on-premises data centre over Direct Connect. peerRoute and dcRoute add
// the node subnet's routes to the peer VPC and to the data centre.
func lbEstate(albEgress string, peerRoute, dcRoute bool) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-a", "10.0.0.0/16")
	b.VPC("vpc-p", "10.9.0.0/16")
	b.Subnet("subnet-lb", "vpc-a", "10.0.1.0/24", "us-east-1a")
	b.Subnet("subnet-app", "vpc-a", "10.0.2.0/24", "us-east-1a")
	b.Subnet("subnet-p", "vpc-p", "10.9.1.0/24", "us-east-1a")
	b.Peering("pcx-ap", "vpc-a", "vpc-p", "active")
	b.VGW("vgw-a", "vpc-a")
	b.SiteDX("dc", "dxvif-a", "vgw-a", "172.16.0.0/16")
	routes := []string{"10.0.0.0/16 local"}
	if peerRoute {
		routes = append(routes, "10.9.0.0/16 pcx-ap")
	}
	if dcRoute {
		routes = append(routes, "172.16.0.0/16 vgw-a")
	}
	b.RT("rtb-a", "vpc-a", true, nil, routes...)
	b.RT("rtb-p", "vpc-p", true, nil, "10.9.0.0/16 local", "10.0.0.0/16 pcx-ap")
	b.OpenSG("sg-open-a", "vpc-a")
	b.OpenSG("sg-open-p", "vpc-p")
	b.SG("sg-alb", "vpc-a", "in tcp 80 10.0.0.0/16", albEgress)
	b.ENI("eni-client", "vpc-a", "subnet-app", []string{"10.0.2.5"}, "sg-open-a")
	b.ENI("eni-app", "vpc-a", "subnet-app", []string{"10.0.2.10"}, "sg-open-a")
	b.ENI("eni-peer", "vpc-p", "subnet-p", []string{"10.9.1.10"}, "sg-open-p")
	for _, n := range []struct{ eni, ip, tg string }{{"eni-alb1", "10.0.1.11", "tg-local"}, {"eni-alb2", "10.0.1.12", "tg-peer"}, {"eni-alb3", "10.0.1.13", "tg-dc"}} {
		e := b.ENI(n.eni, "vpc-a", "subnet-lb", []string{n.ip}, "sg-alb")
		e.OwnerKind, e.OwnerID = model.OwnerLoadBalancer, "alb-"+n.tg
		b.S.LoadBalancers = append(b.S.LoadBalancers, &model.LoadBalancer{Meta: model.Meta{ID: "alb-" + n.tg}, Type: "application",
			Scheme: "internal", VPC: "vpc-a", SecurityGroups: []string{"sg-alb"}, Nodes: []model.LBNode{{Subnet: "subnet-lb", ENI: n.eni}},
			Listeners: []model.Listener{{Port: 80, Protocol: "HTTP", TargetGroups: []string{n.tg}}}})
	}
	for _, tg := range []struct{ id, ip string }{{"tg-local", "10.0.2.10"}, {"tg-peer", "10.9.1.10"}, {"tg-dc", "172.16.5.5"}} {
		b.S.TargetGroups = append(b.S.TargetGroups, &model.TargetGroup{Meta: model.Meta{ID: tg.id}, Protocol: "HTTP", Port: 8080,
			TargetType: "ip", VPC: "vpc-a", Targets: []model.LBTarget{{ID: tg.ip, Port: 8080, Health: "healthy"}}})
	}
	model.Derive(b.S)
	return b.S
}

// TestLoadBalancerTargetLegIsRouted (R8.10, R2.1, R7.19): the leg from an
// ALB node to its target is an ordinary packet from the node's interface:
// its security group's egress rules apply, and so do its subnet's routes, to
// a target in a peered VPC or on premises.
func TestLoadBalancerTargetLegIsRouted(t *testing.T) {
	run(t, lbEstate("out tcp 8080 0.0.0.0/0", true, true), []flow{
		{name: "local IP target", src: "eni-client", dst: "eni-alb1", port: 80, want: reach.Reachable},
		{name: "IP target in a peered VPC over pcx-ap (R4.1)", src: "eni-client", dst: "eni-alb2", port: 80, want: reach.Reachable, codes: nil},
		{name: "on-premises IP target over Direct Connect (R6.4)", src: "eni-client", dst: "eni-alb3", port: 80, want: reach.Reachable},
	})
	run(t, lbEstate("out tcp 443 0.0.0.0/0", true, true), []flow{
		{name: "the ALB's egress rules do not allow the target port (R2.1)", src: "eni-client", dst: "eni-alb1", port: 80,
			want: reach.Blocked, codes: []string{"ENI_SG_RULES_MISMATCH"}},
	})
	run(t, lbEstate("out tcp 8080 0.0.0.0/0", false, false), []flow{
		{name: "no route from the node subnet to the peered VPC", src: "eni-client", dst: "eni-alb2", port: 80,
			want: reach.Blocked, codes: []string{"NO_ROUTE_TO_DESTINATION"}},
		{name: "no route from the node subnet to the data centre", src: "eni-client", dst: "eni-alb3", port: 80,
			want: reach.Blocked, codes: []string{"NO_ROUTE_TO_DESTINATION"}},
	})
}

// TestListenerPortsAreClassBoundaries (R7.19): "which ports can reach the
// ALB" finds its listener's port even when no filter names that port (the
// node's group allows all TCP): listener ports cut the port classes.
func TestListenerPortsAreClassBoundaries(t *testing.T) {
	s := lbEstate("out tcp 8080 0.0.0.0/0", true, true)
	for _, sg := range s.SecurityGroups {
		if sg.ID == "sg-alb" {
			sg.Ingress = []model.SGRule{{Protocol: model.ProtoTCP, Ports: model.PortRange{From: 0, To: 65535}, CIDR: netip.MustParsePrefix("10.0.0.0/16")}}
		}
	}
	for _, lb := range s.LoadBalancers {
		lb.Listeners[0].Port = 8443
	}
	n := network.Compile(s)
	src, _ := names.Resolve(n, "eni-client")
	dst, _ := names.Resolve(n, "eni-alb1")
	sums := reach.Ports(n, reach.Question{Src: src, Dst: dst}, []model.Protocol{model.ProtoTCP})
	if got := sums[0].Reachable; len(got) != 1 || got[0] != (model.PortRange{From: 8443, To: 8443}) {
		t.Errorf("reachable TCP ports %v, want exactly 8443", got)
	}
}

// TestOnPremTargetWithClientIPPreserved (R7.19, R8.10): a UDP listener of
// an NLB preserves the client address by default; an on-premises IP target
// answers that address over its own routes, and the walk follows them
// (it used to stop on the missing target interface).
func TestOnPremTargetWithClientIPPreserved(t *testing.T) {
	s := lbEstate("out tcp 8080 0.0.0.0/0", true, true)
	for _, lb := range s.LoadBalancers {
		if lb.ID == "alb-tg-dc" {
			lb.Type, lb.SecurityGroups = "network", nil
			lb.Listeners[0].Protocol = "UDP"
		}
	}
	for _, tg := range s.TargetGroups {
		if tg.ID == "tg-dc" {
			tg.Protocol = "UDP"
		}
	}
	for _, e := range s.ENIs {
		if e.ID == "eni-alb3" {
			e.SecurityGroups = []string{"sg-open-a"} // an NLB here without its own rules
		}
	}
	n := network.Compile(s)
	src, _ := names.Resolve(n, "eni-client")
	dst, _ := names.Resolve(n, "eni-alb3")
	a := reach.Ask(n, reach.Question{Src: src, Dst: dst, Proto: model.ProtoUDP, DstPort: 80})
	if a.Verdict != reach.Reachable {
		t.Errorf("verdict %s, want reachable (the site routes 10.0.0.0/16 back over DX): %v", a.Verdict, a.Explanations)
	}
}

// TestUndecidedTargetLegIsUnknown (issue 10): a target leg that meets a
// security group missing from the snapshot leaves the answer unknown, not
// blocked (R2.2).
func TestUndecidedTargetLegIsUnknown(t *testing.T) {
	s := lbEstate("out tcp 8080 0.0.0.0/0", true, true)
	for _, e := range s.ENIs {
		if e.ID == "eni-app" {
			e.SecurityGroups = []string{"sg-0gone"}
		}
	}
	run(t, s, []flow{{name: "the local target's group is not in the snapshot", src: "eni-client", dst: "eni-alb1", port: 80,
		want: reach.Unknown, codes: []string{"UNKNOWN_RESOURCE"}}})
}
