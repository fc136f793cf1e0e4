package model

import (
	"encoding/json"
	"sort"
	"strings"
)

// Conflicts reports every resource ID that two inputs define with different
// content: Dedup keeps the last definition (an overlay replaces what an
// earlier source said), and a warning at the later one names both positions,
// the fields that differ and which one is used. Identical copies (the same
// peering connection in both accounts' data) are not conflicts. Call it
// before Dedup.
func (s *Snapshot) Conflicts() Diagnostics {
	var ds Diagnostics
	for _, k := range Kinds {
		if k.Name == "transit-gateway-attachment" { // one ID, two sides: not duplicates (R5.1)
			continue
		}
		byID, ids := duplicates(k.list(s))
		for _, id := range ids {
			rs := byID[id]
			used := rs[len(rs)-1]
			for _, r := range rs[:len(rs)-1] {
				if diff := differingFields(r, used); len(diff) > 0 {
					ub, rb := used.Base().Source, r.Base().Source
					ds.Warnf(ub, id, "%s %s is defined twice with different %s: at %s and at %s; the later one (%s) is used",
						k.Name, id, strings.Join(diff, ", "), where(rb), where(ub), where(ub))
				}
			}
		}
	}
	return ds
}

// duplicates groups the resources whose ID occurs more than once, in input
// order, and lists those IDs in the order they first occur. Most IDs occur
// once, so only their first position is kept (a slice per ID was most of the
// cost at 500,000 resources).
func duplicates(rs []Resource) (map[string][]Resource, []string) {
	first := make(map[string]int, len(rs))
	var byID map[string][]Resource
	var ids []string
	for i, r := range rs {
		id := r.Base().ID
		if id == "" {
			continue
		}
		j, seen := first[id]
		if !seen {
			first[id] = i
			continue
		}
		if byID == nil {
			byID = map[string][]Resource{}
		}
		if byID[id] == nil {
			byID[id] = []Resource{rs[j]}
			ids = append(ids, id)
		}
		byID[id] = append(byID[id], r)
	}
	sort.SliceStable(ids, func(a, b int) bool { return first[ids[a]] < first[ids[b]] })
	return byID, ids
}

func where(s Source) string {
	if w := s.String(); w != "" {
		return w
	}
	return "an input without a position"
}

// differingFields names the top-level fields (JSON names) in which a and b
// differ, leaving out where they come from (source, assumptions).
func differingFields(a, b Resource) []string {
	ma, mb := fieldsOf(a), fieldsOf(b)
	var out []string
	for k, va := range ma {
		if vb, ok := mb[k]; !ok || string(va) != string(vb) {
			out = append(out, k)
		}
	}
	for k := range mb {
		if _, ok := ma[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

func fieldsOf(r Resource) map[string]json.RawMessage {
	data, err := json.Marshal(r)
	m := map[string]json.RawMessage{}
	if err != nil || json.Unmarshal(data, &m) != nil {
		return m
	}
	delete(m, "source")
	delete(m, "assumed")
	return m
}
