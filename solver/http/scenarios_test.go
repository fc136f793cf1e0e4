package http

import (
	"slices"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/network"
)

// example loads a built-in scenario; edit changes it before it is compiled.
func example(t *testing.T, name string, edit func(s *model.Snapshot)) *model.Snapshot {
	t.Helper()
	s, ds, err := scenarios.LoadExample(name)
	if err != nil {
		t.Fatalf("%v\n%v", err, ds)
	}
	if edit != nil {
		edit(s)
	}
	model.Derive(s)
	model.Validate(s)
	return s
}

func call(t *testing.T, s *model.Snapshot, from, apiName string) *Answer {
	t.Helper()
	n := network.Compile(s)
	api, ok := FindAPI(s, n.Index, apiName)
	if !ok {
		t.Fatalf("API %s not found", apiName)
	}
	a, err := New(n, dns.New(n)).Call(from, api, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// method returns the first method of a form (for the vpce forms: of endpoint vpce).
func method(t *testing.T, a *Answer, f Form) Method {
	t.Helper()
	for _, m := range a.Methods {
		if m.Form == f {
			return m
		}
	}
	t.Fatalf("no %s method in %+v", f, a.Methods)
	return Method{}
}

func wantMethod(t *testing.T, m Method, status int, code string) {
	t.Helper()
	if m.Status != status {
		t.Errorf("%s: status %d, want %d\n%s", m.Form, m.Status, status, describe(m))
	}
	if code == "" && !m.Works() {
		t.Errorf("%s does not work:\n%s", m.Form, describe(m))
	}
	if code != "" && !slices.ContainsFunc(m.Reasons, func(r Reason) bool { return string(r.Code) == code }) {
		t.Errorf("%s: want reason %s\n%s", m.Form, code, describe(m))
	}
}

func describe(m Method) string {
	var b strings.Builder
	b.WriteString(m.URL + " " + strings.Join(m.Headers, " ") + " -> " + m.Verdict.String() + "\n")
	for _, s := range m.Steps {
		b.WriteString("  step: " + s + "\n")
	}
	for _, r := range m.Reasons {
		b.WriteString("  why: " + r.Code.String() + " " + r.Component + ": " + r.Detail + " fix: " + r.Fix + "\n")
	}
	return b.String()
}

// S1: on premises -> private API over Direct Connect, private DNS on,
// forwarder to the inbound Resolver endpoint (R10.15, R7.12, R9.5a, R9.7, R9.4, R9.10).
func TestS1_OnPremPrivateAPIPrivateDNSOn(t *testing.T) {
	a := call(t, example(t, "serverless-hybrid", nil), "onprem", "private-api")
	if !a.Reachable() {
		t.Fatalf("want reachable: %+v", a)
	}
	m := method(t, a, FormDefault)
	wantMethod(t, m, 200, "")
	if m.Via != "vpce-0a1b2c3d4e5f67890" {
		t.Errorf("via %q, want the execute-api endpoint", m.Via)
	}
	if got := m.DNS.Addresses(); !slices.Equal(got, []string{"10.10.1.10", "10.10.2.10"}) {
		t.Errorf("DNS answer %v, want the endpoint IPs", got)
	}
	if m.Packet == nil || !m.Packet.Reachable() || len(m.Packet.Return) == 0 {
		t.Errorf("want the packet path there and back: %+v", m.Packet)
	}
	// The endpoint-specific name works too (R9.5b), whatever private DNS says.
	wantMethod(t, method(t, a, FormVPCEHost), 200, "")
	wantMethod(t, method(t, a, FormVPCEAPIID), 200, "")
	// The alias is answered by the wildcard private DNS zone, but it names an
	// association the API does not have (R9.5c).
	wantMethod(t, method(t, a, FormAlias), 403, "API_NOT_ASSOCIATED")
}

// S1 variant (a): without the forwarder the default name resolves publicly
// and the public front end rejects a private API with 403 (R9.7).
func TestS1a_NoForwarderPublicFrontEnd403(t *testing.T) {
	s := example(t, "serverless-hybrid", func(s *model.Snapshot) {
		for _, d := range s.DNSServers {
			d.Forwarders = nil
		}
	})
	a := call(t, s, "onprem", "private-api")
	wantMethod(t, method(t, a, FormDefault), 403, "PRIVATE_API_VIA_PUBLIC_ENDPOINT")
	if !a.Reachable() {
		t.Errorf("the vpce- name with a Host header still works (R9.5b, R9.7)")
	}
}

// S1 variant (c): the inbound endpoint's SG does not admit the on-premises
// resolver: the query times out, nothing is resolved (R10.15).
func TestS1c_InboundEndpointSGBlocksDNS(t *testing.T) {
	s := example(t, "serverless-hybrid", func(s *model.Snapshot) {
		for _, sg := range s.SecurityGroups {
			if sg.ID == "sg-dns" {
				sg.Ingress = nil
			}
		}
	})
	a := call(t, s, "onprem", "private-api")
	wantMethod(t, method(t, a, FormDefault), 0, "DNS_NOT_RESOLVED")
}

// S2: private DNS off: the default name gets 403 from the public front end;
// the vpce- name with Host or x-apigw-api-id works (R7.11, R9.5b, R9.7).
func TestS2_PrivateDNSOffVPCENameAndHostHeader(t *testing.T) {
	a := call(t, example(t, "private-dns-off", nil), "onprem", "private-api")
	if !a.Reachable() {
		t.Fatalf("want reachable through the vpce- name")
	}
	wantMethod(t, method(t, a, FormDefault), 403, "PRIVATE_API_VIA_PUBLIC_ENDPOINT")
	host := method(t, a, FormVPCEHost)
	wantMethod(t, host, 200, "")
	if !strings.HasPrefix(host.URL, "https://vpce-0a1b2c3d4e5f67890-") || !slices.Contains(host.Headers, "Host: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com") {
		t.Errorf("recipe %s %v", host.URL, host.Headers)
	}
	wantMethod(t, method(t, a, FormVPCEAPIID), 200, "")
	wantMethod(t, method(t, a, FormAlias), 0, "DNS_NOT_RESOLVED")
}

// S2 (e): once the API lists the endpoint in vpcEndpointIds, the
// {api-id}-{vpce-id} alias resolves publicly to the endpoint and works (R9.5c).
func TestS2e_AliasAfterAssociation(t *testing.T) {
	s := example(t, "private-dns-off", func(s *model.Snapshot) {
		s.RestAPIs[0].VPCEndpointIDs = []string{"vpce-0a1b2c3d4e5f67890"}
	})
	m := method(t, call(t, s, "onprem", "private-api"), FormAlias)
	wantMethod(t, m, 200, "")
	if m.URL != "https://a1b2c3d4e5-vpce-0a1b2c3d4e5f67890.execute-api.us-east-1.amazonaws.com/prod/" {
		t.Errorf("alias URL %s", m.URL)
	}
}

// S5: the execute-api endpoint's private DNS captures a public Regional
// API's default name; the endpoint answers 403 (R9.8, R7.12, R9.3).
func TestS5_PrivateDNSCapturesPublicAPI(t *testing.T) {
	a := call(t, example(t, "public-api-gotcha", nil), "web", "public-api")
	if a.Reachable() {
		t.Fatalf("want blocked")
	}
	m := method(t, a, FormDefault)
	wantMethod(t, m, 403, "API_NOT_PRIVATE")
	if m.Address != "10.40.1.10" || m.Via != "vpce-0d40000000000001" {
		t.Errorf("want the request delivered to the endpoint: %s via %s", m.Address, m.Via)
	}
	if !strings.Contains(m.Reasons[0].Fix, "private DNS off") {
		t.Errorf("fix should say what to change: %s", m.Reasons[0].Fix)
	}
}

// S5 (d): with private DNS off the default name resolves publicly and the
// call goes out through the NAT gateway to the public front end: 200.
func TestS5d_PrivateDNSOffPublicAPIWorks(t *testing.T) {
	s := example(t, "public-api-gotcha", func(s *model.Snapshot) { s.VPCEndpoints[0].PrivateDNSEnabled = false })
	a := call(t, s, "web", "public-api")
	m := method(t, a, FormDefault)
	wantMethod(t, m, 200, "")
	if !strings.Contains(m.Lands, "public front end") {
		t.Errorf("lands on %s", m.Lands)
	}
}

// S5 (c): an API in another Region is not covered by the endpoint's zone (R9.8).
func TestS5c_OtherRegionNotCaptured(t *testing.T) {
	s := example(t, "public-api-gotcha", func(s *model.Snapshot) { s.RestAPIs[0].Region = "us-west-2" })
	wantMethod(t, method(t, call(t, s, "web", "public-api"), FormDefault), 200, "")
}

// S29: cross-account private API whose resource policy names another
// endpoint: the consumer's endpoint gets an explicit deny (R9.10, R9.11, R7.17).
func TestS29_ResourcePolicyNamesWrongEndpoint(t *testing.T) {
	s := example(t, "serverless-hybrid", func(s *model.Snapshot) {
		s.RestAPIs[0].Policy = strings.ReplaceAll(s.RestAPIs[0].Policy, "vpce-0a1b2c3d4e5f67890", "vpce-0c0c0c0c0c0c0c0c0")
	})
	a := call(t, s, "onprem", "private-api")
	if a.Reachable() {
		t.Fatal("want blocked by the resource policy")
	}
	m := method(t, a, FormDefault)
	wantMethod(t, m, 403, "POLICY_DENY")
	if !strings.Contains(m.Reasons[0].Detail, "explicit deny") {
		t.Errorf("want the explicit deny named: %s", m.Reasons[0].Detail)
	}
}

// R9.4 item 4: a private API without a resource policy denies every call.
func TestR9_4_NoResourcePolicyDenies(t *testing.T) {
	s := example(t, "serverless-hybrid", func(s *model.Snapshot) { s.RestAPIs[0].Policy = "" })
	wantMethod(t, method(t, call(t, s, "onprem", "private-api"), FormDefault), 403, "API_NO_RESOURCE_POLICY")
}

// R9.4 item 3: an endpoint policy that does not allow the API blocks it.
func TestR9_4_EndpointPolicyDenies(t *testing.T) {
	s := example(t, "serverless-hybrid", func(s *model.Snapshot) {
		for _, ep := range s.VPCEndpoints {
			if ep.ID == "vpce-0a1b2c3d4e5f67890" {
				ep.Policy = `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:222222222222:*"}]}`
			}
		}
	})
	wantMethod(t, method(t, call(t, s, "onprem", "private-api"), FormDefault), 403, "POLICY_DENY")
}

// R9.4 item 5: an undeployed stage is refused.
func TestR9_4_StageNotDeployed(t *testing.T) {
	s := example(t, "serverless-hybrid", nil)
	n := network.Compile(s)
	api, _ := FindAPI(s, n.Index, "private-api")
	a, err := New(n, dns.New(n)).Call("onprem", api, Options{Stage: "dev"})
	if err != nil {
		t.Fatal(err)
	}
	wantMethod(t, method(t, a, FormDefault), 403, "STAGE_NOT_DEPLOYED")
}

// S30: a private custom domain without a domain name access association
// for the client's endpoint is rejected; with it the call works (R9.9).
func TestS30_PrivateCustomDomainNeedsAccessAssociation(t *testing.T) {
	withDomain := func(assoc []string) func(s *model.Snapshot) {
		return func(s *model.Snapshot) {
			d := &model.DomainName{DomainName: "api.internal.example.com", EndpointTypes: []string{"PRIVATE"},
				Policy: `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*",
				 "Condition":{"StringEquals":{"aws:SourceVpce":"vpce-0a1b2c3d4e5f67890"}}}]}`,
				Mappings: []model.BasePathMapping{{API: "a1b2c3d4e5", Stage: "prod"}}, AccessAssociations: assoc}
			d.ID, d.Account, d.Region = "api.internal.example.com", "111111111111", "us-east-1"
			s.DomainNames = append(s.DomainNames, d)
			// On premises resolves the name to the endpoint (a zone on its DNS server).
			for _, srv := range s.DNSServers {
				srv.Forwarders = append(srv.Forwarders, model.ConditionalForwarder{Domain: "api.internal.example.com", Targets: srv.Forwarders[0].Targets})
			}
			s.HostedZones = append(s.HostedZones, phz("api.internal.example.com", "vpc-0a10000000000a001", "10.10.1.10"))
		}
	}
	m := method(t, call(t, example(t, "serverless-hybrid", withDomain(nil)), "onprem", "private-api"), FormDomain)
	wantMethod(t, m, 403, "DOMAIN_NO_ACCESS_ASSOCIATION")
	m = method(t, call(t, example(t, "serverless-hybrid", withDomain([]string{"vpce-0a1b2c3d4e5f67890"})), "onprem", "private-api"), FormDomain)
	wantMethod(t, m, 200, "")
}

func phz(name, vpc, ip string) *model.HostedZone {
	z := &model.HostedZone{ZoneName: name, Private: true, VPCs: []model.ZoneVPC{{VPC: vpc}},
		Records: []model.RecordSet{{Name: name, Type: "A", TTL: 60, Values: []string{ip}}}}
	z.ID = "Z" + strings.ToUpper(strings.ReplaceAll(name, ".", ""))
	return z
}

// S31: a Lambda function outside any VPC calls from AWS's network with public
// DNS: a private API is out of reach (R11.1, R9.3).
func TestS31_LambdaOutsideVPCCannotCallPrivateAPI(t *testing.T) {
	s := example(t, "serverless-hybrid", func(s *model.Snapshot) {
		f := &model.LambdaFunction{Runtime: "python3.12"}
		f.ID, f.Name = "fn-x", "fn-x"
		s.LambdaFunctions = append(s.LambdaFunctions, f)
	})
	a := call(t, s, "fn-x", "private-api")
	if a.Reachable() {
		t.Fatal("a function outside a VPC cannot call a private API")
	}
	wantMethod(t, method(t, a, FormDefault), 403, "PRIVATE_API_VIA_PUBLIC_ENDPOINT")
	if len(a.Warnings) == 0 || !strings.Contains(a.Warnings[0], "R11.1") {
		t.Errorf("want the R11.1 note: %v", a.Warnings)
	}
}

// S33: API Gateway invokes a VPC-attached function without any network path;
// the function's resource policy decides (R11.4).
func TestS33_LambdaIntegrationNeedsResourcePolicy(t *testing.T) {
	allow := `{"Statement":[{"Effect":"Allow","Principal":{"Service":"apigateway.amazonaws.com"},"Action":"lambda:InvokeFunction","Resource":"*",
	  "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/*"}}}]}`
	for _, tc := range []struct {
		policy, want string
	}{
		{allow, "resource policy allows apigateway.amazonaws.com"},
		{strings.ReplaceAll(allow, "a1b2c3d4e5", "zzzzzzzzzz"), "invocation FAILS"},
		{"", "not in the snapshot"},
	} {
		s := example(t, "serverless-hybrid", func(s *model.Snapshot) { s.LambdaFunctions[0].Policy = tc.policy })
		a := call(t, s, "onprem", "private-api")
		if len(a.Backend) != 1 || !strings.Contains(a.Backend[0], tc.want) {
			t.Errorf("policy %.40q: backend %v, want %q", tc.policy, a.Backend, tc.want)
		}
	}
}
