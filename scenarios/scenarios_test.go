package scenarios

import (
	"net/netip"
	"os"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
)

// loadAll loads files and runs Derive and Validate as the loader does.
func loadAll(t *testing.T, files map[string]string, order ...string) (*model.Snapshot, model.Diagnostics) {
	t.Helper()
	s := model.New()
	var ds model.Diagnostics
	for _, name := range order {
		one, d, err := Load(name, []byte(files[name]))
		ds.Append(d)
		if err != nil {
			t.Fatalf("%s rejected: %v\n%v", name, err, d)
		}
		s.Merge(one)
	}
	ds.Append(model.Derive(s))
	ds.Append(model.Validate(s))
	return s, ds
}

func errorsOf(ds model.Diagnostics, sev model.Severity) []string {
	var out []string
	for _, d := range ds {
		if d.Severity >= sev {
			out = append(out, d.String())
		}
	}
	return out
}

func TestLoadErrors(t *testing.T) {
	const head = "netverify: v1\nvpcs:\n  - {name: app, cidr: 10.0.0.0/16}\n"
	tests := []struct {
		name, yaml string
		want       []string // "line: substring"
	}{
		{"syntax", "netverify: v1\nvpcs:\n  - name: app\n   cidr: 10.0.0.0/16\n", []string{"s.yaml:4: error: YAML syntax error: did not find expected '-' indicator (in the block that starts on line 2)"}},
		{"not a scenario", "vpcs: []\n", []string{"s.yaml:1:1: error: not a netverify scenario"}},
		{"version", "netverify: v9\n", []string{"s.yaml:1:12: error: netverify: version \"v9\" is not supported"}},
		{"unknown field with suggestion", head + "subnets:\n  - {name: a, vpc: app, cidr: 10.0.1.0/24, routeTabel: x}\n",
			[]string{`s.yaml:5:44: error: subnets[0]: unknown field "routeTabel"; did you mean "routeTable"?`}},
		{"unknown top-level key", "netverify: v1\nvpc: []\n", []string{`s.yaml:2:1: error: scenario: unknown field "vpc"; did you mean "vpcs"?`}},
		{"AWS spelling of a field", head + "routeTables:\n  - {name: r, vpc: app, routes: [{destination: 0.0.0.0/0, target: local}]}\n",
			[]string{`s.yaml:5:35: error: routeTables[0].routes[0]: unknown field "destination"; did you mean "dest"?`, `s.yaml:5:34: error: dest is missing: it needs a CIDR block`}},
		{"wrong type bool", head + "subnets:\n  - {name: a, vpc: app, cidr: 10.0.1.0/24, mapPublicIpOnLaunch: maybe}\n",
			[]string{`s.yaml:5:65: error: subnets[0].mapPublicIpOnLaunch must be true or false, not "maybe"`}},
		{"wrong type list", "netverify: v1\nvpcs: {name: app}\n", []string{"s.yaml:2:7: error: vpcs must be a list"}},
		{"wrong type int", head + "networkAcls:\n  - {name: n, vpc: app, entries: [{rule: first, action: allow, cidr: 0.0.0.0/0}]}\n",
			[]string{`s.yaml:5:42: error: networkAcls[0].entries[0].rule must be a whole number, not "first"`}},
		{"bad CIDR (R1.12)", "netverify: v1\nvpcs:\n  - name: app\n    cidr: 10.0.0.0/33\n", []string{`s.yaml:4:11: error: cidr: "10.0.0.0/33" is not a CIDR block`}},
		{"host bits", "netverify: v1\nvpcs:\n  - name: app\n    cidr: 10.0.0.1/16\n", []string{`s.yaml:4:11: error: cidr: "10.0.0.1/16" has host bits set; the network is 10.0.0.0/16`}},
		{"bad IP", head + "instances:\n  - {name: web, subnet: a, ip: 10.0.1.300}\n", []string{`s.yaml:5:32: error: ip: "10.0.1.300" is not an IP address`}},
		{"bad port", head + "securityGroups:\n  - name: web\n    vpc: app\n    ingress:\n      - {proto: tcp, ports: 65536, cidr: 0.0.0.0/0}\n",
			[]string{`s.yaml:8:29: error: ports: "65536" is not a port or port range`}},
		{"bad port range", head + "securityGroups:\n  - {name: web, vpc: app, ingress: [{ports: \"443-80\", cidr: 0.0.0.0/0}]}\n",
			[]string{`error: ports: "443-80" is not a port or port range`}},
		{"bad protocol", head + "securityGroups:\n  - {name: web, vpc: app, ingress: [{proto: tpc, ports: 443, cidr: 0.0.0.0/0}]}\n",
			[]string{`s.yaml:5:45: error: proto: unknown protocol "tpc"`}},
		{"NACL rule number (R2.11)", head + "networkAcls:\n  - {name: n, vpc: app, entries: [{rule: 40000, action: allow, cidr: 0.0.0.0/0}]}\n",
			[]string{"s.yaml:5:42: error: rule: 40000 is not a rule number (1-32766, R2.11)"}},
		{"SG rule with two peers (R2.4)", head + "securityGroups:\n  - {name: web, vpc: app, ingress: [{ports: 443, cidr: 0.0.0.0/0, group: web}]}\n",
			[]string{"s.yaml:5:37: error: a security group rule needs exactly one of cidr, prefixList and group (R2.4)"}},
		{"duplicate id", head + "  - {id: vpc-app, cidr: 10.1.0.0/16}\n", []string{`s.yaml:4:10: error: duplicate id "vpc-app": already defined on line 3`}},
		{"duplicate key", "netverify: v1\nvpcs:\n  - name: app\n    cidr: 10.0.0.0/16\n    cidr: 10.1.0.0/16\n", []string{`s.yaml:5:5: error: vpcs[0]: key "cidr" appears twice (first on line 4)`}},
		{"no id or name", "netverify: v1\nvpcs:\n  - cidr: 10.0.0.0/16\n", []string{"s.yaml:3:5: error: this vpc needs an id or a name"}},
		{"route target of unknown kind", head + "routeTables:\n  - {name: rt, vpc: app, routes: [{dest: 0.0.0.0/0, target: gateway}]}\n",
			[]string{`s.yaml:5:61: error: target: "gateway" is neither a resource of this file nor an ID`}},
		{"zone file syntax", "netverify: v1\nsites: [{name: dc, cidrs: [192.168.0.0/16]}]\ndnsServers:\n  - name: dns\n    site: dc\n    ip: 192.168.0.2\n    zones:\n      - origin: corp.example.com\n        text: |\n          www IN A 192.168.0.9\n          db  IN A 192.168.0.999\n",
			[]string{`s.yaml:11: error: zone corp.example.com: bad A A: "192.168.0.999"`}},
		{"every problem reported", "netverify: v1\nvpcs:\n  - {name: a, cidr: x}\n  - {name: b, cidr: y, colour: red}\n",
			[]string{`s.yaml:3:21: error: cidr: "x"`, `s.yaml:4:24: error: vpcs[1]: unknown field "colour"`, `s.yaml:4:21: error: cidr: "y"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ds, err := Load("s.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("accepted; diagnostics: %v", ds)
			}
			got := strings.Join(errorsOf(ds, model.SevError), "\n")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in\n%s", w, got)
				}
			}
		})
	}
}

func TestDanglingReferenceIsAnError(t *testing.T) {
	files := map[string]string{"s.yaml": "netverify: v1\nvpcs:\n  - {name: app, cidr: 10.0.0.0/16}\nsubnets:\n  - name: a\n    vpc: ap\n    cidr: 10.0.1.0/24\n"}
	_, ds := loadAll(t, files, "s.yaml")
	got := errorsOf(ds, model.SevError)
	want := `s.yaml:5:5: error: subnet subnet-a: vpc refers to vpc "ap", which is not in the snapshot`
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestCompleteRoundTrip loads a scenario with every kind of resource and checks
// that each kind arrives, with positions, and that the whole validates.
func TestCompleteRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/complete.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, ds := loadAll(t, map[string]string{"complete.yaml": string(data)}, "complete.yaml")
	if errs := errorsOf(ds, model.SevWarning); len(errs) > 0 {
		t.Errorf("unexpected diagnostics:\n%s", strings.Join(errs, "\n"))
	}
	counts := s.Count()
	for _, k := range model.Kinds {
		if counts[k.Name] == 0 {
			t.Errorf("no %s in the snapshot", k.Name)
		}
		for _, r := range k.List(s) {
			if m := r.Base(); m.Source.File != "complete.yaml" || m.Source.Line == 0 {
				t.Errorf("%s %s has no source line: %+v", k.Name, m.ID, m.Source)
			}
		}
	}
	if len(s.Intents) != 4 || s.Intents[0].Source.Line == 0 {
		t.Errorf("intents: %+v", s.Intents)
	}
	ix := model.NewIndex(s)
	checks := []struct {
		name string
		ok   bool
	}{
		{"IDs derived from names", has[*model.VPC](ix, "vpc-main")},
		{"route target kind from the referenced resource (R1.11)", routeTarget(s, "rtb-app-rt", "10.8.0.0/16") == "instance i-fw"},
		{"route to a GWLB endpoint is not a gateway endpoint", routeTarget(s, "rtb-app-rt", "corp-pl") == "eni eni-appliance"},
		{"prefix-list destination", routeTarget(s, "rtb-app-rt", "pl-corp-pl") == "eni eni-appliance"},
		{"subnet shorthand association", assoc(s, "rtb-app-rt", "subnet-app")},
		{"instance ENI with public IP", eniIP(ix, "eni-fw") == "10.0.1.50/203.0.113.50"},
		{"SG without egress key allows all out (R2.2)", len(sg(ix, "sg-bastion").Egress) == 1},
		{"SG with egress: [] allows nothing out", len(sg(ix, "sg-app").Egress) == 0},
		{"cross-account group reference (R2.6)", sg(ix, "sg-app").Ingress[3].Group.Account == "222222222222"},
		{"record names relative to the zone", zoneHas(s, "db.internal.example.com")},
		{"interface endpoint private DNS defaults on (R7.12)", endpoint(ix, "vpce-sts").PrivateDNSEnabled},
		{"short service names expand", endpoint(ix, "vpce-s3").ServiceName == "com.amazonaws.eu-west-1.s3"},
		{"forward rule with port", s.ResolverRules[0].Targets[1].Port == 5353},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: failed", c.name)
		}
	}
}

func has[T model.Resource](ix *model.Index, id string) bool {
	_, ok := model.Lookup[T](ix, id)
	return ok
}

func routeTarget(s *model.Snapshot, rt, dest string) string {
	for _, t := range s.RouteTables {
		for _, r := range t.Routes {
			if t.ID == rt && (r.Destination.String() == dest || r.DestPrefixList == dest || r.DestPrefixList == "pl-"+dest) {
				return r.Target.Kind.String() + " " + r.Target.ID
			}
		}
	}
	return ""
}

func assoc(s *model.Snapshot, rt, subnet string) bool {
	for _, t := range s.RouteTables {
		for _, a := range t.Associations {
			if t.ID == rt && a.Subnet == subnet {
				return true
			}
		}
	}
	return false
}

func eniIP(ix *model.Index, id string) string {
	e, ok := model.Lookup[*model.ENI](ix, id)
	if !ok || len(e.PublicIPs) == 0 {
		return ""
	}
	return e.PrimaryIP().String() + "/" + e.PublicIPs[0].PublicIP.String()
}

func sg(ix *model.Index, id string) *model.SecurityGroup {
	g, _ := model.Lookup[*model.SecurityGroup](ix, id)
	if g == nil {
		return &model.SecurityGroup{}
	}
	return g
}

func endpoint(ix *model.Index, id string) *model.VPCEndpoint {
	e, _ := model.Lookup[*model.VPCEndpoint](ix, id)
	if e == nil {
		return &model.VPCEndpoint{}
	}
	return e
}

func zoneHas(s *model.Snapshot, name string) bool {
	for _, z := range s.HostedZones {
		for _, r := range z.Records {
			if r.Name == name {
				return true
			}
		}
	}
	return false
}

// TestOverlay lays a scenario holding only sites, DNS servers, clients and
// intents over an imported snapshot, referring to imported IDs and names.
func TestOverlay(t *testing.T) {
	imported := model.New()
	src := model.Source{API: "ec2:DescribeVpcs"}
	imported.VPCs = []*model.VPC{{Meta: model.Meta{ID: "vpc-0imported", Source: src}, CIDRs: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/16")}}}
	imported.Subnets = []*model.Subnet{{Meta: model.Meta{ID: "subnet-0imported", Name: "imported-app-subnet", Source: src}, VPC: "vpc-0imported", CIDR: netip.MustParsePrefix("10.0.1.0/24")}}
	imported.CustomerGateways = []*model.CustomerGateway{{Meta: model.Meta{ID: "cgw-0imported", Source: src}}}
	imported.VPNConnections = []*model.VPNConnection{{Meta: model.Meta{ID: "vpn-0imported0000001", Source: src}, CustomerGateway: "cgw-0imported"}}
	data, err := os.ReadFile("testdata/overlay.yaml")
	if err != nil {
		t.Fatal(err)
	}
	over, ds, err := Load("overlay.yaml", data)
	if err != nil {
		t.Fatalf("%v: %v", err, ds)
	}
	imported.Merge(over)
	ds.Append(model.Derive(imported))
	ds.Append(model.Validate(imported))
	if errs := errorsOf(ds, model.SevWarning); len(errs) > 0 {
		t.Errorf("overlay diagnostics:\n%s", strings.Join(errs, "\n"))
	}
	if loc := imported.Clients[1].Location; loc != "subnet-0imported" {
		t.Errorf("client location by imported name resolved to %q, want subnet-0imported", loc)
	}
	if l := imported.Sites[0].Links[0]; l.Kind != "vpn" || l.Ref != "vpn-0imported0000001" {
		t.Errorf("site link %+v", l)
	}
	if len(imported.Intents) != 1 || imported.Intents[0].To != "i-0imported000web" {
		t.Errorf("intents %+v", imported.Intents)
	}
}

// TestExamplesLoadCleanly: every built-in example loads, derives and
// validates without an error or warning, and states expected answers.
func TestExamplesLoadCleanly(t *testing.T) {
	exs := Examples()
	if len(exs) < 6 || exs[0].Name != DefaultExample {
		t.Fatalf("want at least 6 examples with %s first, got %+v", DefaultExample, exs)
	}
	for _, e := range exs {
		t.Run(e.Name, func(t *testing.T) {
			s, ds, err := LoadExample(e.Name)
			if err != nil {
				t.Fatalf("%v\n%v", err, ds)
			}
			ds.Append(model.Derive(s))
			ds.Append(model.Validate(s))
			if errs := errorsOf(ds, model.SevWarning); len(errs) > 0 {
				t.Errorf("diagnostics:\n%s", strings.Join(errs, "\n"))
			}
			if e.Scenario == "" || e.Title == "" || e.Description == "" || len(s.Intents) == 0 {
				t.Errorf("example %s needs a title, scenario, description and intents", e.Name)
			}
			for _, in := range s.Intents {
				if in.Source.File != "example:"+e.Name || len(in.Rules) == 0 {
					t.Errorf("intent %q: source %v, rules %v", in.Describe(), in.Source, in.Rules)
				}
			}
		})
	}
}

func TestServerlessHybridIsTheDesignNetwork(t *testing.T) {
	s, _, err := LoadExample(DefaultExample)
	if err != nil {
		t.Fatal(err)
	}
	model.Derive(s)
	ix := model.NewIndex(s)
	api, ok := model.Lookup[*model.RestAPI](ix, "private-api")
	if !ok || !api.Private() || !strings.Contains(api.Policy, "aws:SourceVpce") {
		t.Errorf("private-api: %+v", api)
	}
	if c, ok := model.Lookup[*model.Client](ix, "onprem"); !ok || c.IP.String() != "192.168.20.15" {
		t.Errorf("client onprem: %+v", c)
	}
	if n := len(s.PeeringConnections); n != 1 {
		t.Errorf("want one peering connection, got %d", n)
	}
}

func TestLoadExampleUnknown(t *testing.T) {
	_, _, err := LoadExample("nope")
	if err == nil || !strings.Contains(err.Error(), "serverless-hybrid") {
		t.Errorf("want an error listing the examples, got %v", err)
	}
}

func TestDetect(t *testing.T) {
	for in, want := range map[string]bool{
		"netverify: v1\n":                                       true,
		"# comment\nnetverify: v1\nvpcs: []":                    true,
		`{"netverify": "v1"}`:                                   true,
		"AWSTemplateFormatVersion: 2010-09-09\nResources: {}\n": false,
		`{"Vpcs": []}`:                                          false,
	} {
		if got := Detect([]byte(in)); got != want {
			t.Errorf("Detect(%q) = %v", in, got)
		}
	}
}

// TestCLIFixtures pins the exact first diagnostic of each fixture in
// testdata/scenarios, which the CLI tests expect.
func TestCLIFixtures(t *testing.T) {
	for file, want := range map[string]string{
		"bad-syntax.yaml":    "../testdata/scenarios/bad-syntax.yaml:7: error: YAML syntax error: did not find expected '-' indicator (in the block that starts on line 5)",
		"unknown-field.yaml": `../testdata/scenarios/unknown-field.yaml:7:5: error: vpcs[0]: unknown field "cdir"; did you mean "cidr"?`,
		"bad-cidr.yaml":      `../testdata/scenarios/bad-cidr.yaml:10:11: error: cidr: "10.0.1.0/33" is not a CIDR block (write it like 10.0.0.0/16)`,
	} {
		_, ds, err := LoadFile("../testdata/scenarios/" + file)
		if err == nil || len(ds) == 0 || ds[0].String() != want {
			t.Errorf("%s:\n got %v\nwant %s", file, ds, want)
		}
	}
	s, ds, err := LoadFile("../testdata/scenarios/dangling-ref.yaml")
	if err != nil {
		t.Fatalf("dangling-ref.yaml must load (the reference is checked after merging): %v", ds)
	}
	ds = model.Derive(s)
	ds.Append(model.Validate(s))
	want := `../testdata/scenarios/dangling-ref.yaml:12:5: error: instance i-web: network interface refers to network interface "eni-missing", which is not in the snapshot`
	if errs := errorsOf(ds, model.SevError); len(errs) != 1 || errs[0] != want {
		t.Errorf("dangling-ref.yaml:\n got %q\nwant %q", errs, want)
	}
}

// TestFormatDocExamples keeps FORMAT.md honest: its complete example loads,
// derives and validates cleanly; its overlay example loads.
func TestFormatDocExamples(t *testing.T) {
	data, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(data), "```yaml\n")[1:]
	if len(blocks) < 3 {
		t.Fatalf("FORMAT.md has %d yaml blocks", len(blocks))
	}
	for i, b := range blocks {
		text := strings.SplitN(b, "```", 2)[0]
		if !strings.HasPrefix(text, "netverify: v1") {
			text = "netverify: v1\n" + text
		}
		s, ds, err := Load("FORMAT.md", []byte(text))
		if err != nil {
			t.Errorf("block %d: %v\n%v", i, err, ds)
			continue
		}
		if i == 0 {
			ds = model.Derive(s)
			ds.Append(model.Validate(s))
			if errs := errorsOf(ds, model.SevWarning); len(errs) > 0 {
				t.Errorf("complete example: %v", errs)
			}
		}
	}
}
