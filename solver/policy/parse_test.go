package policy

import (
	"errors"
	"strings"
	"testing"
)

// TestParseErrors: a bad policy is reported at its line:col with a sentence
// that says what to change.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		name      string
		doc       string
		line, col int
		msg       string
	}{
		{"empty", "  \n", 1, 1, "the policy document is empty"},
		{"malformed JSON: missing comma", "{\n  \"Version\": \"2012-10-17\"\n  \"Statement\": []\n}", 3, 3, "invalid character '\"' after object key:value pair"},
		{"malformed JSON: unclosed", "{\"Statement\": [\n", 2, 1, "the document ends early"},
		{"malformed JSON: trailing comma", "{\"Statement\": [],\n}", 2, 1, "invalid character '}'"},
		{"trailing text", `{"Statement": []} x`, 1, 19, "unexpected text after the end"},
		{"not an object", `["x"]`, 1, 1, "a policy must be a JSON object, got an array"},
		{"no Statement", `{"Version": "2012-10-17"}`, 1, 1, "the policy has no Statement element"},
		{"bad Version", `{"Version": "2012-10-18", "Statement": []}`, 1, 13, `Version must be "2012-10-17" or "2008-10-17"`},
		{"element case", `{"statement": []}`, 1, 2, `unknown element "statement": element names are case-sensitive, write "Statement"`},
		{"misspelt Condition", `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Conditon": {}}]}`, 1, 86, `unknown element "Conditon" (expected one of Sid, Effect`},
		{"duplicate key", "{\"Statement\": [{\"Effect\": \"Allow\",\n \"Effect\": \"Deny\"}]}", 2, 2, `duplicate key "Effect"`},
		{"Effect value", "{\"Statement\": [\n  {\"Effect\": \"allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\"}]}", 2, 14, `Effect must be "Allow" or "Deny" (case-sensitive), got "allow"`},
		{"no Principal", `{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`, 1, 16, "statement 1 has neither Principal nor NotPrincipal"},
		{"Action and NotAction", `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "NotAction": "x", "Resource": "*"}}`, 1, 15, "statement 1 has both Action and NotAction"},
		{"Principal string", `{"Statement": {"Effect": "Allow", "Principal": "111111111111", "Action": "*", "Resource": "*"}}`, 1, 48, `Principal must be "*" or an object such as {"AWS": "123456789012"}`},
		{"Principal kind", `{"Statement": {"Effect": "Allow", "Principal": {"Aws": "*"}, "Action": "*", "Resource": "*"}}`, 1, 49, `unknown element "Aws": element names are case-sensitive, write "AWS"`},
		{"empty Action list", `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": [], "Resource": "*"}}`, 1, 63, "Action must be a string or a non-empty array of strings, got an array"},
		{"Resource number", `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": [1]}}`, 1, 81, "Resource entry must be a string, got 1"},
		{"Condition not object", `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": "x"}}`, 1, 98, "Condition must be an object"},
		{"bad CIDR", "{\"Statement\": {\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\",\n \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"10.0.0.300/32\"]}}}}", 2, 61, `condition IpAddress aws:SourceIp: "10.0.0.300/32" is not an IP address or CIDR block`},
		{"condition value object", `{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": {}}}}}`, 1, 131, "values must be strings, got an object"},
		{"column counts characters", "{\"Statement\": {\"Sid\": \"é\", \"x\": 1}}", 1, 28, `unknown element "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.doc)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse error = %v, want a *ParseError", err)
			}
			if pe.Line != tt.line || pe.Col != tt.col || !strings.Contains(pe.Msg, tt.msg) {
				t.Errorf("got %q, want line %d:%d: ...%s...", err, tt.line, tt.col, tt.msg)
			}
			if !strings.HasPrefix(err.Error(), "line ") {
				t.Errorf("error %q does not start with its position", err)
			}
		})
	}
}

// TestParseAcceptedForms: the shapes real policies come in.
func TestParseAcceptedForms(t *testing.T) {
	tests := []struct {
		name, doc string
		stmts     int
	}{
		{"single statement object", publicIPPolicy, 1},
		{"statement array", s1Policy, 2},
		{"no Version", prodOnlyPolicy, 1},
		{"get-rest-api escaped form", `{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5\/*\"}]}`, 1},
		{"policy inside a JSON string", `"{\"Statement\":{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"*\",\"Resource\":\"*\"}}"`, 1},
		{"all principal kinds", `{"Statement": {"Effect": "Allow", "NotPrincipal": {"AWS": ["*"], "Service": "lambda.amazonaws.com", "Federated": "cognito-identity.amazonaws.com", "CanonicalUser": "79a59df9"}, "Action": "*", "NotResource": "x"}}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.doc)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if p.Len() != tt.stmts {
				t.Errorf("Len() = %d, want %d", p.Len(), tt.stmts)
			}
		})
	}
}

// TestEscapedFormEvaluates: the escaped get-rest-api policy decides like the plain one.
func TestEscapedFormEvaluates(t *testing.T) {
	p, err := Parse(`{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5\/*\"}]}`)
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Evaluate(invoke(prodPets, "*")); d.Effect != Allow {
		t.Errorf("got %s: %s", d.Effect, d.Reason)
	}
}

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		p, s string
		want bool
	}{
		{"*", "", true},
		{"a*b*c", "axxbyyc", true},
		{"a*b*c", "axxbyy", false},
		{"a?c", "abc", true},
		{"a?c", "ac", false},
		{"*/prod/*", "arn:x/prod/GET/pets", true},
		{"*é?", "aéz", true},
		{"a*", "b", false},
		{"**a", "a", true},
	}
	for _, tt := range tests {
		if got := globMatch(tt.p, tt.s); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %t, want %t", tt.p, tt.s, got, tt.want)
		}
	}
}
