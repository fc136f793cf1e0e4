package policy

import (
	"fmt"
	"strings"
)

var statementElements = []string{"Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"}

// parseStatement reads one Statement object; index is 1-based.
func (ps *parser) parseStatement(n *node, index int) (*statement, error) {
	if n.kind != kObject {
		return nil, ps.errf(n, "statement %d must be a JSON object, got %s", index, kindNames[n.kind])
	}
	s := &statement{index: index, vars: ps.version == "2012-10-17"}
	seen := map[string]bool{}
	for _, m := range n.members {
		if err := ps.statementElement(s, m); err != nil {
			return nil, err
		}
		seen[m.key] = true
	}
	return s, ps.checkRequired(n, s, seen)
}

func (ps *parser) statementElement(s *statement, m member) error {
	var err error
	switch m.key {
	case "Sid":
		s.sid, err = ps.str(m.val, "Sid")
	case "Effect":
		err = ps.parseEffect(s, m.val)
	case "Principal", "NotPrincipal":
		s.notPrinc = m.key == "NotPrincipal"
		s.principal, err = ps.parsePrincipal(m.val, m.key)
	case "Action", "NotAction":
		s.notAction = m.key == "NotAction"
		s.actions, err = ps.strs(m.val, m.key)
	case "Resource", "NotResource":
		s.notRes = m.key == "NotResource"
		s.resources, err = ps.strs(m.val, m.key)
	case "Condition":
		s.conds, err = ps.parseConditions(m.val)
	default:
		err = ps.unknownElement(m, statementElements...)
	}
	return err
}

func (ps *parser) parseEffect(s *statement, n *node) error {
	switch {
	case n.kind == kString && n.str == "Allow":
	case n.kind == kString && n.str == "Deny":
		s.deny = true
	default:
		return ps.errf(n, `Effect must be "Allow" or "Deny" (case-sensitive), got %s`, describe(n))
	}
	return nil
}

// checkRequired enforces what AWS requires of a resource-policy statement:
// an Effect, exactly one of each Principal, Action and Resource pair.
func (ps *parser) checkRequired(n *node, s *statement, seen map[string]bool) error {
	if !seen["Effect"] {
		return ps.errf(n, "statement %d has no Effect", s.index)
	}
	for _, pair := range [][2]string{{"Principal", "NotPrincipal"}, {"Action", "NotAction"}, {"Resource", "NotResource"}} {
		switch {
		case seen[pair[0]] && seen[pair[1]]:
			return ps.errf(n, "statement %d has both %s and %s; keep one", s.index, pair[0], pair[1])
		case !seen[pair[0]] && !seen[pair[1]]:
			return ps.errf(n, "statement %d has neither %s nor %s; a resource policy statement needs one", s.index, pair[0], pair[1])
		}
	}
	return nil
}

func (ps *parser) str(n *node, what string) (string, error) {
	if n.kind != kString {
		return "", ps.errf(n, "%s must be a string, got %s", what, describe(n))
	}
	return n.str, nil
}

// strs reads a string or a non-empty array of strings.
func (ps *parser) strs(n *node, what string) ([]string, error) {
	if n.kind == kString {
		return []string{n.str}, nil
	}
	if n.kind != kArray || len(n.elems) == 0 {
		return nil, ps.errf(n, "%s must be a string or a non-empty array of strings, got %s", what, describe(n))
	}
	out := make([]string, 0, len(n.elems))
	for _, e := range n.elems {
		v, err := ps.str(e, what+" entry")
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// describe names a node in an error message: its value when short.
func describe(n *node) string {
	switch n.kind {
	case kString:
		if len(n.str) > 40 {
			return fmt.Sprintf("%q...", n.str[:40])
		}
		return fmt.Sprintf("%q", n.str)
	case kNumber, kBool:
		return n.str
	}
	return kindNames[n.kind]
}

// hasVariable reports whether s uses a policy variable (${...}), which only
// the 2012-10-17 language interprets; older policies treat it literally.
func (ps *parser) hasVariable(s string) bool {
	return ps.version == "2012-10-17" && strings.Contains(s, "${")
}
