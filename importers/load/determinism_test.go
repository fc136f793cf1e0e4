package load

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"

	"github.com/netverify/netverify/internal/testcorpus"
	"github.com/netverify/netverify/model"
	endpoints "github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// canonical is what must be byte-identical from run to run: the snapshot as
// inspect --json and the solver see it, and every diagnostic.
func canonical(t *testing.T, specs []string) []byte {
	t.Helper()
	snap, ds, err := All(specs, Options{})
	if err != nil {
		t.Fatalf("load %v: %v", specs, err)
	}
	snap.Origins = nil // load order, which the reordered runs change on purpose
	out, err := json.MarshalIndent(struct {
		Snapshot    *model.Snapshot
		Diagnostics model.Diagnostics
	}{snap, ds}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// determinismInputs are the source lists checked: the built-in example, a
// real describe-JSON lab (decoded by parallel workers) and a mix of formats.
func determinismInputs(t *testing.T) map[string][]string {
	in := map[string][]string{"example": {"example:serverless-hybrid"}}
	c := testcorpus.Find()
	if c == "" {
		t.Log("shared/corpus absent: only the built-in example is checked")
		return in
	}
	in["describe-JSON lab"] = []string{filepath.Join(c, "batfish/lab-validation/aws_tgw_peering")}
	in["mixed formats"] = []string{
		filepath.Join(c, "iac/apigw-onprem-private-api/template.yaml"),
		filepath.Join(c, "terraform/driftctl-tfstate/aws_subnet/terraform.tfstate"),
		filepath.Join(c, "batfish/unit-e2e/test-vpc-peering"),
		"example:nacl-ephemeral",
	}
	return in
}

// TestImportIsDeterministic (issue 10): the same inputs give the same
// snapshot and diagnostics byte for byte, run after run, whatever
// GOMAXPROCS is and in whichever order the sources are given.
func TestImportIsDeterministic(t *testing.T) {
	for name, specs := range determinismInputs(t) {
		t.Run(name, func(t *testing.T) {
			want := canonical(t, specs)
			for _, procs := range []int{1, 2, 8} {
				got := withProcs(procs, func() []byte { return canonical(t, specs) })
				assertSame(t, "GOMAXPROCS="+strconv.Itoa(procs), want, got)
			}
			reversed := make([]string, len(specs))
			for i, s := range specs {
				reversed[len(specs)-1-i] = s
			}
			assertSame(t, "sources reversed", want, canonical(t, reversed))
		})
	}
}

// TestAnswersAreDeterministic: the lab's probe flows (as can-reach --flows
// asks them) get byte-identical JSON answers across runs and GOMAXPROCS.
func TestAnswersAreDeterministic(t *testing.T) {
	lab := testcorpus.Dir(t, "batfish", "lab-validation", "aws_tgw_peering")
	answers := func() []byte {
		snap, _, err := All([]string{lab}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := network.Compile(snap)
		var b bytes.Buffer
		for _, f := range labFlows(t, filepath.Join(lab, "observed.csv")) {
			src, err1 := endpoints.Resolve(n, f[0])
			dst, err2 := endpoints.Resolve(n, f[1])
			if err1 != nil || err2 != nil {
				continue
			}
			port, _ := strconv.Atoi(f[3])
			a := reach.Ask(n, reach.Question{Src: src, Dst: dst, Proto: model.ProtoTCP, DstPort: uint16(port)})
			line, err := json.Marshal(a.ToJSON(f[0], f[1], true))
			if err != nil {
				t.Fatal(err)
			}
			b.Write(append(line, '\n'))
		}
		return b.Bytes()
	}
	want := answers()
	if len(want) == 0 {
		t.Fatal("no flow of observed.csv was asked")
	}
	for _, procs := range []int{1, 2, 8} {
		assertSame(t, "GOMAXPROCS="+strconv.Itoa(procs), want, withProcs(procs, answers))
	}
}

// labFlows reads observed.csv (lab,src_ip,dst_ip,probe,dst_port,...) and
// returns the TCP probes as src, dst, proto, port.
func labFlows(t *testing.T, path string) [][4]string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out [][4]string
	for _, r := range rows[1:] {
		if len(r) >= 5 && r[3] == "tcp" {
			out = append(out, [4]string{r[1], r[2], r[3], r[4]})
		}
	}
	return out
}

func withProcs(n int, fn func() []byte) []byte {
	old := runtime.GOMAXPROCS(n)
	defer runtime.GOMAXPROCS(old)
	return fn()
}

func assertSame(t *testing.T, what string, want, got []byte) {
	t.Helper()
	if bytes.Equal(want, got) {
		return
	}
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(0, i-200)
	t.Errorf("%s: output differs at byte %d:\nfirst: ...%s\nthen:  ...%s", what, i,
		want[from:min(len(want), i+200)], got[from:min(len(got), i+200)])
}
