package reach

import "net/netip"

// nat64Prefix is the well-known NAT64 prefix (RFC 6052) a NAT gateway
// translates from (R3.10).
var nat64Prefix = netip.MustParsePrefix("64:ff9b::/96")

// unembed64 returns the IPv4 address in the last 32 bits of a 64:ff9b::/96 address.
func unembed64(ip netip.Addr) netip.Addr {
	b := ip.As16()
	return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]})
}
