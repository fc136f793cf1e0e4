package cfn

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
)

// authTemplate: a private REST API with an IAM method, a Cognito method that
// needs an API key and a method without an integration; a stage with
// variables; an HTTP API with a JWT route; a function with an alias and
// permissions on each.
const authTemplate = `
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties: {Name: orders, ApiKeySourceType: AUTHORIZER, EndpointConfiguration: {Types: [PRIVATE]}}
  Orders:
    Type: AWS::ApiGateway::Resource
    Properties: {RestApiId: !Ref Api, ParentId: !GetAtt Api.RootResourceId, PathPart: orders}
  Pool:
    Type: AWS::ApiGateway::Authorizer
    Properties: {RestApiId: !Ref Api, Name: pool, Type: COGNITO_USER_POOLS, ProviderARNs: [arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_abc], IdentitySource: method.request.header.Authorization}
  Post:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Orders
      HttpMethod: POST
      AuthorizationType: AWS_IAM
      Integration: {Type: AWS_PROXY, IntegrationHttpMethod: POST, Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"}
  Get:
    Type: AWS::ApiGateway::Method
    Properties: {RestApiId: !Ref Api, ResourceId: !Ref Orders, HttpMethod: GET, AuthorizationType: COGNITO_USER_POOLS, AuthorizerId: !Ref Pool, ApiKeyRequired: true}
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties: {RestApiId: !Ref Api, StageName: prod, DeploymentId: dep1, Variables: {alias: live}}
  Http:
    Type: AWS::ApiGatewayV2::Api
    Properties: {Name: h, ProtocolType: HTTP}
  Jwt:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties: {ApiId: !Ref Http, Name: jwt, AuthorizerType: JWT, IdentitySource: [$request.header.Authorization], JwtConfiguration: {Issuer: "https://issuer.example.com", Audience: [app]}}
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties: {ApiId: !Ref Http, RouteKey: GET /pets, AuthorizationType: JWT, AuthorizerId: !Ref Jwt}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {FunctionName: orders-fn, Runtime: python3.12}
  Live:
    Type: AWS::Lambda::Alias
    Properties: {FunctionName: !Ref Fn, Name: live, FunctionVersion: "1"}
  PermFn:
    Type: AWS::Lambda::Permission
    Properties: {FunctionName: !GetAtt Fn.Arn, Action: lambda:InvokeFunction, Principal: apigateway.amazonaws.com, SourceArn: !Sub "arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*/POST/orders"}
  PermAlias:
    Type: AWS::Lambda::Permission
    Properties: {FunctionName: !Ref Live, Action: lambda:InvokeFunction, Principal: apigateway.amazonaws.com, SourceAccount: "111122223333"}
  PermQualified:
    Type: AWS::Lambda::Permission
    Properties: {FunctionName: "orders-fn:3", Action: lambda:InvokeFunction, Principal: apigateway.amazonaws.com}
`

func method(a *model.RestAPI, m, path string) *model.Integration {
	for i := range a.Integrations {
		if a.Integrations[i].Method == m && a.Integrations[i].Path == path {
			return &a.Integrations[i]
		}
	}
	return nil
}

// TestMethodAuthorization: a method's AuthorizationType, AuthorizerId and
// ApiKeyRequired reach its integration (R9.17, R9.14); a method without an
// Integration block is still routed (R9.15); the template lists the
// methods, so a path with none is a certain 403.
func TestMethodAuthorization(t *testing.T) {
	s, ds, err := Load("auth.yaml", []byte(authTemplate), nil)
	if err != nil {
		t.Fatal(err, ds)
	}
	a := s.RestAPIs[0]
	if !a.MethodsListed || a.APIKeySource != "AUTHORIZER" {
		t.Errorf("MethodsListed=%v APIKeySource=%q", a.MethodsListed, a.APIKeySource)
	}
	post, get := method(a, "POST", "/orders"), method(a, "GET", "/orders")
	if post == nil || post.Authorization != "AWS_IAM" || post.Type != "AWS_PROXY" {
		t.Fatalf("POST /orders = %+v", post)
	}
	if get == nil || get.Authorization != "COGNITO_USER_POOLS" || !get.APIKeyRequired || get.Type != "" || get.AuthorizerID == "" {
		t.Fatalf("GET /orders = %+v", get)
	}
	if len(a.Authorizers) != 1 || a.Authorizers[0].ID != get.AuthorizerID || a.Authorizers[0].Type != "COGNITO_USER_POOLS" ||
		len(a.Authorizers[0].ProviderARNs) != 1 {
		t.Errorf("authorizers = %+v", a.Authorizers)
	}
	if len(a.Stages) != 1 || a.Stages[0].Variables["alias"] != "live" {
		t.Errorf("stages = %+v", a.Stages)
	}
	h := s.HTTPAPIs[0]
	if len(h.Routes) != 1 || h.Routes[0].Authorization != "JWT" || len(h.Authorizers) != 1 || h.Routes[0].AuthorizerID != h.Authorizers[0].ID {
		t.Fatalf("routes %+v authorizers %+v", h.Routes, h.Authorizers)
	}
	if z := h.Authorizers[0]; z.Issuer != "https://issuer.example.com" || len(z.Audience) != 1 || z.Audience[0] != "app" {
		t.Errorf("JWT authorizer = %+v", z)
	}
}

// TestLambdaPermission: an AWS::Lambda::Permission goes to the policy of the
// function, or of the alias or version it names: each qualified ARN has its
// own (R11.6).
func TestLambdaPermission(t *testing.T) {
	s, ds, err := Load("auth.yaml", []byte(authTemplate), nil)
	if err != nil {
		t.Fatal(err, ds)
	}
	f := s.LambdaFunctions[0]
	api := s.RestAPIs[0].ID
	if !strings.Contains(f.Policy, api+"/*/POST/orders") || !strings.Contains(f.Policy, "apigateway.amazonaws.com") {
		t.Errorf("function policy = %s", f.Policy)
	}
	if p := f.QualifierPolicies["live"]; !strings.Contains(p, "111122223333") || strings.Contains(p, "POST/orders") {
		t.Errorf("alias policy = %s", p)
	}
	if p := f.QualifierPolicies["3"]; !strings.Contains(p, "orders-fn:3") {
		t.Errorf("version policy = %s", p)
	}
}

const samAuthTemplate = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Variables: {tier: gold}
      Auth:
        DefaultAuthorizer: Users
        ApiKeyRequired: true
        Authorizers:
          Users: {UserPoolArn: arn:aws:cognito-idp:eu-west-1:111122223333:userpool/eu-west-1_abc}
          Tok: {FunctionArn: arn:aws:lambda:eu-west-1:111122223333:function:auth}
  Http:
    Type: AWS::Serverless::HttpApi
    Properties:
      Auth:
        DefaultAuthorizer: Oidc
        Authorizers:
          Oidc: {JwtConfiguration: {issuer: "https://issuer.example.com", audience: [app]}, IdentitySource: $request.header.Authorization}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: items
      Runtime: python3.12
      Handler: app.handler
      AutoPublishAlias: live
      Events:
        List: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /items, Method: get}}
        One: {Type: Api, Properties: {RestApiId: !Ref Api, Path: "/items/{id}", Method: any, Auth: {Authorizer: AWS_IAM, ApiKeyRequired: false}}}
        Token: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /tok, Method: post, Auth: {Authorizer: Tok}}}
        Open: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /open, Method: get, Auth: {Authorizer: NONE}}}
        Pets: {Type: HttpApi, Properties: {ApiId: !Ref Http, Path: /pets, Method: GET}}
`

// TestSAMAuthAndPermissions: SAM's Auth reaches each event's method or route
// (R9.17, R9.14), and the permission SAM's transform creates for each event
// (API-ID/*/METHOD/PATH, ANY and path parameters as *) belongs to the
// AutoPublishAlias the integrations invoke (R11.6).
func TestSAMAuthAndPermissions(t *testing.T) {
	s, ds, err := Load("sam.yaml", []byte(samAuthTemplate), nil)
	if err != nil {
		t.Fatal(err, ds)
	}
	a := s.RestAPIs[0]
	if !a.MethodsListed || len(a.Authorizers) != 2 || a.Stages[0].Variables["tier"] != "gold" {
		t.Fatalf("api = %+v", a)
	}
	for _, c := range []struct {
		m, path, auth, authorizer string
		key                       bool
	}{
		{"GET", "/items", "COGNITO_USER_POOLS", "Users", true},
		{"ANY", "/items/{id}", "AWS_IAM", "", false},
		{"POST", "/tok", "CUSTOM", "Tok", true},
		{"GET", "/open", "NONE", "", true},
	} {
		in := method(a, c.m, c.path)
		if in == nil || in.Authorization != c.auth || in.AuthorizerID != c.authorizer || in.APIKeyRequired != c.key {
			t.Errorf("%s %s = %+v, want %s %q key=%v", c.m, c.path, in, c.auth, c.authorizer, c.key)
			continue
		}
		if !strings.Contains(in.URI, ":function:items:live/invocations") {
			t.Errorf("%s %s URI = %s, want the alias", c.m, c.path, in.URI)
		}
	}
	h := s.HTTPAPIs[0]
	if len(h.Routes) != 1 || h.Routes[0].Authorization != "JWT" || h.Routes[0].AuthorizerID != "Oidc" || h.Authorizers[0].Issuer != "https://issuer.example.com" {
		t.Errorf("http api = %+v", h)
	}
	f := s.LambdaFunctions[0]
	if f.Policy != "" {
		t.Errorf("the unqualified function gets no permission from SAM with AutoPublishAlias: %s", f.Policy)
	}
	live := f.QualifierPolicies["live"]
	for _, want := range []string{a.ID + "/*/GET/items", a.ID + "/*/*/items/*", a.ID + "/*/POST/tok", h.ID + "/*/GET/pets"} {
		if !strings.Contains(live, want) {
			t.Errorf("alias policy lacks %s: %s", want, live)
		}
	}
}

// TestAliasRefIsQualified: Ref of an AWS::Lambda::Alias is the alias ARN,
// so an integration built from it invokes the alias, whose permission is
// its own (R11.6).
func TestAliasRefIsQualified(t *testing.T) {
	tmpl := authTemplate + `
  AliasMethod:
    Type: AWS::ApiGateway::Method
    Properties:
      RestApiId: !Ref Api
      ResourceId: !Ref Orders
      HttpMethod: PUT
      AuthorizationType: NONE
      Integration: {Type: AWS_PROXY, Uri: !Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Live}/invocations"}
`
	s, ds, err := Load("auth.yaml", []byte(tmpl), nil)
	if err != nil {
		t.Fatal(err, ds)
	}
	in := method(s.RestAPIs[0], "PUT", "/orders")
	if in == nil || !strings.Contains(in.URI, ":function:orders-fn:live/invocations") {
		t.Fatalf("PUT /orders = %+v", in)
	}
	if p := s.LambdaFunctions[0].QualifierPolicies["live"]; p == "" {
		t.Errorf("the alias's permission is lost: %v", s.LambdaFunctions[0].QualifierPolicies)
	}
}
