package policy

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Policy is a parsed resource policy. A nil *Policy is a missing policy: it
// denies every call (R9.4).
type Policy struct {
	version string
	stmts   []*statement
}

// statement is one parsed Statement element.
type statement struct {
	index     int // 1-based position in the policy
	sid       string
	deny      bool
	principal principals
	notPrinc  bool
	actions   []string
	notAction bool
	resources []string
	notRes    bool
	conds     []*condition
	vars      bool // the policy language interprets ${...} variables
}

// name is how messages and Decision.Statement refer to the statement.
func (s *statement) name() string {
	if s.sid != "" {
		return s.sid
	}
	return fmt.Sprintf("statement %d", s.index)
}

// label is the statement in a sentence: `statement 2 "DenyOthers" (Deny)`.
func (s *statement) label() string {
	l := fmt.Sprintf("statement %d", s.index)
	if s.sid != "" {
		l += fmt.Sprintf(" %q", s.sid)
	}
	return l + " (" + s.effect() + ")"
}

func (s *statement) effect() string {
	if s.deny {
		return "Deny"
	}
	return "Allow"
}

// Version is the policy language version ("2012-10-17", "2008-10-17" or "").
func (p *Policy) Version() string {
	if p == nil {
		return ""
	}
	return p.version
}

// Len is the number of statements.
func (p *Policy) Len() int {
	if p == nil {
		return 0
	}
	return len(p.stmts)
}

// Parse reads a policy document. It also accepts the escaped form API
// Gateway returns from get-rest-api ({\"Version\":...}) and a document
// wrapped in a JSON string. Errors are *ParseError with line and column.
func Parse(doc string) (*Policy, error) {
	if strings.TrimSpace(doc) == "" {
		return nil, errAt(doc, 0, "the policy document is empty")
	}
	root, err := decodeTree(doc)
	if err != nil {
		if alt, ok := unescape(doc); ok {
			if p, err2 := Parse(alt); err2 == nil {
				return p, nil
			}
		}
		return nil, err
	}
	if root.kind == kString && strings.HasPrefix(strings.TrimSpace(root.str), "{") {
		return parseInner(root.str)
	}
	return parseRoot(doc, root)
}

// parseInner parses a policy that was wrapped in a JSON string; positions
// then refer to the unwrapped text, which the message says.
func parseInner(doc string) (*Policy, error) {
	p, err := Parse(doc)
	if pe, ok := err.(*ParseError); ok {
		pe.Msg += " (position within the policy text inside the JSON string)"
	}
	return p, err
}

// unescape undoes one level of backslash escaping, as in API Gateway's
// get-rest-api output, when the document looks escaped.
func unescape(doc string) (string, bool) {
	if !strings.Contains(doc, `\"`) {
		return "", false
	}
	var s string
	if json.Unmarshal([]byte(`"`+strings.TrimSpace(doc)+`"`), &s) != nil {
		return "", false
	}
	return s, true
}

// parser carries the document for positions in errors.
type parser struct {
	doc     string
	version string
}

func (ps *parser) errf(n *node, format string, args ...any) error {
	return errAt(ps.doc, n.off, fmt.Sprintf(format, args...))
}

func parseRoot(doc string, root *node) (*Policy, error) {
	ps := &parser{doc: doc}
	if root.kind != kObject {
		return nil, ps.errf(root, "a policy must be a JSON object, got %s", kindNames[root.kind])
	}
	var stmts *node
	for _, m := range root.members {
		switch m.key {
		case "Version":
			if err := ps.parseVersion(m.val); err != nil {
				return nil, err
			}
		case "Id":
		case "Statement":
			stmts = m.val
		default:
			return nil, ps.unknownElement(m, "Version", "Id", "Statement")
		}
	}
	if stmts == nil {
		return nil, ps.errf(root, "the policy has no Statement element")
	}
	return ps.parseStatements(stmts)
}

func (ps *parser) parseVersion(n *node) error {
	if n.kind != kString || (n.str != "2012-10-17" && n.str != "2008-10-17") {
		return ps.errf(n, `Version must be "2012-10-17" or "2008-10-17"`)
	}
	ps.version = n.str
	return nil
}

// unknownElement rejects a misspelt element: AWS refuses such policies, and
// ignoring, say, "Conditon" would turn a conditional Allow into an
// unconditional one.
func (ps *parser) unknownElement(m member, known ...string) error {
	for _, k := range known {
		if strings.EqualFold(k, m.key) {
			return errAt(ps.doc, m.off, fmt.Sprintf("unknown element %q: element names are case-sensitive, write %q", m.key, k))
		}
	}
	return errAt(ps.doc, m.off, fmt.Sprintf("unknown element %q (expected one of %s)", m.key, strings.Join(known, ", ")))
}

func (ps *parser) parseStatements(n *node) (*Policy, error) {
	list := []*node{n}
	if n.kind == kArray {
		list = n.elems
	}
	p := &Policy{version: ps.version}
	for i, sn := range list {
		s, err := ps.parseStatement(sn, i+1)
		if err != nil {
			return nil, err
		}
		p.stmts = append(p.stmts, s)
	}
	return p, nil
}
