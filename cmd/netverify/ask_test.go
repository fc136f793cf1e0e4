package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The question layer (issue 15): every command that takes endpoints resolves
// them the same way and gives the same verdict. estate.yaml is a
// CloudFormation template named by logical ID, Name tag and load balancer
// name; overlay.yaml lays an on-premises site over it by logical ID.
var askInputs = []string{"--in", "testdata/ask/estate.yaml", "--in", "testdata/ask/overlay.yaml"}

// askCase is one question; kind is the endpoint kind of each end (for the
// reader: the rows cover every kind a name can stand for).
type askCase struct {
	src, dst string
	port     int
	kinds    string
	want     string // verdict
}

var askCases = []askCase{
	{"Web", "internet", 443, "instance (logical ID) -> internet", "reachable"},                  // R3.6 through the NAT
	{"web-server", "Nat", 443, "instance (Name tag) -> NAT gateway", "blocked"},                 // R3.6: a NAT gateway accepts no connections
	{"internet", "orders-alb", 443, "internet -> load balancer (Name)", "reachable"},            // R8.10, R3.3
	{"internet", "OrdersAlb", 443, "internet -> load balancer (logical ID)", "reachable"},       // same
	{"8.8.8.8", "Web", 443, "internet address -> instance", "blocked"},                          // R3.3: no public address
	{"VpcFn", "s3", 443, "Lambda in a VPC -> AWS service", "reachable"},                         // R7.1 gateway endpoint
	{"vpc-fn", "8.8.8.8", 443, "Lambda (function name) -> internet address", "reachable"},       // R8.4, R3.6
	{"PublicFn", "Web", 8080, "Lambda outside any VPC -> instance", "blocked"},                  // R11.1
	{"10.70.1.10", "internet", 443, "interface address -> internet", "reachable"},               // R3.6
	{"laptop", "Web", 8080, "client -> instance", "blocked"},                                    // R6.3: no route back to the site
	{"corp", "app-private", 8080, "site -> subnet (Name tag)", "blocked"},                       // same
	{"onprem", "AppVpc", 8080, "onprem -> VPC (logical ID)", "blocked"},                         // same
	{"corp-dns", "PrivateSubnet", 8080, "DNS server -> subnet (logical ID)", "blocked"},         // same
	{"192.168.1.20", "10.70.1.10", 8080, "on-premises address -> interface address", "blocked"}, // same
}

// TestEveryCommandAsksTheSame: can-reach, --flows, check, diagram --path and
// scan --to resolve every kind of endpoint alike and agree on the verdict.
func TestEveryCommandAsksTheSame(t *testing.T) {
	dir := t.TempDir()
	var flows strings.Builder
	flows.WriteString("src,dst,proto,port\n")
	var intents strings.Builder
	intents.WriteString("netverify: v1\nintents:\n")
	for _, c := range askCases {
		fmt.Fprintf(&flows, "%s,%s,tcp,%d\n", c.src, c.dst, c.port)
		fmt.Fprintf(&intents, "  - {kind: can-reach, from: %q, to: %q, proto: tcp, port: %d}\n", c.src, c.dst, c.port)
	}
	flowFile := filepath.Join(dir, "flows.csv")
	intentFile := filepath.Join(dir, "intents.yaml")
	must(t, os.WriteFile(flowFile, []byte(flows.String()), 0o644))
	must(t, os.WriteFile(intentFile, []byte(intents.String()), 0o644))

	batch := jsonLines(t, append([]string{"can-reach", "--flows", flowFile, "--json"}, askInputs...))
	checked := jsonLines(t, append([]string{"check", intentFile, "--json"}, askInputs...))
	if len(batch) != len(askCases) || len(checked) != len(askCases) {
		t.Fatalf("got %d --flows answers and %d intents for %d questions", len(batch), len(checked), len(askCases))
	}
	for i, c := range askCases {
		t.Run(c.src+"->"+c.dst, func(t *testing.T) {
			single := jsonLines(t, append([]string{"can-reach", c.src, c.dst, "--port", fmt.Sprint(c.port), "--json"}, askInputs...))
			got := map[string]string{
				"can-reach": single[len(single)-1]["verdict"].(string),
				"--flows":   batch[i]["verdict"].(string),
				"check":     strings.Fields(checked[i]["got"].(string))[0],
				"diagram":   diagramVerdict(t, dir, c),
			}
			if v, ok := scanVerdict(t, c); ok {
				got["scan --to"] = v
				t.Logf("scan --to %s: %s", c.dst, v)
			}
			for cmd, v := range got {
				if v != c.want {
					t.Errorf("%s (%s): %s answers %s, want %s", c.kinds, c, cmd, v, c.want)
				}
			}
		})
	}
}

func (c askCase) String() string { return fmt.Sprintf("%s -> %s tcp/%d", c.src, c.dst, c.port) }

// diagramVerdict draws the path and reads the verdict in the drawing's title.
func diagramVerdict(t *testing.T, dir string, c askCase) string {
	out := filepath.Join(dir, "path.dot")
	var o, e bytes.Buffer
	args := append([]string{"diagram", "--path", c.src, c.dst, "--port", fmt.Sprint(c.port), "--out", out}, askInputs...)
	if code := run(args, &o, &e); code != 0 {
		t.Fatalf("diagram --path %s %s: exit %d: %s", c.src, c.dst, code, e.String())
	}
	dot, err := os.ReadFile(out)
	must(t, err)
	m := regexp.MustCompile(`path [^"\\]*: (REACHABLE|BLOCKED|UNKNOWN)`).FindSubmatch(dot)
	if m == nil {
		t.Fatalf("diagram --path %s %s: no verdict in the title", c.src, c.dst)
	}
	return strings.ToLower(string(m[1]))
}

// TestNamesThatMatchNothingAreErrors: a typo is exit 2 with "did you mean"
// in every command that takes a name (issue 15 item 2); it is never taken
// for an AWS service or guessed.
func TestNamesThatMatchNothingAreErrors(t *testing.T) {
	dir := t.TempDir()
	flows := filepath.Join(dir, "flows.csv")
	must(t, os.WriteFile(flows, []byte("src,dst,proto,port\nWeb,internet,tcp,443\nlaptp,Web,tcp,443\n"), 0o644))
	intents := filepath.Join(dir, "intents.yaml")
	must(t, os.WriteFile(intents, []byte("netverify: v1\nintents:\n  - {kind: can-reach, from: laptop, to: Wbe, port: 443}\n"), 0o644))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"can-reach", "laptp", "Web", "--port", "443"}, `source: "laptp" names nothing.*did you mean "laptop"`},
		{[]string{"can-reach", "Web", "orders-alv", "--port", "443"}, `destination: "orders-alv" names nothing.*did you mean "orders-alb"`},
		{[]string{"can-reach", "--flows", flows}, `flows.csv:3: source: "laptp" names nothing.*did you mean "laptop"`},
		{[]string{"check", intents}, `intents.yaml:3:5: intent .*"Wbe" names nothing.*did you mean "Web"`},
		{[]string{"diagram", "--path", "Web", "internt", "--out", filepath.Join(dir, "x.svg")}, `--path: destination: "internt" names nothing.*did you mean "internet"`},
		{[]string{"diagram", "--focus", "AppVcp", "--out", filepath.Join(dir, "x.svg")}, `--focus: "AppVcp" names nothing.*did you mean "AppVpc"`},
		{[]string{"scan", "--to", "Wb"}, `"Wb" names nothing.*did you mean "Web"`},
		{[]string{"resolve", "s3.us-east-1.amazonaws.com", "--from", "laptp"}, `--from: "laptp" names nothing.*did you mean "laptop"`},
		{[]string{"can-reach", "internet", "web-1", "--port", "22"}, `"web-1" names nothing in the snapshot`},
	} {
		var o, e bytes.Buffer
		code := run(append(tc.args, askInputs...), &o, &e)
		if code != 2 || !regexp.MustCompile(tc.want).MatchString(e.String()) {
			t.Errorf("%s: exit %d, stderr %q; want exit 2 and %s", strings.Join(tc.args, " "), code, e.String(), tc.want)
		}
	}
}

// TestViaTakesEveryName: an intent's via: list names components as any
// endpoint is named: logical ID, Name tag or ID (issue 15).
func TestViaTakesEveryName(t *testing.T) {
	dir := t.TempDir()
	intents := filepath.Join(dir, "intents.yaml")
	must(t, os.WriteFile(intents, []byte(`netverify: v1
intents:
  - {kind: can-reach, from: VpcFn, to: s3, port: 443, via: [S3Endpoint, PrivateRt], rules: [R7.1]}
  - {kind: can-reach, from: Web, to: 93.184.215.14, port: 443, via: [Nat, Igw], rules: [R3.6]}
`), 0o644))
	var o, e bytes.Buffer
	if code := run(append([]string{"check", intents}, askInputs...), &o, &e); code != 0 {
		t.Fatalf("check: exit %d\n%s%s", code, o.String(), e.String())
	}
	// A component the path does not cross fails the intent.
	must(t, os.WriteFile(intents, []byte("netverify: v1\nintents:\n  - {kind: can-reach, from: VpcFn, to: s3, port: 443, via: [Nat]}\n"), 0o644))
	o.Reset()
	if code := run(append([]string{"check", intents}, askInputs...), &o, &e); code != 1 || !strings.Contains(o.String(), "the path does not cross Nat") {
		t.Fatalf("check via [Nat] on the endpoint path: exit %d\n%s", code, o.String())
	}
}

// TestSameTemplateAnywhereSameIDs: the same template at two paths, under two
// names, gives identical answers and IDs (issue 15 item 4): placeholders
// hash the logical ID and the stack name, which defaults to a hash of the
// content, never the file's path or name.
func TestSameTemplateAnywhereSameIDs(t *testing.T) {
	data, err := os.ReadFile("testdata/ask/estate.yaml")
	must(t, err)
	a := filepath.Join(t.TempDir(), "one", "estate.yaml")
	b := filepath.Join(t.TempDir(), "network-copy.yml")
	must(t, os.MkdirAll(filepath.Dir(a), 0o755))
	must(t, os.WriteFile(a, data, 0o644))
	must(t, os.WriteFile(b, data, 0o644))
	answer := func(path string) string {
		var o, e bytes.Buffer
		run([]string{"can-reach", "internet", "OrdersAlb", "--port", "443", "--in", path, "--json"}, &o, &e)
		return o.String()
	}
	if x, y := answer(a), answer(b); x != y || !strings.Contains(x, `"verdict":"reachable"`) {
		t.Errorf("the same template at two paths answers differently:\n%s\n%s", x, y)
	}
	// A different stack name (another deployment of the template) gets other IDs.
	var o, e bytes.Buffer
	run([]string{"can-reach", "internet", "OrdersAlb", "--port", "443", "--in", a, "--param", "AWS::StackName=prod", "--json"}, &o, &e)
	if o.String() == answer(a) {
		t.Errorf("--param AWS::StackName=prod gives the same IDs as the default stack")
	}
}

// scanVerdict asks scan --to DST and reads whether the source's address is
// among what reaches it on the port; ok is false when the destination is
// no scan end (a service, an API).
func scanVerdict(t *testing.T, c askCase) (string, bool) {
	var o, e bytes.Buffer
	run(append([]string{"can-reach", c.src, c.dst, "--port", fmt.Sprint(c.port)}, askInputs...), &o, &e)
	m := regexp.MustCompile(`tcp ([0-9a-f.:]+):\d+ -> ([0-9a-f.:]+):\d+`).FindStringSubmatch(o.String())
	if m == nil {
		return "", false
	}
	src := netip.MustParseAddr(m[1])
	o.Reset()
	if code := run(append([]string{"scan", "--to", c.dst, "--json"}, askInputs...), &o, &e); code != 0 {
		return "", false
	}
	var r struct {
		Entries []struct {
			Proto, Ports string
			Cidrs        []string
		}
	}
	must(t, json.Unmarshal(o.Bytes(), &r))
	for _, en := range r.Entries {
		if en.Proto == "tcp" && portsHold(en.Ports, c.port) && cidrsHold(en.Cidrs, src) {
			return "reachable", true
		}
	}
	return "blocked", true
}

func portsHold(ports string, port int) bool {
	for _, p := range strings.Split(ports, ",") {
		if p == "all" {
			return true
		}
		lo, hi, isRange := strings.Cut(p, "-")
		if !isRange {
			hi = lo
		}
		var a, b int
		fmt.Sscan(lo, &a)
		fmt.Sscan(hi, &b)
		if a <= port && port <= b {
			return true
		}
	}
	return false
}

func cidrsHold(cidrs []string, ip netip.Addr) bool {
	for _, c := range cidrs {
		if p, err := netip.ParsePrefix(c); err == nil && p.Contains(ip) {
			return true
		}
	}
	return false
}

func jsonLines(t *testing.T, args []string) []map[string]any {
	t.Helper()
	var o, e bytes.Buffer
	if code := run(args, &o, &e); code == 2 {
		t.Fatalf("%s: exit 2: %s", strings.Join(args, " "), e.String())
	}
	var out []map[string]any
	dec := json.NewDecoder(&o)
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("%s: %v", strings.Join(args, " "), err)
		}
		out = append(out, m)
	}
	return out
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestConditionsOfIntents (issue 18): an intent can forbid stated conditions
// (conditions: [none]) or require them by a part of their text.
func TestConditionsOfIntents(t *testing.T) {
	iam := []string{"the request is signed with Signature Version 4 by a principal ... (AWS_IAM, R9.17)"}
	for _, tc := range []struct {
		got, want []string
		ok        bool
	}{
		{nil, nil, true},
		{iam, nil, true},
		{nil, []string{"none"}, true},
		{iam, []string{"none"}, false},
		{iam, []string{"AWS_IAM"}, true},
		{iam, []string{"API key"}, false},
	} {
		if bad := conditionsMismatch(tc.got, tc.want); (bad == "") != tc.ok {
			t.Errorf("conditions %q against %q: %q, want ok=%v", tc.got, tc.want, bad, tc.ok)
		}
	}
}
