package model

import (
	"fmt"
	"strings"
)

// Source says where a resource or diagnostic came from: a position in a file
// (File, Line, Col; Line 0 means "the whole file") or an API call ("ec2:DescribeVpcs").
type Source struct {
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	Col  int    `json:"col,omitempty"`
	API  string `json:"api,omitempty"`
}

// String renders the source the way compilers do: file:line:col, file:line,
// file, or "api ec2:DescribeVpcs".
func (s Source) String() string {
	switch {
	case s.File != "" && s.Line > 0 && s.Col > 0:
		return fmt.Sprintf("%s:%d:%d", s.File, s.Line, s.Col)
	case s.File != "" && s.Line > 0:
		return fmt.Sprintf("%s:%d", s.File, s.Line)
	case s.File != "":
		return s.File
	case s.API != "":
		return "api " + s.API
	}
	return ""
}

// IsZero reports whether nothing is known about the source.
func (s Source) IsZero() bool { return s == Source{} }

// At returns a copy of s pointing at line and column.
func (s Source) At(line, col int) Source {
	s.Line, s.Col = line, col
	return s
}

// Meta is what every resource carries: identity, ownership, tags and origin.
type Meta struct {
	ID      string            `json:"id"`
	ARN     string            `json:"arn,omitempty"`
	Account string            `json:"account,omitempty"`
	Region  string            `json:"region,omitempty"`
	Name    string            `json:"name,omitempty"` // the Name tag, or a scenario name
	Tags    map[string]string `json:"tags,omitempty"`
	Source  Source            `json:"source,omitempty"`
	// Assumed lists what is not known from the input and was filled in
	// (e.g. "private IP allocated from the subnet; known only after deployment").
	// Answers that depend on this resource repeat these notes.
	Assumed []string `json:"assumed,omitempty"`
}

// Assume records a note about a value that was filled in, not read.
func (m *Meta) Assume(note string) {
	for _, n := range m.Assumed {
		if n == note {
			return
		}
	}
	m.Assumed = append(m.Assumed, note)
}

// Base returns the Meta itself; every resource gets it by embedding Meta.
func (m *Meta) Base() *Meta { return m }

// Label is the most readable identification: "name (id)", or the ID alone.
func (m *Meta) Label() string {
	if m.Name != "" && m.Name != m.ID {
		return m.Name + " (" + m.ID + ")"
	}
	return m.ID
}

// SetTags stores tags and takes the Name tag as the resource's name when none is set.
func (m *Meta) SetTags(tags map[string]string) {
	if len(tags) == 0 {
		return
	}
	m.Tags = tags
	if m.Name == "" {
		m.Name = tags["Name"]
	}
}

// Matches reports whether ref names this resource: by ID, ARN or Name
// (names compare case-sensitively, as AWS tags do).
func (m *Meta) Matches(ref string) bool {
	if ref == "" {
		return false
	}
	return ref == m.ID || (m.ARN != "" && ref == m.ARN) || ref == m.Name ||
		strings.EqualFold(ref, m.ID)
}
