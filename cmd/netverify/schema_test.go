package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"flag"
	"github.com/netverify/netverify/solver/capacity"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"
	validator "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/netverify/netverify/internal/codes"
	"github.com/netverify/netverify/internal/rules"
	"github.com/netverify/netverify/solver/diff"
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/scan"
)

var updateSchemas = flag.Bool("update-schemas", false, "regenerate docs/schema/*.json")

// schemaDir holds the JSON Schema of every --json output.
const schemaDir = "../../docs/schema"

// contractTypes are the Go types each command's --json prints; a command
// printing several shapes (a packet, a "which ports" or an API answer) has
// a schema accepting any of them.
var contractTypes = map[string][]any{
	"can-reach": {packetJSON{}, portsJSON{}, apiAnswerJSON{}},
	"check":     {intentResult{}},
	"scan":      {scan.Result{}, []scan.Exposure{}},
	"inspect":   {inventory{}, []resourceJSON{}},
	"resolve":   {dns.JSON{}},
	"explain":   {[]rules.Entry{}, []codes.Entry{}},
	"examples":  {[]exampleJSON{}},
	"drift":     {diff.Report{}},
	"error":     {errorJSON{}},
	"capacity":  {capacity.Report{}},
}

var textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()

// generateContractSchema reflects a command's types into one schema: every
// type a definition named by its package, the root any of them, each with
// schemaVersion required at the top (in every item of a top-level array).
func generateContractSchema(t *testing.T, name string) []byte {
	t.Helper()
	types := map[string]reflect.Type{}
	r := &jsonschema.Reflector{
		Namer: func(ty reflect.Type) string {
			if ty.Name() == "" || ty.PkgPath() == "" {
				return ""
			}
			name := path.Base(ty.PkgPath()) + "." + ty.Name()
			types[name] = ty
			return name
		},
		Mapper: func(ty reflect.Type) *jsonschema.Schema {
			if ty.Implements(textMarshaler) || reflect.PointerTo(ty).Implements(textMarshaler) {
				return &jsonschema.Schema{Type: "string"}
			}
			return nil
		},
	}
	root := &jsonschema.Schema{
		Version:     jsonschema.Version,
		ID:          jsonschema.ID("https://github.com/netverify/netverify/docs/schema/" + name + ".json"),
		Title:       "netverify " + name + " --json",
		Definitions: jsonschema.Definitions{},
	}
	namer := r.Namer
	versionProp := &jsonschema.Schema{Type: "string", Const: schemaVersion, Description: "the version of the JSON contract"}
	for _, v := range contractTypes[name] {
		s := r.Reflect(v)
		for k, d := range s.Definitions {
			root.Definitions[k] = d
		}
		ty := reflect.TypeOf(v)
		top := &jsonschema.Schema{Ref: s.Ref}
		if ty.Kind() == reflect.Slice {
			ty = ty.Elem()
			top = &jsonschema.Schema{Type: "array", Items: &jsonschema.Schema{Ref: "#/$defs/" + namer(ty), Required: []string{"schemaVersion"}}}
		} else {
			top.Required = []string{"schemaVersion"}
		}
		def := root.Definitions[namer(ty)]
		def.Properties.Set("schemaVersion", versionProp)
		root.AnyOf = append(root.AnyOf, top)
	}
	for name, ty := range types {
		if def := root.Definitions[name]; def != nil && ty.Kind() == reflect.Struct {
			nullablePointers(ty, def)
		}
	}
	if len(root.AnyOf) == 1 {
		one := root.AnyOf[0]
		root.AnyOf = nil
		root.Ref, root.Type, root.Items, root.Required = one.Ref, one.Type, one.Items, one.Required
	}
	out, err := json.MarshalIndent(root, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

// nullablePointers lets a pointer field without omitempty be null, as
// encoding/json writes a nil one ("port": null for a "which ports" answer).
func nullablePointers(ty reflect.Type, def *jsonschema.Schema) {
	for i := range ty.NumField() {
		f := ty.Field(i)
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			if f.Type.Kind() == reflect.Struct {
				nullablePointers(f.Type, def)
			}
			continue
		}
		if f.Type.Kind() != reflect.Pointer || strings.Contains(opts, "omitempty") || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if p, ok := def.Properties.Get(name); ok {
			def.Properties.Set(name, &jsonschema.Schema{OneOf: []*jsonschema.Schema{p, {Type: "null"}}})
		}
	}
}

// TestContractSchemasUpToDate keeps docs/schema/ generated from the types.
func TestContractSchemasUpToDate(t *testing.T) {
	for name := range contractTypes {
		got := generateContractSchema(t, name)
		file := filepath.Join(schemaDir, name+".json")
		if *updateSchemas {
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is stale: run go test ./cmd/netverify -run TestContractSchemasUpToDate -update-schemas", file)
		}
	}
}

// contractRuns are representative runs of every command with --json; each
// output document must validate against the command's schema.
var contractRuns = []struct {
	schema string
	args   []string
}{
	{"can-reach", []string{"can-reach", "orders-fn", "analytics-db", "--port", "5432", "--json"}},
	{"can-reach", []string{"can-reach", "onprem", "analytics-db", "--port", "postgres", "--json"}},
	{"can-reach", []string{"can-reach", "orders-fn", "analytics-db", "--json"}},
	{"can-reach", []string{"can-reach", "internet", "orders-fn", "--proto", "icmp", "--json"}},
	{"can-reach", []string{"can-reach", "onprem", "private-api", "--json"}},
	{"can-reach", []string{"can-reach", "orders-fn", "ssm", "--port", "443", "--json"}},
	{"check", []string{"check", "--all-examples", "--json"}},
	{"scan", []string{"scan", "--to", "orders-fn", "--json"}},
	{"scan", []string{"scan", "--internet-exposure", "--json"}},
	{"scan", []string{"scan", "--internet-exposure", "--in", "example:nacl-ephemeral", "--json"}},
	{"inspect", []string{"inspect", "--json"}},
	{"inspect", []string{"inspect", "--list", "--json"}},
	{"inspect", []string{"inspect", "--type", "eni", "--json"}},
	{"resolve", []string{"resolve", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com", "--from", "onprem", "--json"}},
	{"resolve", []string{"resolve", "nothing.example.invalid", "--from", "onprem", "--json"}},
	{"explain", []string{"explain", "--json"}},
	{"explain", []string{"explain", "R2.12", "--json"}},
	{"explain", []string{"explain", "--codes", "--json"}},
	{"explain", []string{"explain", "POLICY_DENY", "--json"}},
	{"examples", []string{"examples", "--json"}},
	{"drift", []string{"drift", "--intended", "example:serverless-hybrid", "--live", "example:serverless-hybrid", "--json"}},
	{"drift", []string{"drift", "--intended", "example:serverless-hybrid", "--live", "example:transitive-peering", "--json"}},
	{"error", []string{"can-reach", "no-such-thing", "orders-fn", "--json"}},
	{"error", []string{"check", "--in", "no/such/dir", "--format", "json"}},
}

// TestJSONOutputsMatchSchemas runs every command with --json and validates
// each JSON document it prints against docs/schema/COMMAND.json.
func TestJSONOutputsMatchSchemas(t *testing.T) {
	schemas := map[string]*validator.Schema{}
	for name := range contractTypes {
		abs, _ := filepath.Abs(filepath.Join(schemaDir, name+".json"))
		schemas[name] = compileSchemaFile(t, abs)
	}
	for _, run := range contractRuns {
		t.Run(strings.Join(run.args, " "), func(t *testing.T) {
			docs := jsonDocs(t, run.args)
			if len(docs) == 0 {
				t.Fatal("no JSON on stdout")
			}
			for i, d := range docs {
				v, err := validator.UnmarshalJSON(bytes.NewReader(d))
				if err != nil {
					t.Fatal(err)
				}
				if err := schemas[run.schema].Validate(v); err != nil {
					t.Errorf("document %d does not match docs/schema/%s.json: %v\n%.600s", i+1, run.schema, err, d)
				}
			}
		})
	}
}

// jsonDocs runs a command and splits its stdout into JSON documents.
func jsonDocs(t *testing.T, args []string) [][]byte {
	t.Helper()
	var out, errb bytes.Buffer
	_ = run(slices.Clone(args), &out, &errb)
	var docs [][]byte
	dec := json.NewDecoder(&out)
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			t.Fatalf("stdout is not JSON: %v\n%s", err, out.String())
		}
		docs = append(docs, raw)
	}
	return docs
}

// TestScriptsValidateJSON: the netverify of the CLI scripts rejects JSON
// that breaks the contract, so every script's --json output is checked.
func TestScriptsValidateJSON(t *testing.T) {
	dir, _ := filepath.Abs(schemaDir)
	if err := validateContract(dir, []string{"can-reach", "a", "b", "--json"}, []byte(`{"schemaVersion":"1","src":1}`)); err == nil {
		t.Error("a can-reach answer with a numeric src and no verdict passes the contract")
	}
	if err := validateContract(dir, []string{"examples", "--json"}, []byte(`[{"Name":"x"}]`)); err == nil {
		t.Error("PascalCase examples pass the contract")
	}
	if err := validateContract(dir, []string{"can-reach", "--json"}, []byte(`{"schemaVersion":"1","error":{"message":"m","exitCode":2}}`)); err != nil {
		t.Errorf("an error object fails the contract: %v", err)
	}
}
