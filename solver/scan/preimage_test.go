package scan

import (
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/importers/synth"
	"github.com/netverify/netverify/internal/testcorpus"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// TestPreimageIsExact is the property of issue 25's pre-image: `scan --to
// X` and `scan --from X` that walk only the interfaces that may exchange a
// packet with X (routes R1.4, R5.7, R3.3, R3.6; filters R2.2, R2.5) give
// the same entries, warnings and exact set as the scans that walk every
// interface. On random synthetic estates, each with random damage (routes
// deleted or made blackholes, security group rules deleted) so that the
// pre-image's "no route" and "no common rule" cases occur, on every
// built-in example and every Batfish lab-validation snapshot.
func TestPreimageIsExact(t *testing.T) {
	nets := map[string]*network.Network{}
	for seed := int64(1); seed <= 4; seed++ {
		nets[fmt.Sprintf("synth-seed%d", seed)] = damagedEstate(t, seed)
	}
	for _, ex := range scenarios.Examples() {
		snap, _, err := scenarios.LoadExample(ex.Name)
		if err != nil {
			t.Fatal(err)
		}
		nets["example:"+ex.Name] = network.Compile(snap)
	}
	if c := testcorpus.Find(); c != "" {
		labs, _ := filepath.Glob(filepath.Join(c, "batfish", "lab-validation", "*", "aws_configs"))
		for _, dir := range labs {
			snap, _, err := awsjson.LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			model.Derive(snap)
			nets[filepath.Base(filepath.Dir(dir))] = network.Compile(snap)
		}
	}
	names := make([]string, 0, len(nets))
	for name := range nets {
		names = append(names, name)
	}
	sort.Strings(names)
	skippedSynth := 0
	for _, name := range names {
		n := nets[name]
		s, full := New(n), New(n)
		full.setFull(true)
		r := rand.New(rand.NewSource(int64(len(name))))
		tgts := sampleENIs(n, r, 12)
		skipped, walked := 0, 0
		for _, e := range tgts {
			for _, dir := range []Direction{To, From} {
				self := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: e.M.PrimaryIP(), Name: e.M.ID, Ephemeral: Ephemeral(n, e)}
				if !self.IP.IsValid() {
					continue
				}
				got, err := s.Scan(self, dir, AllPeers)
				if err != nil {
					continue // an endpoint the scan refuses is refused both ways
				}
				want, err := full.Scan(self, dir, AllPeers)
				if err != nil {
					t.Fatalf("%s %s %s: %v", name, dir, e.M.ID, err)
				}
				skipped += got.skipped
				walked += want.Walked
				if !reflect.DeepEqual(got.Entries, want.Entries) {
					t.Errorf("%s scan --%s %s: with the pre-image\n%v\nevery interface\n%v", name, dir, e.M.ID, got.Entries, want.Entries)
					continue
				}
				if got.unknown != want.unknown {
					t.Errorf("%s scan --%s %s: %d unknown classes with the pre-image, %d without", name, dir, e.M.ID, got.unknown, want.unknown)
				}
				gs, err1 := got.Flows()
				ws, err2 := want.Flows()
				if err1 != nil || err2 != nil || !gs.Equal(ws) {
					t.Errorf("%s scan --%s %s: the sets differ (%v, %v)", name, dir, e.M.ID, err1, err2)
				}
			}
		}
		if len(tgts) > 0 {
			t.Logf("%s: %d scans, %d interfaces left out, %d packets walked by the full scans", name, 2*len(tgts), skipped, walked)
		}
		if len(name) > 5 && name[:5] == "synth" {
			skippedSynth += skipped
		}
	}
	if skippedSynth == 0 {
		t.Fatal("the pre-image left no interface out of any synthetic scan: the property is not exercised")
	}
}

// damagedEstate is a small synthetic estate (12 VPCs, 12 interfaces each)
// with random damage: about a tenth of the VPC and transit gateway routes
// deleted, a tenth made blackholes, a tenth of the security group rules
// deleted.
func damagedEstate(t *testing.T, seed int64) *network.Network {
	t.Helper()
	dir := t.TempDir()
	if _, err := synth.Write(synth.Options{VPCs: 12, Seed: seed, Out: dir, ENIsPerVPC: 12}); err != nil {
		t.Fatal(err)
	}
	snap, _, err := awsjson.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	model.Derive(snap)
	r := rand.New(rand.NewSource(seed))
	for _, rt := range snap.RouteTables {
		var keep []model.Route
		for _, rr := range rt.Routes {
			switch x := r.Intn(10); {
			case x == 0 && rr.Target.Kind != model.TargetLocal:
				continue
			case x == 1 && rr.Target.Kind != model.TargetLocal:
				rr.Blackhole = true
			}
			keep = append(keep, rr)
		}
		rt.Routes = keep
	}
	for _, tab := range snap.TGWRouteTables {
		var keep []model.TGWRoute
		for _, rr := range tab.Routes {
			switch r.Intn(10) {
			case 0:
				continue
			case 1:
				rr.Blackhole = true
			}
			keep = append(keep, rr)
		}
		tab.Routes = keep
	}
	for _, sg := range snap.SecurityGroups {
		sg.Ingress = dropSome(r, sg.Ingress)
		sg.Egress = dropSome(r, sg.Egress)
	}
	return network.Compile(snap)
}

func dropSome(r *rand.Rand, rules []model.SGRule) []model.SGRule {
	var keep []model.SGRule
	for _, x := range rules {
		if r.Intn(10) != 0 {
			keep = append(keep, x)
		}
	}
	return keep
}

// sampleENIs picks up to k interfaces, deterministic for r.
func sampleENIs(n *network.Network, r *rand.Rand, k int) []*network.ENI {
	ids := make([]string, 0, len(n.ENIs))
	for id := range n.ENIs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	r.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	var out []*network.ENI
	for _, id := range ids {
		if len(out) == k {
			break
		}
		out = append(out, n.ENIs[id])
	}
	return out
}
