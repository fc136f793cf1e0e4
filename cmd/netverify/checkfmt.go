package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// checkFormats are the output formats of check; the first is the default.
var checkFormats = []string{"text", "json", "table", "junit", "sarif", "github"}

// checkSummary counts the intents by status.
type checkSummary struct {
	total, passed, failed, unknown int
	networks                       string // which networks were checked
}

func summarize(rs []intentResult) checkSummary {
	s := checkSummary{total: len(rs)}
	for _, r := range rs {
		switch r.Status {
		case statusPass:
			s.passed++
		case statusUnknown:
			s.unknown++
		default:
			s.failed++
		}
	}
	return s
}

func (s checkSummary) String() string {
	out := fmt.Sprintf("%d intents: %d passed, %d failed, %d unknown", s.total, s.passed, s.failed, s.unknown)
	if s.networks != "" {
		out += " (" + s.networks + ")"
	}
	return out
}

// writeResults prints the results in format. Formats a machine reads whole
// (json, junit, sarif) get the summary line on stderr, the others on stdout.
func writeResults(stdout, stderr io.Writer, format string, rs []intentResult, grouped bool, sum checkSummary) error {
	var err error
	summaryTo := stdout
	switch format {
	case "json":
		err = writeCheckJSON(stdout, rs)
		summaryTo = stderr
	case "table":
		err = writeCheckTable(stdout, rs)
	case "junit":
		err = writeJUnit(stdout, rs)
		summaryTo = stderr
	case "sarif":
		err = writeSARIF(stdout, rs)
		summaryTo = stderr
	case "github":
		writeGitHub(stdout, rs)
	default:
		writeCheckText(stdout, rs, grouped)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(summaryTo, sum)
	return nil
}

// details is the detail text followed by the path's warnings.
func (r intentResult) details() string {
	s := r.Detail
	for _, warn := range r.Warnings {
		s += "\nwarning: " + warn
	}
	return s
}

// mark is the text format's word for a status.
func mark(status string) string {
	switch status {
	case statusPass:
		return "PASS"
	case statusUnknown:
		return "UNKNOWN"
	}
	return "FAIL"
}

func writeCheckText(w io.Writer, rs []intentResult, grouped bool) {
	input := ""
	for i, r := range rs {
		if grouped && (i == 0 || r.input != input) {
			fmt.Fprintf(w, "== %s\n", r.input)
		}
		input = r.input
		fmt.Fprintf(w, "%s  %s: %s\n", mark(r.Status), r.Intent, r.Got)
		for _, warn := range r.Warnings {
			fmt.Fprintf(w, "      warning: %s\n", warn)
		}
		if r.Pass {
			continue
		}
		if r.Source != "" {
			fmt.Fprintf(w, "      at %s\n", r.Source)
		}
		for _, line := range strings.Split(strings.TrimSpace(r.Detail), "\n") {
			if line != "" {
				fmt.Fprintf(w, "      %s\n", line)
			}
		}
	}
}

func writeCheckJSON(w io.Writer, rs []intentResult) error {
	for _, r := range rs {
		if err := writeJSON(w, r, false); err != nil {
			return err
		}
	}
	return nil
}

// writeCheckTable prints one aligned row per intent, pybatfish-style.
func writeCheckTable(w io.Writer, rs []intentResult) error {
	rows := [][]string{{"STATUS", "KIND", "INTENT", "GOT", "SOURCE"}}
	for _, r := range rs {
		rows = append(rows, []string{mark(r.Status), r.Kind, r.Intent, r.Got, r.Source})
	}
	return writeTable(w, rows)
}

// writeTable aligns rows in columns two spaces apart; a cell never holds a
// tab or a line break.
func writeTable(w io.Writer, rows [][]string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	for _, row := range rows {
		for i, c := range row {
			row[i] = clean.Replace(c)
		}
		fmt.Fprintln(tw, strings.TrimRight(strings.Join(row, "\t"), "\t"))
	}
	return tw.Flush()
}

// JUnit XML, the subset CI systems read (Jenkins, GitLab, GitHub test
// reporters): testsuites > testsuite > testcase > failure.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Failure   *junitFailure `xml:"failure"`
}

// junitFailure is a failing or unknown intent: Type says which.
type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func junitReport(rs []intentResult) junitSuites {
	out := junitSuites{Name: "netverify check"}
	for _, r := range rs {
		if len(out.Suites) == 0 || out.Suites[len(out.Suites)-1].Name != r.input {
			out.Suites = append(out.Suites, junitSuite{Name: r.input})
		}
		s := &out.Suites[len(out.Suites)-1]
		c := junitCase{Name: r.Intent, ClassName: "netverify." + r.Kind, File: r.pos.File, Line: r.pos.Line}
		if !r.Pass {
			text := r.details()
			if r.Source != "" {
				text = "at " + r.Source + "\n" + text
			}
			c.Failure = &junitFailure{Message: r.Status + ": " + r.Got, Type: r.Status, Text: text}
			s.Failures++
			out.Failures++
		}
		s.Tests++
		out.Tests++
		s.Cases = append(s.Cases, c)
	}
	return out
}

func writeJUnit(w io.Writer, rs []intentResult) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(junitReport(rs)); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// writeGitHub prints GitHub Actions workflow commands: an error annotation
// at the intent's line for each failing intent, a warning for each unknown
// one (both make the exit code 1), and the passing ones as plain lines.
func writeGitHub(w io.Writer, rs []intentResult) {
	for _, r := range rs {
		if r.Pass {
			fmt.Fprintf(w, "PASS  %s: %s\n", r.Intent, r.Got)
			continue
		}
		level := "error"
		if r.Status == statusUnknown {
			level = "warning"
		}
		var props []string
		if r.pos.File != "" {
			props = append(props, "file="+ghProperty(r.pos.File))
			if r.pos.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", r.pos.Line))
			}
			if r.pos.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", r.pos.Col))
			}
		}
		props = append(props, "title="+ghProperty("netverify: "+r.Intent))
		msg := mark(r.Status) + ": " + r.Got
		if d := strings.TrimSpace(r.details()); d != "" {
			msg += "\n" + d
		}
		fmt.Fprintf(w, "::%s %s::%s\n", level, strings.Join(props, ","), ghData(msg))
	}
}

// ghData escapes a workflow command's message (GitHub's toolkit escapeData).
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value (escapeProperty).
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
