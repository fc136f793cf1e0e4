package diff

import (
	"fmt"
	"io"
	"net/netip"
	"reflect"
	"sort"
	"strings"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/flows"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/scan"
)

// Flow is a compact set of flows whose verdict differs: one protocol, a set
// of destination ports, between two named ends (an interface, or internet or
// on-premises address ranges).
type Flow struct {
	Proto    string   `json:"proto"`
	Ports    string   `json:"ports,omitempty"` // destination ports; empty for ICMP echo
	Src      string   `json:"src"`
	SrcCIDRs []string `json:"srcCidrs,omitempty"`
	// SrcExcept (DstExcept) lists the internet ranges left out when the
	// CIDRs are 0.0.0.0/0 and that is the shorter way to say it.
	SrcExcept []string `json:"srcExcept,omitempty"`
	Dst       string   `json:"dst"`
	DstCIDRs  []string `json:"dstCidrs,omitempty"`
	DstExcept []string `json:"dstExcept,omitempty"`
	Intended  string   `json:"intended"` // verdict in the intended network: reachable, blocked, unknown, absent
	Live      string   `json:"live"`
	Effect    string   `json:"effect"` // opened, closed, or undecided (one side unknown)
	// With lists the other changes needed together with this one, if any.
	With []string `json:"with,omitempty"`
	// AlsoBy lists the other changes that each, alone, do the same.
	AlsoBy []string `json:"alsoBy,omitempty"`
}

// String renders "tcp 22 from internet 0.0.0.0/0 to i-1 (eni-1) 10.0.0.5: blocked → reachable".
func (f Flow) String() string {
	s := f.Proto
	if f.Ports != "" {
		s += " " + f.Ports
	} else if strings.HasPrefix(f.Proto, "icmp") {
		s += " echo"
	}
	s += " from " + end(f.Src, f.SrcCIDRs, f.SrcExcept) + " to " + end(f.Dst, f.DstCIDRs, f.DstExcept) + ": " + f.Intended + " → " + f.Live
	if len(f.With) > 0 {
		s += " (together with " + strings.Join(f.With, ", ") + ")"
	}
	if len(f.AlsoBy) > 0 {
		s += " (also by " + strings.Join(f.AlsoBy, ", ") + " alone)"
	}
	return s
}

func end(label string, cidrs, except []string) string {
	if len(cidrs) == 0 {
		return label
	}
	s := label + " " + strings.Join(cidrs, ",")
	if len(except) > 0 {
		s += " except " + strings.Join(except, ",")
	}
	return s
}

// Report is the drift between an intended and a live snapshot.
type Report struct {
	// Drift is set when any resource or any flow differs.
	Drift   bool      `json:"drift"`
	Changes []*Change `json:"changes"`
	// Opened and Closed count the reported flow lines over all changes.
	Opened int `json:"opened"`
	Closed int `json:"closed"`
	// Undecided counts the lines where one side's verdict is unknown.
	Undecided int `json:"undecided"`
	// Questions is the number of flow classes asked on both networks.
	Questions int      `json:"questions"`
	Warnings  []string `json:"warnings"`
}

// Compare matches the resources of intended and live, rewrites the matched
// intended IDs to the live ones (in place: intended is changed), and returns
// the resource and reachability drift.
func Compare(intended, live *model.Snapshot) *Report {
	return CompareWith(intended, live, Options{})
}

// Options tune Compare.
type Options struct {
	// Full re-asks every flow class around the VPCs the changes touch
	// instead of only the classes the changes can affect.
	Full bool
}

// CompareWith is Compare with options.
func CompareWith(intended, live *model.Snapshot, o Options) *Report {
	m := matchIDs(intended, live)
	rewriteIDs(intended, m.rename)
	changes := resourceChanges(intended, live, m)
	r := &Report{Changes: changes, Warnings: []string{}}
	if len(changes) > 0 {
		newComparer(intended, live, changes, o.Full).run(r, o)
	}
	for _, c := range changes {
		for _, f := range c.Flows {
			switch f.Effect {
			case "opened":
				r.Opened++
			case "closed":
				r.Closed++
			default:
				r.Undecided++
			}
		}
	}
	r.Drift = len(changes) > 0
	if r.Changes == nil {
		r.Changes = []*Change{}
	}
	return r
}

// comparer holds the two compiled networks and, lazily, the counterfactual
// ones: intended with one change applied, live with one change reverted.
// When every change is a filter's rules (security-group rules, NACL
// entries), live is intended compiled once with those rules overlaid
// (network.Overlay): the unchanged parts are shared.
type comparer struct {
	in, live         *network.Network
	inSnap, liveSnap *model.Snapshot
	overlay          func() (restore func()) // nil: live is compiled on its own
	changes          []*Change
	fwd, rev         map[int]*network.Network
	notInet          *netipx.IPSet // IPv4 addresses that are no internet host
	notInet6         *netipx.IPSet // the same for IPv6
}

func newComparer(in, live *model.Snapshot, changes []*Change, full bool) *comparer {
	c := &comparer{inSnap: in, liveSnap: live, changes: changes,
		fwd: map[int]*network.Network{}, rev: map[int]*network.Network{}}
	c.in = network.Compile(in)
	if sgs, acls, ok := filterChanges(changes); ok && !full {
		if restore, ok := c.in.Overlay(live, sgs, acls); ok {
			restore()
			c.live = c.in
			c.overlay = func() func() {
				restore, _ := c.in.Overlay(live, sgs, acls) // it succeeded above
				return restore
			}
		}
	}
	if c.live == nil {
		c.live = network.Compile(live)
	}
	nets := []*network.Network{c.in, c.live}
	if c.live == c.in {
		nets = nets[:1] // filters do not change addresses
	}
	c.notInet = scan.NotInternet(nets...)
	c.notInet6 = scan.NotInternet6(nets...)
	return c
}

// filterChanges returns the live versions of the changed groups and NACLs
// when every change is one whose rules or entries alone differ.
func filterChanges(changes []*Change) (sgs []*model.SecurityGroup, acls []*model.NetworkACL, ok bool) {
	for _, ch := range changes {
		if ch.Op != Changed {
			return nil, nil, false
		}
		switch x := ch.in.(type) {
		case *model.SecurityGroup:
			lv := ch.live.(*model.SecurityGroup)
			if !onlyDiffer(x, lv, func(g *model.SecurityGroup) { g.Ingress, g.Egress = nil, nil }) {
				return nil, nil, false
			}
			sgs = append(sgs, lv)
		case *model.NetworkACL:
			lv := ch.live.(*model.NetworkACL)
			if !onlyDiffer(x, lv, func(a *model.NetworkACL) { a.Entries = nil }) {
				return nil, nil, false
			}
			acls = append(acls, lv)
		default:
			return nil, nil, false
		}
	}
	return sgs, acls, true
}

// record is one differing flow class attributed to one change.
type record struct {
	change   int
	q        question
	in, live string
	with     string
	alone    bool // each cause suffices alone: with lists the alternatives
}

func (c *comparer) run(r *Report, o Options) {
	ports := c.portClasses()
	var qs []question
	if o.Full {
		qs = c.questions(ports)
	} else {
		qs = c.affected(ports)
	}
	r.Questions = len(qs)
	vi := make([]string, len(qs))
	for i, q := range qs {
		vi[i] = q.verdict(c.in)
	}
	vl := c.liveVerdicts(qs)
	var recs []record
	for i, q := range qs {
		if (vi[i] == "reachable") == (vl[i] == "reachable") {
			continue
		}
		var causes []int
		alone := true
		if len(c.changes) == 1 && !o.Full {
			// the intended network with its one change applied is the live one
			causes = []int{0}
		} else {
			causes, alone = c.attribute(q, vi[i], vl[i])
		}
		for _, k := range causes {
			recs = append(recs, record{change: k, q: q, in: vi[i], live: vl[i], with: c.others(causes, k), alone: alone})
		}
	}
	c.group(recs)
}

// liveVerdicts asks qs on the live network (the overlay, while it lasts).
func (c *comparer) liveVerdicts(qs []question) []string {
	if c.overlay != nil {
		defer c.overlay()()
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.verdict(c.live)
	}
	return out
}

// portClasses are the classes of destination ports of both networks.
func (c *comparer) portClasses() map[model.Protocol][]model.PortRange {
	nets := []*network.Network{c.in, c.live}
	if c.overlay != nil {
		restore := c.overlay()
		defer restore()
		// the overlay's bounds are the intended ones and the overlaid rules'
	}
	out := map[model.Protocol][]model.PortRange{}
	for _, p := range []model.Protocol{model.ProtoTCP, model.ProtoUDP} {
		out[p] = portClasses(p, nets...)
	}
	return out
}

// attribute returns the changes that cause q's verdict to differ (see the
// package doc), and whether each of them suffices alone.
func (c *comparer) attribute(q question, vi, vl string) ([]int, bool) {
	var alone, needed []int
	for i := range c.changes {
		if q.verdict(c.forward(i)) == vl {
			alone = append(alone, i)
		}
	}
	if len(alone) > 0 {
		return alone, true
	}
	for i := range c.changes {
		if q.verdict(c.reverse(i)) == vi {
			needed = append(needed, i)
		}
	}
	if len(needed) > 0 {
		return needed, false
	}
	all := make([]int, len(c.changes))
	for i := range all {
		all[i] = i
	}
	return all, false
}

func (c *comparer) others(causes []int, self int) string {
	var out []string
	if len(causes) < 2 {
		return ""
	}
	for _, i := range causes {
		if i != self {
			out = append(out, c.changes[i].Kind+" "+c.changes[i].ID)
		}
	}
	return strings.Join(out, "\x00")
}

func (c *comparer) forward(i int) *network.Network {
	if n, ok := c.fwd[i]; ok {
		return n
	}
	ch := c.changes[i]
	n := network.Compile(swap(c.inSnap, ch.Kind, ch.ID, ch.in, ch.live))
	c.fwd[i] = n
	return n
}

func (c *comparer) reverse(i int) *network.Network {
	if n, ok := c.rev[i]; ok {
		return n
	}
	ch := c.changes[i]
	n := network.Compile(swap(c.liveSnap, ch.Kind, ch.ID, ch.live, ch.in))
	c.rev[i] = n
	return n
}

// swap returns a shallow copy of s in which the resource old (of kind, with
// id) is replaced by repl; either may be nil (an addition or a removal).
func swap(s *model.Snapshot, kind, id string, old, repl model.Resource) *model.Snapshot {
	cp := *s
	typ := reflect.TypeOf(repl)
	if repl == nil {
		typ = reflect.TypeOf(old)
	}
	v := reflect.ValueOf(&cp).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		if f.Kind() != reflect.Slice || f.Type().Elem() != typ {
			continue
		}
		out := reflect.MakeSlice(f.Type(), 0, f.Len()+1)
		for j := 0; j < f.Len(); j++ {
			if el := f.Index(j); el.Interface().(model.Resource).Base().ID != id {
				out = reflect.Append(out, el)
			}
		}
		if repl != nil {
			out = reflect.Append(out, reflect.ValueOf(repl))
		}
		f.Set(out)
	}
	return &cp
}

// lineKey groups records that render as one Flow.
type lineKey struct {
	change                int
	src, dst              string
	proto                 model.Protocol
	in, live, with, ports string
	alone                 bool
	rangeSide             int // 0 none, 1 src, 2 dst
	other                 *spec
}

// group merges the records into compact flows: first the port classes of
// each pair of ends, then the address classes that share ports.
func (c *comparer) group(recs []record) {
	type pairKey struct {
		change   int
		src, dst *spec
		proto    model.Protocol
		in, live string
		with     string
		alone    bool
	}
	ports := map[pairKey][]model.PortRange{}
	var order []pairKey
	for _, r := range recs {
		k := pairKey{r.change, r.q.src, r.q.dst, r.q.proto, r.in, r.live, r.with, r.alone}
		if _, ok := ports[k]; !ok {
			order = append(order, k)
		}
		ports[k] = append(ports[k], r.q.ports)
	}
	lines := map[lineKey][]netipx.IPRange{}
	for _, k := range order {
		lk := lineKey{change: k.change, src: k.src.name(), dst: k.dst.name(), proto: k.proto, in: k.in, live: k.live,
			with: k.with, alone: k.alone, ports: flows.PortsString(k.proto, ports[k])}
		var rs []netipx.IPRange
		switch {
		case k.src.ranges != nil:
			lk.rangeSide, lk.other, rs = 1, k.dst, k.src.ranges
		case k.dst.ranges != nil:
			lk.rangeSide, lk.other, rs = 2, k.src, k.dst.ranges
		}
		lines[lk] = append(lines[lk], rs...)
	}
	for lk, rs := range lines {
		f := Flow{Proto: lk.proto.String(), Ports: lk.ports, Src: lk.src, Dst: lk.dst, Intended: lk.in, Live: lk.live, Effect: "closed"}
		switch {
		case lk.live == "unknown" || lk.in == "unknown":
			f.Effect = "undecided" // the input lacks what one side's verdict needs
		case lk.live == "reachable":
			f.Effect = "opened"
		}
		switch {
		case lk.with != "" && lk.alone:
			f.AlsoBy = strings.Split(lk.with, "\x00")
		case lk.with != "":
			f.With = strings.Split(lk.with, "\x00")
		}
		cidrs, except := c.cidrs(lk.src+lk.dst, rs)
		if lk.rangeSide == 1 {
			f.SrcCIDRs, f.SrcExcept = cidrs, except
		} else if lk.rangeSide == 2 {
			f.DstCIDRs, f.DstExcept = cidrs, except
		}
		ch := c.changes[lk.change]
		ch.Flows = append(ch.Flows, f)
	}
	for _, ch := range c.changes {
		sortFlows(ch.Flows)
		if ch.Flows == nil {
			ch.Flows = []Flow{}
		}
	}
}

// cidrs renders ranges as the fewest CIDRs; internet ranges may absorb
// addresses that are no internet host, so "0.0.0.0/0" reads as "every host",
// and when it is shorter they read "0.0.0.0/0" except the hosts left out.
func (c *comparer) cidrs(labels string, rs []netipx.IPRange) (cidrs, except []string) {
	if len(rs) == 0 {
		return nil, nil
	}
	if !strings.Contains(labels, "internet") {
		for _, p := range flows.Prefixes(rs) {
			cidrs = append(cidrs, p.String())
		}
		return cidrs, nil
	}
	all, not := netip.MustParsePrefix("0.0.0.0/0"), c.notInet
	if rs[0].From().Is6() {
		all, not = netip.MustParsePrefix("::/0"), c.notInet6
	}
	var in, out netipx.IPSetBuilder
	out.AddPrefix(all)
	for _, r := range rs {
		in.AddRange(r)
		out.RemoveRange(r)
	}
	out.RemoveSet(not)
	inSet, _ := in.IPSet()
	outSet, _ := out.IPSet()
	cidrs, except = internetCIDRs(inSet, not), internetCIDRs(outSet, not)
	if len(except) > 0 && len(except) < len(cidrs) {
		return []string{all.String()}, except
	}
	return cidrs, nil
}

// internetCIDRs renders a set of internet hosts in the fewest CIDRs, which
// may cover addresses that are no internet host (not).
func internetCIDRs(hosts, not *netipx.IPSet) []string {
	var b netipx.IPSetBuilder
	b.AddSet(hosts)
	b.AddSet(not)
	set, _ := b.IPSet()
	var out []string
	for _, r := range set.Ranges() {
		if !hosts.OverlapsRange(r) {
			continue // none of its prefixes can hold a host
		}
		for _, p := range r.Prefixes() {
			if !not.ContainsPrefix(p) && hosts.OverlapsPrefix(p) {
				out = append(out, p.String())
			}
		}
	}
	return out
}

var protoRank = map[string]int{"tcp": 0, "udp": 1, "icmp": 2, "icmpv6": 3}

func sortFlows(fs []Flow) {
	sort.Slice(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		for _, p := range [][2]string{{a.Effect, b.Effect}, {a.Src, b.Src}, {a.Dst, b.Dst}} {
			if p[0] != p[1] {
				return p[0] < p[1]
			}
		}
		if a.Proto != b.Proto {
			return protoRank[a.Proto] < protoRank[b.Proto]
		}
		return a.String() < b.String()
	})
}

// WriteText prints the report plan-style, without colour; see WritePlan.
func (r *Report) WriteText(w io.Writer) { r.WritePlan(w, false) }

// Marks of the plan-style report, as Terraform's plan writes them.
const (
	markAdded     = "+"
	markRemoved   = "-"
	markChanged   = "~"
	markUndecided = "?"
)

// ANSI colours of the marks: green adds and opens, red removes and closes,
// yellow changes and undecided flows.
var markColour = map[string]string{markAdded: "\x1b[32m", markRemoved: "\x1b[31m", markChanged: "\x1b[33m", markUndecided: "\x1b[33m"}

// WritePlan prints the resources that differ (+ added, - removed, ~ changed
// with the fields that changed), then the flows each change opens (+),
// closes (-) or leaves undecided (?), then a summary line. colour adds
// ANSI colours to the marks (for a terminal).
func (r *Report) WritePlan(w io.Writer, colour bool) {
	if !r.Drift {
		fmt.Fprintln(w, "no drift: the live network matches the intended one")
		return
	}
	paint := func(mark, text string) string {
		if !colour {
			return mark + " " + text
		}
		return markColour[mark] + mark + " " + text + "\x1b[0m"
	}
	fmt.Fprintln(w, "Resources:")
	counts := map[Op]int{}
	for _, c := range r.Changes {
		counts[c.Op]++
		fmt.Fprintf(w, "  %s\n", paint(opMark(c.Op), c.Label()))
		for _, d := range c.Details {
			fmt.Fprintf(w, "      %s\n", paint(detailMark(d), d))
		}
	}
	fmt.Fprintln(w, "\nFlows:")
	for _, c := range r.Changes {
		if len(c.Flows) == 0 {
			fmt.Fprintf(w, "  %s %s: no flow opened or closed\n", opMark(c.Op), c.Label())
			continue
		}
		fmt.Fprintf(w, "  %s %s:\n", opMark(c.Op), c.Label())
		for _, f := range c.Flows {
			fmt.Fprintf(w, "      %s\n", paint(effectMark(f.Effect), f.Effect+": "+f.String()))
		}
	}
	for _, warn := range r.Warnings {
		fmt.Fprintf(w, "warning: %s\n", warn)
	}
	fmt.Fprintf(w, "\nDrift: %d added, %d changed, %d removed; flows: %d opened, %d closed, %d undecided (%d flow classes compared).\n",
		counts["added"], counts["changed"], counts["removed"], r.Opened, r.Closed, r.Undecided, r.Questions)
}

func opMark(op Op) string {
	switch op {
	case "added":
		return markAdded
	case "removed":
		return markRemoved
	}
	return markChanged
}

// detailMark marks a difference: a rule or route added or removed, or a
// field changed.
func detailMark(d string) string {
	head, _, _ := strings.Cut(d, ":")
	switch {
	case strings.HasSuffix(head, " added"):
		return markAdded
	case strings.HasSuffix(head, " removed"):
		return markRemoved
	}
	return markChanged
}

func effectMark(e string) string {
	switch e {
	case "opened":
		return markAdded
	case "closed":
		return markRemoved
	}
	return markUndecided
}
