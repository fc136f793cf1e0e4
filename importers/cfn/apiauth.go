package cfn

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/netverify/netverify/model"
)

// restAuthorizer records an AWS::ApiGateway::Authorizer on its REST API (R9.17).
func restAuthorizer(imp *importer, r *resource, p props) {
	a, ok := target[*model.RestAPI](p, "RestApiId", "REST API")
	if !ok {
		return
	}
	a.Authorizers = append(a.Authorizers, model.Authorizer{ID: r.physicalID(), Name: defaultStr(p.str("Name"), r.Logical),
		Type: strings.ToUpper(p.str("Type")), ProviderARNs: p.strs("ProviderARNs"), URI: p.str("AuthorizerUri"),
		IdentitySource: p.str("IdentitySource")})
}

// httpAuthorizer records an AWS::ApiGatewayV2::Authorizer (JWT or REQUEST) on its HTTP API (R9.17).
func httpAuthorizer(imp *importer, r *resource, p props) {
	a, ok := target[*model.HTTPAPI](p, "ApiId", "HTTP API")
	if !ok {
		return
	}
	jwt := p.sub(p.get("JwtConfiguration"))
	a.Authorizers = append(a.Authorizers, model.Authorizer{ID: r.physicalID(), Name: defaultStr(p.str("Name"), r.Logical),
		Type: strings.ToUpper(p.str("AuthorizerType")), URI: p.str("AuthorizerUri"),
		IdentitySource: strings.Join(p.strs("IdentitySource"), ","), Issuer: jwt.str("Issuer"), Audience: jwt.strs("Audience")})
}

// lambdaPermission appends an AWS::Lambda::Permission to the resource policy
// of the function it names, or of the alias or version it names: a
// qualified ARN has a policy of its own (R11.6).
func lambdaPermission(imp *importer, r *resource, p props) {
	fn, qual, ok := imp.permissionTarget(r, p)
	if !ok {
		return
	}
	f, found := lookup[*model.LambdaFunction](imp, fn)
	if !found {
		imp.ds.Warnf(p.src(p.get("FunctionName")), r.Logical, "Lambda permission %s: function %q is not defined in this template; the permission is not applied", r.Logical, fn)
		return
	}
	f.AddPermission(qual, model.Permission{Sid: r.Logical, Principal: p.str("Principal"), Action: p.str("Action"),
		SourceARN: p.str("SourceArn"), SourceAccount: p.str("SourceAccount")})
}

// permissionTarget resolves FunctionName: a name, an ARN, a qualified one
// (fn:prod) or a Ref to an AWS::Lambda::Alias.
func (imp *importer) permissionTarget(r *resource, p props) (fn, qual string, ok bool) {
	raw := r.Raw.Get("FunctionName")
	if ref := raw.Get("Ref"); ref != nil && ref.Kind == KString {
		if al := imp.byLogical[ref.Str]; al != nil && al.Type == "AWS::Lambda::Alias" {
			ap := imp.props(al)
			return lambdaFromName(ap.str("FunctionName")), ap.str("Name"), true
		} else if al != nil && al.Type == "AWS::Lambda::Version" {
			imp.ds.Warnf(p.src(p.get("FunctionName")), r.Logical, "Lambda permission %s names version %s, whose number is known only after deployment; the permission is not applied", r.Logical, ref.Str)
			return "", "", false
		}
	}
	name := p.str("FunctionName")
	if name == "" {
		return "", "", false
	}
	fn, qual = splitQualified(name)
	return fn, qual, true
}

func splitQualified(s string) (string, string) { return model.SplitQualifiedFunction(s) }

func lambdaFromName(s string) string {
	fn, _ := splitQualified(s)
	return fn
}

var pathParam = regexp.MustCompile(`\{[^}]*\}`)

// samSourceARN is the SourceArn of the permission SAM creates for an Api or
// HttpApi event: API-ID/*/METHOD/PATH, ANY as *, path parameters as * (R11.6).
func samSourceARN(r *resource, apiID, method, path string) string {
	if method == "" || strings.EqualFold(method, "ANY") || strings.EqualFold(method, "x-amazon-apigateway-any-method") {
		method = "*"
	}
	if len(path) > 1 {
		path = strings.TrimRight(path, "/")
	}
	path = pathParam.ReplaceAllString(path, "*")
	return fmt.Sprintf("arn:aws:execute-api:%s:%s:%s/*/%s%s", r.region, r.account, apiID, strings.ToUpper(method), path)
}

// samRESTAuthorizers reads an AWS::Serverless::Api's Auth.Authorizers: a
// UserPoolArn makes a Cognito authorizer, a FunctionArn a Lambda one
// (TOKEN, or REQUEST by FunctionPayloadType).
func samRESTAuthorizers(auth props) []model.Authorizer {
	m := auth.get("Authorizers")
	if m == nil || m.Kind != KMap {
		return nil
	}
	var out []model.Authorizer
	for _, name := range m.Keys {
		ap := auth.sub(m.Map[name])
		z := model.Authorizer{ID: name, Name: name}
		header := defaultStr(auth.sub(ap.get("Identity")).str("Header"), "Authorization")
		switch {
		case ap.has("UserPoolArn"):
			z.Type, z.ProviderARNs = "COGNITO_USER_POOLS", ap.strs("UserPoolArn")
		case ap.has("FunctionArn"):
			z.Type, z.URI = defaultStr(strings.ToUpper(ap.str("FunctionPayloadType")), "TOKEN"), ap.str("FunctionArn")
		default:
			continue
		}
		z.IdentitySource = "method.request.header." + header
		out = append(out, z)
	}
	return out
}

// samHTTPAuthorizers reads an AWS::Serverless::HttpApi's Auth.Authorizers:
// JwtConfiguration makes a JWT authorizer, FunctionArn a Lambda (REQUEST) one.
func samHTTPAuthorizers(auth props) []model.Authorizer {
	m := auth.get("Authorizers")
	if m == nil || m.Kind != KMap {
		return nil
	}
	var out []model.Authorizer
	for _, name := range m.Keys {
		ap := auth.sub(m.Map[name])
		z := model.Authorizer{ID: name, Name: name, IdentitySource: strings.Join(ap.strs("IdentitySource"), ",")}
		switch jwt := ap.sub(ap.get("JwtConfiguration")); {
		case ap.has("JwtConfiguration"):
			z.Type, z.Issuer, z.Audience = "JWT", jwt.str("issuer"), jwt.strs("audience")
			if z.Issuer == "" {
				z.Issuer, z.Audience = jwt.str("Issuer"), jwt.strs("Audience")
			}
			if z.IdentitySource == "" {
				z.IdentitySource = "$request.header.Authorization"
			}
		case ap.has("FunctionArn"):
			z.Type, z.URI = "REQUEST", ap.str("FunctionArn")
		default:
			continue
		}
		out = append(out, z)
	}
	return out
}

// samRESTAuth is an Api event's authorization: its Auth.Authorizer, else the
// API's DefaultAuthorizer; NONE opens the method, AWS_IAM signs it (R9.17);
// ApiKeyRequired from the event or the API (R9.14).
func (imp *importer) samRESTAuth(apiID string, ep props) (typ, authorizer string, key bool) {
	info := imp.sam.auth[apiID]
	var api props
	if info != nil {
		api = info.auth
	} else {
		api = ep.sub(nil)
	}
	ev := ep.sub(ep.get("Auth"))
	name := defaultStr(ev.str("Authorizer"), api.str("DefaultAuthorizer"))
	key = ev.boolean("ApiKeyRequired", api.boolean("ApiKeyRequired", false))
	switch strings.ToUpper(name) {
	case "", "NONE":
		return "NONE", "", key
	case "AWS_IAM":
		return "AWS_IAM", "", key
	}
	for _, z := range samRESTAuthorizers(api) {
		if z.ID == name {
			if z.Type == "COGNITO_USER_POOLS" {
				return z.Type, z.ID, key
			}
			return "CUSTOM", z.ID, key
		}
	}
	return "CUSTOM", name, key
}

// samHTTPAuth is an HttpApi event's authorization, like samRESTAuth.
func (imp *importer) samHTTPAuth(apiID string, ep props) (typ, authorizer string) {
	info := imp.sam.auth[apiID]
	api := ep.sub(nil)
	if info != nil {
		api = info.auth
	}
	name := defaultStr(ep.sub(ep.get("Auth")).str("Authorizer"), api.str("DefaultAuthorizer"))
	switch strings.ToUpper(name) {
	case "", "NONE":
		return "NONE", ""
	case "AWS_IAM":
		return "AWS_IAM", ""
	}
	for _, z := range samHTTPAuthorizers(api) {
		if z.ID == name && z.Type == "JWT" {
			return "JWT", z.ID
		}
	}
	return "CUSTOM", name
}

// aliasARN is what Ref of an AWS::Lambda::Alias returns: the qualified
// function ARN (…:function:NAME:ALIAS), so an integration URI built from it
// names the alias (R11.6); nil when its function or name is not known.
func (e *evaluator) aliasARN(r *resource) *Value {
	fn, name := e.eval(r.Raw.Get("FunctionName")), e.eval(r.Raw.Get("Name"))
	if fn == nil || name == nil || fn.Kind != KString || name.Kind != KString || fn.Str == "" || name.Str == "" {
		return nil
	}
	base := fn.Str
	if !strings.Contains(base, ":function:") {
		base = fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", r.region, r.account, base)
	}
	if n, _ := splitQualified(base); n != "" {
		base = base[:strings.Index(base, ":function:")+len(":function:")] + n
	}
	return Str(base + ":" + name.Str)
}
