package reach_test

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// flow is one question and its expected answer, in the domain's terms.
type flow struct {
	name     string
	src, dst string
	proto    model.Protocol
	port     uint16
	want     reach.Verdict
	codes    []string // explanation codes that must appear ("return:CODE" to pin the direction)
	seenSrc  string   // the source address the destination sees, when it matters
}

func run(t *testing.T, s *model.Snapshot, flows []flow) {
	t.Helper()
	n := network.Compile(s)
	for _, f := range flows {
		t.Run(f.name, func(t *testing.T) {
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
			a := reach.Ask(n, q)
			if a.Verdict != f.want {
				t.Errorf("%s -> %s %s/%d: verdict %s, want %s\n%s", f.src, f.dst, proto, f.port, a.Verdict, f.want, dump(a))
			}
			for _, c := range f.codes {
				if !hasCode(a, c) {
					t.Errorf("missing explanation %s\n%s", c, dump(a))
				}
			}
			if f.seenSrc != "" && a.SeenSource.String() != f.seenSrc {
				t.Errorf("destination sees source %s, want %s", a.SeenSource, f.seenSrc)
			}
		})
	}
}

func hasCode(a *reach.Answer, c string) bool {
	dir, code, ok := strings.Cut(c, ":")
	if !ok {
		dir, code = "", c
	}
	for _, e := range a.Explanations {
		if string(e.Code) == code && (dir == "" || e.Direction.String() == dir) {
			return true
		}
	}
	return false
}

func dump(a *reach.Answer) string {
	var b strings.Builder
	for _, h := range a.Forward {
		b.WriteString("  fwd " + h.Component + " " + h.Kind.String() + " " + h.Action.String() + " " + h.Rule + "\n")
	}
	for _, h := range a.Return {
		b.WriteString("  ret " + h.Component + " " + h.Kind.String() + " " + h.Action.String() + " " + h.Rule + "\n")
	}
	for _, e := range a.Explanations {
		b.WriteString("  why " + e.Direction.String() + " " + e.Code.String() + " " + e.Component + ": " + e.Detail + "\n")
	}
	return b.String()
}

// s3 builds scenario S3: Lambda in a private subnet, NAT gateway in the public one.
func s3(natSubnet, fnSubnet, natState string) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-b", "10.20.0.0/16")
	b.IGW("igw-b", "vpc-b")
	b.Subnet("subnet-pub", "vpc-b", "10.20.0.0/24", "us-east-1a")
	b.Subnet("subnet-priv", "vpc-b", "10.20.10.0/24", "us-east-1a")
	b.RT("rtb-pub", "vpc-b", true, []string{"subnet-pub"}, "10.20.0.0/16 local", "0.0.0.0/0 igw-b")
	b.RT("rtb-priv", "vpc-b", false, []string{"subnet-priv"}, "10.20.0.0/16 local", "0.0.0.0/0 nat-b")
	natIP := "10.20.0.5"
	if natSubnet == "subnet-priv" {
		natIP = "10.20.10.5"
	}
	b.NAT("nat-b", "vpc-b", natSubnet, natIP, "203.0.113.10").State = natState
	b.SG("sg-fn", "vpc-b", "out all - 0.0.0.0/0")
	ip := "10.20.10.25"
	if fnSubnet == "subnet-pub" {
		ip = "10.20.0.25"
	}
	e := b.ENI("eni-fn", "vpc-b", fnSubnet, []string{ip}, "sg-fn")
	e.OwnerKind, e.OwnerID = model.OwnerLambda, "fn-fetch"
	b.S.LambdaFunctions = append(b.S.LambdaFunctions, &model.LambdaFunction{Meta: model.Meta{ID: "fn-fetch"}, VPC: "vpc-b", Subnets: []string{fnSubnet}, SecurityGroups: []string{"sg-fn"}})
	b.ACL("acl-default", "vpc-b", true, nil, "in 100 allow all - 0.0.0.0/0", "out 100 allow all - 0.0.0.0/0")
	return b.S
}

func TestS3LambdaThroughNAT(t *testing.T) {
	run(t, s3("subnet-pub", "subnet-priv", "available"), []flow{
		{name: "S3 reachable, internet sees the EIP (R8.2,R3.6,R3.2)", src: "fn-fetch", dst: "93.184.215.14", port: 443,
			want: reach.Reachable, seenSrc: "203.0.113.10"},
		{name: "S3 icmp echo through NAT", src: "fn-fetch", dst: "93.184.215.14", proto: model.ProtoICMP, want: reach.Reachable},
		{name: "S3 internet cannot open connections to the NAT gateway (R3.6)", src: "93.184.215.14", dst: "203.0.113.10", port: 443,
			want: reach.Blocked, codes: []string{"NO_POSSIBLE_DESTINATION"}},
	})
	run(t, s3("subnet-pub", "subnet-pub", "available"), []flow{
		{name: "S3a Lambda in the public subnet has no public IP (R8.4,R3.2)", src: "fn-fetch", dst: "93.184.215.14", port: 443,
			want: reach.Blocked, codes: []string{"forward:IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"}},
	})
	run(t, s3("subnet-priv", "subnet-priv", "available"), []flow{
		{name: "S3b NAT gateway in the private subnet has no IGW route (R3.6)", src: "fn-fetch", dst: "93.184.215.14", port: 443,
			want: reach.Blocked, codes: []string{"NO_ROUTE_TO_DESTINATION"}},
	})
	run(t, s3("subnet-pub", "subnet-priv", "deleted"), []flow{
		{name: "S3c deleted NAT gateway: blackhole (R1.9,R3.9)", src: "fn-fetch", dst: "93.184.215.14", port: 443,
			want: reach.Blocked, codes: []string{"BAD_STATE_ROUTE"}},
	})
}

// threeVPCs builds S6/S16: A peered with B and C; A has a NAT gateway and IGW.
func threeVPCs() *model.Snapshot {
	b := fixture.New()
	for _, v := range []struct{ id, cidr, sub, ip string }{
		{"vpc-a", "10.1.0.0/16", "10.1.1.0/24", "10.1.1.10"},
		{"vpc-b", "10.2.0.0/16", "10.2.1.0/24", "10.2.1.10"},
		{"vpc-c", "10.3.0.0/16", "10.3.1.0/24", "10.3.1.10"},
	} {
		b.VPC(v.id, v.cidr)
		b.Subnet("subnet-"+v.id, v.id, v.sub, "us-east-1a")
		b.OpenSG("sg-"+v.id, v.id)
		b.ENI("eni-"+v.id, v.id, "subnet-"+v.id, []string{v.ip}, "sg-"+v.id)
	}
	b.Subnet("subnet-a-pub", "vpc-a", "10.1.0.0/24", "us-east-1a")
	b.IGW("igw-a", "vpc-a")
	b.NAT("nat-a", "vpc-a", "subnet-a-pub", "10.1.0.5", "203.0.113.1")
	b.Peering("pcx-ab", "vpc-a", "vpc-b", "active")
	b.Peering("pcx-ac", "vpc-a", "vpc-c", "active")
	b.RT("rt-a", "vpc-a", true, nil, "10.2.0.0/16 pcx-ab", "10.3.0.0/16 pcx-ac", "0.0.0.0/0 nat-a")
	b.RT("rt-a-pub", "vpc-a", false, []string{"subnet-a-pub"}, "0.0.0.0/0 igw-a", "10.2.0.0/16 pcx-ab")
	b.RT("rt-b", "vpc-b", true, nil, "10.1.0.0/16 pcx-ab", "10.3.0.0/16 pcx-ab", "0.0.0.0/0 pcx-ab")
	b.RT("rt-c", "vpc-c", true, nil, "10.1.0.0/16 pcx-ac", "10.2.0.0/16 pcx-ac")
	return b.S
}

func TestPeering(t *testing.T) {
	run(t, threeVPCs(), []flow{
		{name: "R4.3 peering with routes both sides", src: "10.2.1.10", dst: "10.1.1.10", port: 443, want: reach.Reachable},
		{name: "S6 transitive peering fails (R4.4)", src: "10.2.1.10", dst: "10.3.1.10", port: 443,
			want: reach.Blocked, codes: []string{"forward:PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"}},
		{name: "S16 peer cannot use the other VPC's NAT gateway (R4.4,R3.8)", src: "10.2.1.10", dst: "8.8.8.8", port: 443,
			want: reach.Blocked, codes: []string{"PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"}},
		{name: "R3.6 A itself uses its NAT gateway", src: "10.1.1.10", dst: "8.8.8.8", port: 443, want: reach.Reachable, seenSrc: "203.0.113.1"},
	})
}

func TestS7NACLWithoutEphemeralPorts(t *testing.T) {
	b := fixture.New()
	b.VPC("vpc-e", "10.50.0.0/16")
	b.Subnet("subnet-web", "vpc-e", "10.50.1.0/24", "us-east-1a")
	b.Subnet("subnet-client", "vpc-e", "10.50.2.0/24", "us-east-1a")
	b.RT("rtb-main", "vpc-e", true, nil)
	b.ACL("acl-default", "vpc-e", true, nil, "in 100 allow all - 0.0.0.0/0", "out 100 allow all - 0.0.0.0/0")
	b.ACL("acl-web", "vpc-e", false, []string{"subnet-web"}, "in 100 allow tcp 443 0.0.0.0/0", "out 100 allow tcp 443 0.0.0.0/0")
	b.SG("sg-web", "vpc-e", "in tcp 443 10.50.0.0/16", "out all - 0.0.0.0/0")
	b.SG("sg-client", "vpc-e", "out all - 0.0.0.0/0")
	b.ENI("eni-web", "vpc-e", "subnet-web", []string{"10.50.1.10"}, "sg-web")
	b.ENI("eni-client", "vpc-e", "subnet-client", []string{"10.50.2.20"}, "sg-client")
	run(t, b.S, []flow{
		{name: "S7 response blocked by acl-web outbound (R2.11,R2.12,R0.4)", src: "10.50.2.20", dst: "10.50.1.10", port: 443,
			want: reach.Blocked, codes: []string{"return:SUBNET_ACL_RESTRICTION"}},
		{name: "S7 every blocker: SG inbound and NACL inbound on port 22", src: "10.50.2.20", dst: "10.50.1.10", port: 22,
			want: reach.Blocked, codes: []string{"forward:SUBNET_ACL_RESTRICTION", "forward:ENI_SG_RULES_MISMATCH", "return:SUBNET_ACL_RESTRICTION"}},
	})
}

func TestS8PeeredSGReference(t *testing.T) {
	build := func(status, refStatus string) *model.Snapshot {
		b := fixture.New()
		b.VPC("vpc-a", "10.1.0.0/16")
		b.VPC("vpc-b", "10.2.0.0/16").Account = "222222222222"
		b.Subnet("subnet-a", "vpc-a", "10.1.5.0/24", "us-east-1a")
		b.Subnet("subnet-b", "vpc-b", "10.2.3.0/24", "us-east-1a")
		b.Peering("pcx-ab", "vpc-a", "vpc-b", status)
		b.RT("rt-a", "vpc-a", true, nil, "10.2.0.0/16 pcx-ab")
		b.RT("rt-b", "vpc-b", true, nil, "10.1.0.0/16 pcx-ab")
		sg := b.SG("sg-db", "vpc-a", "in tcp 5432 sg:222222222222/sg-0app00000000001")
		sg.Ingress[0].Group.PeeringStatus = refStatus
		b.SG("sg-0app00000000001", "vpc-b", "out all - 0.0.0.0/0")
		b.ENI("eni-db", "vpc-a", "subnet-a", []string{"10.1.5.10"}, "sg-db")
		b.ENI("eni-app", "vpc-b", "subnet-b", []string{"10.2.3.4"}, "sg-0app00000000001")
		return b.S
	}
	run(t, build("active", "active"), []flow{
		{name: "S8 same-Region peered SG reference (R2.6,R4.6)", src: "10.2.3.4", dst: "10.1.5.10", port: 5432, want: reach.Reachable},
		{name: "R2.5 the reference does not admit other ports", src: "10.2.3.4", dst: "10.1.5.10", port: 22,
			want: reach.Blocked, codes: []string{"ENI_SG_RULES_MISMATCH"}},
	})
	run(t, build("deleted", "deleted"), []flow{
		{name: "S8b peering deleted: stale rule and dead route (R2.6,R1.9)", src: "10.2.3.4", dst: "10.1.5.10", port: 5432,
			want: reach.Blocked, codes: []string{"BAD_STATE_ROUTE"}},
	})
}

// publicSubnet builds S9/S10: main table to the IGW, a private custom table.
func publicSubnet(eip bool) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-6", "10.60.0.0/16")
	b.IGW("igw-6", "vpc-6")
	b.Subnet("subnet-1", "vpc-6", "10.60.1.0/24", "us-east-1a")
	b.Subnet("subnet-2", "vpc-6", "10.60.2.0/24", "us-east-1a")
	b.RT("rtb-main", "vpc-6", true, nil, "0.0.0.0/0 igw-6")
	b.RT("rtb-priv", "vpc-6", false, []string{"subnet-2"})
	b.SG("sg-web", "vpc-6", "in tcp 443 0.0.0.0/0", "out all - 0.0.0.0/0")
	e1 := b.ENI("eni-1", "vpc-6", "subnet-1", []string{"10.60.1.5"}, "sg-web")
	e2 := b.ENI("eni-2", "vpc-6", "subnet-2", []string{"10.60.2.5"}, "sg-web")
	if eip {
		fixture.Public(e1, "198.51.100.7")
		fixture.Public(e2, "198.51.100.8")
	}
	return b.S
}

func TestS9S10InternetGateway(t *testing.T) {
	run(t, publicSubnet(false), []flow{
		{name: "S9 public subnet without public IP: blocked at the IGW (R3.2)", src: "eni-1", dst: "1.1.1.1", port: 443,
			want: reach.Blocked, codes: []string{"IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"}},
	})
	run(t, publicSubnet(true), []flow{
		{name: "S9 with an Elastic IP: reachable, remote sees it (R3.2)", src: "eni-1", dst: "1.1.1.1", port: 443,
			want: reach.Reachable, seenSrc: "198.51.100.7"},
		{name: "S10 explicit private table: no route (R1.1)", src: "eni-2", dst: "1.1.1.1", port: 443,
			want: reach.Blocked, codes: []string{"NO_ROUTE_TO_DESTINATION"}},
		{name: "R3.3 inbound to the EIP of a subnet on the main table", src: "1.1.1.1", dst: "198.51.100.7", port: 443, want: reach.Reachable},
		{name: "R3.3/S10 inbound arrives but the response has no route back", src: "1.1.1.1", dst: "198.51.100.8", port: 443,
			want: reach.Blocked, codes: []string{"return:NO_ROUTE_TO_DESTINATION"}},
		{name: "R3.3 internet names the ENI: its public address is used", src: "internet", dst: "eni-1", port: 443, want: reach.Reachable},
		{name: "R0.5 same subnet delivery needs only SGs", src: "eni-2", dst: "eni-1", port: 443, want: reach.Reachable},
		{name: "R0.6 the VPC Resolver is never filtered", src: "eni-2", dst: "10.60.0.2", proto: model.ProtoUDP, port: 53, want: reach.Reachable},
	})
}

func TestS14BlackholeNoFallback(t *testing.T) {
	b := fixture.New()
	b.VPC("vpc-1", "10.0.0.0/16")
	b.IGW("igw-1", "vpc-1")
	b.Subnet("subnet-1", "vpc-1", "10.0.1.0/24", "us-east-1a")
	b.RT("rtb-1", "vpc-1", true, nil, "0.0.0.0/0 igw-1", "8.0.0.0/8 nat-0dead blackhole")
	b.OpenSG("sg-1", "vpc-1")
	fixture.Public(b.ENI("eni-1", "vpc-1", "subnet-1", []string{"10.0.1.5"}, "sg-1"), "198.51.100.9")
	run(t, b.S, []flow{
		{name: "S14 8.8.8.8 hits the /8 blackhole (R1.9)", src: "eni-1", dst: "8.8.8.8", port: 443, want: reach.Blocked, codes: []string{"BAD_STATE_ROUTE"}},
		{name: "S14 9.9.9.9 uses the IGW (R1.4)", src: "eni-1", dst: "9.9.9.9", port: 443, want: reach.Reachable},
	})
}

// tgwEstate builds S17/S18: dev, prod and shared VPCs on tgw-1.
func tgwEstate() *model.Snapshot {
	b := fixture.New()
	b.TGW("tgw-1")
	for _, v := range []struct{ name, cidr, third string }{{"dev", "10.100", ""}, {"prod", "10.101", ""}, {"shared", "10.102", ""}} {
		id := "vpc-" + v.name
		b.VPC(id, v.cidr+".0.0/16")
		b.Subnet("subnet-"+v.name+"-a", id, v.cidr+".1.0/24", "us-east-1a")
		b.Subnet("subnet-"+v.name+"-b", id, v.cidr+".20.0/24", "us-east-1b")
		b.Subnet("subnet-"+v.name+"-att", id, v.cidr+".0.0/28", "us-east-1a")
		b.RT("rt-"+v.name, id, true, nil, "10.0.0.0/8 tgw-1")
		b.OpenSG("sg-"+v.name, id)
		b.ENI("eni-"+v.name+"-a", id, "subnet-"+v.name+"-a", []string{v.cidr + ".1.1"}, "sg-"+v.name)
		b.ENI("eni-"+v.name+"-b", id, "subnet-"+v.name+"-b", []string{v.cidr + ".20.1"}, "sg-"+v.name)
		b.TGWAttach("att-"+v.name, "tgw-1", id, "subnet-"+v.name+"-att")
	}
	b.TGWTable("rt-spokes", "tgw-1", []string{"att-dev", "att-prod"}, []string{"att-shared"}, "10.0.0.0/8 blackhole")
	b.TGWTable("rt-shared", "tgw-1", []string{"att-shared"}, []string{"att-dev", "att-prod"})
	return b.S
}

func TestTransitGateway(t *testing.T) {
	run(t, tgwEstate(), []flow{
		{name: "S17 dev to shared via rt-spokes, back via rt-shared (R5.4,R5.5)", src: "10.100.1.1", dst: "10.102.1.1", port: 443, want: reach.Reachable},
		{name: "S17 dev to prod hits the /8 blackhole (R5.6)", src: "10.100.1.1", dst: "10.101.1.1", port: 443,
			want: reach.Blocked, codes: []string{"TGW_RTB_BAD_STATE_ROUTE"}},
		{name: "S18 no attachment subnet in the source AZ (R5.2)", src: "10.100.20.1", dst: "10.102.1.1", port: 443,
			want: reach.Blocked, codes: []string{"TGW_ROUTE_AZ_RESTRICTION"}},
	})
}

func TestS19CentralisedEgress(t *testing.T) {
	b := fixture.New()
	b.TGW("tgw-1")
	b.VPC("vpc-A", "10.1.0.0/16")
	b.Subnet("subnet-A", "vpc-A", "10.1.1.0/24", "us-east-1a")
	b.RT("rt-A", "vpc-A", true, nil, "0.0.0.0/0 tgw-1")
	b.OpenSG("sg-A", "vpc-A")
	b.ENI("eni-A", "vpc-A", "subnet-A", []string{"10.1.1.1"}, "sg-A")
	b.TGWAttach("att-A", "tgw-1", "vpc-A", "subnet-A")
	b.VPC("vpc-E", "10.9.0.0/16")
	b.IGW("igw-e", "vpc-E")
	b.Subnet("subnet-att", "vpc-E", "10.9.0.0/28", "us-east-1a")
	b.Subnet("subnet-pub", "vpc-E", "10.9.1.0/24", "us-east-1a")
	b.RT("rtb-att", "vpc-E", true, []string{"subnet-att"}, "0.0.0.0/0 nat-e")
	b.RT("rtb-pub", "vpc-E", false, []string{"subnet-pub"}, "10.1.0.0/16 tgw-1", "0.0.0.0/0 igw-e")
	b.NAT("nat-e", "vpc-E", "subnet-pub", "10.9.1.5", "203.0.113.99")
	b.TGWAttach("att-E", "tgw-1", "vpc-E", "subnet-att")
	b.TGWTable("rt-tgw", "tgw-1", []string{"att-A", "att-E"}, []string{"att-A", "att-E"}, "0.0.0.0/0 att-E")
	run(t, b.S, []flow{
		{name: "S19 centralised egress through TGW and NAT (R5.3,R3.8,R3.6)", src: "10.1.1.1", dst: "8.8.8.8", port: 443,
			want: reach.Reachable, seenSrc: "203.0.113.99"},
	})
	b.S.RouteTables[1].Routes[0] = model.Route{Destination: b.S.RouteTables[1].Routes[0].Destination, Target: model.Target{Kind: model.TargetIGW, ID: "igw-e"}}
	run(t, b.S, []flow{
		{name: "S19 variant: attachment subnet straight to the IGW drops (R3.2)", src: "10.1.1.1", dst: "8.8.8.8", port: 443,
			want: reach.Blocked, codes: []string{"IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"}},
	})
}

func TestS20DirectConnectWithoutPropagation(t *testing.T) {
	build := func(propagate bool) *model.Snapshot {
		b := fixture.New()
		b.VPC("vpc-12", "10.120.0.0/16")
		b.Subnet("subnet-1", "vpc-12", "10.120.1.0/24", "us-east-1a")
		rt := b.RT("rtb-1", "vpc-12", true, nil)
		if propagate {
			rt.Propagations = []string{"vgw-12"}
		}
		b.VGW("vgw-12", "vpc-12")
		b.SiteDX("dc", "dxvif-1", "vgw-12", "172.20.0.0/16")
		b.OpenSG("sg-1", "vpc-12")
		b.ENI("eni-1", "vpc-12", "subnet-1", []string{"10.120.1.5"}, "sg-1")
		return b.S
	}
	run(t, build(false), []flow{
		{name: "S20 instance to on-premises: no route (R6.3)", src: "eni-1", dst: "172.20.1.1", port: 443,
			want: reach.Blocked, codes: []string{"NO_ROUTE_TO_DESTINATION"}},
		{name: "S20 on-premises to instance: response has no route back (R6.8,R0.4)", src: "172.20.1.1", dst: "eni-1", port: 443,
			want: reach.Blocked, codes: []string{"return:NO_ROUTE_TO_DESTINATION"}},
	})
	run(t, build(true), []flow{
		{name: "S20 fix: route propagation (R6.3,R6.8)", src: "172.20.1.1", dst: "eni-1", port: 443, want: reach.Reachable},
		{name: "R6.12 on-premises cannot use the VPC+2 Resolver", src: "onprem", dst: "10.120.0.2", proto: model.ProtoUDP, port: 53,
			want: reach.Blocked},
	})
}
