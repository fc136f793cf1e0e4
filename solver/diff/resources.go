package diff

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// Op is what happened to a resource between the intended and the live snapshot.
type Op string

const (
	Added   Op = "added"   // only in the live snapshot
	Removed Op = "removed" // only in the intended snapshot
	Changed Op = "changed" // in both, with network-relevant differences
)

// Change is one resource that drifted.
type Change struct {
	Kind string `json:"kind"` // model kind name: route-table, security-group, ...
	ID   string `json:"id"`   // the live ID (the intended one for removed resources)
	// IntendedID is the intended side's ID when it differs (a template's placeholder).
	IntendedID string `json:"intendedId,omitempty"`
	Name       string `json:"name,omitempty"`
	Op         Op     `json:"change"`
	// MatchedBy says how the two sides were paired: id, logical-id, key or name.
	MatchedBy string `json:"matchedBy,omitempty"`
	// Details are the differences, one a line, in a network engineer's terms.
	Details []string `json:"details"`
	// Flows are the flows this change opens or closes.
	Flows []Flow `json:"flows"`

	in, live model.Resource
}

// Label names the change's resource for people: "security-group sg-1 (web)".
func (c *Change) Label() string {
	s := c.Kind + " " + c.ID
	if c.Name != "" && c.Name != c.ID {
		s += " (" + c.Name + ")"
	}
	if c.IntendedID != "" {
		s += " [intended " + c.IntendedID + "]"
	}
	return s
}

// resourceChanges lists the drifted resources, kind by kind in model order, by ID.
func resourceChanges(in, live *model.Snapshot, m *matcher) []*Change {
	back := map[string]string{}
	for from, to := range m.rename {
		back[to] = from
	}
	p := &pair{in: in, live: live}
	var out []*Change
	for _, k := range model.Kinds {
		if notNetwork[k.Name] {
			continue
		}
		var kind []*Change
		ins := byID(k.List(in))
		seen := make(map[string]bool, len(ins))
		for _, lr := range k.List(live) {
			id := lr.Base().ID
			if seen[id] {
				continue // a duplicate ID: the first one counts, as byID
			}
			seen[id] = true
			ir := ins[id]
			if ir != nil && compare(p, ir, lr, back[id] != "" || placeholder(ir.Base())) == nil {
				continue // the fast path: nothing to report
			}
			kind = append(kind, newChange(p, k.Name, id, ir, lr, back[id], m.matchedBy(id)))
		}
		for id, ir := range ins {
			if !seen[id] {
				kind = append(kind, newChange(p, k.Name, id, ir, nil, back[id], m.matchedBy(id)))
			}
		}
		sort.Slice(kind, func(i, j int) bool { return kind[i].ID < kind[j].ID })
		for _, c := range kind {
			if c.Op != Changed || len(c.Details) > 0 {
				out = append(out, c)
			}
		}
	}
	return out
}

// newChange describes one resource present on one side or both.
func newChange(p *pair, kind, id string, in, live model.Resource, intendedID, how string) *Change {
	c := &Change{Kind: kind, ID: id, IntendedID: intendedID, in: in, live: live, MatchedBy: how}
	switch {
	case c.in == nil:
		c.Op, c.Name, c.MatchedBy = Added, c.live.Base().Name, ""
	case c.live == nil:
		c.Op, c.Name = Removed, c.in.Base().Name
	default:
		c.Op, c.Name = Changed, displayName(c.in, c.live)
		c.Details = compare(p, c.in, c.live, c.IntendedID != "" || placeholder(c.in.Base()))
	}
	if c.Details == nil {
		c.Details = []string{}
	}
	return c
}

func displayName(in, live model.Resource) string {
	if n := live.Base().Name; n != "" {
		return n
	}
	return in.Base().Name
}

func byID(rs []model.Resource) map[string]model.Resource {
	out := make(map[string]model.Resource, len(rs))
	for _, r := range rs {
		if _, dup := out[r.Base().ID]; !dup {
			out[r.Base().ID] = r
		}
	}
	return out
}

// compare returns the differences of two versions of one resource: the
// specialised ones (routes, rules, entries, associations) first, then every
// other field that differs. ph: the intended side is a placeholder, whose
// deployment-time values are not compared.
// pair is the two snapshots, for differences that need context, and their
// lazily built indexes.
type pair struct {
	in, live       *model.Snapshot
	inNACL, lvNACL *naclIndex
}

func (p *pair) inIndex() *naclIndex {
	if p.inNACL == nil {
		p.inNACL = newNACLIndex(p.in)
	}
	return p.inNACL
}

func (p *pair) liveIndex() *naclIndex {
	if p.lvNACL == nil {
		p.lvNACL = newNACLIndex(p.live)
	}
	return p.lvNACL
}

func compare(p *pair, in, live model.Resource, ph bool) []string {
	if n := in.Base().Tags["Name"]; (n == "" || n == live.Base().Tags["Name"]) && sameConfig(in, live) {
		// only a default NACL's implicit associations depend on the
		// rest of the snapshot (R2.10)
		if x, ok := in.(*model.NetworkACL); ok && x.IsDefault {
			return naclDiff(p, x, live.(*model.NetworkACL))
		}
		return nil
	}
	var out []string
	skip := map[string]bool{}
	switch x := in.(type) {
	case *model.RouteTable:
		out = routeTableDiff(x, live.(*model.RouteTable))
		skip["routes"], skip["associations"] = true, true
	case *model.SecurityGroup:
		out = sgDiff(x, live.(*model.SecurityGroup))
		skip["ingress"], skip["egress"] = true, true
	case *model.NetworkACL:
		out = naclDiff(p, x, live.(*model.NetworkACL))
		skip["entries"], skip["subnets"] = true, true
	case *model.PrefixList:
		// a side listed without its entries says nothing about them (R2.40)
		skip["entries"] = x.EntriesUnknown || live.(*model.PrefixList).EntriesUnknown
	}
	if n := in.Base().Tags["Name"]; n != "" && n != live.Base().Tags["Name"] {
		out = append(out, fmt.Sprintf("Name tag: %q → %q", n, live.Base().Tags["Name"]))
	}
	return append(out, fieldDiff(in, live, skip, ph)...)
}

// notNetwork are the kinds that only carry identity, never drift.
var notNetwork = map[string]bool{"account": true, "region": true, "availability-zone": true}

// noise are the JSON keys never compared (anywhere in the resource);
// availableIpAddressCount is usage, not configuration (R8.41), and
// entriesUnknown says what an input lacks, not what the account has (R2.40).
var noise = map[string]bool{"source": true, "description": true, "tags": true, "assumed": true, "arn": true,
	"account": true, "region": true, "name": true, "id": true, "unlisted": true, "availableIpAddressCount": true,
	"entriesUnknown": true}

// deployTime are the top-level keys a template or plan cannot know: AWS picks
// them at deployment. They are compared only when the intended side is real.
var deployTime = map[string]bool{"az": true, "azId": true, "privateIps": true, "ipv6": true, "publicIps": true,
	"dnsEntries": true, "groupName": true, "status": true, "state": true, "ipv6Cidr": true, "ipv6Cidrs": true,
	"privateIp": true, "interfaceType": true, "dhcpDnsServers": true, "nodes": true, "dnsName": true, "ipAddressType": true}

// fieldDiff compares the remaining top-level fields through their JSON form.
func fieldDiff(in, live model.Resource, skip map[string]bool, ph bool) []string {
	a, b := normal(in), normal(live)
	if _, ok := in.(*model.VPCEndpoint); ok {
		a["policy"], b["policy"] = endpointPolicy(a["policy"]), endpointPolicy(b["policy"])
	}
	var out []string
	for _, k := range sortedKeys(a, b) {
		if skip[k] || noise[k] || (ph && deployTime[k]) {
			continue
		}
		va, vb := render(a[k]), render(b[k])
		if va != vb {
			out = append(out, fieldChange(k, a[k], b[k], va, vb))
		}
	}
	return out
}

// fieldChange renders one difference; string lists as added/removed members.
func fieldChange(k string, a, b any, va, vb string) string {
	la, oka := strList(a)
	lb, okb := strList(b)
	if oka && okb {
		added, removed := setDiff(la, lb)
		var parts []string
		if len(added) > 0 {
			parts = append(parts, "added "+strings.Join(added, ", "))
		}
		if len(removed) > 0 {
			parts = append(parts, "removed "+strings.Join(removed, ", "))
		}
		return k + ": " + strings.Join(parts, "; ")
	}
	return fmt.Sprintf("%s: %s → %s", k, va, vb)
}

// normal is the resource as a JSON object without noise, at any depth.
func normal(r model.Resource) map[string]any {
	b, err := json.Marshal(r)
	if err != nil {
		return map[string]any{}
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return map[string]any{}
	}
	for k := range m {
		m[k] = strip(m[k])
	}
	return m
}

func strip(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k := range x {
			if noise[k] {
				delete(x, k)
				continue
			}
			x[k] = strip(x[k])
		}
	case []any:
		for i := range x {
			x[i] = strip(x[i])
		}
	}
	return v
}

// render prints a JSON value compactly; empty values all read "none".
func render(v any) string {
	switch x := v.(type) {
	case nil:
		return "none"
	case string:
		if x == "" {
			return "none"
		}
		return x
	case []any:
		if len(x) == 0 {
			return "none"
		}
	case map[string]any:
		if len(x) == 0 {
			return "none"
		}
	case bool:
		if !x {
			return "false"
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func strList(v any) ([]string, bool) {
	if v == nil {
		return nil, true
	}
	xs, ok := v.([]any)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

func sortedKeys(a, b map[string]any) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range []map[string]any{a, b} {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// setDiff returns the members of b not in a (added) and of a not in b (removed), sorted.
func setDiff(a, b []string) (added, removed []string) {
	ina, inb := map[string]int{}, map[string]int{}
	for _, x := range a {
		ina[x]++
	}
	for _, x := range b {
		inb[x]++
	}
	for _, x := range b {
		if ina[x] == 0 {
			added = append(added, x)
		} else {
			ina[x]--
		}
	}
	for _, x := range a {
		if inb[x] == 0 {
			removed = append(removed, x)
		} else {
			inb[x]--
		}
	}
	sort.Strings(added)
	sort.Strings(removed)
	return added, removed
}

// endpointPolicy reads AWS's default full-access endpoint policy as no
// policy: both allow everything (R7.3, R7.15), and AWS returns it for endpoints
// created without one.
func endpointPolicy(v any) any {
	s, _ := v.(string)
	var doc struct {
		Statement []map[string]any
	}
	if s == "" || json.Unmarshal([]byte(s), &doc) != nil || len(doc.Statement) != 1 {
		return v
	}
	st := doc.Statement[0]
	if len(st) == 4 && st["Effect"] == "Allow" && st["Action"] == "*" && st["Principal"] == "*" && st["Resource"] == "*" {
		return nil
	}
	return v
}
