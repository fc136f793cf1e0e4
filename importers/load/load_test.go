package load

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/internal/testcorpus"
	"github.com/netverify/netverify/model"
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

// TestListingSuppliedByAnotherInput (issue 10): a dump without
// describe-internet-gateways marks its VPCs; a second --in file holding that
// output (here: none) completes it, so "no gateway" becomes a fact.
func TestListingSuppliedByAnotherInput(t *testing.T) {
	dir := t.TempDir()
	dump := filepath.Join(dir, "dump")
	os.Mkdir(dump, 0o700)
	os.WriteFile(filepath.Join(dump, "Vpcs.json"), []byte(`{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}`), 0o600)
	os.WriteFile(filepath.Join(dump, "RouteTables.json"), []byte(`{"RouteTables": []}`), 0o600)
	igws := filepath.Join(dir, "igws.json")
	os.WriteFile(igws, []byte(`{"InternetGateways": []}`), 0o600)
	s, _, err := All([]string{dump}, Options{})
	if err != nil || !s.VPCs[0].IsUnlisted(model.UnlistedIGWs) {
		t.Fatalf("the dump alone: %v, Unlisted %q", err, s.VPCs[0].Unlisted)
	}
	s, _, err = All([]string{dump, igws}, Options{})
	if err != nil || s.VPCs[0].IsUnlisted(model.UnlistedIGWs) {
		t.Fatalf("with the gateways' listing: %v, Unlisted %q", err, s.VPCs[0].Unlisted)
	}
}
