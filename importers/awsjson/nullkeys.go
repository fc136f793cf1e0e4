package awsjson

import (
	"reflect"
	"strings"
	"sync"
	"time"
)

// The AWS CLI prints timestamps as "2017-11-10 06:01:03+00:00", API Gateway
// as epoch seconds; encoding/json accepts only RFC 3339 in a time.Time. SDK
// unions and documents are interfaces, which encoding/json cannot fill. No
// model field needs either, so their values are replaced by null while the
// file is scanned. The names are found by reflection over every SDK type the
// importer decodes, so a new SDK version needs no list kept by hand.

var (
	nullsOnce sync.Once
	nullNames map[string]bool
)

var timeType = reflect.TypeOf(time.Time{})

// droppedMembers returns the JSON member names whose values are dropped, in
// the spellings encoding/json would match them (it matches case-insensitively;
// we list the exact, lower-first and lower-case forms).
func droppedMembers() map[string]bool {
	nullsOnce.Do(func() {
		nullNames = map[string]bool{}
		seen := map[reflect.Type]bool{}
		for _, h := range handlers {
			collectDropped(reflect.TypeOf(h.target()), seen, nullNames)
		}
		// Lambda environment variables often hold secrets: never decode them.
		for _, n := range []string{"Environment", "environment"} {
			nullNames[n] = true
		}
	})
	return nullNames
}

func collectDropped(t reflect.Type, seen map[reflect.Type]bool, out map[string]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] || t == timeType {
		return
	}
	seen[t] = true
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if dropType(f.Type) {
			out[f.Name] = true
			out[strings.ToLower(f.Name[:1])+f.Name[1:]] = true
			out[strings.ToLower(f.Name)] = true
			continue
		}
		collectDropped(f.Type, seen, out)
	}
}

// dropType reports whether values of t cannot come from CLI JSON: times and interfaces.
func dropType(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
		t = t.Elem()
	}
	return t == timeType || t.Kind() == reflect.Interface
}
