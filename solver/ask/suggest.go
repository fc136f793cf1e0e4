package ask

import (
	"slices"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// aliasTable indexes the names people use for resources besides ID, ARN and
// Name tag: CloudFormation logical IDs, Terraform addresses, load balancer
// names and DNS names, and IDs in any letter case.
func aliasTable(s *model.Snapshot) map[string][]model.Resource {
	out := map[string][]model.Resource{}
	add := func(key string, r model.Resource) {
		if key == "" {
			return
		}
		for _, x := range out[key] {
			if x == r {
				return
			}
		}
		out[key] = append(out[key], r)
	}
	s.Each(func(_ *model.KindInfo, r model.Resource) {
		m := r.Base()
		add(m.Tags["aws:cloudformation:logical-id"], r)
		add(m.Tags["terraform:address"], r)
		add(strings.ToLower(m.ID), r)
		if lb, ok := r.(*model.LoadBalancer); ok {
			add(lb.LBName, r)
			add(strings.ToLower(lb.DNSName), r)
		}
	})
	return out
}

// suggest returns the three names of the snapshot nearest to name by edit
// distance (a name that contains what was typed counts as near), and
// whether the nearest is close enough to be a likely typo.
func (k *Asker) suggest(name string) ([]string, bool) {
	want := strings.ToLower(name)
	close := max(2, len(want)/3)
	cutoff := max(close, len(want)) // farther than that says nothing
	type cand struct {
		s string
		d int
	}
	var cs []cand
	for _, c := range k.candidates() {
		lc := strings.ToLower(c)
		d := distance(want, lc, cutoff)
		if d > close && len(want) >= 3 && strings.Contains(lc, want) {
			d = close // typed a part of it
		}
		if _, svc := slices.BinarySearch(serviceWords, c); svc && d > close {
			continue // a far service word is no help
		}
		if d <= cutoff {
			cs = append(cs, cand{c, d})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].d != cs[j].d {
			return cs[i].d < cs[j].d
		}
		return cs[i].s < cs[j].s
	})
	near := len(cs) > 0 && cs[0].d <= close
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		if near && cs[i].d > close {
			break // a likely typo: only the names as near as that
		}
		out = append(out, cs[i].s)
	}
	return out, near
}

// candidates lists every name Resolve accepts (built on the first error).
func (k *Asker) candidates() []string {
	k.candOnce.Do(func() {
		seen := map[string]bool{}
		add := func(s string) {
			if s != "" && !seen[s] {
				seen[s] = true
				k.cands = append(k.cands, s)
			}
		}
		add("internet")
		if len(k.n.Sites) > 0 {
			add("onprem")
		}
		k.n.Snap.Each(func(_ *model.KindInfo, r model.Resource) {
			m := r.Base()
			add(m.ID)
			add(m.Name)
		})
		for a := range k.aliases {
			if a != "" && !seen[strings.ToLower(a)] {
				add(a)
			}
		}
		for _, a := range k.n.Snap.RestAPIs {
			add(a.APIName)
		}
		for _, a := range k.n.Snap.HTTPAPIs {
			add(a.APIName)
		}
		for _, w := range serviceWords {
			add(w)
		}
		sort.Strings(k.cands)
	})
	return k.cands
}

// distance is the Levenshtein distance of a and b, or limit+1 when it is
// larger (the rows stop early).
func distance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
