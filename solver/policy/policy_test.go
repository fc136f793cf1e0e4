package policy

import (
	"slices"
	"strings"
	"testing"
)

const (
	apiARN1  = "arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5"
	prodPets = apiARN1 + "/prod/GET/pets"
	devPets  = apiARN1 + "/dev/GET/pets"
	s1VPCE   = "vpce-0a1b2c3d4e5f67890"
	s29VPCE  = "vpce-0c0c0c0c0c0c0c0c0"
)

// s1Policy is the resource policy of S1 and S29: Allow everybody, Deny
// unless the call came through the named endpoint (R9.10).
const s1Policy = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
    {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
     "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f67890"}}}
  ]
}`

// s1VPCPolicy is the aws:SourceVpc variant, with Sids, as the corpus writes it (Deny first).
const s1VPCPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "DenyOtherVpcs", "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*",
     "Condition": {"StringNotEquals": {"aws:SourceVpc": ["vpc-0a10000000000a001", "vpc-0b20000000000b002"]}}},
    {"Sid": "AllowAll", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"}
  ]
}`

// publicIPPolicy restricts a public API to an office range (aws:SourceIp, R7.17).
const publicIPPolicy = `{
  "Version": "2012-10-17",
  "Statement": {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke",
    "Resource": "arn:aws:execute-api:us-east-1:111111111111:a1b2c3d4e5/*",
    "Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"]}}}
}`

// crossAccountPolicy allows one consumer account and its endpoint (R9.11).
const crossAccountPolicy = `{
  "Version": "2012-10-17",
  "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["222222222222", "arn:aws:iam::333333333333:role/deployer"]},
    "Action": "execute-api:*", "Resource": "execute-api:/prod/*"}]
}`

const prodOnlyPolicy = `{"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "execute-api:/prod/*"}]}`

const notActionPolicy = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"},
  {"Effect": "Deny", "Principal": "*", "NotAction": "execute-api:Invoke", "Resource": "*"}]}`

const emptyPolicy = `{"Version": "2012-10-17", "Statement": []}`

const unsupportedOpPolicy = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"},
  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*",
   "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}}]}`

const unsupportedKeyAllowPolicy = `{"Version": "2012-10-17", "Statement": [
  {"Sid": "OnlyAlice", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*",
   "Condition": {"StringEquals": {"aws:userid": "AIDAALICE"}}}]}`

const definiteDenyWithUnknownPolicy = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*"},
  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*",
   "Condition": {"StringEquals": {"aws:userid": "AIDABOB"}}},
  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*",
   "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f67890"}}}]}`

const variablePolicy = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/prod/GET/users/${aws:username}"}]}`

const onlyUnknownDenyPolicy = `{"Version": "2012-10-17", "Statement": [
  {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*",
   "Condition": {"StringEquals": {"aws:userid": "AIDABOB"}}}]}`

func invoke(resource, principal string, ctx ...string) Request {
	r := Request{Action: "execute-api:Invoke", Resource: resource, Principal: principal, Context: map[string]string{}}
	for i := 0; i+1 < len(ctx); i += 2 {
		r.Context[ctx[i]] = ctx[i+1]
	}
	return r
}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name        string
		policy      string
		req         Request
		effect      Effect
		statement   string
		reason      string // exact when it starts with "=", else substrings separated by " | "
		unsupported []string
	}{
		{"S1/R9.10 matching endpoint allows", s1Policy, invoke(prodPets, "*", "aws:SourceVpce", s1VPCE, "aws:SourceVpc", "vpc-0a10000000000a001"),
			Allow, "statement 1",
			`=statement 1 (Allow) applies: it has no condition; no Deny applies (statement 2 (Deny): StringNotEquals aws:SourceVpce ["vpce-0a1b2c3d4e5f67890"] is false for vpce-0a1b2c3d4e5f67890)`, nil},
		{"S29/R9.11 another account's endpoint is explicitly denied", s1Policy, invoke("arn:aws:execute-api:us-east-1:111111111111:q1w2e3r4t5/prod/GET/", "*", "aws:SourceVpce", s29VPCE),
			ExplicitDeny, "statement 2",
			`=statement 2 (Deny) applies: StringNotEquals aws:SourceVpce ["vpce-0a1b2c3d4e5f67890"] is true for vpce-0c0c0c0c0c0c0c0c0`, nil},
		{"R9.10/R7.17 no endpoint at all is explicitly denied", s1Policy, invoke(prodPets, "*", "aws:SourceIp", "198.51.100.9"),
			ExplicitDeny, "statement 2", "because the request has no aws:SourceVpce (it did not come through a VPC endpoint, R7.17)", nil},
		{"R9.10 SourceVpc variant, listed VPC allows", s1VPCPolicy, invoke(prodPets, "*", "aws:SourceVpce", s29VPCE, "aws:SourceVpc", "vpc-0b20000000000b002"),
			Allow, "AllowAll", `statement 2 "AllowAll" (Allow) applies | statement 1 "DenyOtherVpcs" (Deny): StringNotEquals aws:SourceVpc`, nil},
		{"R9.10/R7.17 SourceVpc variant, other VPC denied by Sid", s1VPCPolicy, invoke(prodPets, "*", "aws:SourceVpce", s29VPCE, "aws:SourceVpc", "vpc-0ccc"),
			ExplicitDeny, "DenyOtherVpcs", `statement 1 "DenyOtherVpcs" (Deny) applies: StringNotEquals aws:SourceVpc ["vpc-0a10000000000a001", "vpc-0b20000000000b002"] is true for vpc-0ccc`, nil},
		{"R9.10 public API IpAddress CIDR allows", publicIPPolicy, invoke(prodPets, "", "aws:SourceIp", "203.0.113.77"), Allow, "statement 1", "IpAddress aws:SourceIp", nil},
		{"R9.10 public API IpAddress single IP allows", publicIPPolicy, invoke(prodPets, "", "aws:SourceIp", "198.51.100.7"), Allow, "statement 1", "", nil},
		{"R9.10 public API IpAddress IPv6 allows", publicIPPolicy, invoke(prodPets, "", "aws:SourceIp", "2001:db8:1::5"), Allow, "statement 1", "", nil},
		{"R9.10 public API other address implicitly denied", publicIPPolicy, invoke(prodPets, "", "aws:SourceIp", "192.0.2.1"), ImplicitDeny, "",
			`no statement allows execute-api:Invoke on ` + prodPets + ` (statement 1 (Allow): IpAddress aws:SourceIp ["203.0.113.0/24", "2001:db8::/32", "198.51.100.7"] is false for 192.0.2.1); a private API without an Allow denies every call (R9.4, R9.10)`, nil},
		{"R9.11 account principal matches a role of that account", crossAccountPolicy, invoke(prodPets, "arn:aws:iam::222222222222:role/consumer"), Allow, "statement 1", "", nil},
		{"R9.11 account principal given as account ID", crossAccountPolicy, invoke(prodPets, "222222222222"), Allow, "statement 1", "", nil},
		{"R9.11 role principal matches its assumed-role session", crossAccountPolicy, invoke(prodPets, "arn:aws:sts::333333333333:assumed-role/deployer/ci"), Allow, "statement 1", "", nil},
		{"R9.11 other account is implicitly denied", crossAccountPolicy, invoke(prodPets, "arn:aws:iam::444444444444:user/eve"), ImplicitDeny, "",
			`principal arn:aws:iam::444444444444:user/eve is not in Principal AWS ["222222222222", "arn:aws:iam::333333333333:role/deployer"]`, nil},
		{"R9.11 anonymous caller not in an account principal", crossAccountPolicy, invoke(prodPets, ""), ImplicitDeny, "", "the anonymous caller is not in Principal", nil},
		{"R9.10 resource wildcard execute-api:/prod/* allows prod", prodOnlyPolicy, invoke(prodPets, "*"), Allow, "statement 1", "", nil},
		{"R9.10 resource wildcard execute-api:/prod/* does not cover dev", prodOnlyPolicy, invoke(devPets, "*"), ImplicitDeny, "",
			`resource ` + devPets + ` is not in Resource ["execute-api:/prod/*"]`, nil},
		{"R9.10 shorthand names only this API", prodOnlyPolicy, invoke("arn:aws:execute-api:us-east-1:111111111111:zzzzzzzzzz/prod/GET/pets", "*"), Allow, "statement 1", "", nil},
		{"R9.10 NotAction deny leaves Invoke allowed", notActionPolicy, invoke(prodPets, "*"), Allow, "statement 1", "action execute-api:Invoke is excluded by NotAction", nil},
		{"R9.10 NotAction deny catches other actions", notActionPolicy, Request{Action: "execute-api:ManageConnections", Resource: prodPets}, ExplicitDeny, "statement 2", "", nil},
		{"R9.10 action match is case-insensitive", s1Policy, Request{Action: "Execute-API:invoke", Resource: prodPets, Context: map[string]string{"AWS:SOURCEVPCE": s1VPCE}}, Allow, "statement 1", "", nil},
		{"R9.4 no statement is an implicit deny", emptyPolicy, invoke(prodPets, "*"), ImplicitDeny, "", "(the policy has no statement)", nil},
		{"R9.10 explicit deny beats allow despite an undecidable deny", definiteDenyWithUnknownPolicy, invoke(prodPets, "*"), ExplicitDeny, "statement 3", "StringNotEquals aws:SourceVpce", nil},
		{"R9.10 undecidable deny that could apply is unknown", unsupportedOpPolicy, invoke(prodPets, "*", "aws:SourceVpce", s1VPCE), Unknown, "statement 2",
			"statement 2 (Deny) cannot be evaluated offline (condition operator DateGreaterThan, condition key aws:CurrentTime)",
			[]string{"condition operator DateGreaterThan", "condition key aws:CurrentTime"}},
		{"R9.10 undecidable deny that could apply is unknown (key)", definiteDenyWithUnknownPolicy, invoke(prodPets, "*", "aws:SourceVpce", s1VPCE), Unknown, "statement 2", "", []string{"condition key aws:userid"}},
		{"R9.10 undecidable allow with nothing else is unknown", unsupportedKeyAllowPolicy, invoke(prodPets, "*"), Unknown, "OnlyAlice",
			`no statement surely allows execute-api:Invoke on ` + prodPets + `; statement 1 "OnlyAlice" (Allow) might, but cannot be evaluated offline (condition key aws:userid)`,
			[]string{"condition key aws:userid"}},
		{"R9.10 key supplied by the caller is decidable", unsupportedKeyAllowPolicy, invoke(prodPets, "*", "aws:UserId", "AIDAALICE"), Allow, "OnlyAlice", "", nil},
		{"R9.10 undecidable deny cannot change a denial", onlyUnknownDenyPolicy, invoke(prodPets, "*"), ImplicitDeny, "", "could not be evaluated offline (condition key aws:userid) but cannot change that", nil},
		{"R9.10 policy variable is unknown", variablePolicy, invoke(prodPets, "*"), Unknown, "statement 1", "", []string{"policy variable in Resource execute-api:/prod/GET/users/${aws:username}"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.policy)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			d := p.Evaluate(tt.req)
			if d.Effect != tt.effect || d.Statement != tt.statement {
				t.Errorf("got %s by %q, want %s by %q; reason: %s", d.Effect, d.Statement, tt.effect, tt.statement, d.Reason)
			}
			checkReason(t, d.Reason, tt.reason)
			if !slices.Equal(d.Unsupported, tt.unsupported) {
				t.Errorf("Unsupported = %q, want %q", d.Unsupported, tt.unsupported)
			}
		})
	}
}

func checkReason(t *testing.T, got, want string) {
	t.Helper()
	if exact, ok := strings.CutPrefix(want, "="); ok {
		if got != exact {
			t.Errorf("reason:\n got  %s\n want %s", got, exact)
		}
		return
	}
	for _, sub := range strings.Split(want, " | ") {
		if !strings.Contains(got, sub) {
			t.Errorf("reason %q does not contain %q", got, sub)
		}
	}
}

func TestNilPolicyDeniesEverything(t *testing.T) {
	var p *Policy
	d := p.Evaluate(invoke(prodPets, "*", "aws:SourceVpce", s1VPCE))
	if d.Effect != ImplicitDeny || !strings.Contains(d.Reason, "no resource policy") || !strings.Contains(d.Reason, "R9.4") {
		t.Errorf("R9.4: nil policy gave %s: %s", d.Effect, d.Reason)
	}
}

func TestEffectString(t *testing.T) {
	want := map[Effect]string{ImplicitDeny: "implicit deny", Allow: "allow", ExplicitDeny: "explicit deny", Unknown: "unknown", Effect(42): "unknown"}
	for e, s := range want {
		if e.String() != s {
			t.Errorf("Effect(%d).String() = %q, want %q", int(e), e.String(), s)
		}
	}
}
