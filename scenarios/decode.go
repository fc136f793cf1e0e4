package scenarios

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// pos is where a value was written: its line and column, and whether it was a
// block scalar (| or >), whose text starts on the next line.
type pos struct {
	Line, Col int
	Block     bool
}

// Pos records where a document object and each of its keys were written, so
// conversion errors point at the right line. The decoder fills it.
type Pos struct {
	at   pos
	keys map[string]pos // "cidr", "cidrs.1"
}

// has reports whether key was written (even as an empty list).
func (p *Pos) has(key string) bool { _, ok := p.keys[key]; return ok }

// of returns where key was written, or the object itself when it was not.
func (p *Pos) of(key string) pos {
	if k, ok := p.keys[key]; ok {
		return k
	}
	return p.at
}

var posType = reflect.TypeOf(Pos{})

// decoder turns a yaml.Node tree into document structs, reporting every
// problem (unknown field, wrong type, duplicate key) instead of stopping.
//
// Aliases are followed under a budget: yaml.v3 parses an alias as one node,
// and its own "excessive aliasing" guard does not apply to Node decoding, so
// a few hundred bytes of anchors and aliases would otherwise expand into
// billions of values (issue 24). Every value reached through an alias counts
// against MaxAliasValues, and aliases inside aliased values may nest
// MaxAliasDepth deep; past either the decoder reports the alias that
// crossed the limit and stops.
type decoder struct {
	errs     []posErr
	depth    int        // aliases being followed
	outer    *yaml.Node // the outermost of them
	outerAt  string     // and the path of its value
	expanded int        // values decoded through an alias so far
	stopped  bool
	// the limits: MaxAliasValues and MaxAliasDepth (tests lower them)
	maxValues, maxDepth int
}

func newDecoder() *decoder { return &decoder{maxValues: MaxAliasValues, maxDepth: MaxAliasDepth} }

// The alias limits of the scenario format (README, "Limits").
const (
	// MaxAliasValues bounds the values decoded through aliases in one file:
	// sharing a list of a few hundred rules among a hundred groups stays far
	// below it, an alias bomb reaches it in milliseconds.
	MaxAliasValues = 100_000
	// MaxAliasDepth bounds aliases inside aliased values inside aliased values...
	MaxAliasDepth = 10
)

type posErr struct {
	at  pos
	msg string
}

func (d *decoder) errf(n *yaml.Node, format string, args ...any) {
	d.errs = append(d.errs, posErr{pos{Line: n.Line, Col: n.Column}, fmt.Sprintf(format, args...)})
}

// field is one YAML key of a struct, possibly inside an embedded struct.
type field struct {
	name  string
	index []int
}

func structFields(t reflect.Type) []field {
	var out []field
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "-" || f.Type == posType {
			continue
		}
		if f.Anonymous && f.Type.Kind() == reflect.Struct {
			for _, sub := range structFields(f.Type) {
				out = append(out, field{sub.name, append([]int{i}, sub.index...)})
			}
			continue
		}
		if tag == "" {
			tag = f.Name
		}
		out = append(out, field{tag, []int{i}})
	}
	return out
}

// posField returns the Pos of a struct value (directly or in an embedded struct).
func posField(v reflect.Value) *Pos {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if f.Type() == posType {
			return f.Addr().Interface().(*Pos)
		}
		if v.Type().Field(i).Anonymous && f.Kind() == reflect.Struct {
			if p := posField(f); p != nil {
				return p
			}
		}
	}
	return nil
}

// enterAlias starts following the alias n, unless that nests aliases too deep.
func (d *decoder) enterAlias(n *yaml.Node, path string) bool {
	if d.depth >= d.maxDepth {
		d.stop(n, "%s: aliases nest more than %d deep (the alias *%s is inside a value reached through an alias, inside ...); "+
			"netverify stops reading", orTop(path), d.maxDepth, n.Value)
		return false
	}
	if d.depth == 0 {
		d.outer, d.outerAt = n, path
	}
	d.depth++
	return true
}

// stop reports a limit at n and ends decoding: what follows would only cost more.
func (d *decoder) stop(n *yaml.Node, format string, args ...any) {
	d.errf(n, format, args...)
	d.stopped = true
}

func resolveAlias(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// decode fills v (a pointer's element) from n; path names the value in messages.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if d.stopped {
		return
	}
	if n.Kind == yaml.AliasNode {
		if !d.enterAlias(n, path) {
			return
		}
		defer func() { d.depth-- }()
	}
	if d.depth > 0 {
		if d.expanded++; d.expanded > d.maxValues {
			d.stop(d.outer, "%s: aliases expand to more than %d values in this file (the alias *%s here crossed the limit); "+
				"netverify stops reading: write fewer copies of the anchored value", orTop(d.outerAt), d.maxValues, d.outer.Value)
			return
		}
	}
	n = resolveAlias(n)
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.decode(n, v.Elem(), path)
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		d.decodeSlice(n, v, path)
	case reflect.Map:
		d.decodeMap(n, v, path)
	case reflect.String:
		if d.scalar(n, path, "a text value") {
			v.SetString(n.Value)
		}
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.errf(n, "%s must be true or false, not %s", path, describe(n))
			return
		}
		b, _ := strconv.ParseBool(strings.ToLower(n.Value))
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil {
			d.errf(n, "%s must be a whole number, not %s", path, describe(n))
			return
		}
		v.SetInt(i)
	}
}

func (d *decoder) scalar(n *yaml.Node, path, want string) bool {
	if n.Kind != yaml.ScalarNode {
		d.errf(n, "%s must be %s, not %s", path, want, describe(n))
		return false
	}
	return true
}

// describe names what was written, for "wrong type" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.Tag {
	case "!!str":
		return strconv.Quote(n.Value)
	case "!!int", "!!float":
		return "the number " + n.Value
	}
	return n.Value
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errf(n, "%s must be a mapping (key: value lines), not %s", orTop(path), describe(n))
		return
	}
	p := posField(v)
	if p != nil {
		p.at = pos{Line: n.Line, Col: n.Column}
		p.keys = map[string]pos{}
	}
	fields := structFields(v.Type())
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content) && !d.stopped; i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if prev, dup := seen[k.Value]; dup {
			d.errf(k, "%s: key %q appears twice (first on line %d)", orTop(path), k.Value, prev)
			continue
		}
		seen[k.Value] = k.Line
		f, ok := findField(fields, k.Value)
		if !ok {
			d.errf(k, "%s", unknownField(path, k.Value, fields))
			continue
		}
		if p != nil {
			p.keys[f.name] = valuePos(val)
			if rv := resolveAlias(val); rv.Kind == yaml.SequenceNode {
				for j, e := range rv.Content {
					p.keys[f.name+"."+strconv.Itoa(j)] = valuePos(e)
				}
			}
		}
		d.decode(val, v.FieldByIndex(f.index), join(path, f.name))
	}
}

func valuePos(n *yaml.Node) pos {
	return pos{Line: n.Line, Col: n.Column, Block: n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0}
}

// awsSpelling maps the names AWS, CloudFormation and Terraform use for a
// field (normalised: lower case, no "_" or "-") to the scenario's name.
var awsSpelling = map[string]string{
	"destination": "dest", "destinationcidrblock": "dest", "destinationcidr": "dest",
	"cidrblock": "cidr", "availabilityzone": "az", "securitygroupids": "securityGroups",
	"vpcsecuritygroupids": "securityGroups", "subnetid": "subnet", "vpcid": "vpc",
	"privateipaddress": "ip", "fromport": "ports", "toport": "ports", "ipprotocol": "proto", "protocol": "proto",
}

func normalKey(k string) string {
	return strings.ToLower(strings.NewReplacer("_", "", "-", "").Replace(k))
}

func findField(fs []field, key string) (field, bool) {
	for _, f := range fs {
		if f.name == key {
			return f, true
		}
	}
	return field{}, false
}

// unknownField writes the message for a key the format does not have, with
// the closest known key as a suggestion.
func unknownField(path, key string, fs []field) string {
	best, bestD := "", 1<<30
	for _, f := range fs {
		if dist := editDistance(strings.ToLower(key), strings.ToLower(f.name)); dist < bestD {
			best, bestD = f.name, dist
		}
	}
	msg := fmt.Sprintf("%s: unknown field %q", orTop(path), key)
	if best != "" && bestD <= max(2, len(key)/3) {
		return msg + fmt.Sprintf("; did you mean %q?", best)
	}
	if alt, ok := awsSpelling[normalKey(key)]; ok {
		if _, known := findField(fs, alt); known {
			return msg + fmt.Sprintf("; did you mean %q?", alt)
		}
	}
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	sort.Strings(names)
	if len(names) > 12 {
		return msg
	}
	return msg + " (known fields: " + strings.Join(names, ", ") + ")"
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.errf(n, "%s must be a list (one \"- item\" per line, or [a, b]), not %s", path, describe(n))
		return
	}
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, e := range n.Content {
		if d.stopped {
			break
		}
		d.decode(e, out.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(out)
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.MappingNode {
		d.errf(n, "%s must be a mapping, not %s", path, describe(n))
		return
	}
	m := reflect.MakeMap(v.Type())
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		ev := reflect.New(v.Type().Elem()).Elem()
		d.decode(val, ev, join(path, k.Value))
		m.SetMapIndex(reflect.ValueOf(k.Value), ev)
	}
	v.Set(m)
}

func reflectValue(p any) reflect.Value { return reflect.ValueOf(p).Elem() }

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// orTop names the top level of the document in messages.
func orTop(path string) string {
	if path == "" {
		return "scenario"
	}
	return path
}
