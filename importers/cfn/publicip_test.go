package cfn

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
)

// launchTemplate: a public subnet (MapPublicIpOnLaunch), a private one, and
// instances that get, or do not get, a public address at launch.
const launchTemplate = `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Public:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.0.0/24, MapPublicIpOnLaunch: true}
  Private:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  Web:
    Type: AWS::EC2::Instance
    Properties: {SubnetId: !Ref Public, Tags: [{Key: Name, Value: web}]}
  Quiet:
    Type: AWS::EC2::Instance
    Properties:
      Tags: [{Key: Name, Value: quiet}]
      NetworkInterfaces: [{DeviceIndex: "0", SubnetId: !Ref Public, AssociatePublicIpAddress: false}]
  Asked:
    Type: AWS::EC2::Instance
    Properties:
      Tags: [{Key: Name, Value: asked}]
      NetworkInterfaces: [{DeviceIndex: "0", SubnetId: !Ref Private, AssociatePublicIpAddress: true}]
  Inside:
    Type: AWS::EC2::Instance
    Properties: {SubnetId: !Ref Private, Tags: [{Key: Name, Value: inside}]}
  Fixed:
    Type: AWS::EC2::Instance
    Properties: {SubnetId: !Ref Public, Tags: [{Key: Name, Value: fixed}]}
  FixedIP:
    Type: AWS::EC2::EIP
    Properties: {InstanceId: !Ref Fixed}
`

// TestLaunchPublicIP (R3.2): AWS assigns a public IPv4 address at launch when
// AssociatePublicIpAddress is true, or is unset and the subnet maps public
// IPs on launch. A template is not deployed yet: the address is a
// 198.18.0.0/15 placeholder and the ENI says so. An Elastic IP on the
// instance replaces the launch address.
func TestLaunchPublicIP(t *testing.T) {
	s, ds, err := Load("launch.yaml", []byte(launchTemplate), nil)
	if err != nil || ds.HasErrors() {
		t.Fatalf("Load: %v %v", err, ds)
	}
	model.Derive(s)
	placeholders := netip.MustParsePrefix("198.18.0.0/15")
	tests := []struct {
		name, instance string
		public         bool
		note           string
	}{
		{"R3.2 subnet MapPublicIpOnLaunch", "web", true, "because subnet Public"},
		{"R3.2 AssociatePublicIpAddress false wins over the subnet", "quiet", false, ""},
		{"R3.2 AssociatePublicIpAddress true in a private subnet", "asked", true, "Asked sets AssociatePublicIpAddress"},
		{"R3.2 private subnet, nothing asked", "inside", false, ""},
		{"R3.2 Elastic IP replaces the launch address", "fixed", true, "Elastic IP"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := byName(s.Instances, tc.instance)
			var e *model.ENI
			for _, x := range s.ENIs {
				if in != nil && len(in.ENIs) > 0 && x.ID == in.ENIs[0] {
					e = x
				}
			}
			if e == nil {
				t.Fatalf("instance %s has no ENI", tc.instance)
			}
			if e.Name == in.Name {
				t.Errorf("ENI %s is named %q like its instance: asking for the instance by name would be ambiguous", e.ID, e.Name)
			}
			if got := len(e.PublicIPs) > 0; got != tc.public {
				t.Fatalf("public IPs %v, want public=%v", e.PublicIPs, tc.public)
			}
			if !tc.public {
				return
			}
			m := e.PublicIPs[0]
			if len(e.PublicIPs) != 1 || !placeholders.Contains(m.PublicIP) || !m.PrivateIP.IsValid() || m.PrivateIP != e.PrimaryIP() {
				t.Errorf("mappings %+v: want one 198.18.0.0/15 placeholder on primary %s", e.PublicIPs, e.PrimaryIP())
			}
			notes := strings.Join(e.Assumed, "\n")
			if !strings.Contains(notes, tc.note) || !strings.Contains(notes, "placeholder") {
				t.Errorf("assumed %q: want %q and the placeholder stated", notes, tc.note)
			}
			if tc.instance == "fixed" && strings.Contains(notes, "assigned at launch") {
				t.Errorf("the launch-address note must go once the Elastic IP replaces it: %q", notes)
			}
		})
	}
}
