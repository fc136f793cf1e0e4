package policy

import (
	"net/netip"
	"strings"
)

// operator is a supported condition operator. match reports whether a
// present context value matches any of the condition's values; negated
// operators invert it.
type operator struct {
	name    string
	negated bool
	ip      bool
	null    bool
	match   func(c *condition, v string) bool
}

var operators = map[string]*operator{}

func init() {
	add := func(name string, m func(c *condition, v string) bool, ip bool) {
		operators[strings.ToLower(name)] = &operator{name: name, match: m, ip: ip}
	}
	addPair := func(pos, neg string, m func(c *condition, v string) bool, ip bool) {
		add(pos, m, ip)
		operators[strings.ToLower(neg)] = &operator{name: neg, negated: true, match: m, ip: ip}
	}
	addPair("StringEquals", "StringNotEquals", anyValue(func(p, v string) bool { return p == v }), false)
	addPair("StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", anyValue(strings.EqualFold), false)
	addPair("StringLike", "StringNotLike", anyValue(globMatch), false)
	addPair("ArnEquals", "ArnNotEquals", anyValue(arnLike), false)
	addPair("ArnLike", "ArnNotLike", anyValue(arnLike), false)
	addPair("IpAddress", "NotIpAddress", inPrefixes, true)
	add("Bool", anyValue(strings.EqualFold), false)
	operators["null"] = &operator{name: "Null", null: true}
}

// anyValue lifts a pattern/value comparison to "any of the policy values".
func anyValue(eq func(pattern, v string) bool) func(c *condition, v string) bool {
	return func(c *condition, v string) bool {
		for _, p := range c.values {
			if eq(p, v) {
				return true
			}
		}
		return false
	}
}

func inPrefixes(c *condition, v string) bool {
	a, err := netip.ParseAddr(strings.TrimSpace(v))
	if err != nil {
		return false
	}
	a = a.Unmap()
	for _, p := range c.prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// lookupOperator splits "ForAnyValue:StringLikeIfExists" into its parts; op
// is nil when the base operator is not supported (Null has no IfExists form).
func lookupOperator(text string) (*operator, qualifier, bool) {
	base, qual := text, qualNone
	if q, rest, ok := strings.Cut(text, ":"); ok {
		switch strings.ToLower(q) {
		case "foranyvalue":
			base, qual = rest, qualAny
		case "forallvalues":
			base, qual = rest, qualAll
		default:
			return nil, qualNone, false
		}
	}
	lower := strings.ToLower(base)
	ifExists := strings.HasSuffix(lower, "ifexists")
	op := operators[strings.TrimSuffix(lower, "ifexists")]
	if op != nil && op.null && (ifExists || qual != qualNone) {
		op = nil
	}
	return op, qual, ifExists
}
