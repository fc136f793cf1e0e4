package policy

import (
	"fmt"
	"testing"
)

// TestConditionOperators checks every supported operator, its IfExists
// form, the set qualifiers and the missing-key rules of R9.10: positive
// operators are false without the key, negated ones true, IfExists true.
func TestConditionOperators(t *testing.T) {
	const vpce = "vpce-0a1b2c3d4e5f67890"
	tests := []struct {
		name string
		cond string
		ctx  []string // key, value pairs present on the request
		want bool
	}{
		{"StringEquals match", `{"StringEquals": {"aws:SourceVpce": "` + vpce + `"}}`, []string{"aws:SourceVpce", vpce}, true},
		{"StringEquals other value", `{"StringEquals": {"aws:SourceVpce": "` + vpce + `"}}`, []string{"aws:SourceVpce", "vpce-1"}, false},
		{"StringEquals is case-sensitive", `{"StringEquals": {"aws:SourceVpce": "VPCE-1"}}`, []string{"aws:SourceVpce", "vpce-1"}, false},
		{"R9.10 StringEquals missing key is false", `{"StringEquals": {"aws:SourceVpce": "` + vpce + `"}}`, nil, false},
		{"StringEquals values OR", `{"StringEquals": {"aws:SourceVpce": ["vpce-1", "vpce-2"]}}`, []string{"aws:SourceVpce", "vpce-2"}, true},
		{"StringNotEquals match is false", `{"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}`, []string{"aws:SourceVpce", "vpce-1"}, false},
		{"StringNotEquals other is true", `{"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}`, []string{"aws:SourceVpce", "vpce-2"}, true},
		{"StringNotEquals no value of the list may match", `{"StringNotEquals": {"aws:SourceVpce": ["vpce-1", "vpce-2"]}}`, []string{"aws:SourceVpce", "vpce-2"}, false},
		{"R9.10 StringNotEquals missing key is true", `{"StringNotEquals": {"aws:SourceVpce": "vpce-1"}}`, nil, true},
		{"StringEqualsIgnoreCase", `{"StringEqualsIgnoreCase": {"aws:SourceVpc": "VPC-0ABC"}}`, []string{"aws:SourceVpc", "vpc-0abc"}, true},
		{"StringEqualsIgnoreCase missing", `{"StringEqualsIgnoreCase": {"aws:SourceVpc": "VPC-0ABC"}}`, nil, false},
		{"StringNotEqualsIgnoreCase same", `{"StringNotEqualsIgnoreCase": {"aws:SourceVpc": "VPC-0ABC"}}`, []string{"aws:SourceVpc", "vpc-0abc"}, false},
		{"R9.10 StringNotEqualsIgnoreCase missing", `{"StringNotEqualsIgnoreCase": {"aws:SourceVpc": "VPC-0ABC"}}`, nil, true},
		{"StringLike star", `{"StringLike": {"aws:SourceVpce": "vpce-0a1b*"}}`, []string{"aws:SourceVpce", vpce}, true},
		{"StringLike question mark", `{"StringLike": {"aws:SourceVpc": "vpc-?b"}}`, []string{"aws:SourceVpc", "vpc-ab"}, true},
		{"StringLike no match", `{"StringLike": {"aws:SourceVpc": "vpc-?b"}}`, []string{"aws:SourceVpc", "vpc-abb"}, false},
		{"StringLike missing", `{"StringLike": {"aws:SourceVpc": "*"}}`, nil, false},
		{"StringNotLike match", `{"StringNotLike": {"aws:PrincipalOrgID": "o-abc*"}}`, []string{"aws:PrincipalOrgID", "o-abc123"}, false},
		{"R9.10 StringNotLike missing", `{"StringNotLike": {"aws:PrincipalOrgID": "o-abc*"}}`, nil, true},
		{"IpAddress in CIDR", `{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}`, []string{"aws:VpcSourceIp", "10.2.3.4"}, true},
		{"IpAddress outside CIDR", `{"IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}`, []string{"aws:VpcSourceIp", "11.2.3.4"}, false},
		{"IpAddress single address", `{"IpAddress": {"aws:SourceIp": "192.0.2.10"}}`, []string{"aws:SourceIp", "192.0.2.10"}, true},
		{"IpAddress IPv6", `{"IpAddress": {"aws:SourceIp": "2001:db8::/32"}}`, []string{"aws:SourceIp", "2001:db8::1"}, true},
		{"IpAddress IPv4 is not in an IPv6 range", `{"IpAddress": {"aws:SourceIp": "::/0"}}`, []string{"aws:SourceIp", "192.0.2.1"}, false},
		{"IpAddress non-address value", `{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}`, []string{"aws:SourceIp", "not-an-ip"}, false},
		{"IpAddress missing", `{"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}`, nil, false},
		{"NotIpAddress inside", `{"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}}`, []string{"aws:SourceIp", "192.0.2.9"}, false},
		{"NotIpAddress outside", `{"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}}`, []string{"aws:SourceIp", "198.51.100.1"}, true},
		{"R9.10 NotIpAddress missing", `{"NotIpAddress": {"aws:SourceIp": "192.0.2.0/24"}}`, nil, true},
		{"ArnEquals exact", `{"ArnEquals": {"aws:SourceArn": "arn:aws:lambda:us-east-1:111111111111:function:f"}}`, []string{"aws:SourceArn", "arn:aws:lambda:us-east-1:111111111111:function:f"}, true},
		{"ArnLike wildcard account", `{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/deployer"}}`, []string{"aws:PrincipalArn", "arn:aws:iam::222222222222:role/deployer"}, true},
		{"ArnLike star stays in its component", `{"ArnLike": {"aws:SourceArn": "arn:aws:lambda:*:function:f"}}`, []string{"aws:SourceArn", "arn:aws:lambda:us-east-1:111111111111:function:f"}, false},
		{"ArnLike resource may hold colons", `{"ArnLike": {"aws:SourceArn": "arn:aws:lambda:us-east-1:111111111111:function:*"}}`, []string{"aws:SourceArn", "arn:aws:lambda:us-east-1:111111111111:function:f:live"}, true},
		{"ArnLike not an ARN", `{"ArnLike": {"aws:SourceArn": "arn:aws:lambda:*:*:*:*"}}`, []string{"aws:SourceArn", "f"}, false},
		{"ArnNotEquals other", `{"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:1:t"}}`, []string{"aws:SourceArn", "arn:aws:sns:us-east-1:1:u"}, true},
		{"R9.10 ArnNotEquals missing", `{"ArnNotEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:1:t"}}`, nil, true},
		{"ArnNotLike match", `{"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}}`, []string{"aws:SourceArn", "arn:aws:sns:us-east-1:1:t"}, false},
		{"R9.10 ArnNotLike missing", `{"ArnNotLike": {"aws:SourceArn": "arn:aws:sns:*:*:t"}}`, nil, true},
		{"Bool string", `{"Bool": {"aws:SecureTransport": "true"}}`, []string{"aws:SecureTransport", "true"}, true},
		{"Bool JSON literal", `{"Bool": {"aws:SecureTransport": false}}`, []string{"aws:SecureTransport", "true"}, false},
		{"Null true when absent", `{"Null": {"aws:SourceVpce": "true"}}`, nil, true},
		{"Null true when present", `{"Null": {"aws:SourceVpce": "true"}}`, []string{"aws:SourceVpce", vpce}, false},
		{"Null false when present", `{"Null": {"aws:SourceVpce": false}}`, []string{"aws:SourceVpce", vpce}, true},
		{"Null false when absent", `{"Null": {"aws:SourceVpce": "false"}}`, nil, false},
		{"StringEqualsIfExists missing is true", `{"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}}`, nil, true},
		{"StringEqualsIfExists present mismatch", `{"StringEqualsIfExists": {"aws:SourceVpc": "vpc-1"}}`, []string{"aws:SourceVpc", "vpc-2"}, false},
		{"StringNotEqualsIfExists present match", `{"StringNotEqualsIfExists": {"aws:SourceVpc": "vpc-1"}}`, []string{"aws:SourceVpc", "vpc-1"}, false},
		{"StringNotEqualsIfExists missing", `{"StringNotEqualsIfExists": {"aws:SourceVpc": "vpc-1"}}`, nil, true},
		{"StringLikeIfExists missing", `{"StringLikeIfExists": {"aws:SourceVpc": "vpc-1*"}}`, nil, true},
		{"IpAddressIfExists missing", `{"IpAddressIfExists": {"aws:SourceIp": "10.0.0.0/8"}}`, nil, true},
		{"IpAddressIfExists outside", `{"IpAddressIfExists": {"aws:SourceIp": "10.0.0.0/8"}}`, []string{"aws:SourceIp", "11.0.0.1"}, false},
		{"NotIpAddressIfExists inside", `{"NotIpAddressIfExists": {"aws:SourceIp": "10.0.0.0/8"}}`, []string{"aws:SourceIp", "10.0.0.1"}, false},
		{"ArnLikeIfExists missing", `{"ArnLikeIfExists": {"aws:SourceArn": "arn:aws:sns:*:*:t"}}`, nil, true},
		{"BoolIfExists missing", `{"BoolIfExists": {"aws:SourceVpc": "true"}}`, nil, true},
		{"ForAnyValue:StringEquals present", `{"ForAnyValue:StringEquals": {"aws:SourceVpce": ["vpce-1", "vpce-2"]}}`, []string{"aws:SourceVpce", "vpce-1"}, true},
		{"ForAnyValue:StringEquals missing is false", `{"ForAnyValue:StringEquals": {"aws:SourceVpce": "vpce-1"}}`, nil, false},
		{"ForAnyValue:StringNotEquals missing is false", `{"ForAnyValue:StringNotEquals": {"aws:SourceVpce": "vpce-1"}}`, nil, false},
		{"ForAllValues:StringEquals missing is true", `{"ForAllValues:StringEquals": {"aws:SourceVpce": "vpce-1"}}`, nil, true},
		{"ForAllValues:StringEquals present mismatch", `{"ForAllValues:StringEquals": {"aws:SourceVpce": "vpce-1"}}`, []string{"aws:SourceVpce", "vpce-2"}, false},
		{"ForAllValues:StringLikeIfExists present", `{"ForAllValues:StringLikeIfExists": {"aws:SourceVpce": "vpce-*"}}`, []string{"aws:SourceVpce", "vpce-2"}, true},
		{"keys are case-insensitive", `{"StringEquals": {"AWS:SOURCEVPCE": "vpce-1"}}`, []string{"aws:sourcevpce", "vpce-1"}, true},
		{"keys within a block AND", `{"StringEquals": {"aws:SourceVpce": "vpce-1", "aws:SourceVpc": "vpc-1"}}`, []string{"aws:SourceVpce", "vpce-1", "aws:SourceVpc", "vpc-2"}, false},
		{"operators AND", `{"StringEquals": {"aws:SourceVpce": "vpce-1"}, "IpAddress": {"aws:VpcSourceIp": "10.0.0.0/8"}}`, []string{"aws:SourceVpce", "vpce-1", "aws:VpcSourceIp", "10.1.1.1"}, true},
		{"R9.11 PrincipalAccount derived from the caller", `{"StringEquals": {"aws:PrincipalAccount": "222222222222"}}`, nil, true},
		{"R9.11 PrincipalArn of a session is its role", `{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::222222222222:role/app"}}`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": %s}]}`, tt.cond)
			p, err := Parse(doc)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			r := invoke(prodPets, "arn:aws:sts::222222222222:assumed-role/app/s1", tt.ctx...)
			d := p.Evaluate(r)
			want := ImplicitDeny
			if tt.want {
				want = Allow
			}
			if d.Effect != want {
				t.Errorf("condition %s with %v: got %s, want %s (%s)", tt.cond, tt.ctx, d.Effect, want, d.Reason)
			}
		})
	}
}

// TestUnsupportedConstructs: what cannot be decided offline is named, not guessed.
func TestUnsupportedConstructs(t *testing.T) {
	tests := []struct {
		name, cond string
		want       []string
	}{
		{"operator", `{"NumericLessThan": {"aws:SourceVpce": "3"}}`, []string{"condition operator NumericLessThan"}},
		{"Null has no IfExists form", `{"NullIfExists": {"aws:SourceVpce": "true"}}`, []string{"condition operator NullIfExists"}},
		{"unknown set qualifier", `{"ForSomeValues:StringEquals": {"aws:SourceVpce": "x"}}`, []string{"condition operator ForSomeValues:StringEquals"}},
		{"key", `{"StringEquals": {"aws:RequestTag/team": "x"}}`, []string{"condition key aws:RequestTag/team"}},
		{"variable", `{"StringEquals": {"aws:SourceVpce": "${aws:username}-vpce"}}`, []string{"policy variable ${aws:username}"}},
		{"all of them", `{"DateLessThan": {"aws:CurrentTime": "2030-01-01"}, "StringLike": {"aws:userid": "${aws:userid}"}}`,
			[]string{"condition operator DateLessThan", "condition key aws:CurrentTime", "policy variable ${aws:userid}", "condition key aws:userid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := fmt.Sprintf(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": %s}]}`, tt.cond)
			p, err := Parse(doc)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			d := p.Evaluate(invoke(prodPets, "*", "aws:SourceVpce", "vpce-1"))
			if d.Effect != Unknown || fmt.Sprint(d.Unsupported) != fmt.Sprint(tt.want) {
				t.Errorf("got %s %q, want unknown %q (%s)", d.Effect, d.Unsupported, tt.want, d.Reason)
			}
		})
	}
}

// TestOldVersionTakesVariablesLiterally: the 2008-10-17 language has no
// policy variables, so ${...} is plain text there.
func TestOldVersionTakesVariablesLiterally(t *testing.T) {
	p, err := Parse(`{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpce": "${x}"}}}]}`)
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Evaluate(invoke(prodPets, "*", "aws:SourceVpce", "${x}")); d.Effect != Allow {
		t.Errorf("got %s: %s", d.Effect, d.Reason)
	}
}
