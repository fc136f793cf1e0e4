package network

import (
	"fmt"
	"math/rand"
	"net/netip"
	"slices"
	"testing"

	"github.com/netverify/netverify/model"
)

// TestRuleIndexCandidates: for any peer address, the CIDR index of a large
// group yields exactly the rules that can match it (those whose CIDR holds
// it, and every rule without a CIDR), in rule order, so EvalSGs picks the
// same first matching rule as a pass over all rules (R2.2, issue 24).
func TestRuleIndexCandidates(t *testing.T) {
	r := rand.New(rand.NewSource(24))
	var rules []model.SGRule
	for i := range 400 {
		switch i % 10 {
		case 0:
			rules = append(rules, model.SGRule{Protocol: model.ProtoTCP, Group: &model.SGRef{GroupID: "sg-other"}})
		case 1:
			rules = append(rules, model.SGRule{Protocol: model.ProtoTCP, PrefixList: "pl-1"})
		case 2:
			rules = append(rules, model.SGRule{Protocol: model.ProtoAll, CIDR: netip.MustParsePrefix("2001:db8::/32")})
		default:
			bits := 8 + r.Intn(25)
			p, _ := netip.AddrFrom4([4]byte{byte(10 + r.Intn(3)), byte(r.Intn(4)), byte(r.Intn(256)), byte(r.Intn(256))}).Prefix(bits)
			rules = append(rules, model.SGRule{Protocol: model.ProtoTCP, CIDR: p})
		}
	}
	ix := newRuleIndex(rules)
	if !ix.valid(rules) || ix.valid(slices.Clone(rules)) {
		t.Fatal("the index must describe exactly the slice it was built from")
	}
	for k := range 2000 {
		peer := netip.AddrFrom4([4]byte{byte(10 + r.Intn(3)), byte(r.Intn(4)), byte(r.Intn(256)), byte(r.Intn(256))})
		if k%7 == 0 {
			peer = netip.MustParseAddr(fmt.Sprintf("2001:db8::%x", k))
		}
		var want []int
		for i, rule := range rules {
			if rule.Group != nil || rule.PrefixList != "" || rule.CIDR.Contains(peer) {
				want = append(want, i)
			}
		}
		if got := ix.candidates(peer); !slices.Equal(got, want) {
			t.Fatalf("candidates(%s) = %v, want %v", peer, got, want)
		}
	}
}
