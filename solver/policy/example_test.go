package policy_test

import (
	"fmt"

	"github.com/netverify/netverify/solver/policy"
)

// The S29 policy: everybody may invoke, but only through vpce-0a1b2c3d4e5f67890.
func ExamplePolicy_Evaluate() {
	p, err := policy.Parse(`{
	  "Version": "2012-10-17",
	  "Statement": [
	    {"Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*"},
	    {"Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "execute-api:/*",
	     "Condition": {"StringNotEquals": {"aws:SourceVpce": "vpce-0a1b2c3d4e5f67890"}}}]}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	d := p.Evaluate(policy.Request{
		Action:   "execute-api:Invoke",
		Resource: "arn:aws:execute-api:us-east-1:111111111111:q1w2e3r4t5/prod/GET/",
		Context:  map[string]string{"aws:SourceVpce": "vpce-0c0c0c0c0c0c0c0c0"},
	})
	fmt.Println(d.Effect, "by", d.Statement)
	fmt.Println(d.Reason)
	// Output:
	// explicit deny by statement 2
	// statement 2 (Deny) applies: StringNotEquals aws:SourceVpce ["vpce-0a1b2c3d4e5f67890"] is true for vpce-0c0c0c0c0c0c0c0c0
}

func ExampleParse() {
	_, err := policy.Parse("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"allow\"}]\n}")
	fmt.Println(err)
	// Output:
	// line 3:28: Effect must be "Allow" or "Deny" (case-sensitive), got "allow"
}
