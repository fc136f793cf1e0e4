package http

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
)

func restAPIWith(ins ...model.Integration) *API {
	return &API{ID: "a1", Region: "us-east-1", Account: "111111111111", Rest: &model.RestAPI{Meta: model.Meta{ID: "a1"}, Integrations: ins}}
}

// TestRESTRouting (R9.15): the most specific resource wins, then its method
// or ANY; a resource without the method does not fall back to another one.
func TestRESTRouting(t *testing.T) {
	api := restAPIWith(
		model.Integration{Method: "GET", Path: "/items"},
		model.Integration{Method: "GET", Path: "/items/{id}"},
		model.Integration{Method: "ANY", Path: "/{proxy+}"},
		model.Integration{Method: "POST", Path: "/orders", Authorization: "AWS_IAM"},
	)
	for _, tc := range []struct{ method, path, want string }{
		{"GET", "/items", "GET /items"},
		{"GET", "/items/42", "GET /items/{id}"},
		{"DELETE", "/other/x", "ANY /{proxy+}"},
		{"POST", "/orders", "POST /orders"},
		{"GET", "/orders", ""},   // the resource /orders exists, without GET: 403
		{"PUT", "/items/42", ""}, // {id} is more specific than {proxy+}, and has no PUT
		{"GET", "/", ""},         // {proxy+} needs at least one segment
	} {
		r, ok := api.Match(tc.method, tc.path)
		got := ""
		if ok {
			got = r.String()
		}
		if got != tc.want {
			t.Errorf("%s %s matched %q, want %q", tc.method, tc.path, got, tc.want)
		}
	}
}

// TestHTTPRouting (R9.16): exact paths before variables before greedy paths,
// an exact method before ANY, $default for the rest.
func TestHTTPRouting(t *testing.T) {
	api := &API{ID: "h1", HTTP: &model.HTTPAPI{Routes: []model.HTTPRoute{
		{Key: "GET /pets"}, {Key: "GET /pets/{id}"}, {Key: "ANY /pets/{id}"}, {Key: "ANY /{proxy+}"}, {Key: "$default"},
	}}}
	for _, tc := range []struct{ method, path, want string }{
		{"GET", "/pets", "GET /pets"},
		{"GET", "/pets/7", "GET /pets/{id}"},
		{"DELETE", "/pets/7", "ANY /pets/{id}"},
		{"POST", "/pets", "ANY /{proxy+}"},
		{"GET", "/", "$default"},
	} {
		r, ok := api.Match(tc.method, tc.path)
		if !ok || r.String() != tc.want {
			t.Errorf("%s %s matched %v %q, want %q", tc.method, tc.path, ok, r.String(), tc.want)
		}
	}
	noDefault := &API{ID: "h2", HTTP: &model.HTTPAPI{Routes: []model.HTTPRoute{{Key: "GET /pets"}}}}
	if _, ok := noDefault.Match("GET", "/cats"); ok {
		t.Errorf("GET /cats matched without a route or $default (R9.16: 404)")
	}
}

func TestSamplePath(t *testing.T) {
	for in, want := range map[string]string{"/items/{id}": "/items/id", "/{proxy+}": "/proxy", "": "/", "/": "/"} {
		if got := SamplePath(in); got != want {
			t.Errorf("SamplePath(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestConditions (R9.14, R9.17): what a method asks of a request is stated.
func TestConditions(t *testing.T) {
	api := restAPIWith()
	api.Rest.Authorizers = []model.Authorizer{{ID: "au1", Name: "pool", Type: "COGNITO_USER_POOLS", ProviderARNs: []string{"arn:aws:cognito-idp:us-east-1:111111111111:userpool/us-east-1_X"}},
		{ID: "au2", Name: "tok", Type: "TOKEN", URI: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111111111111:function:authz/invocations", IdentitySource: "method.request.header.Authorization"}}
	arn := api.ARN("prod", "GET", "/x")
	for _, tc := range []struct {
		r    Route
		want []string
	}{
		{Route{Authorization: "NONE"}, nil},
		{Route{Authorization: "AWS_IAM"}, []string{"Signature Version 4", arn}},
		{Route{Authorization: "COGNITO_USER_POOLS", Authorizer: &api.Rest.Authorizers[0]}, []string{"userpool/us-east-1_X"}},
		{Route{Authorization: "CUSTOM", Authorizer: &api.Rest.Authorizers[1]}, []string{"authorizer tok", "function authz"}},
		{Route{Authorization: "CUSTOM", AuthorizerID: "gone"}, []string{"gone (not in the input)"}},
		{Route{Authorization: "NONE", APIKey: true}, []string{"API key", "x-api-key"}},
	} {
		got := strings.Join(api.Conditions(tc.r, arn), "\n")
		if len(tc.want) == 0 && got != "" {
			t.Errorf("%s: conditions %q, want none", tc.r.Authorization, got)
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: conditions %q lack %q", tc.r.Authorization, got, w)
			}
		}
	}
}

// TestLambdaQualifier (R11.6): the alias or version of an integration URI.
func TestLambdaQualifier(t *testing.T) {
	base := "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:111111111111:function:orders"
	for uri, want := range map[string]string{
		base + "/invocations":                         "",
		base + ":prod/invocations":                    "prod",
		base + ":${stageVariables.alias}/invocations": "${stageVariables.alias}",
	} {
		if got := lambdaQualifier(uri); got != want {
			t.Errorf("lambdaQualifier(%s) = %q, want %q", uri, got, want)
		}
		if fn := lambdaFromURI(uri); fn != "orders" {
			t.Errorf("lambdaFromURI(%s) = %q", uri, fn)
		}
	}
}
