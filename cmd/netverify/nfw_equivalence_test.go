package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// nfwFlows are the questions of the Network Firewall equivalence test and
// the verdicts the rules give for the inspection-VPC architecture.
var nfwFlows = []equivalenceQuestion{
	{"10.1.1.10", "8.8.8.8", "tcp", 443, "reachable", "R7.45: the domain allow-list passes TLS (on the Host/SNI condition); out by the zone's NAT gateway, back by the same endpoint (R7.40)"},
	{"10.1.1.10", "8.8.8.8", "tcp", 80, "reachable", "R7.45: HTTP on the same condition"},
	{"10.1.1.10", "8.8.8.8", "udp", 53, "reachable", "R7.44: Suricata pass udp 53 (sid 100)"},
	{"10.1.1.10", "8.8.8.8", "tcp", 22, "blocked", "R7.43: 5-tuple drop of TCP 22 (sid 1)"},
	{"10.1.1.10", "8.8.8.8", "tcp", 25, "blocked", "R7.42: strict order, drop_strict"},
	{"10.1.1.10", "8.8.8.8", "tcp", 8080, "unknown", "R7.44: sid 200 uses content"},
	{"10.1.1.10", "10.2.2.20", "tcp", 5432, "reachable", "R7.43, R5.9: east-west pass; appliance mode keeps the response on the request's endpoint"},
	{"10.1.1.10", "10.2.2.20", "tcp", 22, "blocked", "R7.43: the SSH drop applies east-west too"},
}

// TestEquivalenceNetworkFirewall (issue 20): the inspection-VPC architecture
// of testdata/netfw as a CloudFormation template, a Terraform state and a
// describe-JSON directory gives the same verdicts, explanation codes and
// hop kinds, and the same scan --from the spoke (protocols, ports, peers,
// the Host/SNI condition).
func TestEquivalenceNetworkFirewall(t *testing.T) {
	data, _ := filepath.Abs("../../testdata/netfw")
	flows := writeFlows(t, nfwFlows)
	forms := []string{"inspection-vpc.cfn.yaml", "inspection-vpc.tfstate.json", "inspection-vpc.describe"}
	answers := map[string][]equivalenceAnswer{}
	scans := map[string][]string{}
	for _, f := range forms {
		src := filepath.Join(data, f)
		answers[f] = nfwAsk(t, flows, src)
		if len(answers[f]) != len(nfwFlows) {
			t.Fatalf("%s: %d answers for %d flows", f, len(answers[f]), len(nfwFlows))
		}
		for i, q := range nfwFlows {
			if got := answers[f][i].Verdict; got != q.want {
				t.Errorf("%s: %s -> %s %s/%d = %s, want %s (%s)", f, q.src, q.dst, q.proto, q.port, got, q.want, q.why)
			}
		}
		scans[f] = nfwScan(t, src)
	}
	want := []string{"tcp 80,443 internet [0.0.0.0/0] (only for Host/SNI in [.example.com, api.github.com])", "udp 53 internet [0.0.0.0/0]", "tcp 5432 eni [10.2.2.20/32]"}
	for _, f := range forms {
		if d := cmp.Diff(want, scans[f]); d != "" {
			t.Errorf("%s: scan --from the spoke (-want +got):\n%s", f, d)
		}
		if d := cmp.Diff(answers[forms[0]], answers[f]); d != "" {
			t.Errorf("%s answers differ from the template's (-template +%s):\n%s", f, f, d)
		}
	}
}

func nfwAsk(t *testing.T, flows, src string) []equivalenceAnswer {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run([]string{"can-reach", "--flows", flows, "--in", src, "--json"}, &out, &errb); code > 2 {
		t.Fatalf("can-reach --in %s: exit %d\n%s", src, code, errb.String())
	}
	var got []equivalenceAnswer
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var a struct {
			Verdict      string `json:"verdict"`
			Forward      []struct{ Kind string }
			Return       []struct{ Kind string }
			Explanations []struct{ Code string }
		}
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("can-reach --in %s: %v in %s", src, err, line)
		}
		ea := equivalenceAnswer{Verdict: a.Verdict}
		for _, h := range a.Forward {
			ea.Forward = append(ea.Forward, h.Kind)
		}
		for _, h := range a.Return {
			ea.Return = append(ea.Return, h.Kind)
		}
		for _, e := range a.Explanations {
			ea.Codes = append(ea.Codes, e.Code)
		}
		got = append(got, ea)
	}
	return got
}

// nfwScan is scan --from the spoke instance, without the resource IDs.
func nfwScan(t *testing.T, src string) []string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run([]string{"scan", "--from", "10.1.1.10", "--in", src, "--json"}, &out, &errb); code != 0 {
		t.Fatalf("scan --in %s: exit %d\n%s", src, code, errb.String())
	}
	var res struct {
		Entries []struct {
			Proto, Ports, PeerKind, Via string
			CIDRs                       []string
		}
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Entries {
		s := e.Proto + " " + e.Ports + " " + e.PeerKind + " [" + strings.Join(e.CIDRs, ",") + "]"
		if i := strings.Index(e.Via, " ("); i >= 0 {
			s += e.Via[i:]
		}
		got = append(got, s)
	}
	return got
}
