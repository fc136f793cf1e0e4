package model

import (
	"net/netip"
	"strings"
)

// WebACL is an AWS WAF (WAFv2) web ACL: rules in priority order, each
// with a statement and an action, and a default action for requests no
// terminating rule matches (R9.21). Resources are the ARNs it protects:
// API Gateway stages (arn:aws:apigateway:REGION::/restapis/ID/stages/NAME)
// and Application Load Balancers.
type WebACL struct {
	Meta
	ACLName string `json:"aclName,omitempty"`
	Scope   string `json:"scope,omitempty"` // REGIONAL or CLOUDFRONT
	// DefaultAction is ALLOW or BLOCK.
	DefaultAction string    `json:"defaultAction"`
	Rules         []WAFRule `json:"rules,omitempty"`
	Resources     []string  `json:"resources,omitempty"`
}

// WAFRule is one rule of a web ACL.
type WAFRule struct {
	Name     string `json:"name"`
	Priority int    `json:"priority"`
	// Action is ALLOW, BLOCK, COUNT, CAPTCHA or CHALLENGE; a rule group
	// reference has an override action instead (NONE or COUNT).
	Action    string       `json:"action,omitempty"`
	Override  string       `json:"overrideAction,omitempty"`
	Statement WAFStatement `json:"statement"`
}

// WAFStatement is the part of a rule statement netverify evaluates: an IP
// set reference, a geo match, or AND/OR/NOT of statements. Other names any
// other statement type (ByteMatchStatement, RateBasedStatement, ...): an
// answer that reaches it is unknown.
type WAFStatement struct {
	IPSet        string         `json:"ipSet,omitempty"` // the IP set's ARN
	CountryCodes []string       `json:"countryCodes,omitempty"`
	Geo          bool           `json:"geo,omitempty"` // a geo match statement (CountryCodes may be empty)
	ForwardedIP  string         `json:"forwardedIp,omitempty"`
	And          []WAFStatement `json:"and,omitempty"`
	Or           []WAFStatement `json:"or,omitempty"`
	Not          *WAFStatement  `json:"not,omitempty"`
	Other        string         `json:"other,omitempty"`
}

// IPSet is a WAFv2 IP set: the CIDRs an IP set reference statement matches.
type IPSet struct {
	Meta
	SetName   string         `json:"setName,omitempty"`
	Addresses []netip.Prefix `json:"addresses,omitempty"`
}

// Protects reports whether the web ACL is associated with arn.
func (w *WebACL) Protects(arn string) bool {
	for _, r := range w.Resources {
		if r == arn {
			return true
		}
	}
	return false
}

// Label names the web ACL for people.
func (w *WebACL) Label() string {
	if w.ACLName != "" {
		return w.ACLName
	}
	if w.Name != "" {
		return w.Name
	}
	return w.ID
}

// StageARN is the ARN WAF associations use for a REST API stage.
func StageARN(region, apiID, stage string) string {
	return "arn:aws:apigateway:" + region + "::/restapis/" + apiID + "/stages/" + stage
}

// StageOfARN splits a stage ARN into the API ID and the stage name.
func StageOfARN(arn string) (api, stage string, ok bool) {
	_, rest, ok := strings.Cut(arn, "::/restapis/")
	if !ok {
		return "", "", false
	}
	api, stage, ok = strings.Cut(rest, "/stages/")
	return api, stage, ok && api != "" && stage != ""
}

// WebACLsFor returns the web ACLs associated with a REST API stage (by
// API ID and stage name, whatever Region the ARN names) or with a
// resource ARN.
func (s *Snapshot) WebACLsFor(apiID, stage, arn string) []*WebACL {
	var out []*WebACL
	for _, w := range s.WebACLs {
		for _, r := range w.Resources {
			a, st, ok := StageOfARN(r)
			if (ok && apiID != "" && a == apiID && st == stage) || (arn != "" && r == arn) {
				out = append(out, w)
				break
			}
		}
	}
	return out
}

// IPSetByRef finds an IP set by ARN, ID or name.
func (s *Snapshot) IPSetByRef(ref string) *IPSet {
	for _, x := range s.IPSets {
		if x.ARN == ref || x.ID == ref || (x.SetName != "" && x.SetName == ref) {
			return x
		}
	}
	return nil
}

// Label names the IP set for people.
func (x *IPSet) Label() string {
	if x.SetName != "" {
		return x.SetName
	}
	if x.Name != "" {
		return x.Name
	}
	return x.ID
}

// wafKey normalises a statement key across formats: IPSetReferenceStatement
// (describe-JSON, CloudFormation) and ip_set_reference_statement (Terraform)
// are both "ipsetreferencestatement".
func wafKey(k string) string { return strings.ToLower(strings.ReplaceAll(k, "_", "")) }

// wafGet returns the member key of m (any format), unwrapping a Terraform
// block list of one.
func wafGet(m map[string]any, key string) any {
	for k, v := range m {
		if wafKey(k) == key {
			if l, ok := v.([]any); ok && len(l) == 1 {
				if mm, ok := l[0].(map[string]any); ok {
					return mm
				}
			}
			return v
		}
	}
	return nil
}

func wafMaps(v any) []map[string]any {
	switch x := v.(type) {
	case map[string]any:
		return []map[string]any{x}
	case []any:
		var out []map[string]any
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

func wafStr(v any) string {
	s, _ := v.(string)
	return s
}

func wafStrs(v any) []string {
	var out []string
	if l, ok := v.([]any); ok {
		for _, e := range l {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// ParseWAFStatement reads a rule statement in the shape every format shares
// (JSON objects from `aws wafv2 get-web-acl`, CloudFormation properties,
// Terraform blocks): the evaluated statement types, and any other as Other.
func ParseWAFStatement(m map[string]any) WAFStatement {
	var st WAFStatement
	for k, v := range m {
		switch wafKey(k) {
		case "ipsetreferencestatement":
			for _, x := range wafMaps(v) {
				st.IPSet = wafStr(wafGet(x, "arn"))
				if f := wafMaps(wafGet(x, "ipsetforwardedipconfig")); len(f) > 0 {
					st.ForwardedIP = defaultTo(wafStr(wafGet(f[0], "headername")), "forwarded-IP")
				}
			}
		case "geomatchstatement":
			st.Geo = true
			for _, x := range wafMaps(v) {
				st.CountryCodes = wafStrs(wafGet(x, "countrycodes"))
				if f := wafMaps(wafGet(x, "forwardedipconfig")); len(f) > 0 {
					st.ForwardedIP = defaultTo(wafStr(wafGet(f[0], "headername")), "forwarded-IP")
				}
			}
		case "andstatement", "orstatement":
			var kids []WAFStatement
			for _, x := range wafMaps(v) {
				inner := wafGet(x, "statements")
				if inner == nil {
					inner = wafGet(x, "statement")
				}
				for _, c := range wafMaps(inner) {
					kids = append(kids, ParseWAFStatement(c))
				}
			}
			if wafKey(k) == "andstatement" {
				st.And = kids
			} else {
				st.Or = kids
			}
		case "notstatement":
			for _, x := range wafMaps(v) {
				if c := wafMaps(wafGet(x, "statement")); len(c) > 0 {
					inner := ParseWAFStatement(c[0])
					st.Not = &inner
				}
			}
		default:
			if strings.HasSuffix(wafKey(k), "statement") {
				st.Other = wafTypeName(k)
			}
		}
	}
	if st.IPSet == "" && !st.Geo && st.And == nil && st.Or == nil && st.Not == nil && st.Other == "" {
		st.Other = "statement netverify cannot read"
	}
	return st
}

// wafTypeName names a statement type the AWS way: byte_match_statement -> ByteMatchStatement.
func wafTypeName(k string) string {
	if !strings.Contains(k, "_") {
		return k
	}
	var b strings.Builder
	for _, p := range strings.Split(k, "_") {
		if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}

// WAFAction reads an action block ({"Block": {}} or a Terraform block { block {} }):
// the first known action name, upper case.
func WAFAction(v any) string {
	for _, m := range wafMaps(v) {
		for _, a := range []string{"allow", "block", "count", "captcha", "challenge", "none"} {
			if x := wafGet(m, a); x != nil {
				return strings.ToUpper(a)
			}
		}
	}
	return ""
}

func defaultTo(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
