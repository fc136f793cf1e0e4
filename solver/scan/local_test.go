package scan

import (
	"net/netip"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/internal/testcorpus"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// TestLocalViewIsExact is the oracle of the local view (issue 4's exposure
// budget): for every interface the exposure scan considers, scanning with
// the interface's own coarse classes gives the same entries and the same
// exact set as scanning with the whole snapshot's classes, on a synthetic
// estate, every built-in example and every Batfish lab-validation snapshot
// (real AWS data). The local view rests on R0.7 and R3.3: a packet from the
// internet to the interface, and its response, meet only the interface's
// security groups, its subnet's NACL and route table.
func TestLocalViewIsExact(t *testing.T) {
	nets := map[string]*network.Network{"synth-30": loadEstate(t, estateDir(t, 30))}
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
	for name, n := range nets {
		s := New(n)
		local := 0
		for _, e := range s.exposed() {
			v, ok := s.localView(e)
			if !ok {
				continue
			}
			local++
			self := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: e.M.PrimaryIP(), Name: e.M.ID, Ephemeral: Ephemeral(n, e)}
			got, err := s.scan(self, To, PeerKinds{Internet: true}, v)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.Scan(self, To, PeerKinds{Internet: true})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Entries, want.Entries) {
				t.Errorf("%s %s: local view\n%v\nglobal view\n%v", name, e.M.ID, got.Entries, want.Entries)
				continue
			}
			gs, err1 := got.Flows()
			ws, err2 := want.Flows()
			if err1 != nil || err2 != nil || !gs.Equal(ws) {
				t.Errorf("%s %s: the sets differ (%v, %v)", name, e.M.ID, err1, err2)
			}
		}
		t.Logf("%s: %d of %d exposure candidates use a local view", name, local, len(s.exposed()))
	}
}

// TestExceptRendering: when "every host except a few ranges" is the shorter
// answer the entry says so, and it is exact: a host inside an excepted range
// cannot open the connection, the first host of the entry's internet can.
func TestExceptRendering(t *testing.T) {
	n := loadEstate(t, estateDir(t, 30))
	s := New(n)
	ex, _, err := s.InternetExposure()
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, x := range ex {
		e := n.ENIs[x.ENI]
		for _, en := range x.Entries {
			if len(en.Except) == 0 || en.Proto != "tcp" {
				continue
			}
			port, err := strconv.Atoi(strings.FieldsFunc(en.Ports, func(r rune) bool { return r == ',' || r == '-' })[0])
			if err != nil {
				t.Fatal(err)
			}
			ask := func(src netip.Addr) bool {
				self := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: e.M.PrimaryIP(), Name: e.M.ID, Ephemeral: Ephemeral(n, e)}
				from := reach.Endpoint{Kind: reach.AtInternet, IP: src, Ephemeral: reach.EphemeralLinux}
				self.IP = reach.PublicDst(n, from, self)
				return reach.Ask(n, reach.Question{Src: from, Dst: self, Proto: model.ProtoTCP, DstPort: uint16(port)}).Reachable()
			}
			for _, c := range en.Except {
				if p := netip.MustParsePrefix(c); ask(p.Addr().Next()) {
					t.Errorf("%s: %s says except %s, but %s reaches it on tcp %d", x.ENI, en, c, p.Addr().Next(), port)
				}
			}
			if !ask(netip.MustParseAddr("1.0.0.1")) {
				t.Errorf("%s: %s, but 1.0.0.1 does not reach it on tcp %d", x.ENI, en, port)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("no entry of synth-30 uses the except form")
	}
	t.Logf("%d entries with except checked", checked)
}
