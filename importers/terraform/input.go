package terraform

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/netverify/netverify/model"
)

// resource is one resource instance, from a plan, a `show -json` state or a
// raw state file, in the one shape the mappers read.
type resource struct {
	Addr    string // full address: module.a.aws_subnet.x[0]
	Module  string // module address ("" = root), instance keys kept
	Type    string
	Name    string
	Mode    string // managed or data
	Index   any    // count index (float64/int) or for_each key (string); nil when neither
	Values  map[string]any
	Unknown map[string]any // after_unknown of the plan: true where a value is known only after apply
	Config  *tfjson.ConfigResource
	Src     model.Source

	id          string
	placeholder bool
	idState     int // 0 not computed, 1 computing, 2 done
}

// doc is one decoded input file with the lookups reference resolution needs.
type doc struct {
	file    string
	scope   string // what placeholder hashes include besides the address: the file (see placeholderID)
	planned bool   // a plan: unknown values are expected
	res     []*resource
	byBase  map[string][]*resource          // normalized module | type.name -> instances
	modules map[string]*tfjson.ConfigModule // normalized module address -> configuration
	calls   map[string]*tfjson.ModuleCall   // normalized module address -> the call that made it
	vars    map[string]any                  // root module variables of a plan
	region  string                          // from the provider configuration, when constant
	guessed map[string]bool                 // module|type|attribute already reported by guessLocal
	ds      model.Diagnostics
}

func decode(file string, text []byte, top map[string]json.RawMessage, pos *posIndex) (*doc, error) {
	d := &doc{file: file, scope: scopeOf(file), byBase: map[string][]*resource{}, modules: map[string]*tfjson.ConfigModule{},
		calls: map[string]*tfjson.ModuleCall{}, vars: map[string]any{}, guessed: map[string]bool{}}
	var err error
	switch {
	case top["format_version"] != nil && top["planned_values"] != nil:
		err = d.decodePlan(text, pos)
	case top["format_version"] != nil:
		err = d.decodeShowState(text, pos)
	case top["version"] != nil:
		err = d.decodeRawState(text, top, pos)
	default:
		return nil, fmt.Errorf("terraform: %s:1:1: not a Terraform state or plan: expected \"version\" and \"resources\" (a terraform.tfstate) or \"format_version\" and \"planned_values\" (terraform show -json)", file)
	}
	if err != nil {
		return nil, err
	}
	for _, r := range d.res {
		k := baseKey(r.Module, r.Mode, r.Type, r.Name)
		d.byBase[k] = append(d.byBase[k], r)
	}
	return d, nil
}

// scopeOf names the workspace a file stands for in placeholder hashes: its
// name and the directory holding it ("prod/tfplan.json"), so envs/prod and
// envs/dev plans get different IDs while the IDs stay the same wherever the
// checkout lives and however the path is written.
func scopeOf(file string) string {
	clean := filepath.ToSlash(filepath.Clean(file))
	parts := strings.Split(clean, "/")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, "/")
}

func (d *doc) decodePlan(text []byte, pos *posIndex) error {
	var p tfjson.Plan
	if err := json.Unmarshal(text, &p); err != nil {
		return d.decodeError(err, pos)
	}
	d.planned = true
	changes := map[string]*tfjson.Change{}
	for _, rc := range p.ResourceChanges {
		if rc != nil && rc.Change != nil && rc.DeposedKey == "" {
			changes[rc.Address] = rc.Change
		}
	}
	for name, v := range p.Variables {
		if v != nil {
			d.vars[name] = v.Value
		}
	}
	d.readConfig(p.Config)
	if p.PlannedValues != nil {
		d.walkModule(p.PlannedValues.RootModule, "planned_values/root_module", pos, changes)
	}
	return nil
}

func (d *doc) decodeShowState(text []byte, pos *posIndex) error {
	var s tfjson.State
	if err := json.Unmarshal(text, &s); err != nil {
		return d.decodeError(err, pos)
	}
	if s.Values != nil {
		d.walkModule(s.Values.RootModule, "values/root_module", pos, nil)
	}
	return nil
}

func (d *doc) decodeError(err error, pos *posIndex) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		line, col := pos.lineCol(int(te.Offset))
		return fmt.Errorf("terraform: %s:%d:%d: %q should be %s, not a JSON %s", d.file, line, col, te.Field, te.Type, te.Value)
	}
	return fmt.Errorf("terraform: %s: %v (this importer reads plan and state JSON format versions %s)", d.file, err, tfjson.PlanFormatVersionConstraints)
}

// walkModule collects the resources of a module and its children; path is
// the module's JSON path, for source positions.
func (d *doc) walkModule(m *tfjson.StateModule, path string, pos *posIndex, changes map[string]*tfjson.Change) {
	if m == nil {
		return
	}
	for i, sr := range m.Resources {
		if sr == nil || sr.DeposedKey != "" {
			continue
		}
		r := &resource{Addr: sr.Address, Module: m.Address, Type: sr.Type, Name: sr.Name, Mode: string(sr.Mode),
			Index: sr.Index, Values: sr.AttributeValues, Src: pos.source(d.file, fmt.Sprintf("%s/resources/%d", path, i))}
		if c := changes[sr.Address]; c != nil {
			r.Unknown, _ = c.AfterUnknown.(map[string]any)
			if after, ok := c.After.(map[string]any); ok && r.Values == nil {
				r.Values = after
			}
		}
		if r.Values == nil {
			r.Values = map[string]any{}
		}
		r.Config = d.configFor(r)
		d.res = append(d.res, r)
	}
	for i, c := range m.ChildModules {
		d.walkModule(c, fmt.Sprintf("%s/child_modules/%d", path, i), pos, changes)
	}
}

func (d *doc) readConfig(c *tfjson.Config) {
	if c == nil {
		return
	}
	for _, pc := range c.ProviderConfigs {
		if pc == nil || pc.Name != "aws" || d.region != "" {
			continue
		}
		if e := pc.Expressions["region"]; e != nil && e.ExpressionData != nil {
			d.region, _ = e.ConstantValue.(string)
		}
	}
	d.addModule("", c.RootModule, nil)
}

func (d *doc) addModule(addr string, m *tfjson.ConfigModule, call *tfjson.ModuleCall) {
	if m == nil {
		return
	}
	d.modules[addr] = m
	if call != nil {
		d.calls[addr] = call
	}
	names := make([]string, 0, len(m.ModuleCalls))
	for n := range m.ModuleCalls {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if mc := m.ModuleCalls[n]; mc != nil {
			d.addModule(joinModule(addr, "module."+n), mc.Module, mc)
		}
	}
}

func (d *doc) configFor(r *resource) *tfjson.ConfigResource {
	m := d.modules[normModule(r.Module)]
	if m == nil {
		return nil
	}
	want := r.Type + "." + r.Name
	if r.Mode == string(tfjson.DataResourceMode) {
		want = "data." + want
	}
	for _, cr := range m.Resources {
		if cr != nil && cr.Address == want {
			return cr
		}
	}
	return nil
}

// rawState is the on-disk state format 4 (terraform.tfstate); terraform-json
// reads only `show -json` output, so this small decoder reads the file itself.
type rawState struct {
	Version          int           `json:"version"`
	TerraformVersion string        `json:"terraform_version"`
	Resources        []rawResource `json:"resources"`
}

type rawResource struct {
	Module    string        `json:"module"`
	Mode      string        `json:"mode"`
	Type      string        `json:"type"`
	Name      string        `json:"name"`
	Instances []rawInstance `json:"instances"`
}

type rawInstance struct {
	IndexKey       any               `json:"index_key"`
	Deposed        string            `json:"deposed"`
	Attributes     map[string]any    `json:"attributes"`
	AttributesFlat map[string]string `json:"attributes_flat"`
}

func (d *doc) decodeRawState(text []byte, top map[string]json.RawMessage, pos *posIndex) error {
	var version int
	if err := json.Unmarshal(top["version"], &version); err != nil {
		line, col := pos.lineCol(pos.objects[""])
		return fmt.Errorf("terraform: %s:%d:%d: \"version\" must be a number (the state format version, 4)", d.file, line, col)
	}
	if version != 4 {
		return fmt.Errorf("terraform: %s: state format version %d is not supported: netverify reads state format version 4, "+
			"which Terraform 0.12 and later write; %s", d.file, version, upgradeHint(version))
	}
	var s rawState
	if err := json.Unmarshal(text, &s); err != nil {
		return d.decodeError(err, pos)
	}
	for i, rr := range s.Resources {
		for j, in := range rr.Instances {
			if in.Deposed != "" {
				continue
			}
			d.res = append(d.res, d.rawResource(rr, in, pos.source(d.file, fmt.Sprintf("resources/%d/instances/%d", i, j))))
		}
	}
	return nil
}

func upgradeHint(v int) string {
	if v < 4 {
		return "open the workspace once with Terraform 0.12 or later (terraform refresh) to upgrade the state, or export it with `terraform show -json`"
	}
	return "this file is newer than this importer; export it with `terraform show -json` instead"
}

func (d *doc) rawResource(rr rawResource, in rawInstance, src model.Source) *resource {
	mode := rr.Mode
	if mode == "" {
		mode = "managed"
	}
	r := &resource{Module: rr.Module, Type: rr.Type, Name: rr.Name, Mode: mode, Index: in.IndexKey, Values: in.Attributes, Src: src}
	if r.Values == nil {
		r.Values = unflatten(in.AttributesFlat)
	}
	r.Addr = instanceAddress(rr.Module, mode, rr.Type, rr.Name, in.IndexKey)
	return r
}

func instanceAddress(module, mode, typ, name string, index any) string {
	a := typ + "." + name
	if mode == "data" {
		a = "data." + a
	}
	switch k := index.(type) {
	case string:
		a += "[" + strconv.Quote(k) + "]"
	case float64:
		a += "[" + strconv.Itoa(int(k)) + "]"
	}
	return joinModule(module, a)
}

// unflatten turns the legacy flatmap attributes ("ingress.#", "tags.%",
// "ingress.123.from_port") of states upgraded from 0.11 into nested values.
func unflatten(flat map[string]string) map[string]any {
	root := map[string]any{}
	keys := make([]string, 0, len(flat))
	for k := range flat {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		parts := strings.Split(k, ".")
		node := root
		for _, p := range parts[:len(parts)-1] {
			child, ok := node[p].(map[string]any)
			if !ok {
				child = map[string]any{}
				node[p] = child
			}
			node = child
		}
		node[parts[len(parts)-1]] = flat[k]
	}
	return collapse(root).(map[string]any)
}

func collapse(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	if _, isList := m["#"]; isList {
		keys := make([]string, 0, len(m))
		for k := range m {
			if k != "#" {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		out := make([]any, 0, len(keys))
		for _, k := range keys {
			out = append(out, collapse(m[k]))
		}
		return out
	}
	out := map[string]any{}
	for k, x := range m {
		if k != "%" {
			out[k] = collapse(x)
		}
	}
	return out
}

// normModule drops instance keys from a module address ("module.a[0]" ->
// "module.a"): configuration is per module, not per module instance.
func normModule(addr string) string {
	var b strings.Builder
	depth := 0
	for _, c := range addr {
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case depth == 0:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func joinModule(mod, rest string) string {
	if mod == "" {
		return rest
	}
	return mod + "." + rest
}

func baseKey(module, mode, typ, name string) string {
	k := normModule(module) + "|" + typ + "." + name
	if mode == "data" {
		k = normModule(module) + "|data." + typ + "." + name
	}
	return k
}
