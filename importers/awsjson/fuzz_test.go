package awsjson

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/netverify/netverify/internal/hostile"
	"github.com/netverify/netverify/model"
)

// fuzzNames are the file names a fuzzed file is written under: the name
// decides the handler where the top-level member is generic (FILES.md).
var fuzzNames = []string{
	"Vpcs.json", "Subnets.json", "RouteTables.json", "SecurityGroups.json", "NetworkAcls.json",
	"Reservations.json", "NetworkInterfaces.json", "TransitGatewayRoutes_tgw-rtb-0123456789abcdef0.json",
	"ManagedPrefixListEntries_pl-0123456789abcdef0.json", "LoadBalancers.json", "TargetGroups.json",
	"ResolverRules.json", "ApiGatewayRestApis.json", "LambdaFunctions.json", "unnamed.json",
}

// FuzzLoadFile checks that no describe-JSON file makes LoadFile (or the
// Derive and Validate that follow every import) panic, that every error
// names its file, and that malformed JSON is reported at a line.
func FuzzLoadFile(f *testing.F) {
	seen := map[string]bool{} // one seed per file name: the corpus repeats shapes lab after lab
	for _, p := range hostile.CorpusFiles("batfish", 16<<10, ".json") {
		if data, err := os.ReadFile(p); err == nil && !seen[filepath.Base(p)] {
			seen[filepath.Base(p)] = true
			f.Add(nameIndex(filepath.Base(p)), data)
		}
	}
	f.Add(uint8(0), []byte(`{"Vpcs":[{"VpcId":"vpc-1","CidrBlock":"10.0.0.0/16","OwnerId":"111111111111"}]}`))
	f.Add(uint8(7), []byte(`{"Routes":[{"DestinationCidrBlock":"0.0.0.0/0","State":"active"}]}`))
	f.Add(uint8(1), []byte(`{"Subnets":[{"SubnetId":"subnet-1","VpcId":"vpc-1","CidrBlock":"10.0.0.0/-1"}]}`))
	dir := f.TempDir() // one per worker process; its inputs run one at a time
	f.Fuzz(func(t *testing.T, name uint8, data []byte) {
		path := filepath.Join(dir, fuzzNames[int(name)%len(fuzzNames)])
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(path)
		snap, ds, err := LoadFile(path)
		checkDiagnostics(t, path, ds)
		if !json.Valid(data) && !hasLineError(ds) {
			t.Fatalf("malformed JSON without an error at a line: err=%v diags=%v", err, ds)
		}
		if err == nil {
			model.Derive(snap)
			model.Validate(snap)
		}
	})
}

func nameIndex(base string) uint8 {
	for i, n := range fuzzNames {
		if n == base {
			return uint8(i)
		}
	}
	return uint8(len(fuzzNames) - 1)
}

// checkDiagnostics fails unless every error diagnostic says which file it is about.
func checkDiagnostics(t *testing.T, path string, ds model.Diagnostics) {
	t.Helper()
	for _, d := range ds {
		if d.Severity == model.SevError && d.Source.File != path {
			t.Fatalf("error diagnostic without its file: %v", d)
		}
	}
}

func hasLineError(ds model.Diagnostics) bool {
	for _, d := range ds {
		if d.Severity == model.SevError && d.Source.Line > 0 {
			return true
		}
	}
	return false
}
