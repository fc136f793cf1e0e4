package load

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/internal/hostile"
)

// FuzzAll checks format detection and every importer behind it as the CLI
// runs them: any file (or a directory holding it) either loads or is
// rejected with an input error that names it; nothing panics.
func FuzzAll(f *testing.F) {
	for _, sub := range []string{"iac", "terraform", "batfish/unit-fixtures-json"} {
		for _, p := range hostile.CorpusFiles(sub, 8<<10, ".json", ".yaml", ".tfstate") {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(false, data)
			}
		}
	}
	f.Add(false, []byte("netverify: v1\nvpcs: [{name: a, cidr: 10.0.0.0/16}]\n"))
	f.Add(false, []byte("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n"))
	f.Add(false, []byte(`{"version":4,"terraform_version":"1.5.0","resources":[]}`))
	f.Add(true, []byte(`{"Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16"}]}`))
	dir := f.TempDir() // one per worker process; its inputs run one at a time
	if err := os.Mkdir(filepath.Join(dir, "aws"), 0o700); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, asDir bool, data []byte) {
		path := filepath.Join(dir, "input.json")
		spec := path
		if asDir {
			spec = filepath.Join(dir, "aws")
			path = filepath.Join(spec, "Vpcs.json")
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(path)
		_, ds, err := All([]string{spec}, Options{})
		if err == nil {
			return
		}
		if !errors.Is(err, ErrInput) || !strings.Contains(err.Error(), spec) {
			t.Fatalf("rejection is not an input error naming %s: %v", spec, err)
		}
		if !ds.HasErrors() {
			t.Fatalf("rejected without an error diagnostic: %v", err)
		}
	})
}
