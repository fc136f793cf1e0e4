package cfn

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/netverify/netverify/model"
)

// Pseudo parameter defaults used when --param does not set them.
const (
	defaultRegion  = "us-east-1"
	defaultAccount = "123456789012"
)

// evaluator resolves intrinsic functions symbolically. What cannot be known
// offline (an import from another stack, a parameter with no value) becomes
// an Unknown value carrying the reason, so answers that depend on it say so.
type evaluator struct {
	file       string
	pseudo     map[string]string
	params     map[string]*Value // resolved parameters
	overrides  map[string]string // --param values, also consulted for Fn::ImportValue export names
	mappings   *Value
	conditions *Value
	condCache  map[string]tri
	condBusy   map[string]bool
	resources  map[string]*resource
	attrBusy   map[string]bool
	ds         *model.Diagnostics
	warned     map[string]bool
	usedParams map[string]bool // --param names this template consumed (parameters, pseudo parameters, exports)

	steps    int   // intrinsic function calls evaluated
	produced int   // bytes of strings the intrinsic functions produced
	limit    error // set when a limit is exceeded; evaluation then stops
}

// Limits on evaluating intrinsic functions: a few hundred bytes of nested
// Fn::Sub, Fn::Join or Fn::GetAtt can double a value at each level. No real
// template comes near these (CloudFormation's own template body limit is 1 MB).
const (
	// MaxValueBytes is the longest string one intrinsic function may produce.
	MaxValueBytes = 1 << 20
	// MaxProducedBytes is how many bytes of strings the intrinsic functions of one template may produce in all.
	MaxProducedBytes = 64 << 20
	// MaxEvalSteps is how many intrinsic function calls one template may need.
	MaxEvalSteps = 1_000_000
)

// LimitError is the error of a template whose evaluation exceeds a limit, at
// the intrinsic function where it was exceeded.
type LimitError struct {
	Line, Col int
	What      string
}

func (e *LimitError) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.What) }

// exceed records the first limit exceeded and returns the unknown value that stands for it.
func (e *evaluator) exceed(at *Value, format string, args ...any) *Value {
	if e.limit == nil {
		l := &LimitError{What: fmt.Sprintf(format, args...)}
		if at != nil {
			l.Line, l.Col = at.Line, at.Col
		}
		e.limit = l
	}
	return Unknown("evaluation stopped: %s", e.limit.(*LimitError).What)
}

// charge counts one intrinsic call and the string it produced against the limits.
func (e *evaluator) charge(fn string, r, at *Value) *Value {
	if r == nil || r.Kind != KString {
		return r
	}
	if len(r.Str) > MaxValueBytes {
		return e.exceed(at, "%s produces a value of %d bytes, over the limit of %d", fn, len(r.Str), MaxValueBytes)
	}
	if e.produced += len(r.Str); e.produced > MaxProducedBytes {
		return e.exceed(at, "the intrinsic functions produce over %d bytes in all, the limit", MaxProducedBytes)
	}
	return r
}

// errOnce reports an error once per position and message.
func (e *evaluator) errOnce(at *Value, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	src := e.src(at)
	key := "err:" + src.String() + msg
	if e.warned[key] {
		return
	}
	e.warned[key] = true
	e.ds.Errorf(src, "", "%s", msg)
}

// tri is a condition result that may be unknown.
type tri int

const (
	triFalse tri = iota
	triTrue
	triUnknown
)

func (e *evaluator) src(v *Value) model.Source {
	s := model.Source{File: e.file}
	if v != nil {
		s.Line, s.Col = v.Line, v.Col
	}
	return s
}

// warnOnce reports a warning once per key (an export, a parameter).
func (e *evaluator) warnOnce(key string, at *Value, format string, args ...any) {
	if e.warned[key] {
		return
	}
	e.warned[key] = true
	e.ds.Warnf(e.src(at), "", format, args...)
}

// intrinsic returns the function name if v is a one-key map naming one.
func intrinsic(v *Value) (string, *Value, bool) {
	if v == nil || v.Kind != KMap || len(v.Keys) != 1 {
		return "", nil, false
	}
	k := v.Keys[0]
	if k == "Ref" || strings.HasPrefix(k, "Fn::") {
		return k, v.Map[k], true
	}
	return "", nil, false
}

// eval returns v with every intrinsic function resolved. AWS::NoValue removes
// the key or list element that holds it.
func (e *evaluator) eval(v *Value) *Value {
	if v == nil {
		return &Value{Kind: KNull}
	}
	if fn, arg, ok := intrinsic(v); ok {
		if e.limit != nil {
			return e.exceed(v, "")
		}
		if e.steps++; e.steps > MaxEvalSteps {
			return e.exceed(v, "intrinsic functions need over %d evaluation steps, the limit", MaxEvalSteps)
		}
		return e.charge(fn, e.call(fn, arg, v), v).at(v.Line, v.Col)
	}
	switch v.Kind {
	case KList:
		out := List().at(v.Line, v.Col)
		for _, x := range v.List {
			if r := e.eval(x); !r.noValue() {
				out.List = append(out.List, r)
			}
		}
		return out
	case KMap:
		out := NewMap().at(v.Line, v.Col)
		for _, k := range v.Keys {
			if r := e.eval(v.Map[k]); !r.noValue() {
				r.keyLine, r.keyCol = v.Map[k].keyLine, v.Map[k].keyCol
				out.Set(k, r)
			}
		}
		return out
	}
	return v
}

// noValue reports whether v is the AWS::NoValue marker.
func (v *Value) noValue() bool { return v != nil && v.Kind == KNull && v.Reason == "AWS::NoValue" }

func (e *evaluator) call(fn string, arg, at *Value) *Value {
	switch fn {
	case "Ref":
		return e.ref(arg, at)
	case "Fn::GetAtt":
		return e.getAttFn(arg, at)
	case "Fn::Sub":
		return e.sub(arg, at)
	case "Fn::Join":
		return e.join(arg, at)
	case "Fn::Select":
		return e.selectFn(arg, at)
	case "Fn::Split":
		return e.split(arg, at)
	case "Fn::If":
		return e.ifFn(arg, at)
	case "Fn::FindInMap":
		return e.findInMap(arg, at)
	case "Fn::GetAZs":
		return e.getAZs(arg)
	case "Fn::Cidr":
		return e.cidr(arg, at)
	case "Fn::ImportValue":
		return e.importValue(arg, at)
	case "Fn::Base64":
		return e.base64(arg)
	case "Fn::Length":
		if l := e.eval(arg); l.Kind == KList {
			return Str(strconv.Itoa(len(l.List)))
		}
		return Unknown("Fn::Length of a value that is not a list")
	case "Fn::ToJsonString":
		return e.toJSON(arg)
	case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not":
		return triValue(e.cond(&Value{Kind: KMap, Keys: []string{fn}, Map: map[string]*Value{fn: arg}, Line: at.Line, Col: at.Col}))
	}
	e.warnOnce("fn:"+fn, at, "%s is not evaluated by netverify; values that depend on it are unknown", fn)
	return Unknown("%s is not evaluated offline", fn)
}

func triValue(t tri) *Value {
	switch t {
	case triTrue:
		return Str("true")
	case triFalse:
		return Str("false")
	}
	return Unknown("condition depends on an unknown value")
}

// scalar evaluates v and returns its string, or the unknown value.
func (e *evaluator) scalar(v *Value) (string, *Value) {
	r := e.eval(v)
	switch r.Kind {
	case KString:
		return r.Str, nil
	case KUnknown:
		return "", r
	}
	return "", Unknown("expected a string, found %s", r.String())
}

func (e *evaluator) ref(arg, at *Value) *Value {
	name, u := e.scalar(arg)
	if u != nil {
		return u
	}
	if name == "AWS::NoValue" {
		return &Value{Kind: KNull, Reason: "AWS::NoValue"}
	}
	if v, ok := e.pseudo[name]; ok {
		e.usedParams[name] = true
		return Str(v)
	}
	if name == "AWS::NotificationARNs" {
		return List()
	}
	if p, ok := e.params[name]; ok {
		return p
	}
	if r, ok := e.resources[name]; ok {
		if r.Type == "AWS::Lambda::Alias" {
			if v := e.aliasARN(r); v != nil {
				return v
			}
		}
		return r.refValue()
	}
	e.errOnce(at, "Ref to %q, which is neither a parameter nor a resource of the template", name)
	return Unknown("Ref to undefined %q", name)
}

func (e *evaluator) getAttFn(arg, at *Value) *Value {
	var logical, attr string
	switch arg.Kind {
	case KString:
		var ok bool
		logical, attr, ok = strings.Cut(arg.Str, ".")
		if !ok {
			return Unknown("Fn::GetAtt %q has no attribute name", arg.Str)
		}
	case KList:
		if len(arg.List) != 2 {
			return Unknown("Fn::GetAtt needs [resource, attribute]")
		}
		var u *Value
		if logical, u = e.scalar(arg.List[0]); u != nil {
			return u
		}
		if attr, u = e.scalar(arg.List[1]); u != nil {
			return u
		}
	default:
		return Unknown("Fn::GetAtt argument is neither a string nor a list")
	}
	r, ok := e.resources[logical]
	if !ok {
		e.errOnce(at, "Fn::GetAtt %s.%s: %s is not a resource of the template", logical, attr, logical)
		return Unknown("Fn::GetAtt of undefined resource %q", logical)
	}
	key := logical + "." + attr
	if e.attrBusy[key] {
		return Unknown("Fn::GetAtt %s refers to itself", key)
	}
	if !hasAttribute(r.Type, attr) {
		e.errOnce(at, "Fn::GetAtt %s.%s: %s has no attribute %s (it has %s)", logical, attr, r.Type, attr, strings.Join(attributesOf(r.Type), ", "))
		return Unknown("Fn::GetAtt of %s, which %s does not have", key, r.Type)
	}
	e.attrBusy[key] = true
	defer delete(e.attrBusy, key)
	return e.attribute(r, attr)
}

func (e *evaluator) sub(arg, at *Value) *Value {
	var tmpl string
	vars := map[string]*Value{}
	switch arg.Kind {
	case KString:
		tmpl = arg.Str
	case KList:
		if len(arg.List) != 2 {
			return Unknown("Fn::Sub needs a string or [string, variables]")
		}
		s, u := e.scalar(arg.List[0])
		if u != nil {
			return u
		}
		tmpl = s
		if m := arg.List[1]; m.Kind == KMap {
			for _, k := range m.Keys {
				vars[k] = m.Map[k]
			}
		}
	default:
		return Unknown("Fn::Sub argument is neither a string nor a list")
	}
	return e.expand(tmpl, vars, at)
}

// expand substitutes ${Name}, ${Res.Attr} and ${!Literal} in a Fn::Sub template.
// Each variable is evaluated once however often the template names it: nested
// Fn::Sub naming its variable twice would otherwise double the work per level.
func (e *evaluator) expand(tmpl string, vars map[string]*Value, at *Value) *Value {
	var b strings.Builder
	memo := map[string]string{}
	for {
		if b.Len() > MaxValueBytes {
			return e.exceed(at, "Fn::Sub produces a value of over %d bytes, the limit", MaxValueBytes)
		}
		i := strings.Index(tmpl, "${")
		if i < 0 {
			b.WriteString(tmpl)
			return Str(b.String())
		}
		j := strings.Index(tmpl[i:], "}")
		if j < 0 {
			b.WriteString(tmpl)
			return Str(b.String())
		}
		b.WriteString(tmpl[:i])
		name := tmpl[i+2 : i+j]
		tmpl = tmpl[i+j+1:]
		if strings.HasPrefix(name, "!") {
			b.WriteString("${" + name[1:] + "}")
			continue
		}
		name = strings.TrimSpace(name)
		s, seen := memo[name]
		if !seen {
			var u *Value
			if s, u = e.subVar(name, vars, at); u != nil {
				return u
			}
			memo[name] = s
		}
		b.WriteString(s)
	}
}

func (e *evaluator) subVar(name string, vars map[string]*Value, at *Value) (string, *Value) {
	var v *Value
	switch x, ok := vars[name]; {
	case ok:
		v = x
	case strings.Contains(name, ".") && !strings.HasPrefix(name, "AWS::"):
		v = &Value{Kind: KMap, Keys: []string{"Fn::GetAtt"}, Map: map[string]*Value{"Fn::GetAtt": Str(name)}, Line: at.Line, Col: at.Col}
	default:
		v = &Value{Kind: KMap, Keys: []string{"Ref"}, Map: map[string]*Value{"Ref": Str(name)}, Line: at.Line, Col: at.Col}
	}
	return e.scalar(v)
}

func (e *evaluator) join(arg, at *Value) *Value {
	if arg.Kind != KList || len(arg.List) != 2 {
		return Unknown("Fn::Join needs [delimiter, list]")
	}
	delim, u := e.scalar(arg.List[0])
	if u != nil {
		return u
	}
	l := e.eval(arg.List[1])
	if l.Kind == KUnknown {
		return l
	}
	if l.Kind != KList {
		return Unknown("Fn::Join of a value that is not a list")
	}
	parts := make([]string, 0, len(l.List))
	size := 0
	for _, x := range l.List {
		if x.Kind == KUnknown {
			return x
		}
		if x.Kind != KString {
			return Unknown("Fn::Join element %s is not a string", x.String())
		}
		if size += len(x.Str) + len(delim); size > MaxValueBytes {
			return e.exceed(at, "Fn::Join produces a value of over %d bytes, the limit", MaxValueBytes)
		}
		parts = append(parts, x.Str)
	}
	return Str(strings.Join(parts, delim))
}

func (e *evaluator) selectFn(arg, at *Value) *Value {
	if arg.Kind != KList || len(arg.List) != 2 {
		return Unknown("Fn::Select needs [index, list]")
	}
	is, u := e.scalar(arg.List[0])
	if u != nil {
		return u
	}
	i, err := strconv.Atoi(strings.TrimSpace(is))
	if err != nil {
		e.ds.Warnf(e.src(at), "", "Fn::Select index %q is not a number", is)
		return Unknown("Fn::Select index %q is not a number", is)
	}
	l := e.eval(arg.List[1])
	if l.Kind == KUnknown {
		return Unknown("Fn::Select [%d] of an unknown list: %s", i, l.Reason)
	}
	if l.Kind != KList || i < 0 || i >= len(l.List) {
		e.ds.Warnf(e.src(at), "", "Fn::Select index %d is out of range of %s", i, l.String())
		return Unknown("Fn::Select index %d out of range", i)
	}
	return l.List[i]
}

func (e *evaluator) split(arg, at *Value) *Value {
	if arg.Kind != KList || len(arg.List) != 2 {
		return Unknown("Fn::Split needs [delimiter, string]")
	}
	delim, u := e.scalar(arg.List[0])
	if u != nil {
		return u
	}
	s, u := e.scalar(arg.List[1])
	if u != nil {
		return u
	}
	out := List()
	for _, p := range strings.Split(s, delim) {
		out.List = append(out.List, Str(p))
	}
	return out
}

func (e *evaluator) ifFn(arg, at *Value) *Value {
	if arg.Kind != KList || len(arg.List) != 3 {
		return Unknown("Fn::If needs [condition, value if true, value if false]")
	}
	name, u := e.scalar(arg.List[0])
	if u != nil {
		return u
	}
	switch e.namedCond(name, at) {
	case triTrue:
		return e.eval(arg.List[1])
	case triFalse:
		return e.eval(arg.List[2])
	}
	return Unknown("condition %s depends on an unknown value", name)
}

func (e *evaluator) findInMap(arg, at *Value) *Value {
	if arg.Kind != KList || len(arg.List) < 3 {
		return Unknown("Fn::FindInMap needs [map, top key, second key]")
	}
	keys := make([]string, 3)
	for i := range keys {
		s, u := e.scalar(arg.List[i])
		if u != nil {
			return u
		}
		keys[i] = s
	}
	if v := e.mappings.Get(keys[0]).Get(keys[1]).Get(keys[2]); v != nil {
		return e.eval(v)
	}
	if len(arg.List) == 4 {
		if d := arg.List[3].Get("DefaultValue"); d != nil {
			return e.eval(d)
		}
	}
	e.ds.Warnf(e.src(at), "", "Fn::FindInMap: mapping %s has no entry %s/%s", keys[0], keys[1], keys[2])
	return Unknown("mapping %s has no entry %s/%s", keys[0], keys[1], keys[2])
}

// azCount is how many zones Fn::GetAZs returns; every commercial Region has at least 3, us-east-1 has 6.
const azCount = 6

// getAZs returns deterministic zone names <region>a, <region>b, ...
func (e *evaluator) getAZs(arg *Value) *Value {
	region := ""
	if !arg.IsNull() {
		var u *Value
		if region, u = e.scalar(arg); u != nil {
			return u
		}
	}
	if region == "" {
		region = e.pseudo["AWS::Region"]
	}
	out := List()
	for i := 0; i < azCount; i++ {
		out.List = append(out.List, Str(region+string(rune('a'+i))))
	}
	return out
}

func (e *evaluator) importValue(arg, at *Value) *Value {
	name, u := e.scalar(arg)
	if u != nil {
		return u
	}
	if v, ok := e.overrides[name]; ok {
		e.usedParams[name] = true
		return Str(v)
	}
	e.warnOnce("import:"+name, at, "Fn::ImportValue %q: the export of another stack is not known here; values that depend on it stay unknown (pass --param %s=VALUE to set it)", name, name)
	return Unknown("Fn::ImportValue %q is not resolved (export of another stack)", name)
}

func (e *evaluator) base64(arg *Value) *Value {
	s, u := e.scalar(arg)
	if u != nil {
		return u
	}
	return Str(base64.StdEncoding.EncodeToString([]byte(s)))
}

func (e *evaluator) toJSON(arg *Value) *Value {
	v := e.eval(arg)
	if v.IsUnknown() {
		return Unknown("Fn::ToJsonString of an unknown value: %s", v.FirstUnknown())
	}
	b, _ := json.Marshal(toAny(v))
	return Str(string(b))
}

// toAny converts an evaluated value into plain Go values for JSON output.
func toAny(v *Value) any {
	switch v.Kind {
	case KString:
		return v.Str
	case KList:
		out := make([]any, len(v.List))
		for i, x := range v.List {
			out[i] = toAny(x)
		}
		return out
	case KMap:
		return orderedMap{v}
	case KUnknown:
		return "<unknown: " + v.Reason + ">"
	}
	return nil
}

// orderedMap marshals a map value with its keys in template order.
type orderedMap struct{ v *Value }

func (m orderedMap) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range m.v.Keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(toAny(m.v.Map[k]))
		if err != nil {
			return nil, err
		}
		b.Write(kb)
		b.WriteByte(':')
		b.Write(vb)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// namedCond evaluates the condition called name, once.
func (e *evaluator) namedCond(name string, at *Value) tri {
	if t, ok := e.condCache[name]; ok {
		return t
	}
	def := e.conditions.Get(name)
	if def == nil {
		e.ds.Warnf(e.src(at), "", "condition %q is not defined in Conditions", name)
		return triUnknown
	}
	if e.condBusy[name] {
		e.ds.Warnf(e.src(def), "", "condition %q refers to itself", name)
		return triUnknown
	}
	e.condBusy[name] = true
	t := e.cond(def)
	delete(e.condBusy, name)
	e.condCache[name] = t
	return t
}

// cond evaluates a condition expression (Fn::Equals, And, Or, Not, Condition).
func (e *evaluator) cond(v *Value) tri {
	if v != nil && v.Kind == KMap && len(v.Keys) == 1 && v.Keys[0] == "Condition" {
		name, u := e.scalar(v.Map["Condition"])
		if u != nil {
			return triUnknown
		}
		return e.namedCond(name, v)
	}
	fn, arg, ok := intrinsic(v)
	if !ok {
		if s, u := e.scalar(v); u == nil {
			return boolTri(strings.EqualFold(s, "true"))
		}
		return triUnknown
	}
	switch fn {
	case "Fn::Equals":
		return e.equals(arg)
	case "Fn::Not":
		if arg.Kind == KList && len(arg.List) == 1 {
			return notTri(e.cond(arg.List[0]))
		}
	case "Fn::And", "Fn::Or":
		return e.andOr(fn == "Fn::And", arg)
	default:
		r := e.call(fn, arg, v)
		if r.Kind == KString {
			return boolTri(strings.EqualFold(r.Str, "true"))
		}
		return triUnknown
	}
	e.ds.Warnf(e.src(v), "", "malformed condition %s", fn)
	return triUnknown
}

func boolTri(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

func notTri(t tri) tri {
	switch t {
	case triTrue:
		return triFalse
	case triFalse:
		return triTrue
	}
	return triUnknown
}

func (e *evaluator) equals(arg *Value) tri {
	if arg.Kind != KList || len(arg.List) != 2 {
		return triUnknown
	}
	a, b := e.eval(arg.List[0]), e.eval(arg.List[1])
	if a.IsUnknown() || b.IsUnknown() {
		return triUnknown
	}
	return boolTri(a.String() == b.String())
}

// andOr short-circuits like CloudFormation: a false And or a true Or is known
// even when another operand is unknown.
func (e *evaluator) andOr(and bool, arg *Value) tri {
	if arg.Kind != KList {
		return triUnknown
	}
	result := boolTri(and)
	for _, x := range arg.List {
		switch t := e.cond(x); {
		case t == triUnknown:
			result = triUnknown
		case (t == triTrue) != and:
			return t
		}
	}
	return result
}

// sortedKeys returns the keys of m in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// errorf formats an error with the file position of v.
func (e *evaluator) errorf(v *Value, format string, args ...any) error {
	return fmt.Errorf("%s: %s", e.src(v), fmt.Sprintf(format, args...))
}
