package ask

import (
	"fmt"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/policy"
	"github.com/netverify/netverify/solver/reach"
	"github.com/netverify/netverify/solver/scan"
)

// functionURL answers a question to a Lambda function that has a function
// URL, on HTTPS: the request goes to Lambda's public front end over the
// internet, whatever the function's VPC (function URLs are not served
// through VPC endpoints), and the URL's auth type and the function's
// resource policy decide (R11.7).
func (k *Asker) functionURL(src, dst Endpoint, f *model.LambdaFunction, q Query) (*Answer, error) {
	u := f.URLs[0]
	front := k.Internet()
	front.Name = "function URL of " + f.ID
	var a *Answer
	if src.Packet.Kind == reach.AtInternet {
		// Already on the internet: the request goes straight to the front end.
		p := &reach.Answer{Verdict: reach.Reachable, Packet: network.Packet{Proto: model.ProtoTCP, Src: src.Packet.IP, Dst: front.IP, SrcPort: 32768, DstPort: 443},
			Forward: []reach.Hop{{Component: src.Packet.IP.String(), Kind: reach.HopInternetHost, Action: reach.ActSend}, {Component: "internet", Kind: reach.HopInternet, Action: reach.ActForward, Rule: "to Lambda's function URL front end"}}}
		a = &Answer{Verdict: reach.Reachable, Packets: []*reach.Answer{p}}
	} else {
		var err error
		a, err = k.packet(src, Endpoint{Kind: KindInternetAddress, Name: front.Name, Packet: front}, Query{Proto: "tcp", Port: 443, SrcPort: q.SrcPort, OneWay: q.OneWay})
		if err != nil {
			return nil, err
		}
	}
	a.Kind, a.Src, a.Dst = AnswerFunctionURL, src, dst
	url := u.URL
	if url == "" {
		url = "https://<url-id>.lambda-url." + regionOf(f) + ".on.aws/"
	}
	a.Notes = append(a.Notes, fmt.Sprintf("%s has a function URL (%s, auth type %s): HTTPS from anywhere on the internet invokes it directly, without API Gateway and without entering its VPC (R11.7)", f.ID, url, u.AuthType))
	cond, denied := urlConditions(f, u)
	for _, p := range a.Packets {
		for _, c := range cond {
			p.Warnings = append(p.Warnings, "only if: "+c)
		}
		if denied != "" && p.Verdict == reach.Reachable {
			p.Verdict = reach.Blocked
			p.Explanations = append(p.Explanations, reach.Explanation{Code: "FUNCTION_URL_FORBIDDEN", Component: f.ID, Direction: reach.DirForward,
				Detail: denied, Fix: "add a resource-based policy statement allowing lambda:InvokeFunctionUrl for Principal * with the condition lambda:FunctionUrlAuthType = NONE, or use AuthType AWS_IAM"})
		}
	}
	if denied != "" && a.Verdict == reach.Reachable {
		a.Verdict = reach.Blocked
	}
	return a, nil
}

func regionOf(f *model.LambdaFunction) string {
	if f.Region != "" {
		return f.Region
	}
	return "<region>"
}

// urlConditions: AWS_IAM needs a signed request (a stated condition); NONE
// needs a resource policy that lets everyone call lambda:InvokeFunctionUrl
// (decided when the input has the policy, a condition when it lacks it).
func urlConditions(f *model.LambdaFunction, u model.FunctionURL) (conds []string, denied string) {
	if strings.EqualFold(u.AuthType, "AWS_IAM") {
		return []string{"the request is signed with Signature Version 4 by a principal whose IAM policy allows lambda:InvokeFunctionUrl on " + f.ID + " (AuthType AWS_IAM, R11.7)"}, ""
	}
	doc := f.Policy
	if u.Qualifier != "" {
		doc = f.QualifierPolicies[u.Qualifier]
	}
	if doc == "" {
		return []string{"the resource-based policy of " + f.ID + " (not in the input) lets everyone call lambda:InvokeFunctionUrl (AuthType NONE needs it, R11.7)"}, ""
	}
	pol, err := policy.Parse(doc)
	if err != nil {
		return []string{"the resource-based policy of " + f.ID + " (which does not parse) lets everyone call lambda:InvokeFunctionUrl"}, ""
	}
	d := pol.Evaluate(policy.Request{Action: "lambda:InvokeFunctionUrl", Resource: f.ARN, Principal: "*",
		Context: map[string]string{"lambda:FunctionUrlAuthType": "NONE"}})
	switch d.Effect {
	case policy.Allow:
		return nil, ""
	case policy.Unknown:
		return []string{"the resource-based policy of " + f.ID + " allows the call: " + strings.Join(d.Unsupported, "; ")}, ""
	}
	return nil, fmt.Sprintf("the function URL's auth type is NONE, but the resource-based policy of %s does not let everyone call lambda:InvokeFunctionUrl (%s): Lambda answers 403 Forbidden (R11.7)", f.ID, d.Reason)
}

// urlTarget returns the function with a function URL that dst names, when
// the question is an HTTPS one (no port, or 443).
func (k *Asker) urlTarget(dst Endpoint, q Query) (*model.LambdaFunction, bool) {
	if dst.Kind != KindLambda && dst.Kind != KindLambdaOutsideVPC {
		return nil, false
	}
	if q.Port != -1 && q.Port != 443 {
		return nil, false
	}
	if p := strings.ToLower(q.Proto); p != "" && p != "tcp" && p != "any" {
		return nil, false
	}
	f, ok := model.Lookup[*model.LambdaFunction](k.n.Index, dst.ID)
	return f, ok && len(f.URLs) > 0
}

// FunctionURLExposure lists every Lambda function URL as internet exposure
// (R11.7): HTTPS 443 from every address; AuthType AWS_IAM and a policy the
// input lacks are stated as conditions; a URL the function's policy closes
// is left out.
func (k *Asker) FunctionURLExposure() []scan.Exposure {
	var out []scan.Exposure
	for _, f := range k.n.Snap.LambdaFunctions {
		for _, u := range f.URLs {
			conds, denied := urlConditions(f, u)
			if denied != "" {
				continue
			}
			x := scan.Exposure{ENI: "function-url:" + f.ID, Label: "Lambda function URL of " + f.Label() + " (auth type " + u.AuthType + ")",
				Entries: []scan.Entry{{Proto: "tcp", Ports: "443", PeerKind: "internet", Peer: "internet", CIDRs: []string{"0.0.0.0/0", "::/0"},
					Via: "Lambda's function URL front end"}}}
			x.Conditions = conds
			out = append(out, x)
		}
	}
	return out
}
