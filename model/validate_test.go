package model

import (
	"net/netip"
	"strings"
	"testing"
)

// base returns a small valid snapshot: one VPC 10.0.0.0/16 with two subnets,
// a main route table, an ENI, and a security group.
func base() *Snapshot {
	src := Source{File: "net.yaml", Line: 1}
	return &Snapshot{
		VPCs: []*VPC{{Meta: Meta{ID: "vpc-1", Name: "app", Source: src}, CIDRs: []netip.Prefix{pfx("10.0.0.0/16")}}},
		Subnets: []*Subnet{
			{Meta: Meta{ID: "subnet-a", Source: src.At(5, 0)}, VPC: "vpc-1", AZ: "us-east-1a", CIDR: pfx("10.0.1.0/24")},
			{Meta: Meta{ID: "subnet-b", Source: src.At(9, 0)}, VPC: "app", AZ: "us-east-1b", CIDR: pfx("10.0.2.0/24")},
		},
		RouteTables: []*RouteTable{{Meta: Meta{ID: "rtb-main"}, VPC: "vpc-1",
			Associations: []RouteTableAssociation{{Main: true}},
			Routes:       []Route{{Destination: pfx("10.0.0.0/16"), Target: Target{Kind: TargetLocal}, Origin: OriginLocal}}}},
		SecurityGroups: []*SecurityGroup{{Meta: Meta{ID: "sg-1"}, VPC: "vpc-1"}},
		ENIs: []*ENI{{Meta: Meta{ID: "eni-1", Source: src.At(20, 0)}, VPC: "vpc-1", Subnet: "subnet-a",
			PrivateIPs: []netip.Addr{netip.MustParseAddr("10.0.1.10")}, SecurityGroups: []string{"sg-1"}}},
	}
}

func pfx(s string) netip.Prefix { return netip.MustParsePrefix(s) }

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(s *Snapshot)
		want   string // substring of the only error/warning; "" = clean
		sev    Severity
	}{
		{"valid snapshot is clean", func(*Snapshot) {}, "", 0},
		{"subnet outside its VPC (R1.12)", func(s *Snapshot) { s.Subnets[1].CIDR = pfx("10.1.2.0/24") },
			"subnet subnet-b: CIDR 10.1.2.0/24 is outside every CIDR of vpc-1 (10.0.0.0/16)", SevError},
		{"overlapping subnets", func(s *Snapshot) { s.Subnets[1].CIDR = pfx("10.0.1.128/25") },
			"overlaps subnet subnet-a", SevError},
		{"dangling reference from imported data is a warning", func(s *Snapshot) { s.ENIs[0].SecurityGroups = []string{"sg-gone"} },
			`network-interface eni-1: security group refers to security group "sg-gone", which is not in the snapshot`, SevWarning},
		{"dangling reference from a scenario is an error", func(s *Snapshot) {
			s.MarkStrict("net.yaml")
			s.ENIs[0].SecurityGroups = []string{"sg-gone"}
		}, `refers to security group "sg-gone"`, SevError},
		{"ENI IP outside its subnet", func(s *Snapshot) { s.ENIs[0].PrivateIPs[0] = netip.MustParseAddr("10.0.2.10") },
			"private IP 10.0.2.10 is outside its subnet subnet-a", SevError},
		{"subnet in two route tables (R1.1)", func(s *Snapshot) {
			s.RouteTables[0].Associations = append(s.RouteTables[0].Associations, RouteTableAssociation{Subnet: "subnet-a"})
			s.RouteTables = append(s.RouteTables, &RouteTable{Meta: Meta{ID: "rtb-2"}, VPC: "vpc-1",
				Associations: []RouteTableAssociation{{Subnet: "subnet-a"}}})
		}, "subnet subnet-a is associated with two route tables", SevError},
		{"two main route tables", func(s *Snapshot) {
			s.RouteTables = append(s.RouteTables, &RouteTable{Meta: Meta{ID: "rtb-2"}, VPC: "vpc-1",
				Associations: []RouteTableAssociation{{Main: true}}})
		}, "vpc vpc-1 has two main route tables", SevError},
		{"overlapping peered CIDRs (R4.2)", func(s *Snapshot) {
			s.VPCs = append(s.VPCs, &VPC{Meta: Meta{ID: "vpc-2"}, CIDRs: []netip.Prefix{pfx("10.0.128.0/17")}})
			s.PeeringConnections = []*PeeringConnection{{Meta: Meta{ID: "pcx-1"}, Status: "active",
				Requester: PeeringSide{VPC: "vpc-1"}, Accepter: PeeringSide{VPC: "vpc-2"}}}
		}, "whose CIDRs overlap (R4.2)", SevError},
		{"duplicate NACL rule number", func(s *Snapshot) {
			s.NetworkACLs = []*NetworkACL{{Meta: Meta{ID: "acl-1"}, VPC: "vpc-1", Entries: []ACLEntry{
				{Number: 100, CIDR: pfx("0.0.0.0/0")}, {Number: 100, CIDR: pfx("10.0.0.0/8")}}}}
		}, "inbound rule 100 appears twice", SevError},
		{"two private-DNS endpoints for one service (R7.13)", func(s *Snapshot) {
			for _, id := range []string{"vpce-1", "vpce-2"} {
				s.VPCEndpoints = append(s.VPCEndpoints, &VPCEndpoint{Meta: Meta{ID: id}, VPC: "vpc-1", Type: EndpointInterface,
					ServiceName: "com.amazonaws.us-east-1.ssm", PrivateDNSEnabled: true})
			}
		}, "two endpoints for com.amazonaws.us-east-1.ssm with private DNS", SevError},
		{"client outside its site", func(s *Snapshot) {
			s.Sites = []*OnPremSite{{Meta: Meta{ID: "dc"}, CIDRs: []netip.Prefix{pfx("192.168.0.0/16")}}}
			s.Clients = []*Client{{Meta: Meta{ID: "onprem"}, Location: "dc", IP: netip.MustParseAddr("172.16.0.1")}}
		}, "client onprem: IP 172.16.0.1 is outside dc", SevError},
		{"forward rule without targets", func(s *Snapshot) {
			s.ResolverRules = []*ResolverRule{{Meta: Meta{ID: "rslvr-rr-1"}, DomainName: "corp.example", RuleType: "FORWARD"}}
		}, "forwarding rule rslvr-rr-1 for corp.example has no target IPs", SevError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := base()
			tt.change(s)
			ds := Validate(s)
			var got []Diagnostic
			for _, d := range ds {
				if d.Severity >= SevWarning {
					got = append(got, d)
				}
			}
			if tt.want == "" {
				if len(got) != 0 {
					t.Fatalf("want no findings, got %v", got)
				}
				return
			}
			if len(got) != 1 || !strings.Contains(got[0].Message, tt.want) || got[0].Severity != tt.sev {
				t.Fatalf("want one %v containing %q, got %v", tt.sev, tt.want, got)
			}
		})
	}
}

func TestValidateCanonicalisesNames(t *testing.T) {
	s := base()
	Validate(s)
	if got := s.Subnets[1].VPC; got != "vpc-1" {
		t.Fatalf("subnet-b's VPC reference by name %q was not rewritten to the ID, got %q", "app", got)
	}
}

func TestDiagnosticString(t *testing.T) {
	d := Diagnostic{Severity: SevError, Source: Source{File: "a.yaml", Line: 3, Col: 7}, Message: "bad CIDR"}
	if got, want := d.String(), "a.yaml:3:7: error: bad CIDR"; got != want {
		t.Fatalf("got %q want %q", got, want)
	}
}

func TestResolverIP(t *testing.T) {
	v := &VPC{CIDRs: []netip.Prefix{pfx("10.10.0.0/16"), pfx("100.64.0.0/16")}}
	if got := v.ResolverIP().String(); got != "10.10.0.2" {
		t.Fatalf("R10.1: resolver is primary CIDR base+2, got %s", got)
	}
}

func TestGraphRelations(t *testing.T) {
	s := base()
	Validate(s)
	s.RouteTables[0].Associations = append(s.RouteTables[0].Associations, RouteTableAssociation{Subnet: "subnet-a"})
	g := BuildGraph(s)
	if got := g.Relations("vpc-1", "subnet-a"); len(got) != 1 || got[0] != RelContains {
		t.Fatalf("vpc contains subnet: got %v", got)
	}
	if got := g.Relations("rtb-main", "subnet-a"); len(got) != 1 || got[0] != RelAssociatedWith {
		t.Fatalf("route table associated with subnet: got %v", got)
	}
	if n := g.Neighbours("subnet-a"); len(n) != 3 { // vpc-1, rtb-main, eni-1
		t.Fatalf("neighbours of subnet-a: %v", n)
	}
}

func TestKindsCoverEveryResource(t *testing.T) {
	s := &Snapshot{}
	s.Each(func(*KindInfo, Resource) {})
	for _, k := range Kinds {
		if KindByName(k.Name) != k {
			t.Fatalf("kind %s not found by name", k.Name)
		}
	}
	// Every kind's resource type maps back to its KindInfo.
	samples := []Resource{&Account{}, &Region{}, &AvailabilityZone{}, &VPC{}, &Subnet{}, &RouteTable{}, &PrefixList{},
		&NetworkACL{}, &SecurityGroup{}, &ENI{}, &Instance{}, &InternetGateway{}, &EgressOnlyIGW{}, &NATGateway{},
		&ElasticIP{}, &VPCEndpoint{}, &EndpointService{}, &PeeringConnection{}, &TransitGateway{}, &TGWAttachment{},
		&TGWRouteTable{}, &VPNGateway{}, &CustomerGateway{}, &VPNConnection{}, &DXGateway{}, &VirtualInterface{},
		&LoadBalancer{}, &TargetGroup{}, &LambdaFunction{}, &RestAPI{}, &HTTPAPI{}, &VPCLink{}, &DomainName{},
		&HostedZone{}, &ResolverEndpoint{}, &ResolverRule{}, &FirewallDomainList{}, &FirewallRuleGroup{},
		&FirewallAssociation{}, &FirewallConfig{}, &Profile{}, &ProfileAssociation{}, &OnPremSite{}, &DNSServer{}, &Client{}}
	if len(samples) != len(Kinds) {
		t.Fatalf("%d samples for %d kinds", len(samples), len(Kinds))
	}
	for _, r := range samples {
		if KindOf(r) == nil {
			t.Fatalf("KindOf(%T) is nil", r)
		}
	}
}
