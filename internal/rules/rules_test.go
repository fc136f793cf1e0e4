package rules

import (
	"bytes"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/netverify/netverify/docs"
)

// TestEveryDefinitionIsParsed: every anchored rule and scenario of the
// embedded reference is an entry with a statement, so `netverify explain`
// can print whatever internal/meta accepts as defined.
func TestEveryDefinitionIsParsed(t *testing.T) {
	def := regexp.MustCompile(`<a id="[^"]*"></a>\**(R\d+\.\d+[a-z]?|S\d+[a-z]?)\b`)
	want := map[string]bool{}
	names, _ := fs.Glob(docs.Files, "*.md")
	for _, n := range names {
		if n != "RULES.md" && !strings.HasPrefix(n, "rules-") {
			continue
		}
		b, _ := fs.ReadFile(docs.Files, n)
		for _, m := range def.FindAllStringSubmatch(string(b), -1) {
			want[m[1]] = true
		}
	}
	got := map[string]bool{}
	for _, e := range All() {
		got[e.ID] = true
		if len(e.Text) == 0 || e.Text[0] == "" {
			t.Errorf("%s has no statement", e.ID)
		}
		if e.Section == "" {
			t.Errorf("%s is in no section", e.ID)
		}
		for _, p := range e.AWS {
			if !strings.HasPrefix(p.URL, "https://") {
				t.Errorf("%s: AWS page %q has no address (a missing [key]: URL line)", e.ID, p.Title)
			}
		}
	}
	for id := range want {
		if !got[id] {
			t.Errorf("%s is anchored in the rule files but not parsed", id)
		}
	}
	if len(got) != len(want) {
		t.Errorf("parsed %d entries, the files anchor %d", len(got), len(want))
	}
}

// TestNormalize: the ways a user writes a number (R9.7 in answers, S5 in
// tests, an anchor from a link) all find the entry.
func TestNormalize(t *testing.T) {
	for in, want := range map[string]string{
		"R9.7": "R9.7", "r9.7": "R9.7", "R9-7": "R9.7", "R9.5b": "R9.5b", "R9.5(b)": "R9.5b", "R9.5B": "R9.5b",
		"s5": "S5", "S21a": "S21a", "docs/RULES.md#r9-7": "R9.7", " R2.12 ": "R2.12",
	} {
		got, err := Normalize(in)
		if err != nil || got != want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "R9", "9.7", "S5.1", "R9.7.1", "foo", "R9.5bb"} {
		if got, err := Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) = %q; want an error", bad, got)
		}
	}
}

// TestLookup: R9.7 (the private API from another VPC or on-premises) is
// explained with its statement and the AWS page "Invoke a private API"; an
// unknown number names what its section has.
func TestLookup(t *testing.T) {
	e, err := Lookup("R9.7")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	Write(&b, e, All())
	for _, want := range []string{"R9.7 Calls from another VPC or on-premises", "section 9.", "inbound Resolver endpoint",
		"Invoke a private API", "https://docs.aws.amazon.com/apigateway/", "see docs/RULES.md#r9-7"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("explain R9.7 lacks %q:\n%s", want, b.String())
		}
	}
	for id, want := range map[string]string{
		"r9.99": "section 9 has R9.1 to R9.", "r13.1": "there is no section 13", "s99": "the scenarios are S1 to S37",
	} {
		if _, err := Lookup(id); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Lookup(%s) = %v; want an error saying %q", id, err, want)
		}
	}
}

// TestScenarioVariants: a scenario lists its variants, a variant names its
// scenario (S1 and S1a, S1b, S1c).
func TestScenarioVariants(t *testing.T) {
	s1, err := Lookup("S1")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(s1.Variants, ",") != "S1a,S1b,S1c" {
		t.Errorf("S1 variants = %v", s1.Variants)
	}
	v, _ := Lookup("S1a")
	if v.Parent != "S1" {
		t.Errorf("S1a parent = %q", v.Parent)
	}
}

// TestFurtherRuleFiles: rules of a docs/rules-*.md are found after those of
// RULES.md and link to their own file.
func TestFurtherRuleFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"RULES.md":   {Data: []byte("## <a id=\"section-1\"></a>1. Routing\n\n### <a id=\"r1-1\"></a>R1.1 One table\n\nA subnet uses one table.\n\n**AWS:** [Configure route tables][vpc-rt].\n\n[vpc-rt]: https://docs.aws.amazon.com/vpc/\n")},
		"rules-x.md": {Data: []byte("## <a id=\"section-14\"></a>14. Extra\n\n### <a id=\"r14-1\"></a>R14.1 New\n\nSomething new, see [R1.1](RULES.md#r1-1).\n")}, // rules:ignore
	}
	all := FromFS(fsys, "docs")
	if len(all) != 2 || all[0].ID != "R1.1" || all[1].ID != "R14.1" { // rules:ignore
		t.Fatalf("entries = %+v", all)
	}
	if all[1].Link() != "docs/rules-x.md#r14-1" || all[1].Text[0] != "Something new, see R1.1." { // rules:ignore
		t.Errorf("R14.1 = %+v", all[1]) // rules:ignore
	}
	if len(all[0].AWS) != 1 || all[0].AWS[0].URL != "https://docs.aws.amazon.com/vpc/" {
		t.Errorf("R1.1 AWS = %+v", all[0].AWS)
	}
}
