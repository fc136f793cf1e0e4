package diff

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/netverify/netverify/importers/synth"
	"github.com/netverify/netverify/model"
)

var driftRounds = flag.Int("drift.rounds", 0, "TestIncrementalMatchesFull: rounds of every kind of change on estates of 5 to 20 VPCs")

// mutation changes one resource of a live snapshot; false when the estate
// has nothing it can change.
type mutation struct {
	name string
	fn   func(r *rand.Rand, s *model.Snapshot) bool
}

var mutations = []mutation{
	{"security-group rule added", sgRuleAdd},
	{"security-group rule removed", sgRuleRemove},
	{"NACL entry", naclEntry},
	{"route added", routeAdd},
	{"route removed", routeRemove},
	{"route target changed", routeTarget},
	{"peering removed", peeringRemove},
	{"TGW route", tgwRoute},
}

// TestIncrementalMatchesFull is issue 25's property: on random single
// changes of small synthetic estates (synth, 5 to 20 VPCs), the incremental
// drift (only the flow classes the change can affect) and drift --full (every
// class around the touched VPCs) give the same report: the same resource
// changes and the same opened, closed and undecided flows. Only the number
// of classes asked differs.
//
// --full is slow (it asks every class), so by default each kind of change
// is tried once on a 5-VPC estate (-short: three kinds); -drift.rounds=N
// tries every kind N times on estates of 5 to 20 VPCs.
func TestIncrementalMatchesFull(t *testing.T) {
	rounds, kinds := max(*driftRounds, 1), mutations
	if testing.Short() && *driftRounds == 0 {
		kinds = []mutation{mutations[0], mutations[2], mutations[4]}
	}
	r := rand.New(rand.NewSource(25))
	dirs := map[int]string{}
	for round := range rounds {
		for _, m := range kinds {
			vpcs := 5
			if *driftRounds > 0 {
				vpcs += r.Intn(16)
			}
			dir, ok := dirs[vpcs]
			if !ok {
				dir = filepath.Join(t.TempDir(), fmt.Sprint(vpcs))
				if _, err := synth.Write(synth.Options{VPCs: vpcs, Seed: int64(vpcs), Out: dir, ENIsPerVPC: 8}); err != nil {
					t.Fatal(err)
				}
				dirs[vpcs] = dir
			}
			seed := r.Int63()
			t.Run(fmt.Sprintf("%d/%s/%d-vpcs", round, m.name, vpcs), func(t *testing.T) {
				live := loadSynth(t, dir)
				if !m.fn(rand.New(rand.NewSource(seed)), live) {
					t.Skip("nothing to change")
				}
				inc := CompareWith(loadSynth(t, dir), live, Options{})
				live2 := loadSynth(t, dir)
				m.fn(rand.New(rand.NewSource(seed)), live2)
				full := CompareWith(loadSynth(t, dir), live2, Options{Full: true})
				if !full.Drift {
					t.Fatalf("the change is no drift")
				}
				a, b := reportKey(t, inc), reportKey(t, full)
				if a != b {
					t.Errorf("incremental (%d classes) and --full (%d classes) differ:\nincremental:\n%s\nfull:\n%s", inc.Questions, full.Questions, a, b)
				}
				if inc.Questions > full.Questions {
					t.Errorf("incremental asked %d classes, more than --full's %d", inc.Questions, full.Questions)
				}
				t.Logf("%d flow lines; classes asked: %d incremental, %d full", inc.Opened+inc.Closed+inc.Undecided, inc.Questions, full.Questions)
			})
		}
	}
}

// reportKey is the report as JSON without the count of classes asked.
func reportKey(t *testing.T, r *Report) string {
	cp := *r
	cp.Questions = 0
	b, err := json.MarshalIndent(&cp, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func pick[T any](r *rand.Rand, xs []T) (T, bool) {
	var zero T
	if len(xs) == 0 {
		return zero, false
	}
	return xs[r.Intn(len(xs))], true
}

// peerCIDR is a random peer: everyone, a documentation range on the
// internet, a VPC's CIDR or one interface.
func peerCIDR(r *rand.Rand, s *model.Snapshot) netip.Prefix {
	switch r.Intn(4) {
	case 0:
		return netip.MustParsePrefix("0.0.0.0/0")
	case 1:
		return netip.MustParsePrefix("203.0.113.0/24")
	case 2:
		v, _ := pick(r, s.VPCs)
		return v.PrimaryCIDR()
	}
	e, _ := pick(r, s.ENIs)
	return netip.PrefixFrom(e.PrimaryIP(), 32)
}

func randomProto(r *rand.Rand) (model.Protocol, model.PortRange) {
	ports := []uint16{22, 80, 443, 5432, 8080, 9443}
	p := ports[r.Intn(len(ports))]
	switch r.Intn(5) {
	case 0:
		return model.ProtoUDP, model.PortRange{From: p, To: p}
	case 1:
		return model.ProtoICMP, model.AllPorts
	case 2:
		return model.ProtoAll, model.AllPorts
	case 3:
		return model.ProtoTCP, model.PortRange{From: 1024, To: 65535}
	}
	return model.ProtoTCP, model.PortRange{From: p, To: p}
}

func sgRuleAdd(r *rand.Rand, s *model.Snapshot) bool {
	g, ok := pick(r, s.SecurityGroups)
	if !ok {
		return false
	}
	proto, ports := randomProto(r)
	rule := model.SGRule{Protocol: proto, Ports: ports, ICMP: model.AnyICMP}
	if r.Intn(4) == 0 {
		o, _ := pick(r, s.SecurityGroups)
		rule.Group = &model.SGRef{GroupID: o.ID}
	} else {
		rule.CIDR = peerCIDR(r, s)
	}
	if r.Intn(2) == 0 {
		g.Egress = append(g.Egress, rule)
	} else {
		g.Ingress = append(g.Ingress, rule)
	}
	return true
}

func sgRuleRemove(r *rand.Rand, s *model.Snapshot) bool {
	var withRules []*model.SecurityGroup
	for _, g := range s.SecurityGroups {
		if len(g.Ingress)+len(g.Egress) > 0 {
			withRules = append(withRules, g)
		}
	}
	g, ok := pick(r, withRules)
	if !ok {
		return false
	}
	i := r.Intn(len(g.Ingress) + len(g.Egress))
	if i < len(g.Ingress) {
		g.Ingress = append(g.Ingress[:i:i], g.Ingress[i+1:]...)
	} else {
		i -= len(g.Ingress)
		g.Egress = append(g.Egress[:i:i], g.Egress[i+1:]...)
	}
	return true
}

func naclEntry(r *rand.Rand, s *model.Snapshot) bool {
	a, ok := pick(r, s.NetworkACLs)
	if !ok {
		return false
	}
	var real []int
	for i, e := range a.Entries {
		if e.Number < 32767 {
			real = append(real, i)
		}
	}
	switch i, ok := pick(r, real); {
	case ok && r.Intn(3) == 0: // remove
		a.Entries = append(a.Entries[:i:i], a.Entries[i+1:]...)
	case ok && r.Intn(2) == 0: // flip the action
		if a.Entries[i].Action == model.Allow {
			a.Entries[i].Action = model.Deny
		} else {
			a.Entries[i].Action = model.Allow
		}
	default: // add a deny before the rest
		proto, ports := randomProto(r)
		a.Entries = append(a.Entries, model.ACLEntry{Number: 1 + r.Intn(50), Egress: r.Intn(2) == 0, Protocol: proto,
			Action: model.Deny, CIDR: peerCIDR(r, s), Ports: ports, ICMP: model.AnyICMP})
	}
	return true
}

func nonLocal(rt *model.RouteTable) []int {
	var out []int
	for i, rr := range rt.Routes {
		if rr.Target.Kind != model.TargetLocal {
			out = append(out, i)
		}
	}
	return out
}

func routeAdd(r *rand.Rand, s *model.Snapshot) bool {
	rt, ok := pick(r, s.RouteTables)
	if !ok {
		return false
	}
	target := model.Target{Kind: model.TargetUnknown}
	if i, ok := pick(r, nonLocal(rt)); ok {
		target = rt.Routes[i].Target
	}
	dest := netip.MustParsePrefix("203.0.113.0/24")
	if v, _ := pick(r, s.VPCs); r.Intn(2) == 0 && v.ID != rt.VPC {
		dest = v.PrimaryCIDR()
	}
	rt.Routes = append(rt.Routes, model.Route{Destination: dest, Target: target, Blackhole: target.Kind == model.TargetUnknown})
	return true
}

func routeRemove(r *rand.Rand, s *model.Snapshot) bool {
	var tables []*model.RouteTable
	for _, rt := range s.RouteTables {
		if len(nonLocal(rt)) > 0 {
			tables = append(tables, rt)
		}
	}
	rt, ok := pick(r, tables)
	if !ok {
		return false
	}
	i, _ := pick(r, nonLocal(rt))
	rt.Routes = append(rt.Routes[:i:i], rt.Routes[i+1:]...)
	return true
}

// routeTarget points a route at another target used in the same VPC.
func routeTarget(r *rand.Rand, s *model.Snapshot) bool {
	targets := map[string][]model.Target{}
	for _, rt := range s.RouteTables {
		for _, i := range nonLocal(rt) {
			targets[rt.VPC] = append(targets[rt.VPC], rt.Routes[i].Target)
		}
	}
	var tables []*model.RouteTable
	for _, rt := range s.RouteTables {
		if len(nonLocal(rt)) > 0 {
			tables = append(tables, rt)
		}
	}
	for range 20 {
		rt, ok := pick(r, tables)
		if !ok {
			return false
		}
		i, _ := pick(r, nonLocal(rt))
		t, _ := pick(r, targets[rt.VPC])
		if t != rt.Routes[i].Target {
			rt.Routes[i].Target = t
			return true
		}
	}
	return false
}

func peeringRemove(r *rand.Rand, s *model.Snapshot) bool {
	if len(s.PeeringConnections) == 0 {
		return false
	}
	i := r.Intn(len(s.PeeringConnections))
	s.PeeringConnections = append(s.PeeringConnections[:i:i], s.PeeringConnections[i+1:]...)
	return true
}

func tgwRoute(r *rand.Rand, s *model.Snapshot) bool {
	t, ok := pick(r, s.TGWRouteTables)
	if !ok {
		return false
	}
	if len(t.Routes) > 0 && r.Intn(2) == 0 {
		i := r.Intn(len(t.Routes))
		t.Routes = append(t.Routes[:i:i], t.Routes[i+1:]...)
		return true
	}
	v, _ := pick(r, s.VPCs)
	t.Routes = append(t.Routes, model.TGWRoute{Destination: v.PrimaryCIDR(), Blackhole: true})
	return true
}
