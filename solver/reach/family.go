package reach

import (
	"fmt"
	"net/netip"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// noFamily answers a question whose source interface has no address of the
// destination's family: IPv4 and IPv6 are separate networks (R0.2), so the
// interface cannot even send. For a Lambda Hyperplane ENI in a dual-stack
// subnet the reason is the function's Ipv6AllowedForDualStack setting, off
// (R8.44); the explanation names it, with the fix.
func noFamily(n *network.Network, q Question) *Answer {
	if q.Src.Kind != AtENI || q.Src.ENI == nil || !q.Src.IP.IsValid() || !q.Dst.IP.IsValid() || q.Src.IP.Is4() == q.Dst.IP.Is4() {
		return nil
	}
	e := q.Src.ENI
	fam := "IPv6"
	if q.Dst.IP.Is4() {
		fam = "IPv4"
	}
	ex := Explanation{Code: "ENI_ADDRESS_RESTRICTION", Component: e.Label(), Direction: DirForward, Field: "source address",
		Detail: fmt.Sprintf("%s has no %s address, so it cannot send to %s (R0.2)", e.Label(), fam, q.Dst.IP),
		Fix:    fmt.Sprintf("give %s an %s address, or ask about a destination of its own family", e.M.ID, fam)}
	if fam == "IPv4" && e.Subnet != nil && e.Subnet.M.IPv6Native {
		ex.Rule = "R3.40"
		ex.Detail = fmt.Sprintf("%s is in IPv6-only subnet %s and has no IPv4 address, so it cannot send to %s (R3.40)", e.Label(), e.Subnet.M.ID, q.Dst.IP)
		ex.Fix = fmt.Sprintf("reach it as %s through a NAT gateway: route 64:ff9b::/96 to a NAT gateway (NAT64, R3.10) and let DNS64 give that address (R10.45)", embed64(q.Dst.IP))
	}
	if f := lambdaOf(n, e); f != nil && fam == "IPv6" && e.Subnet != nil && e.Subnet.M.IPv6CIDR.IsValid() {
		ex.Rule = "R8.44"
		ex.Detail = fmt.Sprintf("%s: Ipv6AllowedForDualStack is off for function %s, so its Hyperplane ENI %s in dual-stack subnet %s has no IPv6 address and cannot send to %s (R8.44)",
			f.Label(), f.ID, e.M.ID, e.Subnet.M.ID, q.Dst.IP)
		ex.Fix = fmt.Sprintf("set Ipv6AllowedForDualStack: true in the VpcConfig of %s (aws lambda update-function-configuration --vpc-config Ipv6AllowedForDualStack=true)", f.ID)
	}
	p := network.Packet{Proto: q.Proto, Src: q.Src.IP, Dst: q.Dst.IP, SrcPort: q.SrcPort, DstPort: q.DstPort, ICMPType: q.ICMPType}
	a := &Answer{Verdict: Blocked, Packet: p, Explanations: []Explanation{ex}}
	a.Warnings = dedup(append(append(a.Warnings, q.Src.Assumed...), q.Dst.Assumed...))
	return a
}

// lambdaOf returns the function whose Hyperplane ENI e is, if the snapshot has it.
func lambdaOf(n *network.Network, e *network.ENI) *model.LambdaFunction {
	if e.M.OwnerKind != model.OwnerLambda || n.Index == nil {
		return nil
	}
	f, _ := model.Lookup[*model.LambdaFunction](n.Index, e.M.OwnerID)
	return f
}

// embed64 puts an IPv4 address in the last 32 bits of 64:ff9b::/96.
func embed64(ip netip.Addr) netip.Addr {
	b := nat64Prefix.Addr().As16()
	v4 := ip.As4()
	copy(b[12:], v4[:])
	return netip.AddrFrom16(b)
}
