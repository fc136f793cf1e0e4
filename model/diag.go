package model

import (
	"fmt"
	"sort"
	"strings"
)

// Severity orders diagnostics: errors make an input unusable, warnings make an
// answer less certain, infos say what was skipped or assumed.
type Severity int

const (
	SevInfo Severity = iota
	SevWarning
	SevError
)

func (s Severity) String() string {
	switch s {
	case SevError:
		return "error"
	case SevWarning:
		return "warning"
	}
	return "info"
}

// MarshalText makes severities readable in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one finding of an importer or of validation.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Source   Source   `json:"source,omitempty"`
	Resource string   `json:"resource,omitempty"`
	Message  string   `json:"message"`
}

// String renders "file:line: severity: message (resource)".
func (d Diagnostic) String() string {
	var b strings.Builder
	if src := d.Source.String(); src != "" {
		b.WriteString(src)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Message)
	if d.Resource != "" && !strings.Contains(d.Message, d.Resource) {
		b.WriteString(" [")
		b.WriteString(d.Resource)
		b.WriteString("]")
	}
	return b.String()
}

// Diagnostics collects findings; the zero value is ready to use.
type Diagnostics []Diagnostic

// Add appends a finding with a formatted message.
func (ds *Diagnostics) Add(sev Severity, src Source, resource, format string, args ...any) {
	*ds = append(*ds, Diagnostic{Severity: sev, Source: src, Resource: resource, Message: fmt.Sprintf(format, args...)})
}

// Errorf appends an error.
func (ds *Diagnostics) Errorf(src Source, resource, format string, args ...any) {
	ds.Add(SevError, src, resource, format, args...)
}

// Warnf appends a warning.
func (ds *Diagnostics) Warnf(src Source, resource, format string, args ...any) {
	ds.Add(SevWarning, src, resource, format, args...)
}

// Infof appends an info.
func (ds *Diagnostics) Infof(src Source, resource, format string, args ...any) {
	ds.Add(SevInfo, src, resource, format, args...)
}

// Append adds all of other.
func (ds *Diagnostics) Append(other Diagnostics) { *ds = append(*ds, other...) }

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool { return ds.Count(SevError) > 0 }

// Count returns how many diagnostics have severity sev.
func (ds Diagnostics) Count(sev Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == sev {
			n++
		}
	}
	return n
}

// Sort orders diagnostics by file, line, column, severity (errors first) and
// message, so output is deterministic.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Source.File != b.Source.File {
			return a.Source.File < b.Source.File
		}
		if a.Source.Line != b.Source.Line {
			return a.Source.Line < b.Source.Line
		}
		if a.Source.Col != b.Source.Col {
			return a.Source.Col < b.Source.Col
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.Message != b.Message {
			return a.Message < b.Message
		}
		return a.Resource < b.Resource
	})
}
