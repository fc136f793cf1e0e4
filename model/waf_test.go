package model

import "testing"

// The three formats share the statement shape: CamelCase members
// (describe-JSON, CloudFormation) and Terraform's snake_case blocks (R9.21).
func TestParseWAFStatementAcrossFormats(t *testing.T) {
	camel := map[string]any{"OrStatement": map[string]any{"Statements": []any{
		map[string]any{"IPSetReferenceStatement": map[string]any{"Arn": "arn:set"}},
		map[string]any{"NotStatement": map[string]any{"Statement": map[string]any{"GeoMatchStatement": map[string]any{"CountryCodes": []any{"DE"}}}}},
		map[string]any{"ByteMatchStatement": map[string]any{}},
	}}}
	tf := map[string]any{"or_statement": []any{map[string]any{"statement": []any{
		map[string]any{"ip_set_reference_statement": []any{map[string]any{"arn": "arn:set"}}},
		map[string]any{"not_statement": []any{map[string]any{"statement": []any{map[string]any{"geo_match_statement": []any{map[string]any{"country_codes": []any{"DE"}}}}}}}},
		map[string]any{"byte_match_statement": []any{map[string]any{}}},
	}}}}
	for name, m := range map[string]map[string]any{"camel": camel, "terraform": tf} {
		st := ParseWAFStatement(m)
		if len(st.Or) != 3 || st.Or[0].IPSet != "arn:set" || st.Or[1].Not == nil || st.Or[1].Not.CountryCodes[0] != "DE" || st.Or[2].Other != "ByteMatchStatement" {
			t.Errorf("%s: %+v", name, st)
		}
	}
	if a := WAFAction(map[string]any{"Block": map[string]any{}}); a != "BLOCK" {
		t.Errorf("action %q", a)
	}
	if a := WAFAction([]any{map[string]any{"allow": []any{map[string]any{}}}}); a != "ALLOW" {
		t.Errorf("terraform action %q", a)
	}
}
