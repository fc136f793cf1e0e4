package labcheck

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/internal/testcorpus"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// TestEveryBlockSaysWhatToChange ("Explain"): on every probe of every lab,
// each explanation of an answer that is not reachable names its component
// and says both why and what would fix it.
func TestEveryBlockSaysWhatToChange(t *testing.T) {
	labs, _ := filepath.Glob(filepath.Join(testcorpus.Dir(t, "batfish", "lab-validation"), "*", "observed.csv"))
	if len(labs) == 0 {
		t.Skip("lab-validation corpus not present")
	}
	lacking := map[string]string{}
	explained := 0
	for _, obs := range labs {
		dir := filepath.Dir(obs)
		snap, _, err := awsjson.LoadDir(filepath.Join(dir, "aws_configs"))
		if err != nil {
			t.Fatal(err)
		}
		model.Derive(snap)
		n := network.Compile(snap)
		f, err := os.Open(obs)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows[1:] {
			a := ask(n, r[1], r[2], r[3], r[4])
			if a == nil || a.Reachable() {
				continue
			}
			for _, e := range a.Explanations {
				explained++
				if e.Component == "" || e.Detail == "" || e.Fix == "" {
					lacking[e.Code] = filepath.Base(dir) + ": " + r[1] + " -> " + r[2] + " " + r[3] + "/" + r[4]
				}
			}
		}
	}
	var codes []string
	for c := range lacking {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		t.Errorf("%s lacks a component, a reason or a fix (e.g. %s)", c, lacking[c])
	}
	t.Logf("%d explanations checked", explained)
}

func ask(n *network.Network, src, dst, probe, port string) *reach.Answer {
	s, err := names.Resolve(n, src)
	if err != nil {
		return nil
	}
	d, err := names.Resolve(n, dst)
	if err != nil {
		return nil
	}
	d.IP = reach.PublicDst(n, s, d)
	q := reach.Question{Src: s, Dst: d, Proto: model.ProtoICMP, ICMPType: 8}
	if probe == "tcp" {
		p, _ := strconv.Atoi(port)
		q.Proto, q.DstPort, q.ICMPType = model.ProtoTCP, uint16(p), 0
	}
	return reach.Ask(n, q)
}
