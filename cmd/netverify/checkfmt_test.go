package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
	validator "github.com/santhosh-tekuri/jsonschema/v6"
)

// runCheckFormat runs check on the failing and unknown intents of
// testdata/script/check_formats.txtar in format and returns stdout.
func runCheckFormat(t *testing.T, format string) []byte {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "script", "check_formats.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--in", "example:serverless-hybrid", "--in", "policy.yaml", "intents.yaml", "--format", format}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("check --format %s exited %d, want 1 (a failing and an unknown intent); stderr:\n%s", format, code, &stderr)
	}
	if got, want := strings.TrimSpace(stderr.String()), "15 intents: 12 passed, 1 failed, 2 unknown"; !strings.HasPrefix(got, want) {
		t.Errorf("stderr = %q, want the summary %q", got, want)
	}
	return stdout.Bytes()
}

// TestSARIFValidates checks check --format sarif against the OASIS SARIF
// 2.1.0 JSON schema (testdata/schema/sarif-schema-2.1.0.json, from the
// oasis-tcs/sarif-spec repository) and that code scanning gets one result per
// intent that does not pass, at the intent's line.
func TestSARIFValidates(t *testing.T) {
	schemaPath, _ := filepath.Abs(filepath.Join("testdata", "schema", "sarif-schema-2.1.0.json"))
	out := runCheckFormat(t, "sarif")
	sch := compileSchemaFile(t, schemaPath)
	doc, err := validator.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("sarif output is not JSON: %v", err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("sarif output does not validate against SARIF 2.1.0: %v", err)
	}
	// The schema is really applied: a log with a wrong version fails it.
	bad := bytes.Replace(out, []byte(`"version": "2.1.0"`), []byte(`"version": "2.0"`), 1)
	badDoc, _ := validator.UnmarshalJSON(bytes.NewReader(bad))
	if sch.Validate(badDoc) == nil {
		t.Fatal("a SARIF log with version 2.0 validates: the schema is not applied")
	}
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if len(res) != 3 {
		t.Fatalf("got %d results, want 3 (1 failed, 2 unknown)", len(res))
	}
	levels := map[string]int{}
	for _, r := range res {
		levels[r.Level]++
	}
	if levels["error"] != 1 || levels["warning"] != 2 {
		t.Errorf("levels = %v, want 1 error (failed) and 2 warnings (unknown)", levels)
	}
	for _, r := range res {
		if r.Properties["intent"] == "can-reach onprem -> analytics-db tcp/5432" {
			reg := r.Locations[0].PhysicalLocation
			if reg.ArtifactLocation.URI != "intents.yaml" || reg.Region.StartLine != 4 || reg.Region.StartColumn != 5 {
				t.Errorf("failing intent located at %+v %+v, want intents.yaml:4:5", reg.ArtifactLocation, *reg.Region)
			}
		}
	}
}

// compileSchemaFile compiles a JSON Schema file (any draft it declares).
func compileSchemaFile(t *testing.T, path string) *validator.Schema {
	t.Helper()
	c := validator.NewCompiler()
	c.AssertFormat()
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// TestJUnitStructure reads check --format junit back with encoding/xml into
// the elements CI test reporters use: testsuites > testsuite > testcase >
// failure, with counts that match.
func TestJUnitStructure(t *testing.T) {
	out := runCheckFormat(t, "junit")
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name      string `xml:"name,attr"`
				ClassName string `xml:"classname,attr"`
				File      string `xml:"file,attr"`
				Line      int    `xml:"line,attr"`
				Failure   *struct {
					Type    string `xml:"type,attr"`
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("junit output is not XML: %v", err)
	}
	if doc.Tests != 15 || doc.Failures != 3 || len(doc.Suites) != 1 {
		t.Fatalf("testsuites tests=%d failures=%d suites=%d, want 15, 3, 1", doc.Tests, doc.Failures, len(doc.Suites))
	}
	s := doc.Suites[0]
	if s.Name != "example:serverless-hybrid policy.yaml intents.yaml" || s.Tests != 15 || s.Failures != 3 || len(s.Cases) != 15 {
		t.Fatalf("testsuite %q tests=%d failures=%d cases=%d", s.Name, s.Tests, s.Failures, len(s.Cases))
	}
	types := map[string]int{}
	for _, c := range s.Cases {
		if c.Failure != nil {
			types[c.Failure.Type]++
		}
		if c.Name == "can-reach onprem -> analytics-db tcp/5432" && c.File == "intents.yaml" {
			if c.Line != 4 || c.Failure == nil || c.Failure.Type != "fail" || !strings.Contains(c.Failure.Text, "NO_ROUTE_TO_DESTINATION") {
				t.Errorf("failing testcase = %+v, want line 4 and a failure naming NO_ROUTE_TO_DESTINATION", c)
			}
		}
	}
	if types["fail"] != 1 || types["unknown"] != 2 {
		t.Errorf("failure types = %v, want 1 fail and 2 unknown", types)
	}
}
