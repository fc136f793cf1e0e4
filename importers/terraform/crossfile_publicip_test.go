package terraform_test

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/model"
)

// networkPlan is a network stack that exists already (its IDs are known): a
// public subnet, whose map_public_ip_on_launch the test sets, routed to an
// internet gateway.
const networkPlan = `{
  "format_version": "1.2", "terraform_version": "1.9.5",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_vpc.main", "mode": "managed", "type": "aws_vpc", "name": "main",
     "values": {"id": "vpc-0a1b2c3d4e5f60718", "cidr_block": "10.20.0.0/16"}},
    {"address": "aws_subnet.public", "mode": "managed", "type": "aws_subnet", "name": "public",
     "values": {"id": "subnet-0a1b2c3d4e5f60718", "vpc_id": "vpc-0a1b2c3d4e5f60718", "cidr_block": "10.20.1.0/24",
                "map_public_ip_on_launch": MAP, "tags": {"Name": "public-a"}}},
    {"address": "aws_internet_gateway.gw", "mode": "managed", "type": "aws_internet_gateway", "name": "gw",
     "values": {"id": "igw-0a1b2c3d4e5f60718", "vpc_id": "vpc-0a1b2c3d4e5f60718"}}
  ]}},
  "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}}}
}`

// appPlan launches an instance into that subnet by its ID, without
// associate_public_ip_address: whether it gets a public address is decided
// by a subnet this file does not hold.
const appPlan = `{
  "format_version": "1.2", "terraform_version": "1.9.5",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_instance.bastion", "mode": "managed", "type": "aws_instance", "name": "bastion",
     "values": {"ami": "ami-0123456789abcdef0", "subnet_id": "subnet-0a1b2c3d4e5f60718", "tags": {"Name": "bastion"}}}
  ]}},
  "resource_changes": [
    {"address": "aws_instance.bastion", "change": {"actions": ["create"],
     "after_unknown": {"id": true, "public_ip": true, "associate_public_ip_address": true, "private_ip": true}}}
  ],
  "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "us-east-1"}}}}}
}`

// bastionENI loads the given files together and returns the instance's interface.
func bastionENI(t *testing.T, files ...string) *model.ENI {
	t.Helper()
	s, ds, err := load.All(files, load.Options{})
	if err != nil {
		t.Fatalf("load.All: %v\n%v", err, ds)
	}
	for _, in := range s.Instances {
		if in.Name == "bastion" && len(in.ENIs) > 0 {
			for _, e := range s.ENIs {
				if e.ID == in.ENIs[0] {
					return e
				}
			}
		}
	}
	t.Fatal("instance bastion has no network interface")
	return nil
}

// TestLaunchPublicIPAcrossFiles (R3.2): the launch-time public address of a
// planned instance is decided once every --in source is merged, so a subnet
// in another plan counts: map_public_ip_on_launch = true gives the instance a
// placeholder public address on its primary private one, with the reason
// stated; false gives none. The placeholder does not depend on the order of
// the sources.
func TestLaunchPublicIPAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	app := write("app.json", appPlan)
	tests := []struct {
		name   string
		mapOn  string
		public bool
	}{
		{"R3.2 subnet in another plan maps public IPs on launch", "true", true},
		{"R3.2 subnet in another plan does not map public IPs", "false", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			network := write("network-"+tc.mapOn+".json", strings.Replace(networkPlan, "MAP", tc.mapOn, 1))
			e := bastionENI(t, network, app)
			if got := len(e.PublicIPs) > 0; got != tc.public {
				t.Fatalf("public IPs %v, want public=%v", e.PublicIPs, tc.public)
			}
			if e.PublicIPOnLaunch != nil {
				t.Errorf("launch address still pending after load: %+v", e.PublicIPOnLaunch)
			}
			notes := strings.Join(e.Assumed, "\n")
			if !tc.public {
				if strings.Contains(notes, "public IP") {
					t.Errorf("assumed %q: want no public-IP note", notes)
				}
				return
			}
			m := e.PublicIPs[0]
			if !netip.MustParsePrefix("198.18.0.0/15").Contains(m.PublicIP) || !m.PrivateIP.IsValid() || m.PrivateIP != e.PrimaryIP() {
				t.Errorf("mapping %+v: want a 198.18.0.0/15 placeholder on the primary %s", m, e.PrimaryIP())
			}
			want := "public IP " + m.PublicIP.String() + " assigned at launch because subnet public-a (subnet-0a1b2c3d4e5f60718) maps public IPs on launch (map_public_ip_on_launch); the real address is known only after deployment"
			if !strings.Contains(notes, want) {
				t.Errorf("assumed:\n%s\nwant %q", notes, want)
			}
			if again := bastionENI(t, app, network); len(again.PublicIPs) != 1 || again.PublicIPs[0].PublicIP != m.PublicIP {
				t.Errorf("sources in the other order: public IPs %v, want %s again", again.PublicIPs, m.PublicIP)
			}
		})
	}
}
