package dns

import (
	"net/netip"
	"strings"
	"testing"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
)

// inboundEndpoint adds an inbound Resolver endpoint with one address in subnet, guarded by sg.
func inboundEndpoint(b *fixture.B, id, vpc, subnet, ip, sg string) {
	e := b.ENI("eni-"+id, vpc, subnet, []string{ip}, sg)
	e.OwnerKind, e.OwnerID = model.OwnerResolverEndpoint, id
	b.S.ResolverEndpoints = append(b.S.ResolverEndpoints, &model.ResolverEndpoint{Meta: model.Meta{ID: id, Account: "111111111111", Region: "us-east-1"},
		Direction: "INBOUND", VPC: vpc, SecurityGroups: []string{sg}, IPs: []model.ResolverIP{{Subnet: subnet, IP: netip.MustParseAddr(ip), ENI: e.ID}}})
}

// interfaceEndpoint adds an interface endpoint for service with one ENI at ip
// and its Regional endpoint-specific DNS name (R7.11).
func interfaceEndpoint(b *fixture.B, id, vpc, subnet, ip, service string, privateDNS bool, sg string) *model.VPCEndpoint {
	e := b.ENI("eni-"+id, vpc, subnet, []string{ip}, sg)
	e.OwnerKind, e.OwnerID = model.OwnerInterfaceEndpoint, id
	svc := "com.amazonaws.us-east-1." + service
	ep := &model.VPCEndpoint{Meta: model.Meta{ID: id, Account: "111111111111", Region: "us-east-1"}, VPC: vpc, Type: model.EndpointInterface,
		ServiceName: svc, State: "available", Subnets: []string{subnet}, ENIs: []string{e.ID}, SecurityGroups: []string{sg},
		PrivateDNSEnabled: privateDNS, DNSEntries: []model.DNSEntry{{Name: id + "-abcd1234." + service + ".us-east-1.vpce.amazonaws.com"}}}
	b.S.VPCEndpoints = append(b.S.VPCEndpoints, ep)
	return ep
}

// sgDNS returns the serverless-hybrid example with sg-dns (the inbound
// endpoint's group) allowing only the given protocols from the on-premises server.
func sgDNS(t *testing.T, protos ...string) *Resolver {
	s := example(t, "serverless-hybrid")
	for _, sg := range s.SecurityGroups {
		if sg.ID != "sg-dns" {
			continue
		}
		var keep []model.SGRule
		for _, r := range sg.Ingress {
			for _, p := range protos {
				if r.Protocol.String() == p {
					keep = append(keep, r)
				}
			}
		}
		sg.Ingress = keep
	}
	return compile(t, s)
}

// TestS1TCP53Fallback_R10_15: the forwarder -> inbound endpoint hop is
// checked on udp/53 and tcp/53. UDP decides; TCP blocked is a warning.
func TestS1TCP53Fallback_R10_15(t *testing.T) {
	api := "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
	t.Run("S1 both protocols open: no warning", func(t *testing.T) {
		res := resolve(t, sgDNS(t, "udp", "tcp"), "onprem", api, mdns.TypeA)
		if !res.Resolved() || len(res.Warnings) != 0 {
			t.Errorf("got %s %v warnings %q\n%s", res.RcodeString(), res.Addresses(), res.Warnings, chainText(res))
		}
		if c := chainText(res); !strings.Contains(c, "udp/53 192.168.10.5") || !strings.Contains(c, "tcp/53 192.168.10.5") {
			t.Errorf("chain lacks the udp/53 and tcp/53 checks:\n%s", c)
		}
	})
	t.Run("S1 R10.15 sg-dns allows only UDP: resolves, warns that TCP fallback is blocked by sg-dns", func(t *testing.T) {
		res := resolve(t, sgDNS(t, "udp"), "onprem", api, mdns.TypeA)
		if got := strings.Join(res.Addresses(), " "); got != "10.10.1.10 10.10.2.10" {
			t.Errorf("got %s %q\n%s", res.RcodeString(), got, chainText(res))
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "tcp/53") || !strings.Contains(res.Warnings[0], "blocked by sg-dns") {
			t.Errorf("want one warning naming tcp/53 and sg-dns, got %q", res.Warnings)
		}
		if j := res.ToJSON(); len(j.Warnings) != 1 {
			t.Errorf("JSON warnings = %q", j.Warnings)
		}
	})
	t.Run("S1c R10.15 sg-dns allows only TCP: SERVFAIL naming sg-dns", func(t *testing.T) {
		res := resolve(t, sgDNS(t, "tcp"), "onprem", api, mdns.TypeA)
		if res.Rcode != mdns.RcodeServerFailure || res.Resolved() {
			t.Errorf("got %s %v, want SERVFAIL", res.RcodeString(), res.Addresses())
		}
		if c := chainText(res); !strings.Contains(c, "no forwarder target answers on udp/53 (blocked by sg-dns") {
			t.Errorf("the failure does not name sg-dns:\n%s", c)
		}
	})
}

// hubS1b builds S1 variant (b): the on-premises server forwards the
// execute-api domain to an inbound endpoint in hub 10.200.0.0/16; the
// execute-api endpoint (private DNS on) is in the hub or in another VPC.
func hubS1b(t *testing.T, endpointInHub bool) *Resolver {
	b := hybrid("vpc-hub", "10.200.0.0/16", "subnet-hub")
	b.SG("sg-dns", "vpc-hub", "in udp 53 192.168.10.0/24", "in tcp 53 192.168.10.0/24")
	inboundEndpoint(b, "rslvr-in-hub", "vpc-hub", "subnet-hub", "10.200.1.53", "sg-dns")
	b.S.DNSServers[0].Forwarders = []model.ConditionalForwarder{{Domain: "execute-api.us-east-1.amazonaws.com",
		Targets: []netip.Addr{netip.MustParseAddr("10.200.1.53")}}}
	b.SG("sg-vpce", "vpc-hub", "in tcp 443 192.168.0.0/16")
	if endpointInHub {
		interfaceEndpoint(b, "vpce-hub", "vpc-hub", "subnet-hub", "10.200.1.10", "execute-api", true, "sg-vpce")
	} else {
		b.VPC("vpc-api", "10.10.0.0/16")
		b.Subnet("subnet-api", "vpc-api", "10.10.1.0/24", "us-east-1a")
		b.SG("sg-api", "vpc-api", "in tcp 443 192.168.0.0/16")
		interfaceEndpoint(b, "vpce-api", "vpc-api", "subnet-api", "10.10.1.10", "execute-api", true, "sg-api")
	}
	return compile(t, b.S)
}

func TestS1bInboundEndpointInHubWithoutEndpoint(t *testing.T) {
	api := "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
	r := hubS1b(t, false)
	check(t, r, []want{
		{test: "S1b R10.15 R7.12 hub without an execute-api endpoint: public answer", from: "dns-1", name: api,
			addrs: []string{placeholderFor(r, api)}, chainHas: "answered as from vpc-hub"},
		{test: "S1b R7.12 the endpoint VPC itself still gets its private answer", from: "vpc-api", name: api, addrs: []string{"10.10.1.10"}},
	})
	check(t, hubS1b(t, true), []want{
		{test: "S1b R10.15 R10.17 endpoint in the inbound endpoint's VPC: private answer", from: "dns-1", name: api,
			addrs: []string{"10.200.1.10"}, chainHas: "private DNS of interface endpoint vpce-hub"},
	})
}

// hubSpokeS26 builds S26: hub 10.200.0.0/16 with an SQS interface endpoint
// (10.200.3.10), spoke 10.1.0.0/16, both attached to one TGW.
func hubSpokeS26(t *testing.T, privateDNS, customerPHZ bool) *Resolver {
	b := fixture.New()
	b.VPC("vpc-hub", "10.200.0.0/16")
	b.VPC("vpc-spoke", "10.1.0.0/16")
	b.Subnet("subnet-hub", "vpc-hub", "10.200.3.0/24", "us-east-1a")
	b.Subnet("subnet-spoke", "vpc-spoke", "10.1.1.0/24", "us-east-1a")
	b.TGW("tgw-1")
	b.TGWAttach("tgw-attach-hub", "tgw-1", "vpc-hub", "subnet-hub")
	b.TGWAttach("tgw-attach-spoke", "tgw-1", "vpc-spoke", "subnet-spoke")
	b.TGWTable("tgw-rtb", "tgw-1", []string{"tgw-attach-hub", "tgw-attach-spoke"}, []string{"tgw-attach-hub", "tgw-attach-spoke"})
	b.RT("rtb-hub", "vpc-hub", true, []string{"subnet-hub"}, "10.1.0.0/16 tgw-1")
	b.RT("rtb-spoke", "vpc-spoke", true, []string{"subnet-spoke"}, "10.200.0.0/16 tgw-1")
	b.SG("sg-sqs", "vpc-hub", "in tcp 443 10.0.0.0/8")
	b.OpenSG("sg-app", "vpc-spoke")
	b.ENI("eni-app", "vpc-spoke", "subnet-spoke", []string{"10.1.1.10"}, "sg-app")
	ep := interfaceEndpoint(b, "vpce-sqs", "vpc-hub", "subnet-hub", "10.200.3.10", "sqs", privateDNS, "sg-sqs")
	if customerPHZ {
		phz(b, "Z-SQS", "sqs.us-east-1.amazonaws.com", []string{"vpc-spoke", "vpc-hub"},
			model.RecordSet{Name: "sqs.us-east-1.amazonaws.com", Type: "A", Alias: &model.AliasTarget{DNSName: ep.DNSEntries[0].Name}})
	}
	return compile(t, b.S)
}

func TestS26HubEndpointFromSpokeOverTGW(t *testing.T) {
	sqs := "sqs.us-east-1.amazonaws.com"
	r := hubSpokeS26(t, true, false)
	check(t, r, []want{
		{test: "S26 R7.12 the managed zone is hub-only: the spoke gets the public answer", from: "eni-app", name: sqs,
			addrs: []string{placeholderFor(r, sqs)}, chainHas: "public DNS"},
		{test: "S26 R7.12 inside the hub the endpoint answers", from: "vpc-hub", name: sqs, addrs: []string{"10.200.3.10"}},
	})
	check(t, hubSpokeS26(t, false, true), []want{
		{test: "S26 R10.18 private DNS off + customer PHZ alias associated with spoke: the endpoint IP", from: "eni-app", name: sqs,
			addrs: []string{"10.200.3.10"}, chainHas: "alias"},
		{test: "S26 R10.18 and with the hub", from: "vpc-hub", name: sqs, addrs: []string{"10.200.3.10"}},
	})
}

// TestRSLVR00804RuleTargetingOwnInboundEndpoint: a forwarding rule whose
// target is an inbound endpoint of the associated VPC is refused by AWS
// (R10.16, RSLVR-00804); the association is reported and ignored, so the
// name is resolved by the VPC's own data instead of looping.
func TestRSLVR00804RuleTargetingOwnInboundEndpoint(t *testing.T) {
	b := hybrid("vpc-D", "10.130.0.0/16", "subnet-d")
	b.OpenSG("sg-open", "vpc-D")
	b.ENI("eni-host", "vpc-D", "subnet-d", []string{"10.130.1.10"}, "sg-open")
	outbound(b, "vpc-D", "subnet-d", "10.130.1.54", "sg-open", "corp.example.com", "vpc-D")
	inboundEndpoint(b, "rslvr-in-1", "vpc-D", "subnet-d", "10.130.1.53", "sg-open")
	b.S.ResolverRules[0].Targets = []model.RuleTarget{{IP: netip.MustParseAddr("10.130.1.53")}}
	phz(b, "Z-PHZ", "corp.example.com", []string{"vpc-D"}, a("app.corp.example.com", "10.130.5.5"))
	r := compile(t, b.S)
	if len(r.Diagnostics) != 1 || !strings.Contains(r.Diagnostics[0].Message, "RSLVR-00804") ||
		r.Diagnostics[0].Severity != model.SevWarning || r.Diagnostics[0].Resource != "rslvr-rr-1" {
		t.Fatalf("want one RSLVR-00804 warning on rslvr-rr-1, got %v", r.Diagnostics)
	}
	check(t, r, []want{
		{test: "R10.16 RSLVR-00804 association ignored: the PHZ answers, no loop", from: "eni-host", name: "app.corp.example.com",
			addrs: []string{"10.130.5.5"}, chainHas: "private hosted zone"},
	})
}

// TestS25TCP53OnOutboundEndpoint_R10_16: the outbound endpoint -> target hop
// is checked on both protocols; an egress rule for UDP only is a warning.
func TestS25TCP53OnOutboundEndpoint_R10_16(t *testing.T) {
	b := hybrid("vpc-H", "10.200.0.0/16", "subnet-h")
	b.OpenSG("sg-app", "vpc-H")
	b.ENI("eni-app", "vpc-H", "subnet-h", []string{"10.200.1.10"}, "sg-app")
	b.SG("sg-out", "vpc-H", "out udp 53 192.168.10.0/24")
	outbound(b, "vpc-H", "subnet-h", "10.200.1.53", "sg-out", "onprem.corp", "vpc-H")
	res := resolve(t, compile(t, b.S), "eni-app", "host.onprem.corp", mdns.TypeA)
	if got := strings.Join(res.Addresses(), " "); got != "192.168.60.6" {
		t.Errorf("got %s %q\n%s", res.RcodeString(), got, chainText(res))
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "10.200.1.53 -> 192.168.10.5") || !strings.Contains(res.Warnings[0], "blocked by sg-out") {
		t.Errorf("want a tcp/53 warning naming sg-out, got %q\n%s", res.Warnings, chainText(res))
	}
}
