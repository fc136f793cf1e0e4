package reach_test

// Packet-level scenarios of aws-semantics.md section 12 that
// scenarios_test.go does not cover yet (S11-S15, S18, S27, S32, S34-S37; S16,
// S17, S19, S20 are in scenarios_test.go),
// each built with the fixture helpers and named after the scenario and the
// rules in its "Decided by" line.

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// pflow is a flow with the path it must (or must not) take: each via string
// must occur in a forward hop's component or rule ("172.31.0.0/16 -> pcx-1").
type pflow struct {
	flow
	via, notVia []string
}

func runPaths(t *testing.T, s *model.Snapshot, flows []pflow) {
	t.Helper()
	model.Derive(s)
	n := network.Compile(s)
	for _, f := range flows {
		t.Run(f.name, func(t *testing.T) {
			a := askFlow(t, n, f.flow)
			if a.Verdict != f.want {
				t.Errorf("%s -> %s: verdict %s, want %s\n%s", f.src, f.dst, a.Verdict, f.want, dump(a))
			}
			for _, c := range f.codes {
				if !hasCode(a, c) {
					t.Errorf("missing explanation %s\n%s", c, dump(a))
				}
			}
			if f.seenSrc != "" && a.SeenSource.String() != f.seenSrc {
				t.Errorf("destination sees source %s, want %s", a.SeenSource, f.seenSrc)
			}
			for _, v := range f.via {
				if !onPath(a, v) {
					t.Errorf("path does not pass %q\n%s", v, dump(a))
				}
			}
			for _, v := range f.notVia {
				if onPath(a, v) {
					t.Errorf("path passes %q\n%s", v, dump(a))
				}
			}
		})
	}
}

func askFlow(t *testing.T, n *network.Network, f flow) *reach.Answer {
	t.Helper()
	src, err := names.Resolve(n, f.src)
	if err != nil {
		t.Fatalf("src: %v", err)
	}
	dst, err := names.Resolve(n, f.dst)
	if err != nil {
		t.Fatalf("dst: %v", err)
	}
	dst.IP = reach.PublicDst(n, src, dst)
	proto := f.proto
	if proto == 0 {
		proto = model.ProtoTCP
	}
	q := reach.Question{Src: src, Dst: dst, Proto: proto, DstPort: f.port}
	if proto == model.ProtoICMP {
		q.ICMPType = 8
	}
	return reach.Ask(n, q)
}

func onPath(a *reach.Answer, s string) bool {
	for _, h := range a.Forward {
		if strings.Contains(h.Component+" | "+h.Rule, s) {
			return true
		}
	}
	return false
}

func reachable(name, src, dst string, port uint16, via ...string) pflow {
	return pflow{flow: flow{name: name, src: src, dst: dst, port: port, want: reach.Reachable}, via: via}
}

func blocked(name, src, dst string, port uint16, codes ...string) pflow {
	return pflow{flow: flow{name: name, src: src, dst: dst, port: port, want: reach.Blocked, codes: codes}}
}

func prefixes(cs ...string) []netip.Prefix {
	var out []netip.Prefix
	for _, c := range cs {
		out = append(out, netip.MustParsePrefix(c))
	}
	return out
}

// host adds a subnet with one open instance in it.
func host(b *fixture.B, vpc, subnet, cidr, az, ip string) *model.ENI {
	b.Subnet(subnet, vpc, cidr, az)
	if !hasSG(b, "sg-"+vpc) {
		b.OpenSG("sg-"+vpc, vpc)
	}
	return b.ENI("eni-"+strings.ReplaceAll(ip, ".", "-"), vpc, subnet, []string{ip}, "sg-"+vpc)
}

func hasSG(b *fixture.B, id string) bool {
	for _, g := range b.S.SecurityGroups {
		if g.ID == id {
			return true
		}
	}
	return false
}

func vpn(b *fixture.B, id, vgw string, static ...string) *model.VPNConnection {
	c := &model.VPNConnection{Meta: model.Meta{ID: id, Account: "111111111111", Region: "us-east-1"},
		CustomerGateway: "cgw-" + id, VPNGateway: vgw, State: "available"}
	if len(static) > 0 {
		c.StaticRoutesOnly, c.Routes = true, prefixes(static...)
	}
	b.S.VPNConnections = append(b.S.VPNConnections, c)
	return c
}

func TestS11_LongestPrefixMatch(t *testing.T) {
	b := fixture.New()
	b.VPC("vpc-1", "10.0.0.0/16")
	b.IGW("igw-1", "vpc-1")
	b.VPC("vpc-p", "172.31.0.0/16")
	b.Peering("pcx-1", "vpc-1", "vpc-p", "active")
	b.RT("rtb-1", "vpc-1", true, nil, "10.0.0.0/16 local", "172.31.0.0/16 pcx-1", "0.0.0.0/0 igw-1")
	b.RT("rtb-p", "vpc-p", true, nil, "172.31.0.0/16 local", "10.0.0.0/16 pcx-1")
	fixture.Public(host(b, "vpc-1", "subnet-1", "10.0.1.0/24", "us-east-1a", "10.0.1.5"), "198.51.100.5")
	host(b, "vpc-1", "subnet-3", "10.0.3.0/24", "us-east-1a", "10.0.3.3")
	host(b, "vpc-p", "subnet-p", "172.31.5.0/24", "us-east-1a", "172.31.5.5")
	runPaths(t, b.S, []pflow{
		reachable("S11 172.31.5.5 takes the /16 to pcx-1 (R1.4)", "10.0.1.5", "172.31.5.5", 443, "172.31.0.0/16 -> pcx-1"),
		reachable("S11 8.8.8.8 takes 0.0.0.0/0 to igw-1 (R1.4)", "10.0.1.5", "8.8.8.8", 443, "0.0.0.0/0 -> igw-1"),
		{flow: flow{name: "S11 10.0.3.3 stays local (R1.5)", src: "10.0.1.5", dst: "10.0.3.3", port: 443, want: reach.Reachable},
			via: []string{"10.0.0.0/16 -> local"}, notVia: []string{"igw-1", "pcx-1"}},
	})
}

// s12 builds S12: propagation from vgw-7 (172.16/16, 172.17/16, 10.70.5/24)
// and a static 172.16.0.0/16 -> tgw-1 to a VPC holding 172.16.0.0/16.
func s12() *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-7", "10.70.0.0/16")
	b.VGW("vgw-7", "vpc-7")
	rt := b.RT("rtb-7", "vpc-7", true, nil, "10.70.0.0/16 local", "172.16.0.0/16 tgw-1")
	rt.Propagations = []string{"vgw-7"}
	host(b, "vpc-7", "subnet-7", "10.70.1.0/24", "us-east-1a", "10.70.1.10")
	host(b, "vpc-7", "subnet-75", "10.70.5.0/24", "us-east-1a", "10.70.5.9")
	b.SiteDX("dc", "dxvif-7", "vgw-7", "172.16.0.0/16", "172.17.0.0/16", "10.70.5.0/24")
	b.TGW("tgw-1")
	b.VPC("vpc-16", "172.16.0.0/16")
	b.RT("rtb-16", "vpc-16", true, nil, "172.16.0.0/16 local", "10.70.0.0/16 tgw-1")
	host(b, "vpc-16", "subnet-16", "172.16.1.0/24", "us-east-1a", "172.16.1.1")
	b.TGWAttach("att-7", "tgw-1", "vpc-7", "subnet-7")
	b.TGWAttach("att-16", "tgw-1", "vpc-16", "subnet-16")
	b.TGWTable("tgw-rt", "tgw-1", []string{"att-7", "att-16"}, []string{"att-7", "att-16"})
	return b.S
}

func TestS12_StaticVsPropagatedVsLocal(t *testing.T) {
	runPaths(t, s12(), []pflow{
		{flow: flow{name: "S12 static beats propagated on the same prefix (R1.7)", src: "10.70.1.10", dst: "172.16.1.1", port: 443, want: reach.Reachable},
			via: []string{"172.16.0.0/16 -> tgw-1"}, notVia: []string{"vgw-7"}},
		reachable("S12 propagated route used when alone (R1.7)", "10.70.1.10", "172.17.1.1", 443, "vgw-7"),
		{flow: flow{name: "S12 a more specific propagated route never beats local (R1.6)", src: "10.70.1.10", dst: "10.70.5.9", port: 443, want: reach.Reachable},
			via: []string{"-> local"}, notVia: []string{"vgw-7"}},
	})
}

// s13 builds S13: vgw-8 learns 192.168.0.0/16 over a DX private VIF and a BGP
// VPN, and 192.168.1.0/24 as a static route of a second VPN.
func s13() *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-8", "10.80.0.0/16")
	b.VGW("vgw-8", "vpc-8")
	rt := b.RT("rtb-8", "vpc-8", true, nil, "10.80.0.0/16 local")
	rt.Propagations = []string{"vgw-8"}
	host(b, "vpc-8", "subnet-8", "10.80.1.0/24", "us-east-1a", "10.80.1.10")
	s := b.SiteDX("dc", "dxvif-8", "vgw-8", "192.168.0.0/16")
	vpn(b, "vpn-8", "vgw-8")
	vpn(b, "vpn-9", "vgw-8", "192.168.1.0/24")
	s.Links = append(s.Links, model.SiteLink{Kind: "vpn", Ref: "vpn-8"}, model.SiteLink{Kind: "vpn", Ref: "vpn-9"})
	return b.S
}

func TestS13_VGWPathSelection(t *testing.T) {
	runPaths(t, s13(), []pflow{
		reachable("S13 192.168.1.10: the static VPN /24 is the longest prefix (R6.4)", "10.80.1.10", "192.168.1.10", 443, "192.168.1.0/24 via vpn-9"),
		{flow: flow{name: "S13 192.168.2.10: DX BGP beats VPN BGP on the same /16 (R6.4, R1.7)", src: "10.80.1.10", dst: "192.168.2.10", port: 443, want: reach.Reachable},
			via: []string{"192.168.0.0/16 via dxvif-8"}, notVia: []string{"vpn-8"}},
	})
}

func TestS14_BlackholeWinsNoFallback(t *testing.T) {
	b := fixture.New()
	b.VPC("vpc-1", "10.10.0.0/16")
	b.IGW("igw-1", "vpc-1")
	b.TGW("tgw-1")
	b.RT("rtb-1", "vpc-1", true, nil, "10.10.0.0/16 local", "0.0.0.0/0 igw-1", "8.0.0.0/8 nat-0dead blackhole", "10.0.0.0/8 tgw-1")
	fixture.Public(host(b, "vpc-1", "subnet-1", "10.10.1.0/24", "us-east-1a", "10.10.1.5"), "198.51.100.9")
	b.VPC("vpc-5", "10.5.0.0/16")
	b.RT("rtb-5", "vpc-5", true, nil, "10.5.0.0/16 local", "10.0.0.0/8 tgw-1")
	host(b, "vpc-5", "subnet-5", "10.5.5.0/24", "us-east-1a", "10.5.5.5")
	b.TGWAttach("att-1", "tgw-1", "vpc-1", "subnet-1")
	b.TGWAttach("att-5", "tgw-1", "vpc-5", "subnet-5")
	b.TGWTable("tgw-rt", "tgw-1", []string{"att-1", "att-5"}, []string{"att-1", "att-5"})
	runPaths(t, b.S, []pflow{
		blocked("S14 8.8.8.8 matches the /8 blackhole, no fall-back to the IGW (R1.9)", "10.10.1.5", "8.8.8.8", 443, "BAD_STATE_ROUTE"),
		reachable("S14 9.9.9.9 uses the IGW (R1.4)", "10.10.1.5", "9.9.9.9", 443, "0.0.0.0/0 -> igw-1"),
		reachable("S14 10.5.5.5 uses the TGW (R1.4)", "10.10.1.5", "10.5.5.5", 443, "10.0.0.0/8 -> tgw-1"),
	})
}

// s15 builds S15: vpc-S with an S3 gateway endpoint and an S3 interface
// endpoint, and a VPN (VGW) to on-premises 192.168.0.0/16.
func s15() *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-s", "10.80.0.0/16")
	b.VGW("vgw-s", "vpc-s")
	b.PrefixList("pl-s3", "com.amazonaws.us-east-1.s3", "52.216.0.0/15")
	b.GatewayEndpoint("vpce-s3gw", "vpc-s", "com.amazonaws.us-east-1.s3", "rtb-app")
	rt := b.RT("rtb-app", "vpc-s", true, nil, "10.80.0.0/16 local", "pl-s3 vpce-s3gw")
	rt.Propagations = []string{"vgw-s"}
	host(b, "vpc-s", "subnet-app", "10.80.2.0/24", "us-east-1a", "10.80.2.10")
	b.Subnet("subnet-ep", "vpc-s", "10.80.1.0/24", "us-east-1a")
	b.SG("sg-ep", "vpc-s", "in tcp 443 192.168.0.0/16", "out all - 0.0.0.0/0")
	ep := b.ENI("eni-s3if", "vpc-s", "subnet-ep", []string{"10.80.1.30"}, "sg-ep")
	ep.OwnerKind, ep.OwnerID = model.OwnerInterfaceEndpoint, "vpce-s3if"
	b.S.VPCEndpoints = append(b.S.VPCEndpoints, &model.VPCEndpoint{Meta: model.Meta{ID: "vpce-s3if"}, VPC: "vpc-s",
		Type: model.EndpointInterface, ServiceName: "com.amazonaws.us-east-1.s3", ENIs: []string{"eni-s3if"}, State: "available"})
	vpn(b, "vpn-s", "vgw-s", "192.168.0.0/16")
	b.S.Sites = append(b.S.Sites, &model.OnPremSite{Meta: model.Meta{ID: "dc"}, CIDRs: prefixes("192.168.0.0/16"),
		Links: []model.SiteLink{{Kind: "vpn", Ref: "vpn-s"}}})
	return b.S
}

func TestS15_GatewayEndpointNotFromOnPrem(t *testing.T) {
	runPaths(t, s15(), []pflow{
		blocked("S15 on-premises to an S3 address over the VPN: the VGW serves only the VPC CIDR (R6.5, R7.4, R6.12)",
			"192.168.10.10", "52.216.10.10", 443, "NO_ROUTE_TO_DESTINATION"),
		reachable("S15 on-premises to the S3 interface endpoint over the VPN (R7.9, R7.11)", "192.168.10.10", "10.80.1.30", 443, "vgw-s"),
		reachable("S15 inside the VPC the gateway endpoint works (R7.1)", "10.80.2.10", "52.216.10.10", 443, "vpce-s3gw"),
		blocked("S15 the interface endpoint SG admits only on-premises (R7.10)", "10.80.2.10", "10.80.1.30", 443, "ENI_SG_RULES_MISMATCH"),
	})
}

func TestS18_NoAttachmentInSourceAZ(t *testing.T) {
	b := fixture.New()
	b.TGW("tgw-1")
	b.VPC("vpc-11", "10.110.0.0/16")
	b.RT("rtb-11", "vpc-11", true, nil, "10.110.0.0/16 local", "10.0.0.0/8 tgw-1")
	b.Subnet("subnet-att", "vpc-11", "10.110.0.0/28", "us-east-1a")
	host(b, "vpc-11", "subnet-a", "10.110.10.0/24", "us-east-1a", "10.110.10.5")
	host(b, "vpc-11", "subnet-b", "10.110.20.0/24", "us-east-1b", "10.110.20.5")
	b.VPC("vpc-100", "10.100.0.0/16")
	b.RT("rtb-100", "vpc-100", true, nil, "10.100.0.0/16 local", "10.0.0.0/8 tgw-1")
	host(b, "vpc-100", "subnet-100", "10.100.1.0/24", "us-east-1a", "10.100.1.1")
	b.TGWAttach("att-11", "tgw-1", "vpc-11", "subnet-att")
	b.TGWAttach("att-100", "tgw-1", "vpc-100", "subnet-100")
	b.TGWTable("tgw-rt", "tgw-1", []string{"att-11", "att-100"}, []string{"att-11", "att-100"})
	runPaths(t, b.S, []pflow{
		blocked("S18 us-east-1b has no attachment subnet: dropped (R5.2)", "10.110.20.5", "10.100.1.1", 443, "TGW_ROUTE_AZ_RESTRICTION"),
		reachable("S18 us-east-1a instance succeeds through the attachment in its AZ (R5.2)", "10.110.10.5", "10.100.1.1", 443, "tgw-1"),
	})
}

// s32 builds S32: an IPv6 subnet whose ::/0 goes to target (eigw-1 or igw-1).
func s32(target string) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-6", "10.0.0.0/16", "2600:1f18:abcd:1200::/56")
	if target == "igw-1" {
		b.IGW("igw-1", "vpc-6")
	} else {
		b.EIGW("eigw-1", "vpc-6")
	}
	b.Subnet("subnet-6", "vpc-6", "10.0.1.0/24", "us-east-1a").IPv6CIDR = netip.MustParsePrefix("2600:1f18:abcd:1201::/64")
	b.RT("rtb-6", "vpc-6", true, nil, "10.0.0.0/16 local", "2600:1f18:abcd:1200::/56 local", "::/0 "+target)
	b.SG("sg-web", "vpc-6", "in tcp 443 ::/0", "out all - ::/0", "out all - 0.0.0.0/0")
	b.ENI("eni-web", "vpc-6", "subnet-6", []string{"10.0.1.10", "2600:1f18:abcd:1201::10"}, "sg-web")
	return b.S
}

func TestS32_EgressOnlyIGWAndIPv6(t *testing.T) {
	const inst, remote = "2600:1f18:abcd:1201::10", "2606:4700::1111"
	runPaths(t, s32("eigw-1"), []pflow{
		blocked("S32 internet -> instance:443 is dropped at the EIGW (R3.11)", remote, inst, 443),
		reachable("S32 instance -> an IPv6 internet host through the EIGW (R3.11)", "eni-web", remote, 443, "eigw-1"),
		blocked("S32 the EIGW never carries IPv4: no IPv4 route out (R3.11, R1.14)", "eni-web", "8.8.8.8", 443, "NO_ROUTE_TO_DESTINATION"),
	})
	runPaths(t, s32("igw-1"), []pflow{
		reachable("S32 with ::/0 -> igw inbound IPv6 is reachable, no NAT (R3.4)", remote, inst, 443, "igw-1"),
	})
}

// s34 builds S34: subnets A and B route to each other through eni-fw.
func s34(bRule string) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-0", "10.0.0.0/16")
	b.Subnet("subnet-a", "vpc-0", "10.0.1.0/24", "us-east-1a")
	b.Subnet("subnet-b", "vpc-0", "10.0.2.0/24", "us-east-1a")
	b.Subnet("subnet-fw", "vpc-0", "10.0.3.0/24", "us-east-1a")
	b.RT("rtb-main", "vpc-0", true, []string{"subnet-fw"}, "10.0.0.0/16 local")
	b.RT("rtb-a", "vpc-0", false, []string{"subnet-a"}, "10.0.0.0/16 local", "10.0.2.0/24 eni-fw")
	b.RT("rtb-b", "vpc-0", false, []string{"subnet-b"}, "10.0.0.0/16 local", "10.0.1.0/24 eni-fw")
	b.SG("sg-a", "vpc-0", "out all - 0.0.0.0/0")
	b.SG("sg-b", "vpc-0", "in tcp 443 "+bRule, "out all - 0.0.0.0/0")
	b.OpenSG("sg-fw", "vpc-0")
	b.ENI("eni-a", "vpc-0", "subnet-a", []string{"10.0.1.10"}, "sg-a")
	b.ENI("eni-b", "vpc-0", "subnet-b", []string{"10.0.2.10"}, "sg-b")
	b.ENI("eni-fw", "vpc-0", "subnet-fw", []string{"10.0.3.10"}, "sg-fw").SourceDestCheck = false
	// what the firewall forwards is its own policy, declared (R1.20)
	b.S.Appliances = []*model.Appliance{{Target: "eni-fw", Forward: true}}
	return b.S
}

func TestS34_MiddleboxDefeatsSGReferences(t *testing.T) {
	runPaths(t, s34("sg:sg-a"), []pflow{
		{flow: flow{name: "S34 through the firewall the SG reference to sg-a does not match (R1.6, R1.3, R2.7)", src: "10.0.1.10", dst: "10.0.2.10",
			port: 443, want: reach.Blocked, codes: []string{"forward:SG_REFERENCES_NOT_PRESERVED"}}, via: []string{"10.0.2.0/24 -> eni-fw"}},
	})
	runPaths(t, s34("10.0.1.0/24"), []pflow{
		reachable("S34 a CIDR rule admits A through the firewall (R2.7)", "10.0.1.10", "10.0.2.10", 443, "10.0.2.0/24 -> eni-fw"),
	})
}

// s35 builds S35: an IGW edge route table sends the web subnet through a
// firewall; webDefault is the web subnet's 0.0.0.0/0 target.
func s35(webDefault string) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-0", "10.0.0.0/16")
	b.IGW("igw-0", "vpc-0")
	b.Subnet("subnet-fw", "vpc-0", "10.0.0.0/28", "us-east-1a")
	b.Subnet("subnet-web", "vpc-0", "10.0.1.0/24", "us-east-1a")
	b.RT("rtb-fw", "vpc-0", true, []string{"subnet-fw"}, "10.0.0.0/16 local", "0.0.0.0/0 igw-0")
	b.RT("rtb-web", "vpc-0", false, []string{"subnet-web"}, "10.0.0.0/16 local", "0.0.0.0/0 "+webDefault)
	b.Edge(b.RT("rtb-edge", "vpc-0", false, nil, "10.0.0.0/16 local", "10.0.1.0/24 eni-fw"), "igw-0")
	b.OpenSG("sg-fw", "vpc-0")
	b.SG("sg-web", "vpc-0", "in tcp 443 0.0.0.0/0", "out all - 0.0.0.0/0")
	fw := fixture.Public(b.ENI("eni-fw", "vpc-0", "subnet-fw", []string{"10.0.0.10"}, "sg-fw"), "198.51.100.10")
	fw.SourceDestCheck = false
	b.S.Appliances = []*model.Appliance{{Target: "eni-fw", Forward: true, NAT: model.NATNone}} // R1.20
	fixture.Public(b.ENI("eni-web", "vpc-0", "subnet-web", []string{"10.0.1.10"}, "sg-web"), "198.51.100.20")
	return b.S
}

func TestS35_IngressRoutingThroughFirewall(t *testing.T) {
	runPaths(t, s35("eni-fw"), []pflow{
		reachable("S35 internet -> EIP through the edge table and the firewall, back the same way (R1.2, R1.3, R3.3)",
			"8.8.8.8", "198.51.100.20", 443, "10.0.1.0/24 -> eni-fw"),
	})
	runPaths(t, s35("igw-0"), []pflow{
		blocked("S35 the response bypasses the firewall: asymmetric, fails (R0.4, R1.3)", "8.8.8.8", "198.51.100.20", 443, "return:NO_PATH"),
	})
}

// s36 builds S36 (a): a DX gateway associated with tgw-2 (VPCs 10.1/16 and
// 10.2/16) with allowed prefixes; and (b): a DX gateway associated with the
// VGW of VPC 10.0.0.0/16 with allowed prefixes vgwAllowed.
func s36(vgwAllowed string) *model.Snapshot {
	b := fixture.New()
	b.TGW("tgw-2")
	for _, v := range []string{"1", "2"} {
		id := "vpc-" + v
		b.VPC(id, "10."+v+".0.0/16")
		b.RT("rtb-"+v, id, true, nil, "10."+v+".0.0/16 local", "172.20.0.0/16 tgw-2")
		host(b, id, "subnet-"+v, "10."+v+".1.0/24", "us-east-1a", "10."+v+".1.1")
		b.TGWAttach("att-"+v, "tgw-2", id, "subnet-"+v)
	}
	b.S.TGWAttachments = append(b.S.TGWAttachments, &model.TGWAttachment{Meta: model.Meta{ID: "att-dx"}, TGW: "tgw-2",
		Type: model.TGWAttachDXGateway, ResourceID: "dxgw-a", State: "available"})
	b.TGWTable("tgw-rt", "tgw-2", []string{"att-1", "att-2", "att-dx"}, []string{"att-1", "att-2", "att-dx"})
	b.VPC("vpc-3", "10.0.0.0/16")
	b.VGW("vgw-3", "vpc-3")
	b.RT("rtb-3", "vpc-3", true, nil, "10.0.0.0/16 local").Propagations = []string{"vgw-3"}
	host(b, "vpc-3", "subnet-3", "10.0.1.0/24", "us-east-1a", "10.0.1.1")
	b.S.DXGateways = append(b.S.DXGateways,
		&model.DXGateway{Meta: model.Meta{ID: "dxgw-a"}, Associations: []model.DXGatewayAssociation{{Gateway: "tgw-2", AllowedPrefixes: prefixes("10.0.0.0/8")}}},
		&model.DXGateway{Meta: model.Meta{ID: "dxgw-b"}, Associations: []model.DXGatewayAssociation{{Gateway: "vgw-3", AllowedPrefixes: prefixes(vgwAllowed)}}})
	b.S.VirtualInterfaces = append(b.S.VirtualInterfaces,
		&model.VirtualInterface{Meta: model.Meta{ID: "dxvif-transit"}, Type: "transit", DXGateway: "dxgw-a"},
		&model.VirtualInterface{Meta: model.Meta{ID: "dxvif-private"}, Type: "private", DXGateway: "dxgw-b"})
	b.S.Sites = append(b.S.Sites,
		&model.OnPremSite{Meta: model.Meta{ID: "dc-a"}, CIDRs: prefixes("172.20.0.0/16"), Links: []model.SiteLink{{Kind: "vif", Ref: "dxvif-transit"}}},
		&model.OnPremSite{Meta: model.Meta{ID: "dc-b"}, CIDRs: prefixes("172.30.0.0/16"), Links: []model.SiteLink{{Kind: "vif", Ref: "dxvif-private"}}})
	return b.S
}

func TestS36_DXGatewayAllowedPrefixes(t *testing.T) {
	runPaths(t, s36("10.0.0.0/24"), []pflow{
		reachable("S36a TGW association advertises the allowed 10.0.0.0/8: on-premises reaches 10.1.1.1 (R6.10)", "172.20.1.1", "10.1.1.1", 443, "dxvif-transit"),
		reachable("S36a ... and 10.2.1.1 under the same /8 (R6.10)", "172.20.1.1", "10.2.1.1", 443, "tgw-2"),
		blocked("S36b VGW association: the allowed /24 is narrower than the VPC /16, nothing is advertised (R6.10)",
			"172.30.1.1", "10.0.1.1", 443, "NO_ROUTE_TO_DESTINATION"),
	})
	runPaths(t, s36("10.0.0.0/15"), []pflow{
		reachable("S36b with 10.0.0.0/15 allowed, the VPC /16 is advertised (R6.10)", "172.30.1.1", "10.0.1.1", 443, "vgw-3"),
	})
}

// s37 builds S37: a private NAT gateway in the routable secondary CIDR
// takes the overlapping workload range to on-premises through a TGW VPN.
func s37() *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-37", "100.64.0.0/16", "10.150.0.0/24")
	b.TGW("tgw-1")
	b.IGW("igw-37", "vpc-37")
	b.Subnet("subnet-nat", "vpc-37", "10.150.0.0/25", "us-east-1a")
	b.RT("rtb-work", "vpc-37", true, nil, "100.64.0.0/16 local", "10.150.0.0/24 local", "192.168.0.0/16 nat-p", "0.0.0.0/0 nat-p")
	b.RT("rtb-nat", "vpc-37", false, []string{"subnet-nat"}, "100.64.0.0/16 local", "10.150.0.0/24 local", "192.168.0.0/16 tgw-1", "0.0.0.0/0 igw-37")
	host(b, "vpc-37", "subnet-work", "100.64.1.0/24", "us-east-1a", "100.64.1.7")
	b.NAT("nat-p", "vpc-37", "subnet-nat", "10.150.0.10", "")
	b.TGWAttach("att-37", "tgw-1", "vpc-37", "subnet-nat")
	c := &model.VPNConnection{Meta: model.Meta{ID: "vpn-37"}, CustomerGateway: "cgw-37", TransitGateway: "tgw-1", State: "available",
		StaticRoutesOnly: true, Routes: prefixes("192.168.0.0/16")}
	b.S.VPNConnections = append(b.S.VPNConnections, c)
	b.S.TGWAttachments = append(b.S.TGWAttachments, &model.TGWAttachment{Meta: model.Meta{ID: "att-vpn"}, TGW: "tgw-1",
		Type: model.TGWAttachVPN, ResourceID: "vpn-37", State: "available"})
	b.TGWTable("rt-vpc", "tgw-1", []string{"att-37"}, nil, "192.168.0.0/16 att-vpn")
	b.TGWTable("rt-vpn", "tgw-1", []string{"att-vpn"}, nil, "10.150.0.0/24 att-37")
	b.S.Sites = append(b.S.Sites, &model.OnPremSite{Meta: model.Meta{ID: "dc"}, CIDRs: prefixes("192.168.0.0/16"),
		Links: []model.SiteLink{{Kind: "vpn", Ref: "vpn-37"}}})
	return b.S
}

func TestS37_PrivateNATToOnPremOverTGW(t *testing.T) {
	runPaths(t, s37(), []pflow{
		{flow: flow{name: "S37 reachable; on-premises sees the private NAT gateway's address (R3.7, R5.6, R6.7)",
			src: "100.64.1.7", dst: "192.168.5.5", port: 443, want: reach.Reachable, seenSrc: "10.150.0.10"}, via: []string{"nat-p", "att-vpn"}},
		blocked("S37 on-premises cannot open connections to the workload (R3.7, R1.12)", "192.168.5.5", "100.64.1.7", 443),
		blocked("S37 a private NAT gateway's traffic routed to the IGW is dropped (R3.7)", "100.64.1.7", "8.8.8.8", 443),
	})
}

// s27 builds S27: a provider NLB (no SGs) in vpc-p behind endpoint service
// vpce-svc-0123456789abcdef0, one instance target whose SG admits targetFrom
// on 8443, and a consumer interface endpoint in vpc-c in state epState.
func s27(epState, targetFrom string) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-p", "10.210.0.0/16")
	b.RT("rtb-p", "vpc-p", true, nil, "10.210.0.0/16 local")
	b.Subnet("subnet-lb-a", "vpc-p", "10.210.1.0/24", "us-east-1a")
	b.Subnet("subnet-lb-b", "vpc-p", "10.210.2.0/24", "us-east-1b")
	b.Subnet("subnet-t", "vpc-p", "10.210.5.0/24", "us-east-1a")
	b.SG("sg-target", "vpc-p", "in tcp 8443 "+targetFrom, "out all - 0.0.0.0/0")
	b.ENI("eni-target", "vpc-p", "subnet-t", []string{"10.210.5.5"}, "sg-target")
	lb := &model.LoadBalancer{Meta: model.Meta{ID: "nlb-p"}, Type: "network", Scheme: "internal", VPC: "vpc-p",
		Listeners: []model.Listener{{Port: 8443, Protocol: "TCP", TargetGroups: []string{"tg-p"}}}}
	for _, nd := range []struct{ id, subnet, ip string }{{"eni-nlb-a", "subnet-lb-a", "10.210.1.100"}, {"eni-nlb-b", "subnet-lb-b", "10.210.2.100"}} {
		e := b.ENI(nd.id, "vpc-p", nd.subnet, []string{nd.ip})
		e.OwnerKind, e.OwnerID, e.SourceDestCheck = model.OwnerLoadBalancer, "nlb-p", false
		lb.Nodes = append(lb.Nodes, model.LBNode{Subnet: nd.subnet, ENI: nd.id})
	}
	b.S.LoadBalancers = append(b.S.LoadBalancers, lb)
	b.S.TargetGroups = append(b.S.TargetGroups, &model.TargetGroup{Meta: model.Meta{ID: "tg-p"}, Protocol: "TCP", Port: 8443,
		TargetType: "instance", VPC: "vpc-p", Targets: []model.LBTarget{{ID: "i-target", Port: 8443, Health: "healthy"}}})
	const svc = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0"
	b.S.EndpointServices = append(b.S.EndpointServices, &model.EndpointService{Meta: model.Meta{ID: "vpce-svc-0123456789abcdef0"},
		ServiceName: svc, ServiceType: "Interface", LoadBalancers: []string{"nlb-p"}, AcceptanceRequired: true})
	b.VPC("vpc-c", "10.250.0.0/16")
	b.RT("rtb-c", "vpc-c", true, nil, "10.250.0.0/16 local")
	host(b, "vpc-c", "subnet-c", "10.250.3.0/24", "us-east-1a", "10.250.3.3")
	b.Subnet("subnet-ep", "vpc-c", "10.250.1.0/24", "us-east-1a")
	b.SG("sg-ep", "vpc-c", "in tcp 8443 10.250.0.0/16", "out all - 0.0.0.0/0")
	ep := b.ENI("eni-ep", "vpc-c", "subnet-ep", []string{"10.250.1.40"}, "sg-ep")
	ep.OwnerKind, ep.OwnerID = model.OwnerInterfaceEndpoint, "vpce-c"
	b.S.VPCEndpoints = append(b.S.VPCEndpoints, &model.VPCEndpoint{Meta: model.Meta{ID: "vpce-c"}, VPC: "vpc-c",
		Type: model.EndpointInterface, ServiceName: svc, ENIs: []string{"eni-ep"}, State: epState})
	return b.S
}

func TestS27_EndpointServiceSourceSeenByTargets(t *testing.T) {
	runPaths(t, s27("pendingAcceptance", "10.250.0.0/16"), []pflow{
		blocked("S27 a pendingAcceptance endpoint is not usable (R7.18, R7.7)", "10.250.3.3", "10.250.1.40", 8443, "BAD_STATE"),
	})
	runPaths(t, s27("available", "10.250.0.0/16"), []pflow{
		{flow: flow{name: "S27 the target sees the NLB address, not the consumer: blocked by the target SG (R7.19)", src: "10.250.3.3", dst: "10.250.1.40",
			port: 8443, want: reach.Blocked, codes: []string{"forward:ENI_SG_RULES_MISMATCH"}}, via: []string{"nlb-p"}},
		blocked("S27 the endpoint carries only the NLB's listener ports (R7.8, R7.18)", "10.250.3.3", "10.250.1.40", 443, "NO_PATH"),
	})
	runPaths(t, s27("available", "10.210.0.0/16"), []pflow{
		reachable("S27 fix: the target SG admits the NLB subnets (R7.19)", "10.250.3.3", "10.250.1.40", 8443, "source is the node's private address"),
	})
}
