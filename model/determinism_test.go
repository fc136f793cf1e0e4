package model_test

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
)

// TestDeriveValidateIgnoreInputOrder (issue 10): Derive, Validate and Sort
// give the same snapshot and diagnostics whatever order the importers
// produced the resources in (map iteration or parallel decoding must never
// show through, e.g. in the ID of a derived default route table or in which
// allocated address an interface gets).
func TestDeriveValidateIgnoreInputOrder(t *testing.T) {
	for _, ex := range scenarios.Examples() {
		t.Run(ex.Name, func(t *testing.T) {
			want := derived(t, ex.Name, nil)
			for seed := range uint64(5) {
				r := rand.New(rand.NewPCG(seed, 42))
				got := derived(t, ex.Name, r)
				if !bytes.Equal(want, got) {
					t.Fatalf("shuffle seed %d changes the derived snapshot:\n%s", seed, firstDiff(want, got))
				}
			}
		})
	}
}

func derived(t *testing.T, name string, r *rand.Rand) []byte {
	t.Helper()
	s, _, err := scenarios.LoadExample(name)
	if err != nil {
		t.Fatal(err)
	}
	if r != nil {
		shuffle(r, s.VPCs)
		shuffle(r, s.Subnets)
		shuffle(r, s.RouteTables)
		shuffle(r, s.SecurityGroups)
		shuffle(r, s.NetworkACLs)
		shuffle(r, s.ENIs)
		shuffle(r, s.Instances)
		shuffle(r, s.VPCEndpoints)
		shuffle(r, s.LambdaFunctions)
		shuffle(r, s.LoadBalancers)
		shuffle(r, s.ResolverEndpoints)
		shuffle(r, s.NATGateways)
	}
	ds := model.Derive(s)
	ds.Append(model.Validate(s))
	s.Sort()
	ds.Sort()
	out, err := json.Marshal(struct {
		S  *model.Snapshot
		DS model.Diagnostics
	}{s, ds})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func shuffle[T any](r *rand.Rand, xs []T) {
	r.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
}

func firstDiff(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-150)
	return "first: ..." + string(a[from:min(len(a), i+150)]) + "\nthen:  ..." + string(b[from:min(len(b), i+150)])
}
