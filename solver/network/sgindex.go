package network

import (
	"net/netip"
	"slices"

	"github.com/netverify/netverify/model"
)

// minIndexed is the rule count from which a group's rules are indexed by
// CIDR; below it a linear pass is as fast.
const minIndexed = 32

// ruleIndex finds, for a peer address, the rules of one direction of one
// group that can match it, in rule order: the rules whose CIDR contains
// the address (one map lookup per prefix length in use) and every rule
// without a CIDR (group references, prefix lists). A group of thousands of
// rules, each with its own CIDR, is then evaluated in a few steps per
// packet instead of one per rule (issue 24).
type ruleIndex struct {
	rules    []model.SGRule // the slice indexed; the index is used only while it is the group's
	byPrefix map[netip.Prefix][]int
	lengths  []int // prefix lengths in use, IPv4 and IPv6 apart
	lengths6 []int
	other    []int
}

func newRuleIndex(rules []model.SGRule) *ruleIndex {
	if len(rules) < minIndexed {
		return nil
	}
	ix := &ruleIndex{rules: rules, byPrefix: map[netip.Prefix][]int{}}
	seen4, seen6 := map[int]bool{}, map[int]bool{}
	for i, r := range rules {
		if r.Group != nil || r.PrefixList != "" || !r.CIDR.IsValid() {
			ix.other = append(ix.other, i)
			continue
		}
		p := r.CIDR.Masked()
		ix.byPrefix[p] = append(ix.byPrefix[p], i)
		if p.Addr().Is4() && !seen4[p.Bits()] {
			seen4[p.Bits()] = true
			ix.lengths = append(ix.lengths, p.Bits())
		} else if !p.Addr().Is4() && !seen6[p.Bits()] {
			seen6[p.Bits()] = true
			ix.lengths6 = append(ix.lengths6, p.Bits())
		}
	}
	return ix
}

// valid reports whether the index still describes rules.
func (ix *ruleIndex) valid(rules []model.SGRule) bool {
	return ix != nil && len(ix.rules) == len(rules) && len(rules) > 0 && &ix.rules[0] == &rules[0]
}

// candidates returns, in rule order, the indices of the rules that can match peer.
func (ix *ruleIndex) candidates(peer netip.Addr) []int {
	out := slices.Clone(ix.other)
	lengths := ix.lengths
	if !peer.Is4() {
		lengths = ix.lengths6
	}
	for _, l := range lengths {
		if p, err := peer.Prefix(l); err == nil {
			out = append(out, ix.byPrefix[p]...)
		}
	}
	slices.Sort(out)
	return out
}
