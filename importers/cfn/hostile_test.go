package cfn

import (
	"strings"
	"testing"
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
