// Package reach walks concrete packets through a compiled network.Network,
// forward and back (R0.1-R0.7), and explains every component that blocks a
// connection with an AWS Reachability Analyzer explanation code.
package reach

import (
	"encoding/json"
	"net/netip"
	"slices"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// Verdict is the answer to a reachability question.
type Verdict int

const (
	Reachable Verdict = iota
	Blocked
	Unknown
)

func (v Verdict) String() string { return [...]string{"reachable", "blocked", "unknown"}[v] }

// MarshalText makes verdicts readable in JSON.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// EndpointKind says where an endpoint of a question lives.
type EndpointKind int

const (
	AtENI      EndpointKind = iota // an interface in a VPC
	AtInternet                     // a host on the internet
	AtOnPrem                       // a host in an on-premises site
	AtService                      // an AWS service reached through a gateway endpoint
	AtResolver                     // the VPC Resolver or metadata service (R0.6)
	AtAddress                      // an address inside a VPC that nothing in the snapshot owns
)

// Endpoint is one end of a question: an ENI, an internet host or an
// on-premises host, with the address it uses.
type Endpoint struct {
	Kind EndpointKind
	ENI  *network.ENI
	Site *network.Site
	IP   netip.Addr
	// Name is how the user named it.
	Name string
	// Ephemeral is the range the endpoint picks source ports from (R2.12).
	Ephemeral model.PortRange
	// Assumed repeats what is assumed about the endpoint's resources.
	Assumed []string
	// Public is the public address the user named for this interface, if
	// any: a destination named so is reached at that address, through the
	// internet gateway, even from inside AWS (R3.2, R3.3).
	Public netip.Addr
}

// Label names the endpoint for people.
func (e Endpoint) Label() string {
	switch e.Kind {
	case AtENI:
		if !e.IP.IsValid() {
			return e.ENI.Label() + " (no address)"
		}
		return e.ENI.Label() + " " + e.IP.String()
	case AtOnPrem:
		return e.IP.String() + " (on-premises " + e.Site.M.Label() + ")"
	}
	return e.IP.String() + " (internet)"
}

// Hop is one step of a path: which component did what, and by which rule or route.
type Hop struct {
	// Component is the ID (or label) of what acted: sg-1, "i-1 (eni-1)", an address.
	Component string  `json:"component"`
	Kind      HopKind `json:"kind"`
	Action    Action  `json:"action"`
	Rule      string  `json:"rule,omitempty"`
	// IDs are the resources the hop involves, most specific first (for an
	// interface: the ENI, then its owner); empty for the internet, an
	// address or an AWS service. Quiet walks leave it empty.
	IDs []string `json:"ids,omitempty"`
	// Name is the display name of IDs[0] when the input gives one (Name tag,
	// CloudFormation logical ID, Terraform address, scenario name).
	Name string `json:"name,omitempty"`
	// Condition is what the hop's verdict depends on beyond the packet
	// (a Network Firewall domain list: "only for Host/SNI in [...]", R7.45).
	Condition string `json:"condition,omitempty"`
}

// Label is how people see the hop's component: "PrivateRt (rtb-0e5c...)" when
// it has a display name that its component does not already show.
func (h Hop) Label() string {
	if h.Name == "" || h.Name == h.Component || strings.Contains(h.Component, h.Name) || strings.HasSuffix(h.Component, "-"+h.Name) {
		return h.Component
	}
	return h.Name + " (" + h.Component + ")"
}

// Involves reports whether the hop involves the resource id.
func (h Hop) Involves(id string) bool { return slices.Contains(h.IDs, id) || h.Component == id }

// Explanation says why a component blocks (or could not be analysed).
type Explanation struct {
	Code      Code      `json:"code"`
	Component string    `json:"component"`
	Direction Direction `json:"direction"`
	Detail    string    `json:"detail"`
	Rule      string    `json:"rule,omitempty"`
	Field     string    `json:"field,omitempty"` // the header field that fails: destination port, source address, ...
	Fix       string    `json:"fix,omitempty"`
	// IDs are the resources the explanation is about (see Hop.IDs).
	IDs []string `json:"ids,omitempty"`
	// Hop is the 1-based position, in its direction's hops, of the hop that
	// denied or dropped; 0 when no hop stands for it (missing data).
	Hop int `json:"hop,omitempty"`
}

// Question is one concrete connection attempt.
type Question struct {
	Src, Dst Endpoint
	Proto    model.Protocol
	DstPort  uint16
	// SrcPort is the initiator's source port; 0 checks every class of the initiator's ephemeral range (R2.12).
	SrcPort  uint16
	ICMPType int
	ICMPCode int
	// OneWay skips the return path.
	OneWay bool
	// Quiet skips the human text: hop rules, explanation details and fixes,
	// and warnings may be empty, and the hops are only the gateways
	// (GatewayKind). The verdict, those hops' components and kinds and the
	// explanations' codes and components are the same as without it. For
	// set questions that walk many packets (solver/scan).
	Quiet bool
}

// Answer is the outcome of a question.
type Answer struct {
	Verdict      Verdict
	Packet       network.Packet
	Forward      []Hop
	Return       []Hop
	Explanations []Explanation
	Warnings     []string
	// SeenSource is the source address the destination sees (after NAT).
	SeenSource netip.Addr
}

// Reachable reports whether the connection works.
func (a *Answer) Reachable() bool { return a.Verdict == Reachable }

// JSON is the stable machine form of an answer (ARCHITECTURE.md, CLI contract).
type JSON struct {
	Src          string        `json:"src"`
	Dst          string        `json:"dst"`
	Proto        string        `json:"proto"`
	Port         *int          `json:"port"`
	Reachable    bool          `json:"reachable"`
	Verdict      Verdict       `json:"verdict"`
	Forward      []Hop         `json:"forward"`
	Return       []Hop         `json:"return"`
	Explanations []Explanation `json:"explanations"`
	Warnings     []string      `json:"warnings"`
}

// MarshalJSON renders the answer without the question; see ToJSON for the full form.
func (a *Answer) MarshalJSON() ([]byte, error) {
	return json.Marshal(a.ToJSON("", "", true))
}

// ToJSON fills the stable JSON form; withPort is false for "which ports" questions.
func (a *Answer) ToJSON(src, dst string, withPort bool) JSON {
	j := JSON{Src: src, Dst: dst, Proto: a.Packet.Proto.String(), Reachable: a.Reachable(), Verdict: a.Verdict,
		Forward: nonNil(a.Forward), Return: nonNil(a.Return), Explanations: a.Explanations, Warnings: a.Warnings}
	if j.Explanations == nil {
		j.Explanations = []Explanation{}
	}
	if j.Warnings == nil {
		j.Warnings = []string{}
	}
	if withPort && a.Packet.Proto.HasPorts() {
		p := int(a.Packet.DstPort)
		j.Port = &p
	}
	return j
}

func nonNil(h []Hop) []Hop {
	if h == nil {
		return []Hop{}
	}
	return h
}
