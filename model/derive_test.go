package model

import (
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func dpfx(s string) netip.Prefix { return netip.MustParsePrefix(s) }
func daddr(s string) netip.Addr  { return netip.MustParseAddr(s) }

// deriveFixture is a small VPC as a template would describe it: nothing AWS
// creates implicitly is present.
func deriveFixture() *Snapshot {
	src := Source{File: "t.yaml", Line: 1}
	s := New()
	s.VPCs = []*VPC{{Meta: Meta{ID: "vpc-1", Name: "app", Source: src}, CIDRs: []netip.Prefix{dpfx("10.0.0.0/16"), dpfx("10.1.0.0/16")}, IPv6CIDRs: []netip.Prefix{dpfx("2600:1f18::/56")}}}
	s.Subnets = []*Subnet{
		{Meta: Meta{ID: "subnet-a", Name: "a", Source: src}, VPC: "app", AZ: "us-east-1a", CIDR: dpfx("10.0.1.0/24")},
		{Meta: Meta{ID: "subnet-b", Source: src}, VPC: "vpc-1", AZ: "us-east-1b", CIDR: dpfx("10.0.2.0/28")},
	}
	s.RouteTables = []*RouteTable{{Meta: Meta{ID: "rtb-priv", Source: src}, VPC: "app",
		Routes: []Route{{Destination: dpfx("0.0.0.0/0"), Target: Target{Kind: TargetNAT, ID: "nat-1"}}}}}
	s.SecurityGroups = []*SecurityGroup{{Meta: Meta{ID: "sg-fn", Name: "fn", Source: src}, VPC: "vpc-1"}}
	s.ENIs = []*ENI{{Meta: Meta{ID: "eni-web", Source: src}, Subnet: "subnet-a", PrivateIPs: []netip.Addr{daddr("10.0.1.4")}}}
	s.LambdaFunctions = []*LambdaFunction{
		{Meta: Meta{ID: "fn-b", Source: src}, Subnets: []string{"a", "subnet-b"}, SecurityGroups: []string{"fn"}},
		{Meta: Meta{ID: "fn-a", Source: src}, Subnets: []string{"subnet-a"}, SecurityGroups: []string{"sg-fn"}},
	}
	s.VPCEndpoints = []*VPCEndpoint{{Meta: Meta{ID: "vpce-ssm", Source: src}, VPC: "vpc-1", Type: EndpointInterface, Subnets: []string{"subnet-a"}}}
	s.NATGateways = []*NATGateway{{Meta: Meta{ID: "nat-1", Source: src}, Subnet: "subnet-b", Public: true, PublicIPs: []netip.Addr{daddr("203.0.113.10")}}}
	s.ResolverEndpoints = []*ResolverEndpoint{{Meta: Meta{ID: "rslvr-in-1", Source: src}, VPC: "vpc-1", Direction: "INBOUND",
		IPs: []ResolverIP{{Subnet: "subnet-a", IP: daddr("10.0.1.53")}, {Subnet: "subnet-b"}}}}
	s.LoadBalancers = []*LoadBalancer{{Meta: Meta{ID: "lb-1", Source: src}, Type: "network", Nodes: []LBNode{{Subnet: "subnet-a"}}}}
	s.VPCLinks = []*VPCLink{{Meta: Meta{ID: "vl-1", Source: src}, Version: "V2", Subnets: []string{"subnet-a"}}}
	return s
}

func enisOf(s *Snapshot, kind ENIOwner) []*ENI {
	var out []*ENI
	for _, e := range s.ENIs {
		if e.OwnerKind == kind {
			out = append(out, e)
		}
	}
	return out
}

func TestDerive_R1_5_LocalRoutesPerCIDR(t *testing.T) {
	s := deriveFixture()
	Derive(s)
	for _, rt := range s.RouteTables {
		var locals []string
		for _, r := range rt.Routes {
			if r.Target.Kind == TargetLocal {
				locals = append(locals, r.Destination.String())
			}
		}
		want := []string{"10.0.0.0/16", "10.1.0.0/16", "2600:1f18::/56"}
		if !reflect.DeepEqual(locals, want) {
			t.Errorf("%s local routes = %v, want %v", rt.ID, locals, want)
		}
	}
}

func TestDerive_R1_1_MainRouteTable(t *testing.T) {
	s := deriveFixture()
	Derive(s)
	var mains []*RouteTable
	for _, rt := range s.RouteTables {
		if rt.IsMain() {
			mains = append(mains, rt)
		}
	}
	if len(mains) != 1 || mains[0].VPC != "vpc-1" || len(mains[0].Routes) != 3 || len(mains[0].Assumed) == 0 {
		t.Fatalf("want one main table for vpc-1 with only its 3 local routes, got %+v", mains)
	}
	if !strings.HasPrefix(mains[0].ID, "rtb-derived-") {
		t.Errorf("main table ID %q, want rtb-derived-…", mains[0].ID)
	}
}

func TestDerive_R2_10_DefaultNACLAndStarRules(t *testing.T) {
	s := deriveFixture()
	s.NetworkACLs = []*NetworkACL{{Meta: Meta{ID: "acl-web"}, VPC: "vpc-1", Entries: []ACLEntry{{Number: 100, Protocol: ProtoTCP, Action: Allow, CIDR: dpfx("0.0.0.0/0"), Ports: PortRange{443, 443}}}}}
	Derive(s)
	if len(s.NetworkACLs) != 2 {
		t.Fatalf("want the custom NACL plus a derived default, got %d", len(s.NetworkACLs))
	}
	def := s.NetworkACLs[1]
	var got []string
	for _, e := range def.Entries {
		got = append(got, e.Direction()+" "+strconv.Itoa(e.Number)+" "+e.Action.String()+" "+e.CIDR.String())
	}
	want := []string{"inbound 100 allow 0.0.0.0/0", "inbound 101 allow ::/0", "outbound 100 allow 0.0.0.0/0", "outbound 101 allow ::/0",
		"inbound 32767 deny 0.0.0.0/0", "inbound 32767 deny ::/0", "outbound 32767 deny 0.0.0.0/0", "outbound 32767 deny ::/0"}
	if !def.IsDefault || !reflect.DeepEqual(got, want) {
		t.Errorf("default NACL entries\n got %v\nwant %v", got, want)
	}
	if n := len(s.NetworkACLs[0].Entries); n != 5 {
		t.Errorf("custom NACL: want rule 100 plus 4 implicit deny rules, got %d entries", n)
	}
}

func TestDerive_R2_8_DefaultSG(t *testing.T) {
	s := deriveFixture()
	Derive(s)
	var def *SecurityGroup
	for _, g := range s.SecurityGroups {
		if g.GroupName == "default" {
			def = g
		}
	}
	if def == nil {
		t.Fatal("no default SG derived")
	}
	if len(def.Ingress) != 1 || def.Ingress[0].Group == nil || def.Ingress[0].Group.GroupID != def.ID {
		t.Errorf("default SG ingress must allow all from itself: %+v", def.Ingress)
	}
	if len(def.Egress) != 2 || def.Egress[0].CIDR.String() != "0.0.0.0/0" || def.Egress[1].CIDR.String() != "::/0" {
		t.Errorf("default SG egress must allow all IPv4 and IPv6 (VPC has IPv6): %+v", def.Egress)
	}
}

func TestDerive_R8_1_LambdaENIsSharedPerSubnetAndSGSet(t *testing.T) {
	s := deriveFixture()
	Derive(s)
	enis := enisOf(s, OwnerLambda)
	// fn-a and fn-b share (subnet-a, [sg-fn]); fn-b adds (subnet-b, [sg-fn]).
	if len(enis) != 2 {
		t.Fatalf("want 2 Hyperplane ENIs, got %d", len(enis))
	}
	for _, e := range enis {
		if e.VPC != "vpc-1" || !reflect.DeepEqual(e.SecurityGroups, []string{"sg-fn"}) || len(e.Assumed) < 2 {
			t.Errorf("lambda ENI %s: vpc %s sgs %v notes %v", e.ID, e.VPC, e.SecurityGroups, e.Assumed)
		}
	}
	// R1.13: the first free address after the 4 reserved ones and eni-web's 10.0.1.4.
	if got := enis[0].PrimaryIP().String(); got != "10.0.1.5" {
		t.Errorf("first Lambda ENI in subnet-a got %s, want 10.0.1.5", got)
	}
}

func TestDerive_R8_1_ExistingLambdaENIIsReused(t *testing.T) {
	s := deriveFixture()
	s.ENIs = append(s.ENIs, &ENI{Meta: Meta{ID: "eni-fn"}, Subnet: "subnet-a", SecurityGroups: []string{"sg-fn"}, OwnerKind: OwnerLambda, PrivateIPs: []netip.Addr{daddr("10.0.1.99")}})
	Derive(s)
	if n := len(enisOf(s, OwnerLambda)); n != 2 {
		t.Errorf("want the given ENI plus one for subnet-b, got %d", n)
	}
}

func TestDerive_R7_7_EndpointENIsCarryDefaultSG(t *testing.T) {
	s := deriveFixture()
	Derive(s)
	ep := s.VPCEndpoints[0]
	if len(ep.ENIs) != 1 {
		t.Fatalf("want one endpoint ENI per subnet, got %v", ep.ENIs)
	}
	e := enisOf(s, OwnerInterfaceEndpoint)[0]
	if e.ID != ep.ENIs[0] || len(e.SecurityGroups) != 1 || !strings.HasPrefix(e.SecurityGroups[0], "sg-derived-") {
		t.Errorf("endpoint ENI %s must carry the default SG, has %v", e.ID, e.SecurityGroups)
	}
}

func TestDerive_ManagedENIs(t *testing.T) {
	s := deriveFixture()
	Derive(s)
	nat := s.NATGateways[0]
	// subnet-b is 10.0.2.0/28: .0-.3 and .15 reserved (R1.13); fn-b's ENI took .4, the resolver .5.
	if nat.ENI == "" || nat.PrivateIP.String() != "10.0.2.6" || nat.VPC != "vpc-1" {
		t.Errorf("NAT gateway: eni %q ip %s vpc %q", nat.ENI, nat.PrivateIP, nat.VPC)
	}
	ne := enisOf(s, OwnerNATGateway)[0]
	if ne.SourceDestCheck || len(ne.PublicIPs) != 1 || ne.PublicIPs[0].PublicIP.String() != "203.0.113.10" {
		t.Errorf("NAT ENI %+v", ne)
	}
	r := s.ResolverEndpoints[0]
	if r.IPs[0].IP.String() != "10.0.1.53" || r.IPs[0].ENI == "" || !r.IPs[1].IP.IsValid() || r.IPs[1].ENI == "" {
		t.Errorf("resolver IPs %+v", r.IPs)
	}
	if s.LoadBalancers[0].Nodes[0].ENI == "" || len(enisOf(s, OwnerVPCLink)) != 1 {
		t.Errorf("load balancer node or VPC link ENI missing")
	}
	if s.ENIs[0].VPC != "vpc-1" || s.ENIs[0].AZ != "us-east-1a" {
		t.Errorf("eni-web: VPC/AZ not filled from subnet: %q %q", s.ENIs[0].VPC, s.ENIs[0].AZ)
	}
}

func TestDerive_R1_13_AllocationSkipsReservedAndUsed(t *testing.T) {
	s := deriveFixture()
	Derive(s)
	seen := map[netip.Addr]string{}
	for _, e := range s.ENIs {
		for _, ip := range e.PrivateIPs {
			if prev, dup := seen[ip]; dup {
				t.Errorf("%s allocated twice (%s, %s)", ip, prev, e.ID)
			}
			seen[ip] = e.ID
			sub, _ := Lookup[*Subnet](NewIndex(s), e.Subnet)
			off := ip.As4()[3] - sub.CIDR.Addr().As4()[3]
			if off < 4 || ip == lastAddr(sub.CIDR) {
				t.Errorf("%s got reserved address %s", e.ID, ip)
			}
		}
	}
}

func TestDerive_SubnetFull(t *testing.T) {
	s := New()
	s.VPCs = []*VPC{{Meta: Meta{ID: "vpc-1"}, CIDRs: []netip.Prefix{dpfx("10.0.0.0/16")}}}
	s.Subnets = []*Subnet{{Meta: Meta{ID: "subnet-t"}, VPC: "vpc-1", CIDR: dpfx("10.0.0.0/29")}} // 3 usable addresses
	for i, n := range []string{"a", "b", "c", "d"} {
		s.NATGateways = append(s.NATGateways, &NATGateway{Meta: Meta{ID: "nat-" + n}, Subnet: "subnet-t"})
		_ = i
	}
	ds := Derive(s)
	if ds.Count(SevWarning) != 1 || !strings.Contains(ds[len(ds)-1].Message, "no free IPv4 address") {
		t.Errorf("want one warning for the fourth NAT gateway, got %v", ds)
	}
}

func TestDerive_IdempotentAndDeterministic(t *testing.T) {
	a, b := deriveFixture(), deriveFixture()
	b.LambdaFunctions[0], b.LambdaFunctions[1] = b.LambdaFunctions[1], b.LambdaFunctions[0]
	Derive(a)
	Derive(b)
	a.Sort()
	b.Sort()
	if !reflect.DeepEqual(a, b) {
		t.Error("Derive depends on input order")
	}
	n := a.Len()
	if ds := Derive(a); len(ds) != 0 || a.Len() != n {
		t.Errorf("second Derive changed the snapshot: %d -> %d resources, %v", n, a.Len(), ds)
	}
	if ds := Validate(a); ds.HasErrors() {
		t.Errorf("derived snapshot does not validate: %v", ds)
	}
}

func TestDerive_R2_8_InstanceWithoutSGGetsDefault(t *testing.T) {
	s := deriveFixture()
	s.ENIs[0].OwnerKind = OwnerInstance
	Derive(s)
	if sgs := s.ENIs[0].SecurityGroups; len(sgs) != 1 || !strings.HasPrefix(sgs[0], "sg-derived-") {
		t.Errorf("instance ENI without SGs must get the default SG, has %v", sgs)
	}
}

func TestDerive_R1_13_ENIWithoutAddressGetsOne(t *testing.T) {
	s := deriveFixture()
	s.ENIs = append(s.ENIs, &ENI{Meta: Meta{ID: "eni-bare"}, Subnet: "subnet-a"})
	ds := Derive(s)
	var bare *ENI
	for _, e := range s.ENIs {
		if e.ID == "eni-bare" {
			bare = e
		}
	}
	if got := bare.PrimaryIP().String(); got != "10.0.1.5" || len(bare.Assumed) == 0 || ds.Count(SevInfo) == 0 {
		t.Errorf("eni-bare got %s (notes %v)", got, bare.Assumed)
	}
}

// TestDerive_R1_13_ManyAllocationsAreDistinctAndInOrder: 3,000 ENIs written
// without addresses in one /20 get the lowest free addresses, in ID order,
// none twice, skipping one already taken.
func TestDerive_R1_13_ManyAllocationsAreDistinctAndInOrder(t *testing.T) {
	s := New()
	s.VPCs = []*VPC{{Meta: Meta{ID: "vpc-1"}, CIDRs: []netip.Prefix{dpfx("10.0.0.0/16")}}}
	s.Subnets = []*Subnet{{Meta: Meta{ID: "subnet-a"}, VPC: "vpc-1", CIDR: dpfx("10.0.16.0/20")}}
	s.ENIs = []*ENI{{Meta: Meta{ID: "eni-taken"}, Subnet: "subnet-a", PrivateIPs: []netip.Addr{daddr("10.0.16.10")}}}
	const n = 3000
	for i := range n {
		s.ENIs = append(s.ENIs, &ENI{Meta: Meta{ID: "eni-" + strconv.Itoa(100000+i)}, Subnet: "subnet-a", OwnerKind: OwnerInstance, SecurityGroups: []string{"sg-x"}})
	}
	Derive(s)
	want := daddr("10.0.16.4")
	for _, e := range s.ENIs[1:] {
		if want == daddr("10.0.16.10") {
			want = want.Next()
		}
		if got := e.PrimaryIP(); got != want {
			t.Fatalf("%s got %s, want %s", e.ID, got, want)
		}
		want = want.Next()
	}
}
