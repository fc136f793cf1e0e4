package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/netverify/netverify/internal/testcorpus"
	"github.com/netverify/netverify/solver/diff"
)

// copyDir copies a describe-JSON directory into a fresh temporary one.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// editJSON rewrites one JSON file through fn.
func editJSON(t *testing.T, path string, fn func(doc map[string]any)) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	fn(doc)
	out, _ := json.MarshalIndent(doc, "", " ")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

func each(doc map[string]any, list, idKey, id string, fn func(m map[string]any)) {
	for _, x := range doc[list].([]any) {
		if m := x.(map[string]any); m[idKey] == id {
			fn(m)
		}
	}
}

func runDrift(t *testing.T, args ...string) (int, diff.Report, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"drift", "--json"}, args...), &out, &errb)
	var r diff.Report
	if code != 2 {
		if err := json.Unmarshal(out.Bytes(), &r); err != nil {
			t.Fatalf("drift --json: %v\n%s\n%s", err, out.String(), errb.String())
		}
	}
	var text bytes.Buffer
	run(append([]string{"drift"}, args...), &text, &errb)
	return code, r, text.String()
}

// TestDriftLab is issue 9's acceptance: a lab snapshot with one route
// removed, one SG rule added and one NACL entry changed shows exactly those
// three changes and the flows each opens or closes (R1.3, R2.4, R2.11).
func TestDriftLab(t *testing.T) {
	lab := testcorpus.Dir(t, "batfish", "lab-validation", "aws_instance_multiple_interface", "aws_configs")
	live := copyDir(t, lab)
	region := filepath.Join(live, "us-east-1")
	editJSON(t, filepath.Join(region, "RouteTables.json"), func(d map[string]any) {
		each(d, "RouteTables", "RouteTableId", "rtb-0f6ec10a55bbd7b15", func(rt map[string]any) {
			var keep []any
			for _, r := range rt["Routes"].([]any) {
				if r.(map[string]any)["DestinationCidrBlock"] != "0.0.0.0/0" {
					keep = append(keep, r)
				}
			}
			rt["Routes"] = keep
		})
	})
	editJSON(t, filepath.Join(region, "SecurityGroups.json"), func(d map[string]any) {
		each(d, "SecurityGroups", "GroupId", "sg-0f11a6991a5be2876", func(g map[string]any) {
			g["IpPermissions"] = append(g["IpPermissions"].([]any), map[string]any{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
				"IpRanges": []any{map[string]any{"CidrIp": "10.1.0.0/16"}}})
		})
	})
	editJSON(t, filepath.Join(region, "NetworkAcls.json"), func(d map[string]any) {
		each(d, "NetworkAcls", "NetworkAclId", "acl-09398beb712bdfe28", func(a map[string]any) {
			for _, e := range a["Entries"].([]any) {
				if m := e.(map[string]any); m["Egress"] == false && m["RuleNumber"] == 1000.0 {
					m["CidrBlock"] = "10.0.0.0/8"
				}
			}
		})
	})
	code, r, text := runDrift(t, "--intended", lab, "--live", live)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, text)
	}
	want := map[string]string{
		"route-table rtb-0f6ec10a55bbd7b15":   "route removed: 0.0.0.0/0 → igw-05da9373aed0613a3",
		"security-group sg-0f11a6991a5be2876": "ingress rule added: tcp 443 from 10.1.0.0/16",
		"network-acl acl-09398beb712bdfe28":   "inbound rule 1000 entry changed: allow all from 0.0.0.0/0 → allow all from 10.0.0.0/8",
	}
	if len(r.Changes) != len(want) {
		t.Fatalf("got %d changes, want 3:\n%s", len(r.Changes), text)
	}
	for _, c := range r.Changes {
		key := c.Kind + " " + c.ID
		if len(c.Details) != 1 || c.Details[0] != want[key] {
			t.Errorf("%s: details %q, want [%q]", key, c.Details, want[key])
		}
		if len(c.Flows) == 0 {
			t.Errorf("%s: no flows attributed", key)
		}
	}
	for _, line := range []string{
		// The new SG rule opens HTTPS from the public subnets to the private instance.
		`opened: tcp 443 from i-0cc2470f413d13688 \(eni-0701d12b43def7372\) 10\.1\.1\.100 to i-0a2abe215d2e2720f \(eni-099e949cf7da4cadd\) 10\.1\.102\.102: blocked → reachable\n`,
		// Either the route removal or the NACL change alone closes SSH from
		// the internet (R0.4), from every internet host: a response to a host
		// inside an AWS service range (the S3 prefix list) is delivered like
		// any other; only new connections to the service meet its ports.
		`closed: tcp 22 from internet 0\.0\.0\.0/0 to i-0cc2470f413d13688 \(eni-0701d12b43def7372\) 10\.1\.1\.100: reachable → blocked \(also by network-acl acl-09398beb712bdfe28 alone\)\n`,
		// Outbound to the internet closes except where the S3 prefix-list
		// route still leads (the gateway endpoint, R7.1); said the short way.
		`closed: tcp all from i-0cc2470f413d13688 \(eni-0701d12b43def7372\) 10\.1\.1\.100 to internet 0\.0\.0\.0/0 except 3\.5\.0\.0/20,3\.5\.16\.0/21,52\.94\.0\.0/22,52\.119\.224\.0/20,52\.216\.0\.0/15,54\.231\.0\.0/17: reachable → blocked`,
		`closed: tcp 22 from internet 0\.0\.0\.0/0 to i-0cc2470f413d13688 \(eni-0701d12b43def7372\) 10\.1\.1\.100: reachable → blocked \(also by route-table rtb-0f6ec10a55bbd7b15 alone\)\n`,
	} {
		if !regexp.MustCompile(line).MatchString(text) {
			t.Errorf("missing %s in:\n%s", line, text)
		}
	}
	for _, c := range r.Changes {
		if c.Kind == "security-group" {
			for _, f := range c.Flows {
				if f.Effect != "opened" || f.Proto != "tcp" || f.Ports != "443" || !strings.Contains(f.Dst, "eni-099e949cf7da4cadd") {
					t.Errorf("SG rule flow %s: want only tcp 443 to eni-099e949cf7da4cadd opened", f)
				}
			}
		}
	}
}

// TestDriftTemplate: a CloudFormation template against a describe-JSON
// rendering of its deployment has no drift (IDs matched by logical ID and
// structural keys); changing one rule shows exactly that rule.
func TestDriftTemplate(t *testing.T) {
	tmpl := filepath.Join(testcorpus.Dir(t, "iac", "serverless-patterns", "lambda-vpc-secrets-sls", "serverless-resources"), "vpc.yaml")
	fixture := filepath.Join("..", "..", "testdata", "drift", "lambda-vpc-secrets")
	code, r, text := runDrift(t, "--intended", tmpl, "--live", fixture)
	if code != 0 || r.Drift {
		t.Fatalf("exit %d, want 0 (no drift):\n%s", code, text)
	}
	live := copyDir(t, fixture)
	editJSON(t, filepath.Join(live, "us-east-1", "SecurityGroups.json"), func(d map[string]any) {
		each(d, "SecurityGroups", "GroupId", "sg-0a1b2c3d4e5f60751", func(g map[string]any) {
			g["IpPermissions"].([]any)[0].(map[string]any)["FromPort"] = 0.0
			g["IpPermissions"].([]any)[0].(map[string]any)["ToPort"] = 65535.0
		})
	})
	code, r, text = runDrift(t, "--intended", tmpl, "--live", live)
	if code != 1 || len(r.Changes) != 1 {
		t.Fatalf("exit %d with %d changes, want 1 and 1:\n%s", code, len(r.Changes), text)
	}
	c := r.Changes[0]
	wantDetails := []string{"ingress rule added: tcp all from sg-0a1b2c3d4e5f60752", "ingress rule removed: tcp 443 from sg-0a1b2c3d4e5f60752"}
	if c.ID != "sg-0a1b2c3d4e5f60751" || c.MatchedBy != "logical-id" || strings.Join(c.Details, "|") != strings.Join(wantDetails, "|") {
		t.Errorf("change %s matched by %s: %q, want %q", c.ID, c.MatchedBy, c.Details, wantDetails)
	}
}

// TestDriftUsage: missing sources are usage errors (exit 2).
func TestDriftUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"drift", "--intended", "x"}, &out, &errb); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if code := run([]string{"drift", "--intended", "/nonexistent", "--live", "/nonexistent"}, &out, &errb); code != 2 {
		t.Errorf("missing input: exit %d, want 2", code)
	}
}

// TestDriftTGWPeering (issue 22): a route removed towards a peered transit
// gateway (vpc-0b8be05eff6c69690's 10.2.0.0/16 -> tgw-0cacbf5ed9fe034e7,
// which reaches 10.2.0.0/16 only over its peering with tgw-074cc11880f74d29a
// in us-east-2) closes the flows to the instance there, as can-reach says.
// drift used to recheck only the VPCs attached to the same transit gateway
// and reported "no flow opened or closed".
func TestDriftTGWPeering(t *testing.T) {
	lab := testcorpus.Dir(t, "batfish", "lab-validation", "aws_tgw_peering", "aws_configs")
	live := copyDir(t, lab)
	editJSON(t, filepath.Join(live, "accounts", "028403472736", "us-east-1", "RouteTables.json"), func(d map[string]any) {
		each(d, "RouteTables", "RouteTableId", "rtb-0d49a7621d86138cd", func(rt map[string]any) {
			var keep []any
			for _, r := range rt["Routes"].([]any) {
				if r.(map[string]any)["DestinationCidrBlock"] != "10.2.0.0/16" {
					keep = append(keep, r)
				}
			}
			rt["Routes"] = keep
		})
	})
	// can-reach agrees on both sides first: reachable, then blocked.
	for _, c := range []struct {
		in   string
		want int
	}{{lab, 0}, {live, 1}} {
		var out, errb bytes.Buffer
		if code := run([]string{"can-reach", "10.1.1.100", "10.2.1.100", "--port", "22", "--in", c.in}, &out, &errb); code != c.want {
			t.Fatalf("can-reach 10.1.1.100 10.2.1.100 --port 22 on %s: exit %d, want %d\n%s%s", c.in, code, c.want, out.String(), errb.String())
		}
	}
	code, r, text := runDrift(t, "--intended", lab, "--live", live)
	if code != 1 || len(r.Changes) != 1 {
		t.Fatalf("exit %d with %d changes, want 1 and 1:\n%s", code, len(r.Changes), text)
	}
	if r.Closed == 0 {
		t.Fatalf("no flow closed:\n%s", text)
	}
	// Plan-style: the resource with ~ and its changed field with -, the
	// closed flows with -, a summary line.
	for _, line := range []string{
		`(?m)^Resources:\n  ~ route-table rtb-0d49a7621d86138cd \(account-igw\)\n      - route removed: 10\.2\.0\.0/16 → tgw-0cacbf5ed9fe034e7$`,
		`(?m)^Flows:\n  ~ route-table rtb-0d49a7621d86138cd \(account-igw\):$`,
		`(?m)^      - closed: tcp 22 from i-[0-9a-f]+ \(eni-[0-9a-f]+\) 10\.1\.1\.100 to i-[0-9a-f]+ \(eni-[0-9a-f]+\) 10\.2\.1\.100: reachable → blocked$`,
		`(?m)^Drift: 0 added, 1 changed, 0 removed; flows: 0 opened, \d+ closed, 0 undecided \(\d+ flow classes compared\)\.$`,
	} {
		if !regexp.MustCompile(line).MatchString(text) {
			t.Errorf("missing %s in:\n%s", line, text)
		}
	}
	if strings.Contains(text, "\x1b[") {
		t.Errorf("colour in a report that is not on a terminal:\n%q", text)
	}
	var out, errb bytes.Buffer
	run([]string{"drift", "--intended", lab, "--live", live, "--color", "always"}, &out, &errb)
	if !strings.Contains(out.String(), "\x1b[31m- closed: tcp 22 from") || !strings.Contains(out.String(), "\x1b[33m~ route-table rtb-0d49a7621d86138cd") {
		t.Errorf("--color always: no red closed flow or yellow change:\n%q", out.String())
	}
	t.Setenv("NO_COLOR", "1")
	if useColour("auto", os.Stdout) {
		t.Error("NO_COLOR does not turn colour off")
	}
	if strings.Contains(text, "no flow opened or closed") {
		t.Errorf("drift says no flow changed:\n%s", text)
	}
}
