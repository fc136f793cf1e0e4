// Command benchreport reads the output of `go test -bench` (what `make bench`
// prints) and prints each measured figure beside its budget: the performance
// budget of ARCHITECTURE.md and the acceptance figures of issue 25. A figure
// over its budget is marked OVER; the exit code stays 0 (figures on a shared
// machine are upper bounds, not verdicts). Benchmarks it does not know are
// listed after the table with their metrics as measured.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
)

// budget is one figure: the benchmark and metric it is read from, and the
// largest value within budget (0: no budget, shown for reference).
type budget struct {
	figure string
	bench  string // benchmark name without the -GOMAXPROCS suffix
	metric string
	max    float64
}

var budgets = []budget{
	{"load + derive + validate, 1,000 VPCs (wall)", "BenchmarkLoadSynth1000", "s/load", 5},
	{"  CPU (user+sys)", "BenchmarkLoadSynth1000", "s-CPU/load", 0},
	{"  peak RSS", "BenchmarkLoadSynth1000", "MiB-peak-RSS", 2048},
	{"load + compile, 1,000 VPCs (wall)", "BenchmarkLoadCompileSynth1000", "s/load+compile", 5},
	{"  CPU (user+sys)", "BenchmarkLoadCompileSynth1000", "s-CPU/load+compile", 0},
	{"  peak RSS", "BenchmarkLoadCompileSynth1000", "MiB-peak-RSS", 2048},
	{"one question after load", "BenchmarkSynth1000/question", "ms/question", 1},
	{"10,000 batch flows", "BenchmarkSynth1000/flows10k", "s/10k-flows", 2},
	{"internet exposure of every ENI, 1,000 VPCs", "BenchmarkSynth1000/exposure", "s/exposure", 10},
	{"DNS: 10,000 names from 100 VPCs", "BenchmarkResolve10kFrom100VPCs", "s/10k-names", 1},
	{"floor, 10,000 VPCs: read the files (wall)", "BenchmarkFloor10000/read", "s/floor", 0},
	{"  CPU", "BenchmarkFloor10000/read", "s-CPU/floor", 0},
	{"floor: read + decode into SDK types (wall)", "BenchmarkFloor10000/decoder", "s/floor", 0},
	{"  CPU", "BenchmarkFloor10000/decoder", "s-CPU/floor", 0},
	{"floor: read + encoding/json into SDK types (wall)", "BenchmarkFloor10000/encoding-json", "s/floor", 0},
	{"  CPU", "BenchmarkFloor10000/encoding-json", "s-CPU/floor", 0},
	{"load + compile, 10,000 VPCs (wall)", "BenchmarkLoadCompileSynth10000", "s/load+compile", 30},
	{"  CPU (user+sys)", "BenchmarkLoadCompileSynth10000", "s-CPU/load+compile", 0},
	{"  peak RSS", "BenchmarkLoadCompileSynth10000", "MiB-peak-RSS", 8192},
}

// results maps benchmark name to metric unit to value.
type results map[string]map[string]float64

func main() {
	res, order := parse(os.Stdin)
	w := tabwriter.NewWriter(os.Stdout, 2, 8, 2, ' ', 0)
	fmt.Fprintln(w, "figure\tmeasured\tbudget\t")
	known := map[string]bool{}
	for _, b := range budgets {
		known[b.bench] = true
		v, ok := res[b.bench][b.metric]
		if !ok {
			fmt.Fprintf(w, "%s\tnot run\t%s\t\n", b.figure, limit(b.max))
			continue
		}
		mark := ""
		if b.max > 0 && v > b.max {
			mark = "OVER"
		}
		fmt.Fprintf(w, "%s\t%s %s\t%s\t%s\n", b.figure, num(v), unitOf(b.metric), limit(b.max), mark)
	}
	ratio(w, res)
	w.Flush()
	for _, name := range order {
		if !known[name] {
			fmt.Printf("%s:", name)
			units := make([]string, 0, len(res[name]))
			for unit := range res[name] {
				units = append(units, unit)
			}
			sort.Strings(units)
			for _, unit := range units {
				fmt.Printf(" %s %s", num(res[name][unit]), unit)
			}
			fmt.Println()
		}
	}
}

// ratio prints load + compile at 10,000 VPCs over the decoding floor, in
// CPU time (steadier than wall-clock time on a shared machine) and wall time.
func ratio(w io.Writer, res results) {
	lc, fl := res["BenchmarkLoadCompileSynth10000"], res["BenchmarkFloor10000/decoder"]
	if lc == nil || fl == nil || fl["s-CPU/floor"] == 0 || fl["s/floor"] == 0 {
		return
	}
	fmt.Fprintf(w, "load + compile over the decoding floor, CPU\t%.2f×\t3×\t\n", lc["s-CPU/load+compile"]/fl["s-CPU/floor"])
	fmt.Fprintf(w, "  wall\t%.2f×\t3×\t\n", lc["s/load+compile"]/fl["s/floor"])
}

// parse reads benchmark result lines: name, iterations, then value-unit pairs.
func parse(r io.Reader) (results, []string) {
	res := results{}
	var order []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := f[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		if res[name] == nil {
			res[name] = map[string]float64{}
			order = append(order, name)
		}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				res[name][f[i+1]] = v
			}
		}
	}
	return res, order
}

// unitOf is the unit of a metric: "s" of "s-CPU/load", "MiB" of "MiB-peak-RSS".
func unitOf(metric string) string {
	u, _, _ := strings.Cut(metric, "/")
	u, _, _ = strings.Cut(u, "-")
	return u
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }

func limit(max float64) string {
	if max == 0 {
		return ""
	}
	return "< " + num(max)
}
