package dns

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/reach"
)

// hop53 is the outcome of the network checks of one DNS hop.
type hop53 struct {
	ok bool
	// blockedBy names the components that drop the UDP query or its answer.
	blockedBy []string
}

// check53 asks solver/reach whether a DNS query from src to dst and its
// answer get through, on udp/53 and on tcp/53: DNS falls back to TCP when an
// answer does not fit in a UDP message, so inbound and outbound endpoint
// security groups must admit both (R10.15, R10.16). UDP decides the hop: a
// blocked UDP query times out. UDP working while TCP is blocked is a warning
// on the result, because large answers (truncated, TC bit) will then fail.
func (q *query) check53(actor string, src reach.Endpoint, dst netip.Addr) hop53 {
	udp := q.check(actor, src, dst, model.ProtoUDP)
	if !udp.Reachable {
		return hop53{blockedBy: blockers(udp)}
	}
	if tcp := q.check(actor, src, dst, model.ProtoTCP); !tcp.Reachable {
		q.warn(actor, "tcp/53 %s -> %s is %s%s while udp/53 works: answers too large for UDP (truncated, TC bit) will fail; allow TCP 53 as well as UDP 53",
			tcp.Src, tcp.Dst, tcp.Verdict, byList(blockers(tcp)))
	}
	return hop53{ok: true}
}

// check asks one protocol and records the check as a step of the chain.
func (q *query) check(actor string, src reach.Endpoint, dst netip.Addr, proto model.Protocol) *Check {
	c := &Check{Src: src.Label(), Dst: dst.String(), Proto: proto.String(), Port: 53}
	to, err := names.Resolve(q.r.net, dst.String())
	switch {
	case err != nil:
		c.Verdict, c.Note = "unknown", err.Error()
	case src.Kind == reach.AtOnPrem && to.Kind == reach.AtOnPrem && src.Site == to.Site:
		c.Reachable, c.Verdict, c.Note = true, "reachable", "inside on-premises site "+src.Site.M.Label()+" (not modelled)"
	default:
		c.Dst = to.Label()
		a := reach.Ask(q.r.net, reach.Question{Src: src, Dst: to, Proto: proto, DstPort: 53})
		c.Reachable, c.Verdict, c.Explanations, c.Path = a.Reachable(), a.Verdict.String(), a.Explanations, a
	}
	q.chain = append(q.chain, Step{Depth: q.depth, Actor: actor, Action: "network check",
		Detail: fmt.Sprintf("%s/53 %s -> %s: %s%s", c.Proto, c.Src, c.Dst, c.Verdict, byList(blockers(c))), Check: c})
	return c
}

// blockers returns the distinct components that block a check, in path order.
func blockers(c *Check) []string {
	var out []string
	for _, e := range c.Explanations {
		if e.Component != "" && !slices.Contains(out, e.Component) {
			out = append(out, e.Component)
		}
	}
	return out
}

// byList renders " by a, b" or "".
func byList(components []string) string {
	if len(components) == 0 {
		return ""
	}
	return " by " + strings.Join(components, ", ")
}

// warn records a warning once, both on the result and in the chain.
func (q *query) warn(actor, format string, args ...any) {
	w := fmt.Sprintf(format, args...)
	q.chain = append(q.chain, Step{Depth: q.depth, Actor: actor, Action: "warns", Detail: w})
	if !slices.Contains(q.warnings, w) {
		q.warnings = append(q.warnings, w)
	}
}

// blockedSummary joins the blockers of several failed hops for the final failure step.
func blockedSummary(hops []hop53) string {
	var all []string
	for _, h := range hops {
		for _, b := range h.blockedBy {
			if !slices.Contains(all, b) {
				all = append(all, b)
			}
		}
	}
	if len(all) == 0 {
		return ""
	}
	return " (blocked by " + strings.Join(all, ", ") + ")"
}
