package diff

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

// sameConfig reports whether two versions of a resource agree on every
// field compare looks at: every exported field outside the noise keys, at
// any depth, and the Name tag. It is the fast path of resourceChanges: it
// walks the values in place instead of rendering them as JSON, and it may
// say "differ" where the JSON forms agree (an empty against a nil list),
// never the reverse, so a "differ" goes through compare.
func sameConfig(a, b any) bool {
	x, y := reflect.ValueOf(a), reflect.ValueOf(b)
	if x.Type() != y.Type() {
		return false
	}
	return sameValue(x, y)
}

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

func sameValue(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		if a.Kind() == reflect.Interface && a.Elem().Type() != b.Elem().Type() {
			return false
		}
		return sameValue(a.Elem(), b.Elem())
	case reflect.Struct:
		return sameStruct(a, b)
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		it := a.MapRange()
		for it.Next() {
			v := b.MapIndex(it.Key())
			if !v.IsValid() || !sameValue(it.Value(), v) {
				return false
			}
		}
		return true
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return a.Uint() == b.Uint()
	case reflect.Float32, reflect.Float64:
		return a.Float() == b.Float()
	}
	return false // channels, functions, ...: never in the model; compare decides
}

// sameStruct compares the fields JSON would write; a type with its own
// marshaling (netip.Prefix, ...) is compared field by field, unexported ones
// too, since its text depends on them all.
func sameStruct(a, b reflect.Value) bool {
	for _, i := range compared(a.Type()) {
		if !sameValue(a.Field(i), b.Field(i)) {
			return false
		}
	}
	return true
}

// fieldsOf caches compared per struct type.
var fieldsOf sync.Map // reflect.Type -> []int

// compared lists the indexes of the fields of struct type t that sameStruct compares.
func compared(t reflect.Type) []int {
	if v, ok := fieldsOf.Load(t); ok {
		return v.([]int)
	}
	whole := reflect.PointerTo(t).Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(textMarshaler)
	var out []int
	for i := range t.NumField() {
		if !whole {
			name, skip := jsonName(t.Field(i))
			if skip || noise[name] {
				continue
			}
		}
		out = append(out, i)
	}
	fieldsOf.Store(t, out)
	return out
}

// jsonName is the key encoding/json writes a field under; skip is set for
// fields it leaves out (unexported, "-"). Embedded structs are walked.
func jsonName(f reflect.StructField) (name string, skip bool) {
	tag := f.Tag.Get("json")
	if tag == "-" {
		return "", true
	}
	name, _, _ = strings.Cut(tag, ",")
	if f.Anonymous && name == "" {
		return "", false
	}
	if !f.IsExported() {
		return "", true
	}
	if name == "" {
		name = f.Name
	}
	return name, false
}
