package load

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRejectionNamesFileOnce: an importer's rejection becomes one
// diagnostic at file:line:col, without the file named twice (issue 10).
func TestRejectionNamesFileOnce(t *testing.T) {
	tests := []struct{ err, want string }{
		{"terraform: plan.json:3:7: not valid JSON: unexpected end", "plan.json:3:7: error: not valid JSON: unexpected end"},
		{"t.yaml: line 2: exceeded max depth of 10000", "t.yaml:2: error: exceeded max depth of 10000"},
		{"t.yaml:4:3: Resources must be a mapping", "t.yaml:4:3: error: Resources must be a mapping"},
		{"t.yaml: empty file, not a CloudFormation template", "t.yaml: error: empty file, not a CloudFormation template"},
		{"t.yaml: invalid leading UTF-8 octet", "t.yaml: error: invalid leading UTF-8 octet"},
		{"awsjson: something else entirely", "t.yaml: error: awsjson: something else entirely"},
		{"t.yaml:12abc: odd", "t.yaml: error: 12abc: odd"},
	}
	for _, tt := range tests {
		spec := "plan.json"
		if tt.want[0] == 't' {
			spec = "t.yaml"
		}
		if got := rejection(spec, errors.New(tt.err)).String(); got != tt.want {
			t.Errorf("rejection(%q)\n got %q\nwant %q", tt.err, got, tt.want)
		}
	}
}

// TestHostileTemplateRejectedAtLine: a template nested 100,000 levels deep is
// rejected at its line through the whole load path.
func TestHostileTemplateRejectedAtLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deep.yaml")
	data := "AWSTemplateFormatVersion: '2010-09-09'\nResources: " + strings.Repeat("[", 100_000) + "\n"
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	_, ds, err := All([]string{path}, Options{})
	if !errors.Is(err, ErrInput) || len(ds) == 0 || ds[0].Source.Line != 2 {
		t.Fatalf("want an input error at %s:2, got %v: %v", path, err, ds)
	}
}
