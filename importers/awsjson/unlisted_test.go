package awsjson

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/netverify/netverify/model"
)

// TestUnlistedKinds: a dump that lacks a whole describe output marks its
// VPCs so the solver answers "unknown" instead of reading absence as none;
// an empty listing ({"InternetGateways": []}) is a fact (issue 10).
func TestUnlistedKinds(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("Vpcs.json", `{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}`)
	write("InternetGateways.json", `{"InternetGateways": []}`)
	s, _, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := s.VPCs[0].Unlisted
	want := model.Unlisted{model.UnlistedRouteTables, model.UnlistedListeners, model.UnlistedNACLs, model.UnlistedNATs,
		model.UnlistedEndpoints, model.UnlistedPrefixLists, model.UnlistedENIs, model.UnlistedLoadBalancers,
		model.UnlistedTargetGroups, model.UnlistedTargetHealth, model.UnlistedVPCAttributes}
	if !slices.Equal(got, want) {
		t.Errorf("Unlisted = %q, want %q", got, want)
	}
	for f, top := range map[string]string{"RouteTables": "RouteTables", "Listeners": "Listeners", "NetworkAcls": "NetworkAcls",
		"NatGateways": "NatGateways", "VpcEndpoints": "VpcEndpoints", "PrefixLists": "PrefixLists",
		"NetworkInterfaces": "NetworkInterfaces", "LoadBalancers": "LoadBalancers", "TargetGroups": "TargetGroups"} {
		write(f+".json", `{"`+top+`": []}`)
	}
	write("LoadBalancerTargetHealth.json", `{"LoadBalancerTargetHealth": []}`)
	write("DescribeVpcAttribute_vpc-1.json", `{"VpcId": "vpc-1", "EnableDnsHostnames": {"Value": true}}`)
	s, _, err = LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if u := s.VPCs[0].Unlisted; len(u) != 0 {
		t.Errorf("everything listed, yet Unlisted = %q", u)
	}
	if v := s.VPCs[0]; !v.EnableDNSHostnames || len(v.Assumed) != 0 {
		t.Errorf("describe-vpc-attribute read: hostnames %v, assumed %q", v.EnableDNSHostnames, v.Assumed)
	}
}

// TestUnlistedPerRegion: in a dump of two Regions where one lacks
// RouteTables.json (a denied call), only that Region's VPCs are marked.
func TestUnlistedPerRegion(t *testing.T) {
	dir := t.TempDir()
	for _, r := range []string{"us-east-1", "eu-west-1"} {
		d := filepath.Join(dir, "accounts", "111111111111", r)
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		files := map[string]string{
			"Vpcs.json":             `{"Vpcs": [{"VpcId": "vpc-` + r + `", "CidrBlock": "10.0.0.0/16", "OwnerId": "111111111111"}]}`,
			"InternetGateways.json": `{"InternetGateways": []}`,
			"NetworkAcls.json":      `{"NetworkAcls": []}`,
			"Listeners.json":        `{"Listeners": []}`,
		}
		if r == "us-east-1" {
			files["RouteTables.json"] = `{"RouteTables": []}`
		}
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(d, name), []byte(text), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	s, _, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range s.VPCs {
		want := v.Region == "eu-west-1"
		if v.IsUnlisted(model.UnlistedRouteTables) != want || v.IsUnlisted(model.UnlistedIGWs) {
			t.Errorf("%s (%s): Unlisted = %q, want route tables unlisted: %v", v.ID, v.Region, v.Unlisted, want)
		}
	}
}
