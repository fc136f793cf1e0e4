package awsjson

import (
	"reflect"
	"strconv"
)

// dropEmpty removes the elements of the handler's list that decoded to
// nothing: a number, string or bool where the CLI prints an object, an empty
// object, or a --query projection with names of its own ({"ID": ...}). Such
// an element carries no identifier, so keeping it would invent a nameless
// resource and a cascade of follow-on errors; instead the first one is a
// warning with its position and the rest are counted in it.
func (c *fileCtx) dropEmpty(out any, key string, elems []pos) []pos {
	v := reflect.ValueOf(out).Elem()
	f := structInfoOf(v.Type()).field([]byte(key))
	if f == nil || f.drop {
		return elems
	}
	list := fieldOf(v, f.index)
	if list.Kind() != reflect.Slice || list.Len() != len(elems) {
		return elems
	}
	kept, keptAt := 0, elems[:0:0]
	first, dropped := -1, 0
	for i := range list.Len() {
		if e := list.Index(i); e.IsZero() || (e.Kind() == reflect.Pointer && e.Elem().IsZero()) {
			if first < 0 {
				first = i
			}
			dropped++
			continue
		}
		list.Index(kept).Set(list.Index(i))
		keptAt = append(keptAt, elems[i])
		kept++
	}
	if dropped == 0 {
		return elems
	}
	list.SetLen(kept)
	more := ""
	if dropped > 1 {
		more = " (and " + strconv.Itoa(dropped-1) + " more elements like it)"
	}
	c.diags.Warnf(c.src(elems[first]), "", "%s: %s[%d] has none of the fields the AWS CLI prints there (not an object, empty, or a --query projection with its own names), so it names no resource; skipped%s",
		c.path, key, first, more)
	return keptAt
}
