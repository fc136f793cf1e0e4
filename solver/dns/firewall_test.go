package dns

import (
	"os"
	"slices"
	"strings"
	"testing"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
	"github.com/netverify/netverify/solver/network"
)

func loadFile(t testing.TB, path string) *Resolver {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, ds, err := scenarios.Load(path, data)
	if err != nil || ds.HasErrors() {
		t.Fatalf("%v\n%v", err, ds)
	}
	model.Derive(s)
	if ds := model.Validate(s); ds.Count(model.SevWarning)+ds.Count(model.SevError) > 0 {
		t.Fatalf("validation: %v", ds)
	}
	return New(network.Compile(s))
}

// TestDNSFirewall follows R10.41: the rule groups of a VPC (associated
// directly or through its Route 53 Profile) are evaluated by association
// priority, then rule priority; the first rule whose domain list holds the
// name decides. BLOCK answers NODATA, NXDOMAIN or an OVERRIDE CNAME (which
// the Resolver then resolves); ALLOW and ALERT let the query go on. The
// chain names the rule, the group and both priorities.
func TestDNSFirewall(t *testing.T) {
	r := loadFile(t, "testdata/firewall.yaml")
	tests := []struct {
		name  string
		rcode int
		addrs []string
		chain []string
	}{
		{"evil.example.net", mdns.RcodeSuccess, []string{"10.0.1.99"}, []string{
			"blocks: rule sinkhole-bad (priority 200) of rule group egress (rslvr-frg-egress) (priority 101, association rslvr-frgassoc-egress-app): BLOCK evil.example.net, answered with the OVERRIDE CNAME sinkhole.corp.internal [R10.41]",
			"chases: CNAME evil.example.net -> sinkhole.corp.internal"}},
		{"x.tracker.example", mdns.RcodeSuccess, []string{"10.0.1.99"}, []string{"rule sinkhole-bad (priority 200)"}},
		// a lower rule priority wins inside the group: ALLOW shadows the wildcard BLOCK
		{"ok.tracker.example", mdns.RcodeNameError, nil, []string{"allows: rule allow-good (priority 100) of rule group egress", "recurses to public DNS"}},
		{"gone.example.org", mdns.RcodeNameError, nil, []string{"rule nx-gone (priority 10) of rule group lz-guard (rslvr-frg-lz-guard) (priority 300, Route 53 Profile lz (rp-lz)): BLOCK gone.example.org, answered NXDOMAIN"}},
		{"quiet.example.org", mdns.RcodeSuccess, nil, []string{"rule quiet (priority 20)", "answered NODATA"}},
		{"loud.example.org", mdns.RcodeNameError, nil, []string{"alerts: rule watch-org (priority 30)", "goes through and is logged"}},
		{"db.corp.internal", mdns.RcodeSuccess, []string{"10.0.1.5"}, []string{"no rule of 2 rule groups matches db.corp.internal", "fail-closed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := resolve(t, r, "host", tt.name, mdns.TypeA)
			chain := chainText(res)
			if res.Rcode != tt.rcode || !slices.Equal(res.Addresses(), tt.addrs) {
				t.Fatalf("got %s %v, want %s %v\n%s", res.RcodeString(), res.Addresses(), mdns.RcodeToString[tt.rcode], tt.addrs, chain)
			}
			for _, want := range tt.chain {
				if !strings.Contains(chain, want) {
					t.Errorf("chain lacks %q:\n%s", want, chain)
				}
			}
		})
	}
}

// TestProfileZonesYieldToTheVPCsOwn follows R10.43 and R10.44: a private
// hosted zone bundled in the VPC's Route 53 Profile answers for the VPC, and
// the chain names the Profile; where the VPC has its own zone for the same
// domain, the VPC's own wins.
func TestProfileZonesYieldToTheVPCsOwn(t *testing.T) {
	r := loadFile(t, "testdata/firewall.yaml")
	res := resolve(t, r, "host", "db.corp.internal", mdns.TypeA)
	if got := res.Addresses(); !slices.Equal(got, []string{"10.0.1.5"}) {
		t.Fatalf("the VPC's own zone must win the tie, got %v\n%s", got, chainText(res))
	}
	res = resolve(t, r, "host", "sinkhole.corp.internal", mdns.TypeA)
	if !res.Resolved() {
		t.Fatalf("want an answer\n%s", chainText(res))
	}
}

// TestServeFirewallOverride: dns serve answers as resolve does, so a BLOCK
// rule with an OVERRIDE CNAME changes what a real client gets (R10.41).
func TestServeFirewallOverride(t *testing.T) {
	r := loadFile(t, "testdata/firewall.yaml")
	o, err := r.Origin("host")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := Listen("127.0.0.1:0", &Handler{R: r, Origin: o})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Shutdown()
	m := new(mdns.Msg)
	m.SetQuestion("evil.example.net.", mdns.TypeA)
	in, _, err := (&mdns.Client{Net: "udp"}).Exchange(m, srv.Addr)
	if err != nil {
		t.Fatal(err)
	}
	var cname, a string
	for _, rr := range in.Answer {
		switch x := rr.(type) {
		case *mdns.CNAME:
			cname = x.Target
		case *mdns.A:
			a = x.A.String()
		}
	}
	if cname != "sinkhole.corp.internal." || a != "10.0.1.99" {
		t.Fatalf("want CNAME sinkhole.corp.internal. and A 10.0.1.99, got %v", in.Answer)
	}
}

// TestProfileBundles follows R10.43: a Profile associated with a spoke VPC
// gives it a hub's interface endpoint private DNS and a Resolver rule, each
// named in the chain with the Profile; a bundled resource the input lacks is
// a warning on every answer, since it might decide it.
func TestProfileBundles(t *testing.T) {
	r := loadFile(t, "testdata/profiles.yaml")
	res := resolve(t, r, "host", "ssm.us-east-1.amazonaws.com", mdns.TypeA)
	chain := chainText(res)
	if !slices.Equal(res.Addresses(), []string{"10.1.1.10"}) || !strings.Contains(chain, "endpoint private DNS zone ssm.us-east-1.amazonaws.com of vpce-ssm from Route 53 Profile lz (rp-lz)") {
		t.Fatalf("want the hub endpoint's address through the Profile, got %v\n%s", res.Addresses(), chain)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "bundles hosted zone arn:aws:route53:::hostedzone/Z0NOTINTHEINPUT, which is not in the input") {
		t.Fatalf("want the missing zone as a warning, got %v", res.Warnings)
	}
	res = resolve(t, r, "host", "x.corp.example.com", mdns.TypeA)
	if chain := chainText(res); !strings.Contains(chain, "recursive rule corp (rslvr-rr-corp) (corp.example.com) from Route 53 Profile lz (rp-lz) matches") {
		t.Fatalf("want the Profile's rule in the chain:\n%s", chain)
	}
}
