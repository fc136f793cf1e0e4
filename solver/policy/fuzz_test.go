package policy

import (
	"errors"
	"reflect"
	"testing"
)

// FuzzParseEvaluate: no input makes Parse or Evaluate panic, parse errors
// always carry a position, and decisions are well-formed and deterministic.
func FuzzParseEvaluate(f *testing.F) {
	seeds := []string{s1Policy, s1VPCPolicy, publicIPPolicy, crossAccountPolicy, prodOnlyPolicy, notActionPolicy,
		emptyPolicy, unsupportedOpPolicy, unsupportedKeyAllowPolicy, definiteDenyWithUnknownPolicy, variablePolicy,
		onlyUnknownDenyPolicy, `{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}`,
		`{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"Null": {"aws:SourceVpce": "true"}, "ForAllValues:ArnLikeIfExists": {"aws:SourceArn": "arn:*:*:*:*:*"}}}]}`,
		"{\n\"Statement\": [", ""}
	for _, s := range seeds {
		f.Add(s, "arn:aws:iam::222222222222:role/app", s1VPCE, "10.1.2.3")
	}
	f.Fuzz(func(t *testing.T, doc, principal, vpce, ip string) {
		p, err := Parse(doc)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 || pe.Col < 1 || pe.Msg == "" {
				t.Fatalf("Parse(%q) error %v has no position", doc, err)
			}
			return
		}
		r := invoke(prodPets, principal, "aws:SourceVpce", vpce, "aws:SourceIp", ip)
		d := p.Evaluate(r)
		checkDecision(t, d)
		if again := p.Evaluate(r); !reflect.DeepEqual(d, again) {
			t.Fatalf("Evaluate is not deterministic: %+v vs %+v", d, again)
		}
	})
}

func checkDecision(t *testing.T, d Decision) {
	t.Helper()
	switch {
	case d.Effect < ImplicitDeny || d.Effect > Unknown:
		t.Fatalf("effect %d out of range", d.Effect)
	case (d.Effect == Unknown) != (len(d.Unsupported) > 0):
		t.Fatalf("%s with Unsupported %q", d.Effect, d.Unsupported)
	case (d.Effect == ImplicitDeny) != (d.Statement == ""):
		t.Fatalf("%s decided by %q", d.Effect, d.Statement)
	case d.Reason == "":
		t.Fatalf("%s without a reason", d.Effect)
	}
}
