package model

import (
	"encoding/json"
	"strings"
)

// Permission is one grant of Lambda's AddPermission (AWS::Lambda::Permission,
// aws_lambda_permission, SAM's implicit event permissions).
type Permission struct {
	Sid, Principal, Action, SourceARN, SourceAccount string
}

// AddPermission appends p as an Allow statement to the resource policy of
// the function (qual "") or of its alias or version qual: each qualified
// ARN has a policy of its own (R11.6).
func (f *LambdaFunction) AddPermission(qual string, p Permission) {
	st := map[string]any{"Sid": p.Sid, "Effect": "Allow", "Action": p.Action}
	if p.Action == "" {
		st["Action"] = "lambda:InvokeFunction"
	}
	if strings.Contains(p.Principal, ".") {
		st["Principal"] = map[string]any{"Service": p.Principal}
	} else {
		st["Principal"] = map[string]any{"AWS": p.Principal}
	}
	cond := map[string]any{}
	if p.SourceARN != "" {
		cond["ArnLike"] = map[string]any{"AWS:SourceArn": p.SourceARN}
	}
	if p.SourceAccount != "" {
		cond["StringEquals"] = map[string]any{"AWS:SourceAccount": p.SourceAccount}
	}
	if len(cond) > 0 {
		st["Condition"] = cond
	}
	doc, res := f.Policy, f.ARN
	if qual != "" {
		doc, res = f.QualifierPolicies[qual], f.ARN+":"+qual
	}
	if res != "" && res != ":"+qual {
		st["Resource"] = res
	}
	var pol struct {
		Version   string `json:"Version"`
		Statement []any  `json:"Statement"`
	}
	if doc != "" {
		_ = json.Unmarshal([]byte(doc), &pol)
	}
	pol.Version = "2012-10-17"
	pol.Statement = append(pol.Statement, st)
	b, _ := json.Marshal(pol)
	if qual == "" {
		f.Policy = string(b)
		return
	}
	if f.QualifierPolicies == nil {
		f.QualifierPolicies = map[string]string{}
	}
	f.QualifierPolicies[qual] = string(b)
}

// SplitQualifiedFunction splits "fn:prod" or
// "arn:aws:lambda:REGION:ACCOUNT:function:fn:prod" into the function name
// and its qualifier ("" when unqualified).
func SplitQualifiedFunction(s string) (name, qual string) {
	if i := strings.Index(s, ":function:"); i >= 0 {
		s = s[i+len(":function:"):]
	}
	name, qual, _ = strings.Cut(s, ":")
	return name, qual
}
