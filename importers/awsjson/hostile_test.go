package awsjson

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/internal/hostile"
)

// TestLoadFileRejectsUnparsableFile (issue 10): a lone file that is not JSON
// (or nests deeper than the scanner allows) is rejected, so the CLI exits 2,
// and the error diagnostic says where; in a directory the other files load.
func TestLoadFileRejectsUnparsableFile(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"trailing comma", []byte("{\n  \"Vpcs\": [\n    {\"VpcId\": \"vpc-1\",,}\n  ]\n}\n"), "Vpcs.json:3:"},
		{"100k levels", hostile.DeepJSON("Vpcs", 100_000), "nested deeper than"},
		{"NUL byte", []byte("{\"Vpcs\": [\x00]}"), "Vpcs.json:1:"},
		{"empty", nil, "Vpcs.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "Vpcs.json")
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, ds, err := LoadFile(path)
			if err == nil {
				t.Fatalf("loaded; diagnostics: %v", ds)
			}
			if !ds.HasErrors() || !strings.Contains(ds[0].String(), tt.want) {
				t.Fatalf("want an error diagnostic containing %q, got %v (err %v)", tt.want, ds, err)
			}
			// The same file next to a good one: the directory loads, the bad file is an error.
			good := []byte(`{"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.0.0/24"}]}`)
			if err := os.WriteFile(filepath.Join(dir, "Subnets.json"), good, 0o600); err != nil {
				t.Fatal(err)
			}
			snap, ds, err := LoadDir(dir)
			if err != nil || len(snap.Subnets) != 1 || !ds.HasErrors() {
				t.Fatalf("directory: err %v, %d subnets, diagnostics %v", err, len(snap.Subnets), ds)
			}
		})
	}
}
