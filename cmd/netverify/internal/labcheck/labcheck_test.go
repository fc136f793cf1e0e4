// Package labcheck compares can-reach answers with real-AWS probe results (issue 4).
package labcheck

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"

	"github.com/netverify/netverify/internal/testcorpus"
)

// TestLabCheck compares the solver with real AWS probes: every flow of
// lab-validation/*/observed.csv (icmp-echo reachable/unreachable; nmap
// open/closed = reachable, filtered = not). It reports agreement per lab and
// lists each disagreement. It fails below the acceptance of issue 4: 97 % in
// every lab and 99 % overall (set NETVERIFY_LABCHECK_LENIENT=1 to only report).
func TestLabCheck(t *testing.T) {
	labs, _ := filepath.Glob(filepath.Join(testcorpus.Dir(t, "batfish", "lab-validation"), "*", "observed.csv"))
	if len(labs) == 0 {
		t.Skip("lab-validation corpus not present")
	}
	sort.Strings(labs)
	total, agree := 0, 0
	for _, obs := range labs {
		lab := filepath.Base(filepath.Dir(obs))
		a, n, disagreements := runLab(t, filepath.Dir(obs))
		total += n
		agree += a
		t.Logf("%-40s %3d/%3d agree (%.1f%%)", lab, a, n, pct(a, n))
		for _, d := range disagreements {
			t.Logf("    %s", d)
		}
		if strict && pct(a, n) < 97 {
			t.Errorf("%s: agreement %.1f%% is below 97%%", lab, pct(a, n))
		}
	}
	t.Logf("overall %d/%d agree (%.1f%%)", agree, total, pct(agree, total))
	if strict && pct(agree, total) < 99 {
		t.Errorf("overall agreement %.1f%% is below 99%%", pct(agree, total))
	}
}

// strict: the thresholds fail the test unless NETVERIFY_LABCHECK_LENIENT is set.
var strict = os.Getenv("NETVERIFY_LABCHECK_LENIENT") == ""

func pct(a, n int) float64 {
	if n == 0 {
		return 100
	}
	return 100 * float64(a) / float64(n)
}

func runLab(t *testing.T, dir string) (agree, total int, diffs []string) {
	n, rows := loadLab(t, dir)
	for _, r := range rows {
		src, dst, probe, port, obs := r[1], r[2], r[3], r[4], r[5]
		want := obs == "open" || obs == "closed" || obs == "reachable"
		got, why := labFlow(n, src, dst, probe, port)
		total++
		if got == want {
			agree++
			continue
		}
		diffs = append(diffs, fmt.Sprintf("%s -> %s %s/%s observed %s, got %v: %s", src, dst, probe, port, obs, got, why))
	}
	return agree, total, diffs
}

func labFlow(n *network.Network, src, dst, probe, port string) (bool, string) {
	a, err := labAnswer(n, src, dst, probe, port)
	if err != "" {
		return false, err
	}
	why := a.Verdict.String()
	if len(a.Explanations) > 0 {
		e := a.Explanations[0]
		why += " " + e.Direction.String() + " " + e.Code.String() + " " + e.Detail
	}
	return a.Reachable(), why
}

// labAnswer asks one probe of observed.csv: ping is ICMP echo, nmap a TCP port.
func labAnswer(n *network.Network, src, dst, probe, port string) (*reach.Answer, string) {
	s, err := names.Resolve(n, src)
	if err != nil {
		return nil, "src: " + err.Error()
	}
	d, err := names.Resolve(n, dst)
	if err != nil {
		return nil, "dst: " + err.Error()
	}
	d.IP = reach.PublicDst(n, s, d)
	q := reach.Question{Src: s, Dst: d, Proto: model.ProtoICMP, ICMPType: 8}
	if probe == "tcp" {
		p, _ := strconv.Atoi(port)
		q.Proto, q.DstPort, q.ICMPType = model.ProtoTCP, uint16(p), 0
	}
	return reach.Ask(n, q), ""
}

// loadLab loads a lab's describe-JSON and its probes (without the header).
func loadLab(t *testing.T, dir string) (*network.Network, [][]string) {
	t.Helper()
	snap, _, err := awsjson.LoadDir(filepath.Join(dir, "aws_configs"))
	if err != nil {
		t.Fatalf("%s: %v", dir, err)
	}
	model.Derive(snap)
	model.Validate(snap)
	f, err := os.Open(filepath.Join(dir, "observed.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return network.Compile(snap), rows[1:]
}
