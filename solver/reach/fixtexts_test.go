package reach_test

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// ask answers one TCP question on s.
func ask(t *testing.T, s *model.Snapshot, src, dst string, port uint16) *reach.Answer {
	t.Helper()
	n := network.Compile(s)
	sa, err := names.Resolve(n, src)
	if err != nil {
		t.Fatalf("src: %v", err)
	}
	da, err := names.Resolve(n, dst)
	if err != nil {
		t.Fatalf("dst: %v", err)
	}
	da.IP = reach.PublicDst(n, sa, da)
	return reach.Ask(n, reach.Question{Src: sa, Dst: da, Proto: model.ProtoTCP, DstPort: port})
}

// explanation returns the explanation with code, or fails.
func explanation(t *testing.T, a *reach.Answer, code string) reach.Explanation {
	t.Helper()
	for _, e := range a.Explanations {
		if string(e.Code) == code {
			return e
		}
	}
	t.Fatalf("no %s explanation\n%s", code, dump(a))
	return reach.Explanation{}
}

// TestFixPeerGateway (issue 16, S16, R4.4): a host whose default route points
// at a peering connection, to use the peer's NAT gateway, is told that peering
// never carries traffic to a gateway of the peer, and to put a NAT gateway in
// its own VPC, not to "peer the two VPCs directly" (they are peered).
func TestFixPeerGateway(t *testing.T) {
	a := ask(t, threeVPCs(), "10.2.1.10", "8.8.8.8", 443)
	e := explanation(t, a, "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR")
	if !strings.Contains(e.Detail, "never carries traffic on to a gateway of the peer") || !strings.Contains(e.Detail, "no edge-to-edge routing, R4.4") {
		t.Errorf("detail = %q", e.Detail)
	}
	if !strings.Contains(e.Fix, "NAT gateway (and an internet gateway) in the source's own VPC") || !strings.Contains(e.Fix, "transit gateway") ||
		strings.Contains(e.Fix, "peer the two VPCs") {
		t.Errorf("fix = %q", e.Fix)
	}
	// Transit to a third VPC (S6) keeps its own fix: peer them directly.
	a = ask(t, threeVPCs(), "10.2.1.10", "10.3.1.10", 443)
	if e := explanation(t, a, "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"); !strings.Contains(e.Fix, "peer the two VPCs directly") || !strings.Contains(e.Detail, "no transit, R4.4") {
		t.Errorf("S6 explanation = %+v", e)
	}
}

// TestPeeringOverlapBlocks (issue 16, R4.2): AWS refuses to create a peering
// connection between VPCs whose CIDRs overlap, so a model that holds one (the
// loader reports the error; --allow-errors asks anyway) carries nothing over it.
func TestPeeringOverlapBlocks(t *testing.T) {
	b := fixture.New()
	b.VPC("vpc-a", "10.1.0.0/16")
	b.VPC("vpc-b", "10.1.128.0/17")
	b.Subnet("subnet-a", "vpc-a", "10.1.1.0/24", "us-east-1a")
	b.Subnet("subnet-b", "vpc-b", "10.1.200.0/24", "us-east-1a")
	b.OpenSG("sg-a", "vpc-a")
	b.OpenSG("sg-b", "vpc-b")
	b.ENI("eni-a", "vpc-a", "subnet-a", []string{"10.1.1.10"}, "sg-a")
	b.ENI("eni-b", "vpc-b", "subnet-b", []string{"10.1.200.10"}, "sg-b")
	b.Peering("pcx-ab", "vpc-a", "vpc-b", "active")
	b.RT("rt-a", "vpc-a", true, nil, "10.1.200.0/24 pcx-ab")
	b.RT("rt-b", "vpc-b", true, nil, "10.1.1.0/24 pcx-ab")
	a := ask(t, b.S, "eni-a", "eni-b", 443)
	if a.Verdict != reach.Blocked {
		t.Fatalf("verdict %s, want blocked\n%s", a.Verdict, dump(a))
	}
	e := explanation(t, a, "BAD_STATE")
	if e.Component != "pcx-ab" || !strings.Contains(e.Detail, "AWS refuses to create such a peering connection") || !strings.Contains(e.Detail, "(R4.2)") {
		t.Errorf("explanation = %+v", e)
	}
}
