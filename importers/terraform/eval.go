package terraform

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// obj reads one object of a resource: its top-level attributes or one nested
// block. vals are the known values, unk the plan's after_unknown for the same
// object, exprs the configuration expressions that produced it; a value that
// is unknown is resolved through the expressions' references.
type obj struct {
	d     *doc
	r     *resource
	vals  map[string]any
	unk   map[string]any
	exprs map[string]*tfjson.Expression
}

func (d *doc) root(r *resource) obj {
	o := obj{d: d, r: r, vals: r.Values, unk: r.Unknown}
	if r.Config != nil {
		o.exprs = r.Config.Expressions
	}
	return o
}

// unknown reports whether the plan says k is known only after apply.
func (o obj) unknown(k string) bool { b, _ := o.unk[k].(bool); return b }

// raw returns the known value of k: from the values, or a constant in the configuration.
func (o obj) raw(k string) any {
	if v, ok := o.vals[k]; ok && v != nil && !o.unknown(k) {
		return v
	}
	if e := o.expr(k); e != nil && e.ConstantValue != tfjson.UnknownConstantValue {
		return e.ConstantValue
	}
	return nil
}

func (o obj) expr(k string) *tfjson.ExpressionData {
	if e := o.exprs[k]; e != nil && e.ExpressionData != nil {
		return e.ExpressionData
	}
	return nil
}

// str returns a string attribute, resolving a reference to a resource that
// does not exist yet to that resource's placeholder ID.
func (o obj) str(k string) string {
	if s, ok := o.raw(k).(string); ok && s != "" {
		return s
	}
	if e := o.expr(k); e != nil {
		for _, v := range o.d.evalRefs(o.r, e.References, idLike(k)) {
			if s, ok := v.(string); ok && s != "" {
				return s
			}
		}
		return o.d.guessLocal(o.r, k, e.References)
	}
	return ""
}

// localGuesses are the ID attributes whose target can be inferred when a
// plan hides it behind a local value (plans do not record locals): the
// terraform-aws-vpc module writes vpc_id = local.vpc_id and
// allocation_id = local.nat_gateway_ips[count.index].
var localGuesses = map[string][]string{
	"vpc_id":        {"aws_vpc", "aws_default_vpc"},
	"allocation_id": {"aws_eip"},
}

// guessLocal resolves k to the only candidate resource of its module (or the
// one with the same count index), and says so once per module and attribute.
func (d *doc) guessLocal(r *resource, k string, refs []string) string {
	types, ok := localGuesses[k]
	if !ok || !hasLocalRef(refs) {
		return ""
	}
	var cands []*resource
	for _, c := range d.res {
		if c.Mode == "managed" && c.Module == r.Module && contains(types, c.Type) {
			cands = append(cands, c)
		}
	}
	if len(cands) > 1 {
		cands = filterIndex(cands, indexString(r.Index))
	}
	if len(cands) != 1 {
		return ""
	}
	key := r.Module + "|" + r.Type + "|" + k
	if !d.guessed[key] {
		d.guessed[key] = true
		d.ds.Infof(r.Src, r.Addr, "%s.%s is a local value, which plans do not record; assumed %s (the only candidate in the module%s)",
			r.Type, k, cands[0].Addr, map[bool]string{true: " with the same index", false: ""}[r.Index != nil])
	}
	return d.id(cands[0])
}

func hasLocalRef(refs []string) bool {
	for _, ref := range refs {
		if strings.HasPrefix(ref, "local.") {
			return true
		}
	}
	return false
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// strs returns a list (or set) of strings: the known elements plus, where the
// plan leaves elements unknown, the values its references resolve to.
func (o obj) strs(k string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(v any) {
		if s, ok := v.(string); ok && s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	list, _ := o.raw(k).([]any)
	for _, v := range list {
		add(v)
	}
	if s, ok := o.raw(k).(string); ok {
		add(s)
	}
	if o.partlyUnknown(k) || (list == nil && o.vals[k] == nil) {
		if e := o.expr(k); e != nil {
			for _, v := range o.d.evalRefs(o.r, e.References, idLike(k)) {
				add(v)
			}
		}
	}
	return out
}

func (o obj) partlyUnknown(k string) bool {
	switch u := o.unk[k].(type) {
	case bool:
		return u
	case []any:
		for _, x := range u {
			if b, _ := x.(bool); b {
				return true
			}
		}
	}
	return false
}

// num returns an integer attribute; Terraform writes some numbers as strings (bgp_asn).
func (o obj) num(k string) (int64, bool) { return toInt(o.raw(k)) }

func toInt(v any) (int64, bool) {
	switch x := v.(type) {
	case float64:
		return int64(x), true
	case int:
		return int64(x), true
	case int64:
		return x, true
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		return n, err == nil
	}
	return 0, false
}

// boolean returns a boolean attribute, or def when it is unset or unknown.
func (o obj) boolean(k string, def bool) bool {
	switch x := o.raw(k).(type) {
	case bool:
		return x
	case string:
		if b, err := strconv.ParseBool(x); err == nil {
			return b
		}
		return strings.EqualFold(x, "enable")
	}
	return def
}

// strMap returns a map of strings (tags).
func (o obj) strMap(k string) map[string]string {
	m, _ := o.raw(k).(map[string]any)
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for key, v := range m {
		if s, ok := v.(string); ok {
			out[key] = s
		}
	}
	return out
}

// blocks returns the nested blocks under k. When the plan knows them, each
// value is paired with the configuration block it came from (by its constant
// arguments, since sets are reordered); when the whole set is unknown, the
// blocks are rebuilt from the configuration.
func (o obj) blocks(k string) []obj {
	var cfg []map[string]*tfjson.Expression
	if e := o.exprs[k]; e != nil && e.ExpressionData != nil {
		cfg = e.NestedBlocks
	}
	list, isList := o.vals[k].([]any)
	if m, ok := o.vals[k].(map[string]any); ok {
		list, isList = []any{m}, true
	}
	if !isList || o.unknown(k) {
		out := make([]obj, 0, len(cfg))
		for _, ex := range cfg {
			out = append(out, obj{d: o.d, r: o.r, exprs: ex})
		}
		return out
	}
	unkList, _ := o.unk[k].([]any)
	used := make([]bool, len(cfg))
	out := make([]obj, 0, len(list))
	for i, it := range list {
		m, _ := it.(map[string]any)
		b := obj{d: o.d, r: o.r, vals: m}
		if i < len(unkList) {
			b.unk, _ = unkList[i].(map[string]any)
		}
		if j := matchBlock(m, cfg, used); j >= 0 {
			used[j] = true
			b.exprs = cfg[j]
		}
		out = append(out, b)
	}
	return out
}

// matchBlock finds the first unused configuration block whose constant
// scalar arguments all equal the value's.
func matchBlock(vals map[string]any, cfg []map[string]*tfjson.Expression, used []bool) int {
	for j, ex := range cfg {
		if used[j] {
			continue
		}
		ok := true
		for key, e := range ex {
			if e == nil || e.ExpressionData == nil || e.ConstantValue == tfjson.UnknownConstantValue {
				continue
			}
			switch c := e.ConstantValue.(type) {
			case string, float64, bool:
				if fmt.Sprint(c) != fmt.Sprint(vals[key]) {
					ok = false
				}
			}
		}
		if ok {
			return j
		}
	}
	return -1
}

// evalRefs resolves the references of an expression in r's module, in order.
// count.index and each.key among them mean "the instance with my index".
func (d *doc) evalRefs(r *resource, refs []string, ids bool) []any {
	useIdx := false
	for _, ref := range refs {
		if ref == "count.index" || strings.HasPrefix(ref, "each.") {
			useIdx = true
		}
	}
	var out []any
	for _, ref := range refs {
		out = append(out, d.evalRef(r.Module, ref, r.Index, useIdx, ids, 0)...)
	}
	return out
}

// evalRef resolves one reference ("aws_vpc.main.id", "var.vpc_id",
// "module.vpc.vpc_id", "data.aws_vpc.x.id") in module mod.
func (d *doc) evalRef(mod, ref string, idx any, useIdx, ids bool, depth int) []any {
	if depth > 16 {
		return nil
	}
	segs := splitRef(ref)
	if len(segs) < 2 {
		return nil
	}
	switch segs[0].name {
	case "var":
		return d.evalVar(mod, segs[1].name, ids, depth)
	case "module":
		if len(segs) < 3 {
			return nil
		}
		return d.evalOutput(joinModule(mod, "module."+segs[1].name), segs[2].name, ids, depth)
	case "count", "each", "local", "path", "self", "terraform":
		return nil
	case "data":
		if len(segs) < 3 {
			return nil
		}
		return d.evalResource(baseKey(mod, "data", segs[1].name, segs[2].name), segs[2], segs[3:], idx, useIdx, ids)
	}
	return d.evalResource(baseKey(mod, "managed", segs[0].name, segs[1].name), segs[1], segs[2:], idx, useIdx, ids)
}

func (d *doc) evalVar(mod, name string, ids bool, depth int) []any {
	if normModule(mod) == "" {
		if v, ok := d.vars[name]; ok && v != nil {
			return flattenValue(v)
		}
		return nil
	}
	call := d.calls[normModule(mod)]
	if call == nil {
		return nil
	}
	e := call.Expressions[name]
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	if e.ConstantValue != tfjson.UnknownConstantValue && e.ConstantValue != nil {
		return flattenValue(e.ConstantValue)
	}
	var out []any
	for _, ref := range e.References {
		out = append(out, d.evalRef(parentModule(mod), ref, nil, false, ids, depth+1)...)
	}
	return out
}

func (d *doc) evalOutput(child, name string, ids bool, depth int) []any {
	m := d.modules[normModule(child)]
	if m == nil || m.Outputs[name] == nil {
		return nil
	}
	e := m.Outputs[name].Expression
	if e.ExpressionData == nil {
		return nil
	}
	if e.ConstantValue != tfjson.UnknownConstantValue && e.ConstantValue != nil {
		return flattenValue(e.ConstantValue)
	}
	var out []any
	for _, ref := range e.References {
		out = append(out, d.evalRef(child, ref, nil, false, ids, depth+1)...)
	}
	return out
}

func (d *doc) evalResource(key string, last refSeg, rest []refSeg, idx any, useIdx, ids bool) []any {
	insts := d.byBase[key]
	switch {
	case last.index != "":
		insts = filterIndex(insts, last.index)
	case useIdx && len(insts) > 1:
		if f := filterIndex(insts, indexString(idx)); len(f) > 0 {
			insts = f
		}
	}
	attr := ""
	if len(rest) > 0 {
		attr = rest[0].name
	}
	if !ids && (attr == "" || attr == "id" || attr == "arn") {
		return nil // a resource's ID is no answer for a CIDR or a port
	}
	var out []any
	for _, in := range insts {
		if v := d.attr(in, attr); v != nil {
			out = append(out, v)
		}
	}
	return out
}

// attr returns attribute a of r: its ID for "id", "arn" or the whole
// resource, the known value, or a placeholder for the computed IDs other
// resources point at (a VPC's default_route_table_id, a VPN's TGW attachment).
func (d *doc) attr(r *resource, a string) any {
	if a == "" || a == "id" {
		return d.id(r)
	}
	if v, ok := r.Values[a]; ok && v != nil && v != "" {
		if b, _ := r.Unknown[a].(bool); !b {
			return v
		}
	}
	if a == "arn" {
		return d.id(r)
	}
	if p, ok := attrPrefixes[a]; ok {
		return p + shortHash(d.hashKey(r.Addr+"#"+a), 17)
	}
	return nil
}

// idLike reports whether attribute k holds IDs or ARNs of other resources,
// the only values a reference to a not-yet-created resource can stand for.
func idLike(k string) bool {
	for _, suf := range []string{"_id", "_ids", "_arn", "_arns", "_vgws"} {
		if strings.HasSuffix(k, suf) {
			return true
		}
	}
	switch k {
	case "security_groups", "subnets", "instance", "network_interface", "target", "arn", "id":
		return true
	}
	return false
}

func flattenValue(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	return []any{v}
}

type refSeg struct{ name, index string }

// splitRef splits "module.a.aws_subnet.x[0].id" into segments with their
// index keys (quotes removed).
func splitRef(ref string) []refSeg {
	var out []refSeg
	for _, part := range strings.Split(ref, ".") {
		seg := refSeg{name: part}
		if i := strings.IndexByte(part, '['); i >= 0 && strings.HasSuffix(part, "]") {
			seg.name, seg.index = part[:i], strings.Trim(part[i+1:len(part)-1], `"`)
		}
		out = append(out, seg)
	}
	return out
}

func filterIndex(rs []*resource, idx string) []*resource {
	var out []*resource
	for _, r := range rs {
		if indexString(r.Index) == idx {
			out = append(out, r)
		}
	}
	return out
}

func indexString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case float64:
		return strconv.Itoa(int(x))
	case string:
		return x
	}
	return fmt.Sprint(v)
}

func parentModule(mod string) string {
	i := strings.LastIndex(mod, "module.")
	if i <= 0 {
		return ""
	}
	return strings.TrimSuffix(mod[:i], ".")
}

func shortHash(s string, n int) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])[:n]
}
