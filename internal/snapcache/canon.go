package snapcache

import "reflect"

// Canonical makes v (a pointer) the same as what decoding its entry gives:
// gob writes an empty slice or map as nothing and reads it back as nil, so
// empty ones are set to nil everywhere (the model means the same by both:
// no rules, no tags). Loads with and without the cache then hand the
// commands identical snapshots.
func Canonical(v any) {
	c := canonicalizer{memo: map[reflect.Type]bool{}, fields: map[reflect.Type][]int{}}
	c.canon(reflect.ValueOf(v))
}

// canonicalizer remembers which types can hold slices or maps, and which
// fields of each struct type do (the walk skips the others: most are strings).
type canonicalizer struct {
	memo   map[reflect.Type]bool
	fields map[reflect.Type][]int
}

// refFields lists the exported fields of struct type t that can hold a slice or map.
func (c canonicalizer) refFields(t reflect.Type) []int {
	if fs, ok := c.fields[t]; ok {
		return fs
	}
	fs := []int{}
	for i := range t.NumField() {
		if t.Field(i).IsExported() && c.hasRefs(t.Field(i).Type) {
			fs = append(fs, i)
		}
	}
	c.fields[t] = fs
	return fs
}

func (c canonicalizer) canon(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			c.canon(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		if t.PkgPath() == "net/netip" || t.PkgPath() == "time" {
			return
		}
		for _, i := range c.refFields(t) {
			c.canon(v.Field(i))
		}
	case reflect.Slice:
		if v.Len() == 0 {
			if !v.IsNil() && v.CanSet() {
				v.Set(reflect.Zero(v.Type()))
			}
			return
		}
		if c.hasRefs(v.Type().Elem()) {
			for i := range v.Len() {
				c.canon(v.Index(i))
			}
		}
	case reflect.Map:
		if v.Len() == 0 && !v.IsNil() && v.CanSet() {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		c.canonMap(v)
	}
}

// canonMap canonicalises the values of a map that can hold slices or maps.
func (c canonicalizer) canonMap(m reflect.Value) {
	et := m.Type().Elem()
	if !c.hasRefs(et) {
		return
	}
	it := m.MapRange()
	for it.Next() {
		e := reflect.New(et).Elem()
		e.Set(it.Value())
		c.canon(e)
		m.SetMapIndex(it.Key(), e)
	}
}

// hasRefs reports whether values of t can hold a slice, map or pointer.
func (c canonicalizer) hasRefs(t reflect.Type) bool {
	if r, ok := c.memo[t]; ok {
		return r
	}
	c.memo[t] = true // a recursive type holds a pointer: true is right
	r := false
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		r = true
	case reflect.Struct:
		if t.PkgPath() == "net/netip" {
			break
		}
		for i := range t.NumField() {
			if t.Field(i).IsExported() && c.hasRefs(t.Field(i).Type) {
				r = true
			}
		}
	case reflect.Array:
		r = c.hasRefs(t.Elem())
	}
	c.memo[t] = r
	return r
}
