// Package scan answers set questions exactly: what can reach an endpoint
// (--to), what an endpoint can reach (--from), and which interfaces are
// exposed to the internet on which ports (issue 4, CLI "scan").
//
// Exactness without sampling: peer addresses are partitioned at every
// boundary of every CIDR in the snapshot's rules, routes (VPC, transit
// gateway, VPN), prefix lists, VPCs and sites (classes.go), destination and
// source ports at every boundary of every filter's port range, listener and
// service port (as reach.Ports does, R2.11, R2.12), and one concrete packet
// per class is walked with reach.Ask, forward and back. All headers of a
// class meet the same rules and routes, so the union of the reachable
// classes (a flows.Set) is the exact answer.
//
// The internet exposure of an interface whose internet traffic stays in its
// VPC uses coarser classes cut only at its own rules and routes (local.go),
// and covers IPv6 with a second set of classes (six.go). Tests compare both
// with the estate-wide classes and with concrete walks.
package scan

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/flows"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// Direction says which side of the question the named endpoint is on.
type Direction string

const (
	To   Direction = "to"   // the endpoint is the responder: what can reach it
	From Direction = "from" // the endpoint is the initiator: what it can reach
)

// PeerKinds selects which peers a scan considers.
type PeerKinds struct {
	ENIs, Sites, Internet bool
}

// AllPeers considers interfaces, on-premises sites and internet hosts.
var AllPeers = PeerKinds{ENIs: true, Sites: true, Internet: true}

// Entry is one line of a compact answer: "tcp 22,443 from 0.0.0.0/0 via igw-1".
type Entry struct {
	Proto    string   `json:"proto"`
	Ports    string   `json:"ports,omitempty"`    // destination ports; empty for ICMP echo
	SrcPorts string   `json:"srcPorts,omitempty"` // set only when some of the initiator's ports fail
	PeerKind string   `json:"peerKind"`           // eni, onprem or internet
	Peer     string   `json:"peer"`
	CIDRs    []string `json:"cidrs"`
	// Except lists the internet ranges left out when CIDRs is 0.0.0.0/0 and
	// that is the shorter way to say it ("every host except these").
	Except []string `json:"except,omitempty"`
	Via    string   `json:"via,omitempty"`
	// outward is set when the peer is the responder (scan --from).
	outward bool
}

// String renders the entry for people.
func (e Entry) String() string {
	s := e.Proto
	if e.Ports != "" {
		s += " " + e.Ports
	} else if strings.HasPrefix(e.Proto, "icmp") {
		s += " echo"
	}
	word := "from"
	if e.outward {
		word = "to"
	}
	s += " " + word + " " + strings.Join(e.CIDRs, ",")
	if len(e.Except) > 0 {
		s += " except " + strings.Join(e.Except, ",")
	}
	if e.PeerKind != "internet" {
		s += " (" + e.Peer + ")"
	}
	if e.SrcPorts != "" {
		s += " source ports " + e.SrcPorts
	}
	if e.Via != "" {
		s += " via " + e.Via
	}
	return s
}

// Result is the answer to one scan.
type Result struct {
	Endpoint  string    `json:"endpoint"`
	Direction Direction `json:"direction"`
	Entries   []Entry   `json:"entries"`
	// Walked is the number of concrete packets walked (one per class).
	Walked   int      `json:"walked"`
	Warnings []string `json:"warnings"`
	// products are the reachable classes, kept to build the exact set on
	// demand (Flows): rendering needs only the entries, and building the
	// set of every interface of a large estate would cost more than walking it.
	products *accumulator
	set      *flows.Set
	// unknown counts the classes the snapshot could not decide; unknownWhat
	// is the first one's missing component.
	unknown     int
	unknownWhat string
	// skipped counts the interfaces outside the scan's pre-image, left
	// out without a walk (preimage.go).
	skipped int
}

// Flows returns the exact set of reachable headers, initiator to responder.
func (r *Result) Flows() (*flows.Set, error) {
	if r.set != nil {
		return r.set, nil
	}
	if r.products == nil {
		return flows.New(), nil
	}
	sets, err := r.products.sets()
	if err != nil {
		return nil, err
	}
	r.set = flows.UnionAll(sets)
	return r.set, nil
}

// Scanner holds what every scan of one network shares: the address classes.
// It is not safe for concurrent use (it caches local views).
type Scanner struct {
	N           *network.Network
	bounds      []netip.Addr
	internet    []Class
	notInternet *netipx.IPSet
	notRanges   []netipx.IPRange
	fixedCuts   []bool               // see cutsAtVPCsAndSites
	views       map[string]view      // local views by localKey
	rendered    map[string]rendering // internet CIDRs by spanKey
	all         netip.Prefix         // 0.0.0.0/0, or ::/0 for six
	six         *Scanner             // the IPv6 classes (six.go)
	// full walks every interface of a --to/--from scan (tests compare it
	// with the pre-image's scan).
	full bool
}

// New prepares the address classes of n once.
func New(n *network.Network) *Scanner {
	s := &Scanner{N: n, bounds: boundaries(n), all: netip.MustParsePrefix("0.0.0.0/0")}
	u := internetUniverse(n)
	s.internet = Partition(u, s.bounds)
	for i := range s.internet {
		s.internet[i].lo, s.internet[i].hi = int32(i), int32(i+1)
	}
	var b netipx.IPSetBuilder
	b.AddPrefix(netip.MustParsePrefix("0.0.0.0/0"))
	b.RemoveSet(u)
	s.notInternet, _ = b.IPSet()
	s.notRanges = s.notInternet.Ranges()
	s.fixedCuts = s.cutsAtVPCsAndSites()
	s.views = map[string]view{}
	s.rendered = map[string]rendering{}
	s.six = new6(n)
	return s
}

// InternetClasses returns the classes of internet addresses (for tests and reports).
func (s *Scanner) InternetClasses() []Class { return s.internet }

// peer is one class of the other side, with the endpoint that represents it.
type peer struct {
	ep   reach.Endpoint
	kind string
	name string
	ref  peerRef
}

// peers lists the classes of the other side; interfaces outside the
// pre-image of the scan (preimage.go) are left out and counted in skipped.
func (s *Scanner) peers(self reach.Endpoint, dir Direction, kinds PeerKinds, v view) (out []peer, skipped int) {
	if kinds.ENIs {
		var pre *preimage
		selfAddr := self.IP
		if self.Kind == reach.AtENI && !s.full {
			pre = newPreimage(s.N, self.ENI, dir)
			if dir == To && self.Public.IsValid() {
				selfAddr = self.Public
			}
		}
		var enis []*network.ENI // the candidates, then sorted by ID
		for _, e := range s.N.ENIs {
			ip := e.M.PrimaryIP()
			if s.all.Addr().Is6() { // the IPv6 scanner: the interface's IPv6 address (six.go)
				ip = netip.Addr{}
				if len(e.M.IPv6) > 0 {
					ip = e.M.IPv6[0]
				}
			}
			if e == self.ENI || !ip.IsValid() || ip.Is4() != s.all.Addr().Is4() || e.VPC == nil {
				continue
			}
			if pre != nil && !pre.mayReach(e, ip, selfAddr) {
				skipped++
				continue
			}
			enis = append(enis, e)
		}
		sort.Slice(enis, func(i, j int) bool { return enis[i].M.ID < enis[j].M.ID })
		for _, e := range enis {
			ip := e.M.PrimaryIP()
			if s.all.Addr().Is6() {
				ip = e.M.IPv6[0]
			}
			ep := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: ip, Name: e.M.ID, Ephemeral: Ephemeral(s.N, e)}
			out = append(out, peer{ep: ep, kind: "eni", name: e.Label(), ref: peerRef{ranges: []netipx.IPRange{netipx.IPRangeFrom(ip, ip)}}})
		}
	}
	if kinds.Sites {
		for _, site := range s.N.Sites {
			for _, c := range siteClasses(site, s.bounds) {
				ep := reach.Endpoint{Kind: reach.AtOnPrem, Site: site, IP: c.Rep, Name: site.M.Label(), Ephemeral: reach.EphemeralLinux}
				out = append(out, peer{ep: ep, kind: "onprem", name: site.M.Label(), ref: peerRef{ranges: c.Ranges}})
			}
		}
	}
	if kinds.Internet && self.Kind != reach.AtInternet {
		for _, c := range v.internet {
			ep := reach.Endpoint{Kind: reach.AtInternet, IP: c.Rep, Name: "internet", Ephemeral: reach.EphemeralLinux}
			out = append(out, peer{ep: ep, kind: "internet", name: "internet", ref: c.ref()})
		}
	}
	return out, skipped
}

// Ephemeral returns the range an interface picks source ports from (R2.12).
func Ephemeral(n *network.Network, e *network.ENI) model.PortRange { return reach.EphemeralOf(n, e) }

// Scan answers "what can reach self" (dir To) or "what can self reach" (dir From).
func (s *Scanner) Scan(self reach.Endpoint, dir Direction, kinds PeerKinds) (*Result, error) {
	v6only := self.Kind == reach.AtENI && self.IP.Is6() && s.six != nil // an interface of an IPv6-only subnet (R3.40)
	var res *Result
	var err error
	if v6only {
		res = &Result{Endpoint: self.Label(), Direction: dir, Entries: []Entry{}, Warnings: []string{}}
	} else if res, err = s.scan(self, dir, kinds, s.global()); err != nil {
		return res, err
	}
	if (!kinds.Internet && !kinds.ENIs) || self.Kind != reach.AtENI || len(self.ENI.M.IPv6) == 0 || s.six == nil {
		return res, nil
	}
	// The interface's IPv6 address, the IPv6 internet and the IPv6
	// addresses of other interfaces (six.go): entries only, the exact set
	// stays IPv4.
	self6 := self
	self6.IP = self.ENI.M.IPv6[0]
	r6, err := s.six.scan(self6, dir, PeerKinds{Internet: kinds.Internet, ENIs: kinds.ENIs}, s.six.global())
	if err != nil {
		return nil, err
	}
	res.Entries = append(res.Entries, r6.Entries...)
	res.Walked += r6.Walked
	res.skipped += r6.skipped
	sort.Slice(res.Entries, func(i, j int) bool { return entryLess(res.Entries[i], res.Entries[j]) })
	return res, nil
}

// scan answers Scan over the classes of v.
func (s *Scanner) scan(self reach.Endpoint, dir Direction, kinds PeerKinds, v view) (*Result, error) {
	if self.IP.Is4() != s.all.Addr().Is4() {
		return nil, fmt.Errorf("%s: scan supports IPv4 endpoints only (and IPv6 in the internet exposure)", self.Label())
	}
	res := &Result{Endpoint: self.Label(), Direction: dir, Entries: []Entry{}, Warnings: []string{}}
	acc := newAccumulator(s)
	peers, skipped := s.peers(self, dir, kinds, v)
	res.skipped = skipped
	for _, p := range peers {
		src, dst := p.ep, self
		if dir == From {
			src, dst = self, p.ep
		}
		dst.IP = reach.PublicDst(s.N, src, dst)
		s.walkPair(res, acc, p, src, dst, dir, v)
	}
	if err := acc.finish(res); err != nil {
		return nil, err
	}
	res.warnUnknown()
	return res, nil
}

// walkPair walks one packet per protocol, destination-port class and
// source-port class between src and dst and records the reachable ones.
func (s *Scanner) walkPair(res *Result, acc *accumulator, p peer, src, dst reach.Endpoint, dir Direction, v view) {
	pr := pairRanges{peer: p.ref, fixed: []netipx.IPRange{netipx.IPRangeFrom(dst.IP, dst.IP)}, vary: p.ref}
	if dir == From {
		pr.fixed, pr.fixedSrc = []netipx.IPRange{netipx.IPRangeFrom(src.IP, src.IP)}, true
		if dst.IP != p.ep.IP { // addressed by its public IP
			pr.vary = peerRef{ranges: []netipx.IPRange{netipx.IPRangeFrom(dst.IP, dst.IP)}}
		}
	}
	var hits []hit
	eph := src.Ephemeral
	if eph == (model.PortRange{}) {
		eph = reach.EphemeralLinux
	}
	ports := s.portsFor(v, p.ref)
	for _, proto := range []model.Protocol{model.ProtoTCP, model.ProtoUDP} {
		bounds := ports[proto]
		for _, dc := range portClasses(bounds, model.PortRange{From: 1, To: 65535}) {
			for _, sc := range portClasses(bounds, eph) {
				res.Walked++
				a := reach.Ask(s.N, reach.Question{Src: src, Dst: dst, Proto: proto, DstPort: dc.From, SrcPort: sc.From, Quiet: true})
				res.note(a)
				if a.Reachable() {
					hits = append(hits, hit{proto: proto, via: via(a), box: flows.PortBox{SrcPorts: sc, DstPorts: dc}})
				}
			}
		}
	}
	res.Walked++
	echo, echoType := model.ProtoICMP, 8
	if src.IP.Is6() {
		echo, echoType = model.ProtoICMPv6, 128
	}
	a := reach.Ask(s.N, reach.Question{Src: src, Dst: dst, Proto: echo, ICMPType: echoType, Quiet: true})
	res.note(a)
	if a.Reachable() {
		hits = append(hits, hit{proto: echo, via: via(a), box: flows.PortBox{ICMPTypes: [2]int{echoType, echoType}}})
	}
	acc.addPair(groupKey{kind: p.kind, name: p.name}, pr, eph, hits)
}

// note counts an answer the snapshot could not decide; the first one's
// missing piece is kept for the warning.
func (r *Result) note(a *reach.Answer) {
	if a.Verdict != reach.Unknown {
		return
	}
	r.unknown++
	if r.unknownWhat == "" {
		for _, e := range a.Explanations {
			if e.Code.IsUnknown() {
				r.unknownWhat = e.Component
				break
			}
		}
	}
}

// warnUnknown adds the warning for the classes that could not be decided.
func (r *Result) warnUnknown() {
	if r.unknown == 0 {
		return
	}
	r.Warnings = append(r.Warnings, fmt.Sprintf("%d of %d packet classes are unknown (not counted as reachable): the input lacks what they need, first at %s; `netverify can-reach` on one of them says what",
		r.unknown, r.Walked, r.unknownWhat))
}

// via names the gateways of the forward path, in order, once each; with a
// 1:1 NAT it adds the public address used.
func via(a *reach.Answer) string {
	var out, conds []string
	seen := map[string]bool{}
	for _, h := range a.Forward {
		if h.Kind.IsGateway() && !seen[h.Component] {
			seen[h.Component] = true
			out = append(out, h.Component)
		}
		if h.Condition != "" {
			conds = append(conds, h.Condition) // a Network Firewall domain list (R7.45)
		}
	}
	if len(conds) > 0 {
		return strings.Join(out, ",") + " (" + strings.Join(conds, "; ") + ")"
	}
	return strings.Join(out, ",")
}

// setFull makes --to/--from scans walk every interface (no pre-image).
func (s *Scanner) setFull(on bool) {
	s.full = on
	if s.six != nil {
		s.six.full = on
	}
}
