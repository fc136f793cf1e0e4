package scenarios

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// sharedRules is a scenario whose groups share one anchored list of rules.
func sharedRules(groups, rules int) string {
	var b strings.Builder
	b.WriteString("netverify: v1\ndefaults: {account: \"111111111111\", region: us-east-1}\n")
	b.WriteString("vpcs:\n  - {id: vpc-a, cidr: 10.0.0.0/16}\nsecurityGroups:\n  - id: sg-0\n    vpc: vpc-a\n    ingress: &R\n")
	for range rules {
		b.WriteString("      - {proto: tcp, ports: 443, cidr: 10.0.0.0/8}\n")
	}
	for i := 1; i < groups; i++ {
		fmt.Fprintf(&b, "  - {id: sg-%05d, vpc: vpc-a, ingress: *R}\n", i)
	}
	return b.String()
}

// TestAliasesWithinLimitsLoad: sharing rules by alias, the reason YAML has
// anchors, loads when the expansion stays under MaxAliasValues.
func TestAliasesWithinLimitsLoad(t *testing.T) {
	doc := "netverify: v1\ndefaults: {account: \"111111111111\", region: us-east-1}\n" +
		"vpcs:\n  - {id: vpc-a, cidr: 10.0.0.0/16}\nsecurityGroups:\n" +
		"  - {id: sg-a, vpc: vpc-a, ingress: &R [{proto: tcp, ports: 443, cidr: 10.0.0.0/8}]}\n" +
		"  - {id: sg-b, vpc: vpc-a, ingress: *R}\n"
	s, ds, err := Load("shared.yaml", []byte(doc))
	if err != nil {
		t.Fatalf("%v\n%v", err, ds)
	}
	for _, g := range s.SecurityGroups {
		if len(g.Ingress) != 1 {
			t.Errorf("%s has %d ingress rules, want the 1 shared by alias", g.ID, len(g.Ingress))
		}
	}
}

// TestAliasAmplificationRejected (issue 24): 1,000 groups each the alias of
// a list of 2,000 rules (135 KB that expand to 2,000,000 rules, 3 GB) stop
// at MaxAliasValues values with one error at the alias that crossed it.
func TestAliasAmplificationRejected(t *testing.T) {
	_, ds, err := Load("amp.yaml", []byte(sharedRules(1000, 2000)))
	if err == nil {
		t.Fatal("loaded")
	}
	if len(ds) != 1 {
		t.Fatalf("want one error, got %d: %v", len(ds), ds[:min(len(ds), 5)])
	}
	got := ds[0].String()
	// 2,000 rules of 4 values each (the rule and its proto, ports, cidr) per
	// alias: the 13th alias (line 2,008 + 13) is the first past crosses 100,000.
	if !strings.Contains(got, "more than 100000 values") || !strings.Contains(got, "*R") ||
		ds[0].Source.Line != 2008+13 || ds[0].Source.Col != 41 {
		t.Errorf("got %s", got)
	}
}

// TestAliasDepthLimit: aliases nested deeper than the decoder's depth limit
// stop at the innermost alias. (The format's own nesting keeps real files
// under MaxAliasDepth; the limit is lowered here to reach it.)
func TestAliasDepthLimit(t *testing.T) {
	var root yaml.Node
	nested := "netverify: v1\nvpcs:\n  - {id: vpc-a, cidr: &C 10.0.0.0/16}\n" +
		"securityGroups:\n  - &S {id: sg-a, vpc: vpc-a, ingress: [&X {proto: tcp, ports: 443, cidr: *C}]}\n" +
		"  - {id: sg-b, vpc: vpc-a, ingress: [*X]}\n"
	d := newDecoder()
	d.maxDepth = 1
	if err := yaml.Unmarshal([]byte(nested), &root); err != nil {
		t.Fatal(err)
	}
	d.decode(root.Content[0], reflectValue(&Document{}), "")
	if !d.stopped || len(d.errs) != 1 || !strings.Contains(d.errs[0].msg, "nest more than 1 deep") || d.errs[0].at.Line != 5 {
		t.Fatalf("got %+v", d.errs)
	}
}
