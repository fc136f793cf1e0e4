package reach

import "github.com/netverify/netverify/model"

// tgwAZ is the zone whose attachment subnet a packet entered a VPC by.
type tgwAZ struct{ att, az string }

// applianceModeAZ is the zone a transit gateway delivers into attachment a
// by: the sending zone, except that with appliance mode the response of a
// flow takes the zone its request took, so a stateful appliance in that VPC
// sees both directions (R5.9).
func (w *walker) applianceModeAZ(a *model.TGWAttachment, az string) string {
	if !w.ret || !a.ApplianceMode {
		return az
	}
	for _, x := range w.fwd.tgwAZs {
		if x.att == a.ID {
			return x.az
		}
	}
	return az
}

// enteredAZ records the zone a packet entered attachment a by.
func (w *walker) enteredAZ(a *model.TGWAttachment, az string) {
	w.st.tgwAZs = append(w.st.tgwAZs, tgwAZ{a.ID, az})
}
