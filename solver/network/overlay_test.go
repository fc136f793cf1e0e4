package network

import (
	"net/netip"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
)

// TestOverlay: overlaying a group whose ingress gains SSH from an office
// range makes the compiled network admit it (R2.2, R2.4), with the new
// port bound; restoring puts the old rules and bounds back.
func TestOverlay(t *testing.T) {
	build := func(rules ...string) *model.Snapshot {
		b := fixture.New()
		b.VPC("vpc-1", "10.0.0.0/16")
		b.Subnet("subnet-1", "vpc-1", "10.0.1.0/24", "us-east-1a")
		b.RT("rtb-1", "vpc-1", true, nil, "10.0.0.0/16 local")
		b.ACL("acl-1", "vpc-1", true, nil, "in 100 allow all - 0.0.0.0/0", "out 100 allow all - 0.0.0.0/0")
		b.SG("sg-1", "vpc-1", rules...)
		b.ENI("eni-1", "vpc-1", "subnet-1", []string{"10.0.1.10"}, "sg-1")
		model.Derive(b.S)
		return b.S
	}
	in, live := build("in tcp 443 0.0.0.0/0"), build("in tcp 443 0.0.0.0/0", "in tcp 2222 203.0.113.0/24")
	n := Compile(in)
	ssh := Packet{Proto: model.ProtoTCP, Src: netip.MustParseAddr("203.0.113.7"), Dst: netip.MustParseAddr("10.0.1.10"), SrcPort: 40000, DstPort: 2222}
	admits := func() bool { return n.EvalSGs(n.ENIs["eni-1"], true, ssh, false).Allow }
	if admits() {
		t.Fatal("the intended group admits port 2222")
	}
	restore, ok := n.Overlay(live, live.SecurityGroups, nil)
	if !ok {
		t.Fatal("overlay refused")
	}
	if !admits() || n.Snap != live || !hasBound(n.PortBounds(model.ProtoTCP), 2222) {
		t.Errorf("overlaid: admits %v, live snapshot %v, bounds %v", admits(), n.Snap == live, n.PortBounds(model.ProtoTCP))
	}
	restore()
	if admits() || n.Snap != in || hasBound(n.PortBounds(model.ProtoTCP), 2222) {
		t.Errorf("restored: admits %v, intended snapshot %v, bounds %v", admits(), n.Snap == in, n.PortBounds(model.ProtoTCP))
	}
}

func hasBound(bs []uint16, b uint16) bool {
	for _, x := range bs {
		if x == b {
			return true
		}
	}
	return false
}
