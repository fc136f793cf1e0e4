package dns

import (
	"slices"
	"testing"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
	"github.com/netverify/netverify/solver/network"
)

// loadExample loads a built-in scenario as the CLI does.
func loadExample(t testing.TB, name string) *Resolver {
	t.Helper()
	s, ds, err := scenarios.LoadExample(name)
	if err != nil {
		t.Fatalf("%v\n%v", err, ds)
	}
	model.Derive(s)
	model.Validate(s)
	r := New(network.Compile(s))
	if len(r.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %v", r.Diagnostics)
	}
	return r
}

// TestExampleResolvesToIntents checks every built-in example's resolves-to intents.
func TestExampleResolvesToIntents(t *testing.T) {
	n := 0
	for _, ex := range scenarios.Examples() {
		s, _, err := scenarios.LoadExample(ex.Name)
		if err != nil {
			t.Fatal(err)
		}
		r := loadExample(t, ex.Name)
		for _, in := range s.Intents {
			if in.Kind != model.IntentResolvesTo {
				continue
			}
			n++
			t.Run(ex.Name+"/"+in.Scenario+"/"+in.Name, func(t *testing.T) {
				res := resolve(t, r, in.From, in.Name, mdns.TypeA)
				want := slices.Sorted(slices.Values(in.Expect))
				if got := res.Addresses(); !slices.Equal(got, want) {
					t.Errorf("%s: got %v (%s), want %v\n%s", in.Describe(), got, res.RcodeString(), want, chainText(res))
				}
			})
		}
	}
	if n < 3 {
		t.Errorf("only %d resolves-to intents found in the examples", n)
	}
}
