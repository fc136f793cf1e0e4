package scenarios

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path"
	"reflect"
	"strings"
	"testing"

	"github.com/invopop/jsonschema"
	validator "github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"
)

var update = flag.Bool("update", false, "regenerate schema.json")

// generateSchema reflects the document types into a JSON Schema; field
// comments become descriptions.
func generateSchema(t *testing.T) []byte {
	t.Helper()
	r := &jsonschema.Reflector{FieldNameTag: "yaml", ExpandedStruct: true}
	if err := r.AddGoComments("github.com/netverify/netverify/scenarios", "./"); err != nil {
		t.Fatal(err)
	}
	r.Mapper = func(ty reflect.Type) *jsonschema.Schema {
		if ty == reflect.TypeOf(Ports("")) {
			return &jsonschema.Schema{
				Description: `A port or an inclusive range: 443, "1024-65535" or "all".`,
				OneOf: []*jsonschema.Schema{
					{Type: "integer", Minimum: json.Number("0"), Maximum: json.Number("65535")},
					{Type: "string", Pattern: `^(all|\d{1,5}(-\d{1,5})?)$`},
				},
			}
		}
		return nil
	}
	s := r.Reflect(&Document{})
	s.ID = "https://github.com/netverify/netverify/scenarios/schema.json"
	s.Title = "netverify scenario"
	out, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return append(out, '\n')
}

func TestSchemaUpToDate(t *testing.T) {
	got := generateSchema(t)
	if *update {
		if err := os.WriteFile("schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got, SchemaJSON) && !*update {
		t.Fatal("schema.json is stale: run go test ./scenarios -update")
	}
}

func compileSchema(t *testing.T) *validator.Schema {
	t.Helper()
	doc, err := validator.UnmarshalJSON(bytes.NewReader(SchemaJSON))
	if err != nil {
		t.Fatal(err)
	}
	c := validator.NewCompiler()
	if err := c.AddResource("schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// yamlToJSONValue turns YAML into the values the validator expects.
func yamlToJSONValue(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	out, err := validator.UnmarshalJSON(bytes.NewReader(j))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestExamplesMatchSchema(t *testing.T) {
	sch := compileSchema(t)
	entries, _ := exampleFS.ReadDir("examples")
	files := []string{"testdata/complete.yaml", "testdata/overlay.yaml"}
	for _, e := range entries {
		files = append(files, path.Join("examples", e.Name()))
	}
	for _, f := range files {
		var data []byte
		var err error
		if strings.HasPrefix(f, "examples/") {
			data, err = exampleFS.ReadFile(f)
		} else {
			data, err = os.ReadFile(f)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(yamlToJSONValue(t, data)); err != nil {
			t.Errorf("%s does not match schema.json: %v", f, err)
		}
	}
}

func TestSchemaRejectsUnknownField(t *testing.T) {
	sch := compileSchema(t)
	if err := sch.Validate(yamlToJSONValue(t, []byte("netverify: v1\nvpcs: [{name: a, cidr: 10.0.0.0/16, cdir: x}]\n"))); err == nil {
		t.Error("schema accepts an unknown field")
	}
}
