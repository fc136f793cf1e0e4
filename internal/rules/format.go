package rules

import (
	"fmt"
	"io"
	"strings"
)

// width is the column plain text is wrapped at.
const width = 100

// Write prints e for a terminal: the number and headline, the section, the
// statement and netverify's own decisions wrapped at 100 columns, the AWS
// pages with their addresses, a scenario's variants, and where the entry is
// in the reference.
func Write(w io.Writer, e Entry, all []Entry) {
	head := e.ID
	if e.Title != "" {
		head += " " + e.Title
	}
	fmt.Fprintln(w, head)
	fmt.Fprintf(w, "section %s\n", e.Section)
	if e.Parent != "" {
		fmt.Fprintf(w, "variant of %s\n", e.Parent)
	}
	for _, p := range e.Text {
		fmt.Fprintln(w)
		fmt.Fprint(w, wrap(p, "", width))
	}
	if len(e.AWS) > 0 {
		fmt.Fprintln(w, "\nAWS documentation:")
		for _, p := range e.AWS {
			fmt.Fprintf(w, "  %s\n    %s\n", p.Title, p.URL)
		}
	}
	if len(e.Variants) > 0 {
		fmt.Fprintln(w, "\nvariants:")
		for _, id := range e.Variants {
			if v, err := find(all, id); err == nil && len(v.Text) > 0 {
				fmt.Fprint(w, "  "+wrap(v.ID+" "+v.Text[0], "    ", width-2))
			}
		}
	}
	fmt.Fprintf(w, "\nsee %s\n", e.Link())
}

// WriteIndex prints one line per rule and scenario, under its section.
func WriteIndex(w io.Writer, all []Entry) {
	section := ""
	for _, e := range all {
		if e.Section != section {
			if section != "" {
				fmt.Fprintln(w)
			}
			section = e.Section
			fmt.Fprintln(w, section)
		}
		line := e.Title
		if line == "" && len(e.Text) > 0 {
			line = e.Text[0]
			if i := strings.Index(line, " Rules: "); i >= 0 {
				line = line[:i]
			}
		}
		indent := "  "
		if e.Parent != "" {
			indent = "    "
		}
		fmt.Fprintf(w, "%s%-7s %s\n", indent, e.ID, line)
	}
}

// wrap breaks s into lines of at most n columns (a longer word stays
// whole); lines after the first start with indent.
func wrap(s, indent string, n int) string {
	var b strings.Builder
	col := 0
	for i, word := range strings.Fields(s) {
		switch {
		case i == 0:
		case col+1+len(word) > n:
			b.WriteString("\n" + indent)
			col = len(indent)
		default:
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += len(word)
	}
	b.WriteByte('\n')
	return b.String()
}
