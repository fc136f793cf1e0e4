package load

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/internal/testcorpus"
)

func TestDetectsFormatFromContent(t *testing.T) {
	c := testcorpus.Dir(t)
	tests := []struct{ path, format string }{
		{"iac/lambda-devguide-vpc/vpc-privatepublic.yaml", "cfn"},
		{"iac/apigw-onprem-private-api/template.yaml", "cfn"},
		{"terraform/checkov-plans/terragoat-plan/tfplan.json", "terraform"},
	}
	for _, tt := range tests {
		p := filepath.Join(c, tt.path)
		if _, err := os.Stat(p); err != nil {
			t.Logf("skip %s: %v", tt.path, err)
			continue
		}
		f, _, err := pick(p, "")
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if f.name != tt.format {
			t.Errorf("%s detected as %s, want %s", tt.path, f.name, tt.format)
		}
	}
}

func TestUnknownFormatIsAnInputError(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "notes.txt")
	os.WriteFile(p, []byte("hello\n"), 0o644)
	_, ds, err := All([]string{p}, Options{})
	if !errors.Is(err, ErrInput) {
		t.Fatalf("want an input error, got %v", err)
	}
	if len(ds) != 1 || !strings.Contains(ds[0].Message, "cannot tell the format of file") {
		t.Fatalf("want one diagnostic naming the problem, got %v", ds)
	}
}

func TestMissingFileIsAnInputError(t *testing.T) {
	_, ds, err := All([]string{"/nonexistent/net.yaml"}, Options{})
	if !errors.Is(err, ErrInput) || !strings.Contains(ds[0].Message, "cannot read /nonexistent/net.yaml") {
		t.Fatalf("got %v / %v", err, ds)
	}
}

func TestUnknownForcedFormat(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.json")
	os.WriteFile(p, []byte("{}"), 0o644)
	_, ds, err := All([]string{p}, Options{Format: "bogus"})
	if err == nil || !strings.Contains(ds[0].Message, `unknown --format "bogus"`) {
		t.Fatalf("got %v / %v", err, ds)
	}
}
