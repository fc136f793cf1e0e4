package viz

import (
	"fmt"
	"io"
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/reach"
)

// WritePath draws the snapshot with a reachability answer laid over it, in
// format f. can-reach --diagram FILE calls it.
func WritePath(w io.Writer, s *model.Snapshot, a *reach.Answer, f Format) error {
	d, err := BuildPath(s, a, Options{})
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
	if err := b.decideModes(opts); err != nil {
		return nil, err
	}
	b.d.Title = b.title(opts) + "\npath " + a.Packet.String() + ": " + strings.ToUpper(a.Verdict.String())
	b.addVPCs()
	b.addOutside()
	b.addLinks()
	src, dst := b.endpoint(a.Packet.Src, a.Forward), b.endpoint(a.Packet.Dst, a.Forward)
	b.overlay(a, a.Forward, src, dst, lForward, "")
	b.overlay(a, a.Return, dst, src, lReturn, "r")
	b.finish()
	return b.d, nil
}

// pathVPCs lists the VPCs of every resource named by a hop.
func (b *builder) pathVPCs(a *reach.Answer) []string {
	var out []string
	for _, h := range append(append([]reach.Hop{}, a.Forward...), a.Return...) {
		for _, id := range componentIDs(h.Component) {
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

// componentIDs splits a hop's component ("fn (eni-1)", "sg-1,sg-2", "igw-1")
// into the IDs it may name, most specific first.
func componentIDs(c string) []string {
	var out []string
	if i, j := strings.LastIndex(c, "("), strings.LastIndex(c, ")"); i >= 0 && j > i {
		out = append(out, strings.TrimSpace(c[i+1:j]), strings.TrimSpace(c[:i]))
	}
	for _, f := range strings.FieldsFunc(c, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, f)
	}
	return append(out, c)
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
		if h.Kind == "aws-service" && h.Component == ip.String() {
			return "" // ends at the gateway endpoint
		}
	}
	return internetID
}

// anchor maps a hop to the node it happens at, or "" for hops drawn as part
// of a segment (route tables, ACLs, security groups).
func (b *builder) anchor(h reach.Hop) string {
	switch h.Kind {
	case "internet", "internet-host":
		return internetID
	case "onprem":
		for _, s := range b.s.Sites {
			if s.Label() == h.Component || s.ID == h.Component || s.Name == h.Component {
				return s.ID
			}
		}
		return ""
	case "tgw-attachment", "tgw-peering":
		for _, at := range b.s.TGWAttachments {
			if at.ID == h.Component {
				return at.TGW
			}
		}
	case "tgw-route-table":
		for _, t := range b.s.TGWRouteTables {
			if t.ID == h.Component {
				return t.TGW
			}
		}
	case "eni", "middlebox", "igw", "eigw", "vgw", "vpc-endpoint", "nat-gateway", "load-balancer":
		for _, id := range componentIDs(h.Component) {
			if _, _, ok := b.resolve(id); ok {
				return id
			}
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
	cur, step := from, 0
	var pending []reach.Hop
	emit := func(next string) {
		step++
		k, label := kind, fmt.Sprintf("%s%d", prefix, step)
		if step == 1 {
			label = pathHead(a, kind)
		}
		if why := blockReason(a, pending); why != "" {
			k, label = lBlocked, why
		}
		if cur != "" && next != "" {
			b.link(cur, next, label, k)
			b.d.Edges[len(b.d.Edges)-1].Order = b.orderBase(kind) + step
		}
		cur, pending = next, nil
	}
	for _, h := range hops {
		pending = append(pending, h)
		if n := b.anchor(h); n != "" && n != cur {
			emit(n)
		}
	}
	if to != "" && to != cur {
		emit(to) // the rest of the way, or the blocked stretch up to where it was meant to go
	}
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
// "✗ <component>: <why>", wrapped for the drawing.
func blockReason(a *reach.Answer, hops []reach.Hop) string {
	var out []string
	for _, h := range hops {
		if h.Action != "deny" && h.Action != "drop" {
			continue
		}
		why := h.Rule
		for _, e := range a.Explanations {
			if e.Component == h.Component || strings.Contains(h.Component, e.Component) {
				why = e.Code + ": " + e.Detail
				break
			}
		}
		out = append(out, wrap("✗ "+h.Component+": "+why, 42))
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
