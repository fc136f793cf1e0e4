package cfn

import (
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/netverify/netverify/model"
)

// props reads evaluated properties of one resource; every value it cannot
// use becomes a diagnostic at the property's line, never a silent zero.
type props struct {
	imp *importer
	r   *resource
	v   *Value
}

func (imp *importer) props(r *resource) props {
	return props{imp: imp, r: r, v: imp.ev.propsOf(r)}
}

func (p props) src(v *Value) model.Source {
	if v != nil && v.Line > 0 {
		return model.Source{File: p.imp.file, Line: v.Line, Col: v.Col}
	}
	return p.imp.srcOf(p.r)
}

func (p props) get(key string) *Value { return p.v.Get(key) }

func (p props) has(key string) bool { return !p.v.Get(key).IsNull() }

// unknown reports that a property the model needs cannot be known.
func (p props) unknown(key string, v *Value) {
	p.imp.ds.Warnf(p.src(v), p.r.Logical, "%s %s: %s is unknown (%s); answers that depend on it are uncertain",
		p.r.Type, p.r.Logical, key, v.FirstUnknown())
}

// str returns a known string property, or "" (with a warning when unknown).
func (p props) str(key string) string {
	return p.strOf(key, p.get(key))
}

func (p props) strOf(key string, v *Value) string {
	switch {
	case v.IsNull():
		return ""
	case v.Kind == KString:
		return v.Str
	case v.Kind == KUnknown:
		p.unknown(key, v)
	default:
		p.imp.ds.Warnf(p.src(v), p.r.Logical, "%s %s: %s should be a string, found %s", p.r.Type, p.r.Logical, key, v.String())
	}
	return ""
}

// boolean returns a boolean property ("true"/"false", any case), or def.
func (p props) boolean(key string, def bool) bool {
	v := p.get(key)
	if v.IsNull() {
		return def
	}
	s := p.strOf(key, v)
	switch strings.ToLower(s) {
	case "true":
		return true
	case "false":
		return false
	case "":
		return def
	}
	p.imp.ds.Warnf(p.src(v), p.r.Logical, "%s %s: %s is %q, not true or false; using %v", p.r.Type, p.r.Logical, key, s, def)
	return def
}

// strs returns a list-of-strings property; a single string counts as a list of one.
func (p props) strs(key string) []string {
	return p.strsOf(key, p.get(key))
}

func (p props) strsOf(key string, v *Value) []string {
	if v.IsNull() {
		return nil
	}
	if v.Kind != KList {
		if s := p.strOf(key, v); s != "" {
			return []string{s}
		}
		return nil
	}
	var out []string
	for _, x := range v.List {
		if s := p.strOf(key, x); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// prefix parses a CIDR property; ok is false when absent, unknown or invalid.
func (p props) prefix(key string) (netip.Prefix, bool) {
	v := p.get(key)
	s := p.strOf(key, v)
	if s == "" {
		return netip.Prefix{}, false
	}
	pr, err := netip.ParsePrefix(strings.TrimSpace(s))
	if err != nil {
		p.imp.ds.Errorf(p.src(v), p.r.Logical, "%s %s: %s %q is not a CIDR block", p.r.Type, p.r.Logical, key, s)
		return netip.Prefix{}, false
	}
	return pr.Masked(), true
}

// addr parses an IP address property.
func (p props) addr(key string) (netip.Addr, bool) {
	v := p.get(key)
	s := p.strOf(key, v)
	if s == "" {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		p.imp.ds.Errorf(p.src(v), p.r.Logical, "%s %s: %s %q is not an IP address", p.r.Type, p.r.Logical, key, s)
		return netip.Addr{}, false
	}
	return a, true
}

// integer parses a number property (CloudFormation accepts "53" and 53 alike).
func (p props) integer(key string, def int) int {
	v := p.get(key)
	s := strings.TrimSpace(p.strOf(key, v))
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.imp.ds.Errorf(p.src(v), p.r.Logical, "%s %s: %s %q is not a whole number", p.r.Type, p.r.Logical, key, s)
		return def
	}
	return n
}

// sub returns a props view of a nested mapping property.
func (p props) sub(v *Value) props {
	if v == nil || v.Kind != KMap {
		v = NewMap()
	}
	return props{imp: p.imp, r: p.r, v: v}
}

// tags reads Tags as a list of {Key, Value} or, in SAM, a mapping.
func (p props) tags() map[string]string {
	out := map[string]string{}
	v := p.get("Tags")
	switch {
	case v == nil:
	case v.Kind == KList:
		for _, t := range v.List {
			k, val := t.Get("Key"), t.Get("Value")
			if k != nil && k.Kind == KString && val != nil && val.Kind == KString {
				out[k.Str] = val.Str
			}
		}
	case v.Kind == KMap:
		for _, k := range v.Keys {
			if x := v.Map[k]; x.Kind == KString {
				out[k] = x.Str
			}
		}
	}
	return out
}

// meta builds the Meta of the model object for r with physical ID id.
func (p props) meta(id string) model.Meta {
	r := p.r
	m := model.Meta{ID: id, Account: r.account, Region: r.region, Source: p.imp.srcOf(r)}
	tags := p.tags()
	tags["aws:cloudformation:logical-id"] = r.Logical
	tags["aws:cloudformation:stack-name"] = r.stack
	m.SetTags(tags)
	if m.Name == "" {
		m.Name = r.Logical
	}
	m.Assume("ID known only after deployment")
	if r.Cond != "" && p.imp.ev.condCache[r.Cond] == triUnknown {
		m.Assume("created only if condition " + r.Cond + " holds, which depends on an unknown value")
	}
	return m
}

// register records the model object for r so later phases find it by logical or physical ID.
func (imp *importer) register(r *resource, obj model.Resource) {
	imp.objects[r.Logical] = obj
	imp.byID[obj.Base().ID] = obj
}

// lookup returns the object of type T with physical ID id from this template.
func lookup[T model.Resource](imp *importer, id string) (T, bool) {
	var zero T
	o, ok := imp.byID[id]
	if !ok {
		return zero, false
	}
	t, ok := o.(T)
	return t, ok
}

// target finds the object a secondary resource (route, rule, association)
// attaches to; a reference outside the template is a warning naming both ends.
func target[T model.Resource](p props, key, kind string) (T, bool) {
	var zero T
	id := p.str(key)
	if id == "" {
		if !p.has(key) {
			p.imp.ds.Warnf(p.imp.srcOf(p.r), p.r.Logical, "%s %s has no %s; skipped", p.r.Type, p.r.Logical, key)
		}
		return zero, false
	}
	t, ok := lookup[T](p.imp, id)
	if !ok {
		p.imp.ds.Warnf(p.src(p.get(key)), p.r.Logical, "%s %s: %s %q is a %s not defined in this template; the %s is not applied",
			p.r.Type, p.r.Logical, key, id, kind, strings.ToLower(strings.TrimPrefix(p.r.Type, "AWS::EC2::")))
	}
	return t, ok
}

func sortedStrings(xs []string) []string {
	out := append([]string(nil), xs...)
	sort.Strings(out)
	return out
}
