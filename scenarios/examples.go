package scenarios

import (
	"embed"
	"fmt"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/netverify/netverify/model"
)

//go:embed examples/*.yaml
var exampleFS embed.FS

// SchemaJSON is the JSON Schema of the format (schema.json), for editors.
//
//go:embed schema.json
var SchemaJSON []byte

// DefaultExample is the example used when no input is given.
const DefaultExample = "serverless-hybrid"

// Example is a built-in scenario.
type Example struct {
	Name        string // what --in example:NAME takes
	Title       string
	Scenario    string // the docs/RULES.md scenario it models: "S1", "S2"...
	Description string
}

// Examples lists the built-in scenarios, the default first, then by name.
func Examples() []Example {
	entries, _ := exampleFS.ReadDir("examples")
	var out []Example
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".yaml")
		data, _ := exampleFS.ReadFile(path.Join("examples", e.Name()))
		var head struct {
			Name        string `yaml:"name"`
			Scenario    string `yaml:"scenario"`
			Description string `yaml:"description"`
		}
		_ = yaml.Unmarshal(data, &head) // the examples are tested to load
		out = append(out, Example{Name: name, Title: head.Name, Scenario: head.Scenario, Description: strings.TrimSpace(head.Description)})
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Name == DefaultExample) != (out[j].Name == DefaultExample) {
			return out[i].Name == DefaultExample
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// LoadExample loads a built-in scenario; its source file is "example:<name>".
func LoadExample(name string) (*model.Snapshot, model.Diagnostics, error) {
	data, err := exampleFS.ReadFile(path.Join("examples", name+".yaml"))
	if err != nil {
		var names []string
		for _, e := range Examples() {
			names = append(names, e.Name)
		}
		return nil, nil, fmt.Errorf("scenario: no built-in example %q (there are: %s)", name, strings.Join(names, ", "))
	}
	return Load("example:"+name, data)
}
