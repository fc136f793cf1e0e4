package labcheck

import (
	"path/filepath"
	"sort"
	"testing"

	"github.com/netverify/netverify/internal/testcorpus"
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
		n, rows := loadLab(t, dir)
		for _, r := range rows {
			a, _ := labAnswer(n, r[1], r[2], r[3], r[4])
			if a == nil || a.Reachable() {
				continue
			}
			for _, e := range a.Explanations {
				explained++
				if e.Component == "" || e.Detail == "" || e.Fix == "" {
					lacking[string(e.Code)] = filepath.Base(dir) + ": " + r[1] + " -> " + r[2] + " " + r[3] + "/" + r[4]
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
