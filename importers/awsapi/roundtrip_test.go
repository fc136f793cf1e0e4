package awsapi

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/model"
)

// motoUnsupported are the operations moto 5.2.1 does not implement (it
// answers HTTP 500): the import records them as failed and goes on. Any other
// failed call fails the test.
var motoUnsupported = map[string]bool{
	"DescribeDirectConnectGateways": true, // so DescribeDirectConnectGatewayAssociations is never sent
	"DescribeVirtualInterfaces":     true,
	// DNS Firewall and security group VPC associations (issue 21)
	"DescribeSecurityGroupVpcAssociations": true, "ListFirewallConfigs": true, "ListFirewallDomainLists": true,
	"ListFirewallRuleGroupAssociations": true, "ListFirewallRuleGroups": true,
}

// The live importer writes what awsjson reads: a round trip through a real
// AWS API emulator yields exactly the resources created (one parser for both).
func TestImportRoundTripMoto(t *testing.T) {
	url := startMoto(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Second)
	defer cancel()
	f := createFixture(t, ctx, motoConfig(t, url, "us-east-1"))
	out := t.TempDir()
	m, err := Import(ctx, Options{Regions: []string{"us-east-1"}, EndpointURL: url, Out: out, Credentials: fakeCreds, MaxAttempts: 2,
		Now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }})
	if err != nil {
		t.Fatal(err)
	}
	snap, ds, err := awsjson.LoadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	if ds.HasErrors() {
		t.Errorf("loading the import: %v", ds)
	}
	t.Run("manifest", func(t *testing.T) { checkManifest(t, out, m) })
	t.Run("R1 VPCs, subnets and route tables", func(t *testing.T) { checkVPCs(t, snap, f) })
	t.Run("R2 security groups and network ACLs", func(t *testing.T) { checkFilters(t, snap, f) })
	t.Run("R3 gateways, endpoints and peering", func(t *testing.T) { checkGateways(t, snap, f) })
	t.Run("R10 resolver endpoint and R9 REST API", func(t *testing.T) { checkServices(t, snap, f) })
}

func checkManifest(t *testing.T, dir string, m *Manifest) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var disk Manifest
	if err := json.Unmarshal(data, &disk); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if disk.Caller.Account != "123456789012" || fmt.Sprint(disk.Regions) != "[us-east-1]" || disk.Time.Year() != 2026 {
		t.Errorf("manifest: caller %+v, regions %v, time %v", disk.Caller, disk.Regions, disk.Time)
	}
	ok := map[string]int{}
	for _, c := range disk.Calls {
		if c.Outcome == OutcomeOK {
			ok[c.Operation] += c.Items
		} else if !motoUnsupported[c.Operation] {
			t.Errorf("manifest: %s %s (%s) %s: %s", c.Service, c.Operation, c.Target, c.Outcome, c.Error)
		}
	}
	for op := range motoUnsupported {
		if _, done := ok[op]; done {
			t.Errorf("moto now supports %s: remove it from motoUnsupported", op)
		}
	}
	want := map[string]int{"DescribeVpcs": 3, "DescribeSubnets": 8, "DescribeNatGateways": 1, "DescribeVpcPeeringConnections": 1,
		"ListResolverEndpoints": 1, "ListResolverEndpointIpAddresses": 2, "GetRestApis": 1, "GetCallerIdentity": 1}
	for op, n := range want {
		if ok[op] < n {
			t.Errorf("manifest: %s returned %d items, want at least %d", op, ok[op], n)
		}
	}
	checkManifestActions(t, &disk)
}

func checkVPCs(t *testing.T, s *model.Snapshot, f fixture) {
	var vpcs []string
	for _, v := range s.VPCs {
		if !v.IsDefault {
			vpcs = append(vpcs, v.ID+" "+fmt.Sprint(v.CIDRs)+fmt.Sprintf(" dns=%v", v.EnableDNSSupport))
		}
	}
	sort.Strings(vpcs)
	diff(t, "VPCs", vpcs, sorted(f.vpc+" [10.20.0.0/16] dns=true", f.peerVPC+" [10.30.0.0/16] dns=true"))
	var subnets []string
	for _, sn := range s.Subnets {
		if sn.VPC == f.vpc {
			subnets = append(subnets, sn.ID+" "+sn.CIDR.String()+" "+sn.AZ)
		}
	}
	diff(t, "subnets", sorted(subnets...), sorted(f.public+" 10.20.1.0/24 us-east-1a", f.private+" 10.20.2.0/24 us-east-1b"))
	tables := map[string][]string{}
	for _, rt := range s.RouteTables {
		if rt.VPC != f.vpc {
			continue
		}
		for _, r := range rt.Routes {
			tables[rt.ID] = append(tables[rt.ID], routeLine(r))
		}
		for _, a := range rt.Associations {
			tables[rt.ID] = append(tables[rt.ID], "associated "+a.Subnet+fmt.Sprintf(" main=%v", a.Main))
		}
		sort.Strings(tables[rt.ID])
	}
	diff(t, "public route table", tables[f.publicRT], sorted("0.0.0.0/0 -> "+f.igw, "10.20.0.0/16 -> local", "associated "+f.public+" main=false"))
	diff(t, "private route table", tables[f.privateRT], sorted("0.0.0.0/0 -> "+f.nat, "10.20.0.0/16 -> local", "associated "+f.private+" main=false", s3Route(s, f)))
	if len(tables) != 3 {
		t.Errorf("VPC %s has %d route tables, want the main one and the two created", f.vpc, len(tables))
	}
}

func routeLine(r model.Route) string {
	dst := r.Destination.String()
	if r.DestPrefixList != "" {
		dst = r.DestPrefixList
	}
	return dst + " -> " + r.Target.String()
}

// s3Route is the route the gateway endpoint adds to its route table (R7.1).
func s3Route(s *model.Snapshot, f fixture) string {
	for _, pl := range s.PrefixLists {
		if pl.PrefixListName == "com.amazonaws.us-east-1.s3" {
			return pl.ID + " -> " + f.s3EP
		}
	}
	return "(no S3 prefix list in the snapshot)"
}

func checkFilters(t *testing.T, s *model.Snapshot, f fixture) {
	rules := map[string][]string{}
	for _, g := range s.SecurityGroups {
		for _, r := range g.Ingress {
			peer := r.CIDR.String()
			if r.Group != nil {
				peer = r.Group.GroupID
			}
			rules[g.ID] = append(rules[g.ID], fmt.Sprintf("%s %s from %s", r.Protocol, r.Ports, peer))
		}
	}
	diff(t, "web ingress", rules[f.web], []string{"tcp 443 from 0.0.0.0/0"})
	diff(t, "app ingress (R2.6 group reference)", rules[f.app], []string{"tcp 8080 from " + f.web})
	var entries []string
	for _, a := range s.NetworkACLs {
		for _, e := range a.Entries {
			if a.ID == f.nacl && !e.Egress && e.Number < 32767 {
				entries = append(entries, fmt.Sprintf("%d %s %s %s %s", e.Number, e.Protocol, e.Ports, e.CIDR, e.Action))
			}
		}
	}
	diff(t, "NACL ingress (R2.11)", entries, []string{"90 all all 192.0.2.0/24 deny", "100 tcp 443 0.0.0.0/0 allow"})
}

func checkGateways(t *testing.T, s *model.Snapshot, f fixture) {
	var got []string
	for _, g := range s.InternetGateways {
		if g.ID == f.igw {
			got = append(got, "igw "+fmt.Sprint(g.VPCs))
		}
	}
	for _, n := range s.NATGateways {
		got = append(got, fmt.Sprintf("nat %s in %s public=%v %v", n.ID, n.Subnet, n.Public, n.PublicIPs))
	}
	for _, e := range s.VPCEndpoints {
		got = append(got, fmt.Sprintf("%s %s %s rt=%v subnets=%v sgs=%v", e.ID, e.Type, e.ServiceName, e.RouteTables, e.Subnets, e.SecurityGroups))
	}
	for _, p := range s.PeeringConnections {
		got = append(got, fmt.Sprintf("%s %s -> %s %s", p.ID, p.Requester.VPC, p.Accepter.VPC, p.Status))
	}
	want := []string{
		"igw [" + f.vpc + "]",
		fmt.Sprintf("nat %s in %s public=true [%s]", f.nat, f.public, f.eipIP),
		fmt.Sprintf("%s Gateway com.amazonaws.us-east-1.s3 rt=[%s] subnets=[] sgs=[]", f.s3EP, f.privateRT),
		fmt.Sprintf("%s Interface com.amazonaws.us-east-1.execute-api rt=[] subnets=[%s] sgs=[%s]", f.apiEP, f.private, f.app),
		fmt.Sprintf("%s %s -> %s active", f.pcx, f.vpc, f.peerVPC),
	}
	diff(t, "gateways, endpoints, peering", sorted(got...), sorted(want...))
}

func checkServices(t *testing.T, s *model.Snapshot, f fixture) {
	var got []string
	for _, e := range s.ResolverEndpoints {
		var ips []string
		for _, ip := range e.IPs {
			ips = append(ips, ip.IP.String()+"@"+ip.Subnet)
		}
		got = append(got, fmt.Sprintf("%s %s %s %v %v", e.ID, e.Direction, e.VPC, e.SecurityGroups, sorted(ips...)))
	}
	for _, a := range s.RestAPIs {
		got = append(got, fmt.Sprintf("%s %s %v", a.ID, a.APIName, a.EndpointTypes))
	}
	want := []string{
		fmt.Sprintf("%s INBOUND %s [%s] [10.20.1.10@%s 10.20.2.10@%s]", f.resolver, f.vpc, f.app, f.public, f.private),
		f.restAPI + " pets [PRIVATE]",
	}
	diff(t, "resolver endpoint, REST API", sorted(got...), sorted(want...))
}

func sorted(ss ...string) []string {
	out := append([]string{}, ss...)
	sort.Strings(out)
	return out
}

func diff(t *testing.T, what string, got, want []string) {
	t.Helper()
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("%s (-want +got):\n%s", what, d)
	}
}
