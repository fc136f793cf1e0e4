package synth

import (
	"fmt"
	"hash/fnv"
	"net/netip"
	"strconv"
)

// idGen hands out AWS-looking resource IDs ("vpc-0b8be05eff6c69690") that are
// unique per prefix by construction: each ID is a bijective 64-bit mix of a
// per-prefix counter, so no set of issued IDs has to be kept in memory.
type idGen struct {
	seed  uint64
	count map[string]uint64
}

func newIDGen(seed int64) *idGen {
	return &idGen{seed: uint64(seed)*0x9e3779b97f4a7c15 + 1, count: map[string]uint64{}}
}

// mix64 is the splitmix64 finaliser: a bijection on uint64.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func (g *idGen) next(prefix string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(prefix))
	n := g.count[prefix]
	g.count[prefix] = n + 1
	return mix64(n + mix64(h.Sum64()^g.seed))
}

// long is the 17-hex-digit form current AWS IDs use: prefix-0 + 16 hex digits.
func (g *idGen) long(prefix string) string {
	return fmt.Sprintf("%s-0%016x", prefix, g.next(prefix))
}

// short is the older 8-hex-digit form (ela-attach-15cb481f). Printing only
// 32 bits can collide in a large estate, so short IDs are used only where
// nothing refers to them (managed ENI attachment IDs).
func (g *idGen) short(prefix string) string {
	return fmt.Sprintf("%s-%08x", prefix, uint32(g.next(prefix)))
}

// accountID is a 12-digit account number derived from the seed; index keeps
// accounts of one estate distinct (the mix is a bijection, and the modulus
// leaves ample room for a few hundred accounts, checked by the caller).
func (g *idGen) accountID(index int) string {
	v := mix64(g.seed^0xa0761d6478bd642f+uint64(index)) % 900_000_000_000
	return strconv.FormatUint(100_000_000_000+v, 10)
}

// regionInfo is what the estate needs to know about one AWS Region.
type regionInfo struct {
	Name      string
	ZoneIDs   []string // ZoneId of zones a, b, c
	Supernet  netip.Prefix
	PublicIPs netip.Prefix // synthetic pool for public addresses
	S3PL      prefixListJSON
	DynamoPL  prefixListJSON
}

// regionPool lists the Regions an estate spreads over, in order of use. The
// prefix list IDs are the real AWS-managed ones of each Region; their CIDRs
// are a representative subset.
var regionPool = []regionInfo{
	{
		Name: "us-east-1", ZoneIDs: []string{"use1-az2", "use1-az4", "use1-az6"},
		Supernet: netip.MustParsePrefix("10.0.0.0/10"), PublicIPs: netip.MustParsePrefix("3.208.0.0/12"),
		S3PL:     prefixListJSON{Cidrs: []string{"54.231.0.0/17", "52.216.0.0/15", "3.5.16.0/21", "3.5.0.0/20"}, PrefixListId: "pl-63a5400a", PrefixListName: "com.amazonaws.us-east-1.s3"},
		DynamoPL: prefixListJSON{Cidrs: []string{"52.94.0.0/22", "52.119.224.0/20"}, PrefixListId: "pl-02cd2c6b", PrefixListName: "com.amazonaws.us-east-1.dynamodb"},
	},
	{
		Name: "us-west-2", ZoneIDs: []string{"usw2-az1", "usw2-az2", "usw2-az3"},
		Supernet: netip.MustParsePrefix("10.64.0.0/10"), PublicIPs: netip.MustParsePrefix("35.80.0.0/12"),
		S3PL:     prefixListJSON{Cidrs: []string{"52.218.128.0/17", "52.92.128.0/17", "3.5.76.0/22", "3.5.80.0/21"}, PrefixListId: "pl-68a54001", PrefixListName: "com.amazonaws.us-west-2.s3"},
		DynamoPL: prefixListJSON{Cidrs: []string{"52.94.8.0/24", "52.119.232.0/21"}, PrefixListId: "pl-00a54069", PrefixListName: "com.amazonaws.us-west-2.dynamodb"},
	},
	{
		Name: "eu-west-1", ZoneIDs: []string{"euw1-az1", "euw1-az2", "euw1-az3"},
		Supernet: netip.MustParsePrefix("10.128.0.0/10"), PublicIPs: netip.MustParsePrefix("34.240.0.0/13"),
		S3PL:     prefixListJSON{Cidrs: []string{"52.218.0.0/17", "52.92.40.0/21", "3.5.64.0/21", "3.5.72.0/23"}, PrefixListId: "pl-6da54004", PrefixListName: "com.amazonaws.eu-west-1.s3"},
		DynamoPL: prefixListJSON{Cidrs: []string{"52.94.24.0/23", "52.119.240.0/21"}, PrefixListId: "pl-6fa54006", PrefixListName: "com.amazonaws.eu-west-1.dynamodb"},
	},
	{
		Name: "ap-southeast-2", ZoneIDs: []string{"apse2-az1", "apse2-az3", "apse2-az2"},
		Supernet: netip.MustParsePrefix("10.192.0.0/10"), PublicIPs: netip.MustParsePrefix("3.24.0.0/14"),
		S3PL:     prefixListJSON{Cidrs: []string{"52.95.128.0/21", "3.5.164.0/22", "3.5.168.0/23"}, PrefixListId: "pl-6ca54005", PrefixListName: "com.amazonaws.ap-southeast-2.s3"},
		DynamoPL: prefixListJSON{Cidrs: []string{"52.94.13.0/24", "52.119.204.0/23"}, PrefixListId: "pl-62a5400b", PrefixListName: "com.amazonaws.ap-southeast-2.dynamodb"},
	},
}

// zoneName is the AZ name of zone index i ("us-east-1b").
func (r *regionInfo) zoneName(i int) string { return r.Name + string(rune('a'+i)) }

// privateDNS is the EC2 internal host name of a private address (R10 naming:
// ec2.internal in us-east-1, <region>.compute.internal elsewhere).
func (r *regionInfo) privateDNS(a netip.Addr) string {
	host := "ip-" + dashed(a)
	if r.Name == "us-east-1" {
		return host + ".ec2.internal"
	}
	return host + "." + r.Name + ".compute.internal"
}

// publicDNS is the EC2 public host name of a public address.
func (r *regionInfo) publicDNS(a netip.Addr) string {
	if r.Name == "us-east-1" {
		return "ec2-" + dashed(a) + ".compute-1.amazonaws.com"
	}
	return "ec2-" + dashed(a) + "." + r.Name + ".compute.amazonaws.com"
}

func dashed(a netip.Addr) string {
	b := a.As4()
	return fmt.Sprintf("%d-%d-%d-%d", b[0], b[1], b[2], b[3])
}

// vpcBlock is the k-th /22 of a Region's /10: VPC CIDRs never overlap across
// the estate because Regions own disjoint /10s and k is unique per Region.
func vpcBlock(super netip.Prefix, k int) netip.Prefix {
	b := super.Addr().As4()
	off := uint32(k) << 10
	base := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	return netip.PrefixFrom(u32Addr(base+off), 22)
}

func u32Addr(v uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

func addrU32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// subPrefix is the prefix of length bits starting offset addresses into p.
func subPrefix(p netip.Prefix, offset uint32, bits int) netip.Prefix {
	return netip.PrefixFrom(u32Addr(addrU32(p.Addr())+offset), bits)
}

// publicIP is the i-th address of a Region's public pool, spread over the pool
// by an odd stride (a bijection modulo the pool size) so addresses look
// scattered yet never repeat.
func (r *regionInfo) publicIP(i uint32) netip.Addr {
	size := uint32(1) << (32 - r.PublicIPs.Bits())
	v := (i*2654435761 + 7919) & (size - 1)
	return u32Addr(addrU32(r.PublicIPs.Addr()) + v)
}

// zones is the describe-availability-zones view of the Region.
func (r *regionInfo) zones() []availabilityZoneJSON {
	var out []availabilityZoneJSON
	for i, id := range r.ZoneIDs {
		out = append(out, availabilityZoneJSON{GroupName: r.Name, NetworkBorderGroup: r.Name,
			OptInStatus: "opt-in-not-required", RegionName: r.Name, State: "available", ZoneId: id,
			ZoneName: r.zoneName(i), ZoneType: "availability-zone"})
	}
	return out
}
