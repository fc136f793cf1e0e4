package policy

import (
	"net/netip"
	"strings"
)

// qualifier is the ForAnyValue:/ForAllValues: set prefix of an operator.
type qualifier int

const (
	qualNone qualifier = iota
	qualAny
	qualAll
)

// condition is one operator/key pair of a Condition block.
type condition struct {
	text        string    // operator as written, e.g. "StringNotEqualsIfExists"
	op          *operator // nil when the operator is not supported
	qual        qualifier
	ifExists    bool
	key         string // as written; keys compare case-insensitively
	values      []string
	prefixes    []netip.Prefix // IpAddress and NotIpAddress values
	unsupported []string       // constructs found while parsing
}

// parseConditions reads {"Operator": {"key": value-or-values, ...}, ...}.
func (ps *parser) parseConditions(n *node) ([]*condition, error) {
	if n.kind != kObject {
		return nil, ps.errf(n, "Condition must be an object such as {\"StringEquals\": {\"aws:SourceVpce\": \"vpce-...\"}}, got %s", describe(n))
	}
	var out []*condition
	for _, m := range n.members {
		if m.val.kind != kObject {
			return nil, ps.errf(m.val, "condition operator %s must map keys to values, got %s", m.key, describe(m.val))
		}
		for _, km := range m.val.members {
			c, err := ps.parseCondition(m.key, km)
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	return out, nil
}

func (ps *parser) parseCondition(opText string, km member) (*condition, error) {
	c := &condition{text: opText, key: km.key}
	c.op, c.qual, c.ifExists = lookupOperator(opText)
	if c.op == nil {
		c.unsupported = append(c.unsupported, "condition operator "+opText)
	}
	vals, err := ps.condValues(km.val, opText, km.key)
	if err != nil {
		return nil, err
	}
	c.values = vals
	c.unsupported = append(c.unsupported, ps.variables(vals)...)
	if c.op != nil && c.op.ip && len(c.unsupported) == 0 {
		return c, ps.parsePrefixes(c, km.val)
	}
	return c, nil
}

// condValues reads a scalar or an array of scalars; booleans and numbers
// count as their JSON text, as IAM compares them.
func (ps *parser) condValues(n *node, op, key string) ([]string, error) {
	list := []*node{n}
	if n.kind == kArray {
		list = n.elems
	}
	if len(list) == 0 {
		return nil, ps.errf(n, "condition %s %s has no values", op, key)
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		if e.kind != kString && e.kind != kBool && e.kind != kNumber {
			return nil, ps.errf(e, "condition %s %s: values must be strings, got %s", op, key, describe(e))
		}
		out = append(out, e.str)
	}
	return out, nil
}

// variables lists the policy variables used in vals, e.g. "policy variable ${aws:username}".
func (ps *parser) variables(vals []string) []string {
	var out []string
	for _, v := range vals {
		if !ps.hasVariable(v) {
			continue
		}
		i := strings.Index(v, "${")
		end := strings.IndexByte(v[i:], '}')
		if end < 0 {
			end = len(v) - i - 1
		}
		out = append(out, "policy variable "+v[i:i+end+1])
	}
	return out
}

func (ps *parser) parsePrefixes(c *condition, n *node) error {
	for i, v := range c.values {
		pfx, ok := parsePrefix(v)
		if !ok {
			at := n
			if n.kind == kArray {
				at = n.elems[i]
			}
			return ps.errf(at, "condition %s %s: %q is not an IP address or CIDR block", c.text, c.key, v)
		}
		c.prefixes = append(c.prefixes, pfx)
	}
	return nil
}

// parsePrefix accepts a CIDR block or a single IPv4/IPv6 address.
func parsePrefix(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), true
}
