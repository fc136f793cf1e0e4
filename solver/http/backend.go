package http

import (
	"fmt"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/policy"
)

// invoke is what a Lambda integration's permission says for one request.
type invoke struct {
	text      string
	fails     bool   // the function's policy definitely refuses API Gateway: HTTP 500
	condition string // what the input cannot show (a policy it lacks)
}

// backend describes what the API does with an accepted call (R9.13): invoke
// a Lambda function (authorised by its resource policy, no network path,
// R11.4), forward over the internet, or go through a VPC link (R8.7, R8.8).
// With a route, only its integration, judged for the request itself.
func (c *Caller) backend(api *API, o Options, route *Route) ([]string, *invoke) {
	if route != nil && route.Integration != nil {
		text, inv := c.describe(api, *route.Integration, o.Stage, o.Method, o.Path)
		return []string{text}, inv
	}
	var out []string
	for _, in := range integrations(api) {
		text, _ := c.describe(api, in, o.Stage, orDefault(in.Method, "*"), SamplePath(in.Path))
		out = append(out, text)
	}
	return out, nil
}

func integrations(api *API) []model.Integration {
	if api.Rest != nil {
		return api.Rest.Integrations
	}
	return api.HTTP.Integrations
}

func (c *Caller) describe(api *API, in model.Integration, stage, method, path string) (string, *invoke) {
	route := strings.TrimSpace(in.Method + " " + in.Path)
	if route != "" {
		route += ": "
	}
	switch {
	case strings.EqualFold(in.ConnectionType, "VPC_LINK"):
		return route + fmt.Sprintf("%s integration through VPC link %s to %s (R8.7, R8.8; ask `can-reach %s <target>` for the backend leg)",
			in.Type, in.ConnectionID, orDash(in.URI), api.ID), nil
	case strings.HasPrefix(strings.ToUpper(in.Type), "AWS") && strings.Contains(in.URI, ":lambda:"):
		inv := c.lambdaInvoke(api, in, stage, method, path)
		return route + inv.text, inv
	case strings.HasPrefix(strings.ToUpper(in.Type), "HTTP"):
		return route + fmt.Sprintf("%s integration to %s over the internet (R9.13)", in.Type, orDash(in.URI)), nil
	case strings.EqualFold(in.Type, "MOCK"):
		return route + "MOCK integration: API Gateway answers itself", nil
	}
	return route + fmt.Sprintf("%s integration %s", in.Type, orDash(in.URI)), nil
}

// lambdaInvoke: API Gateway invokes the function as a service; the
// resource policy of the (qualified) function must allow
// apigateway.amazonaws.com for the request's execute-api ARN (R11.4, R11.6, S33).
func (c *Caller) lambdaInvoke(api *API, in model.Integration, stage, method, path string) *invoke {
	fn, qual := lambdaFromURI(in.URI), lambdaQualifier(in.URI)
	f, ok := model.Lookup[*model.LambdaFunction](c.net.Index, fn)
	if !ok {
		return &invoke{text: fmt.Sprintf("invokes Lambda function %s (not in the snapshot); no network path is needed (R11.4)", fn),
			condition: fmt.Sprintf("Lambda function %s (not in the input) exists and lets apigateway.amazonaws.com invoke it (R11.6)", fn)}
	}
	if v, isVar := strings.CutPrefix(qual, "${stageVariables."); isVar {
		name := strings.TrimSuffix(v, "}")
		val, known := api.StageVariable(stage, name)
		if !known {
			return &invoke{text: fmt.Sprintf("invokes Lambda function %s with the qualifier ${stageVariables.%s}, which stage %s does not set in the input", f.Label(), name, stage),
				condition: fmt.Sprintf("stage %s sets the stage variable %s to an alias or version of %s whose resource policy lets API Gateway invoke it (R11.6)", stage, name, f.ID)}
		}
		qual = val
	}
	arn := api.ARN(stage, method, path)
	target, doc := f.Label(), f.Policy
	if qual != "" {
		target = f.ID + ":" + qual
		doc = f.QualifierPolicies[qual]
	}
	head := fmt.Sprintf("invokes Lambda function %s; no network path into its VPC is needed (R11.4)", target)
	if doc == "" {
		what := "its resource policy is not in the snapshot"
		if qual != "" {
			what = "the resource policy of the qualified function " + target + " is not in the snapshot (the unqualified function's does not cover it)"
		}
		return &invoke{text: head + "; " + what + ": the invocation needs one allowing apigateway.amazonaws.com for " + arn + " (or an integration role)",
			condition: fmt.Sprintf("the resource policy of %s (not in the input) lets apigateway.amazonaws.com invoke it for %s (R11.6)", target, arn)}
	}
	pol, err := policy.Parse(doc)
	if err != nil {
		return &invoke{text: head + "; its resource policy does not parse: " + err.Error(),
			condition: "the resource policy of " + target + " (which does not parse) lets API Gateway invoke it"}
	}
	d := pol.Evaluate(policy.Request{Action: "lambda:InvokeFunction", Resource: orDash(f.ARN), Principal: "apigateway.amazonaws.com",
		Context: map[string]string{"aws:SourceArn": arn, "aws:SourceAccount": api.Account}})
	switch {
	case d.Effect == policy.Allow:
		return &invoke{text: head + "; its resource policy allows apigateway.amazonaws.com for " + arn}
	case api.Account == "" || d.Effect == policy.Unknown:
		// The source ARN and account the policy would test are not known:
		// reading the empty account as a mismatch would be a false "fails".
		return &invoke{text: head + "; whether its resource policy allows this API is unknown: the API's account is not in the input, so its aws:SourceArn and aws:SourceAccount are not known (add `account:` to the source that defines the API)",
			condition: "the resource policy of " + target + " allows apigateway.amazonaws.com for this API (its account is not in the input)"}
	}
	return &invoke{text: head + fmt.Sprintf("; the invocation FAILS: the function's resource policy gives %s for apigateway.amazonaws.com and %s (%s)", d.Effect, arn, d.Reason), fails: true}
}

// lambdaQualifier is the alias or version of a Lambda integration URI
// ("prod" in ...:function:fn:prod/invocations; "${stageVariables.alias}").
func lambdaQualifier(uri string) string {
	s := uri
	if i := strings.Index(s, "functions/"); i >= 0 {
		s = s[i+len("functions/"):]
	}
	s = strings.TrimSuffix(s, "/invocations")
	if i := strings.Index(s, ":function:"); i >= 0 {
		s = s[i+len(":function:"):]
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[i+1:]
	}
	return ""
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
