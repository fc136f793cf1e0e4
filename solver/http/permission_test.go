package http

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/network"
)

const ordersURI = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111111111111:function:orders-fn"

// request calls private-api of the default example from onprem with one request.
func request(t *testing.T, s *model.Snapshot, method, path string) *Answer {
	t.Helper()
	n := network.Compile(s)
	api, _ := FindAPI(s, n.Index, "private-api")
	a, err := New(n, dns.New(n)).Call("onprem", api, Options{Method: method, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestLambdaPermissionPerRequest (R11.6, R9.18): the function's permission
// is tested against the request's ARN: a permission for POST /orders lets
// POST /orders through and makes GET /orders fail with 500 (it was tested
// as api/*/*/* before and always passed).
func TestLambdaPermissionPerRequest(t *testing.T) {
	s := example(t, "serverless-hybrid", func(s *model.Snapshot) {
		s.RestAPIs[0].Integrations = []model.Integration{{Type: "AWS_PROXY", Method: "ANY", Path: "/orders", URI: ordersURI + "/invocations"}}
		for _, f := range s.LambdaFunctions {
			if f.ID == "orders-fn" {
				f.Policy = `{"Statement":[{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"*",
"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/*/POST/orders"}}}]}`
			}
		}
	})
	if a := request(t, s, "POST", "/orders"); !a.Reachable() {
		t.Errorf("POST /orders: %s, want reachable\n%s", a.Verdict, describe(a.Methods[0]))
	}
	a := request(t, s, "GET", "/orders")
	if a.Reachable() {
		t.Fatalf("GET /orders reachable, want the integration to fail")
	}
	m := method(t, a, FormDefault)
	wantMethod(t, m, 500, "LAMBDA_PERMISSION_DENIED")
	if a := request(t, s, "GET", "/other"); a.Reachable() || method(t, a, FormDefault).Status != 403 {
		t.Errorf("GET /other: %s, want 403 Missing Authentication Token (R9.15)", a.Verdict)
	}
}

// TestQualifiedFunctionHasItsOwnPolicy (R11.6): an integration of fn:prod is
// not covered by the unqualified function's policy; without the alias's
// policy in the input it works only under that stated condition.
func TestQualifiedFunctionHasItsOwnPolicy(t *testing.T) {
	s := example(t, "serverless-hybrid", func(s *model.Snapshot) {
		s.RestAPIs[0].Integrations[0].URI = ordersURI + ":prod/invocations"
	})
	a := request(t, s, "GET", "/")
	conds := strings.Join(a.Conditions(), "\n")
	if !a.Reachable() || !strings.Contains(conds, "orders-fn:prod (not in the input)") {
		t.Errorf("fn:prod: %s, conditions %q; want reachable only if the alias's policy allows", a.Verdict, conds)
	}
	s = example(t, "serverless-hybrid", func(s *model.Snapshot) {
		s.RestAPIs[0].Integrations[0].URI = ordersURI + ":${stageVariables.alias}/invocations"
		s.RestAPIs[0].Stages[0].Variables = map[string]string{"alias": "live"}
		for _, f := range s.LambdaFunctions {
			if f.ID == "orders-fn" {
				f.QualifierPolicies = map[string]string{"live": `{"Statement":[{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"*"}]}`}
			}
		}
	})
	if a := request(t, s, "GET", "/"); !a.Reachable() || len(a.Conditions()) != 0 {
		t.Errorf("stage variable alias=live with its policy: %s %v, want reachable without conditions", a.Verdict, a.Conditions())
	}
}

// TestStrictAccessMode (R9.19): under STRICT the endpoint's vpce- name with
// a Host or x-apigw-api-id header fails (the TLS server name does not match
// the host the request names); the alias still works (S2).
func TestStrictAccessMode(t *testing.T) {
	s := example(t, "private-dns-off", func(s *model.Snapshot) {
		s.RestAPIs[0].EndpointAccessMode = "STRICT"
		s.RestAPIs[0].VPCEndpointIDs = append(s.RestAPIs[0].VPCEndpointIDs, "vpce-0a1b2c3d4e5f67890")
	})
	a := request(t, s, "GET", "/")
	wantMethod(t, method(t, a, FormVPCEHost), 403, "ENDPOINT_ACCESS_MODE_STRICT")
	wantMethod(t, method(t, a, FormVPCEAPIID), 403, "ENDPOINT_ACCESS_MODE_STRICT")
	if m := method(t, a, FormAlias); !m.Works() {
		t.Errorf("the alias under STRICT: %s\n%s", m.Verdict, describe(m))
	}
}

// TestMutualTLSBypassWarns (R9.20): a custom domain with mutual TLS while the
// default endpoint stays enabled is a bypass, said on every call.
func TestMutualTLSBypassWarns(t *testing.T) {
	s := example(t, "serverless-hybrid", func(s *model.Snapshot) {
		s.DomainNames = append(s.DomainNames, &model.DomainName{Meta: model.Meta{ID: "api.example.com"}, DomainName: "api.example.com",
			EndpointTypes: []string{"REGIONAL"}, MutualTLS: true, Mappings: []model.BasePathMapping{{API: "a1b2c3d4e5", Stage: "prod"}}})
	})
	a := request(t, s, "GET", "/")
	if !strings.Contains(strings.Join(a.Warnings, "\n"), "requires mutual TLS, but the default execute-api endpoint") {
		t.Errorf("no mutual-TLS bypass warning: %q", a.Warnings)
	}
}
