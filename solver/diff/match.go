package diff

import (
	"reflect"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// placeholder reports whether m's ID was made up by an importer (templates,
// plans, derived defaults): such resources are matched by stable key.
func placeholder(m *model.Meta) bool {
	if strings.Contains(m.ID, "-derived-") {
		return true
	}
	for _, a := range m.Assumed {
		if strings.HasPrefix(a, "ID known only after") || strings.Contains(a, "not in the input") {
			return true
		}
	}
	return false
}

// matcher pairs intended resources with live ones and records the renames.
type matcher struct {
	in, live *model.Snapshot
	rename   map[string]string // intended ID -> live ID
	taken    map[string]bool   // live IDs paired by a key
	byID     map[string]bool   // live IDs paired by the same ID
	how      map[string]string // live ID -> how it was paired by a key ("logical-id", "key", "name")
}

// matchIDs pairs the resources of both snapshots kind by kind and returns
// intended ID -> live ID for the pairs whose IDs differ.
func matchIDs(in, live *model.Snapshot) *matcher {
	m := &matcher{in: in, live: live, rename: map[string]string{}, taken: map[string]bool{}, byID: map[string]bool{}, how: map[string]string{}}
	// Two passes: an interface's key names its owner (an endpoint, listed
	// after interfaces), so the second pass sees the first pass's renames.
	for pass := 0; pass < 2; pass++ {
		for _, k := range model.Kinds {
			m.matchKind(k)
		}
		if len(m.rename) == 0 {
			break // nothing renamed: a second pass would pair the same
		}
	}
	return m
}

func (m *matcher) ref(id string) string {
	if r, ok := m.rename[id]; ok {
		return r
	}
	return id
}

func (m *matcher) matchKind(k *model.KindInfo) {
	lives := k.List(m.live)
	byID := make(map[string]bool, len(lives))
	for _, r := range lives {
		byID[r.Base().ID] = true
	}
	var pending []model.Resource
	for _, r := range k.List(m.in) {
		id := r.Base().ID
		if _, done := m.rename[id]; done {
			continue
		}
		if byID[id] {
			m.byID[id] = true // paired by ID: how is "id", the live one is taken
			continue
		}
		pending = append(pending, r)
	}
	for _, key := range []struct {
		how string
		fn  func(model.Resource) string
	}{{"logical-id", logicalKey}, {"key", m.structKey}, {"name", nameKey}} {
		pending = m.pairBy(key.how, key.fn, pending, lives)
	}
}

// matchedBy says how the live resource id was paired ("" when it was not).
func (m *matcher) matchedBy(id string) string {
	if h, ok := m.how[id]; ok {
		return h
	}
	if m.byID[id] {
		return "id"
	}
	return ""
}

func (m *matcher) isTaken(id string) bool { return m.taken[id] || m.byID[id] }

// pairBy pairs pending intended resources with untaken live ones whose key is
// equal and unique on both sides; it returns the still unpaired ones.
func (m *matcher) pairBy(how string, key func(model.Resource) string, pending, lives []model.Resource) []model.Resource {
	if len(pending) == 0 {
		return nil
	}
	liveBy := map[string][]model.Resource{}
	for _, r := range lives {
		if k := key(r); k != "" && !m.isTaken(r.Base().ID) {
			liveBy[k] = append(liveBy[k], r)
		}
	}
	inBy := map[string]int{}
	for _, r := range pending {
		if k := key(r); k != "" {
			inBy[k]++
		}
	}
	var rest []model.Resource
	for _, r := range pending {
		k := key(r)
		if k == "" || inBy[k] != 1 || len(liveBy[k]) != 1 {
			rest = append(rest, r)
			continue
		}
		lid := liveBy[k][0].Base().ID
		m.rename[r.Base().ID], m.taken[lid], m.how[lid] = lid, true, how
	}
	return rest
}

// logicalKey is CloudFormation's logical ID, with the stack when known.
func logicalKey(r model.Resource) string {
	t := r.Base().Tags
	if t["aws:cloudformation:logical-id"] == "" {
		return ""
	}
	return t["aws:cloudformation:logical-id"]
}

// nameKey is the Name tag (not a name an importer made up from an ID).
func nameKey(r model.Resource) string {
	m := r.Base()
	if m.Tags["Name"] == "" {
		return ""
	}
	return m.Tags["Name"]
}

// structKey identifies a resource by what it is attached to and its ranges;
// references are first mapped into the live ID space.
func (m *matcher) structKey(r model.Resource) string {
	switch x := r.(type) {
	case *model.VPC:
		return x.PrimaryCIDR().String()
	case *model.Subnet:
		return m.ref(x.VPC) + "|" + x.CIDR.String()
	case *model.RouteTable:
		return m.routeTableKey(x)
	case *model.NetworkACL:
		if x.IsDefault {
			return m.ref(x.VPC) + "|default"
		}
		return m.ref(x.VPC) + "|" + m.refs(x.Subnets)
	case *model.SecurityGroup:
		return m.ref(x.VPC) + "|" + x.GroupName
	case *model.ENI:
		if x.OwnerID == "" {
			return ""
		}
		return m.ref(x.Subnet) + "|" + m.ref(x.OwnerID)
	case *model.InternetGateway:
		return m.refs(x.VPCs)
	case *model.EgressOnlyIGW:
		return m.ref(x.VPC)
	case *model.NATGateway:
		return m.ref(x.Subnet)
	case *model.VPNGateway:
		return m.refs(x.VPCs)
	case *model.VPCEndpoint:
		return m.ref(x.VPC) + "|" + x.Type.String() + "|" + x.ServiceName
	case *model.PeeringConnection:
		return m.refs([]string{x.Requester.VPC, x.Accepter.VPC})
	case *model.TGWAttachment:
		return m.ref(x.TGW) + "|" + m.ref(x.ResourceID)
	}
	return ""
}

func (m *matcher) routeTableKey(rt *model.RouteTable) string {
	var subnets []string
	for _, a := range rt.Associations {
		switch {
		case a.Main:
			return m.ref(rt.VPC) + "|main"
		case a.Subnet != "":
			subnets = append(subnets, a.Subnet)
		case a.Gateway != "":
			subnets = append(subnets, a.Gateway)
		}
	}
	if len(subnets) == 0 {
		return ""
	}
	return m.ref(rt.VPC) + "|" + m.refs(subnets)
}

func (m *matcher) refs(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = m.ref(id)
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

// rewriteIDs replaces, everywhere in s, every string equal to a key of
// rename by its value: IDs and the references to them alike.
func rewriteIDs(s *model.Snapshot, rename map[string]string) {
	if len(rename) == 0 {
		return
	}
	for _, k := range model.Kinds {
		for _, r := range k.List(s) {
			rewrite(reflect.ValueOf(r), rename)
		}
	}
}

func rewrite(v reflect.Value, rename map[string]string) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			rewrite(v.Elem(), rename)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.CanSet() {
				rewrite(f, rename)
			}
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			rewrite(v.Index(i), rename)
		}
	case reflect.String:
		if to, ok := rename[v.String()]; ok && v.CanSet() {
			v.SetString(to)
		}
	}
}
