package viz

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/reach"
)

// Graph is the topology as typed data, for drawings other than Graphviz's
// (an interactive HTML report, a JSON export). It holds exactly what the
// diagrams draw: every box (account, Region, VPC, zone, subnet, on-premises)
// and every node is a GraphNode whose Parent is the box that holds it, and
// every line is a GraphEdge. Building it needs no Graphviz: TopologyGraph and
// PathGraph are pure functions of the snapshot (and answer), and the same
// input always gives the same Graph (nodes in tree order, edges sorted).
//
// The field names, the NodeKind and EdgeKind values and the ID scheme are
// kept stable; new kinds may be added.
type Graph struct {
	Title string      `json:"title"`
	Nodes []GraphNode `json:"nodes"`
	Edges []GraphEdge `json:"edges"`
}

// NodeKind is what a node stands for.
type NodeKind string

// Node kinds. Boxes first (they have children), then things.
const (
	KindAccount    NodeKind = "account"
	KindRegion     NodeKind = "region"
	KindVPC        NodeKind = "vpc" // a VPC drawn in full (a box) or as one node with counts
	KindZone       NodeKind = "zone"
	KindSubnet     NodeKind = "subnet"
	KindOnPrem     NodeKind = "on-premises"
	KindInstance   NodeKind = kInstance
	KindLambda     NodeKind = kLambda
	KindEndpoint   NodeKind = kEndpoint // interface endpoint
	KindGWLBE      NodeKind = kGWLBE    // Gateway Load Balancer endpoint (also Network Firewall's)
	KindNAT        NodeKind = kNAT
	KindLB         NodeKind = kLB
	KindResolver   NodeKind = kResolver
	KindTGWENI     NodeKind = kTGWENI // a TGW attachment's interfaces in one subnet
	KindENI        NodeKind = kOtherENI
	KindRouteTable NodeKind = kRouteTbl
	KindIGW        NodeKind = kIGW
	KindEIGW       NodeKind = kEIGW
	KindVGW        NodeKind = kVGW
	KindGatewayEP  NodeKind = kGatewayEP
	KindPeering    NodeKind = kPeering
	KindTGW        NodeKind = kTGW
	KindCGW        NodeKind = kCGW
	KindSite       NodeKind = kSite
	KindDXGW       NodeKind = kDXGW
	KindInternet   NodeKind = kInternet
	KindAPI        NodeKind = kAPIGW
	KindVPCLink    NodeKind = kVPCLink
	KindVPCGroup   NodeKind = kVPCGroup // overview: the VPCs of one account in one Region
	KindNote       NodeKind = kEmpty    // "(no interfaces)"
	KindLabel      NodeKind = "label"   // text a drawing adds (never in a Graph)
)

// EdgeKind is what a line stands for.
type EdgeKind string

// Edge kinds.
const (
	EdgeSubnetRouteTable EdgeKind = lAssoc  // subnet → the route table it uses
	EdgeRoute            EdgeKind = lRoute  // route table → next hop; Label: the destinations
	EdgeBlackhole        EdgeKind = lHole   // a blackhole route
	EdgeIngressRouting   EdgeKind = lEdgeRT // gateway → its gateway route table
	EdgeInternet         EdgeKind = lInternet
	EdgePeering          EdgeKind = lPeering
	EdgeTGW              EdgeKind = lTGW
	EdgeVPN              EdgeKind = lVPN
	EdgeDX               EdgeKind = lDX
	EdgeSite             EdgeKind = lSite
	EdgeAPI              EdgeKind = lAPI    // endpoint → API → integration backend
	EdgeLBTarget         EdgeKind = lTarget // load balancer → registered target
	EdgeDNSForward       EdgeKind = lDNSFwd // forwarder → inbound endpoint, outbound endpoint → site
	EdgePathForward      EdgeKind = lForward
	EdgePathReturn       EdgeKind = lReturn
	EdgePathBlocked      EdgeKind = lBlocked
	EdgePathDNS          EdgeKind = lDNS
)

// GraphNode is one box or node.
type GraphNode struct {
	// ID is unique in the graph: a resource ID ("igw-1", "rtb-1"), a group
	// "owner@subnet" (an owner's interfaces in one subnet), or a box
	// "vpc_vpc-1", "sn_subnet-1", "az_vpc-1_us-east-1a", "acct_111", "reg_111_us-east-1".
	ID     string   `json:"id"`
	Kind   NodeKind `json:"kind"`
	Name   string   `json:"name"`   // the label's first line after the kind: "web-1 (i-0abc)"
	Label  string   `json:"label"`  // the whole label as drawn, lines separated by "\n"
	Parent string   `json:"parent"` // the ID of the box that holds it, "" at the top
	// Resources are the model IDs it draws (owner first, then its interfaces):
	// what a path hop's IDs are matched against.
	Resources []string `json:"resources,omitempty"`
	Details   []Detail `json:"details,omitempty"`
}

// Detail is one line of what a node's panel shows: "CIDR" = "10.0.1.0/24".
type Detail struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// GraphEdge is one line. From and To are GraphNode IDs (a box's ID when the
// line belongs to the whole box, such as a subnet's route table).
type GraphEdge struct {
	From     string   `json:"from"`
	To       string   `json:"to"`
	Kind     EdgeKind `json:"kind"`
	Label    string   `json:"label,omitempty"`
	Directed bool     `json:"directed"`
	// Order is the hop order of a path overlay's edges, 0 for the topology.
	Order int `json:"order,omitempty"`
}

// TopologyGraph is the typed graph of the diagram Build draws with opts.
func TopologyGraph(s *model.Snapshot, opts Options) (*Graph, error) {
	d, err := Build(s, opts)
	if err != nil {
		return nil, err
	}
	return NewGraph(s, d), nil
}

// PathGraph is the typed graph of the diagram BuildPath draws: the topology
// with the answer's hops as EdgePath* edges in walk order (Order).
func PathGraph(s *model.Snapshot, a *reach.Answer, opts Options) (*Graph, error) {
	d, err := BuildPath(s, a, opts)
	if err != nil {
		return nil, err
	}
	return NewGraph(s, d), nil
}

// NewGraph converts a built diagram (Build, BuildPath) of s into a Graph,
// with details read from the snapshot.
func NewGraph(s *model.Snapshot, d *Diagram) *Graph {
	d.sortTree()
	ix := model.NewIndex(s)
	g := &Graph{Title: d.Title}
	var walk func(c *Cluster, parent string)
	walk = func(c *Cluster, parent string) {
		for _, sub := range c.Clusters {
			n := GraphNode{ID: sub.ID, Kind: NodeKind(sub.Kind), Label: sub.Label, Name: firstLine(sub.Label), Parent: parent}
			if sub.Resource != "" {
				n.Resources = []string{sub.Resource}
				n.Details = details(s, ix, sub.Resource)
			}
			g.Nodes = append(g.Nodes, n)
			walk(sub, sub.ID)
		}
		for _, x := range c.Nodes {
			n := GraphNode{ID: x.ID, Kind: NodeKind(x.Kind), Label: x.Label, Name: nodeName(x), Parent: parent,
				Resources: x.Resources}
			if len(x.Resources) > 0 {
				n.Details = details(s, ix, x.Resources[0])
				if len(x.Resources) > 1 {
					n.Details = append(n.Details, Detail{"interfaces", strings.Join(x.Resources[1:], ", ")})
				}
			}
			g.Nodes = append(g.Nodes, n)
		}
	}
	walk(d.Root, "")
	for _, e := range d.Edges {
		from, to := e.From, e.To
		if e.LTail != "" {
			from = e.LTail
		}
		if e.LHead != "" {
			to = e.LHead
		}
		g.Edges = append(g.Edges, GraphEdge{From: from, To: to, Kind: EdgeKind(e.kind), Label: e.Label,
			Directed: !e.Undirected, Order: e.Order})
	}
	return g
}

func firstLine(label string) string { return strings.SplitN(label, "\n", 2)[0] }

// nodeName is the node label's identifying line: the second, after the kind
// ("NAT gateway\nnat-1 (nat-0abc)"), for kinds whose label starts with it.
func nodeName(n *Node) string {
	ls := strings.Split(n.Label, "\n")
	switch n.Kind {
	case kVPCBox, kVPCGroup, kSite, kInternet, kEmpty:
		return ls[0]
	}
	if len(ls) > 1 {
		return ls[1]
	}
	return ls[0]
}

// details lists what the snapshot says about a resource, in a fixed order:
// ID, name, kind-specific lines, tags (sorted), and where the input said it.
func details(s *model.Snapshot, ix *model.Index, id string) []Detail {
	r, ok := ix.ByID(id)
	if !ok {
		return nil
	}
	m := r.Base()
	out := []Detail{{"id", m.ID}}
	add := func(k, v string) {
		if v != "" {
			out = append(out, Detail{k, v})
		}
	}
	add("name", m.Name)
	add("account", m.Account)
	add("region", m.Region)
	out = append(out, kindDetails(s, r)...)
	keys := make([]string, 0, len(m.Tags))
	for k := range m.Tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		add("tag "+k, m.Tags[k])
	}
	add("source", m.Source.String())
	return out
}

func kindDetails(s *model.Snapshot, r model.Resource) []Detail {
	var out []Detail
	add := func(k, v string) {
		if v != "" {
			out = append(out, Detail{k, v})
		}
	}
	switch x := r.(type) {
	case *model.VPC:
		add("CIDRs", prefixes(append(x.CIDRs[:len(x.CIDRs):len(x.CIDRs)], x.IPv6CIDRs...)))
	case *model.Subnet:
		add("CIDRs", prefixes([]netip.Prefix{x.CIDR, x.IPv6CIDR}))
		add("zone", or(x.AZ, x.AZID))
	case *model.RouteTable:
		for _, rt := range x.Routes {
			dest := rt.Destination.String()
			if rt.DestPrefixList != "" {
				dest = rt.DestPrefixList
			}
			v := rt.Target.String() + " (" + rt.Origin.String() + ")"
			if rt.Blackhole {
				v += " blackhole"
			}
			add("route "+dest, v)
		}
	case *model.SecurityGroup:
		add("rules", fmt.Sprintf("%d inbound, %d outbound", len(x.Ingress), len(x.Egress)))
	case *model.ENI:
		add("security groups", strings.Join(x.SecurityGroups, ", "))
		if ip := x.PrimaryIP(); ip.IsValid() {
			add("IP", ip.String())
		}
	case *model.LoadBalancer:
		add("type", x.Type+" "+x.Scheme)
		add("security groups", strings.Join(x.SecurityGroups, ", "))
	case *model.LambdaFunction:
		add("security groups", strings.Join(x.SecurityGroups, ", "))
	case *model.VPCEndpoint:
		add("service", x.ServiceName)
	case *model.ResolverEndpoint:
		add("direction", x.Direction)
	}
	return out
}
