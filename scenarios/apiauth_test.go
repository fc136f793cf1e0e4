package scenarios

import (
	"os"
	"strings"
	"testing"
)

// TestAPIAuthorizationFields loads the example of FORMAT.md's section on
// API authorization: methods and routes with their authorization (R9.17)
// and API keys (R9.14), authorizers, stage variables, methodsListed (R9.15)
// and a function's per-qualifier policies (R11.6).
func TestAPIAuthorizationFields(t *testing.T) {
	md, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	_, sec, _ := strings.Cut(string(md), "## API authorization, stage variables and Lambda permissions")
	_, block, _ := strings.Cut(sec, "```yaml\n")
	block, _, _ = strings.Cut(block, "```")
	doc := "netverify: v1\ndefaults: {account: \"111122223333\", region: us-east-1}\n" + block
	s, ds, err := Load("auth.yaml", []byte(doc))
	if err != nil {
		t.Fatal(err, ds)
	}
	a := s.RestAPIs[0]
	if !a.MethodsListed || a.Stages[0].Variables["alias"] != "live" || len(a.Authorizers) != 1 || a.Authorizers[0].Type != "COGNITO_USER_POOLS" {
		t.Fatalf("rest api = %+v", a)
	}
	if in := a.Integrations[0]; in.Authorization != "AWS_IAM" {
		t.Errorf("POST /admin = %+v", in)
	}
	if in := a.Integrations[1]; in.Authorization != "COGNITO_USER_POOLS" || in.AuthorizerID != "pool1" || !in.APIKeyRequired {
		t.Errorf("GET /orders = %+v", in)
	}
	h := s.HTTPAPIs[0]
	if h.Routes[0].Authorization != "JWT" || h.Routes[0].AuthorizerID != "jwt1" || h.Authorizers[0].Issuer != "https://issuer.example.com" {
		t.Errorf("http api = %+v", h)
	}
	if p := s.LambdaFunctions[0].QualifierPolicies["live"]; !strings.Contains(p, "apigateway.amazonaws.com") {
		t.Errorf("qualifier policies = %v", s.LambdaFunctions[0].QualifierPolicies)
	}
}
