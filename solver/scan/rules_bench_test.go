package scan

import (
	"fmt"
	"net/netip"
	"testing"
	"time"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// BenchmarkManyRules measures issue 24's and 25's many-rules security
// group (one public instance, n ingress rules each with its own /24 and
// TCP port; see manyRules): the internet exposure of the interface at
// 1,000 rules (budget < 1 s) and 10,000 rules, and one `can-reach internet
// web --port 443` at 60,000 rules (budget < 1 s). Loading and compiling
// the scenario are outside the timings (s/compile reports them).
func BenchmarkManyRules(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("exposure-%d", n), func(b *testing.B) {
			net := compileTimed(b, n)
			for range b.N {
				cpu := cpuSeconds()
				ex, walked, err := New(net).InternetExposure()
				b.ReportMetric(cpuSeconds()-cpu, "cpu-s/op")
				if err != nil || len(ex) != 1 || len(ex[0].Entries) != n {
					b.Fatalf("want one interface with %d entries, got %d (%v)", n, len(ex), err)
				}
				b.ReportMetric(float64(walked), "packets-walked")
			}
		})
	}
	b.Run("can-reach-443-60000", func(b *testing.B) {
		net := compileTimed(b, 60000)
		web := net.ENIs[net.InstanceENIs(instanceID(b, net))[0]]
		src := reach.Endpoint{Kind: reach.AtInternet, IP: netip.MustParseAddr("8.8.8.8"), Name: "internet", Ephemeral: reach.EphemeralLinux}
		dst := reach.Endpoint{Kind: reach.AtENI, ENI: web, IP: web.M.PrimaryIP(), Name: web.M.ID}
		dst.IP = reach.PublicDst(net, src, dst)
		for range b.N {
			cpu := cpuSeconds()
			a := reach.Ask(net, reach.Question{Src: src, Dst: dst, Proto: model.ProtoTCP, DstPort: 443, SrcPort: 32768})
			if a.Reachable() {
				b.Fatal("tcp 443 is in no rule, yet reachable")
			}
			b.ReportMetric(cpuSeconds()-cpu, "cpu-s/op")
		}
	})
}

// compileTimed builds manyRules(n) outside the timer and reports how long
// loading and compiling took.
func compileTimed(b *testing.B, n int) *network.Network {
	b.StopTimer()
	defer b.StartTimer()
	start, cpu := time.Now(), cpuSeconds()
	net := manyRules(b, n)
	b.ReportMetric(time.Since(start).Seconds(), "s/compile")
	b.ReportMetric(cpuSeconds()-cpu, "cpu-s/compile")
	return net
}

func instanceID(b *testing.B, n *network.Network) string {
	for _, i := range n.Snap.Instances {
		return i.ID
	}
	b.Fatal("no instance")
	return ""
}
