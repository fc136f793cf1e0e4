package labcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"

	"github.com/netverify/netverify/internal/testcorpus"
)

// TestBGPLearnedRoutesUnknown (issue 17, R5.5, R6.3): in pybatfish's hybrid
// cloud capture the transit gateway's route table receives propagation from
// a BGP Site-to-Site VPN whose tunnels accepted 15 routes, and the dump
// (static routes only) lists none of them. A VPC sends 203.0.113.0/24 to
// the TGW: whether a learned route covers it is unknown, naming the
// attachment and the VPN, never "no route". An overlay that says what the
// site behind the VPN advertises decides it.
func TestBGPLearnedRoutesUnknown(t *testing.T) {
	dump := filepath.Join(testcorpus.Dir(t, "batfish", "pybatfish-hybrid-cloud"), "aws_configs")
	ask := func(specs ...string) *reach.Answer {
		t.Helper()
		snap, _, err := load.All(specs, load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		n := network.Compile(snap)
		src, err := names.Resolve(n, "i-04cd3db5124a05ee6")
		if err != nil {
			t.Fatal(err)
		}
		dst, err := names.Resolve(n, "203.0.113.10")
		if err != nil {
			t.Fatal(err)
		}
		return reach.Ask(n, reach.Question{Src: src, Dst: dst, Proto: model.ProtoTCP, DstPort: 443})
	}
	a := ask(dump)
	if a.Verdict != reach.Unknown || len(a.Explanations) == 0 {
		t.Fatalf("verdict %s, want unknown: %v", a.Verdict, a.Explanations)
	}
	e := a.Explanations[len(a.Explanations)-1]
	for _, want := range []string{"tgw-attach-0881ce2eb93cd63a8", "vpn-01c45673532d3e33e", "learns by BGP", "203.0.113.10"} {
		if !strings.Contains(e.Detail, want) {
			t.Errorf("explanation %q does not name %q", e.Detail, want)
		}
	}
	overlay := filepath.Join(t.TempDir(), "site.yaml")
	if err := os.WriteFile(overlay, []byte("netverify: v1\nsites:\n  - {name: branch, cidrs: [203.0.113.0/24], links: [{vpn: vpn-01c45673532d3e33e}]}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if b := ask(dump, overlay); b.Verdict == reach.Unknown {
		t.Errorf("with the site described, still unknown: %v", b.Explanations)
	}
}
