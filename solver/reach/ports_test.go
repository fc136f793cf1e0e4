package reach_test

import (
	"net/netip"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// TestWhichPortsNeverShowsPort1: a "which ports" answer explains and draws
// its path on a port of a real class: a well-known one (tcp/443, udp/53)
// when its class holds it, never port 1 of the class below every rule
// (issue 22: "allow tcp 1 from ..." read as if port 1 had been asked).
func TestWhichPortsNeverShowsPort1(t *testing.T) {
	for _, tc := range []struct {
		name        string
		ingress     []model.SGRule
		wantBlocked map[model.Protocol]uint16 // the blocked sample's port
		wantSample  map[model.Protocol]uint16 // the reachable sample's port
	}{
		{
			name:        "nothing allowed",
			wantBlocked: map[model.Protocol]uint16{model.ProtoTCP: 443, model.ProtoUDP: 53},
		},
		{
			// The ALB answers on its listener only (R7.19): tcp/80 is the
			// reachable class, every other TCP class is blocked (shown on 443).
			name:        "all TCP allowed",
			ingress:     []model.SGRule{{Protocol: model.ProtoTCP, Ports: model.PortRange{From: 0, To: 65535}, CIDR: netip.MustParsePrefix("10.0.0.0/16")}},
			wantBlocked: map[model.Protocol]uint16{model.ProtoTCP: 443, model.ProtoUDP: 53},
			wantSample:  map[model.Protocol]uint16{model.ProtoTCP: 80},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := lbEstate("out tcp 8080 0.0.0.0/0", true, true)
			for _, sg := range s.SecurityGroups {
				if sg.ID == "sg-alb" {
					sg.Ingress = tc.ingress
				}
			}
			n := network.Compile(s)
			src, _ := names.Resolve(n, "eni-client")
			dst, _ := names.Resolve(n, "eni-alb1")
			for _, sum := range reach.Ports(n, reach.Question{Src: src, Dst: dst}, []model.Protocol{model.ProtoTCP, model.ProtoUDP}) {
				if want, ok := tc.wantBlocked[sum.Proto]; ok {
					if sum.Blocked == nil {
						t.Errorf("%s: no blocked sample, want one on port %d", sum.Proto, want)
					} else if got := sum.Blocked.Packet.DstPort; got != want {
						t.Errorf("%s: blocked sample on port %d, want %d", sum.Proto, got, want)
					}
				}
				if want, ok := tc.wantSample[sum.Proto]; ok {
					if sum.Sample == nil {
						t.Errorf("%s: no reachable sample, want one on port %d (reachable %v)", sum.Proto, want, sum.Reachable)
					} else if got := sum.Sample.Packet.DstPort; got != want {
						t.Errorf("%s: reachable sample on port %d, want %d", sum.Proto, got, want)
					}
				}
				for _, a := range []*reach.Answer{sum.Blocked, sum.Sample} {
					if a != nil && a.Packet.DstPort == 1 {
						t.Errorf("%s: a sample on port 1: %v", sum.Proto, a.Packet)
					}
				}
			}
		})
	}
}
