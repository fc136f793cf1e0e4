package main

import (
	"strings"
	"testing"
)

// TestParseReadsMetrics: a result line of `go test -bench` gives each of its
// value-unit pairs under the benchmark's name without the -GOMAXPROCS suffix.
func TestParseReadsMetrics(t *testing.T) {
	in := "goos: linux\nBenchmarkFloor10000/decoder-2   1   5897 ns/op   1574 MiB-read   12.48 s-CPU/floor   58.95 s/floor\nPASS\n"
	res, order := parse(strings.NewReader(in))
	if len(order) != 1 || order[0] != "BenchmarkFloor10000/decoder" {
		t.Fatalf("benchmarks = %v", order)
	}
	if got := res["BenchmarkFloor10000/decoder"]["s-CPU/floor"]; got != 12.48 {
		t.Errorf("s-CPU/floor = %v, want 12.48", got)
	}
}
