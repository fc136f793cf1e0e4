package cfn

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/internal/hostile"
	"github.com/netverify/netverify/model"
)

// FuzzLoadYAML checks that no YAML template makes Load, Derive or Validate
// panic and that every rejection and error names the template.
func FuzzLoadYAML(f *testing.F) {
	hostile.SeedFiles(f, hostile.CorpusFiles("iac", 24<<10, ".yaml", ".yml"))
	f.Add([]byte("Resources:\n  V:\n    Type: AWS::EC2::VPC\n    Properties: {CidrBlock: !Ref C}\nParameters:\n  C: {Type: String, Default: 10.0.0.0/16}\n"))
	f.Add([]byte("Resources:\n  S:\n    Type: AWS::EC2::Subnet\n    Properties: {CidrBlock: !Select [0, !Cidr [!GetAtt V.CidrBlock, 4, 8]], VpcId: !Ref V}\n  V: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "template.yaml", data) })
}

// FuzzLoadJSON is FuzzLoadYAML for JSON templates (their own syntax check
// reports file:line:col).
func FuzzLoadJSON(f *testing.F) {
	hostile.SeedFiles(f, hostile.CorpusFiles("iac", 24<<10, ".json"))
	f.Add([]byte(`{"Resources":{"V":{"Type":"AWS::EC2::VPC","Properties":{"CidrBlock":{"Fn::Sub":"10.${X}.0.0/16"}}}}}`))
	f.Add([]byte(`{"Resources":{"G":{"Type":"AWS::EC2::SecurityGroup","Properties":{"SecurityGroupIngress":[{"IpProtocol":"tcp","FromPort":99999999999999999999,"ToPort":-1,"CidrIp":"0.0.0.0/-1"}]}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzLoad(t, "template.json", data) })
}

func fuzzLoad(t *testing.T, file string, data []byte) {
	snap, ds, err := Load(file, data, nil)
	if err != nil {
		if !strings.HasPrefix(err.Error(), file) {
			t.Fatalf("rejection does not name the file: %v", err)
		}
		return
	}
	for _, d := range ds {
		if d.Severity == model.SevError && d.Source.File != file {
			t.Fatalf("error diagnostic without its file: %v", d)
		}
	}
	model.Derive(snap)
	model.Validate(snap)
}
