package reach

import (
	"slices"
	"testing"

	"github.com/netverify/netverify/model"
)

// R2.12: when every class of the ephemeral range fails, the failing ranges
// join into the whole range, so no "only some source ports fail" warning.
func TestR2_12_FailingSourcePortClassesMerge(t *testing.T) {
	got := mergeAdjacent([]model.PortRange{{From: 1024, To: 8079}, {From: 8080, To: 8080}, {From: 8081, To: 65535}})
	if want := []model.PortRange{{From: 1024, To: 65535}}; !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	got = mergeAdjacent([]model.PortRange{{From: 1024, To: 2000}, {From: 3000, To: 65535}})
	if len(got) != 2 {
		t.Errorf("a gap must stay: %v", got)
	}
}
