package awsjson

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"

	"github.com/netverify/netverify/internal/testcorpus"
)

// batfishSnapshots lists every aws_configs directory of the Batfish corpus.
func batfishSnapshots(t *testing.T, root string) []string {
	var out []string
	for _, pat := range []string{"lab-validation/*/aws_configs", "unit-e2e/*/aws_configs", "pybatfish-hybrid-cloud/aws_configs", "batfish-hybrid-cloud-aws/aws_configs"} {
		m, _ := filepath.Glob(filepath.Join(root, "batfish", pat))
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatal("no batfish snapshots found")
	}
	return out
}

// knownBadData lists validation errors that are true of the fixture itself:
// unit-e2e/test places subnet 172.31.0.0/20 in vpc-b390fad5 (192.168.0.0/16).
var knownBadData = map[string]string{
	"batfish/unit-e2e/test/aws_configs": "CIDR 172.31.0.0/20 is outside every CIDR of vpc-b390fad5",
}

func TestCorpusBatfishLoadsWithoutErrors(t *testing.T) {
	root := testcorpus.Dir(t)
	for _, dir := range batfishSnapshots(t, root) {
		name, _ := filepath.Rel(root, dir)
		t.Run(name, func(t *testing.T) {
			snap, ds, err := LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range ds {
				if d.Severity == model.SevError {
					t.Errorf("import: %s", d)
				} else if testing.Verbose() && d.Severity == model.SevWarning {
					t.Logf("import: %s", d)
				}
			}
			for _, d := range model.Validate(snap) {
				if d.Severity == model.SevError && knownBadData[name] != "" && strings.Contains(d.Message, knownBadData[name]) {
					t.Logf("validate (known inconsistency in the fixture): %s", d)
					continue
				}
				if d.Severity == model.SevError {
					t.Errorf("validate: %s", d)
				} else if testing.Verbose() {
					t.Logf("validate: %s", d)
				}
			}
			if len(snap.VPCs) == 0 && len(snap.TransitGateways) == 0 && len(snap.DXGateways) == 0 {
				t.Errorf("no VPCs, TGWs or DX gateways loaded: %v", snap.Count())
			}
		})
	}
}

func TestCorpusAPIJSON(t *testing.T) {
	root := filepath.Join(testcorpus.Dir(t), "api-json")
	var files []string
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() && (strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".MALFORMED.txt")) {
			files = append(files, p)
		}
		return nil
	})
	for _, f := range files {
		rel, _ := filepath.Rel(root, f)
		t.Run(rel, func(t *testing.T) {
			_, ds, _ := LoadFile(f)
			malformed := strings.Contains(f, "MALFORMED")
			errs := 0
			for _, d := range ds {
				if d.Severity != model.SevError {
					continue
				}
				errs++
				if !malformed {
					t.Errorf("%s", d)
				} else if d.Source.Line == 0 || d.Source.Col == 0 || !strings.Contains(d.Message, "malformed JSON") {
					t.Errorf("malformed file: want a malformed-JSON error with line:col, got %s", d)
				}
			}
			if malformed && errs == 0 {
				t.Errorf("malformed file gave no error")
			}
		})
	}
}

// TestCorpusTGWPeeringScope checks that account and region come from the
// path (accounts/<id>/<region>/) and that both sides of a TGW peering load.
func TestCorpusTGWPeeringScope(t *testing.T) {
	dir := filepath.Join(testcorpus.Dir(t), "batfish/lab-validation/aws_tgw_peering/aws_configs")
	snap, _, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var accounts, regions []string
	for _, a := range snap.Accounts {
		accounts = append(accounts, a.ID)
	}
	for _, r := range snap.Regions {
		regions = append(regions, r.ID)
	}
	if got := strings.Join(accounts, " "); got != "028403472736 951601349076" {
		t.Errorf("accounts = %q", got)
	}
	sort.Strings(regions)
	if got := strings.Join(regions, " "); got != "us-east-1 us-east-2 us-west-1" {
		t.Errorf("regions = %q", got)
	}
	var rt *model.TGWRouteTable
	for _, x := range snap.TGWRouteTables {
		if x.ID == "tgw-rtb-0b0728f11c489fff4" {
			rt = x
		}
	}
	if rt == nil {
		t.Fatal("tgw-rtb-0b0728f11c489fff4 missing")
	}
	want := map[string]string{"10.2.0.0/16": "tgw-attach-084b68f4a40b12383", "10.3.0.0/16": "tgw-attach-0b2e397d1ba0eec05"}
	for _, r := range rt.Routes {
		if w, ok := want[r.Destination.String()]; ok && (len(r.Attachments) != 1 || r.Attachments[0] != w || r.Propagated) {
			t.Errorf("R5.6 static route %s: got %+v, want static via %s", r.Destination, r, w)
		}
		delete(want, r.Destination.String())
	}
	if len(want) > 0 {
		t.Errorf("static routes missing: %v", want)
	}
	if len(rt.Propagations) != 1 || rt.Propagations[0] != "tgw-attach-0bffffad6c5204f3e" {
		t.Errorf("R5.5 propagations = %v", rt.Propagations)
	}
	if rt.Account != "028403472736" || rt.Region != "us-east-1" || !strings.HasSuffix(rt.Source.File, "TransitGatewayRouteTables.json") ||
		rt.Source.Line != 3 || !strings.HasSuffix(rt.Routes[0].Source.File, "TransitGatewayStaticRoutes.json") {
		t.Errorf("scope/source = %s %s %s", rt.Account, rt.Region, rt.Source)
	}
}
