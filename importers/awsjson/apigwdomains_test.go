package awsjson

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/netverify/netverify/internal/testcorpus"
	"github.com/netverify/netverify/model"
)

// writeFiles writes name -> content under a fresh accounts/<id>/<region> directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "accounts", "111111111111", "eu-west-1")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// noWarnings fails on any warning or error, and on any "not modelled" note.
func noWarnings(t *testing.T, ds model.Diagnostics) {
	t.Helper()
	for _, d := range ds {
		if d.Severity >= model.SevWarning || strings.Contains(d.Message, "not modelled") {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
}

// TestR9_9PrivateCustomDomain reads a private custom domain as the live
// importer writes it, with its base-path mapping (from the wrapper file) and
// its access association (from get-domain-name-access-associations).
func TestR9_9PrivateCustomDomain(t *testing.T) {
	arn := "arn:aws:apigateway:eu-west-1:111111111111:/domainnames/api.internal.example.com+abcd1234"
	dir := writeFiles(t, map[string]string{
		"ApiGatewayDomainNames.json": `{"ApiGatewayDomainNames": [{
  "DomainName": "api.internal.example.com", "DomainNameId": "abcd1234", "DomainNameArn": "` + arn + `",
  "CertificateUploadDate": "2024-11-26T11:44:40-08:00",
  "EndpointConfiguration": {"Types": ["PRIVATE"]},
  "Policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\",\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-0a1\"}}}]}",
  "Tags": {"Name": "internal-api"}}]}`,
		"ApiGatewayBasePathMappings.json": `{"ApiGatewayBasePathMappings": [{"DomainName": "api.internal.example.com", "DomainNameId": "abcd1234",
  "items": [{"basePath": "orders", "restApiId": "a1b2c3", "stage": "prod"}]}]}`,
		"apigateway_get-domain-name-access-associations.json": `{"items": [{"domainNameAccessAssociationArn": "arn:aws:apigateway:eu-west-1:111111111111:/domainnameaccessassociations/x",
  "domainNameArn": "` + arn + `", "accessAssociationSourceType": "VPCE", "accessAssociationSource": "vpce-0a1"}]}`,
	})
	snap, ds, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	noWarnings(t, ds)
	if len(snap.DomainNames) != 1 {
		t.Fatalf("domain names = %d, want 1", len(snap.DomainNames))
	}
	d := snap.DomainNames[0]
	got := struct {
		ID, Name, Account, Region, Policy string
		Types, Associations               []string
		Mappings                          []model.BasePathMapping
	}{d.ID, d.Name, d.Account, d.Region, d.Policy, d.EndpointTypes, d.AccessAssociations, d.Mappings}
	want := got
	want.ID, want.Name, want.Account, want.Region = "api.internal.example.com+abcd1234", "internal-api", "111111111111", "eu-west-1"
	want.Types, want.Associations = []string{"PRIVATE"}, []string{"vpce-0a1"}
	want.Mappings = []model.BasePathMapping{{BasePath: "orders", API: "a1b2c3", Stage: "prod"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("domain (-want +got):\n%s", diff)
	}
	if !strings.Contains(d.Policy, `"aws:SourceVpce":"vpce-0a1"`) {
		t.Errorf("policy = %s", d.Policy)
	}
}

// TestCustomDomainShapes reads the CLI's get-domain-names of both API
// Gateway versions and the v2 API mappings; the endpoint type decides which
// name DNS points at (R9.9).
func TestCustomDomainShapes(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"ApiGatewayDomainNames.json": `{"items": [
  {"domainName": "old.example.com", "distributionDomainName": "d9511k3l09bkd.cloudfront.net", "certificateUploadDate": 1452812505},
  {"domainName": "api.example.com", "regionalDomainName": "d-abcd1234.execute-api.eu-west-1.amazonaws.com", "endpointConfiguration": {"types": ["REGIONAL"]}}]}`,
		"apigatewayv2_get-domain-names.json": `{"Items": [{"DomainName": "http.example.com", "DomainNameConfigurations": [
  {"ApiGatewayDomainName": "d-5678.execute-api.eu-west-1.amazonaws.com", "EndpointType": "REGIONAL", "CertificateUploadDate": "2024-01-01T00:00:00Z"}]}]}`,
		"ApiGatewayV2ApiMappings.json": `{"ApiGatewayV2ApiMappings": [{"DomainName": "http.example.com", "Items": [{"ApiId": "h1", "ApiMappingKey": "v1", "Stage": "$default"}]}]}`,
	})
	snap, ds, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	noWarnings(t, ds)
	var got []string
	for _, d := range snap.DomainNames {
		got = append(got, strings.Join([]string{d.ID, strings.Join(d.EndpointTypes, ","), d.RegionalDomainName + d.DistributionDomainName, mappingsOf(d)}, " "))
	}
	want := []string{
		"api.example.com REGIONAL d-abcd1234.execute-api.eu-west-1.amazonaws.com ",
		"http.example.com REGIONAL d-5678.execute-api.eu-west-1.amazonaws.com v1->h1/$default",
		"old.example.com EDGE d9511k3l09bkd.cloudfront.net ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("domains (-want +got):\n%s", diff)
	}
}

func mappingsOf(d *model.DomainName) string {
	var out []string
	for _, m := range d.Mappings {
		out = append(out, m.BasePath+"->"+m.API+"/"+m.Stage)
	}
	return strings.Join(out, ",")
}

// TestMappingForMissingDomainWarns: a mapping whose domain is absent is a
// warning naming the domain, and the rest loads.
func TestMappingForMissingDomainWarns(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"Vpcs.json":                       `{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}`,
		"ApiGatewayBasePathMappings.json": `{"ApiGatewayBasePathMappings": [{"DomainName": "gone.example.com", "items": [{"basePath": "(none)", "restApiId": "a1"}]}]}`,
	})
	snap, ds, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.VPCs) != 1 || ds.Count(model.SevWarning) != 1 || !strings.Contains(ds[0].Message, "gone.example.com") {
		t.Errorf("vpcs %d, diagnostics %v", len(snap.VPCs), ds)
	}
}

// TestCorpusDomainNames: the AWS CLI's own examples of get-domain-names.
func TestCorpusDomainNames(t *testing.T) {
	f := filepath.Join(testcorpus.Dir(t, "api-json", "awscli-examples", "json"), "apigateway_get-domain-names.ex2.json")
	snap, ds, err := LoadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	noWarnings(t, ds)
	var got []string
	for _, d := range snap.DomainNames {
		got = append(got, d.ID+" "+strings.Join(d.EndpointTypes, ","))
	}
	want := []string{"my.domain.tld REGIONAL", "my.private.domain.tld+abcd1234 PRIVATE"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("domains (-want +got):\n%s", diff)
	}
}

// TestR10VpcAttributeFileNames: the DNS attributes of a VPC (which decide
// whether the VPC Resolver answers, R10) load from every name in use: the
// live importer's DescribeVpcAttribute_<vpc>.json, FILES.md's
// VpcAttribute_<vpc>.json and the CLI command's name.
func TestR10VpcAttributeFileNames(t *testing.T) {
	for _, name := range []string{"DescribeVpcAttribute_vpc-1.json", "VpcAttribute_vpc-1.json", "ec2_describe-vpc-attribute.json"} {
		t.Run(name, func(t *testing.T) {
			dir := writeFiles(t, map[string]string{
				"Vpcs.json": `{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16", "IsDefault": true}]}`,
				name:        `{"VpcId": "vpc-1", "EnableDnsSupport": {"Value": false}, "EnableDnsHostnames": {"Value": false}}`,
			})
			snap, ds, err := LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			noWarnings(t, ds)
			if v := snap.VPCs[0]; v.EnableDNSSupport || v.EnableDNSHostnames {
				t.Errorf("support %v hostnames %v, want both false from %s", v.EnableDNSSupport, v.EnableDNSHostnames, name)
			}
		})
	}
}

var updateFilesMD = flag.Bool("update", false, "rewrite the table of FILES.md from Files")

// TestFilesMDListsEveryFile keeps FILES.md true: its table is exactly the
// files the importer reads, with their members and commands (-update
// rewrites it).
func TestFilesMDListsEveryFile(t *testing.T) {
	data, err := os.ReadFile("FILES.md")
	if err != nil {
		t.Fatal(err)
	}
	const header = "| file name | top-level member | AWS CLI command | model kind |\n|---|---|---|---|\n"
	before, rest, ok := strings.Cut(string(data), header)
	if !ok {
		t.Fatal("FILES.md has no table header")
	}
	oldTable, after := rest, ""
	if i := strings.Index(rest, "\n\n"); i >= 0 {
		oldTable, after = rest[:i+1], rest[i+1:]
	}
	var table strings.Builder
	for _, f := range Files {
		key := f.Key
		if key == "" {
			key = "(whole object)"
		}
		fmt.Fprintf(&table, "| `%s` | `%s` | %s | %s |\n", f.Name, key, f.Command, f.Kind)
	}
	if table.String() == oldTable {
		return
	}
	if *updateFilesMD {
		if err := os.WriteFile("FILES.md", []byte(before+header+table.String()+after), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("FILES.md's table differs from Files; run go test -run TestFilesMD -update ./importers/awsjson and review the diff")
}
