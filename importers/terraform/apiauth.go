package terraform

import (
	"strings"

	"github.com/netverify/netverify/model"
)

func init() {
	register(2, mapRestMethod, "aws_api_gateway_method")
	register(2, mapRestIntegration, "aws_api_gateway_integration")
	register(2, mapRestAuthorizer, "aws_api_gateway_authorizer")
	register(2, mapHTTPAuthorizer, "aws_apigatewayv2_authorizer")
	register(2, mapLambdaPermission, "aws_lambda_permission")
}

// resourcePath rebuilds a REST resource's path from its path_part chain (or
// its known path); an ID no aws_api_gateway_resource has is the root.
func (b *builder) resourcePath(id string) string {
	var parts []string
	for depth := 0; depth < 32 && id != ""; depth++ {
		next := ""
		for _, r := range b.d.res {
			if r.Type != "aws_api_gateway_resource" || r.Mode != "managed" || b.d.id(r) != id {
				continue
			}
			o := b.d.root(r)
			if p := o.str("path"); strings.HasPrefix(p, "/") {
				return p + suffix(parts)
			}
			parts = append([]string{o.str("path_part")}, parts...)
			next = o.str("parent_id")
		}
		id = next
	}
	return "/" + strings.Join(parts, "/")
}

func suffix(parts []string) string {
	if len(parts) == 0 {
		return ""
	}
	return "/" + strings.Join(parts, "/")
}

// method finds (or adds) the integration entry of a REST method.
func method(a *model.RestAPI, verb, path string) *model.Integration {
	for i := range a.Integrations {
		if a.Integrations[i].Method == verb && a.Integrations[i].Path == path {
			return &a.Integrations[i]
		}
	}
	a.Integrations = append(a.Integrations, model.Integration{Method: verb, Path: path})
	return &a.Integrations[len(a.Integrations)-1]
}

// mapRestMethod records a method and its authorization (R9.17, R9.14); the
// plan lists the API's methods, so a path with none is a certain 403 (R9.15).
func mapRestMethod(b *builder, r *resource, o obj) {
	a, ok := b.restAPI(r, o)
	if !ok {
		return
	}
	in := method(a, strings.ToUpper(o.str("http_method")), b.resourcePath(o.str("resource_id")))
	in.Authorization, in.AuthorizerID = strings.ToUpper(o.str("authorization")), o.str("authorizer_id")
	in.APIKeyRequired = o.boolean("api_key_required", false)
	a.MethodsListed = true
}

// mapRestIntegration fills the method's integration (R9.13).
func mapRestIntegration(b *builder, r *resource, o obj) {
	a, ok := b.restAPI(r, o)
	if !ok {
		return
	}
	in := method(a, strings.ToUpper(o.str("http_method")), b.resourcePath(o.str("resource_id")))
	in.ID, in.Type, in.URI = b.d.id(r), strings.ToUpper(o.str("type")), o.str("uri")
	in.ConnectionType, in.ConnectionID = o.str("connection_type"), o.str("connection_id")
}

func mapRestAuthorizer(b *builder, r *resource, o obj) {
	if a, ok := b.restAPI(r, o); ok {
		a.Authorizers = append(a.Authorizers, model.Authorizer{ID: b.d.id(r), Name: o.str("name"),
			Type: strings.ToUpper(defaultTo(o.str("type"), "TOKEN")), ProviderARNs: o.strs("provider_arns"),
			URI: o.str("authorizer_uri"), IdentitySource: defaultTo(o.str("identity_source"), "method.request.header.Authorization")})
	}
}

func mapHTTPAuthorizer(b *builder, r *resource, o obj) {
	a, ok := b.httpAPI(r, o)
	if !ok {
		return
	}
	z := model.Authorizer{ID: b.d.id(r), Name: o.str("name"), Type: strings.ToUpper(o.str("authorizer_type")),
		URI: o.str("authorizer_uri"), IdentitySource: strings.Join(o.strs("identity_sources"), ",")}
	for _, j := range o.blocks("jwt_configuration") {
		z.Issuer, z.Audience = j.str("issuer"), j.strs("audience")
	}
	a.Authorizers = append(a.Authorizers, z)
}

// mapLambdaPermission adds the permission to the function's policy, or to
// its alias's or version's (qualifier, or a qualified function_name): each
// qualified ARN has a policy of its own (R11.6).
func mapLambdaPermission(b *builder, r *resource, o obj) {
	name, qual := model.SplitQualifiedFunction(o.str("function_name"))
	if q := o.str("qualifier"); q != "" {
		qual = q
	}
	f, ok := lookup[*model.LambdaFunction](b, name)
	if !ok {
		b.warnDangling(r, "function_name", "Lambda function", name)
		return
	}
	f.AddPermission(qual, model.Permission{Sid: defaultTo(o.str("statement_id"), r.Addr), Principal: o.str("principal"),
		Action: o.str("action"), SourceARN: o.str("source_arn"), SourceAccount: o.str("source_account")})
}

func defaultTo(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
