package awsjson

import (
	"encoding"
	"encoding/json"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The decoder fills aws-sdk-go-v2 output types straight from a file's bytes.
// It matches members to fields as encoding/json does (exact name first, then
// case-insensitively), keeps the first type mismatch as a
// *json.UnmarshalTypeError and goes on, and skips the members that
// droppedMembers names (timestamps, unions, documents, secrets) instead of
// nulling them in a copy. It exists for speed: encoding/json validates a
// value before decoding it, and the scanner has already validated the file,
// so the 50,000-ENI estate of the performance budget decoded three times
// over. Anything it does not handle itself (a json.Unmarshaler, []byte,
// interfaces) goes to encoding/json, and a test checks that both give the
// same result on every corpus file.

// decodeInto decodes the JSON value data into dst, a pointer. It expects
// valid JSON (the scanner checks it first) and returns the first type
// mismatch, if any. items, when data is an array, is its length (the
// scanner counted it), so the slice of large SDK structs is allocated once.
func decodeInto(data []byte, dst any, field string, items int) error {
	d := &decoder{in: data, items: items}
	if field != "" {
		d.path = []string{field}
	}
	v := reflect.ValueOf(dst).Elem()
	d.value(v, customType(v.Type()))
	if d.err != nil {
		return d.err
	}
	return nil
}

// decodeMember decodes data into the field of the struct *dst that the JSON
// member name selects, as encoding/json would decode {"name": data}.
func decodeMember(data []byte, dst any, name string, items int) error {
	v := reflect.ValueOf(dst).Elem()
	info := structInfoOf(v.Type())
	f := info.field([]byte(name))
	if f == nil || f.drop {
		return nil
	}
	return decodeInto(data, fieldOf(v, f.index).Addr().Interface(), f.name, items)
}

type decoder struct {
	in    []byte
	i     int
	items int      // length of the top-level array, if known
	path  []string // Go field names down to the current value, for type errors
	err   *json.UnmarshalTypeError
}

func (d *decoder) peek() byte {
	for d.i < len(d.in) {
		switch c := d.in[d.i]; c {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return c
		}
	}
	return 0
}

// mismatch records the first type error and skips the value.
func (d *decoder) mismatch(what string, t reflect.Type) {
	if d.err == nil {
		d.err = &json.UnmarshalTypeError{Value: what, Type: t, Offset: int64(d.i), Field: strings.Join(d.path, ".")}
	}
	d.skipValue()
}

// kindOf names a JSON value by its first byte, as encoding/json's errors do.
func kindOf(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	}
	return "number"
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// customType reports whether values of t (or what t points to) decode
// themselves: those go to encoding/json. Callers compute it once per type.
func customType(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	return pt.Implements(jsonUnmarshaler) || pt.Implements(textUnmarshaler)
}

// value decodes one value into v, which is settable; custom is customType(v.Type()).
func (d *decoder) value(v reflect.Value, custom bool) {
	c := d.peek()
	if c == 'n' {
		d.i += len("null")
		switch v.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
			v.SetZero()
		}
		return
	}
	t := v.Type()
	if custom {
		d.fallback(v)
		return
	}
	switch t.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		d.value(v.Elem(), false)
	case reflect.Struct:
		d.object(v, c)
	case reflect.Slice:
		d.array(v, c)
	case reflect.Map:
		d.mapValue(v, c)
	case reflect.String:
		if c != '"' {
			d.mismatch(kindOf(c), t)
			return
		}
		v.SetString(d.str())
	case reflect.Bool:
		if c != 't' && c != 'f' {
			d.mismatch(kindOf(c), t)
			return
		}
		v.SetBool(c == 't')
		d.i += len("false")
		if c == 't' {
			d.i -= len("false") - len("true")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		d.number(v, c)
	default:
		d.fallback(v)
	}
}

// fallback hands one value to encoding/json.
func (d *decoder) fallback(v reflect.Value) {
	start := d.i
	d.skipValue()
	if err := json.Unmarshal(d.in[start:d.i], v.Addr().Interface()); err != nil && d.err == nil {
		d.err = &json.UnmarshalTypeError{Value: "value", Type: v.Type(), Offset: int64(start), Field: strings.Join(d.path, ".")}
	}
}

func (d *decoder) object(v reflect.Value, c byte) {
	if c != '{' {
		d.mismatch(kindOf(c), v.Type())
		return
	}
	info := structInfoOf(v.Type())
	next := 0
	d.members(func(name []byte) {
		// CLI output and SDK structs both list members alphabetically, so
		// the field after the last one matched is the first guess.
		var f *fieldInfo
		if next < len(info.order) && info.order[next].member == string(name) {
			f = info.order[next]
		} else {
			f = info.field(name)
		}
		if f != nil {
			next = f.pos + 1
		}
		if f == nil || f.drop {
			d.skipValue()
			return
		}
		d.path = append(d.path, f.name)
		d.value(fieldOf(v, f.index), f.custom)
		d.path = d.path[:len(d.path)-1]
	})
}

// members calls fn for each member of the object at d.i with the member's
// name, which is valid only during the call.
func (d *decoder) members(fn func(name []byte)) {
	d.i++ // {
	for {
		c := d.peek()
		if c == '}' || c == 0 {
			d.i++
			return
		}
		if c == ',' {
			d.i++
			continue
		}
		name := d.key()
		d.peek()
		d.i++ // :
		d.peek()
		fn(name)
	}
}

// key reads a member name; plain ASCII names are the input's own bytes.
func (d *decoder) key() []byte {
	start := d.i + 1
	for j := start; j < len(d.in); j++ {
		switch c := d.in[j]; {
		case c == '"':
			d.i = j + 1
			return d.in[start:j]
		case c == '\\' || c >= utf8.RuneSelf:
			return []byte(d.str())
		}
	}
	d.i = len(d.in)
	return nil
}

func (d *decoder) array(v reflect.Value, c byte) {
	t := v.Type()
	if c != '[' || t.Elem().Kind() == reflect.Uint8 {
		if c == '"' && t.Elem().Kind() == reflect.Uint8 {
			d.fallback(v) // base64, as encoding/json reads []byte
			return
		}
		d.mismatch(kindOf(c), t)
		return
	}
	d.i++ // [
	n, custom := 0, customType(t.Elem())
	if v.IsNil() {
		v.Set(reflect.MakeSlice(t, 0, d.items)) // [] is an empty slice, not nil, as in encoding/json
	}
	d.items = 0
	for {
		c := d.peek()
		if c == ']' || c == 0 {
			d.i++
			break
		}
		if c == ',' {
			d.i++
			continue
		}
		if n == v.Cap() {
			v.Grow(max(1, n)) // most lists (groups, tags, addresses) hold one item
		}
		v.SetLen(n + 1)
		d.value(v.Index(n), custom)
		n++
	}
	v.SetLen(n)
}

func (d *decoder) mapValue(v reflect.Value, c byte) {
	t := v.Type()
	if t.Key().Kind() != reflect.String || reflect.PointerTo(t.Key()).Implements(textUnmarshaler) {
		d.fallback(v)
		return
	}
	if c != '{' {
		d.mismatch(kindOf(c), t)
		return
	}
	if v.IsNil() {
		v.Set(reflect.MakeMap(t))
	}
	custom := customType(t.Elem())
	d.members(func(name []byte) {
		elem := reflect.New(t.Elem()).Elem()
		d.value(elem, custom)
		v.SetMapIndex(reflect.ValueOf(string(name)).Convert(t.Key()), elem)
	})
}

func (d *decoder) number(v reflect.Value, c byte) {
	if c != '-' && (c < '0' || c > '9') {
		d.mismatch(kindOf(c), v.Type())
		return
	}
	start := d.i
	for d.i < len(d.in) && strings.IndexByte("+-.eE0123456789", d.in[d.i]) >= 0 {
		d.i++
	}
	lit := string(d.in[start:d.i])
	var err error
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		var n int64
		if n, err = strconv.ParseInt(lit, 10, 64); err == nil && v.OverflowInt(n) {
			err = strconv.ErrRange
		} else if err == nil {
			v.SetInt(n)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		var n uint64
		if n, err = strconv.ParseUint(lit, 10, 64); err == nil && v.OverflowUint(n) {
			err = strconv.ErrRange
		} else if err == nil {
			v.SetUint(n)
		}
	default:
		var f float64
		if f, err = strconv.ParseFloat(lit, v.Type().Bits()); err == nil {
			v.SetFloat(f)
		}
	}
	if err != nil && d.err == nil {
		d.err = &json.UnmarshalTypeError{Value: "number " + lit, Type: v.Type(), Offset: int64(start), Field: strings.Join(d.path, ".")}
	}
}

// str reads a string value. Plain ASCII is copied as is; anything with
// escapes or other bytes goes through encoding/json, which also replaces
// invalid UTF-8 as it does everywhere else.
func (d *decoder) str() string {
	start := d.i
	plain := true
	j := start + 1
	for ; j < len(d.in); j++ {
		c := d.in[j]
		if c == '"' {
			break
		}
		if c == '\\' {
			plain = false
			j++
		} else if c >= utf8.RuneSelf {
			plain = false
		}
	}
	d.i = min(j+1, len(d.in))
	if plain {
		return string(d.in[start+1 : min(j, len(d.in))])
	}
	var s string
	_ = json.Unmarshal(d.in[start:d.i], &s)
	return s
}

// skipValue moves past one value.
func (d *decoder) skipValue() {
	depth := 0
	for d.i < len(d.in) {
		switch c := d.in[d.i]; c {
		case '"':
			d.skipString()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth <= 0 {
				d.i++
				return
			}
		case ',', ':', ' ', '\t', '\n', '\r':
			if depth == 0 && (c == ',' || c == ':') {
				return
			}
		default:
			if depth == 0 {
				for d.i < len(d.in) && strings.IndexByte(",}] \t\r\n", d.in[d.i]) < 0 {
					d.i++
				}
				return
			}
		}
		d.i++
	}
}

func (d *decoder) skipString() {
	for d.i++; d.i < len(d.in); d.i++ {
		switch d.in[d.i] {
		case '\\':
			d.i++
		case '"':
			d.i++
			return
		}
	}
}

// fieldInfo is one decodable field of a struct.
type fieldInfo struct {
	member string // the JSON member name
	pos    int    // index in structInfo.order
	name   string
	index  []int // through embedded structs, as reflect.Value.FieldByIndex
	depth  int
	drop   bool // its member name is one droppedMembers lists
	custom bool // customType of the field's type
}

// structInfo finds a struct's fields by member name.
type structInfo struct {
	order []*fieldInfo // the decodable fields in declaration order
	exact map[string]*fieldInfo
	fold  map[string]*fieldInfo // lower-case name; the first field wins, as in encoding/json
}

var structInfos sync.Map // reflect.Type -> *structInfo

func structInfoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{exact: map[string]*fieldInfo{}, fold: map[string]*fieldInfo{}}
	byName := map[string][]*fieldInfo{}
	var names []string
	collectFields(t, nil, byName, &names)
	for _, name := range names {
		// encoding/json's rule: the shallowest field wins; two at that depth cancel out.
		fs := byName[name]
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].depth < fs[j].depth })
		if len(fs) > 1 && fs[1].depth == fs[0].depth {
			continue
		}
		fs[0].member, fs[0].pos = name, len(si.order)
		si.order = append(si.order, fs[0])
		si.exact[name] = fs[0]
		if l := strings.ToLower(name); si.fold[l] == nil {
			si.fold[l] = fs[0]
		}
	}
	actual, _ := structInfos.LoadOrStore(t, si)
	return actual.(*structInfo)
}

// collectFields lists the fields of t and of the structs it embeds (the SDK
// embeds an output type in the Batfish wrappers), breadth first, in field order.
func collectFields(t reflect.Type, at []int, byName map[string][]*fieldInfo, names *[]string) {
	drop := droppedMembers()
	var embedded []reflect.StructField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		index := append(append([]int(nil), at...), i)
		if f.Anonymous && f.Type.Kind() == reflect.Struct && f.Tag.Get("json") == "" {
			f.Index = index
			embedded = append(embedded, f)
			continue
		}
		name, ok := memberName(f)
		if !ok {
			continue
		}
		if byName[name] == nil {
			*names = append(*names, name)
		}
		byName[name] = append(byName[name], &fieldInfo{name: f.Name, index: index, depth: len(at), drop: drop[name], custom: customType(f.Type)})
	}
	for _, f := range embedded {
		collectFields(f.Type, f.Index, byName, names)
	}
}

// fieldOf is v.FieldByIndex for the non-pointer embedding collectFields follows.
func fieldOf(v reflect.Value, index []int) reflect.Value {
	for _, i := range index {
		v = v.Field(i)
	}
	return v
}

// memberName is the JSON member name of an exported field. The SDK types
// have no json tags; a tag is honoured as encoding/json reads it.
func memberName(f reflect.StructField) (string, bool) {
	if !f.IsExported() || (f.Anonymous && f.Type.Kind() != reflect.Struct) {
		return "", false
	}
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", false
	}
	if name, _, _ := strings.Cut(tag, ","); name != "" {
		return name, true
	}
	return f.Name, true
}

// field finds the field of member name: exact match first, then any case.
func (si *structInfo) field(name []byte) *fieldInfo {
	if f := si.exact[string(name)]; f != nil {
		return f
	}
	var buf [64]byte
	if len(name) > len(buf) {
		return si.fold[strings.ToLower(string(name))]
	}
	b := buf[:len(name)]
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return si.fold[string(b)]
}
