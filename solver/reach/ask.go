package reach

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// Ephemeral source-port ranges by initiator type (R2.12).
var (
	EphemeralLinux   = model.PortRange{From: 32768, To: 61000}
	EphemeralWindows = model.PortRange{From: 49152, To: 65535}
	EphemeralAWS     = model.PortRange{From: 1024, To: 65535} // Lambda, NAT gateway, ELB
)

// Ask answers one question. With SrcPort 0 every class of the initiator's
// ephemeral range is walked (R2.12): the answer is reachable only when all are.
func Ask(n *network.Network, q Question) *Answer {
	q.Src = sameFamily(q.Src, q.Dst.IP)
	q.Dst = sameFamily(q.Dst, q.Src.IP)
	if a := noAddress(q); a != nil {
		return a
	}
	if a := noFamily(n, q); a != nil {
		return a
	}
	if q.SrcPort != 0 || !q.Proto.HasPorts() {
		return askOne(n, q)
	}
	eph := q.Src.Ephemeral
	if eph == (model.PortRange{}) {
		eph = EphemeralLinux
	}
	var first, failed *Answer
	var bad []model.PortRange
	for _, r := range classes(n.PortBounds(q.Proto), eph) {
		qq := q
		qq.SrcPort = r.From
		a := askOne(n, qq)
		if first == nil {
			first = a
		}
		if a.Verdict != Reachable {
			bad = append(bad, r)
			if failed == nil {
				failed = a
			}
		}
	}
	if failed == nil {
		return first
	}
	if bad = mergeAdjacent(bad); len(bad) > 0 && !(len(bad) == 1 && bad[0] == eph) {
		failed.Warnings = append(failed.Warnings, fmt.Sprintf("only some source ports fail: %s of the initiator's ephemeral range %s", rangesString(bad), eph))
	}
	return failed
}

// mergeAdjacent joins consecutive port ranges (classes come sorted), so a
// failure of every class reads as the whole range.
func mergeAdjacent(rs []model.PortRange) []model.PortRange {
	var out []model.PortRange
	for _, r := range rs {
		if k := len(out); k > 0 && uint32(out[k-1].To)+1 == uint32(r.From) {
			out[k-1].To = r.To
			continue
		}
		out = append(out, r)
	}
	return out
}

// sameFamily gives an interface endpoint its address of the other end's
// family: IPv4 and IPv6 are separate networks (R0.2), so an instance named by
// ID that talks to an IPv6 host does so from its IPv6 address (S32).
func sameFamily(e Endpoint, other netip.Addr) Endpoint {
	if e.Kind != AtENI || e.ENI == nil || !other.IsValid() || !e.IP.IsValid() || e.IP.Is4() == other.Is4() {
		return e
	}
	addrs := e.ENI.M.PrivateIPs
	if other.Is6() {
		addrs = e.ENI.M.IPv6
	}
	if len(addrs) > 0 {
		e.IP, e.Public = addrs[0], netip.Addr{}
	}
	return e
}

// classes splits r at the bounds: every port of a class is treated alike by every filter.
func classes(bounds []uint16, r model.PortRange) []model.PortRange {
	var out []model.PortRange
	from := r.From
	for _, b := range bounds {
		if b > from && b <= r.To {
			out = append(out, model.PortRange{From: from, To: b - 1})
			from = b
		}
	}
	return append(out, model.PortRange{From: from, To: r.To})
}

func rangesString(rs []model.PortRange) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += ","
		}
		s += r.String()
	}
	return s
}

// noAddress answers unknown when an endpoint has no address: an interface
// of a plan whose subnet (and so whose address range) is in none of the
// inputs. Walking an invalid address would answer "blocked" for a reason
// that is not true.
func noAddress(q Question) *Answer {
	var ex []Explanation
	for _, e := range []struct {
		ep   Endpoint
		side string
	}{{q.Src, "source"}, {q.Dst, "destination"}} {
		if e.ep.IP.IsValid() {
			continue
		}
		name := e.ep.Name
		if e.ep.ENI != nil {
			name = e.ep.ENI.Label()
		}
		ex = append(ex, Explanation{Code: CodeUnknownResource, Component: name, Direction: DirForward, Field: e.side + " address",
			Detail: name + " has no IP address in the input (its subnet, which it would get one from, is in none of the inputs)",
			Fix:    "add the input that holds its subnet (another plan, state or template), or ask about it by address"})
	}
	if ex == nil {
		return nil
	}
	p := network.Packet{Proto: q.Proto, Src: q.Src.IP, Dst: q.Dst.IP, SrcPort: q.SrcPort, DstPort: q.DstPort, ICMPType: q.ICMPType}
	a := &Answer{Verdict: Unknown, Packet: p, Explanations: ex}
	a.Warnings = dedup(append(append(a.Warnings, q.Src.Assumed...), q.Dst.Assumed...))
	return a
}

const hopsPerWalk = 12

func askOne(n *network.Network, q Question) *Answer {
	p := network.Packet{Proto: q.Proto, Src: q.Src.IP, Dst: q.Dst.IP, SrcPort: q.SrcPort, DstPort: q.DstPort,
		ICMPType: q.ICMPType, ICMPCode: q.ICMPCode}
	a := &Answer{Packet: p}
	a.Warnings = append(a.Warnings, q.Src.Assumed...)
	a.Warnings = append(a.Warnings, q.Dst.Assumed...)
	// An interface's own private address is loopback; its own public address
	// is not: the packet hairpins through the internet gateway, with source
	// NAT, and meets the NACL and security groups on the way back in (R3.2,
	// R3.3; lab aws_multi_account_vpc_peering: 10.2.1.252 -> its own
	// 54.82.106.49 tcp/22 is filtered by its subnet's NACL).
	if q.Src.Kind == AtENI && p.Dst != q.Dst.Public && (q.Src.ENI.M.HasIP(p.Dst) || sameInstance(q.Src, q.Dst)) {
		a.Forward = []Hop{{Component: q.Src.ENI.Label(), IDs: eniIDs(q.Src.ENI), Kind: HopENI, Action: ActDeliver, Rule: "the source instance's own address"}}
		decorate(n, a)
		a.SeenSource = p.Src
		return a
	}
	// One allocation holds the hops of both directions (a typical walk has
	// fewer than a dozen); a longer walk grows its own slice. A quiet walk
	// records a few gateways only.
	var hops []Hop
	if !q.Quiet {
		hops = make([]Hop, 0, 2*hopsPerWalk)
	}
	fw := newWalker(n, false, nil, p)
	fw.quiet, fw.hops = q.Quiet, hops[0:0:min(cap(hops), hopsPerWalk)]
	start(fw, q.Src)
	a.Forward = fw.hops
	a.Explanations = fw.ex
	a.Warnings = append(a.Warnings, fw.warn...)
	if fw.done != nil {
		a.SeenSource = fw.done.pkt.Src
		checkArrival(fw, q.Dst)
		a.Explanations = fw.ex
	}
	if fw.done != nil && !q.OneWay && fw.done.kind != AtResolver {
		rw := newWalker(n, true, fw.st, fw.done.pkt.Reply())
		rw.quiet, rw.hops = q.Quiet, hops[min(cap(hops), hopsPerWalk):min(cap(hops), hopsPerWalk)]
		startReturn(rw, fw.done, fw.st)
		if rw.done != nil {
			checkReturn(rw, p)
			checkSymmetry(rw, fw.st)
		}
		a.Return = rw.hops
		a.Explanations = append(a.Explanations, rw.ex...)
		a.Warnings = append(a.Warnings, rw.warn...)
		fw.unknown = fw.unknown || rw.unknown
		fw.blocked = fw.blocked || rw.blocked || rw.stopped
	}
	a.Verdict = verdict(fw)
	a.Warnings = dedup(a.Warnings)
	if !q.Quiet {
		decorate(n, a)
	}
	return a
}

// sameInstance reports whether src and dst are two interfaces of one
// instance: the operating system delivers between its own addresses without
// sending the packet to the VPC, so no security group or NACL applies (R0.3
// applies only to packets that leave an interface; lab
// aws_instance_multiple_interface: 10.1.2.101 -> 10.1.2.102, both on
// i-0570aa766f3473c7b, are open although the security group denies it).
func sameInstance(src, dst Endpoint) bool {
	return dst.Kind == AtENI && src.ENI != nil && dst.ENI != nil && src.ENI.M.OwnerKind == model.OwnerInstance &&
		src.ENI.M.OwnerID != "" && src.ENI.M.OwnerID == dst.ENI.M.OwnerID && dst.ENI.M.HasIP(dst.IP)
}

func verdict(w *walker) Verdict {
	hard := false
	for _, e := range w.ex {
		if !e.Code.IsUnknown() {
			hard = true
		}
	}
	switch {
	case hard || (w.blocked && !w.unknown):
		return Blocked
	case w.unknown || w.done == nil:
		return Unknown
	}
	return Reachable
}

// start begins the forward walk at the initiator.
func start(w *walker, src Endpoint) {
	switch src.Kind {
	case AtENI:
		if src.ENI.M.OwnerKind == model.OwnerNATGateway {
			w.stop(Explanation{Code: CodeNoPath, Component: src.ENI.Label(), IDs: eniIDs(src.ENI), Detail: "a NAT gateway does not open connections of its own",
				Fix: "ask from the instance or function whose traffic the NAT gateway translates"})
			return
		}
		w.leaveENI(src.ENI)
	case AtInternet:
		w.hop(src.IP.String(), HopInternetHost, ActSend, "")
		w.internet()
	case AtOnPrem:
		w.fromSite(src.Site)
	default:
		w.stop(Explanation{Code: CodeNoSourceOrDestination, Component: src.Name, Detail: "this endpoint cannot initiate connections",
			Fix: "ask from an interface, an on-premises host or the internet"})
	}
}

// startReturn begins the response at the responder (R0.4).
func startReturn(w *walker, e *end, fwd *state) {
	switch e.kind {
	case AtENI:
		w.leaveENI(e.eni)
	case AtInternet:
		w.hop(e.pkt.Dst.String(), HopInternetHost, ActSend, "response")
		w.internet()
	case AtOnPrem:
		w.fromSite(e.site)
	case AtService:
		w.fromService(fwd.endpoint)
	}
}

// checkArrival verifies that the packet reached the intended destination.
func checkArrival(w *walker, dst Endpoint) {
	d := w.done
	ok := d.kind == dst.Kind || (dst.Kind == AtInternet && d.kind == AtService)
	if ok && dst.Kind == AtENI {
		ok = d.eni == dst.ENI
	}
	if ok && dst.Kind == AtOnPrem {
		ok = d.site == dst.Site
	}
	if !ok {
		w.done = nil
		w.stop(Explanation{Code: CodeNoPath, Component: endLabel(d), IDs: endIDs(d), Field: "destination address",
			Detail: fmt.Sprintf("the packet was delivered to %s, not to %s", endLabel(d), dst.Label()),
			Fix:    "check the route tables on the path: a more specific route or a translation sends the packet elsewhere"})
	}
}

// endIDs are the resources of endLabel.
func endIDs(e *end) []string {
	switch e.kind {
	case AtENI:
		return eniIDs(e.eni)
	case AtOnPrem:
		return []string{e.site.M.ID}
	}
	return nil
}

func endLabel(e *end) string {
	switch e.kind {
	case AtENI:
		return e.eni.Label()
	case AtOnPrem:
		return e.site.M.ID
	}
	return e.pkt.Dst.String()
}

// checkReturn verifies that the response reached the initiator, addressed to
// what it sent from (NAT undone, R3.6).
func checkReturn(w *walker, req network.Packet) {
	if w.done.pkt.Dst != req.Src || w.done.pkt.Src != req.Dst {
		w.stop(Explanation{Code: CodeNoPath, Component: endLabel(w.done), IDs: endIDs(w.done), Field: "source address",
			Detail: fmt.Sprintf("the response arrives as %s; the initiator expects a reply from %s to %s", w.done.pkt, req.Dst, req.Src),
			Fix:    "route the response back the way the request came, through the same NAT or gateway (R0.4)"})
		w.done = nil
	}
}

// checkSymmetry fails a connection whose response bypasses (or adds) a
// stateful middlebox (R0.4, R1.3).
func checkSymmetry(w *walker, fwd *state) {
	if len(fwd.middleboxes) == 0 && len(w.st.middleboxes) == 0 {
		return
	}
	a, b := sortedCopy(fwd.middleboxes), sortedCopy(w.st.middleboxes)
	if slices.Equal(a, b) {
		return
	}
	w.stop(Explanation{Code: CodeNoPath, Component: fmt.Sprint(a, b),
		Detail: fmt.Sprintf("asymmetric path: the request passes middleboxes %v, the response %v; a stateful appliance must see both directions (R0.4, R1.3)", a, b),
		Fix:    "route the response back through the same appliance (e.g. the subnet's 0.0.0.0/0 to the appliance ENI)"})
}

func sortedCopy(xs []string) []string {
	out := append([]string{}, xs...)
	sort.Strings(out)
	return out
}

func dedup(xs []string) []string {
	seen := map[string]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// PublicDst returns the address to use for dst: the public address the user
// named, or, when the source is outside AWS, the destination ENI's public
// address if it has one (R3.3). A packet to a public address leaves through
// the internet gateway even when the destination is in the same VPC or a
// peered one: source NAT applies and the destination's NACL and security
// groups see the public source (R3.2; lab aws_multi_account_vpc_peering:
// 10.1.1.100 -> 54.82.106.49 tcp/22 is filtered by a NACL that allows only
// 10.1.1.100/32).
func PublicDst(n *network.Network, src, dst Endpoint) netip.Addr {
	if dst.Kind == AtENI && dst.Public.IsValid() {
		return dst.Public
	}
	if dst.Kind != AtENI || src.Kind != AtInternet || !isPrivate(dst.IP) {
		return dst.IP
	}
	if pub, ok := n.PublicFor(dst.ENI, dst.IP); ok {
		return pub
	}
	return dst.IP
}
