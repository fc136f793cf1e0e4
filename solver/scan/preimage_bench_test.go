package scan

import (
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// benchScans measures issue 25's `scan --to X` and `scan --from X` of one
// application instance, after load and compile: the scanner's classes
// (s/classes), then the scan (s/scan), which walks only the scan's
// pre-image; wall and CPU time.
func benchScans(b *testing.B, n *network.Network) {
	x := appInstance(b, n)
	for _, dir := range []Direction{To, From} {
		b.Run("scan-"+string(dir), func(b *testing.B) {
			for range b.N {
				start, cpu := time.Now(), cpuSeconds()
				s := New(n)
				b.ReportMetric(time.Since(start).Seconds(), "s/classes")
				b.ReportMetric(cpuSeconds()-cpu, "cpu-s/classes")
				start, cpu = time.Now(), cpuSeconds()
				self := reach.Endpoint{Kind: reach.AtENI, ENI: x, IP: x.M.PrimaryIP(), Name: x.M.ID, Ephemeral: Ephemeral(n, x)}
				r, err := s.Scan(self, dir, AllPeers)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(time.Since(start).Seconds(), "s/scan")
				b.ReportMetric(cpuSeconds()-cpu, "cpu-s/scan")
				b.ReportMetric(float64(r.Walked), "packets-walked")
				b.ReportMetric(float64(r.skipped), "interfaces-left-out")
				b.ReportMetric(float64(len(r.Entries)), "entries")
			}
		})
	}
}

// appInstance is the first application-tier instance interface (one
// group, "-app"), by ID.
func appInstance(b *testing.B, n *network.Network) *network.ENI {
	for _, id := range instanceENIs(n) {
		e := n.ENIs[id]
		if e.M.OwnerKind == model.OwnerInstance && len(e.SGs) == 1 && strings.HasSuffix(e.SGs[0].M.GroupName, "-app") {
			return e
		}
	}
	b.Fatal("no application instance in " + strconv.Itoa(len(n.ENIs)) + " interfaces")
	return nil
}

// cpuSeconds is the process's user+system CPU time: on a shared machine
// the wall time of a benchmark is an upper bound, its CPU time is not.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
