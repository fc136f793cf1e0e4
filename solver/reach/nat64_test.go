package reach_test

import (
	"net/netip"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/reach"
)

// TestNAT64 follows R3.10 and R3.40: an interface of an IPv6-only subnet
// reaches an IPv4 internet host at its 64:ff9b::/96 address through a NAT
// gateway (route 64:ff9b::/96 -> nat), which translates source and
// destination to IPv4 and back; other IPv6 destinations are no NAT traffic,
// and the IPv4 address itself is out of the interface's family.
func TestNAT64(t *testing.T) {
	build := func(natDest string) *model.Snapshot {
		b := fixture.New()
		b.VPC("vpc-a", "10.0.0.0/16", "2600:1f18:1234:5600::/56")
		pub := b.Subnet("subnet-pub", "vpc-a", "10.0.0.0/24", "us-east-1a")
		pub.IPv6CIDR = netip.MustParsePrefix("2600:1f18:1234:5600::/64")
		v6 := b.Subnet("subnet-v6", "vpc-a", "2600:1f18:1234:5601::/64", "us-east-1a")
		v6.IPv6Native = true
		b.IGW("igw-a", "vpc-a")
		b.NAT("nat-a", "vpc-a", "subnet-pub", "10.0.0.4", "203.0.113.20")
		b.RT("rtb-pub", "vpc-a", true, []string{"subnet-pub"}, "10.0.0.0/16 local", "2600:1f18:1234:5600::/56 local", "0.0.0.0/0 igw-a")
		b.RT("rtb-v6", "vpc-a", false, []string{"subnet-v6"}, "10.0.0.0/16 local", "2600:1f18:1234:5600::/56 local", natDest+" nat-a")
		b.SG("sg-app", "vpc-a", "out all - ::/0")
		b.ENI("eni-app", "vpc-a", "subnet-v6", []string{"2600:1f18:1234:5601::10"}, "sg-app")
		return b.S
	}
	runPaths(t, build("64:ff9b::/96"), []pflow{
		{flow: flow{name: "NAT64 to the embedded IPv4 host", src: "eni-app", dst: "64:ff9b::5db8:d70e", port: 443, want: reach.Reachable, seenSrc: "203.0.113.20"},
			via: []string{"64:ff9b::/96 -> nat-a", "igw-a"}},
		{flow: flow{name: "the IPv4 address itself: no IPv4 on the interface", src: "eni-app", dst: "93.184.215.14", port: 443, want: reach.Blocked,
			codes: []string{"ENI_ADDRESS_RESTRICTION"}}},
	})
	runPaths(t, build("::/0"), []pflow{
		{flow: flow{name: "a NAT gateway is no IPv6 egress", src: "eni-app", dst: "2606:4700::1111", port: 443, want: reach.Blocked,
			codes: []string{"PROTOCOL_RESTRICTION"}}},
	})
}
