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

// TestDualStackLambda follows R8.4 and R8.44: a function with
// Ipv6AllowedForDualStack in a dual-stack subnet gets an IPv6 address on its
// Hyperplane ENI and reaches an IPv6 internet address through the
// egress-only internet gateway (R3.11); with the setting off the ENI has
// IPv4 only, and the answer is blocked, naming the setting and its fix.
func TestDualStackLambda(t *testing.T) {
	build := func(dualStack bool) *model.Snapshot {
		b := fixture.New()
		b.VPC("vpc-a", "10.0.0.0/16", "2600:1f18:1234:5600::/56")
		sub := b.Subnet("subnet-a", "vpc-a", "10.0.1.0/24", "us-east-1a")
		sub.IPv6CIDR = netip.MustParsePrefix("2600:1f18:1234:5601::/64")
		b.EIGW("eigw-a", "vpc-a")
		b.RT("rtb-a", "vpc-a", true, nil, "10.0.0.0/16 local", "::/0 eigw-a")
		b.SG("sg-fn", "vpc-a", "out all - ::/0", "out all - 0.0.0.0/0")
		b.S.LambdaFunctions = []*model.LambdaFunction{{Meta: model.Meta{ID: "fn"}, Subnets: []string{"subnet-a"},
			SecurityGroups: []string{"sg-fn"}, IPv6AllowedForDualStack: dualStack}}
		return b.S
	}
	runPaths(t, build(true), []pflow{{flow: flow{name: "flag on: out through the EIGW", src: "fn", dst: "2606:4700::1111", port: 443,
		want: reach.Reachable}, via: []string{"eigw-a"}}})

	s := build(false)
	model.Derive(s)
	a := askFlow(t, network.Compile(s), flow{src: "fn", dst: "2606:4700::1111", port: 443})
	if a.Verdict != reach.Blocked || !hasCode(a, "ENI_ADDRESS_RESTRICTION") {
		t.Fatalf("flag off: want blocked by ENI_ADDRESS_RESTRICTION\n%s", dump(a))
	}
	ex := a.Explanations[0]
	if !strings.Contains(ex.Detail, "Ipv6AllowedForDualStack is off for function fn") || !strings.Contains(ex.Fix, "Ipv6AllowedForDualStack: true") {
		t.Fatalf("flag off: the explanation must name the setting and the fix: %+v", ex)
	}
}
