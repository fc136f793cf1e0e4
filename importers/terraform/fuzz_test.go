package terraform

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/internal/hostile"
	"github.com/netverify/netverify/model"
)

// FuzzLoad checks that no state or plan file makes Load, Derive or Validate
// panic and that every rejection names the file.
func FuzzLoad(f *testing.F) {
	hostile.SeedFiles(f, hostile.CorpusFiles("terraform", 16<<10, ".json", ".tfstate"))
	f.Add([]byte(`{"version":4,"terraform_version":"1.5.0","resources":[{"mode":"managed","type":"aws_vpc","name":"a","instances":[{"attributes":{"id":"vpc-1","cidr_block":"10.0.0.0/16"}}]}]}`))
	f.Add([]byte(`{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_subnet.s","type":"aws_subnet","values":{"cidr_block":"10.0.0.0/-1"}}]}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		const file = "plan.json"
		snap, ds, err := Load(file, data)
		if err != nil {
			if !strings.Contains(err.Error(), file) {
				t.Fatalf("rejection does not name the file: %v", err)
			}
			return
		}
		for _, d := range ds {
			if d.Severity == model.SevError && d.Source.File != file {
				t.Fatalf("error diagnostic without its file: %v", d)
			}
		}
		model.Derive(snap)
		model.Validate(snap)
	})
}
