package scan

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// TestTGWRoutesCutClasses: a transit gateway route table that blackholes
// 8.8.8.0/24 on the way to a centralised egress VPC (R5.3, S19) is a
// boundary of the address classes, so `scan --from` tells the internet
// apart from that range; the classes must cut at every CIDR a decision
// can depend on, transit gateway routes included (issue 4, exactness).
func TestTGWRoutesCutClasses(t *testing.T) {
	b := fixture.New()
	b.TGW("tgw-1")
	b.VPC("vpc-A", "10.1.0.0/16")
	b.Subnet("subnet-A", "vpc-A", "10.1.1.0/24", "us-east-1a")
	b.RT("rt-A", "vpc-A", true, nil, "10.1.0.0/16 local", "0.0.0.0/0 tgw-1")
	b.SG("sg-A", "vpc-A", "out tcp 443 0.0.0.0/0")
	b.ACL("acl-A", "vpc-A", true, nil, "in 100 allow all - 0.0.0.0/0", "out 100 allow all - 0.0.0.0/0")
	b.ENI("eni-A", "vpc-A", "subnet-A", []string{"10.1.1.1"}, "sg-A")
	b.TGWAttach("att-A", "tgw-1", "vpc-A", "subnet-A")
	b.VPC("vpc-E", "10.9.0.0/16")
	b.IGW("igw-e", "vpc-E")
	b.Subnet("subnet-att", "vpc-E", "10.9.0.0/28", "us-east-1a")
	b.Subnet("subnet-pub", "vpc-E", "10.9.1.0/24", "us-east-1a")
	b.RT("rtb-att", "vpc-E", true, []string{"subnet-att"}, "10.9.0.0/16 local", "0.0.0.0/0 nat-e")
	b.RT("rtb-pub", "vpc-E", false, []string{"subnet-pub"}, "10.9.0.0/16 local", "10.1.0.0/16 tgw-1", "0.0.0.0/0 igw-e")
	b.ACL("acl-E", "vpc-E", true, nil, "in 100 allow all - 0.0.0.0/0", "out 100 allow all - 0.0.0.0/0")
	b.NAT("nat-e", "vpc-E", "subnet-pub", "10.9.1.5", "203.0.113.99")
	b.TGWAttach("att-E", "tgw-1", "vpc-E", "subnet-att")
	b.TGWTable("rt-tgw", "tgw-1", []string{"att-A", "att-E"}, []string{"att-A", "att-E"}, "0.0.0.0/0 att-E", "8.8.8.0/24 blackhole")
	model.Derive(b.S)
	n := network.Compile(b.S)
	s := New(n)
	e := n.ENIs["eni-A"]
	self := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: e.M.PrimaryIP(), Name: e.M.ID, Ephemeral: Ephemeral(n, e)}
	r, err := s.Scan(self, From, PeerKinds{Internet: true})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, en := range r.Entries {
		lines = append(lines, en.String())
	}
	got := strings.Join(lines, "\n")
	if want := "tcp 443 to 0.0.0.0/0 except 8.8.8.0/24 via att-A,att-E,nat-e,igw-e"; !strings.Contains(got, want) {
		t.Errorf("scan --from eni-A:\n%s\nwant a line starting %q", got, want)
	}
}
