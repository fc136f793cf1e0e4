package cfn

import (
	"net/netip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"

	"github.com/netverify/netverify/internal/testcorpus"
)

func byName[T model.Resource](xs []T, name string) T {
	for _, x := range xs {
		if x.Base().Name == name || x.Base().Tags["aws:cloudformation:logical-id"] == name {
			return x
		}
	}
	var zero T
	return zero
}

func rules(rs []model.SGRule) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Protocol.String()+"/"+r.Ports.String()+" "+r.Peer())
	}
	return out
}

// TestApigwOnpremPrivateAPI checks corpus A1: SG rules with string ports and a
// prefix list, PRIVATE API with the SAM-generated policy (R9.4), endpoint private DNS (R7.12).
func TestApigwOnpremPrivateAPI(t *testing.T) {
	s, _, err := importAll(t, filepath.Join(testcorpus.Dir(t, "iac"), "apigw-onprem-private-api", "template.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	v := byName(s.VPCs, "PrivateAPIBlogDemo")
	if v == nil || v.PrimaryCIDR() != netip.MustParsePrefix("10.0.0.0/16") || !v.EnableDNSHostnames || !v.EnableDNSSupport {
		t.Fatalf("VPC: %+v", v)
	}
	got := map[string]string{}
	for _, sub := range s.Subnets {
		got[sub.CIDR.String()] = sub.AZ
	}
	if got["10.0.0.0/17"] != "us-east-1a" || got["10.0.128.0/17"] != "us-east-1b" {
		t.Errorf("subnets: %v", got)
	}
	pl := byName(s.PrefixLists, "IT Network 1-Servers")
	if pl == nil || len(pl.Entries) != 1 || pl.Entries[0].String() != "172.31.0.0/16" {
		t.Fatalf("prefix list: %+v", pl)
	}
	sg := byName(s.SecurityGroups, "ResolverSG")
	if want := "tcp/53 " + pl.ID + ",udp/53 " + pl.ID; strings.Join(rules(sg.Ingress), ",") != want {
		t.Errorf("R2.4 ResolverSG ingress = %v, want %s", rules(sg.Ingress), want)
	}
	// R2.2: standalone SecurityGroupEgress resources do not remove the default allow-all rule.
	if want := "all/all 0.0.0.0/0,tcp/all " + pl.ID + ",udp/all " + pl.ID; strings.Join(rules(sg.Egress), ",") != want {
		t.Errorf("R2.2 ResolverSG egress = %v, want %s", rules(sg.Egress), want)
	}
	ep := s.VPCEndpoints[0]
	if ep.Type != model.EndpointInterface || ep.ServiceName != "com.amazonaws.us-east-1.execute-api" || !ep.PrivateDNSEnabled || len(ep.ENIs) != 2 {
		t.Errorf("endpoint: %+v", ep)
	}
	re := s.ResolverEndpoints[0]
	if !re.Inbound() || len(re.IPs) != 2 || !re.IPs[0].IP.IsValid() {
		t.Errorf("resolver endpoint: %+v", re)
	}
	api := s.RestAPIs[0]
	if !api.Private() || len(api.VPCEndpointIDs) != 1 || api.VPCEndpointIDs[0] != ep.ID {
		t.Errorf("API: %+v", api)
	}
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Action":"execute-api:Invoke","Resource":["execute-api:/DemoStage/GET/hello"],"Principal":"*"},` +
		`{"Effect":"Deny","Action":"execute-api:Invoke","Resource":["execute-api:/DemoStage/GET/hello"],"Principal":"*",` +
		`"Condition":{"StringNotEquals":{"aws:SourceVpce":["` + ep.ID + `"]}}}]}`
	if api.Policy != want {
		t.Errorf("R9.4 SAM IntrinsicVpceWhitelist policy:\n got %s\nwant %s", api.Policy, want)
	}
	if len(api.Integrations) != 1 || api.Integrations[0].Path != "/hello" || api.Integrations[0].Type != "AWS_PROXY" {
		t.Errorf("integrations: %+v", api.Integrations)
	}
	if f := s.LambdaFunctions[0]; f.InVPC() {
		t.Errorf("hello-world function is not in a VPC: %+v", f)
	}
}

// TestLambdaDevguidePrivatePublic checks corpus A2: NAT/IGW routes and gateway endpoint prefix-list routes (R7.1).
func TestLambdaDevguidePrivatePublic(t *testing.T) {
	dir := filepath.Join(testcorpus.Dir(t, "iac"), "lambda-devguide-vpc")
	s, _, err := importAll(t, filepath.Join(dir, "vpc-privatepublic.yaml"), map[string]string{"AWS::StackName": "lambda-vpc"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.VPCs) != 1 || s.VPCs[0].PrimaryCIDR().String() != "172.31.0.0/16" || s.VPCs[0].EnableDNSHostnames {
		t.Fatalf("VPC (EnableDnsHostnames defaults to false): %+v", s.VPCs)
	}
	routes := map[string][]string{}
	for _, rt := range s.RouteTables {
		for _, a := range rt.Associations {
			if a.Subnet == "" {
				continue
			}
			sub, _ := model.Lookup[*model.Subnet](model.NewIndex(s), a.Subnet)
			for _, r := range rt.Routes {
				dst := r.Destination.String()
				if r.DestPrefixList != "" {
					dst = r.DestPrefixList
				}
				routes[sub.CIDR.String()] = append(routes[sub.CIDR.String()], dst+"->"+r.Target.Kind.String()+"/"+r.Origin.String())
			}
		}
	}
	wantPublic := "172.31.0.0/16->local/local,0.0.0.0/0->igw/static"
	if got := strings.Join(routes["172.31.0.0/24"], ","); got != wantPublic {
		t.Errorf("public subnet routes = %s, want %s", got, wantPublic)
	}
	wantPrivate := "172.31.0.0/16->local/local,0.0.0.0/0->nat/static,pl-63a5400a->gateway-endpoint/gateway-endpoint,pl-02cd2c6b->gateway-endpoint/gateway-endpoint"
	for _, c := range []string{"172.31.3.0/24", "172.31.2.0/24"} {
		if got := strings.Join(routes[c], ","); got != wantPrivate {
			t.Errorf("R7.1 private subnet %s routes = %s, want %s", c, got, wantPrivate)
		}
	}
	n := s.NATGateways[0]
	if !n.Public || len(n.PublicIPs) != 1 || n.ENI == "" {
		t.Errorf("NAT gateway with EIP: %+v", n)
	}
	if g := s.InternetGateways[0]; len(g.VPCs) != 1 || g.VPCs[0] != s.VPCs[0].ID {
		t.Errorf("IGW attachment: %+v", g)
	}
}

// TestLambdaDevguidePrivate: no IGW or NAT; both gateway endpoints on the one table; Name tags from AWS::StackName.
func TestLambdaDevguidePrivate(t *testing.T) {
	s, _, err := importAll(t, filepath.Join(testcorpus.Dir(t, "iac"), "lambda-devguide-vpc", "vpc-private.yaml"), map[string]string{"AWS::StackName": "lambda-vpc"})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.InternetGateways)+len(s.NATGateways) != 0 || len(s.VPCEndpoints) != 2 {
		t.Fatalf("want no IGW/NAT and 2 gateway endpoints: %v", s.Count())
	}
	if sub := byName(s.Subnets, "lambda-vpc-subnet-b"); sub == nil || sub.CIDR.String() != "172.31.2.0/24" || sub.AZ != "us-east-1b" {
		t.Errorf("subnet b: %+v", sub)
	}
}

// TestDefaultSecurityGroupMatchesDerive: Fn::GetAtt VPC.DefaultSecurityGroup names the group model.Derive creates (R2.8).
func TestDefaultSecurityGroupMatchesDerive(t *testing.T) {
	tpl := `Resources:
  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}
  S: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref V, CidrBlock: 10.0.1.0/24, AvailabilityZone: us-east-1a}}
  F:
    Type: AWS::Lambda::Function
    Properties:
      VpcConfig: {SubnetIds: [!Ref S], SecurityGroupIds: [!GetAtt V.DefaultSecurityGroup]}
`
	s, ds, err := Load("t.yaml", []byte(tpl), nil)
	if err != nil {
		t.Fatal(err)
	}
	ds.Append(model.Derive(s))
	ds.Append(model.Validate(s))
	for _, d := range ds {
		if d.Severity > model.SevInfo {
			t.Errorf("%s", d)
		}
	}
	if !s.LambdaFunctions[0].InVPC() {
		t.Error("function not in VPC")
	}
}
