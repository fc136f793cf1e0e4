package scan

import (
	"fmt"
	"sort"

	"github.com/netverify/netverify/model"
)

// BlockedByBPA names, for the interfaces with a public address in a VPC with
// an internet gateway that the exposure scan left out, the VPC Block Public
// Access setting that keeps the internet from them (R3.50, R3.52): one line
// each, sorted by interface ID. Interfaces in an allow-bidirectional
// exclusion are not listed (their exposure is the scan's answer).
func (s *Scanner) BlockedByBPA(ex []Exposure) []string {
	listed := map[string]bool{}
	for _, x := range ex {
		listed[x.ENI] = true
	}
	var out []string
	for _, e := range s.exposed() {
		if listed[e.M.ID] || e.VPC == nil {
			continue
		}
		b := s.N.Snap.BPAFor(e.VPC.M.Account, e.VPC.M.Region)
		if b == nil {
			continue
		}
		sub := ""
		if e.Subnet != nil {
			sub = e.Subnet.M.ID
		}
		x := s.N.Snap.BPAExclusionFor(e.VPC.M.ID, sub)
		if x != nil && x.Mode == model.BPAAllowBidirectional {
			continue
		}
		what := sub
		if what == "" {
			what = e.VPC.M.ID
		}
		pub, _ := s.N.PublicFor(e, e.M.PrimaryIP())
		line := fmt.Sprintf("%s %s (public %s): not reachable from the internet: VPC Block Public Access is %s in %s (R3.50)",
			e.Label(), e.M.PrimaryIP(), pub, b.Mode, regionOf(e.VPC.M))
		if x != nil {
			line += fmt.Sprintf("; exclusion %s lets only outbound connections through (R3.52)", x.Label())
		}
		line += fmt.Sprintf("; an allow-bidirectional exclusion for %s would let it through", what)
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}

func regionOf(v *model.VPC) string {
	a, r := v.Account, v.Region
	if a == "" {
		a = "any account"
	}
	if r == "" {
		r = "any Region"
	}
	return a + "/" + r
}
