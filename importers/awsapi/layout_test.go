package awsapi

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/netverify/netverify/importers/awsjson"
)

// notReadByAWSJSON are files written for the record that awsjson lists as
// not modelled (none today: custom domain names are read since issue 3).
var notReadByAWSJSON = map[string]bool{}

// Every file the importer writes has the name and top-level member awsjson
// reads (one parser for both sources).
func TestLayoutMatchesAWSJSONFiles(t *testing.T) {
	read := map[string]string{}
	for _, f := range awsjson.Files {
		read[strings.TrimSuffix(f.Name, ".json")] = f.Key
	}
	for name, member := range layout {
		key, ok := read[name]
		switch {
		case notReadByAWSJSON[name]:
			if ok {
				t.Errorf("awsjson now reads %s: remove it from notReadByAWSJSON", name)
			}
		case !ok:
			t.Errorf("the importer writes %s.json, which awsjson.Files does not list", name)
		case key != member:
			t.Errorf("%s.json: the importer writes member %q, awsjson reads %q", name, member, key)
		}
	}
}

// Secrets never reach a file: Lambda environment variables, the VPN customer
// gateway configuration and tunnel pre-shared keys, and SDK metadata.
func TestEncodeDropsSecrets(t *testing.T) {
	fn := lambdatypes.FunctionConfiguration{FunctionName: aws.String("orders"),
		Environment: &lambdatypes.EnvironmentResponse{Variables: map[string]string{"DB_PASSWORD": "hunter2"}},
		VpcConfig:   &lambdatypes.VpcConfigResponse{VpcId: aws.String("vpc-1"), SubnetIds: []string{"subnet-1"}}}
	vpn := ec2types.VpnConnection{VpnConnectionId: aws.String("vpn-1"), CustomerGatewayConfiguration: aws.String("<xml>psk hunter2</xml>"),
		Options: &ec2types.VpnConnectionOptions{TunnelOptions: []ec2types.TunnelOption{{OutsideIpAddress: aws.String("203.0.113.1"), PreSharedKey: aws.String("hunter2")}}}}
	data, err := encode(map[string]any{"Functions": []any{fn}, "VpnConnections": []any{vpn}, "ResultMetadata": struct{ X int }{1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{"hunter2", "DB_PASSWORD", `"Environment"`, `"PreSharedKey"`, "ResultMetadata", "null"} {
		if strings.Contains(string(data), secret) {
			t.Errorf("encoded output holds %q:\n%s", secret, data)
		}
	}
	var back struct {
		Functions []lambdatypes.FunctionConfiguration
	}
	if err := json.Unmarshal(data, &back); err != nil || len(back.Functions) != 1 || aws.ToString(back.Functions[0].VpcConfig.VpcId) != "vpc-1" {
		t.Errorf("the rest of the function did not survive: %v %+v", err, back)
	}
	if !strings.Contains(string(data), "203.0.113.1") {
		t.Errorf("the tunnel's outside address was dropped with its key:\n%s", data)
	}
}

func TestOptionsCheck(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    Options
		want string
	}{
		{"no out", Options{}, "--out is required"},
		{"region and all", Options{Out: t.TempDir(), Regions: []string{"eu-west-1"}, AllRegions: true}, "not both"},
		{"bad region", Options{Out: t.TempDir(), Regions: []string{"europe"}}, "not a region name"},
		{"bad role", Options{Out: t.TempDir(), RoleARNs: []string{"NetverifyRead"}}, "not a role ARN"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.o.check()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("check() = %v, want an error saying %q", err, tc.want)
			}
		})
	}
}
