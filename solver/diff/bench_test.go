//go:build unix

package diff

import (
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/importers/synth"
	"github.com/netverify/netverify/model"
)

// BenchmarkDriftOneRule1000 is issue 25's one-rule drift: `synth --vpcs
// 1000` against itself with one ingress rule added to one application
// security group (budget: under 1 s, the same report as --full). The
// estates are generated and loaded outside the timing.
func BenchmarkDriftOneRule1000(b *testing.B) { benchDrift(b, 1000, false) }

// BenchmarkDriftOneRule10Full is the full recheck (drift --full) of the
// same change on 10 VPCs, for comparison.
func BenchmarkDriftOneRule10Full(b *testing.B) { benchDrift(b, 10, true) }

// BenchmarkDriftIdentical1000: no change at all; only the resource
// comparison runs.
func BenchmarkDriftIdentical1000(b *testing.B) {
	in, live := estatePair(b, 1000)
	b.ResetTimer()
	for range b.N {
		start, cpu := time.Now(), cpuTime()
		r := Compare(in, live)
		b.ReportMetric(time.Since(start).Seconds(), "s/drift")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "s-cpu/drift")
		if r.Drift {
			b.Fatalf("identical estates drift: %+v", r.Changes)
		}
	}
}

func benchDrift(b *testing.B, vpcs int, full bool) {
	in, live := estatePair(b, vpcs)
	addRule(live)
	b.ResetTimer()
	for range b.N {
		start, cpu := time.Now(), cpuTime()
		r := CompareWith(in, live, Options{Full: full})
		b.ReportMetric(time.Since(start).Seconds(), "s/drift")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "s-cpu/drift")
		b.ReportMetric(float64(r.Questions), "questions")
		if len(r.Changes) != 1 {
			b.Fatalf("want one change, got %d", len(r.Changes))
		}
	}
}

// cpuTime is the process's user and system time so far: on a machine
// shared with other work the wall time says little.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// addRule adds "ingress tcp 22 from 203.0.113.0/24" (SSH from an office
// range) to the middle application tier group (by ID order).
func addRule(s *model.Snapshot) *model.SecurityGroup {
	var apps []*model.SecurityGroup
	for _, g := range s.SecurityGroups {
		if len(g.GroupName) > 4 && g.GroupName[len(g.GroupName)-4:] == "-app" {
			apps = append(apps, g)
		}
	}
	sort.Slice(apps, func(i, j int) bool { return apps[i].ID < apps[j].ID })
	g := apps[len(apps)/2]
	g.Ingress = append(g.Ingress, model.SGRule{Protocol: model.ProtoTCP, Ports: model.PortRange{From: 22, To: 22},
		CIDR: netip.MustParsePrefix("203.0.113.0/24")})
	return g
}

// estatePair loads `synth --vpcs n --seed 1` twice (two independent snapshots).
func estatePair(tb testing.TB, vpcs int) (*model.Snapshot, *model.Snapshot) {
	dir := filepath.Join(tb.TempDir(), fmt.Sprintf("vpcs%d", vpcs))
	if _, err := synth.Write(synth.Options{VPCs: vpcs, Seed: 1, Out: dir}); err != nil {
		tb.Fatalf("synth: %v", err)
	}
	defer os.RemoveAll(dir)
	return loadSynth(tb, dir), loadSynth(tb, dir)
}

func loadSynth(tb testing.TB, dir string) *model.Snapshot {
	snap, diags, err := awsjson.LoadDir(dir)
	if err != nil {
		tb.Fatalf("load %s: %v", dir, err)
	}
	diags = append(diags, model.Derive(snap)...)
	for _, d := range diags {
		if d.Severity == model.SevError {
			tb.Fatalf("synthetic estate has an error: %s", d)
		}
	}
	return snap
}
