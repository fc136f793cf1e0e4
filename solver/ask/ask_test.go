package ask

import (
	"errors"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// asker loads a built-in example (issue 15: the question layer over it).
func asker(t *testing.T, name string, overlay string) *Asker {
	t.Helper()
	s, ds, err := scenarios.LoadExample(name)
	if err != nil {
		t.Fatalf("%v\n%v", err, ds)
	}
	if overlay != "" {
		o, ds, err := scenarios.Load("overlay.yaml", []byte(overlay))
		if err != nil {
			t.Fatalf("%v\n%v", err, ds)
		}
		s.Merge(o)
	}
	model.Derive(s)
	model.Validate(s)
	return New(network.Compile(s))
}

// TestResolveKinds: every kind of name resolves to its typed endpoint.
func TestResolveKinds(t *testing.T) {
	k := asker(t, "serverless-hybrid", "")
	for _, tc := range []struct {
		name string
		want Kind
		id   string
	}{
		{"internet", KindInternet, ""},
		{"onprem", KindOnPrem, "onprem-dc"},
		{"onprem-dc", KindSite, "onprem-dc"},
		{"onprem-dns", KindDNSServer, "onprem-dns"},
		{"192.168.20.15", KindOnPremAddress, "onprem-dc"},
		{"93.184.215.14", KindInternetAddress, ""},
		{"10.10.0.2", KindResolver, ""},
		{"orders-fn", KindLambda, "orders-fn"},
		{"analytics-db", KindInstance, "i-analytics-db"},
		{"i-analytics-db", KindInstance, "i-analytics-db"},
		{"ssm", KindVPCEndpoint, "vpce-0a10000000000ssm"}, // a resource's Name wins over the service word
		{"sqs", KindService, ""},
		{"ecr.api", KindService, ""},
		{"private-api", KindAPI, "a1b2c3d4e5"},
		{"a1b2c3d4e5", KindAPI, "a1b2c3d4e5"},
		{"api-vpc", KindVPC, "vpc-0a10000000000a001"},
		{"private-a", KindSubnet, "subnet-a"},
		{"nat-0a10000000000001", KindNATGateway, "nat-0a10000000000001"},
	} {
		ep, err := k.Resolve(tc.name)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tc.name, err)
			continue
		}
		if ep.Kind != tc.want || (tc.id != "" && ep.ID != tc.id) {
			t.Errorf("Resolve(%q) = %s %s, want %s %s", tc.name, ep.Kind, ep.ID, tc.want, tc.id)
		}
	}
}

// TestNamesThatMatchNothing: never a guess; the nearest names when close (typos).
func TestNamesThatMatchNothing(t *testing.T) {
	k := asker(t, "serverless-hybrid", "")
	for _, tc := range []struct {
		name, want string
		close      bool
	}{
		{"privat-api", "private-api", true},
		{"orders-f", "orders-fn", true},
		{"web-1", "", false}, // not an AWS service: lower-case words are not taken as services
		{"lambda-urls", "", false},
	} {
		_, err := k.Resolve(tc.name)
		var ne *NameError
		if !errors.As(err, &ne) {
			t.Errorf("Resolve(%q) = %v, want a NameError", tc.name, err)
			continue
		}
		if ne.Close != tc.close || (tc.want != "" && (len(ne.Suggestions) == 0 || ne.Suggestions[0] != tc.want)) {
			t.Errorf("Resolve(%q): suggestions %v (close %v), want %q first (close %v)", tc.name, ne.Suggestions, ne.Close, tc.want, tc.close)
		}
		if tc.close && !strings.Contains(err.Error(), "did you mean") {
			t.Errorf("Resolve(%q): %v lacks did you mean", tc.name, err)
		}
	}
}

// TestAskDispatch: the question layer picks the solver by the ends (issue 15).
func TestAskDispatch(t *testing.T) {
	k := asker(t, "serverless-hybrid", "")
	for _, tc := range []struct {
		q    Query
		kind AnswerKind
		want reach.Verdict
	}{
		{Query{Src: "onprem", Dst: "private-api", Port: -1}, AnswerAPICall, reach.Reachable},                          // S1
		{Query{Src: "orders-fn", Dst: "analytics-db", Proto: "tcp", Port: 5432}, AnswerPacket, reach.Reachable},       // R4.1
		{Query{Src: "orders-fn", Dst: "analytics-db", Port: -1}, AnswerPorts, reach.Reachable},                        // which ports
		{Query{Src: "orders-fn", Dst: "sqs", Port: 443}, AnswerService, reach.Reachable},                              // R8.5 public front end via NAT
		{Query{Src: "onprem", Dst: "10.10.0.2", Proto: "udp", Port: 53}, AnswerPacket, reach.Blocked},                 // R10.1: the Resolver only from inside
		{Query{Src: "orders-fn", Dst: "analytics-db", Proto: "any", Port: 5432}, AnswerPacket, reach.Reachable},       // tcp or udp
		{Query{Src: "internet", Dst: "orders-fn", Proto: "tcp", Port: 443}, AnswerPacket, reach.Blocked},              // R8.3
		{Query{Src: "onprem", Dst: "private-api", Method: "GET", Path: "/x", Port: -1}, AnswerAPICall, reach.Blocked}, // R9.15
	} {
		a, err := k.Ask(tc.q)
		if err != nil {
			t.Errorf("%+v: %v", tc.q, err)
			continue
		}
		if a.Kind != tc.kind || a.Verdict != tc.want {
			t.Errorf("%s -> %s: %s %s, want %s %s", tc.q.Src, tc.q.Dst, a.Kind, a.Verdict, tc.kind, tc.want)
		}
	}
}

// TestAskErrors: questions that do not fit the ends are the user's errors.
func TestAskErrors(t *testing.T) {
	k := asker(t, "serverless-hybrid", "")
	for _, q := range []Query{
		{Src: "sqs", Dst: "orders-fn", Port: 443},     // a service is no source
		{Src: "onprem", Dst: "private-api", Port: 80}, // an API call is HTTPS on 443
		{Src: "onprem", Dst: "private-api", Proto: "udp", Port: -1},
		{Src: "onprem", Dst: "10.10.1.10", Proto: "gre", Port: 1},
		{Src: "onprem", Dst: "10.10.1.10", Port: 70000},
	} {
		if _, err := k.Ask(q); err == nil {
			t.Errorf("%+v: no error", q)
		}
	}
}

// TestFunctionURL: a function URL is a public door (R11.7): NONE reachable
// with the missing policy as a condition, AWS_IAM with the signature as one,
// a policy that does not open the URL blocks.
func TestFunctionURL(t *testing.T) {
	k := asker(t, "serverless-hybrid", `netverify: v1
lambdaFunctions:
  - {name: open-fn, url: {authType: NONE}}
  - {name: iam-fn, url: {authType: AWS_IAM}}
  - name: public-fn
    url: {authType: NONE}
    policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunctionUrl","Resource":"*","Condition":{"StringEquals":{"lambda:FunctionUrlAuthType":"NONE"}}}]}'
  - name: closed-fn
    url: {authType: NONE}
    policy: '{"Statement":[{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"*"}]}'
`)
	for _, tc := range []struct {
		fn, cond string
		want     reach.Verdict
	}{
		{"open-fn", "not in the input", reach.Reachable},
		{"iam-fn", "Signature Version 4", reach.Reachable},
		{"public-fn", "", reach.Reachable},
		{"closed-fn", "", reach.Blocked},
	} {
		a, err := k.Ask(Query{Src: "internet", Dst: tc.fn, Port: -1})
		if err != nil {
			t.Fatal(err)
		}
		warn := strings.Join(a.Packets[0].Warnings, "\n")
		if a.Kind != AnswerFunctionURL || a.Verdict != tc.want || (tc.cond != "" && !strings.Contains(warn, tc.cond)) || (tc.cond == "" && strings.Contains(warn, "only if")) {
			t.Errorf("internet -> %s: %s %s %q, want %s with %q", tc.fn, a.Kind, a.Verdict, warn, tc.want, tc.cond)
		}
	}
	exp := k.FunctionURLExposure()
	if len(exp) != 3 {
		t.Errorf("exposure lists %d function URLs, want 3 (closed-fn is closed)", len(exp))
	}
}
