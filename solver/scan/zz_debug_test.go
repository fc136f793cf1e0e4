package scan

import (
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/reach"
)

func TestZZDebugUnknown(t *testing.T) {
	n := damagedEstate(t, 1)
	self := n.ENIs["eni-0763c42ecf4a85f2f"]
	p := newPreimage(n, self, To)
	shown := 0
	for _, e := range n.ENIs {
		if e == self || e.VPC == nil || !e.M.PrimaryIP().Is4() {
			continue
		}
		if p.mayReach(e, e.M.PrimaryIP(), self.M.PrimaryIP()) {
			continue
		}
		src := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: e.M.PrimaryIP(), Name: e.M.ID, Ephemeral: Ephemeral(n, e)}
		dst := reach.Endpoint{Kind: reach.AtENI, ENI: self, IP: self.M.PrimaryIP(), Name: self.M.ID}
		for _, port := range []uint16{22, 443, 8080, 5432} {
			a := reach.Ask(n, reach.Question{Src: src, Dst: dst, Proto: model.ProtoTCP, DstPort: port, SrcPort: 40000})
			if a.Verdict == reach.Unknown && shown < 5 {
				shown++
				t.Logf("%s -> %d: %+v", e.M.ID, port, a.Explanations)
				for _, h := range a.Forward {
					t.Logf("   %s %s %s", h.Component, h.Kind, h.Rule)
				}
			}
		}
	}
}
