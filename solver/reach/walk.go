package reach

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// via says how a packet entered the VPC it is being routed in (R0.7); it
// decides which targets it may use (R3.8, R4.4, R6.5, R7.4).
type via int

const (
	viaENI via = iota // sent by an interface in the VPC (also a NAT gateway or middlebox)
	viaIGW
	viaVGW
	viaPeering
	viaTGW
	viaService
)

func (v via) String() string {
	return [...]string{"an interface in the VPC", "the internet gateway", "the virtual private gateway",
		"a VPC peering connection", "a transit gateway", "a gateway endpoint"}[v]
}

// natEntry is the NAT gateway's connection-tracking record (R3.6).
type natEntry struct {
	nat               *network.ENI
	origSrc, newSrc   netip.Addr
	origPort, newPort uint16
	origDst           netip.Addr // set for NAT64: the 64:ff9b:: address the client sent to (R3.10)
}

// state is what a walk remembers for the opposite direction: stateful devices
// and the security groups that saw the packet (R0.4, R2.3).
type state struct {
	enis        []*network.ENI // whose security groups saw the packet; a handful, so a slice
	nats        []natEntry
	middleboxes []string
	appliances  []applianceUse     // appliances the packet went through (R1.20)
	gwlbs       []gwlbUse          // Gateway Load Balancer endpoints it went through (R1.22)
	tgwAZs      []tgwAZ            // the zone it entered each VPC attachment by (R5.9)
	eigws       []*network.VPC     // left through the VPC's egress-only gateway
	endpoint    *model.VPCEndpoint // gateway endpoint used (its service answers through it)
}

func (s *state) sawENI(e *network.ENI) bool {
	for _, x := range s.enis {
		if x == e {
			return true
		}
	}
	return false
}

func (s *state) leftEIGW(v *network.VPC) bool {
	for _, x := range s.eigws {
		if x == v {
			return true
		}
	}
	return false
}

// end is where a walk stopped successfully.
type end struct {
	kind EndpointKind
	eni  *network.ENI
	site *network.Site
	pkt  network.Packet
}

// walker walks one direction.
type walker struct {
	n       *network.Network
	dir     Direction
	ret     bool   // the return direction
	fwd     *state // forward state, for the return walk
	st      *state
	pkt     network.Packet
	hops    []Hop
	ex      []Explanation
	warn    []string
	blocked bool // a filter denied; the walk continued to find further blocks
	stopped bool // the packet went nowhere
	unknown bool
	lostID  bool            // the packet crossed a middlebox or NAT (R2.5, R2.7)
	pending *network.Subnet // subnet whose outbound NACL still applies (R2.13)
	visits  []visit
	done    *end
	// quiet skips the human text (Question.Quiet).
	quiet bool
}

// visit counts how often a walk met one component; walks are short, so a
// slice beats a map.
type visit struct {
	id string
	n  int
}

func newWalker(n *network.Network, ret bool, fwd *state, p network.Packet) *walker {
	w := &walker{n: n, ret: ret, fwd: fwd, st: &state{}, pkt: p, dir: DirForward}
	if ret {
		w.dir = DirReturn
	}
	return w
}

// hop records a step at component, a resource ID or an address (decorate
// fills in the IDs of those that are resources).
func (w *walker) hop(component string, kind HopKind, action Action, rule string) {
	if w.quiet && !kind.IsGateway() {
		return
	}
	w.hops = append(w.hops, Hop{Component: component, Kind: kind, Action: action, Rule: rule})
}

// hopIDs records a step whose component is a label ("i-1 (eni-1)", "sg-1,sg-2")
// with the resources it involves.
func (w *walker) hopIDs(component string, ids []string, kind HopKind, action Action, rule string) {
	if w.quiet && !kind.IsGateway() {
		return
	}
	w.hops = append(w.hops, Hop{Component: component, Kind: kind, Action: action, Rule: rule, IDs: ids})
}

// say builds human text only when someone will read it: quiet walks (set
// questions walking millions of packets) keep the verdict, the components
// and the codes, and skip the formatting.
func (w *walker) say(text func() string) string {
	if w.quiet {
		return ""
	}
	return text()
}

// visited returns how often the walk met id.
func (w *walker) visited(id string) int {
	for _, v := range w.visits {
		if v.id == id {
			return v.n
		}
	}
	return 0
}

// visit counts one more visit of id and returns the count.
func (w *walker) visit(id string) int {
	for i := range w.visits {
		if w.visits[i].id == id {
			w.visits[i].n++
			return w.visits[i].n
		}
	}
	w.visits = append(w.visits, visit{id, 1})
	return 1
}

// block records a filter denial; the walk goes on to find every blocker.
func (w *walker) block(e Explanation) {
	e.Direction = w.dir
	if !w.quiet {
		e.Hop = len(w.hops) // the deny hop, recorded just before
	}
	w.ex = append(w.ex, e)
	w.blocked = true
}

// stop records that the packet is dropped here; the walk ends.
func (w *walker) stop(e Explanation) {
	e.Direction = w.dir
	if !w.quiet {
		e.Hop = len(w.hops) + 1
	}
	w.ex = append(w.ex, e)
	w.stopped = true
	w.hopIDs(e.Component, e.IDs, HopDrop, ActDrop, e.Rule)
}

// unlisted records that the input left out a whole listing (VPC.Unlisted)
// that the answer needs; the fix names the command whose output is missing.
func (w *walker) unlisted(component, what, command string) {
	w.missingFix(component, what, fmt.Sprintf("add the output of `%s` to the input (a .json file in the dump's directory, or another --in file), or describe the resource in a scenario overlay", command))
}

// missing records that the snapshot lacks what is needed to go on.
func (w *walker) missing(component, what string) {
	w.missingFix(component, what, "add the missing resource to the input (another account's or Region's data, or a scenario file)")
}

func (w *walker) missingFix(component, what, fix string) {
	w.ex = append(w.ex, Explanation{Code: CodeUnknownResource, Component: component, Direction: w.dir, Detail: what, Fix: fix})
	w.unknown, w.stopped = true, true
}

func (w *walker) assumed(m *model.Meta) {
	if w.quiet {
		return
	}
	for _, a := range m.Assumed {
		w.warn = append(w.warn, m.ID+": "+a)
	}
}

// loop reports (and stops) when the packet visits a component too often.
func (w *walker) loop(id string) bool {
	if w.visit(id) <= 2 {
		return false
	}
	w.stop(Explanation{Code: CodeNoPath, Component: id,
		Detail: w.say(func() string { return fmt.Sprintf("routing loop: the packet returns to %s again and again", id) }),
		Fix:    "fix the route tables so that the path leads out of the loop"})
	return true
}

// leaveENI sends the packet out of an interface (R0.3 steps 1-4).
func (w *walker) leaveENI(e *network.ENI) {
	if w.loop(e.M.ID) {
		return
	}
	w.assumed(&e.M.Meta)
	w.sg(e, false)
	if e.VPC == nil || e.Subnet == nil {
		w.missing(e.M.ID, fmt.Sprintf("the subnet or VPC of %s is not in the snapshot", e.M.ID))
		return
	}
	if isResolver(e.VPC, w.pkt.Dst) {
		w.hop(w.pkt.Dst.String(), HopResolver, ActDeliver, "Route 53 Resolver / instance metadata: never filtered (R0.6)")
		w.done = &end{kind: AtResolver, pkt: w.pkt}
		return
	}
	if d := e.VPC.ENIByIP(w.pkt.Dst); d != nil && d.Subnet == e.Subnet && d != e {
		w.hop(e.Subnet.M.ID, HopSubnet, ActDeliver, "same subnet: layer-2 delivery, no route table or NACL (R0.5)")
		w.arriveENI(d)
		return
	}
	w.pending = e.Subnet
	w.route(e.VPC, e.Subnet.RT, e.Subnet, viaENI)
}

// isResolver reports whether ip is the VPC Resolver or metadata address (R0.6).
func isResolver(v *network.VPC, ip netip.Addr) bool {
	for _, a := range resolverAddrs {
		if ip == a {
			return true
		}
	}
	return ip == v.M.ResolverIP()
}

var resolverAddrs = []netip.Addr{netip.MustParseAddr("169.254.169.253"), netip.MustParseAddr("169.254.169.254"),
	netip.MustParseAddr("fd00:ec2::253"), netip.MustParseAddr("fd00:ec2::254")}

// sg evaluates the security groups of e in one direction; in the return
// direction the groups that saw the request let the response through (R2.3).
func (w *walker) sg(e *network.ENI, ingress bool) {
	if len(e.SGs) == 0 && len(e.MissingSGs) == 0 {
		return
	}
	if !w.st.sawENI(e) {
		w.st.enis = append(w.st.enis, e)
	}
	dirName := "outbound"
	if ingress {
		dirName = "inbound"
	}
	if w.ret && w.fwd.sawENI(e) {
		if w.quiet {
			return
		}
		w.hopIDs(e.M.ID, append([]string{e.M.ID}, sgIDList(e)...), HopSecurityGroup, ActAllow, "stateful: response of an allowed connection (R2.3)")
		return
	}
	v := w.n.EvalSGs(e, ingress, w.pkt, w.lostID)
	if v.Allow {
		w.hop(v.SG.M.ID, HopSecurityGroup, ActAllow, w.say(func() string { return network.RuleString(v.SG, v.Rule, ingress) }))
		return
	}
	// Groups allow (R2.2): a group, or a group a rule names, that is not in
	// the snapshot may be the one that allows this packet.
	if len(e.MissingSGs) > 0 || len(v.Unknown) > 0 {
		w.missing(e.M.ID, w.say(func() string { return unknownSGs(e, v.Unknown, dirName, w.pkt) }))
		return
	}
	ids := sgIDs(e)
	if w.quiet {
		w.hop(ids, HopSecurityGroup, ActDeny, "")
		w.block(Explanation{Code: sgDenyCode(v), Component: ids})
		return
	}
	field, peer := "destination address", w.pkt.Dst
	if ingress {
		field, peer = "source address", w.pkt.Src
	}
	sgs := sgIDList(e)
	w.hopIDs(ids, sgs, HopSecurityGroup, ActDeny, "no "+dirName+" rule matches")
	ex := Explanation{Code: CodeEniSgRulesMismatch, Component: ids, IDs: sgs, Field: field + " / protocol / port",
		Detail: fmt.Sprintf("no %s rule of %s (on %s) allows %s", dirName, ids, e.Label(), w.pkt),
		Fix:    fmt.Sprintf("add an %s rule to %s allowing %s %s %s", dirName, e.SGs[0].M.ID, protoPort(w.pkt), fromTo(ingress), w.sgPeer(e, peer))}
	if v.RefNotPreserved != nil {
		ex.Code = CodeSgReferencesNotPreserved
		ex.Rule = network.RuleString(v.RefSG, v.RefNotPreserved, ingress)
		ex.Detail += "; the rule naming " + v.RefNotPreserved.Peer() + " cannot match because the packet passed a middlebox or NAT (R2.5, R2.7)"
		ex.Fix = fmt.Sprintf("allow the address range (e.g. %s) instead of the group reference", peer)
	}
	w.block(ex)
}

// sgPeer names the other end for a security-group fix: an interface in the
// same VPC is best allowed by its group (it keeps working when the address
// changes, R2.4), unless the packet crossed a middlebox or NAT, where group
// references no longer match (R2.5, R2.7); otherwise the address.
func (w *walker) sgPeer(e *network.ENI, peer netip.Addr) string {
	if w.lostID {
		return peer.String()
	}
	for _, o := range w.n.ENIsByIP(peer) {
		if o != e && o.VPC == e.VPC && len(o.SGs) > 0 {
			return fmt.Sprintf("%s (the security group of %s; or the address %s)", o.SGs[0].M.ID, o.Label(), peer)
		}
	}
	return peer.String()
}

// unknownSGs says why a security-group verdict is unknown.
func unknownSGs(e *network.ENI, named []string, dirName string, p network.Packet) string {
	var why []string
	if len(e.MissingSGs) > 0 {
		why = append(why, fmt.Sprintf("its security group %s is not in the snapshot", strings.Join(e.MissingSGs, ", ")))
	}
	if len(named) > 0 {
		why = append(why, fmt.Sprintf("a rule names %s, which the snapshot lacks (or lists without its entries, R2.40)", strings.Join(named, ", ")))
	}
	return fmt.Sprintf("no %s rule of %s's security groups in the snapshot allows %s, but %s: whether it is allowed is unknown (R2.2)",
		dirName, e.Label(), p, strings.Join(why, "; "))
}

func sgDenyCode(v network.SGVerdict) Code {
	if v.RefNotPreserved != nil {
		return CodeSgReferencesNotPreserved
	}
	return CodeEniSgRulesMismatch
}

func sgIDList(e *network.ENI) []string {
	out := make([]string, len(e.SGs))
	for i, sg := range e.SGs {
		out[i] = sg.M.ID
	}
	return out
}

// eniIDs are the resources an interface hop involves: the ENI and its owner.
func eniIDs(e *network.ENI) []string {
	if e.M.OwnerID != "" && e.M.OwnerID != e.M.ID {
		return []string{e.M.ID, e.M.OwnerID}
	}
	return []string{e.M.ID}
}

func sgIDs(e *network.ENI) string {
	if len(e.SGs) == 1 {
		return e.SGs[0].M.ID
	}
	s := ""
	for i, sg := range e.SGs {
		if i > 0 {
			s += ","
		}
		s += sg.M.ID
	}
	return s
}

func protoPort(p network.Packet) string {
	if p.Proto.HasPorts() {
		return fmt.Sprintf("%s %d", p.Proto, p.DstPort)
	}
	return p.Proto.String()
}

func fromTo(ingress bool) string {
	if ingress {
		return "from"
	}
	return "to"
}

// nacl evaluates subnet s's NACL in one direction (R2.11, R2.12).
func (w *walker) nacl(s *network.Subnet, egress bool) {
	if s == nil || s.ACL == nil {
		return
	}
	v := s.ACL.Eval(egress, w.pkt)
	id := s.ACL.M.ID
	if !w.quiet && s.VPC != nil && s.VPC.M.IsUnlisted(model.UnlistedNACLs) && id == model.DefaultNACLID(s.VPC.M.ID) {
		w.warn = append(w.warn, fmt.Sprintf("%s: the input lists no network ACLs at all (no `aws ec2 describe-network-acls` output); the default network ACL, which allows all traffic (R2.10), is assumed for subnet %s", id, s.M.ID))
	}
	if w.quiet {
		if v.Allow {
			w.hop(id, HopNetworkACL, ActAllow, "")
			return
		}
		w.hop(id, HopNetworkACL, ActDeny, "")
		w.block(Explanation{Code: CodeSubnetAclRestriction, Component: id})
		return
	}
	rule := v.Rule(egress)
	if v.Allow {
		w.hop(id, HopNetworkACL, ActAllow, rule)
		return
	}
	w.hop(id, HopNetworkACL, ActDeny, rule)
	field, peer, dirName := "source address / destination port", w.pkt.Src, "inbound"
	if egress {
		field, peer, dirName = "destination address / destination port", w.pkt.Dst, "outbound"
	}
	fix := fmt.Sprintf("add an %s allow rule to %s for %s %s %s before the rule that denies it", dirName, id, protoPort(w.pkt), fromTo(!egress), peer)
	if w.ret && w.pkt.Proto.HasPorts() {
		fix = fmt.Sprintf("add an %s allow rule to %s for %s ephemeral ports (e.g. 1024-65535, R2.12) %s %s", dirName, id, w.pkt.Proto, fromTo(!egress), peer)
	}
	w.block(Explanation{Code: CodeSubnetAclRestriction, Component: id, Rule: rule, Field: field,
		Detail: fmt.Sprintf("%s of subnet %s: %s denies %s", id, s.M.ID, rule, w.pkt), Fix: fix})
}

// leavePending applies the outbound NACL of the subnet the packet is leaving,
// unless it stays inside that subnet.
func (w *walker) leavePending(to *network.Subnet) {
	if w.pending != nil && w.pending != to {
		w.nacl(w.pending, true)
	}
	w.pending = nil
}

// arriveENI delivers the packet to an interface: NAT gateways translate
// responses back (R3.6); everything else applies its inbound SGs (R0.3 step 6).
func (w *walker) arriveENI(e *network.ENI) {
	w.assumed(&e.M.Meta)
	if e.NAT != nil {
		w.natReturn(e)
		return
	}
	if w.ownerUnlisted(e) {
		return
	}
	w.sg(e, true)
	if w.applianceReturn(e) {
		return
	}
	if e.M.OwnerKind == model.OwnerLoadBalancer && !w.ret {
		w.lbAccepts(e)
	}
	if e.M.OwnerKind == model.OwnerInterfaceEndpoint && !w.ret {
		w.endpointAccepts(e)
	}
	w.hopIDs(e.Label(), eniIDs(e), HopENI, ActDeliver, "")
	w.done = &end{kind: AtENI, eni: e, pkt: w.pkt}
}

// deliverLocal hands the packet to the owner of its destination inside v
// (local route, R1.5), with the NACLs of the subnets it crosses.
func (w *walker) deliverLocal(v *network.VPC, from *network.Subnet) {
	d := v.ENIByIP(w.pkt.Dst)
	if d == nil && v.M.IsUnlisted(model.UnlistedENIs) {
		w.unlistedKind(v.M.UnlistedWhy, v.M.ID, model.UnlistedENIs, fmt.Sprintf("whether an interface in %s owns %s is unknown", v.M.ID, w.pkt.Dst))
		return
	}
	if d == nil {
		w.stop(Explanation{Code: CodeNoPossibleDestination, Component: v.M.ID, Field: "destination address",
			Detail: w.say(func() string { return fmt.Sprintf("no interface in %s owns %s", v.M.ID, w.pkt.Dst) }),
			Fix:    "check the destination address: nothing in the snapshot uses it"})
		return
	}
	w.leavePending(d.Subnet)
	if from == nil || d.Subnet != from {
		w.nacl(d.Subnet, false)
	}
	w.arriveENI(d)
}
