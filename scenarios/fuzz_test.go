package scenarios

import (
	"path"
	"testing"

	"github.com/netverify/netverify/model"
)

// FuzzLoad checks that no input makes Load, Derive or Validate panic, and that
// a rejected file always says why.
func FuzzLoad(f *testing.F) {
	entries, _ := exampleFS.ReadDir("examples")
	for _, e := range entries {
		data, _ := exampleFS.ReadFile(path.Join("examples", e.Name()))
		f.Add(data)
	}
	f.Add([]byte("netverify: v1\nvpcs: [{name: a, cidr: 10.0.0.0/16}]\nsubnets: [{name: s, vpc: a, cidr: 10.0.0.0/28}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, ds, err := Load("f.yaml", data)
		if err != nil && !ds.HasErrors() {
			t.Fatalf("rejected without an error diagnostic: %v", err)
		}
		if s != nil {
			model.Derive(s)
			model.Validate(s)
		}
	})
}
