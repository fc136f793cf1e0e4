package reach

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/policy"
	"github.com/netverify/netverify/solver/waf"
)

// Codes of the load balancer's HTTP layer (described in internal/codes
// with the API codes of the same name). What WAF leaves open is
// CodeUnknownResource, like everything the input cannot decide.
const (
	CodeLambdaPermissionDenied Code = "LAMBDA_PERMISSION_DENIED"
	CodeWAFBlocked             Code = "WAF_BLOCKED"
)

// lambdaTarget: an Application Load Balancer invokes a Lambda target
// itself, with no connection into the function's VPC; the function's
// resource-based policy must let elasticloadbalancing.amazonaws.com invoke
// it for the target group (R11.8). nil: invoked (the connection ends at the
// load balancer, which answers with the function's response).
func (w *walker) lambdaTarget(lb *model.LoadBalancer, tt tgTarget) *walker {
	sw := newWalker(w.n, false, nil, w.pkt)
	sw.quiet = w.quiet
	name, qual := model.SplitQualifiedFunction(tt.t.ID)
	f, ok := model.Lookup[*model.LambdaFunction](w.n.Index, tt.t.ID)
	if !ok {
		f, ok = model.Lookup[*model.LambdaFunction](w.n.Index, name)
	}
	tgARN := orID(tt.tg.ARN, tt.tg.ID)
	if !ok {
		sw.missingFix(tt.tg.ID, fmt.Sprintf("Lambda function %s, the target of %s, is not in the input: whether %s may invoke it is unknown (R11.8)", name, tt.tg.ID, lb.ID),
			"add the function and its resource-based policy (`aws lambda get-policy`) to the input")
		return sw
	}
	target, doc, fn := f.Label(), f.Policy, f.ID
	if qual != "" {
		target, doc, fn = f.ID+":"+qual, f.QualifierPolicies[qual], f.ID+":"+qual
	}
	if doc == "" {
		sw.missingFix(f.ID, fmt.Sprintf("the resource-based policy of %s is not in the input: whether %s may invoke it for %s is unknown (R11.8)", target, lb.ID, tgARN),
			"add the output of `aws lambda get-policy` for "+target+", or the permission that lets elasticloadbalancing.amazonaws.com invoke it")
		return sw
	}
	pol, err := policy.Parse(doc)
	if err != nil {
		sw.missingFix(f.ID, fmt.Sprintf("the resource-based policy of %s does not parse (%v): whether %s may invoke it is unknown (R11.8)", target, err, lb.ID), "fix the policy document")
		return sw
	}
	d := pol.Evaluate(policy.Request{Action: "lambda:InvokeFunction", Resource: orID(f.ARN, f.ID), Principal: "elasticloadbalancing.amazonaws.com",
		Context: map[string]string{"aws:SourceArn": tgARN, "aws:SourceAccount": lb.Account}})
	switch d.Effect {
	case policy.Allow:
		w.hop(lb.ID, HopLoadBalancer, ActForward, w.say(func() string {
			return fmt.Sprintf("invokes Lambda function %s (target group %s): its resource policy allows elasticloadbalancing.amazonaws.com (R11.8)", target, tt.tg.ID)
		}))
		return nil
	case policy.Unknown:
		sw.missingFix(f.ID, fmt.Sprintf("whether the resource policy of %s lets %s invoke it is unknown: %s (R11.8)", target, lb.ID, strings.Join(d.Unsupported, "; ")), "check the policy's conditions")
		return sw
	}
	sw.stop(Explanation{Code: CodeLambdaPermissionDenied, Component: f.ID, Rule: "R11.8",
		Detail: fmt.Sprintf("%s forwards to Lambda function %s, whose resource policy does not let elasticloadbalancing.amazonaws.com invoke it for %s (%s: %s); the load balancer answers 502 Bad Gateway", lb.ID, target, tgARN, d.Effect, d.Reason),
		Fix:    fmt.Sprintf("aws lambda add-permission --function-name %s --statement-id elb --principal elasticloadbalancing.amazonaws.com --action lambda:InvokeFunction --source-arn %s", fn, tgARN)})
	return sw
}

func orID(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// albWAF applies the WAF web ACLs associated with an Application Load
// Balancer to the request (R9.21): the client address it sees is the
// packet's source. A BLOCK is an HTTP 403 from WAF; a condition the input
// cannot decide (a country, an address the input only stands for) leaves
// the answer unknown, stated.
func (w *walker) albWAF(lb *model.LoadBalancer) bool {
	if !strings.EqualFold(lb.Type, "application") {
		return true
	}
	for _, acl := range w.n.Snap.WebACLsFor("", "", orID(lb.ARN, lb.ID)) {
		src := w.pkt.Src
		r := waf.Evaluate(w.n.Snap, acl, waf.Client{Addr: src, StandIn: w.standIn(src)})
		what := "WAF web ACL " + acl.Label()
		switch r.Verdict {
		case waf.Allow:
			w.hop(lb.ID, HopLoadBalancer, ActAllow, w.say(func() string { return what + " lets the request through (R9.21)" }))
		case waf.Block:
			rule := "the default action BLOCK"
			if r.Rule != "" {
				rule = fmt.Sprintf("rule %s (priority %d)", r.Rule, r.Priority)
			}
			w.block(Explanation{Code: CodeWAFBlocked, Component: lb.ID, Rule: "R9.21",
				Detail: fmt.Sprintf("%s on %s blocks requests from %s: %s; WAF answers 403 Forbidden", what, lb.ID, src, rule),
				Fix:    fmt.Sprintf("allow this client in web ACL %s (an IP set rule of lower priority), or change %s", acl.Label(), rule)})
			return false
		case waf.Depends:
			w.ex = append(w.ex, Explanation{Code: CodeUnknownResource, Component: lb.ID, Direction: w.dir, Rule: "R9.21",
				Detail: fmt.Sprintf("%s on %s lets the request through only if %s, which the input cannot show", what, lb.ID, r.Condition),
				Fix:    "ask from a client with a known address, or judge the condition yourself"})
			w.unknown, w.blocked = true, true
			return false
		case waf.Unknown:
			w.ex = append(w.ex, Explanation{Code: CodeUnknownResource, Component: lb.ID, Direction: w.dir, Rule: "R9.21",
				Detail: fmt.Sprintf("whether %s on %s lets the request through is unknown: rule %s (priority %d): %s", what, lb.ID, r.Rule, r.Priority, r.Why),
				Fix:    "judge the rule yourself; netverify evaluates IP set and geo match statements"})
			w.unknown, w.blocked = true, true
			return false
		}
	}
	return true
}

// InternetStandIn is the address the word "internet" stands for (some
// public host whose real address no input shows).
var InternetStandIn = netip.MustParseAddr("8.8.8.8")

// standIn: the source only stands for some internet client (R9.21).
func (w *walker) standIn(a netip.Addr) bool { return a == InternetStandIn }
