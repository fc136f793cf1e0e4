package model

import "net/netip"

// Index finds resources by ID, ARN, name and owned IP address. Build it with
// NewIndex after the snapshot is complete; it does not follow later changes.
type Index struct {
	byID   map[string]Resource
	byName map[string][]Resource
	byIP   map[netip.Addr][]*ENI
}

// NewIndex indexes every resource of s.
func NewIndex(s *Snapshot) *Index {
	ix := &Index{byID: map[string]Resource{}, byName: map[string][]Resource{}, byIP: map[netip.Addr][]*ENI{}}
	s.Each(func(_ *KindInfo, r Resource) {
		m := r.Base()
		if m.ID != "" {
			if _, dup := ix.byID[m.ID]; !dup {
				ix.byID[m.ID] = r
			}
		}
		if m.ARN != "" {
			ix.byID[m.ARN] = r
		}
		if m.Name != "" && m.Name != m.ID {
			ix.byName[m.Name] = append(ix.byName[m.Name], r)
		}
	})
	for _, e := range s.ENIs {
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
	return ix
}

// ByID returns the resource with this ID or ARN.
func (ix *Index) ByID(id string) (Resource, bool) {
	r, ok := ix.byID[id]
	return r, ok
}

// ByName returns the resources whose Name is name.
func (ix *Index) ByName(name string) []Resource { return ix.byName[name] }

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
	return ix.byName[ref]
}

// Lookup returns the resource of type T with this ID, or the unique one of
// type T with this name.
func Lookup[T Resource](ix *Index, ref string) (T, bool) {
	var zero T
	if r, ok := ix.byID[ref]; ok {
		t, ok := r.(T)
		return t, ok
	}
	var found T
	n := 0
	for _, r := range ix.byName[ref] {
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
