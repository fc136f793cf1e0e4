package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/netverify/netverify/model"
)

// posIndex maps JSON paths ("resources/3/instances/0") of objects to their
// byte offsets, and offsets to lines and columns, so every resource can say
// where it was read.
type posIndex struct {
	data       []byte
	lineStarts []int
	objects    map[string]int
}

// indexJSON walks the token stream once. On a syntax error the returned index
// can still turn the error's offset into a line and column.
func indexJSON(data []byte) (*posIndex, error) {
	p := &posIndex{data: data, objects: map[string]int{}, lineStarts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			p.lineStarts = append(p.lineStarts, i+1)
		}
	}
	return p, p.walk()
}

type frame struct {
	path    string
	array   bool
	index   int
	key     string
	wantKey bool
}

func (p *posIndex) walk() error {
	dec := json.NewDecoder(bytes.NewReader(p.data))
	var stack []*frame
	for {
		before := dec.InputOffset()
		tok, err := dec.Token()
		if err == io.EOF {
			if len(stack) > 0 {
				return &json.SyntaxError{Offset: int64(len(p.data))}
			}
			return nil
		}
		if err != nil {
			return err
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if top != nil && !top.array && top.wantKey {
			if s, ok := tok.(string); ok {
				top.key, top.wantKey = s, false
				continue
			}
		}
		path := childPath(top)
		switch tok {
		case json.Delim('{'), json.Delim('['):
			if len(stack) >= maxDepth {
				return &depthError{off: p.skipToToken(int(before))}
			}
			if tok == json.Delim('{') {
				p.objects[path] = p.skipToToken(int(before))
			}
			stack = append(stack, &frame{path: path, array: tok == json.Delim('['), wantKey: true})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		}
		advance(stack)
	}
}

// advance moves the enclosing container past the value just finished.
func advance(stack []*frame) {
	if len(stack) == 0 {
		return
	}
	f := stack[len(stack)-1]
	if f.array {
		f.index++
	} else {
		f.wantKey = true
	}
}

func childPath(f *frame) string {
	if f == nil {
		return ""
	}
	seg := f.key
	if f.array {
		seg = strconv.Itoa(f.index)
	}
	if f.path == "" {
		return seg
	}
	return f.path + "/" + seg
}

// skipToToken moves from the end of the previous token past white space and
// separators to the first byte of the next token.
func (p *posIndex) skipToToken(off int) int {
	for off < len(p.data) && strings.IndexByte(" \t\r\n,:", p.data[off]) >= 0 {
		off++
	}
	return off
}

// lineCol turns a byte offset into a 1-based line and column.
func (p *posIndex) lineCol(off int) (int, int) {
	i := sort.Search(len(p.lineStarts), func(i int) bool { return p.lineStarts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - p.lineStarts[i] + 1
}

// source returns where the object at path starts, or the file alone.
func (p *posIndex) source(file, path string) model.Source {
	off, ok := p.objects[path]
	if !ok {
		return model.Source{File: file}
	}
	line, col := p.lineCol(off)
	return model.Source{File: file, Line: line, Col: col}
}

// maxDepth bounds nesting: paths grow with depth, so a hostile file nested
// 100,000 levels deep would cost quadratic time; real states nest a few dozen.
const maxDepth = 1000

// depthError is nesting beyond maxDepth at byte offset off.
type depthError struct{ off int }

func (e *depthError) Error() string {
	return fmt.Sprintf("JSON nested deeper than %d levels", maxDepth)
}

// syntaxError renders a JSON decoding error as "file:line:col: sentence".
func (p *posIndex) syntaxError(file string, err error) string {
	var de *depthError
	if errors.As(err, &de) {
		line, col := p.lineCol(de.off)
		return fmt.Sprintf("%s:%d:%d: %v; a Terraform state or plan is never that deep", file, line, col, de)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(se.Offset)
		if off > 0 && off <= len(p.data) {
			off--
		}
		line, col := p.lineCol(off)
		msg := se.Error()
		if off >= len(p.data)-1 {
			msg = "unexpected end of file: the JSON is truncated"
		}
		return fmt.Sprintf("%s:%d:%d: not valid JSON: %s", file, line, col, msg)
	}
	return fmt.Sprintf("%s: not valid JSON: %v", file, err)
}
