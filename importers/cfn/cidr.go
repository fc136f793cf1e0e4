package cfn

import (
	"math/big"
	"net/netip"
	"strconv"
	"strings"
)

// cidr implements Fn::Cidr [ipBlock, count, cidrBits]: count consecutive
// subnets of the block, each with cidrBits host bits, from its first address.
func (e *evaluator) cidr(arg, at *Value) *Value {
	if arg.Kind != KList || len(arg.List) != 3 {
		return Unknown("Fn::Cidr needs [ipBlock, count, cidrBits]")
	}
	var parts [3]string
	for i := range parts {
		s, u := e.scalar(arg.List[i])
		if u != nil {
			return Unknown("Fn::Cidr of an unknown value: %s", u.Reason)
		}
		parts[i] = strings.TrimSpace(s)
	}
	out, err := subnetCIDRs(parts[0], parts[1], parts[2])
	if err != "" {
		e.ds.Warnf(e.src(at), "", "Fn::Cidr %v: %s", parts, err)
		return Unknown("Fn::Cidr %v: %s", parts, err)
	}
	l := List()
	for _, p := range out {
		l.List = append(l.List, Str(p.String()))
	}
	return l
}

// subnetCIDRs splits block into count prefixes of (width - hostBits) bits.
func subnetCIDRs(block, count, hostBits string) ([]netip.Prefix, string) {
	p, err := netip.ParsePrefix(block)
	if err != nil {
		return nil, "ipBlock is not a CIDR"
	}
	p = p.Masked()
	n, err1 := strconv.Atoi(count)
	hb, err2 := strconv.Atoi(hostBits)
	width := p.Addr().BitLen()
	bits := width - hb
	if err1 != nil || err2 != nil || n < 1 || n > 256 || hb < 0 || bits < p.Bits() {
		return nil, "count must be 1-256 and cidrBits must fit inside the block"
	}
	if avail := bits - p.Bits(); avail < 63 && n > 1<<avail {
		return nil, "the block is too small for that many subnets"
	}
	base := new(big.Int).SetBytes(p.Addr().AsSlice())
	step := new(big.Int).Lsh(big.NewInt(1), uint(hb))
	out := make([]netip.Prefix, 0, n)
	for i := 0; i < n; i++ {
		b := base.FillBytes(make([]byte, width/8))
		a, _ := netip.AddrFromSlice(b)
		out = append(out, netip.PrefixFrom(a, bits))
		base.Add(base, step)
	}
	return out, ""
}
