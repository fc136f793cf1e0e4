package reach_test

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// firewall builds a private subnet whose default route points at a firewall
// instance with an inside and an outside interface (issue 19).
func firewall(decl ...*model.Appliance) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-0", "10.0.0.0/16")
	b.IGW("igw-0", "vpc-0")
	b.Subnet("subnet-app", "vpc-0", "10.0.1.0/24", "us-east-1a")
	b.Subnet("subnet-in", "vpc-0", "10.0.2.0/24", "us-east-1a")
	b.Subnet("subnet-out", "vpc-0", "10.0.3.0/24", "us-east-1a")
	b.RT("rtb-app", "vpc-0", false, []string{"subnet-app", "subnet-in"}, "10.0.0.0/16 local", "0.0.0.0/0 i-fw")
	b.RT("rtb-out", "vpc-0", true, []string{"subnet-out"}, "10.0.0.0/16 local", "0.0.0.0/0 igw-0")
	b.OpenSG("sg-open", "vpc-0")
	b.ENI("eni-app", "vpc-0", "subnet-app", []string{"10.0.1.10"}, "sg-open")
	in := b.ENI("eni-in", "vpc-0", "subnet-in", []string{"10.0.2.10"}, "sg-open")
	out := fixture.Public(b.ENI("eni-out", "vpc-0", "subnet-out", []string{"10.0.3.10"}, "sg-open"), "198.51.100.10")
	for _, e := range []*model.ENI{in, out} {
		e.SourceDestCheck, e.OwnerKind, e.OwnerID = false, model.OwnerInstance, "i-fw"
	}
	b.S.Instances = append(b.S.Instances, &model.Instance{Meta: model.Meta{ID: "i-fw"}, VPC: "vpc-0", ENIs: []string{"eni-in", "eni-out"}})
	b.S.Appliances = decl
	return b.S
}

func TestApplianceTwoInterfaces(t *testing.T) {
	unknown := pflow{flow: flow{name: "undeclared: the policy of appliance i-fw decides, never a routing loop (R1.20)",
		src: "10.0.1.10", dst: "93.184.215.14", port: 443, want: reach.Unknown, codes: []string{"forward:APPLIANCE_POLICY_UNKNOWN"}}}
	runPaths(t, firewall(), []pflow{unknown})
	runPaths(t, firewall(&model.Appliance{Target: "i-fw", Forward: true, NAT: model.NATMasquerade, Egress: "eni-out"}), []pflow{
		reachable("declared egress eni-out with masquerade: out through the IGW and back (R1.20, R3.20)", "10.0.1.10", "93.184.215.14", 443,
			"appliance i-fw sends from eni-out", "source 10.0.1.10 -> 10.0.3.10 (masquerade, R3.20)"),
	})
	runPaths(t, firewall(&model.Appliance{Target: "i-fw", Forward: true, NAT: model.NATMasquerade, Egress: model.EgressByRoute}), []pflow{
		reachable("egress by-route: the outside subnet's route leads to the internet (R1.20)", "10.0.1.10", "93.184.215.14", 443, "appliance i-fw sends from eni-out"),
	})
	runPaths(t, firewall(&model.Appliance{Target: "i-fw", Forward: true, NAT: model.NATMasquerade}), []pflow{
		reachable("no egress declared: by-route, never back out of the inside interface into a loop (R1.20)", "10.0.1.10", "93.184.215.14", 443, "appliance i-fw sends from eni-out"),
	})
	runPaths(t, firewall(&model.Appliance{Target: "i-fw", Forward: true, Egress: "eni-out"}), []pflow{
		blocked("no masquerade: the private source has no public address at the IGW (R1.20, R3.2)", "10.0.1.10", "93.184.215.14", 443,
			"IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"),
	})
	runPaths(t, firewall(&model.Appliance{Target: "i-fw", Forward: false}), []pflow{
		blocked("forward: false drops (R1.20)", "10.0.1.10", "93.184.215.14", 443, "APPLIANCE_DOES_NOT_FORWARD"),
	})
}

// natInstance builds the common NAT instance: one interface with a public
// address in a public subnet, source/dest check off, and a private subnet
// whose 0.0.0.0/0 points at it.
func natInstance(decl ...*model.Appliance) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-0", "10.0.0.0/16")
	b.IGW("igw-0", "vpc-0")
	b.Subnet("subnet-pub", "vpc-0", "10.0.0.0/24", "us-east-1a")
	b.Subnet("subnet-priv", "vpc-0", "10.0.1.0/24", "us-east-1a")
	b.RT("rtb-pub", "vpc-0", true, []string{"subnet-pub"}, "10.0.0.0/16 local", "0.0.0.0/0 igw-0")
	b.RT("rtb-priv", "vpc-0", false, []string{"subnet-priv"}, "10.0.0.0/16 local", "0.0.0.0/0 eni-nat")
	b.OpenSG("sg-open", "vpc-0")
	b.ENI("eni-app", "vpc-0", "subnet-priv", []string{"10.0.1.10"}, "sg-open")
	fixture.Public(b.ENI("eni-nat", "vpc-0", "subnet-pub", []string{"10.0.0.10"}, "sg-open"), "198.51.100.20").SourceDestCheck = false
	b.S.Appliances = decl
	return b.S
}

func TestNATInstancePattern(t *testing.T) {
	s := natInstance()
	runPaths(t, s, []pflow{
		reachable("the NAT-instance pattern masquerades, then the IGW maps its address (R3.13, R3.20)", "10.0.1.10", "93.184.215.14", 443,
			"source 10.0.1.10 -> 10.0.0.10 (masquerade, R3.20)", "source 10.0.0.10 -> 198.51.100.20"),
	})
	a := askOne(t, s, "10.0.1.10", "93.184.215.14", 443)
	if a.SeenSource != netip.MustParseAddr("198.51.100.20") || !hasWarning(a, "assumed to be a NAT instance") {
		t.Errorf("want the internet to see 198.51.100.20 and an assumed note (R3.20), got %s\n%s", a.SeenSource, dump(a))
	}
	runPaths(t, natInstance(&model.Appliance{Target: "eni-nat", Forward: true, NAT: model.NATNone}), []pflow{
		blocked("nat: none turns the pattern off (R3.20, R3.2)", "10.0.1.10", "93.184.215.14", 443, "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"),
	})
}

func TestVPNTunnelOutsideAddress(t *testing.T) {
	b := fixture.New()
	b.VPC("vpc-0", "10.0.0.0/16")
	b.IGW("igw-0", "vpc-0")
	b.Subnet("subnet-0", "vpc-0", "10.0.0.0/24", "us-east-1a")
	b.RT("rtb-0", "vpc-0", true, []string{"subnet-0"}, "10.0.0.0/16 local", "0.0.0.0/0 igw-0")
	b.OpenSG("sg-open", "vpc-0")
	fixture.Public(b.ENI("eni-0", "vpc-0", "subnet-0", []string{"10.0.0.10"}, "sg-open"), "198.51.100.30")
	b.S.VPNConnections = append(b.S.VPNConnections, &model.VPNConnection{Meta: model.Meta{ID: "vpn-0"},
		Tunnels: []model.VPNTunnel{{OutsideIP: netip.MustParseAddr("52.0.0.1")}, {OutsideIP: netip.MustParseAddr("52.0.0.2")}}})
	runPaths(t, b.S, []pflow{
		blocked("SSH to a tunnel's outside address is not answered (R6.20)", "10.0.0.10", "52.0.0.1", 22, "VPN_TUNNEL_ENDPOINT_PROTOCOL_RESTRICTION"),
		{flow: flow{name: "IKE on UDP 500 is (R6.20)", src: "10.0.0.10", dst: "52.0.0.2", proto: model.ProtoUDP, port: 500, want: reach.Reachable}},
		{flow: flow{name: "NAT traversal on UDP 4500 is (R6.20)", src: "10.0.0.10", dst: "52.0.0.1", proto: model.ProtoUDP, port: 4500, want: reach.Reachable}},
		{flow: flow{name: "ESP is (R6.20)", src: "10.0.0.10", dst: "52.0.0.1", proto: 50, want: reach.Reachable}},
		{flow: flow{name: "ping is (R6.20)", src: "10.0.0.10", dst: "52.0.0.1", proto: model.ProtoICMP, want: reach.Reachable}},
	})
}

func askOne(t *testing.T, s *model.Snapshot, src, dst string, port uint16) *reach.Answer {
	t.Helper()
	model.Derive(s)
	return askFlow(t, network.Compile(s), flow{src: src, dst: dst, port: port})
}

func hasWarning(a *reach.Answer, sub string) bool {
	for _, w := range a.Warnings {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}
