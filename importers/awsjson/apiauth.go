package awsjson

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	"github.com/aws/aws-sdk-go-v2/service/apigatewayv2"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/netverify/netverify/model"
)

// restAuthorizers reads ApiGatewayAuthorizers.json: [{RestApiId, items: <get-authorizers output>}] (R9.17).
func restAuthorizers(c *fileCtx, out *struct {
	ApiGatewayAuthorizers []struct {
		RestApiId *string
		apigateway.GetAuthorizersOutput
	}
}, ps []pos) {
	for i, w := range out.ApiGatewayAuthorizers {
		id, src := str(w.RestApiId), c.src(at(ps, i))
		var zs []model.Authorizer
		for _, a := range w.Items {
			zs = append(zs, model.Authorizer{ID: str(a.Id), Name: str(a.Name), Type: string(a.Type), ProviderARNs: a.ProviderARNs,
				URI: str(a.AuthorizerUri), IdentitySource: str(a.IdentitySource)})
		}
		c.fixup(func(l *linker) {
			if a, ok := l.restAPIs[id]; ok {
				a.Authorizers = append(a.Authorizers, zs...)
			} else {
				l.warn(src, id, "authorizers of REST API %s, which is not in the snapshot; ignored", id)
			}
		})
	}
}

// httpAuthorizers reads HttpApiAuthorizers.json: [{ApiId, Items: <apigatewayv2 get-authorizers output>}] (R9.17).
func httpAuthorizers(c *fileCtx, out *struct {
	HttpApiAuthorizers []struct {
		ApiId *string
		apigatewayv2.GetAuthorizersOutput
	}
}, ps []pos) {
	for i, w := range out.HttpApiAuthorizers {
		id, src := str(w.ApiId), c.src(at(ps, i))
		var zs []model.Authorizer
		for _, a := range w.Items {
			z := model.Authorizer{ID: str(a.AuthorizerId), Name: str(a.Name), Type: string(a.AuthorizerType), URI: str(a.AuthorizerUri),
				IdentitySource: strings.Join(a.IdentitySource, ",")}
			if j := a.JwtConfiguration; j != nil {
				z.Issuer, z.Audience = str(j.Issuer), j.Audience
			}
			zs = append(zs, z)
		}
		c.fixup(func(l *linker) {
			if a, ok := l.httpAPIs[id]; ok {
				a.Authorizers = append(a.Authorizers, zs...)
			} else {
				l.warn(src, id, "authorizers of HTTP API %s, which is not in the snapshot; ignored", id)
			}
		})
	}
}

// lambdaPolicies reads LambdaPolicies.json: [{FunctionName, Qualifier, Policy}],
// one entry per `aws lambda get-policy` call; an alias or version has a policy
// of its own (R11.6).
func lambdaPolicies(c *fileCtx, out *struct {
	LambdaPolicies []struct {
		FunctionName *string
		Qualifier    *string
		lambda.GetPolicyOutput
	}
}, ps []pos) {
	for i, w := range out.LambdaPolicies {
		name, qual, doc, src := str(w.FunctionName), str(w.Qualifier), str(w.Policy), c.src(at(ps, i))
		if i := strings.Index(name, ":function:"); i >= 0 {
			name = name[i+len(":function:"):]
		}
		if n, q, ok := strings.Cut(name, ":"); ok {
			name, qual = n, q
		}
		c.fixup(func(l *linker) {
			for _, f := range l.s.LambdaFunctions {
				if f.ID != name && f.Name != name {
					continue
				}
				if qual == "" || qual == "$LATEST" {
					f.Policy = doc
					return
				}
				if f.QualifierPolicies == nil {
					f.QualifierPolicies = map[string]string{}
				}
				f.QualifierPolicies[qual] = doc
				return
			}
			l.warn(src, name, "resource policy of Lambda function %s, which is not in the snapshot; ignored", name)
		})
	}
}
