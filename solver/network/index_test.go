package network_test

import (
	"net/netip"
	"sort"
	"testing"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/importers/synth"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// TestIndexAgreesWithScan checks the compiled lookups (performance budget,
// ARCHITECTURE.md) against a plain scan of the snapshot, on a synthetic
// estate: public address of each private one (R3.2), owners of an address
// (R1.5), VPCs containing an address, load balancer and endpoint of a node
// ENI (R7.8, R7.19).
func TestIndexAgreesWithScan(t *testing.T) {
	dir := t.TempDir()
	if _, err := synth.Write(synth.Options{VPCs: 6, Seed: 1, Out: dir}); err != nil {
		t.Fatal(err)
	}
	snap, _, err := awsjson.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	model.Derive(snap)
	n := network.Compile(snap)
	lbs, eps := 0, 0
	for _, e := range n.ENIs {
		for _, ip := range e.M.PrivateIPs {
			want, wantOK := e.M.PublicFor(ip)
			if got, ok := n.PublicFor(e, ip); wantOK && (!ok || got != want) {
				t.Errorf("PublicFor(%s, %s) = %s %v, want %s", e.M.ID, ip, got, ok, want)
			}
			if got := n.ENIsByIP(ip); !sameENIs(got, scanOwners(n, ip)) {
				t.Errorf("ENIsByIP(%s) = %d ENIs, want %d", ip, len(got), len(scanOwners(n, ip)))
			}
			if got, want := n.VPCsContaining(ip), scanVPCs(n, ip); len(got) != len(want) || (len(got) > 0 && got[0] != want[0]) {
				t.Errorf("VPCsContaining(%s) = %d VPCs, want %d", ip, len(got), len(want))
			}
		}
		if want := scanLB(n, e); n.LoadBalancerOf(e) != want {
			t.Errorf("LoadBalancerOf(%s) disagrees with a scan", e.M.ID)
		} else if want != nil {
			lbs++
		}
		if want := scanEndpoint(n, e); n.EndpointOf(e) != want {
			t.Errorf("EndpointOf(%s) disagrees with a scan", e.M.ID)
		} else if want != nil {
			eps++
		}
	}
	if eps == 0 || (lbs == 0 && len(snap.LoadBalancers) > 0) {
		t.Fatalf("degenerate estate: %d load balancer nodes, %d endpoint ENIs", lbs, eps)
	}
	if vs := n.VPCsContaining(netip.MustParseAddr("8.8.8.8")); len(vs) != 0 {
		t.Errorf("VPCsContaining(8.8.8.8) = %d VPCs, want none", len(vs))
	}
}

func scanOwners(n *network.Network, ip netip.Addr) []*network.ENI {
	var out []*network.ENI
	for _, v := range n.VPCs {
		if e := v.ENIByIP(ip); e != nil {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].M.ID < out[j].M.ID })
	return out
}

func sameENIs(a, b []*network.ENI) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func scanVPCs(n *network.Network, ip netip.Addr) []*network.VPC {
	var out []*network.VPC
	for _, v := range n.VPCs {
		if v.M.Contains(ip) {
			out = append(out, v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].M.ID < out[j].M.ID })
	return out
}

func scanLB(n *network.Network, e *network.ENI) *model.LoadBalancer {
	for _, lb := range n.Snap.LoadBalancers {
		if e.M.OwnerID != "" && (lb.ARN == e.M.OwnerID || lb.ID == e.M.OwnerID) {
			return lb
		}
		for _, node := range lb.Nodes {
			if node.ENI == e.M.ID || (node.PrivateIP.IsValid() && e.M.HasIP(node.PrivateIP)) {
				return lb
			}
		}
	}
	return nil
}

func scanEndpoint(n *network.Network, e *network.ENI) *model.VPCEndpoint {
	for _, ep := range n.Snap.VPCEndpoints {
		if ep.ID == e.M.OwnerID {
			return ep
		}
		for _, id := range ep.ENIs {
			if id == e.M.ID {
				return ep
			}
		}
	}
	return nil
}
