package cfn

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// TestServerlessWithoutTransform is the crash FuzzLoadYAML found
// (testdata/fuzz/FuzzLoadYAML/3bb39c561ff2fb19): AWS::Serverless types in a
// template without the SAM Transform dereferenced the absent SAM state. Such
// a template is read as SAM, with a warning at the resource.
func TestServerlessWithoutTransform(t *testing.T) {
	tmpl := `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      EndpointConfiguration: {Type: PRIVATE}
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      Events:
        Get: {Type: Api, Properties: {RestApiId: !Ref Api, Path: /hello, Method: GET}}
`
	snap, ds, err := Load("sam.yaml", []byte(tmpl), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.RestAPIs) != 1 || len(snap.LambdaFunctions) != 1 {
		t.Errorf("want the API and the function, got %d APIs, %d functions", len(snap.RestAPIs), len(snap.LambdaFunctions))
	}
	found := false
	for _, d := range ds {
		found = found || (d.Source.Line == 3 && strings.Contains(d.Message, "no `Transform: AWS::Serverless-2016-10-31`"))
	}
	if !found {
		t.Errorf("want a warning at sam.yaml:3 about the missing Transform, got %v", ds)
	}
}

// bomb is a "billion laughs" template: levels of anchors under Metadata, each
// a list of nine aliases of the one before, so that expanding every alias
// would make 9^levels values from about 600 bytes (issue 24: 7 levels took
// 3.4 GB before the limit).
func bomb(levels int) string {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n  l0: &l0 [x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "  l%d: &l%d [*l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d, *l%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	b.WriteString("Resources:\n  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}\n")
	return b.String()
}

// TestAliasBombStops: the template parses as YAML (the bomb is real, not a
// syntax error) and its expansion stops at MaxAliases, at the alias where the
// limit was reached, with an error (exit 2 through the loader).
func TestAliasBombStops(t *testing.T) {
	for _, levels := range []int{7, 8, 12} {
		src := bomb(levels)
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(src), &n); err != nil {
			t.Fatalf("%d levels: the bomb must be valid YAML, got %v", levels, err)
		}
		_, _, err := Load("bomb.yaml", []byte(src), nil)
		var le *AliasLimitError
		if !errors.As(err, &le) {
			t.Fatalf("%d levels: want an alias limit error, got %v", levels, err)
		}
		if le.Count != MaxAliases {
			t.Errorf("%d levels: stopped after %d alias expansions, want the limit %d", levels, le.Count, MaxAliases)
		}
		// Levels l1..l4 expand 9+81+729+6561 = 7380 aliases; the first alias of l5
		// (line 8, column 12) crosses the limit: the error points there.
		if want := "bomb.yaml:8:12: YAML aliases expanded 10000 times, the limit"; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%d levels: want %q, got %v", levels, want, err)
		}
	}
}

// TestAliasesWithinLimits: anchors and merge keys as real templates use them still work.
func TestAliasesWithinLimits(t *testing.T) {
	tmpl := `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Vpc: {Type: AWS::EC2::VPC, Properties: &p {CidrBlock: 10.0.0.0/16}}
  Vpc2:
    Type: AWS::EC2::VPC
    Properties: *p
`
	snap, _, err := Load("ok.yaml", []byte(tmpl), nil)
	if err != nil || len(snap.VPCs) != 2 {
		t.Fatalf("want two VPCs, got %v (err %v)", snap, err)
	}
}

// TestAliasDepthLimit: a chain of aliases, each holding the one before, stops
// at MaxAliasDepth even though it expands few aliases.
func TestAliasDepthLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n  l0: &l0 x\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "  l%d: &l%d [*l%d]\n", i, i, i-1)
	}
	b.WriteString("Resources: {}\n")
	_, _, err := Load("chain.yaml", []byte(b.String()), nil)
	var le *AliasLimitError
	if !errors.As(err, &le) || le.Depth != MaxAliasDepth+1 {
		t.Fatalf("want the depth limit %d, got %v", MaxAliasDepth, err)
	}
	if !strings.Contains(err.Error(), "nest 33 deep, over the limit of 32") {
		t.Errorf("got %v", err)
	}
}

// subChain is nested {"Fn::Sub": ["${a}${a}", {"a": ...}]}, depth levels deep:
// its value is 2^depth bytes; evaluating each ${a} anew would take 4^depth/2 steps.
func subChain(depth int) string {
	v := `{"Fn::Sub": "x"}`
	for range depth {
		v = `{"Fn::Sub": ["${a}${a}", {"a": ` + v + `}]}`
	}
	return `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup",
"Properties": {"GroupDescription": ` + v + `}}}}`
}

// joinChain: subnet Si's CidrBlock joins Si-1's CidrBlock (Fn::GetAtt) twice,
// so the value doubles per resource and the diagnostic quoting it with it.
func joinChain(depth int) string {
	var b strings.Builder
	b.WriteString(`{"Resources": {"Vpc": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.0.0.0/16"}},
"Net0": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": "x"}}`)
	for i := 1; i <= depth; i++ {
		p := fmt.Sprintf(`{"Fn::GetAtt": ["Net%d", "CidrBlock"]}`, i-1)
		fmt.Fprintf(&b, `,
"Net%d": {"Type": "AWS::EC2::Subnet", "Properties": {"VpcId": {"Ref": "Vpc"}, "CidrBlock": {"Fn::Join": ["", [%s, %s]]}}}`, i, p, p)
	}
	b.WriteString("}}")
	return b.String()
}

// TestSubDoubling (issue 24): Fn::Sub variables are evaluated once per Sub, so
// 18 levels (a 256 KiB value) load well inside MaxEvalSteps (without the memo:
// 4^18/2 steps); 26 levels exceed MaxValueBytes, an error at the Fn::Sub.
func TestSubDoubling(t *testing.T) {
	snap, _, err := Load("sub.json", []byte(subChain(18)), nil)
	if err != nil {
		t.Fatalf("18 levels: %v", err)
	}
	if len(snap.SecurityGroups) != 1 {
		t.Fatalf("want the group, got %d", len(snap.SecurityGroups))
	}
	_, _, err = Load("sub.json", []byte(subChain(26)), nil)
	var le *LimitError
	if !errors.As(err, &le) || !strings.HasPrefix(err.Error(), "sub.json:2:") ||
		!strings.Contains(err.Error(), "Fn::Sub produces a value of over 1048576 bytes, the limit") {
		t.Fatalf("26 levels: want the value limit at the Fn::Sub, got %v", err)
	}
}

// TestJoinDoubling (issue 24): a GetAtt/Join doubling chain stops at
// MaxValueBytes at the Fn::Join that crosses it; below the limit, the
// diagnostics that quote the (bad CIDR) values are abridged to MaxMessageBytes.
func TestJoinDoubling(t *testing.T) {
	_, _, err := Load("join.json", []byte(joinChain(26)), nil)
	var le *LimitError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "Fn::Join produces a value of over 1048576 bytes, the limit") {
		t.Fatalf("26 levels: want the value limit, got %v", err)
	}
	// 2^20 bytes is the first value over the limit: it is subnet Net21's, on line 23.
	if le.Line != 23 {
		t.Errorf("want the error at Net21's Fn::Join (line 23), got %v", err)
	}
	_, ds, err := Load("join.json", []byte(joinChain(16)), nil)
	if err != nil {
		t.Fatal(err)
	}
	total, abridged := 0, false
	for _, d := range ds {
		abridged = abridged || strings.Contains(d.Message, "bytes abridged]")
		if len(d.Message) > MaxMessageBytes+40 {
			t.Fatalf("message of %d bytes, want it abridged: %.200s", len(d.Message), d.Message)
		}
		total += len(d.Message)
	}
	if !abridged {
		t.Errorf("want abridged messages, got %v", ds)
	}
	t.Logf("%d diagnostics, %d bytes of messages", len(ds), total)
}
