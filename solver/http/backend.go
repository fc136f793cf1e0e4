package http

import (
	"fmt"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/policy"
)

// backend describes what the API does with an accepted call (R9.13): invoke
// a Lambda function (authorised by its resource policy, no network path,
// R11.4), forward over the internet, or go through a VPC link (R8.7, R8.8).
func (c *Caller) backend(api *API) []string {
	var out []string
	for _, in := range integrations(api) {
		out = append(out, c.describe(api, in))
	}
	return out
}

func integrations(api *API) []model.Integration {
	if api.Rest != nil {
		return api.Rest.Integrations
	}
	return api.HTTP.Integrations
}

func (c *Caller) describe(api *API, in model.Integration) string {
	route := strings.TrimSpace(in.Method + " " + in.Path)
	if route != "" {
		route += ": "
	}
	switch {
	case strings.EqualFold(in.ConnectionType, "VPC_LINK"):
		return route + fmt.Sprintf("%s integration through VPC link %s to %s (R8.7, R8.8; ask `can-reach %s <target>` for the backend leg)",
			in.Type, in.ConnectionID, orDash(in.URI), api.ID)
	case strings.HasPrefix(strings.ToUpper(in.Type), "AWS") && strings.Contains(in.URI, ":lambda:"):
		return route + c.lambdaInvoke(api, in)
	case strings.HasPrefix(strings.ToUpper(in.Type), "HTTP"):
		return route + fmt.Sprintf("%s integration to %s over the internet (R9.13)", in.Type, orDash(in.URI))
	case strings.EqualFold(in.Type, "MOCK"):
		return route + "MOCK integration: API Gateway answers itself"
	}
	return route + fmt.Sprintf("%s integration %s", in.Type, orDash(in.URI))
}

// lambdaInvoke: API Gateway invokes the function as a service; the
// function's resource policy must allow apigateway.amazonaws.com (R11.4, S33).
func (c *Caller) lambdaInvoke(api *API, in model.Integration) string {
	fn := lambdaFromURI(in.URI)
	f, ok := model.Lookup[*model.LambdaFunction](c.net.Index, fn)
	if !ok {
		return fmt.Sprintf("invokes Lambda function %s (not in the snapshot); no network path is needed (R11.4)", fn)
	}
	head := fmt.Sprintf("invokes Lambda function %s; no network path into its VPC is needed (R11.4)", f.Label())
	if f.Policy == "" {
		return head + "; its resource policy is not in the snapshot: the invocation needs one allowing apigateway.amazonaws.com for this API (or an integration role)"
	}
	pol, err := policy.Parse(f.Policy)
	if err != nil {
		return head + "; its resource policy does not parse: " + err.Error()
	}
	d := pol.Evaluate(policy.Request{Action: "lambda:InvokeFunction", Resource: orDash(f.ARN), Principal: "apigateway.amazonaws.com",
		Context: map[string]string{"aws:SourceArn": api.ARN("*", "*", "*"), "aws:SourceAccount": api.Account}})
	if d.Effect == policy.Allow {
		return head + "; its resource policy allows apigateway.amazonaws.com"
	}
	if api.Account == "" {
		// The source ARN and account the policy would test are not known:
		// reading the empty account as a mismatch would be a false "fails".
		return head + "; whether its resource policy allows this API is unknown: the API's account is not in the input, so its aws:SourceArn and aws:SourceAccount are not known (add `account:` to the source that defines the API)"
	}
	return head + fmt.Sprintf("; the invocation FAILS: the function's resource policy gives %s for apigateway.amazonaws.com (%s)", d.Effect, d.Reason)
}

// lambdaFromURI extracts the function name from an integration URI
// (arn:aws:apigateway:...:lambda:path/2015-03-31/functions/<function ARN>/invocations).
func lambdaFromURI(uri string) string {
	s := uri
	if i := strings.Index(s, "functions/"); i >= 0 {
		s = s[i+len("functions/"):]
	}
	s = strings.TrimSuffix(s, "/invocations")
	if i := strings.Index(s, ":function:"); i >= 0 {
		s = s[i+len(":function:"):]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 { // alias or version qualifier
		s = s[:i]
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
