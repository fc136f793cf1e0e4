package reach

import (
	"fmt"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// CodeBlockPublicAccess: the account's VPC Block Public Access mode drops
// the packet at an internet gateway or egress-only internet gateway (R3.50).
const CodeBlockPublicAccess Code = "VPC_BLOCK_PUBLIC_ACCESS"

// bpaOut reports whether VPC Block Public Access lets a new outbound
// packet of v leave through gateway gw from interface src (nil when the
// sender is not in v); it stops the walk when not (R3.50-R3.52). A response
// passes: its connection was judged when it was opened.
func (w *walker) bpaOut(v *network.VPC, gw string, src *network.ENI, eigw bool) bool {
	b := w.n.Snap.BPAFor(v.M.Account, v.M.Region)
	if b == nil || w.ret {
		return true
	}
	if b.Mode == model.BPAIngress && (eigw || src != nil && src.NAT != nil) {
		return true // R3.51: NAT gateways and egress-only gateways open connections outwards
	}
	sub := subnetOf(src)
	if x := w.n.Snap.BPAExclusionFor(v.M.ID, sub); x != nil {
		return true // R3.52: both exclusion modes let outbound connections out
	}
	what := v.M.ID
	if sub != "" {
		what = sub
	}
	w.stop(Explanation{Code: CodeBlockPublicAccess, Component: gw, Field: "direction", Rule: "R3.50",
		IDs:    []string{gw, v.M.ID},
		Detail: fmt.Sprintf("VPC Block Public Access is %s for account %s in %s: outbound traffic from %s through %s is blocked (%s)", b.Mode, orAny(v.M.Account), orAny(v.M.Region), what, gw, bpaRule(b.Mode)),
		Fix:    fmt.Sprintf("create a VPC Block Public Access exclusion (allow-egress or allow-bidirectional) for %s, or turn the mode off", what)})
	return false
}

// bpaIn reports whether VPC Block Public Access lets a new inbound packet
// from the internet reach dst in v through gw; both modes block it unless the
// subnet or VPC has an allow-bidirectional exclusion (R3.50, R3.52).
func (w *walker) bpaIn(v *network.VPC, gw string, dst *network.ENI) bool {
	b := w.n.Snap.BPAFor(v.M.Account, v.M.Region)
	if b == nil || w.ret {
		return true
	}
	sub := subnetOf(dst)
	x := w.n.Snap.BPAExclusionFor(v.M.ID, sub)
	if x != nil && x.Mode == model.BPAAllowBidirectional {
		return true
	}
	what := v.M.ID
	if sub != "" {
		what = sub
	}
	detail := fmt.Sprintf("VPC Block Public Access is %s for account %s in %s: inbound traffic from the internet to %s through %s is blocked (%s)", b.Mode, orAny(v.M.Account), orAny(v.M.Region), what, gw, bpaRule(b.Mode))
	if x != nil {
		detail += fmt.Sprintf("; exclusion %s lets only outbound connections through (R3.52)", x.Label())
	}
	w.stop(Explanation{Code: CodeBlockPublicAccess, Component: gw, Field: "direction", Rule: "R3.50",
		IDs:    []string{gw, v.M.ID},
		Detail: detail,
		Fix:    fmt.Sprintf("create an allow-bidirectional VPC Block Public Access exclusion for %s, or turn the mode off", what)})
	return false
}

func bpaRule(m model.BPAMode) string {
	if m == model.BPAIngress {
		return "R3.51"
	}
	return "R3.50"
}

func subnetOf(e *network.ENI) string {
	if e == nil || e.Subnet == nil {
		return ""
	}
	return e.Subnet.M.ID
}

func orAny(s string) string {
	if s == "" {
		return "(any)"
	}
	return s
}
