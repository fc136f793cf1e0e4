package scan

import (
	"math/rand"
	"net/netip"
	"sort"
	"testing"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// targets picks scan targets of the synthetic estate: an interface with a
// public address (internet exposure) and ordinary private ones.
func targets(n *network.Network, s *Scanner, k int) []*network.ENI {
	var out []*network.ENI
	if ex := s.exposed(); len(ex) > 0 {
		out = append(out, ex[0])
	}
	var ids []string
	for id, e := range n.ENIs {
		if e.M.OwnerKind == model.OwnerInstance && e.M.PrimaryIP().Is4() {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for i := 0; len(out) < k && i < len(ids); i += len(ids)/k + 1 {
		out = append(out, n.ENIs[ids[i]])
	}
	return out
}

func randAddr(r *rand.Rand, rs []netipx.IPRange) netip.Addr {
	x := rs[r.Intn(len(rs))]
	lo, hi := u32(x.From()), u32(x.To())
	v := lo + uint32(r.Int63n(int64(hi-lo)+1))
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

func u32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// TestPropertyConcreteWalkAgreesWithScanSet is issue 4's property test: on a
// synth estate, 10,000 random packets decided by the concrete walk agree with
// membership in scan's set answer for their destination. Source ports are
// drawn from the initiator's ephemeral range (R2.12), which is what the set
// describes; ICMP packets are echo requests.
func TestPropertyConcreteWalkAgreesWithScanSet(t *testing.T) {
	n := loadEstate(t, estateDir(t, 10))
	s := New(n)
	tgts := targets(n, s, 3)
	results := scanEach(t, s, tgts, To)
	enis := peerENIs(s)
	r := rand.New(rand.NewSource(1))
	in, out := 0, 0
	for i := range 10000 {
		ti := r.Intn(len(tgts))
		dstENI := tgts[ti]
		var src reach.Endpoint
		switch r.Intn(3) {
		case 0:
			src = reach.Endpoint{Kind: reach.AtInternet, IP: randAddr(r, s.internet[r.Intn(len(s.internet))].Ranges), Ephemeral: reach.EphemeralLinux}
		default:
			e := enis[r.Intn(len(enis))]
			if e == dstENI {
				continue
			}
			src = reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: e.M.PrimaryIP(), Ephemeral: Ephemeral(n, e)}
		}
		dst := reach.Endpoint{Kind: reach.AtENI, ENI: dstENI, IP: dstENI.M.PrimaryIP()}
		dst.IP = reach.PublicDst(n, src, dst)
		q := reach.Question{Src: src, Dst: dst, Proto: []model.Protocol{model.ProtoTCP, model.ProtoUDP, model.ProtoICMP}[r.Intn(3)]}
		if q.Proto.HasPorts() {
			q.SrcPort = src.Ephemeral.From + uint16(r.Intn(int(src.Ephemeral.To-src.Ephemeral.From)+1))
			q.DstPort = uint16(1 + r.Intn(65535))
			if i%2 == 0 { // half on well-known ports, where the rules are
				q.DstPort = []uint16{22, 80, 443, 3306, 5432, 6379, 8080, 8443}[r.Intn(8)]
			}
		} else {
			q.ICMPType = 8
		}
		a := reach.Ask(n, q)
		set, err := results[ti].Flows()
		if err != nil {
			t.Fatal(err)
		}
		member := set.Contains(a.Packet)
		if a.Reachable() != member {
			t.Fatalf("packet %d %s: the walk says %s, the scan set of %s says member=%v", i, a.Packet, a.Verdict, dstENI.M.ID, member)
		}
		if member {
			in++
		} else {
			out++
		}
	}
	t.Logf("%d reachable, %d not; %d internet classes", in, out, len(s.internet))
	if in == 0 || out == 0 {
		t.Fatalf("degenerate sample: %d reachable, %d not", in, out)
	}
}

// TestPropertyScanFromAgreesWithWalk is the same property for the other
// direction: what an interface can open (scan --from), against 5,000
// random packets from it to interfaces and internet hosts.
func TestPropertyScanFromAgreesWithWalk(t *testing.T) {
	n := loadEstate(t, estateDir(t, 10))
	s := New(n)
	tgts := targets(n, s, 3)
	results := scanEach(t, s, tgts, From)
	enis := peerENIs(s)
	r := rand.New(rand.NewSource(2))
	in, out := 0, 0
	for i := range 5000 {
		ti := r.Intn(len(tgts))
		e := tgts[ti]
		src := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: e.M.PrimaryIP(), Ephemeral: Ephemeral(n, e)}
		var dst reach.Endpoint
		if r.Intn(2) == 0 {
			dst = reach.Endpoint{Kind: reach.AtInternet, IP: randAddr(r, s.internet[r.Intn(len(s.internet))].Ranges)}
		} else {
			d := enis[r.Intn(len(enis))]
			if d == e {
				continue
			}
			dst = reach.Endpoint{Kind: reach.AtENI, ENI: d, IP: d.M.PrimaryIP()}
		}
		dst.IP = reach.PublicDst(n, src, dst)
		q := reach.Question{Src: src, Dst: dst, Proto: []model.Protocol{model.ProtoTCP, model.ProtoUDP, model.ProtoICMP}[r.Intn(3)]}
		if q.Proto.HasPorts() {
			q.SrcPort = src.Ephemeral.From + uint16(r.Intn(int(src.Ephemeral.To-src.Ephemeral.From)+1))
			q.DstPort = []uint16{22, 80, 443, 3306, 5432, 6379, 8080, 8443, uint16(1 + r.Intn(65535))}[r.Intn(9)]
		} else {
			q.ICMPType = 8
		}
		a := reach.Ask(n, q)
		set, err := results[ti].Flows()
		if err != nil {
			t.Fatal(err)
		}
		if member := set.Contains(a.Packet); a.Reachable() != member {
			t.Fatalf("packet %d %s: the walk says %s, the scan --from set of %s says member=%v", i, a.Packet, a.Verdict, e.M.ID, member)
		} else if member {
			in++
		} else {
			out++
		}
	}
	t.Logf("%d reachable, %d not", in, out)
	if in == 0 || out == 0 {
		t.Fatalf("degenerate sample: %d reachable, %d not", in, out)
	}
}

// scanEach scans every target in one direction with all peers.
func scanEach(t *testing.T, s *Scanner, tgts []*network.ENI, dir Direction) []*Result {
	t.Helper()
	out := make([]*Result, len(tgts))
	for i, e := range tgts {
		self := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: e.M.PrimaryIP(), Name: e.M.ID, Ephemeral: Ephemeral(s.N, e)}
		r, err := s.Scan(self, dir, AllPeers)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = r
	}
	return out
}

// peerENIs lists the interfaces a scan takes as peers.
func peerENIs(s *Scanner) []*network.ENI {
	var enis []*network.ENI
	peers, _ := s.peers(reach.Endpoint{}, To, PeerKinds{ENIs: true}, s.global())
	for _, p := range peers {
		enis = append(enis, p.ep.ENI)
	}
	return enis
}
