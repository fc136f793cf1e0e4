package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/netverify/netverify/internal/testcorpus"
)

// equivalenceQuestion is one flow of the equivalence test and the verdict
// aws-semantics.md gives for it.
type equivalenceQuestion struct {
	src, dst, proto string
	port            int
	want            string // reachable | blocked
	why             string // the rule or scenario that decides
}

// equivalenceNetwork is one network written three ways: the corpus template,
// a hand-built `terraform show -json` plan and a describe-JSON directory
// (testdata/equivalence), with one workload overlay naming subnets by tag.
type equivalenceNetwork struct {
	template string // under iac/lambda-devguide-vpc in the corpus
	plan     string // under testdata/equivalence
	describe string
	workload string
	flows    []equivalenceQuestion
}

var equivalenceNetworks = []equivalenceNetwork{
	{
		template: "vpc-privatepublic.yaml", plan: "vpc-privatepublic.tfplan.json",
		describe: "vpc-privatepublic.describe", workload: "vpc-privatepublic.workload.yaml",
		flows: []equivalenceQuestion{
			{"fn", "93.184.215.14", "tcp", 443, "reachable", "S3, R8.4, R3.6: private subnet b -> NAT gateway in the public subnet -> IGW"},
			{"app", "93.184.215.14", "tcp", 443, "reachable", "R3.6: private subnet a, same-AZ NAT"},
			{"fn", "52.216.8.1", "tcp", 443, "reachable", "R7.1, R7.2: S3 through the gateway endpoint, pl- route beats 0.0.0.0/0"},
			{"fn", "52.94.0.10", "tcp", 443, "reachable", "R7.1: DynamoDB through the gateway endpoint"},
			{"web", "52.216.8.1", "tcp", 443, "reachable", "R3.2: the public subnet has no endpoint route; S3 over the IGW"},
			{"internet", "app", "tcp", 22, "blocked", "R3.3: a private instance has no public address"},
			{"internet", "fn", "tcp", 443, "blocked", "R8.4: a VPC-attached function never gets a public address"},
			{"internet", "web", "tcp", 22, "reachable", "R3.3, R2.4: public IP, SG 22 from 0.0.0.0/0"},
			{"internet", "web", "tcp", 443, "blocked", "R2.2: no SG rule for 443"},
			{"web", "app", "tcp", 22, "reachable", "R2.5: public -> private, SG reference to web-sg"},
			{"web", "app", "tcp", 8080, "reachable", "R2.4: CIDR rule for the public subnet"},
			{"fn", "app", "tcp", 22, "blocked", "R2.5: fn-sg is not referenced by app-sg"},
			{"app", "web", "tcp", 80, "reachable", "R0.3: private -> public inside the VPC"},
		},
	},
	{
		template: "vpc-private.yaml", plan: "vpc-private.tfplan.json",
		describe: "vpc-private.describe", workload: "vpc-private.workload.yaml",
		flows: []equivalenceQuestion{
			{"fn", "93.184.215.14", "tcp", 443, "blocked", "R8.4: no route to the internet (no IGW, no NAT)"},
			{"fn", "52.216.8.1", "tcp", 443, "reachable", "R7.1: S3 through the gateway endpoint"},
			{"fn", "52.94.0.10", "tcp", 443, "reachable", "R7.1: DynamoDB through the gateway endpoint"},
			{"internet", "fn", "tcp", 443, "blocked", "R8.4, R3.3: no IGW, no public address"},
			{"app", "fn", "tcp", 443, "blocked", "R8.3: a Lambda ENI accepts no connections"},
			{"fn", "app", "tcp", 22, "reachable", "R2.5: app-sg admits fn-sg"},
			{"fn", "app", "tcp", 80, "blocked", "R2.2: app-sg has no rule for 80"},
		},
	},
}

// equivalenceAnswer is what must not depend on the input format: the
// verdict, the explanation codes and the kinds of hops on both paths.
type equivalenceAnswer struct {
	Verdict string
	Codes   []string
	Forward []string
	Return  []string
}

// TestEquivalenceLambdaVPC (issue 7): the same network as a CloudFormation
// template, as a Terraform plan and as describe-JSON gives the same answers
// through the CLI, and those answers are the ones aws-semantics.md gives.
func TestEquivalenceLambdaVPC(t *testing.T) {
	corpus := testcorpus.Dir(t, "iac", "lambda-devguide-vpc")
	data, _ := filepath.Abs("../../testdata/equivalence")
	for _, nw := range equivalenceNetworks {
		t.Run(strings.TrimSuffix(nw.template, ".yaml"), func(t *testing.T) {
			flows := writeFlows(t, nw.flows)
			// The describe-JSON was deployed as the stack named after the
			// template file: its Name tags (which the workload names) say so.
			stack := "AWS::StackName=" + strings.TrimSuffix(nw.template, ".yaml")
			forms := []struct {
				name, src string
				extra     []string
			}{
				{"template", filepath.Join(corpus, nw.template), []string{"--param", stack}},
				{"plan", filepath.Join(data, nw.plan), nil},
				{"describe-json", filepath.Join(data, nw.describe), nil},
			}
			answers := map[string][]equivalenceAnswer{}
			for _, f := range forms {
				answers[f.name] = askFlows(t, flows, f.src, filepath.Join(data, nw.workload), f.extra...)
				for i, q := range nw.flows {
					if got := answers[f.name][i].Verdict; got != q.want {
						t.Errorf("%s: %s -> %s %s/%d = %s, want %s (%s)", f.name, q.src, q.dst, q.proto, q.port, got, q.want, q.why)
					}
				}
			}
			for _, f := range forms[1:] {
				if d := cmp.Diff(answers["template"], answers[f.name]); d != "" {
					t.Errorf("%s answers differ from the template's (-template +%s):\n%s", f.name, f.name, d)
				}
			}
		})
	}
}

func writeFlows(t *testing.T, qs []equivalenceQuestion) string {
	var b strings.Builder
	b.WriteString("src,dst,proto,port\n")
	for _, q := range qs {
		fmt.Fprintf(&b, "%s,%s,%s,%d\n", q.src, q.dst, q.proto, q.port)
	}
	path := filepath.Join(t.TempDir(), "flows.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// askFlows runs `netverify can-reach --flows` over one form of the network.
func askFlows(t *testing.T, flows, src, workload string, extra ...string) []equivalenceAnswer {
	t.Helper()
	var out, errb bytes.Buffer
	args := append([]string{"can-reach", "--flows", flows, "--in", src, "--in", workload, "--json"}, extra...)
	// Exit 1 says some flow is not reachable; the verdicts are compared below.
	if code := run(args, &out, &errb); code != 0 && code != 1 {
		t.Fatalf("can-reach --in %s: exit %d\n%s", src, code, errb.String())
	}
	var got []equivalenceAnswer
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var a struct {
			Verdict      string `json:"verdict"`
			Forward      []struct{ Kind string }
			Return       []struct{ Kind string }
			Explanations []struct{ Code string }
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("can-reach --in %s: %v in %s", src, err, sc.Text())
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
