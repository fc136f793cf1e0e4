package terraform

import (
	"strings"
	"testing"
)

// authPlan: a REST API with an IAM method and a Cognito one needing an API
// key (its integration a separate resource), a stage with variables, an
// HTTP API with a JWT route, and permissions on a function and its alias.
const authPlan = `{
  "format_version": "1.2", "terraform_version": "1.6.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_api_gateway_rest_api.api", "mode": "managed", "type": "aws_api_gateway_rest_api", "name": "api",
     "values": {"id": "a1b2c3", "name": "orders", "api_key_source": "HEADER", "root_resource_id": "root1", "endpoint_configuration": [{"types": ["PRIVATE"]}]}},
    {"address": "aws_api_gateway_resource.orders", "mode": "managed", "type": "aws_api_gateway_resource", "name": "orders",
     "values": {"id": "res1", "rest_api_id": "a1b2c3", "parent_id": "root1", "path_part": "orders"}},
    {"address": "aws_api_gateway_authorizer.pool", "mode": "managed", "type": "aws_api_gateway_authorizer", "name": "pool",
     "values": {"id": "au1", "rest_api_id": "a1b2c3", "name": "pool", "type": "COGNITO_USER_POOLS", "provider_arns": ["arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_abc"]}},
    {"address": "aws_api_gateway_method.post", "mode": "managed", "type": "aws_api_gateway_method", "name": "post",
     "values": {"rest_api_id": "a1b2c3", "resource_id": "res1", "http_method": "POST", "authorization": "AWS_IAM"}},
    {"address": "aws_api_gateway_integration.post", "mode": "managed", "type": "aws_api_gateway_integration", "name": "post",
     "values": {"rest_api_id": "a1b2c3", "resource_id": "res1", "http_method": "POST", "type": "AWS_PROXY",
       "uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:orders/invocations"}},
    {"address": "aws_api_gateway_method.get", "mode": "managed", "type": "aws_api_gateway_method", "name": "get",
     "values": {"rest_api_id": "a1b2c3", "resource_id": "res1", "http_method": "GET", "authorization": "COGNITO_USER_POOLS", "authorizer_id": "au1", "api_key_required": true}},
    {"address": "aws_api_gateway_stage.prod", "mode": "managed", "type": "aws_api_gateway_stage", "name": "prod",
     "values": {"rest_api_id": "a1b2c3", "stage_name": "prod", "deployment_id": "d1", "variables": {"alias": "live"}}},
    {"address": "aws_apigatewayv2_api.h", "mode": "managed", "type": "aws_apigatewayv2_api", "name": "h",
     "values": {"id": "h1h2h3", "name": "pets", "protocol_type": "HTTP"}},
    {"address": "aws_apigatewayv2_authorizer.jwt", "mode": "managed", "type": "aws_apigatewayv2_authorizer", "name": "jwt",
     "values": {"id": "jw1", "api_id": "h1h2h3", "name": "oidc", "authorizer_type": "JWT", "identity_sources": ["$request.header.Authorization"],
       "jwt_configuration": [{"issuer": "https://issuer.example.com", "audience": ["app"]}]}},
    {"address": "aws_apigatewayv2_route.pets", "mode": "managed", "type": "aws_apigatewayv2_route", "name": "pets",
     "values": {"api_id": "h1h2h3", "route_key": "GET /pets", "authorization_type": "JWT", "authorizer_id": "jw1"}},
    {"address": "aws_lambda_function.orders", "mode": "managed", "type": "aws_lambda_function", "name": "orders",
     "values": {"function_name": "orders", "arn": "arn:aws:lambda:eu-west-1:111111111111:function:orders"}},
    {"address": "aws_lambda_permission.post", "mode": "managed", "type": "aws_lambda_permission", "name": "post",
     "values": {"function_name": "orders", "principal": "apigateway.amazonaws.com", "action": "lambda:InvokeFunction",
       "source_arn": "arn:aws:execute-api:eu-west-1:111111111111:a1b2c3/*/POST/orders"}},
    {"address": "aws_lambda_permission.live", "mode": "managed", "type": "aws_lambda_permission", "name": "live",
     "values": {"function_name": "arn:aws:lambda:eu-west-1:111111111111:function:orders", "qualifier": "live", "principal": "apigateway.amazonaws.com", "action": "lambda:InvokeFunction"}}
  ]}}
}`

// TestPlanAPIAuthorization: aws_api_gateway_method's authorization,
// authorizer_id and api_key_required (R9.17, R9.14) join the integration
// of the same method; the plan lists the methods (R9.15); authorizers of
// both API kinds, route authorization, stage variables; permissions go to
// the function's policy or the alias's (R11.6).
func TestPlanAPIAuthorization(t *testing.T) {
	s, ds, err := Load("plan.json", []byte(authPlan))
	if err != nil {
		t.Fatal(err, ds)
	}
	a := s.RestAPIs[0]
	if !a.MethodsListed || a.APIKeySource != "HEADER" || len(a.Integrations) != 2 {
		t.Fatalf("rest api = %+v", a)
	}
	for _, in := range a.Integrations {
		switch in.Method {
		case "POST":
			if in.Path != "/orders" || in.Authorization != "AWS_IAM" || in.Type != "AWS_PROXY" || in.URI == "" {
				t.Errorf("POST = %+v", in)
			}
		case "GET":
			if in.Path != "/orders" || in.Authorization != "COGNITO_USER_POOLS" || in.AuthorizerID != "au1" || !in.APIKeyRequired || in.Type != "" {
				t.Errorf("GET = %+v", in)
			}
		}
	}
	if len(a.Authorizers) != 1 || a.Authorizers[0].ID != "au1" || a.Authorizers[0].Type != "COGNITO_USER_POOLS" || a.Stages[0].Variables["alias"] != "live" {
		t.Errorf("authorizers %+v stages %+v", a.Authorizers, a.Stages)
	}
	h := s.HTTPAPIs[0]
	if h.Routes[0].Authorization != "JWT" || h.Routes[0].AuthorizerID != "jw1" || h.Authorizers[0].Issuer != "https://issuer.example.com" || h.Authorizers[0].Audience[0] != "app" {
		t.Errorf("http api = %+v", h)
	}
	f := s.LambdaFunctions[0]
	if !strings.Contains(f.Policy, "a1b2c3/*/POST/orders") || strings.Contains(f.Policy, "live") {
		t.Errorf("function policy = %s", f.Policy)
	}
	if p := f.QualifierPolicies["live"]; !strings.Contains(p, "apigateway.amazonaws.com") {
		t.Errorf("alias policy = %s (all %v)", p, f.QualifierPolicies)
	}
}
