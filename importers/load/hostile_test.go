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

// TestUTF16InputsLoad: a scenario, a template and a directory of
// describe-JSON saved as UTF-16 (PowerShell's `>`) load as their UTF-8
// twins do; UTF-32 is rejected at 1:1 naming the encoding and how to convert
// (issue 10).
func TestUTF16InputsLoad(t *testing.T) {
	encode := func(s string, width int) []byte {
		out := []byte{0xFF, 0xFE}
		if width == 4 {
			out = append(out, 0, 0)
		}
		for _, r := range s {
			out = append(out, byte(r), 0)
			if width == 4 {
				out = append(out, 0, 0)
			}
		}
		return out
	}
	dir := t.TempDir()
	aws := filepath.Join(dir, "aws")
	os.Mkdir(aws, 0o700)
	files := map[string]string{
		filepath.Join(dir, "net.yaml"):  "netverify: v1\nvpcs:\n  - name: a\n    cidr: 10.0.0.0/16\n",
		filepath.Join(dir, "cfn.yaml"):  "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: 10.0.0.0/16}\n",
		filepath.Join(aws, "Vpcs.json"): `{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}`,
	}
	for p, text := range files {
		if err := os.WriteFile(p, encode(text, 2), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, spec := range []string{filepath.Join(dir, "net.yaml"), filepath.Join(dir, "cfn.yaml"), aws} {
		s, ds, err := All([]string{spec}, Options{})
		if err != nil || ds.HasErrors() || len(s.VPCs) != 1 {
			t.Errorf("%s: want one VPC, got %v / %v", spec, err, ds)
		}
	}
	p := filepath.Join(dir, "wide.yaml")
	os.WriteFile(p, encode("netverify: v1\n", 4), 0o600)
	_, ds, err := All([]string{p}, Options{})
	if !errors.Is(err, ErrInput) || len(ds) != 1 {
		t.Fatalf("UTF-32: want one input error, got %v / %v", err, ds)
	}
	if got := ds[0].String(); !strings.Contains(got, "wide.yaml:1:1: error: the file is UTF-32 little-endian text") {
		t.Errorf("UTF-32: got %q", got)
	}
}
