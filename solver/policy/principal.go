package policy

import (
	"fmt"
	"strings"
)

// principals is a parsed Principal or NotPrincipal element.
type principals struct {
	any     bool     // "*" or {"AWS": "*"}: everybody, anonymous callers included
	aws     []string // account IDs and ARNs
	service []string // e.g. lambda.amazonaws.com
	other   []string // Federated and CanonicalUser, matched literally
	text    string   // as written, for messages
}

var principalKinds = []string{"AWS", "Service", "Federated", "CanonicalUser"}

func (ps *parser) parsePrincipal(n *node, what string) (principals, error) {
	if n.kind == kString {
		if n.str != "*" {
			return principals{}, ps.errf(n, `%s must be "*" or an object such as {"AWS": "123456789012"}, got %s`, what, describe(n))
		}
		return principals{any: true, text: `"*"`}, nil
	}
	if n.kind != kObject {
		return principals{}, ps.errf(n, "%s must be \"*\" or an object, got %s", what, describe(n))
	}
	return ps.principalObject(n, what)
}

func (ps *parser) principalObject(n *node, what string) (principals, error) {
	var p principals
	var parts []string
	for _, m := range n.members {
		vals, err := ps.strs(m.val, what+" "+m.key)
		if err != nil {
			return p, err
		}
		switch m.key {
		case "AWS":
			p.addAWS(vals)
		case "Service":
			p.service = append(p.service, vals...)
		case "Federated", "CanonicalUser":
			p.other = append(p.other, vals...)
		default:
			return p, ps.unknownElement(m, principalKinds...)
		}
		parts = append(parts, m.key+" "+quoteList(vals))
	}
	p.text = strings.Join(parts, ", ")
	return p, nil
}

func (p *principals) addAWS(vals []string) {
	for _, v := range vals {
		if v == "*" {
			p.any = true
			continue
		}
		p.aws = append(p.aws, v)
	}
}

// matches reports whether the caller is one of the principals.
func (p principals) matches(caller string) bool {
	if p.any {
		return true
	}
	if isAnonymous(caller) {
		return false
	}
	for _, a := range p.aws {
		if awsPrincipalMatches(a, caller) {
			return true
		}
	}
	return containsFold(p.service, caller) || contains(p.other, caller)
}

func isAnonymous(caller string) bool { return caller == "" || caller == "*" }

// awsPrincipalMatches: an account ID or the account's root ARN stands for
// every principal of the account (R9.11); a role also matches its sessions.
func awsPrincipalMatches(policy, caller string) bool {
	if acct, ok := accountPrincipal(policy); ok {
		return acct == accountOf(caller)
	}
	if policy == caller {
		return true
	}
	role, ok := sessionRole(caller)
	return ok && roleMatches(policy, role)
}

// accountPrincipal recognises "123456789012" and "arn:aws:iam::123456789012:root".
func accountPrincipal(p string) (string, bool) {
	if isAccountID(p) {
		return p, true
	}
	f := strings.SplitN(p, ":", 6)
	if len(f) == 6 && f[0] == "arn" && f[2] == "iam" && f[5] == "root" && isAccountID(f[4]) {
		return f[4], true
	}
	return "", false
}

// accountOf is the account of a caller given as an account ID or an ARN.
func accountOf(caller string) string {
	if isAccountID(caller) {
		return caller
	}
	f := strings.SplitN(caller, ":", 6)
	if len(f) == 6 && f[0] == "arn" && isAccountID(f[4]) {
		return f[4]
	}
	return ""
}

// sessionRole turns arn:aws:sts::A:assumed-role/R/session into account A
// and role name R.
func sessionRole(caller string) ([2]string, bool) {
	f := strings.SplitN(caller, ":", 6)
	if len(f) != 6 || f[0] != "arn" || f[2] != "sts" {
		return [2]string{}, false
	}
	parts := strings.Split(f[5], "/")
	if len(parts) < 2 || parts[0] != "assumed-role" {
		return [2]string{}, false
	}
	return [2]string{f[4], parts[1]}, true
}

// roleMatches compares an IAM role ARN (any path) with a session's role.
func roleMatches(policy string, role [2]string) bool {
	f := strings.SplitN(policy, ":", 6)
	if len(f) != 6 || f[0] != "arn" || f[2] != "iam" || f[4] != role[0] {
		return false
	}
	return strings.HasPrefix(f[5], "role/") && f[5][strings.LastIndexByte(f[5], '/')+1:] == role[1]
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// quoteList renders values the way messages show them: ["a", "b"].
func quoteList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "[" + strings.Join(q, ", ") + "]"
}
