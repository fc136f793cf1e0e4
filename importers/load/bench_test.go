package load

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/netverify/netverify/importers/synth"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// The budget of issue 3 and ARCHITECTURE.md: loading, deriving and
// validating `synth --vpcs 1000` (what every command does before it answers)
// takes under 5 s and 2 GiB on a 2-core machine, and grows linearly.

// BenchmarkLoadSynth1000 is the budget estate: 1,000 VPCs, 50,000 ENIs.
func BenchmarkLoadSynth1000(b *testing.B) { benchLoad(b, 1000) }

// BenchmarkLoadSynth100 is a tenth of it; comparing the two shows the growth.
func BenchmarkLoadSynth100(b *testing.B) { benchLoad(b, 100) }

// BenchmarkLoadCompileSynth1000 adds compiling the network (what a question
// pays before its answer), in the same fresh process.
func BenchmarkLoadCompileSynth1000(b *testing.B) { benchLoadCompile(b, 1000) }

// BenchmarkLoadCompileSynth10000 is the organisation scale of issue 25:
// 10,000 VPCs, 500,000 ENIs, loaded and compiled in under 30 s and 8 GiB,
// within three times the floor of reading and decoding the files
// (importers/awsjson BenchmarkFloor10000). Generating the estate takes a few
// minutes; `make bench` keeps it in the user cache directory.
func BenchmarkLoadCompileSynth10000(b *testing.B) { benchLoadCompile(b, 10000) }

// childEnv tells a re-executed test binary to load one directory and report;
// compileEnv, set too, makes it compile the network after loading.
const (
	childEnv   = "NETVERIFY_LOAD_CHILD_DIR"
	compileEnv = "NETVERIFY_LOAD_CHILD_COMPILE"
)

// childReport is what the child prints on its last line of stdout.
type childReport struct {
	Seconds     float64 `json:"seconds"`
	Compile     float64 `json:"compileSeconds,omitempty"`
	AllocMiB    float64 `json:"allocMiB"`
	LiveHeapMiB float64 `json:"liveHeapMiB"`
	Resources   int     `json:"resources"`
	Errors      int     `json:"errors"`
	FirstError  string  `json:"firstError,omitempty"`
}

// benchLoad runs load.All in a fresh process per iteration, so the peak
// resident memory (getrusage ru_maxrss of that process) is the load's own and
// not the generator's or an earlier iteration's: it is what `netverify` itself
// needs for this estate.
func benchLoad(b *testing.B, vpcs int) {
	dir := estate(b, vpcs)
	b.ResetTimer()
	for range b.N {
		rep, maxRSS, cpu := runChild(b, dir, false)
		if rep.Errors > 0 {
			b.Fatalf("synthetic estate has %d error diagnostics, first: %s", rep.Errors, rep.FirstError)
		}
		b.ReportMetric(rep.Seconds, "s/load")
		b.ReportMetric(cpu.Seconds(), "s-CPU/load")
		b.ReportMetric(float64(maxRSS)/(1<<20), "MiB-peak-RSS")
		b.ReportMetric(rep.AllocMiB, "MiB-allocated")
		b.ReportMetric(rep.LiveHeapMiB, "MiB-live-heap")
		b.ReportMetric(float64(rep.Resources), "resources")
	}
}

// benchLoadCompile is benchLoad with compiling: the wall-clock times of both
// steps, and the CPU time and peak memory of the whole process.
func benchLoadCompile(b *testing.B, vpcs int) {
	dir := estate(b, vpcs)
	b.ResetTimer()
	for range b.N {
		rep, maxRSS, cpu := runChild(b, dir, true)
		if rep.Errors > 0 {
			b.Fatalf("synthetic estate has %d error diagnostics, first: %s", rep.Errors, rep.FirstError)
		}
		b.ReportMetric(rep.Seconds, "s/load")
		b.ReportMetric(rep.Compile, "s/compile")
		b.ReportMetric(rep.Seconds+rep.Compile, "s/load+compile")
		b.ReportMetric(cpu.Seconds(), "s-CPU/load+compile")
		b.ReportMetric(float64(maxRSS)/(1<<20), "MiB-peak-RSS")
		b.ReportMetric(rep.AllocMiB, "MiB-allocated")
		b.ReportMetric(float64(rep.Resources), "resources")
	}
}

// cacheEnv names a directory that keeps generated estates between runs
// (handy when profiling: NETVERIFY_BENCH_ESTATES=/tmp/estates).
const cacheEnv = "NETVERIFY_BENCH_ESTATES"

// estate returns a directory holding `synth --vpcs N --seed 1`, generated
// once per cache directory (a ".complete" stamp marks a finished one, so an
// interrupted generation is redone; importers/awsjson's floor uses the same).
func estate(b *testing.B, vpcs int) string {
	root := os.Getenv(cacheEnv)
	if root == "" {
		root = b.TempDir()
	}
	dir := filepath.Join(root, fmt.Sprintf("vpcs%d", vpcs))
	stamp := filepath.Join(dir, ".complete")
	if _, err := os.Stat(stamp); err == nil {
		return dir
	}
	if _, err := synth.Write(synth.Options{VPCs: vpcs, Seed: 1, Out: dir, Force: true}); err != nil {
		b.Fatalf("synth: %v", err)
	}
	if err := os.WriteFile(stamp, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir
}

// runChild loads dir in a child process and returns its report, its peak
// resident memory in bytes and the CPU time it used (user and system: on a
// shared machine a steadier figure than the wall-clock time).
func runChild(b *testing.B, dir string, compile bool) (childReport, int64, time.Duration) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestLoadChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+dir)
	if compile {
		cmd.Env = append(cmd.Env, compileEnv+"=1")
	}
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("load child: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var rep childReport
	if err := json.Unmarshal([]byte(lines[0]), &rep); err != nil {
		b.Fatalf("load child printed %q: %v", out, err)
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		b.Fatal("no rusage for the load child on this platform")
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return rep, ru.Maxrss * 1024, cpu // Linux reports ru_maxrss in KiB
}

// TestLoadChild is the child's body; without childEnv it does nothing.
func TestLoadChild(t *testing.T) {
	dir := os.Getenv(childEnv)
	if dir == "" {
		t.Skip("helper process of BenchmarkLoadSynth*")
	}
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	snap, diags, err := All([]string{dir}, Options{})
	el := time.Since(start)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var compiled time.Duration
	var n *network.Network
	if os.Getenv(compileEnv) != "" {
		start = time.Now()
		n = network.Compile(snap)
		compiled = time.Since(start)
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	rep := childReport{Seconds: el.Seconds(), Compile: compiled.Seconds(), AllocMiB: float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20),
		LiveHeapMiB: float64(after.HeapAlloc) / (1 << 20), Resources: snap.Len(), Errors: diags.Count(model.SevError)}
	for _, d := range diags {
		if d.Severity == model.SevError {
			rep.FirstError = d.String()
			break
		}
	}
	line, _ := json.Marshal(rep)
	fmt.Printf("%s\n", line)
	runtime.KeepAlive(snap)
	runtime.KeepAlive(n)
}
