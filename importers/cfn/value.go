package cfn

import (
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// Kind is the shape of a template value.
type Kind int

const (
	KNull    Kind = iota // absent, YAML null, or AWS::NoValue
	KString              // every scalar: CloudFormation compares scalars as strings
	KList                // sequence
	KMap                 // mapping, keys in template order
	KUnknown             // a value the evaluator cannot know; Reason says why
)

// Value is one node of a template, before or after evaluation. Positions are
// kept so diagnostics point at the line that holds the value.
type Value struct {
	Kind   Kind
	Str    string
	List   []*Value
	Keys   []string
	Map    map[string]*Value
	Reason string // KUnknown only
	Line   int
	Col    int
	// keyLine/keyCol locate the mapping key that holds this value (a resource's logical ID).
	keyLine, keyCol int
}

// Str returns a known string value.
func Str(s string) *Value { return &Value{Kind: KString, Str: s} }

// Unknown returns a value that cannot be known offline, with the reason.
func Unknown(format string, args ...any) *Value {
	return &Value{Kind: KUnknown, Reason: fmt.Sprintf(format, args...)}
}

// List returns a list value.
func List(xs ...*Value) *Value { return &Value{Kind: KList, List: xs} }

// NewMap returns an empty map value.
func NewMap() *Value { return &Value{Kind: KMap, Map: map[string]*Value{}} }

// Set adds or replaces key in a map value, keeping first-insertion order.
func (v *Value) Set(key string, x *Value) {
	if _, ok := v.Map[key]; !ok {
		v.Keys = append(v.Keys, key)
	}
	v.Map[key] = x
}

// Get returns the value at key of a map, or nil.
func (v *Value) Get(key string) *Value {
	if v == nil || v.Kind != KMap {
		return nil
	}
	return v.Map[key]
}

// IsNull reports whether the value is absent or null.
func (v *Value) IsNull() bool { return v == nil || v.Kind == KNull }

// IsUnknown reports whether the value, or anything inside it, is unknown.
func (v *Value) IsUnknown() bool {
	if v == nil {
		return false
	}
	switch v.Kind {
	case KUnknown:
		return true
	case KList:
		for _, x := range v.List {
			if x.IsUnknown() {
				return true
			}
		}
	case KMap:
		for _, k := range v.Keys {
			if v.Map[k].IsUnknown() {
				return true
			}
		}
	}
	return false
}

// FirstUnknown returns the reason of the first unknown value inside v.
func (v *Value) FirstUnknown() string {
	if v == nil {
		return ""
	}
	switch v.Kind {
	case KUnknown:
		return v.Reason
	case KList:
		for _, x := range v.List {
			if r := x.FirstUnknown(); r != "" {
				return r
			}
		}
	case KMap:
		for _, k := range v.Keys {
			if r := v.Map[k].FirstUnknown(); r != "" {
				return r
			}
		}
	}
	return ""
}

// at copies the position of n onto v and returns v.
func (v *Value) at(line, col int) *Value {
	if v != nil && v.Line == 0 {
		v.Line, v.Col = line, col
	}
	return v
}

// String renders a value for messages.
func (v *Value) String() string {
	if v == nil {
		return "<null>"
	}
	switch v.Kind {
	case KString:
		return v.Str
	case KList:
		parts := make([]string, len(v.List))
		for i, x := range v.List {
			parts[i] = x.String()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case KMap:
		parts := make([]string, len(v.Keys))
		for i, k := range v.Keys {
			parts[i] = k + ": " + v.Map[k].String()
		}
		return "{" + strings.Join(parts, ", ") + "}"
	case KUnknown:
		return "<unknown: " + v.Reason + ">"
	}
	return "<null>"
}

// shortTags maps YAML short-form tags to their long intrinsic names.
var shortTags = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition", "!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!Join": "Fn::Join",
	"!Select": "Fn::Select", "!Split": "Fn::Split", "!If": "Fn::If", "!Equals": "Fn::Equals", "!And": "Fn::And",
	"!Or": "Fn::Or", "!Not": "Fn::Not", "!FindInMap": "Fn::FindInMap", "!GetAZs": "Fn::GetAZs", "!Cidr": "Fn::Cidr",
	"!ImportValue": "Fn::ImportValue", "!Base64": "Fn::Base64", "!Transform": "Fn::Transform",
	"!Length": "Fn::Length", "!ToJsonString": "Fn::ToJsonString",
}

// Limits on YAML aliases: yaml.v3's own guard against alias bombs applies to
// decoding into Go values, not to the Node tree read here, so the converter
// counts for itself. A real template uses a handful of anchors; these limits
// leave room for generated ones and stop a bomb (an alias of an alias of ...,
// each level multiplying the size) before it costs memory.
const (
	// MaxAliases is how many alias expansions one template may need in all.
	MaxAliases = 10000
	// MaxAliasDepth is how deeply aliases may nest inside the values they expand.
	MaxAliasDepth = 32
)

// AliasLimitError is the error of a template whose aliases exceed MaxAliases or
// MaxAliasDepth, at the alias where the limit was reached.
type AliasLimitError struct {
	Line, Col int
	Count     int // alias expansions done when the limit was reached
	Depth     int // alias nesting at that point
}

func (e *AliasLimitError) Error() string {
	if e.Depth > MaxAliasDepth {
		return fmt.Sprintf("%d:%d: YAML aliases nest %d deep, over the limit of %d (an alias bomb?)", e.Line, e.Col, e.Depth, MaxAliasDepth)
	}
	return fmt.Sprintf("%d:%d: YAML aliases expanded %d times, the limit (an alias bomb?)", e.Line, e.Col, e.Count)
}

// nodeReader turns a yaml.Node tree into Values, counting alias expansions.
type nodeReader struct {
	aliases int
	depth   int
	outer   *yaml.Node // the alias, outside any other, being expanded
}

// fromNode converts a YAML node into a raw Value, rewriting short tags into
// their Fn:: form (decoding into any would drop them).
func fromNode(n *yaml.Node) (*Value, error) {
	c := &nodeReader{}
	return c.node(n)
}

// alias expands an alias node within the limits.
func (c *nodeReader) alias(n *yaml.Node) (*Value, error) {
	c.aliases++
	if c.depth == 0 {
		c.outer = n
	}
	c.depth++
	defer func() { c.depth-- }()
	if c.aliases >= MaxAliases || c.depth > MaxAliasDepth {
		// The position is the outermost alias: the place in the template whose expansion is too big.
		return nil, &AliasLimitError{Line: c.outer.Line, Col: c.outer.Column, Count: c.aliases, Depth: c.depth}
	}
	return c.node(n.Alias)
}

func (c *nodeReader) node(n *yaml.Node) (*Value, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return &Value{Kind: KNull}, nil
		}
		return c.node(n.Content[0])
	case yaml.AliasNode:
		return c.alias(n)
	}
	v, err := c.plainNode(n)
	if err != nil {
		return nil, err
	}
	if fn, ok := shortTags[n.Tag]; ok {
		if n.Kind == yaml.ScalarNode && n.Value == "" && fn == "Fn::GetAZs" {
			v = Str("")
		}
		m := NewMap().at(n.Line, n.Column)
		m.Set(fn, v)
		return m, nil
	}
	if strings.HasPrefix(n.Tag, "!") && !strings.HasPrefix(n.Tag, "!!") {
		// Other short forms (!ValueOf, !Contains in Rules, ...) follow the same Fn:: naming.
		m := NewMap().at(n.Line, n.Column)
		m.Set("Fn::"+n.Tag[1:], v)
		return m, nil
	}
	return v, nil
}

func (c *nodeReader) plainNode(n *yaml.Node) (*Value, error) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" && n.Style == 0 {
			return (&Value{Kind: KNull}).at(n.Line, n.Column), nil
		}
		return Str(n.Value).at(n.Line, n.Column), nil
	case yaml.SequenceNode:
		l := List().at(n.Line, n.Column)
		for _, x := range n.Content {
			v, err := c.node(x)
			if err != nil {
				return nil, err
			}
			l.List = append(l.List, v)
		}
		return l, nil
	case yaml.MappingNode:
		return c.mapNode(n)
	case yaml.AliasNode:
		return c.alias(n)
	}
	return nil, fmt.Errorf("%d:%d: unsupported YAML node", n.Line, n.Column)
}

func (c *nodeReader) mapNode(n *yaml.Node) (*Value, error) {
	m := NewMap().at(n.Line, n.Column)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, vn := n.Content[i], n.Content[i+1]
		if k.Tag == "!!merge" {
			merged, err := c.node(vn)
			if err != nil {
				return nil, err
			}
			for _, mk := range merged.Keys {
				m.Set(mk, merged.Map[mk])
			}
			continue
		}
		x, err := c.node(vn)
		if err != nil {
			return nil, err
		}
		if x.Line == 0 {
			x.Line, x.Col = vn.Line, vn.Column
		}
		// keyLine records where the key itself is: resources report the line of their logical ID.
		x.keyLine, x.keyCol = k.Line, k.Column
		m.Set(k.Value, x)
	}
	return m, nil
}
