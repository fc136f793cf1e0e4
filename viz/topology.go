package viz

import (
	"fmt"
	"github.com/netverify/netverify/solver/dns"
	"net/netip"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// Collapse says when VPCs are drawn as one box with counts.
type Collapse int

const (
	// CollapseAuto collapses estates of more than CollapseAbove VPCs unless focused.
	CollapseAuto Collapse = iota
	CollapseAlways
	CollapseNever
	// CollapseOverview draws the overview whatever the estate's size.
	CollapseOverview
)

// CollapseAbove is the number of VPCs above which CollapseAuto draws boxes.
const CollapseAbove = 15

// OverviewAbove is the number of VPCs above which CollapseAuto draws the
// overview: one node per account and Region listing its VPCs, and the links
// between them counted (see overview.go).
const OverviewAbove = 50

// ParseCollapse reads --collapse.
func ParseCollapse(s string) (Collapse, error) {
	switch strings.ToLower(s) {
	case "", "auto":
		return CollapseAuto, nil
	case "always":
		return CollapseAlways, nil
	case "never":
		return CollapseNever, nil
	case "overview":
		return CollapseOverview, nil
	}
	return CollapseAuto, fmt.Errorf("--collapse %q: want auto, always, never or overview", s)
}

// Options shape a topology diagram.
type Options struct {
	// Focus is a VPC or resource ID (or Name): draw it with its neighbours only.
	Focus    string
	Collapse Collapse
	// Expand lists VPCs drawn in full even when the estate collapses (the path overlay sets it).
	Expand map[string]bool
	// DNS is the resolution a path overlay also draws (an API call's or a
	// service's name), API the label of the API the path calls.
	DNS *dns.Result
	API string
}

type vpcMode int

const (
	hidden vpcMode = iota
	collapsed
	expanded
	grouped // overview: drawn by its account and Region's node
)

// builder turns a snapshot into a Diagram.
type builder struct {
	s       *model.Snapshot
	ix      *model.Index
	d       *Diagram
	mode    map[string]vpcMode
	keep    map[string]bool // non-nil: only these in-VPC resources (resource focus)
	focus   string          // the focused resource's label, for the title
	focusID string
	subnets map[string]*model.Subnet
	vpcs    map[string]*model.VPC
	cluster map[string]*Cluster // VPC ID -> its cluster (expanded)
	// eniNode and ownerNode map resources to the node that draws them (path overlay).
	eniNode   map[string]string
	ownerNode map[string]string
	usedKinds map[string]bool
	usedLinks map[string]bool
	nodes     map[string]*Node
	// overview: VPCs are drawn by group nodes (VPC ID -> group node ID).
	overview bool
	group    map[string]string
}

// Build draws s. It fails only when Focus names nothing in the snapshot.
func Build(s *model.Snapshot, opts Options) (*Diagram, error) {
	b := newBuilder(s)
	if err := b.decideModes(opts); err != nil {
		return nil, err
	}
	b.d.Title = b.title(opts)
	b.addVPCs()
	b.addOutside()
	if !b.overview {
		b.addServices()
	}
	b.addLinks()
	b.finish()
	return b.d, nil
}

// Overview reports whether Build with opts draws s as the overview.
func Overview(s *model.Snapshot, opts Options) bool {
	return opts.Focus == "" && (opts.Collapse == CollapseOverview || (opts.Collapse == CollapseAuto && len(s.VPCs) > OverviewAbove))
}

func newBuilder(s *model.Snapshot) *builder {
	b := &builder{s: s, ix: model.NewIndex(s), d: &Diagram{Root: &Cluster{ID: "root"}},
		mode: map[string]vpcMode{}, subnets: map[string]*model.Subnet{}, vpcs: map[string]*model.VPC{},
		cluster: map[string]*Cluster{}, eniNode: map[string]string{}, ownerNode: map[string]string{},
		usedKinds: map[string]bool{}, usedLinks: map[string]bool{}, nodes: map[string]*Node{}}
	for _, x := range s.Subnets {
		b.subnets[x.ID] = x
	}
	for _, v := range s.VPCs {
		b.vpcs[v.ID] = v
	}
	return b
}

func (b *builder) title(opts Options) string {
	t := "netverify: " + strings.Join(b.s.Origins, " + ")
	if len(b.s.Origins) == 0 {
		t = "netverify"
	}
	if b.focus != "" {
		t += " — focus " + b.focus
	}
	if b.overview {
		t += fmt.Sprintf("\noverview: %d VPCs, one box per account and Region; draw one in detail with --focus VPC-ID", len(b.s.VPCs))
	}
	return t
}

// decideModes picks, per VPC, whether it is drawn in full, as a box or not at all.
func (b *builder) decideModes(opts Options) error {
	if Overview(b.s, opts) && len(opts.Expand) == 0 {
		b.groupVPCs()
		return nil
	}
	all := expanded
	if opts.Collapse == CollapseAlways || opts.Collapse == CollapseOverview || (opts.Collapse == CollapseAuto && len(b.s.VPCs) > CollapseAbove) {
		all = collapsed
	}
	if opts.Focus == "" {
		for _, v := range b.s.VPCs {
			b.mode[v.ID] = all
			if opts.Expand[v.ID] {
				b.mode[v.ID] = expanded
			}
		}
		return nil
	}
	rs := b.ix.Find(opts.Focus)
	if len(rs) == 0 {
		return fmt.Errorf("--focus %q: no resource with that ID or Name in the snapshot", opts.Focus)
	}
	if len(rs) > 1 {
		var ids []string
		for _, r := range rs {
			ids = append(ids, r.Base().ID)
		}
		sort.Strings(ids)
		return fmt.Errorf("--focus %q names %d resources (%s); give an ID", opts.Focus, len(rs), strings.Join(ids, ", "))
	}
	b.focusOn(rs[0], opts.Collapse == CollapseAlways)
	return nil
}

// focusOn draws a VPC with its neighbouring VPCs as boxes, or a resource with
// its graph neighbours inside its VPC.
func (b *builder) focusOn(r model.Resource, boxOnly bool) {
	id := r.Base().ID
	b.focus = r.Base().Label()
	b.focusID = id
	neighbours := neighbourFunc(model.BuildGraph(b.s))
	near := map[string]bool{id: true}
	for _, n := range neighbours(id) {
		near[n] = true
		for _, m := range neighbours(n) { // two hops: VPC -> peering/attachment -> VPC
			if _, ok := b.vpcs[m]; ok {
				near[m] = true
			}
		}
	}
	for v := range near {
		if _, ok := b.vpcs[v]; ok && v != id {
			b.mode[v] = collapsed
		}
	}
	home := vpcOf(b, r)
	if _, isVPC := r.(*model.VPC); isVPC {
		home = id
	} else if home != "" {
		b.keep = near
	}
	if home != "" {
		b.mode[home] = expanded
		if boxOnly {
			b.mode[home] = collapsed
		}
	}
}

// neighbourFunc lists a node's neighbours (either direction) from adjacency
// maps built once: Topology.Neighbours rebuilds them on every call, which
// took a minute for a focus in a 300-VPC estate.
func neighbourFunc(t *model.Topology) func(id string) []string {
	adj, err := t.G.AdjacencyMap()
	if err != nil {
		return t.Neighbours
	}
	pred, _ := t.G.PredecessorMap()
	return func(id string) []string {
		set := map[string]bool{}
		for n := range adj[id] {
			set[n] = true
		}
		for n := range pred[id] {
			set[n] = true
		}
		out := make([]string, 0, len(set))
		for n := range set {
			out = append(out, n)
		}
		sort.Strings(out)
		return out
	}
}

// vpcOf returns the VPC a resource lives in, or "".
func vpcOf(b *builder, r model.Resource) string {
	switch x := r.(type) {
	case *model.Subnet:
		return x.VPC
	case *model.ENI:
		return b.eniVPC(x)
	case *model.Instance:
		if x.VPC != "" {
			return x.VPC
		}
		if sn := b.subnets[x.Subnet]; sn != nil {
			return sn.VPC
		}
	case *model.NATGateway:
		return x.VPC
	case *model.VPCEndpoint:
		return x.VPC
	case *model.LoadBalancer:
		return x.VPC
	case *model.LambdaFunction:
		return x.VPC
	case *model.ResolverEndpoint:
		return x.VPC
	case *model.RouteTable:
		return x.VPC
	case *model.NetworkACL:
		return x.VPC
	case *model.SecurityGroup:
		return x.VPC
	case *model.InternetGateway:
		if len(x.VPCs) > 0 {
			return x.VPCs[0]
		}
	case *model.EgressOnlyIGW:
		return x.VPC
	case *model.VPNGateway:
		if len(x.VPCs) > 0 {
			return x.VPCs[0]
		}
	}
	return ""
}

func (b *builder) eniVPC(e *model.ENI) string {
	if e.VPC != "" {
		return e.VPC
	}
	if sn := b.subnets[e.Subnet]; sn != nil {
		return sn.VPC
	}
	return ""
}

// regionCluster returns the account → region cluster for m.
func (b *builder) regionCluster(account, region string) *Cluster {
	if b.overview { // region first: a Region's transit gateway sits among its accounts
		return b.d.Root.child("reg_"+or(region, "unknown"), "region "+or(region, "unknown"), regionStyle)
	}
	acct := b.d.Root.child("acct_"+or(account, "unknown"), b.accountLabel(account), accountStyle)
	return acct.child("reg_"+or(account, "unknown")+"_"+or(region, "unknown"), "region "+or(region, "unknown"), regionStyle)
}

func (b *builder) accountLabel(id string) string {
	if id == "" {
		return "account (not given)"
	}
	for _, a := range b.s.Accounts {
		if a.ID == id && (a.Alias != "" || a.Name != "") {
			return "account " + id + " (" + or(a.Alias, a.Name) + ")"
		}
	}
	return "account " + id
}

// addNode places a node of kind in c, once.
func (b *builder) addNode(c *Cluster, id, label, kind, tooltip string) *Node {
	if n, ok := b.nodes[id]; ok {
		return n
	}
	st := nodeStyles[kind]
	if b.focusID != "" && strings.SplitN(id, "@", 2)[0] == b.focusID {
		st.Pen = 3
	}
	n := &Node{ID: id, Label: label, Kind: kind, Resources: []string{strings.SplitN(id, "@", 2)[0]}, Style: st, Tooltip: tooltip}
	c.Nodes = append(c.Nodes, n)
	b.nodes[id] = n
	if kind != kEmpty {
		b.usedKinds[kind] = true
	}
	return n
}

// kept reports whether a resource inside an expanded VPC is drawn.
func (b *builder) kept(ids ...string) bool {
	if b.keep == nil {
		return true
	}
	for _, id := range ids {
		if b.keep[id] {
			return true
		}
	}
	return false
}

// prefixes formats CIDRs compactly.
func prefixes(ps []netip.Prefix) string {
	var out []string
	for _, p := range ps {
		if p.IsValid() {
			out = append(out, p.String())
		}
	}
	return strings.Join(out, ", ")
}
