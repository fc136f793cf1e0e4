package awsjson

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIncompleteImportRefused (issue 24): a directory whose manifest marks
// the live import incomplete is refused, naming the manifest and why; a
// complete manifest, or none, loads.
func TestIncompleteImportRefused(t *testing.T) {
	for _, tt := range []struct {
		manifest, want string
	}{
		{`{"tool": "netverify import aws", "incomplete": "the import's deadline passed"}`, "is incomplete (the import's deadline passed)"},
		{`{"tool": "netverify import aws", "incomplete": "being written"}`, "is incomplete (being written)"},
		{`{"tool": "netverify import aws"}`, ""},
		{"", ""},
	} {
		dir := t.TempDir()
		region := filepath.Join(dir, "accounts", "111111111111", "us-east-1")
		if err := os.MkdirAll(region, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(region, "Vpcs.json"), []byte(`{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}`), 0o600); err != nil {
			t.Fatal(err)
		}
		if tt.manifest != "" {
			if err := os.WriteFile(filepath.Join(dir, "manifest.json"), []byte(tt.manifest), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		_, _, err := LoadDir(dir)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("manifest %q: %v", tt.manifest, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "manifest.json")):
			t.Errorf("manifest %q: got %v, want %q", tt.manifest, err, tt.want)
		}
	}
}
