package awsjson

import (
	"bytes"
	"fmt"
)

// pos is a 1-based line and column (in bytes) in the original file.
type pos struct{ line, col int }

// topKey is one member of the file's top-level object.
type topKey struct {
	name  string
	start int   // the value's first byte in scanned.buf
	end   int   // one past its last byte
	array bool  // the value is an array
	elems []pos // where each element starts (array) or the object itself starts
}

// scanned is a file after the one pass over its bytes: its text, and the
// position of every resource object. The text is the input itself, or, when
// scan was given member names to null (the encoding/json path, kept as the
// reference the decoder is tested against), a compacted copy with every value
// that encoding/json cannot decode into the SDK types (timestamps in the
// CLI's formats, unions, documents) replaced by null.
type scanned struct {
	buf   []byte
	top   byte     // '{' or '['
	keys  []topKey // members of a top-level object, in file order
	elems []pos    // elements of a top-level array
	start pos      // where the top-level value starts
}

// syntaxError is malformed JSON at a position of the original file.
type syntaxError struct {
	at  pos
	msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%d:%d: %s", e.at.line, e.at.col, e.msg) }

// scanner is a strict, single-pass JSON reader that checks its input and
// records element positions; with nulls it also copies the input to out,
// nulling the values of keys in nulls.
type scanner struct {
	in        []byte
	i         int
	copy      bool
	out       []byte
	skip      int // > 0 while inside a value being replaced by null
	line      int
	lineStart int
	nulls     map[string]bool
	doc       *scanned
	err       *syntaxError
}

const maxDepth = 1000

// scan reads data once. nulls, when not nil, holds the member names whose
// values are dropped from a copy; without it the text is data itself.
func scan(data []byte, nulls map[string]bool) (*scanned, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	s := &scanner{in: data, line: 1, nulls: nulls, doc: &scanned{}, copy: nulls != nil}
	if s.copy {
		s.out = make([]byte, 0, len(data))
	}
	s.ws()
	if s.i >= len(s.in) {
		s.fail("the file is empty; expected a JSON object or array")
		return nil, s.err
	}
	s.doc.start = s.here()
	s.doc.top = s.in[s.i]
	switch s.doc.top {
	case '{':
		s.topObject()
	case '[':
		s.array(1, &s.doc.elems)
	default:
		s.fail("expected a JSON object or array, found %s", s.found())
	}
	if s.err == nil {
		s.ws()
		if s.i < len(s.in) {
			s.fail("unexpected %s after the end of the JSON value", s.found())
		}
	}
	if s.err != nil {
		return nil, s.err
	}
	s.doc.buf = s.in
	if s.copy {
		s.doc.buf = s.out
	}
	return s.doc, nil
}

func (s *scanner) here() pos { return pos{s.line, s.i - s.lineStart + 1} }

func (s *scanner) fail(format string, args ...any) {
	if s.err == nil {
		s.err = &syntaxError{at: s.here(), msg: fmt.Sprintf(format, args...)}
	}
}

func (s *scanner) found() string {
	if s.i >= len(s.in) {
		return "the end of the file"
	}
	return fmt.Sprintf("%q", s.in[s.i])
}

// mark is the offset in the scanned text of the next byte.
func (s *scanner) mark() int {
	if s.copy {
		return len(s.out)
	}
	return s.i
}

func (s *scanner) emit(b ...byte) {
	if s.copy && s.skip == 0 {
		s.out = append(s.out, b...)
	}
}

func (s *scanner) ws() {
	for s.i < len(s.in) {
		switch s.in[s.i] {
		case '\n':
			s.line++
			s.lineStart = s.i + 1
		case ' ', '\t', '\r':
		default:
			return
		}
		s.i++
	}
}

// topObject reads the top-level object, recording each member's span.
func (s *scanner) topObject() {
	s.emit('{')
	s.i++
	s.members(1, func(name []byte) {
		k := topKey{name: string(name), start: s.mark()}
		if s.copy && s.nulls[k.name] {
			// A single-object output (get-rest-api) has its timestamps at the top.
			k.elems = []pos{s.here()}
			s.skip++
			s.value(2)
			s.skip--
			s.emit('n', 'u', 'l', 'l')
		} else if s.i < len(s.in) && s.in[s.i] == '[' {
			k.array = true
			s.array(2, &k.elems)
		} else {
			k.elems = []pos{s.here()}
			s.value(2)
		}
		k.end = s.mark()
		s.doc.keys = append(s.doc.keys, k)
	})
}

// members reads "key": value pairs up to the closing brace; each value is read by val.
func (s *scanner) members(depth int, val func(name []byte)) {
	s.ws()
	if s.i < len(s.in) && s.in[s.i] == '}' {
		s.emit('}')
		s.i++
		return
	}
	for s.err == nil {
		s.ws()
		if s.i >= len(s.in) || s.in[s.i] != '"' {
			s.fail("expected a quoted member name, found %s", s.found())
			return
		}
		name := s.str()
		s.ws()
		if s.i >= len(s.in) || s.in[s.i] != ':' {
			s.fail("expected ':' after member name %q, found %s", name, s.found())
			return
		}
		s.emit(':')
		s.i++
		s.ws()
		if s.err != nil {
			return
		}
		val(name)
		s.ws()
		if s.i >= len(s.in) {
			s.fail("unexpected end of file inside an object (missing '}')")
			return
		}
		switch s.in[s.i] {
		case ',':
			s.emit(',')
			s.i++
		case '}':
			s.emit('}')
			s.i++
			return
		default:
			s.fail("expected ',' or '}' after an object member, found %s", s.found())
			return
		}
	}
}

// array reads an array, recording where each element starts when at is not nil.
func (s *scanner) array(depth int, at *[]pos) {
	s.emit('[')
	s.i++
	s.ws()
	if s.i < len(s.in) && s.in[s.i] == ']' {
		s.emit(']')
		s.i++
		return
	}
	for s.err == nil {
		s.ws()
		if at != nil {
			*at = append(*at, s.here())
		}
		s.value(depth + 1)
		s.ws()
		if s.i >= len(s.in) {
			s.fail("unexpected end of file inside an array (missing ']')")
			return
		}
		switch s.in[s.i] {
		case ',':
			s.emit(',')
			s.i++
		case ']':
			s.emit(']')
			s.i++
			return
		default:
			s.fail("expected ',' or ']' after an array element, found %s", s.found())
			return
		}
	}
}

// value reads any JSON value.
func (s *scanner) value(depth int) {
	if depth > maxDepth {
		s.fail("JSON nested deeper than %d levels", maxDepth)
		return
	}
	s.ws()
	if s.i >= len(s.in) {
		s.fail("unexpected end of file; expected a value")
		return
	}
	switch c := s.in[s.i]; {
	case c == '{':
		s.emit('{')
		s.i++
		s.members(depth, func(name []byte) {
			if s.copy && s.nulls[string(name)] {
				s.skip++
				s.value(depth + 1)
				s.skip--
				s.emit('n', 'u', 'l', 'l')
				return
			}
			s.value(depth + 1)
		})
	case c == '[':
		s.array(depth, nil)
	case c == '"':
		s.str()
	case c == '-' || (c >= '0' && c <= '9'):
		s.number()
	case c == 't':
		s.literal("true")
	case c == 'f':
		s.literal("false")
	case c == 'n':
		s.literal("null")
	default:
		s.fail("expected a value, found %s", s.found())
	}
}

func (s *scanner) literal(word string) {
	if !bytes.HasPrefix(s.in[s.i:], []byte(word)) {
		s.fail("invalid literal; expected %s", word)
		return
	}
	s.emit(s.in[s.i : s.i+len(word)]...)
	s.i += len(word)
}

func (s *scanner) number() {
	start := s.i
	if s.in[s.i] == '-' {
		s.i++
	}
	first := s.i
	if !s.digits() {
		s.fail("invalid number: expected a digit")
		return
	}
	if s.in[first] == '0' && s.i-first > 1 {
		s.i = first + 1
		s.fail("invalid number: a leading zero must stand alone (JSON has no octal)")
		return
	}
	if s.i < len(s.in) && s.in[s.i] == '.' {
		s.i++
		if !s.digits() {
			s.fail("invalid number: expected a digit after '.'")
			return
		}
	}
	if s.i < len(s.in) && (s.in[s.i] == 'e' || s.in[s.i] == 'E') {
		s.i++
		if s.i < len(s.in) && (s.in[s.i] == '+' || s.in[s.i] == '-') {
			s.i++
		}
		if !s.digits() {
			s.fail("invalid number: expected a digit in the exponent")
			return
		}
	}
	s.emit(s.in[start:s.i]...)
}

func (s *scanner) digits() bool {
	n := 0
	for s.i < len(s.in) && s.in[s.i] >= '0' && s.in[s.i] <= '9' {
		s.i++
		n++
	}
	return n > 0
}

// str reads a string and returns its raw contents (escapes not decoded).
func (s *scanner) str() []byte {
	start := s.i
	s.i++
	for s.i < len(s.in) {
		c := s.in[s.i]
		switch {
		case c == '"':
			s.i++
			s.emit(s.in[start:s.i]...)
			return s.in[start+1 : s.i-1]
		case c == '\\':
			if !s.escape() {
				return nil
			}
			continue
		case c < 0x20:
			s.fail("control character %q inside a string (escape it as \\u%04x)", c, c)
			return nil
		}
		s.i++
	}
	s.fail("unterminated string")
	return nil
}

func (s *scanner) escape() bool {
	if s.i+1 >= len(s.in) {
		s.fail("unterminated escape sequence")
		return false
	}
	switch s.in[s.i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		s.i += 2
		return true
	case 'u':
		if s.i+6 > len(s.in) || !isHex4(s.in[s.i+2:s.i+6]) {
			s.i++
			s.fail("invalid \\u escape: expected four hex digits")
			return false
		}
		s.i += 6
		return true
	}
	s.i++
	s.fail("invalid escape sequence \\%c", s.in[s.i])
	return false
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
