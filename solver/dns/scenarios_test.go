package dns

import (
	"net/netip"
	"slices"
	"strings"
	"testing"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/network"
)

// want is one expected resolution: from where, which name, which rcode and addresses.
type want struct {
	test, from, name string
	qtype            uint16
	rcode            int
	addrs            []string
	chainHas         string // a phrase the chain must contain
}

func check(t *testing.T, r *Resolver, tests []want) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.test, func(t *testing.T) {
			qt := tt.qtype
			if qt == 0 {
				qt = mdns.TypeA
			}
			res := resolve(t, r, tt.from, tt.name, qt)
			got := res.Addresses()
			if res.Rcode != tt.rcode || !slices.Equal(got, tt.addrs) {
				t.Errorf("%s from %s: got %s %v, want %s %v\n%s", tt.name, tt.from, res.RcodeString(), got,
					mdns.RcodeToString[tt.rcode], tt.addrs, chainText(res))
			}
			if tt.chainHas != "" && !strings.Contains(chainText(res), tt.chainHas) {
				t.Errorf("chain lacks %q:\n%s", tt.chainHas, chainText(res))
			}
		})
	}
}

func compile(t testing.TB, s *model.Snapshot) *Resolver {
	t.Helper()
	model.Derive(s)
	if ds := model.Validate(s); ds.HasErrors() {
		t.Fatalf("invalid fixture: %v", ds)
	}
	return New(network.Compile(s))
}

func placeholderFor(r *Resolver, name string) string { return r.placeholder(name).String() }

func TestS1OnPremPrivateAPIThroughInboundEndpoint(t *testing.T) {
	r := loadExample(t, "serverless-hybrid")
	api := "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
	check(t, r, []want{
		{test: "S1 R10.15 R7.12 forwarder to inbound endpoint answers the endpoint IPs", from: "onprem", name: api,
			addrs: []string{"10.10.1.10", "10.10.2.10"}, chainHas: "answered as from vpc-0a10000000000a001"},
		{test: "S1 R10.15 AAAA is NODATA", from: "onprem", name: api, qtype: mdns.TypeAAAA},
		{test: "S1 zone file on the on-premises server", from: "onprem", name: "build.corp.example.com", addrs: []string{"192.168.20.40"}},
		{test: "S1 R7.12 inside the VPC the endpoint zone answers", from: "orders-fn", name: api, addrs: []string{"10.10.1.10", "10.10.2.10"}},
		{test: "S4 R7.12 SSM private DNS", from: "orders-fn", name: "ssm.us-east-1.amazonaws.com", addrs: []string{"10.10.1.20", "10.10.2.20"}},
		{test: "S1 R7.12 peered VPC gets the public answer", from: "analytics-db", name: api,
			addrs: []string{placeholderFor(r, api)}},
		{test: "R10.15 the inbound endpoint as origin", from: "rslvr-in-0f00000000000001", name: "ssm.us-east-1.amazonaws.com",
			addrs: []string{"10.10.1.20", "10.10.2.20"}},
	})
}

func TestS1VariantsFail(t *testing.T) {
	api := "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
	t.Run("S1a no forwarder: public answer", func(t *testing.T) {
		s := example(t, "serverless-hybrid")
		s.DNSServers[0].Forwarders = nil
		s.DNSServers[0].Recursion = true
		r := compile(t, s)
		check(t, r, []want{{test: "S1a", from: "onprem", name: api, addrs: []string{placeholderFor(r, api)}, chainHas: "public DNS"}})
	})
	t.Run("S1c inbound endpoint SG does not admit the on-premises server: SERVFAIL", func(t *testing.T) {
		s := example(t, "serverless-hybrid")
		for _, sg := range s.SecurityGroups {
			if sg.ID == "sg-dns" {
				for i := range sg.Ingress {
					sg.Ingress[i].CIDR = netip.MustParsePrefix("192.168.99.0/24")
				}
			}
		}
		r := compile(t, s)
		check(t, r, []want{{test: "S1c R10.15", from: "onprem", name: api, rcode: mdns.RcodeServerFailure, chainHas: "sg-dns"}})
	})
}

func example(t testing.TB, name string) *model.Snapshot {
	t.Helper()
	r := loadExample(t, name)
	return r.net.Snap
}

func TestS2PrivateDNSOff(t *testing.T) {
	r := loadExample(t, "private-dns-off")
	vpceName := "vpce-0a1b2c3d4e5f67890-x1y2z3w4.execute-api.us-east-1.vpce.amazonaws.com"
	api := "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"
	alias := "a1b2c3d4e5-vpce-0a1b2c3d4e5f67890.execute-api.us-east-1.amazonaws.com"
	check(t, r, []want{
		{test: "S2a R7.11 endpoint-specific name resolves publicly", from: "onprem", name: vpceName, addrs: []string{"10.10.1.10", "10.10.2.10"}},
		{test: "S2a R7.11 also from the internet", from: "internet", name: vpceName, addrs: []string{"10.10.1.10", "10.10.2.10"}},
		{test: "S2d default name: public answer", from: "internet", name: api, addrs: []string{placeholderFor(r, api)}},
		{test: "S2 R9.5c alias absent before the association", from: "internet", name: alias, rcode: mdns.RcodeNameError},
	})
	s := example(t, "private-dns-off")
	for _, a := range s.RestAPIs {
		a.VPCEndpointIDs = append(a.VPCEndpointIDs, "vpce-0a1b2c3d4e5f67890")
	}
	check(t, compile(t, s), []want{
		{test: "S2e R9.5c alias after the association", from: "internet", name: alias, addrs: []string{"10.10.1.10", "10.10.2.10"}},
	})
}

func TestS5PublicAPICapturedByEndpointWildcard(t *testing.T) {
	r := loadExample(t, "public-api-gotcha")
	west := "pub9876543.execute-api.us-west-2.amazonaws.com"
	check(t, r, []want{
		{test: "S5 R9.8 wildcard zone captures the public API", from: "web", name: "pub9876543.execute-api.us-east-1.amazonaws.com",
			addrs: []string{"10.40.1.10"}, chainHas: "R10.11"},
		{test: "S5c R9.8 other Region not captured", from: "web", name: west, addrs: []string{placeholderFor(r, west)}},
	})
	s := example(t, "public-api-gotcha")
	s.HostedZones = append(s.HostedZones, &model.HostedZone{Meta: model.Meta{ID: "Z-PUB", Account: "111111111111"}, ZoneName: "example.com",
		Records: []model.RecordSet{
			{Name: "api.example.com", Type: "A", Alias: &model.AliasTarget{DNSName: "d-abc123.execute-api.us-east-1.amazonaws.com"}},
			{Name: "cname.example.com", Type: "CNAME", TTL: 300, Values: []string{"d-abc123.execute-api.us-east-1.amazonaws.com"}},
			{Name: "loop1.example.com", Type: "CNAME", TTL: 300, Values: []string{"loop2.example.com"}},
			{Name: "loop2.example.com", Type: "CNAME", TTL: 300, Values: []string{"loop1.example.com"}},
		}})
	r2 := compile(t, s)
	d := "d-abc123.execute-api.us-east-1.amazonaws.com"
	check(t, r2, []want{
		{test: "S5a R10.13 alias answered inside Route 53 with public addresses", from: "web", name: "api.example.com", addrs: []string{placeholderFor(r2, d)}},
		{test: "S5b R10.13 CNAME chased into the wildcard zone", from: "web", name: "cname.example.com", addrs: []string{"10.40.1.10"}, chainHas: "CNAME"},
		{test: "R10.13 CNAME loop fails", from: "web", name: "loop1.example.com", rcode: mdns.RcodeServerFailure, chainHas: "loop"},
	})
	for _, e := range s.VPCEndpoints {
		e.PrivateDNSEnabled = false
	}
	r3 := compile(t, s)
	pub := "pub9876543.execute-api.us-east-1.amazonaws.com"
	check(t, r3, []want{{test: "S5d private DNS off: public answer", from: "web", name: pub, addrs: []string{placeholderFor(r3, pub)}}})
}

// hybrid builds a VPC with a subnet routed to an on-premises site over DX,
// an on-premises DNS server 192.168.10.5 holding corp.example.com and onprem.corp.
func hybrid(vpc, cidr, subnet string) *fixture.B {
	b := fixture.New()
	b.VPC(vpc, cidr)
	b.Subnet(subnet, vpc, strings.Replace(cidr, "0.0/16", "1.0/24", 1), "us-east-1a")
	b.VGW("vgw-1", vpc)
	b.RT("rtb-1", vpc, true, []string{subnet}, "192.168.0.0/16 vgw-1 propagated")
	site := b.SiteDX("dc", "dxvif-1", "vgw-1", "192.168.0.0/16")
	site.DNSServers = []string{"dns-1"}
	b.S.DNSServers = append(b.S.DNSServers, &model.DNSServer{Meta: model.Meta{ID: "dns-1", Account: "111111111111", Region: "us-east-1"},
		Site: "dc", IP: netip.MustParseAddr("192.168.10.5"), Zones: []model.ZoneFile{
			{Origin: "corp.example.com", Text: "$TTL 300\napp IN A 192.168.50.5\n"},
			{Origin: "onprem.corp", Text: "$TTL 300\nhost IN A 192.168.60.6\n"}}})
	return b
}

// outbound adds an outbound Resolver endpoint with one address and a forwarding rule.
func outbound(b *fixture.B, vpc, subnet, ip, sg, domain string, assoc ...string) {
	e := b.ENI("eni-out", vpc, subnet, []string{ip}, sg)
	e.OwnerKind, e.OwnerID = model.OwnerResolverEndpoint, "rslvr-out-1"
	b.S.ResolverEndpoints = append(b.S.ResolverEndpoints, &model.ResolverEndpoint{Meta: model.Meta{ID: "rslvr-out-1", Account: "111111111111", Region: "us-east-1"},
		Direction: "OUTBOUND", VPC: vpc, SecurityGroups: []string{sg}, IPs: []model.ResolverIP{{Subnet: subnet, IP: netip.MustParseAddr(ip), ENI: "eni-out"}}})
	b.S.ResolverRules = append(b.S.ResolverRules, &model.ResolverRule{Meta: model.Meta{ID: "rslvr-rr-1", Account: "111111111111", Region: "us-east-1"},
		DomainName: domain, RuleType: "FORWARD", Targets: []model.RuleTarget{{IP: netip.MustParseAddr("192.168.10.5")}},
		OutboundEndpoint: "rslvr-out-1", VPCs: assoc})
}

func phz(b *fixture.B, id, name string, vpcs []string, records ...model.RecordSet) {
	z := &model.HostedZone{Meta: model.Meta{ID: id, Account: "111111111111"}, ZoneName: name, Private: len(vpcs) > 0, Records: records}
	for _, v := range vpcs {
		z.VPCs = append(z.VPCs, model.ZoneVPC{VPC: v, Region: "us-east-1"})
	}
	b.S.HostedZones = append(b.S.HostedZones, z)
}

func a(name, ip string) model.RecordSet {
	return model.RecordSet{Name: name, Type: "A", TTL: 300, Values: []string{ip}}
}

func TestS21ForwardingRuleVersusPHZ(t *testing.T) {
	build := func(phzName string, rec model.RecordSet) *Resolver {
		b := hybrid("vpc-D", "10.130.0.0/16", "subnet-d")
		b.OpenSG("sg-out", "vpc-D")
		b.ENI("eni-host", "vpc-D", "subnet-d", []string{"10.130.1.10"}, "sg-out")
		outbound(b, "vpc-D", "subnet-d", "10.130.1.53", "sg-out", "corp.example.com", "vpc-D")
		if phzName != "" {
			phz(b, "Z-PHZ", phzName, []string{"vpc-D"}, rec)
		}
		return compile(t, b.S)
	}
	check(t, build("corp.example.com", a("app.corp.example.com", "10.130.5.5")), []want{
		{test: "S21 R10.11 custom rule wins the exact tie", from: "eni-host", name: "app.corp.example.com", addrs: []string{"192.168.50.5"}, chainHas: "forwarding rule"},
	})
	check(t, build("dev.corp.example.com", a("api.dev.corp.example.com", "10.130.6.6")), []want{
		{test: "S21a R10.11 more specific PHZ beats the parent rule", from: "eni-host", name: "api.dev.corp.example.com", addrs: []string{"10.130.6.6"}},
		{test: "S21a other names forwarded", from: "eni-host", name: "app.corp.example.com", addrs: []string{"192.168.50.5"}},
	})
	rs := build("", model.RecordSet{})
	rs.net.Snap.ResolverRules = append(rs.net.Snap.ResolverRules, &model.ResolverRule{Meta: model.Meta{ID: "rslvr-rr-sys"},
		DomainName: "dev.corp.example.com", RuleType: "SYSTEM", VPCs: []string{"vpc-D"}})
	check(t, New(rs.net), []want{
		{test: "S21b R10.12 system rule is not forwarded: public recursion", from: "eni-host", name: "build.dev.corp.example.com",
			rcode: mdns.RcodeNameError, chainHas: "system rule"},
	})
}

func TestS22SplitHorizonNXDOMAIN(t *testing.T) {
	b := fixture.New()
	b.VPC("vpc-1", "10.1.0.0/16")
	b.Subnet("subnet-1", "vpc-1", "10.1.1.0/24", "us-east-1a")
	b.OpenSG("sg-1", "vpc-1")
	b.ENI("eni-1", "vpc-1", "subnet-1", []string{"10.1.1.10"}, "sg-1")
	phz(b, "Z-PRIV", "example.com", []string{"vpc-1"}, a("intranet.example.com", "10.1.1.80"))
	phz(b, "Z-PUB", "example.com", nil, a("www.example.com", "203.0.113.80"))
	check(t, compile(t, b.S), []want{
		{test: "S22 R10.12 PHZ without the record: NXDOMAIN, no fall-back", from: "eni-1", name: "www.example.com", rcode: mdns.RcodeNameError},
		{test: "S22 R10.14 from the internet the public zone", from: "internet", name: "www.example.com", addrs: []string{"203.0.113.80"}},
		{test: "S22 R10.14 the private record", from: "vpc-1", name: "intranet.example.com", addrs: []string{"10.1.1.80"}},
		{test: "S22 NODATA for a missing type", from: "eni-1", name: "intranet.example.com", qtype: mdns.TypeAAAA},
	})
}

func ec2Fixture(region string, hostnames bool) *fixture.B {
	b := fixture.New()
	v := b.VPC("vpc-1", "10.0.0.0/16")
	v.EnableDNSHostnames = hostnames
	b.Subnet("subnet-1", "vpc-1", "10.0.1.0/24", region+"a")
	b.OpenSG("sg-1", "vpc-1")
	fixture.Public(b.ENI("eni-0abc1234def567890", "vpc-1", "subnet-1", []string{"10.0.1.25"}, "sg-1"), "54.10.20.30")
	b.S.Instances = append(b.S.Instances, &model.Instance{Meta: model.Meta{ID: "i-0abc1234def567890", Account: "111111111111", Region: region},
		VPC: "vpc-1", Subnet: "subnet-1", ENIs: []string{"eni-0abc1234def567890"}})
	b.S.Each(func(_ *model.KindInfo, r model.Resource) {
		if m := r.Base(); m.Region != "" {
			m.Region = region
		}
	})
	return b
}

func TestS23AmazonProvidedNames(t *testing.T) {
	r := compile(t, ec2Fixture("us-east-1", true).S)
	check(t, r, []want{
		{test: "S23 R10.5 IP-based private name", from: "eni-0abc1234def567890", name: "ip-10-0-1-25.ec2.internal", addrs: []string{"10.0.1.25"}},
		{test: "S23 R10.5 IP-based names answer A only", from: "eni-0abc1234def567890", name: "ip-10-0-1-25.ec2.internal", qtype: mdns.TypeAAAA},
		{test: "S23 R10.6 public name inside the VPC: private IP", from: "vpc-1", name: "ec2-54-10-20-30.compute-1.amazonaws.com", addrs: []string{"10.0.1.25"}},
		{test: "S23 R10.6 public name from the internet: public IP", from: "internet", name: "ec2-54-10-20-30.compute-1.amazonaws.com", addrs: []string{"54.10.20.30"}},
		{test: "S23 R10.5 resource-based name", from: "vpc-1", name: "i-0abc1234def567890.ec2.internal", addrs: []string{"10.0.1.25"}},
		{test: "S23 R10.1 private names are not public", from: "internet", name: "ip-10-0-1-25.ec2.internal", rcode: mdns.RcodeNameError},
	})
	check(t, compile(t, ec2Fixture("eu-west-1", true).S), []want{
		{test: "S23 R10.5 eu-west-1 private name", from: "vpc-1", name: "ip-10-0-1-25.eu-west-1.compute.internal", addrs: []string{"10.0.1.25"}},
		{test: "S23 R10.6 eu-west-1 public name", from: "internet", name: "ec2-54-10-20-30.eu-west-1.compute.amazonaws.com", addrs: []string{"54.10.20.30"}},
	})
	check(t, compile(t, ec2Fixture("us-east-1", false).S), []want{
		{test: "S23 R10.2 enableDnsHostnames=false: no private name", from: "vpc-1", name: "ip-10-0-1-25.ec2.internal", rcode: mdns.RcodeNameError},
		{test: "S23 R10.2 enableDnsHostnames=false: no public name", from: "internet", name: "ec2-54-10-20-30.compute-1.amazonaws.com", rcode: mdns.RcodeNameError},
	})
	s := ec2Fixture("us-east-1", true).S
	s.VPCs[0].EnableDNSSupport = false
	check(t, compile(t, s), []want{
		{test: "S23 R10.2 enableDnsSupport=false: the Resolver fails", from: "vpc-1", name: "ip-10-0-1-25.ec2.internal", rcode: mdns.RcodeServerFailure},
	})
}

func TestS24DNSAcrossPeering(t *testing.T) {
	build := func(allow, assocB bool) *Resolver {
		b := fixture.New()
		b.VPC("vpc-A", "10.1.0.0/16")
		b.VPC("vpc-B", "10.2.0.0/16")
		b.Subnet("subnet-a", "vpc-A", "10.1.1.0/24", "us-east-1a")
		b.Subnet("subnet-b", "vpc-B", "10.2.1.0/24", "us-east-1a")
		b.OpenSG("sg-a", "vpc-A")
		b.OpenSG("sg-b", "vpc-B")
		fixture.Public(b.ENI("eni-a", "vpc-A", "subnet-a", []string{"10.1.1.1"}, "sg-a"), "54.1.2.3")
		b.ENI("eni-b", "vpc-B", "subnet-b", []string{"10.2.1.1"}, "sg-b")
		pc := b.Peering("pcx-ab", "vpc-A", "vpc-B", "active")
		pc.Requester.AllowDNSResolutionFromRemoteVPC = allow
		vpcs := []string{"vpc-A"}
		if assocB {
			vpcs = append(vpcs, "vpc-B")
		}
		phz(b, "Z-A", "internal.a.example", vpcs, a("db.internal.a.example", "10.1.1.50"))
		return compile(t, b.S)
	}
	check(t, build(false, false), []want{
		{test: "S24 R4.7 PHZ not shared by peering", from: "eni-b", name: "db.internal.a.example", rcode: mdns.RcodeNameError},
		{test: "S24 R4.7 public name from the peer: public IP", from: "eni-b", name: "ec2-54-1-2-3.compute-1.amazonaws.com", addrs: []string{"54.1.2.3"}},
		{test: "S24 R10.7 IP-based name of a peer instance", from: "eni-b", name: "ip-10-1-1-1.ec2.internal", addrs: []string{"10.1.1.1"}},
	})
	check(t, build(true, true), []want{
		{test: "S24 R4.7 DNS resolution from the remote VPC on A's side: private IP", from: "eni-b", name: "ec2-54-1-2-3.compute-1.amazonaws.com", addrs: []string{"10.1.1.1"}},
		{test: "S24 R10.8 PHZ associated with B", from: "eni-b", name: "db.internal.a.example", addrs: []string{"10.1.1.50"}},
	})
}

func TestS25ForwardingRuleSharedThroughRAM(t *testing.T) {
	build := func(egress53 bool) *Resolver {
		b := hybrid("vpc-H", "10.200.0.0/16", "subnet-h")
		b.VPC("vpc-App", "10.1.0.0/16")
		b.Subnet("subnet-app", "vpc-App", "10.1.1.0/24", "us-east-1a")
		b.OpenSG("sg-app", "vpc-App")
		b.ENI("eni-app", "vpc-App", "subnet-app", []string{"10.1.1.10"}, "sg-app")
		rules := []string{"in udp 53 0.0.0.0/0"}
		if egress53 {
			rules = append(rules, "out udp 53 192.168.10.0/24", "out tcp 53 192.168.10.0/24")
		}
		b.SG("sg-out", "vpc-H", rules...)
		outbound(b, "vpc-H", "subnet-h", "10.200.1.53", "sg-out", "onprem.corp", "vpc-App")
		for _, rr := range b.S.ResolverRules {
			rr.OwnerID, rr.ShareStatus, rr.Account = "999999999999", "SHARED_WITH_ME", "999999999999"
		}
		return compile(t, b.S)
	}
	check(t, build(true), []want{
		{test: "S25 R10.16 query leaves from the hub's outbound endpoint", from: "eni-app", name: "host.onprem.corp",
			addrs: []string{"192.168.60.6"}, chainHas: "outbound endpoint rslvr-out-1 in vpc-H"},
	})
	check(t, build(false), []want{
		{test: "S25 R10.16 outbound SG without egress 53: SERVFAIL with the reason", from: "eni-app", name: "host.onprem.corp",
			rcode: mdns.RcodeServerFailure, chainHas: "sg-out"},
	})
}
