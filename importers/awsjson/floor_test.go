package awsjson

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/netverify/netverify/importers/synth"
)

// The floor of issue 25: what reading and JSON-decoding the files of an
// estate costs at the least, against which loading (decode, map to the
// model, derive, validate) and compiling are measured. Three floors, each
// over every file on every core: reading the bytes; reading and decoding
// with encoding/json into the SDK output types (the typed decode a Go
// program would write first); reading, scanning and decoding with this
// package's decoder into the same types, without mapping to the model.

// BenchmarkFloor10000 is the organisation-scale estate (generated once and
// kept under $NETVERIFY_BENCH_ESTATES when that is set: `make bench` sets it).
func BenchmarkFloor10000(b *testing.B) { benchFloor(b, 10000) }

// BenchmarkFloor1000 is the budget estate.
func BenchmarkFloor1000(b *testing.B) { benchFloor(b, 1000) }

func benchFloor(b *testing.B, vpcs int) {
	dir := benchEstate(b, vpcs)
	files, _, err := jsonFiles(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range []struct {
		name string
		fn   func(path string, buf *[]byte) int
	}{{"read", floorRead}, {"encoding-json", floorEncodingJSON}, {"decoder", floorDecoder}} {
		b.Run(f.name, func(b *testing.B) {
			for range b.N {
				runtime.GC()
				cpu0, t0 := cpuTime(), time.Now()
				n := eachFile(files, f.fn)
				b.ReportMetric(time.Since(t0).Seconds(), "s/floor")
				b.ReportMetric((cpuTime() - cpu0).Seconds(), "s-CPU/floor")
				b.ReportMetric(float64(n)/(1<<20), "MiB-read")
			}
		})
	}
}

// benchEstate returns a directory holding `synth --vpcs N --seed 1`,
// generated once per root (a "complete" stamp marks a finished one).
func benchEstate(b *testing.B, vpcs int) string {
	root := os.Getenv("NETVERIFY_BENCH_ESTATES")
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

// eachFile runs fn on every file, one worker per core, and sums its results.
func eachFile(files []string, fn func(path string, buf *[]byte) int) int {
	var total atomic.Int64
	next := make(chan string)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			var buf []byte
			for p := range next {
				total.Add(int64(fn(p, &buf)))
			}
		})
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return int(total.Load())
}

func floorRead(path string, buf *[]byte) int {
	data, _ := readInto(path, buf)
	return len(data)
}

// floorEncodingJSON decodes each top-level member with encoding/json into
// the output type of its handler.
func floorEncodingJSON(path string, buf *[]byte) int {
	data, _ := readInto(path, buf)
	var top map[string]json.RawMessage
	if json.Unmarshal(data, &top) != nil {
		return len(data)
	}
	for key, raw := range top {
		if h := handlerByKey[key]; h != nil && h.key != "" {
			_ = json.Unmarshal(wrap(h.key, raw), h.target())
		}
	}
	return len(data)
}

// floorDecoder scans the file and decodes each member as loading does, but
// maps nothing to the model.
func floorDecoder(path string, buf *[]byte) int {
	data, _ := readInto(path, buf)
	doc, err := scan(data, nil)
	if err != nil || doc.top != '{' {
		return len(data)
	}
	for _, k := range doc.keys {
		if h := handlerByKey[k.name]; h != nil && h.key != "" {
			items := 0
			if k.array {
				items = len(k.elems)
			}
			_ = decodeMember(doc.buf[k.start:k.end], h.target(), h.key, items)
		}
	}
	return len(data)
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
