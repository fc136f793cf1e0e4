package flows

import (
	"math/rand"
	"net/netip"
	"runtime/debug"
	"strconv"
	"testing"

	"github.com/dalzilio/rudd"
	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// bddSet is the test oracle: the same header space as a BDD over 104
// variables (protocol 8, source 32, source port or ICMP type 16,
// destination 32, destination port or ICMP code 16).
type bddSet struct {
	b    *rudd.BDD
	root rudd.Node
}

const (
	offProto, offSrc, offSport, offDst, offDport = 0, 8, 40, 56, 88
	nvars                                        = 104
)

// newBDD makes an oracle set. rudd decrements its reference counts in
// finalizers, which run on the finalizer goroutine while the test goroutine
// builds nodes: a data race in the library that the race detector reports
// whenever a collection happens mid-test. The oracle's BDDs are small, so
// collection is off until the test ends.
func newBDD(tb testing.TB) *bddSet {
	old := debug.SetGCPercent(-1)
	tb.Cleanup(func() { debug.SetGCPercent(old) })
	b, err := rudd.New(nvars, rudd.Nodesize(1<<16), rudd.Cachesize(1<<14))
	if err != nil {
		tb.Fatal(err)
	}
	return &bddSet{b: b, root: b.False()}
}

// rangeNode encodes lo <= x <= hi for the bits-wide field at off (MSB first).
func (s *bddSet) rangeNode(off, bits int, lo, hi uint64) rudd.Node {
	return s.rng(off, bits, 0, lo, hi)
}

// rng covers the values with the high (depth) bits fixed by the recursion: [base, base+2^(bits-depth)-1] ∩ [lo, hi].
func (s *bddSet) rng(off, bits int, depth int, lo, hi uint64) rudd.Node {
	size := uint64(1) << uint(bits-depth)
	if lo == 0 && hi == size-1 {
		return s.b.True()
	}
	if lo > hi {
		return s.b.False()
	}
	half := size / 2
	v := off + depth
	var low, high rudd.Node = s.b.False(), s.b.False()
	if lo < half {
		low = s.rng(off, bits, depth+1, lo, min(hi, half-1))
	}
	if hi >= half {
		high = s.rng(off, bits, depth+1, max(lo, half)-half, hi-half)
	}
	return s.b.Ite(s.b.Ithvar(v), high, low)
}

func ip4(a netip.Addr) uint64 {
	b := a.As4()
	return uint64(b[0])<<24 | uint64(b[1])<<16 | uint64(b[2])<<8 | uint64(b[3])
}

func (s *bddSet) add(x Box) {
	sp, dp := [2]uint64{uint64(x.SrcPorts.From), uint64(x.SrcPorts.To)}, [2]uint64{uint64(x.DstPorts.From), uint64(x.DstPorts.To)}
	if x.Proto == model.ProtoICMP {
		sp = [2]uint64{uint64(x.ICMPTypes[0]), uint64(x.ICMPTypes[1])}
		dp = [2]uint64{uint64(x.ICMPCodes[0]), uint64(x.ICMPCodes[1])}
	}
	n := s.b.And(s.rangeNode(offProto, 8, uint64(x.Proto), uint64(x.Proto)),
		s.rangeNode(offSrc, 32, ip4(x.Src.From()), ip4(x.Src.To())),
		s.rangeNode(offSport, 16, sp[0], sp[1]),
		s.rangeNode(offDst, 32, ip4(x.Dst.From()), ip4(x.Dst.To())),
		s.rangeNode(offDport, 16, dp[0], dp[1]))
	s.root = s.b.Or(s.root, n)
}

func (s *bddSet) contains(p network.Packet) bool {
	sp, dp := uint64(p.SrcPort), uint64(p.DstPort)
	if p.Proto == model.ProtoICMP {
		sp, dp = uint64(p.ICMPType), uint64(p.ICMPCode)
	}
	n := s.b.And(s.root, s.rangeNode(offProto, 8, uint64(p.Proto), uint64(p.Proto)),
		s.rangeNode(offSrc, 32, ip4(p.Src), ip4(p.Src)), s.rangeNode(offSport, 16, sp, sp),
		s.rangeNode(offDst, 32, ip4(p.Dst), ip4(p.Dst)), s.rangeNode(offDport, 16, dp, dp))
	return n != s.b.False()
}

// randomBox draws a rule-like box: CIDRs of typical lengths, common ports or ranges.
func randomBox(r *rand.Rand) Box {
	protos := []model.Protocol{model.ProtoTCP, model.ProtoTCP, model.ProtoUDP, model.ProtoICMP}
	b := Box{Proto: protos[r.Intn(len(protos))], Src: randomCIDR(r), Dst: randomCIDR(r),
		SrcPorts: model.PortRange{From: 1024, To: 65535}, ICMPTypes: [2]int{0, 255}, ICMPCodes: [2]int{0, 255}}
	ports := []uint16{22, 80, 443, 3306, 5432, 6379, 8080}
	if r.Intn(3) == 0 {
		lo := uint16(r.Intn(60000))
		b.DstPorts = model.PortRange{From: lo, To: lo + uint16(r.Intn(5000))}
	} else {
		p := ports[r.Intn(len(ports))]
		b.DstPorts = model.PortRange{From: p, To: p}
	}
	if b.Proto == model.ProtoICMP && r.Intn(2) == 0 {
		b.ICMPTypes = [2]int{8, 8}
	}
	return b
}

func randomCIDR(r *rand.Rand) netipx.IPRange {
	bits := []int{0, 8, 16, 20, 24, 28, 32}[r.Intn(7)]
	a := netip.AddrFrom4([4]byte{10, byte(r.Intn(4)), byte(r.Intn(256)), byte(r.Intn(256))})
	if r.Intn(3) == 0 {
		a = netip.AddrFrom4([4]byte{byte(1 + r.Intn(200)), byte(r.Intn(256)), byte(r.Intn(256)), byte(r.Intn(256))})
	}
	return netipx.RangeOfPrefix(netip.PrefixFrom(a, bits).Masked())
}

func randomPacket(r *rand.Rand, boxes []Box) network.Packet {
	pick := func(rg netipx.IPRange) netip.Addr {
		lo, hi := ip4(rg.From()), ip4(rg.To())
		v := lo + uint64(r.Int63n(int64(hi-lo+1)))
		return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
	}
	p := network.Packet{Proto: model.ProtoTCP, Src: pick(randomCIDR(r)), Dst: pick(randomCIDR(r)),
		SrcPort: uint16(r.Intn(65536)), DstPort: uint16(r.Intn(65536))}
	if r.Intn(2) == 0 { // half the packets near a box, so membership is often true
		b := boxes[r.Intn(len(boxes))]
		p = network.Packet{Proto: b.Proto, Src: pick(b.Src), Dst: pick(b.Dst),
			SrcPort: b.SrcPorts.From + uint16(r.Intn(int(b.SrcPorts.To-b.SrcPorts.From)+1)),
			DstPort: b.DstPorts.From, ICMPType: b.ICMPTypes[0], ICMPCode: r.Intn(3)}
	}
	return p
}

// TestSetAgreesWithBDDOracle: the canonical product and the BDD decide
// membership identically for random rule-like sets.
func TestSetAgreesWithBDDOracle(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for _, nbox := range []int{1, 20, 200} {
		s, o := New(), newBDD(t)
		var boxes []Box
		for range nbox {
			b := randomBox(r)
			boxes = append(boxes, b)
			if err := s.Add(b); err != nil {
				t.Fatal(err)
			}
			o.add(b)
		}
		in := 0
		for range 3000 {
			p := randomPacket(r, boxes)
			got, want := s.Contains(p), o.contains(p)
			if got != want {
				t.Fatalf("%d boxes: %s: set says %v, BDD oracle says %v", nbox, p, got, want)
			}
			if got {
				in++
			}
		}
		if in == 0 {
			t.Fatalf("%d boxes: no random packet was a member; the test checks nothing", nbox)
		}
	}
}

func TestIPv6IsAnErrorNotDropped(t *testing.T) {
	a := netip.MustParseAddr("2001:db8::1")
	err := New().Add(Box{Proto: model.ProtoTCP, Src: netipx.IPRangeFrom(a, a), Dst: netipx.IPRangeFrom(a, a)})
	if err == nil {
		t.Fatal("an IPv6 box must be reported, not silently ignored")
	}
}

func TestCompactRendering(t *testing.T) {
	all := netipx.RangeOfPrefix(netip.MustParsePrefix("0.0.0.0/0"))
	got := Compact(model.ProtoTCP, []model.PortRange{{From: 443, To: 443}, {From: 22, To: 22}}, []netipx.IPRange{all})
	if want := "tcp 22,443 from 0.0.0.0/0"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	r := netipx.IPRangeFrom(netip.MustParseAddr("10.0.0.0"), netip.MustParseAddr("10.0.1.255"))
	if got := Compact(model.ProtoUDP, []model.PortRange{{From: 1, To: 65535}}, []netipx.IPRange{r}); got != "udp all from 10.0.0.0/23" {
		t.Fatalf("got %q", got)
	}
}

// BenchmarkBuild compares building a set of n rule-like boxes and testing
// 1000 packets in the chosen representation and in the BDD (LIBRARIES.md).
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{20, 60, 200} {
		r := rand.New(rand.NewSource(1))
		var boxes []Box
		for range n {
			boxes = append(boxes, randomBox(r))
		}
		var pkts []network.Packet
		for range 1000 {
			pkts = append(pkts, randomPacket(r, boxes))
		}
		b.Run("product/"+itoa(n), func(b *testing.B) {
			for b.Loop() {
				s := New()
				for _, x := range boxes {
					_ = s.Add(x)
				}
				for _, p := range pkts {
					s.Contains(p)
				}
			}
		})
		b.Run("bdd/"+itoa(n), func(b *testing.B) {
			for b.Loop() {
				s := newBDD(b)
				for _, x := range boxes {
					s.add(x)
				}
				for _, p := range pkts {
					s.contains(p)
				}
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
