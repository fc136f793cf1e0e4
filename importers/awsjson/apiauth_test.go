package awsjson

import (
	"strings"
	"testing"
)

// TestAPIAuthorizationFromDumps reads what the CLI prints: get-resources
// --embed methods with each method's authorizationType, authorizerId and
// apiKeyRequired (a method without an integration included) (R9.17, R9.14,
// R9.15); get-authorizers of both APIs; get-routes' authorization; stage
// variables; and get-policy per qualifier, each qualified ARN with its own
// policy (R11.6).
func TestAPIAuthorizationFromDumps(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"ApiGatewayRestApis.json": `{"items": [{"id": "a1b2c3", "name": "orders", "apiKeySource": "HEADER", "endpointConfiguration": {"types": ["PRIVATE"]}}]}`,
		"ApiGatewayResources.json": `{"ApiGatewayResources": [{"RestApiId": "a1b2c3", "items": [
  {"id": "r1", "path": "/orders", "resourceMethods": {
    "POST": {"httpMethod": "POST", "authorizationType": "AWS_IAM", "apiKeyRequired": false,
      "methodIntegration": {"type": "AWS_PROXY", "uri": "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:111111111111:function:orders:live/invocations"}},
    "GET": {"httpMethod": "GET", "authorizationType": "COGNITO_USER_POOLS", "authorizerId": "au1", "apiKeyRequired": true}}}]}]}`,
		"ApiGatewayAuthorizers.json": `{"ApiGatewayAuthorizers": [{"RestApiId": "a1b2c3", "items": [
  {"id": "au1", "name": "pool", "type": "COGNITO_USER_POOLS", "providerARNs": ["arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_abc"], "identitySource": "method.request.header.Authorization"}]}]}`,
		"ApiGatewayStages.json": `{"ApiGatewayStages": [{"RestApiId": "a1b2c3", "item": [{"stageName": "prod", "deploymentId": "d1", "variables": {"alias": "live"}}]}]}`,
		"ApiGatewayV2Apis.json": `{"Items": [{"ApiId": "h1h2h3", "Name": "pets", "ProtocolType": "HTTP"}]}`,
		"HttpApiRoutes.json":    `{"HttpApiRoutes": [{"ApiId": "h1h2h3", "Items": [{"RouteId": "rt1", "RouteKey": "GET /pets", "AuthorizationType": "JWT", "AuthorizerId": "jw1"}]}]}`,
		"HttpApiAuthorizers.json": `{"HttpApiAuthorizers": [{"ApiId": "h1h2h3", "Items": [{"AuthorizerId": "jw1", "Name": "oidc", "AuthorizerType": "JWT",
  "IdentitySource": ["$request.header.Authorization"], "JwtConfiguration": {"Issuer": "https://issuer.example.com", "Audience": ["app"]}}]}]}`,
		"LambdaFunctions.json": `{"Functions": [{"FunctionName": "orders", "FunctionArn": "arn:aws:lambda:eu-west-1:111111111111:function:orders", "Runtime": "python3.12"}]}`,
		"LambdaPolicies.json": `{"LambdaPolicies": [
  {"FunctionName": "orders", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"unq\"}]}"},
  {"FunctionName": "orders", "Qualifier": "live", "Policy": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"alias\"}]}"}]}`,
	})
	snap, ds, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	noWarnings(t, ds)
	a := snap.RestAPIs[0]
	if !a.MethodsListed || a.APIKeySource != "HEADER" || len(a.Integrations) != 2 {
		t.Fatalf("rest api = %+v", a)
	}
	get, post := a.Integrations[0], a.Integrations[1]
	if get.Method != "GET" || get.Type != "" || get.Authorization != "COGNITO_USER_POOLS" || get.AuthorizerID != "au1" || !get.APIKeyRequired {
		t.Errorf("GET /orders = %+v", get)
	}
	if post.Method != "POST" || post.Type != "AWS_PROXY" || post.Authorization != "AWS_IAM" || post.APIKeyRequired {
		t.Errorf("POST /orders = %+v", post)
	}
	if len(a.Authorizers) != 1 || a.Authorizers[0].Type != "COGNITO_USER_POOLS" || a.Authorizers[0].ProviderARNs[0] == "" {
		t.Errorf("authorizers = %+v", a.Authorizers)
	}
	if a.Stages[0].Variables["alias"] != "live" {
		t.Errorf("stages = %+v", a.Stages)
	}
	h := snap.HTTPAPIs[0]
	if h.Routes[0].Authorization != "JWT" || h.Routes[0].AuthorizerID != "jw1" || h.Authorizers[0].Issuer != "https://issuer.example.com" || h.Authorizers[0].Audience[0] != "app" {
		t.Errorf("http api = %+v", h)
	}
	f := snap.LambdaFunctions[0]
	if !strings.Contains(f.Policy, `"unq"`) || !strings.Contains(f.QualifierPolicies["live"], `"alias"`) {
		t.Errorf("policies = %q, %v", f.Policy, f.QualifierPolicies)
	}
}
