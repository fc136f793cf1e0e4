package scan

import (
	"math/rand"
	"os"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// BenchmarkSynth1000 measures the performance budget of issues 3, 4 and 25 on
// `synth --vpcs 1000` (generated once, outside the timings): load + derive +
// validate + compile (< 5 s, < 2 GiB), one question after load (< 1 ms),
// 10,000 flows in batch (< 2 s), internet exposure of every ENI (< 10 s).
func BenchmarkSynth1000(b *testing.B) { benchEstate(b, 1000) }

// BenchmarkSynth100 is the same on a tenth of the estate.
func BenchmarkSynth100(b *testing.B) { benchEstate(b, 100) }

// BenchmarkSynthDir is the same on the estate directory that
// NETVERIFY_BENCH_ESTATE names (e.g. `synth --vpcs 10000`, issue 25);
// skipped when it is not set.
func BenchmarkSynthDir(b *testing.B) {
	dir := os.Getenv("NETVERIFY_BENCH_ESTATE")
	if dir == "" {
		b.Skip("NETVERIFY_BENCH_ESTATE is not set")
	}
	benchDir(b, dir)
}

func benchEstate(b *testing.B, vpcs int) { benchDir(b, estateDir(b, vpcs)) }

func benchDir(b *testing.B, dir string) {
	var n *network.Network
	b.Run("load", func(b *testing.B) {
		for range b.N {
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			n = loadEstate(b, dir)
			el := time.Since(start)
			runtime.ReadMemStats(&after)
			runtime.GC()
			var live runtime.MemStats
			runtime.ReadMemStats(&live)
			b.ReportMetric(el.Seconds(), "s/load")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), "MiB-allocated")
			b.ReportMetric(float64(live.HeapAlloc)/(1<<20), "MiB-live-heap")
			b.ReportMetric(float64(after.Sys)/(1<<20), "MiB-from-OS")
		}
	})
	if n == nil {
		b.Fatal("load did not run")
	}
	ids := instanceENIs(n)
	b.Run("question", func(b *testing.B) {
		r := rand.New(rand.NewSource(1))
		for range b.N {
			const k = 200
			start := time.Now()
			for range k {
				ask(b, n, ids[r.Intn(len(ids))], ids[r.Intn(len(ids))], 443)
			}
			b.ReportMetric(float64(time.Since(start).Microseconds())/1000/k, "ms/question")
		}
	})
	b.Run("flows10k", func(b *testing.B) {
		r := rand.New(rand.NewSource(2))
		ports := []uint16{22, 80, 443, 3306, 5432, 6379, 8080}
		for range b.N {
			start, reachable := time.Now(), 0
			for range 10000 {
				if ask(b, n, ids[r.Intn(len(ids))], ids[r.Intn(len(ids))], ports[r.Intn(len(ports))]) {
					reachable++
				}
			}
			b.ReportMetric(time.Since(start).Seconds(), "s/10k-flows")
			b.ReportMetric(float64(reachable), "reachable-flows")
		}
	})
	b.Run("exposure", func(b *testing.B) {
		for range b.N {
			start, cpu := time.Now(), cpuSeconds()
			s := New(n)
			ex, walked, err := s.InternetExposure()
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(start).Seconds(), "s/exposure")
			b.ReportMetric(cpuSeconds()-cpu, "cpu-s/exposure")
			b.ReportMetric(float64(len(s.exposed())), "candidate-ENIs")
			b.ReportMetric(float64(len(ex)), "exposed-ENIs")
			b.ReportMetric(float64(walked), "packets-walked")
			b.ReportMetric(float64(len(s.internet)), "internet-classes")
		}
	})
	benchScans(b, n)
}

// ask answers one question as can-reach does: resolve both names, walk.
func ask(b *testing.B, n *network.Network, src, dst string, port uint16) bool {
	s, err := names.Resolve(n, src)
	if err != nil {
		b.Fatal(err)
	}
	d, err := names.Resolve(n, dst)
	if err != nil {
		b.Fatal(err)
	}
	d.IP = reach.PublicDst(n, s, d)
	return reach.Ask(n, reach.Question{Src: s, Dst: d, Proto: model.ProtoTCP, DstPort: port}).Reachable()
}

func instanceENIs(n *network.Network) []string {
	var ids []string
	for id, e := range n.ENIs {
		if e.M.OwnerKind == model.OwnerInstance && e.M.PrimaryIP().Is4() {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}
