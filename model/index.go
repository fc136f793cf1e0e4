package model

import (
	"net/netip"
	"slices"
	"sync"
)

// Index finds resources by ID, ARN, name and owned IP address. Build it with
// NewIndex after the snapshot is complete; it does not follow later changes.
type Index struct {
	byID map[string]Resource
	// byName holds the first resource of each name; names shared by several
	// resources are also in shared, with all of them. Most names are unique,
	// and a slice per name was most of the index's cost on large estates.
	byName map[string]Resource
	shared map[string][]Resource
	byIP   map[netip.Addr][]*ENI
}

// NewIndex indexes every resource of s. The three maps are filled
// concurrently: on a 100,000-resource estate each takes about as long as
// the others, and loads build two indexes (Derive, Validate).
func NewIndex(s *Snapshot) *Index {
	// Sized up front: growing maps of 100,000 entries costs more than filling them.
	n := s.Len()
	ix := &Index{byID: make(map[string]Resource, n), byName: make(map[string]Resource, n), shared: map[string][]Resource{},
		byIP: make(map[netip.Addr][]*ENI, len(s.ENIs))}
	var wg sync.WaitGroup
	wg.Go(func() { s.Each(func(_ *KindInfo, r Resource) { ix.addID(r) }) })
	wg.Go(func() {
		s.Each(func(_ *KindInfo, r Resource) {
			m := r.Base()
			if m.Name != "" && m.Name != m.ID {
				ix.addName(m.Name, r)
			}
			// The names people know a template's or plan's resources by,
			// besides a Name tag: a scenario overlay says "vpc: MyVPC".
			for _, k := range aliasTags {
				if a := m.Tags[k]; a != "" && a != m.Name && a != m.ID {
					ix.addName(a, r)
				}
			}
		})
	})
	ix.addIPs(s.ENIs)
	wg.Wait()
	return ix
}

// indexCache is the index IndexOf built for a snapshot and what it was built
// from: the snapshot's address (a copy of the struct is another snapshot,
// which may have had resources swapped) and the number of resources of each
// kind.
type indexCache struct {
	ix    *Index
	owner *Snapshot
	sizes []int
}

// ForgetIndex drops the index IndexOf keeps with s (it is rebuilt on the
// next call). Comparisons of whole snapshots use it: the cache is derived
// data, not part of what the snapshot says.
func (s *Snapshot) ForgetIndex() { s.index = nil }

// IndexOf returns an index of s: the one the last IndexOf call on s built,
// when no kind has gained or lost resources since, or a new one. Loading
// validates with it and compiling reuses it rather than indexing half a
// million resources a third time. Code that changes the IDs, names, tags or
// addresses of resources in place (Derive does) uses NewIndex instead.
func IndexOf(s *Snapshot) *Index {
	sizes := make([]int, len(Kinds))
	for i, k := range Kinds {
		sizes[i] = k.size(s)
	}
	if c := s.index; c != nil && c.owner == s && slices.Equal(c.sizes, sizes) {
		return c.ix
	}
	ix := NewIndex(s)
	s.index = &indexCache{ix: ix, owner: s, sizes: sizes}
	return ix
}

// aliasTags hold the other names of a resource: its CloudFormation logical ID
// and its Terraform address.
var aliasTags = []string{"aws:cloudformation:logical-id", "terraform:address"}

// addID indexes r by ID (the first resource of an ID wins) and ARN.
func (ix *Index) addID(r Resource) {
	m := r.Base()
	if m.ID != "" {
		if _, dup := ix.byID[m.ID]; !dup {
			ix.byID[m.ID] = r
		}
	}
	if m.ARN != "" {
		ix.byID[m.ARN] = r
	}
}

func (ix *Index) addIPs(enis []*ENI) {
	for _, e := range enis {
		for _, ip := range e.PrivateIPs {
			ix.byIP[ip] = append(ix.byIP[ip], e)
		}
		for _, ip := range e.IPv6 {
			ix.byIP[ip] = append(ix.byIP[ip], e)
		}
		for _, m := range e.PublicIPs {
			ix.byIP[m.PublicIP] = append(ix.byIP[m.PublicIP], e)
		}
	}
}

func (ix *Index) addName(name string, r Resource) {
	first, ok := ix.byName[name]
	switch {
	case !ok:
		ix.byName[name] = r
	case ix.shared[name] == nil:
		ix.shared[name] = []Resource{first, r}
	default:
		ix.shared[name] = append(ix.shared[name], r)
	}
}

// ByID returns the resource with this ID or ARN.
func (ix *Index) ByID(id string) (Resource, bool) {
	r, ok := ix.byID[id]
	return r, ok
}

// ByName returns the resources whose Name is name.
func (ix *Index) ByName(name string) []Resource {
	if rs := ix.shared[name]; rs != nil {
		return rs
	}
	if r, ok := ix.byName[name]; ok {
		return []Resource{r}
	}
	return nil
}

// ENIByIP returns the first ENI that owns ip (private, IPv6 or public).
func (ix *Index) ENIByIP(ip netip.Addr) (*ENI, bool) {
	es := ix.byIP[ip]
	if len(es) == 0 {
		return nil, false
	}
	return es[0], true
}

// ENIsByIP returns every ENI that owns ip: more than one when VPCs overlap.
func (ix *Index) ENIsByIP(ip netip.Addr) []*ENI { return ix.byIP[ip] }

// Find resolves a reference by ID or ARN first, then by name. It returns every
// match, so callers can report ambiguity.
func (ix *Index) Find(ref string) []Resource {
	if r, ok := ix.byID[ref]; ok {
		return []Resource{r}
	}
	return ix.ByName(ref)
}

// Lookup returns the resource of type T with this ID, or the unique one of
// type T with this name.
func Lookup[T Resource](ix *Index, ref string) (T, bool) {
	var zero T
	if r, ok := ix.byID[ref]; ok {
		t, ok := r.(T)
		return t, ok
	}
	if _, shared := ix.shared[ref]; !shared {
		t, ok := ix.byName[ref].(T)
		return t, ok
	}
	var found T
	n := 0
	for _, r := range ix.shared[ref] {
		if t, ok := r.(T); ok {
			found = t
			n++
		}
	}
	if n == 1 {
		return found, true
	}
	return zero, false
}
