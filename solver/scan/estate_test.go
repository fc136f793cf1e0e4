package scan

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/importers/synth"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// tmpRoot holds the synthetic estates of this test binary; TestMain removes it.
var tmpRoot string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "netverify-scan-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	tmpRoot = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var (
	estateMu   sync.Mutex
	estateDirs = map[int]string{}
)

// estateDir writes `synth --vpcs n --seed 1` once per test binary.
func estateDir(tb testing.TB, vpcs int) string {
	estateMu.Lock()
	defer estateMu.Unlock()
	if d, ok := estateDirs[vpcs]; ok {
		return d
	}
	d := fmt.Sprintf("%s/vpcs%d", tmpRoot, vpcs)
	if _, err := synth.Write(synth.Options{VPCs: vpcs, Seed: 1, Out: d}); err != nil {
		tb.Fatalf("synth: %v", err)
	}
	estateDirs[vpcs] = d
	return d
}

// loadEstate is the full pipeline: load, derive, validate, compile.
func loadEstate(tb testing.TB, dir string) *network.Network {
	snap, diags, err := awsjson.LoadDir(dir)
	if err != nil {
		tb.Fatalf("load %s: %v", dir, err)
	}
	diags = append(diags, model.Derive(snap)...)
	diags = append(diags, model.Validate(snap)...)
	for _, d := range diags {
		if d.Severity == model.SevError {
			tb.Fatalf("synthetic estate has an error: %s", d)
		}
	}
	return network.Compile(snap)
}
