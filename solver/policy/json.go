package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ParseError is a problem in a policy document, with its position.
type ParseError struct {
	Offset    int // byte offset into the document
	Line, Col int // 1-based; Col counts characters
	Msg       string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d:%d: %s", e.Line, e.Col, e.Msg) }

// kind is the JSON type of a node.
type kind int

const (
	kObject kind = iota
	kArray
	kString
	kNumber
	kBool
	kNull
)

var kindNames = [...]string{"an object", "an array", "a string", "a number", "a boolean", "null"}

// node is a JSON value with the offset where it starts, so that every
// semantic error can point at the offending element, not just syntax errors.
type node struct {
	kind    kind
	off     int
	str     string // string, number or boolean text
	members []member
	elems   []*node
}

type member struct {
	key string
	off int
	val *node
}

// maxDepth bounds nesting: real policies are four levels deep.
const maxDepth = 64

type treeDecoder struct {
	dec *json.Decoder
	doc string
}

// decodeTree parses doc into a node tree, rejecting duplicate keys and
// trailing text.
func decodeTree(doc string) (*node, error) {
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	d := &treeDecoder{dec: dec, doc: doc}
	n, err := d.value(0)
	if err != nil {
		return nil, err
	}
	off := d.start()
	if _, err := dec.Token(); err != io.EOF {
		return nil, d.errAt(off, "unexpected text after the end of the policy document")
	}
	return n, nil
}

// start is the offset of the next token: the decoder's offset past any
// whitespace and separators.
func (d *treeDecoder) start() int {
	i := int(d.dec.InputOffset())
	for i < len(d.doc) && strings.IndexByte(" \t\r\n,:", d.doc[i]) >= 0 {
		i++
	}
	return i
}

func (d *treeDecoder) next() (json.Token, int, error) {
	off := d.start()
	tok, err := d.dec.Token()
	if err != nil {
		return nil, off, d.syntax(err, off)
	}
	return tok, off, nil
}

func (d *treeDecoder) value(depth int) (*node, error) {
	tok, off, err := d.next()
	if err != nil {
		return nil, err
	}
	if depth > maxDepth {
		return nil, d.errAt(off, "the document is nested too deeply to be a policy")
	}
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return d.object(off, depth)
		}
		if t == '[' {
			return d.array(off, depth)
		}
		return nil, d.errAt(off, fmt.Sprintf("unexpected %q", rune(t)))
	case string:
		return &node{kind: kString, off: off, str: t}, nil
	case json.Number:
		return &node{kind: kNumber, off: off, str: t.String()}, nil
	case bool:
		return &node{kind: kBool, off: off, str: fmt.Sprint(t)}, nil
	}
	return &node{kind: kNull, off: off}, nil
}

func (d *treeDecoder) object(off, depth int) (*node, error) {
	n := &node{kind: kObject, off: off}
	seen := map[string]bool{}
	for d.dec.More() {
		tok, koff, err := d.next()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		if seen[key] {
			return nil, d.errAt(koff, fmt.Sprintf("duplicate key %q: AWS keeps only one of them, merge them into one", key))
		}
		seen[key] = true
		val, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.members = append(n.members, member{key: key, off: koff, val: val})
	}
	return n, d.closing()
}

func (d *treeDecoder) array(off, depth int) (*node, error) {
	n := &node{kind: kArray, off: off}
	for d.dec.More() {
		val, err := d.value(depth + 1)
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, val)
	}
	return n, d.closing()
}

// closing consumes the '}' or ']' that ends an object or array.
func (d *treeDecoder) closing() error {
	_, _, err := d.next()
	return err
}

// syntax turns a decoder error into a ParseError at the offending byte. The
// streaming decoder's offsets are not reliable mid-value, so the whole
// document is rescanned, which reports the exact byte.
func (d *treeDecoder) syntax(err error, off int) error {
	var v any
	var se *json.SyntaxError
	rescan := json.Unmarshal([]byte(d.doc), &v)
	switch {
	case errors.As(rescan, &se) && strings.Contains(se.Error(), "unexpected end"):
		return d.errAt(len(d.doc), "the document ends early: a brace, bracket or quote is not closed")
	case errors.As(rescan, &se):
		return d.errAt(int(se.Offset)-1, se.Error())
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return d.errAt(len(d.doc), "the document ends early: a brace, bracket or quote is not closed")
	}
	return d.errAt(off, err.Error())
}

func (d *treeDecoder) errAt(off int, msg string) *ParseError {
	return errAt(d.doc, off, msg)
}

func errAt(doc string, off int, msg string) *ParseError {
	off = min(max(off, 0), len(doc))
	line, col := lineCol(doc, off)
	return &ParseError{Offset: off, Line: line, Col: col, Msg: msg}
}

// lineCol converts a byte offset to a 1-based line and character column.
func lineCol(doc string, off int) (int, int) {
	before := doc[:off]
	line := strings.Count(before, "\n") + 1
	lineStart := strings.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCountInString(before[lineStart:]) + 1
}
