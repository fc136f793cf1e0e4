package scan

import (
	"math/rand"
	"net/netip"
	"strconv"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// TestIPv6ExposureAgreesWithWalk (R3.4, R2.1, R2.10): the IPv6 entries of
// the internet exposure agree with concrete walks from 3,000 random IPv6
// internet hosts and ports: a packet is reachable exactly when its source is
// inside an entry's ranges (and outside its exceptions) on one of its ports.
func TestIPv6ExposureAgreesWithWalk(t *testing.T) {
	b := fixture.New()
	v := b.VPC("vpc-6", "10.6.0.0/16")
	v.IPv6CIDRs = []netip.Prefix{netip.MustParsePrefix("2600:1f18:6:600::/56")}
	b.IGW("igw-6", "vpc-6")
	sub := b.Subnet("subnet-6", "vpc-6", "10.6.1.0/24", "us-east-1a")
	sub.IPv6CIDR = netip.MustParsePrefix("2600:1f18:6:601::/64")
	b.RT("rtb-6", "vpc-6", true, nil, "10.6.0.0/16 local", "0.0.0.0/0 igw-6", "::/0 igw-6")
	b.SG("sg-6", "vpc-6", "in tcp 443 ::/0", "in tcp 22 2001:db8:100::/48", "out all - ::/0")
	b.ACL("acl-6", "vpc-6", true, nil, "in 10 deny all - 2001:db8:bad::/48", "in 100 allow all - ::/0", "out 100 allow all - ::/0")
	b.ENI("eni-6", "vpc-6", "subnet-6", []string{"10.6.1.10", "2600:1f18:6:601::10"}, "sg-6")
	model.Derive(b.S)
	n := network.Compile(b.S)
	s := New(n)
	ex, _, err := s.InternetExposure()
	if err != nil {
		t.Fatal(err)
	}
	if len(ex) != 1 || ex[0].IPv6 != "2600:1f18:6:601::10" {
		t.Fatalf("want the IPv6 exposure of eni-6, got %+v", ex)
	}
	e := n.ENIs["eni-6"]
	r := rand.New(rand.NewSource(6))
	in := 0
	for i := range 3000 {
		var src netip.Addr
		if i%3 == 0 { // inside the ranges the rules name
			pick := []string{"2001:db8:100::", "2001:db8:bad::", "2001:db8:100:ffff::"}[r.Intn(3)]
			src = netip.MustParseAddr(pick).Next()
		} else {
			c := s.six.internet[r.Intn(len(s.six.internet))]
			src = c.Ranges[r.Intn(len(c.Ranges))].From()
		}
		port := []uint16{22, 80, 443, uint16(1 + r.Intn(65535))}[r.Intn(4)]
		from := reach.Endpoint{Kind: reach.AtInternet, IP: src, Ephemeral: reach.EphemeralLinux}
		to := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: e.M.IPv6[0]}
		walk := reach.Ask(n, reach.Question{Src: from, Dst: to, Proto: model.ProtoTCP, DstPort: port}).Reachable()
		if listed := entriesAdmit(t, ex[0].Entries, src, port); walk != listed {
			t.Fatalf("%s -> [%s]:%d: walk reachable=%v, entries say %v: %v", src, to.IP, port, walk, listed, ex[0].Entries)
		}
		if walk {
			in++
		}
	}
	if in == 0 {
		t.Fatal("degenerate sample: nothing reachable")
	}
	t.Logf("%d of 3000 reachable; entries %v", in, ex[0].Entries)
}

// entriesAdmit reports whether a TCP entry lists src and port.
func entriesAdmit(t *testing.T, es []Entry, src netip.Addr, port uint16) bool {
	for _, e := range es {
		if e.Proto != "tcp" || !portIn(t, e.Ports, port) {
			continue
		}
		inside := false
		for _, c := range e.CIDRs {
			inside = inside || netip.MustParsePrefix(c).Contains(src)
		}
		for _, c := range e.Except {
			inside = inside && !netip.MustParsePrefix(c).Contains(src)
		}
		if inside {
			return true
		}
	}
	return false
}

func portIn(t *testing.T, list string, port uint16) bool {
	if list == "all" {
		return true
	}
	for _, part := range strings.Split(list, ",") {
		lo, hi, _ := strings.Cut(part, "-")
		if hi == "" {
			hi = lo
		}
		a, err1 := strconv.Atoi(lo)
		z, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil {
			t.Fatalf("ports %q", list)
		}
		if int(port) >= a && int(port) <= z {
			return true
		}
	}
	return false
}
