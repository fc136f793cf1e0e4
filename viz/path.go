package viz

import (
	"fmt"
	"io"
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/reach"
)

// dnsOverlay draws the network checks of a resolution chain (the client's
// query to its DNS server, the forwarder's to the inbound Resolver
// endpoint, ...): one edge per check on UDP 53, red where it is blocked.
func (b *builder) dnsOverlay(res *dns.Result) {
	if res == nil {
		return
	}
	step := 0
	for _, st := range res.Chain {
		c := st.Check
		if c == nil || c.Path == nil || c.Proto != "udp" {
			continue
		}
		from, to := b.endpoint(c.Path.Packet.Src, c.Path.Forward), b.endpoint(c.Path.Packet.Dst, c.Path.Forward)
		if from == "" || to == "" || from == to {
			continue
		}
		step++
		kind, label := lDNS, fmt.Sprintf("DNS %d: %s", step, res.Name)
		if !c.Reachable {
			kind, label = lBlocked, fmt.Sprintf("DNS %d blocked: %s", step, c.Verdict)
		}
		b.link(from, to, label, kind)
		b.d.Edges[len(b.d.Edges)-1].Order = 500 + step
	}
}

// apiNode draws the API a call reaches, behind the interface endpoint or
// front end the packet path ends at.
func (b *builder) apiNode(a *reach.Answer, dst, api string) {
	if api == "" || dst == "" {
		return
	}
	id := b.drawnAPI(api)
	if id == "" {
		id = "apigw:" + api
		b.addNode(b.d.Root, id, "API Gateway\n"+api, kAPIGW, "")
	}
	kind := lForward
	if !a.Reachable() {
		kind = lBlocked
	}
	b.link(dst, id, "HTTPS "+api, kind)
	b.d.Edges[len(b.d.Edges)-1].Order = 999
}

// drawnAPI is the node of the API a call names ("private-api (a1b2c3d4e5)"), or "".
func (b *builder) drawnAPI(api string) string {
	var ids []string
	for _, a := range b.s.RestAPIs {
		ids = append(ids, a.ID)
	}
	for _, a := range b.s.HTTPAPIs {
		ids = append(ids, a.ID)
	}
	for _, id := range ids {
		if b.nodes[id] != nil && (api == id || strings.Contains(api, "("+id+")")) {
			return id
		}
	}
	return ""
}

// WritePath draws the snapshot with a reachability answer laid over it, in
// format f, with the DNS resolution and the API of opts.
// can-reach --diagram FILE calls it.
func WritePath(w io.Writer, s *model.Snapshot, a *reach.Answer, opts Options, f Format) error {
	d, err := BuildPath(s, a, opts)
	if err != nil {
		return err
	}
	return Write(w, d, f)
}

// BuildPath draws the topology with the forward path in one colour, the
// return path in another and each blocking hop in red, labelled with the
// reason. VPCs the path crosses are drawn in full even in a collapsed estate.
func BuildPath(s *model.Snapshot, a *reach.Answer, opts Options) (*Diagram, error) {
	b := newBuilder(s)
	if opts.Expand == nil {
		opts.Expand = map[string]bool{}
	}
	for _, v := range b.pathVPCs(a) {
		opts.Expand[v] = true
	}
	if opts.DNS != nil {
		for _, st := range opts.DNS.Chain {
			if st.Check != nil && st.Check.Path != nil {
				for _, v := range b.pathVPCs(st.Check.Path) {
					opts.Expand[v] = true
				}
			}
		}
	}
	if err := b.decideModes(opts); err != nil {
		return nil, err
	}
	b.d.Title = b.title(opts) + "\npath " + a.Packet.String() + ": " + strings.ToUpper(a.Verdict.String())
	b.addVPCs()
	b.addOutside()
	b.addServices()
	b.addLinks()
	src, dst := b.endpoint(a.Packet.Src, a.Forward), b.endpoint(a.Packet.Dst, a.Forward)
	b.overlay(a, a.Forward, src, dst, lForward, "")
	b.overlay(a, a.Return, dst, src, lReturn, "r")
	b.dnsOverlay(opts.DNS)
	b.apiNode(a, dst, opts.API)
	b.finish()
	return b.d, nil
}

// pathVPCs lists the VPCs of every resource a hop involves.
func (b *builder) pathVPCs(a *reach.Answer) []string {
	var out []string
	for _, h := range append(append([]reach.Hop{}, a.Forward...), a.Return...) {
		for _, id := range h.IDs {
			if r, ok := b.ix.ByID(id); ok {
				if v := vpcOf(b, r); v != "" {
					out = append(out, v)
				}
			}
		}
	}
	if e, ok := b.ix.ENIByIP(a.Packet.Src); ok {
		out = append(out, b.eniVPC(e))
	}
	if e, ok := b.ix.ENIByIP(a.Packet.Dst); ok {
		out = append(out, b.eniVPC(e))
	}
	return out
}

// endpoint is the node that stands for an address: its interface, the
// on-premises site whose range holds it, or the internet.
func (b *builder) endpoint(ip netip.Addr, hops []reach.Hop) string {
	if e, ok := b.ix.ENIByIP(ip); ok {
		return e.ID
	}
	for _, s := range b.s.Sites {
		for _, p := range s.CIDRs {
			if p.Contains(ip) {
				return s.ID
			}
		}
	}
	for _, h := range hops {
		if h.Kind == reach.HopAWSService && h.Component == ip.String() {
			return "" // ends at the gateway endpoint
		}
	}
	return internetID
}

// anchor maps a hop to the node it happens at, or "" for hops drawn as part
// of a segment (route tables, ACLs, security groups).
func (b *builder) anchor(h reach.Hop) string {
	switch h.Kind {
	case reach.HopInternet, reach.HopInternetHost:
		return internetID
	case reach.HopOnPrem:
		if len(h.IDs) > 0 {
			return h.IDs[0] // the site
		}
	case reach.HopTGWAttachment, reach.HopTGWPeering:
		for _, at := range b.s.TGWAttachments {
			if h.Involves(at.ID) {
				return at.TGW
			}
		}
	case reach.HopTGWRouteTable:
		for _, t := range b.s.TGWRouteTables {
			if h.Involves(t.ID) {
				return t.TGW
			}
		}
	case reach.HopENI, reach.HopMiddlebox, reach.HopIGW, reach.HopEIGW, reach.HopVGW, reach.HopVPCEndpoint,
		reach.HopNATGateway, reach.HopLoadBalancer:
		return b.firstDrawn(h.IDs)
	}
	return ""
}

// firstDrawn is the first of ids that the drawing has a node for.
func (b *builder) firstDrawn(ids []string) string {
	for _, id := range ids {
		if _, _, ok := b.resolve(id); ok {
			return id
		}
	}
	return ""
}

// overlay adds the edges of one direction: a segment between consecutive
// anchors, red where a hop in it denies or drops.
func (b *builder) overlay(a *reach.Answer, hops []reach.Hop, from, to, kind, prefix string) {
	if len(hops) == 0 {
		return
	}
	dir := reach.DirForward
	if kind == lReturn {
		dir = reach.DirReturn
	}
	cur, step := from, 0
	var pending []int // positions (1-based) of the hops of the segment
	emit := func(next string) {
		step++
		k, label := kind, hopLines(hops, pending, prefix)
		if step == 1 {
			label = lines(pathHead(a, kind), label)
		}
		if blockReason(a, dir, hops, pending) != "" {
			k, label = lBlocked, blockedLines(a, dir, hops, pending, prefix)
		}
		if cur != "" && next != "" {
			b.link(cur, next, label, k)
			b.d.Edges[len(b.d.Edges)-1].Order = b.orderBase(kind) + step
		}
		cur, pending = next, nil
	}
	for i, h := range hops {
		pending = append(pending, i+1)
		if n := b.anchor(h); n != "" && n != cur {
			emit(n)
		}
	}
	if to != "" && to != cur {
		emit(to) // the rest of the way, or the blocked stretch up to where it was meant to go
	}
}

// hopLines names the hops of a segment, one line each, numbered as
// can-reach numbers them: "1 sg-web allow", "2 rtb-private 0.0.0.0/0 -> nat-1"
// (return hops "r1", "r2", ...).
func hopLines(hops []reach.Hop, positions []int, prefix string) string {
	var out []string
	for _, pos := range positions {
		h := hops[pos-1]
		out = append(out, fmt.Sprintf("%s%d %s %s", prefix, pos, h.Label(), hopWhat(h)))
	}
	return strings.Join(out, "\n")
}

// hopWhat says what a hop did in a few words: the route it took, else its action.
func hopWhat(h reach.Hop) string {
	rule := h.Rule
	if i := strings.Index(rule, " ["); i > 0 {
		rule = rule[:i] // the route's origin: the text output has it
	}
	if strings.Contains(rule, "->") && len(rule) <= 60 {
		return rule
	}
	return h.Action.String()
}

// blockedLines names a blocked segment's hops in walk order, the hop that
// denied or dropped as "✗ <component>: <why>".
func blockedLines(a *reach.Answer, dir reach.Direction, hops []reach.Hop, positions []int, prefix string) string {
	var out []string
	for _, pos := range positions {
		if why := blockReason(a, dir, hops, []int{pos}); why != "" {
			out = append(out, fmt.Sprintf("%s%d %s", prefix, pos, why))
			continue
		}
		out = append(out, hopLines(hops, []int{pos}, prefix))
	}
	return strings.Join(out, "\n")
}

func (b *builder) orderBase(kind string) int {
	if kind == lReturn {
		return 1000
	}
	return 1
}

func pathHead(a *reach.Answer, kind string) string {
	if kind == lReturn {
		return "return"
	}
	return "forward " + a.Packet.Proto.String() + portSuffix(a)
}

func portSuffix(a *reach.Answer) string {
	if a.Packet.Proto.HasPorts() {
		return fmt.Sprintf(" :%d", a.Packet.DstPort)
	}
	return ""
}

// blockReason is the label of a segment whose hops deny or drop the packet:
// "✗ <component>: <why>", wrapped for the drawing. The why is the
// explanation that points at the hop (Explanation.Hop), else the hop's rule.
func blockReason(a *reach.Answer, dir reach.Direction, hops []reach.Hop, positions []int) string {
	var out []string
	for _, pos := range positions {
		h := hops[pos-1]
		if !h.Action.Stops() {
			continue
		}
		why := h.Rule
		for _, e := range a.Explanations {
			if e.Direction == dir && e.Hop == pos {
				why = e.Code.String() + ": " + e.Detail
				break
			}
		}
		out = append(out, wrap("✗ "+h.Label()+": "+why, 42))
	}
	return strings.Join(out, "\n")
}

// wrap breaks s into lines of about width characters at spaces.
func wrap(s string, width int) string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}
