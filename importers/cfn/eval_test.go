package cfn

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
)

const evalTemplate = `Parameters:
  Env: {Type: String, Default: prod}
  Cidr: {Type: String, Default: 10.0.0.0/16}
  NoDefault: {Type: String}
  Subnets: {Type: CommaDelimitedList, Default: "a,b"}
Mappings:
  M: {prod: {Size: large}}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [!Condition IsProd]
  Both: !And [!Condition IsProd, !Equals [x, x]]
  Either: !Or [!Condition NotProd, !Equals [!Ref NoDefault, y]]
  Unknowable: !Equals [!Ref NoDefault, y]
Resources:
  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Ref Cidr}}
`

// TestEvaluator: each intrinsic, conditions, Fn::Cidr, both Fn::Sub forms and unknowns.
func TestEvaluator(t *testing.T) {
	tests := []struct{ name, expr, want string }{
		{"Ref parameter default", `!Ref Env`, "prod"},
		{"Ref pseudo region", `!Ref AWS::Region`, "us-east-1"},
		{"Ref resource placeholder ID", `!Ref V`, "vpc-0"},
		{"Ref parameter without value is unknown", `!Ref NoDefault`, "<unknown: parameter NoDefault has no default"},
		{"GetAtt short form", `!GetAtt V.CidrBlock`, "10.0.0.0/16"},
		{"GetAtt list form", `{"Fn::GetAtt": [V, CidrBlock]}`, "10.0.0.0/16"},
		{"Sub string form", `!Sub "arn:${AWS::Partition}:x:${AWS::Region}:${Env}-${!Literal}"`, "arn:aws:x:us-east-1:prod-${Literal}"},
		{"Sub list form", `!Sub ["${A}-${V.CidrBlock}", {A: !Ref Env}]`, "prod-10.0.0.0/16"},
		{"Sub with unknown", `!Sub "x-${NoDefault}"`, "<unknown: parameter NoDefault"},
		{"Join", `!Join ["-", [a, !Ref Env]]`, "a-prod"},
		{"Select GetAZs", `!Select [2, !GetAZs ""]`, "us-east-1c"},
		{"Split", `!Select [1, !Split [",", "x,y,z"]]`, "y"},
		{"CommaDelimitedList parameter", `!Select [1, !Ref Subnets]`, "b"},
		{"If true", `!If [IsProd, big, small]`, "big"},
		{"If false via Not", `!If [NotProd, big, small]`, "small"},
		{"And", `!If [Both, yes, no]`, "yes"},
		{"Or short-circuits unknown", `!If [Either, yes, no]`, "<unknown: condition Either"},
		{"If unknown condition", `!If [Unknowable, yes, no]`, "<unknown: condition Unknowable"},
		{"FindInMap", `!FindInMap [M, !Ref Env, Size]`, "large"},
		{"Cidr", `!Cidr [10.0.0.0/16, 3, 8]`, "[10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24]"},
		{"Cidr IPv6", `!Select [1, !Cidr ["2001:db8::/56", 2, 64]]`, "2001:db8:0:1::/64"},
		{"ImportValue is a named unknown", `!ImportValue shared-vpc`, `<unknown: Fn::ImportValue "shared-vpc"`},
		{"NoValue drops the key", `{a: !Ref AWS::NoValue, b: x}`, "{b: x}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			imp, v := evalSetup(t, tc.expr)
			got := imp.ev.eval(v).String()
			if !strings.HasPrefix(got, tc.want) {
				t.Errorf("%s = %s, want prefix %s", tc.expr, got, tc.want)
			}
		})
	}
}

func evalSetup(t *testing.T, expr string) (*importer, *Value) {
	t.Helper()
	root, err := parse("t.yaml", []byte(evalTemplate+"Outputs:\n  X:\n    Value: "+expr+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	imp := newImporter("t.yaml", root, nil)
	imp.collect()
	for _, r := range imp.resources {
		imp.ev.resources[r.Logical] = r
	}
	return imp, root.Get("Outputs").Get("X").Get("Value")
}

// TestImportValueWarns: an unresolved import is a warning naming the export.
func TestImportValueWarns(t *testing.T) {
	tpl := "Resources:\n  S: {Type: AWS::EC2::Subnet, Properties: {VpcId: !ImportValue net-VpcId, CidrBlock: 10.0.0.0/24}}\n"
	_, ds, err := Load("t.yaml", []byte(tpl), nil)
	if err != nil {
		t.Fatal(err)
	}
	if ds.Count(model.SevWarning) == 0 || !strings.Contains(ds[0].String(), "net-VpcId") {
		t.Errorf("diagnostics: %v", ds)
	}
	s, _, _ := Load("t.yaml", []byte(tpl), map[string]string{"net-VpcId": "vpc-123"})
	if s.Subnets[0].VPC != "vpc-123" {
		t.Errorf("--param resolves the export: %+v", s.Subnets[0])
	}
}

// TestMalformedTemplates are rejected with file:line.
func TestMalformedTemplates(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"yaml syntax", "Resources:\n  A: [\n", "t.yaml:2:3: YAML syntax error"},
		// yaml.v3 names line 3, where the enclosing block starts; the mistake is on line 7 (issue 16).
		{"yaml indentation", "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.0.0.0/16\n     EnableDnsHostnames: true\n",
			"t.yaml:7:6: YAML syntax error: did not find expected key (in the block that starts on line 3)"},
		{"json syntax", "{\n \"Resources\": {,}\n}", "t.yaml:2:"},
		{"no resources", "AWSTemplateFormatVersion: 2010-09-09\n", "no Resources"},
	} {
		_, _, err := Load("t.yaml", []byte(tc.data), nil)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
}
