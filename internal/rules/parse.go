// Package rules reads the rule reference (docs/RULES.md and any
// docs/rules-*.md, embedded by package docs) and finds a rule (R9.7, R9.5b)
// or scenario (S5, S21a) by the number answers and tests cite, as plain
// text for a terminal or as JSON.
package rules

import (
	"regexp"
	"strings"
)

// Entry is one rule or scenario of the reference.
type Entry struct {
	ID       string   `json:"id"`              // "R9.7", "S1a"
	Title    string   `json:"title,omitempty"` // a rule's headline; scenarios have none
	Section  string   `json:"section"`         // "9. API Gateway endpoint types and private APIs"
	Text     []string `json:"text"`            // paragraphs, Markdown links removed
	AWS      []Page   `json:"aws,omitempty"`   // the AWS documentation the rule follows
	Parent   string   `json:"parent,omitempty"`
	Variants []string `json:"variants,omitempty"` // a scenario's variants (S1a, S1b...)
	File     string   `json:"file"`               // "docs/RULES.md"
	Anchor   string   `json:"anchor"`             // "r9-7"
}

// Link is where the entry is on GitHub-style Markdown: docs/RULES.md#r9-7.
func (e Entry) Link() string { return e.File + "#" + e.Anchor }

// Page is an AWS documentation page.
type Page struct {
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

var (
	sectionLine = regexp.MustCompile(`^## <a id="[^"]*"></a>(.*)$`)
	ruleLine    = regexp.MustCompile(`^### <a id="([^"]*)"></a>(R\d+\.\d+[a-z]?)\s*(.*)$`)
	scenLine    = regexp.MustCompile(`^(\s*)- <a id="([^"]*)"></a>\*\*(S\d+[a-z]?)\*\*\s*(.*)$`)
	refDef      = regexp.MustCompile(`^\[([^\]]+)\]:\s*(\S+)\s*$`)
	refLink     = regexp.MustCompile(`\[([^\]]+)\]\[([^\]]+)\]`)
	anchorLink  = regexp.MustCompile(`\[([^\]]+)\]\((#[^)]*|[^)]*)\)`)
)

// Parse reads one rule file (file is its name for links, "docs/RULES.md")
// and returns its entries in order. Lines that are neither a section
// heading, a rule heading, a scenario item nor a rule's paragraph are
// ignored; internal/meta checks the format.
func Parse(file, text string) []Entry {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	refs := map[string]string{}
	for _, l := range lines {
		if m := refDef.FindStringSubmatch(l); m != nil {
			refs[strings.ToLower(m[1])] = m[2]
		}
	}
	var out []Entry
	section, inRule, parent := "", false, -1
	for _, l := range lines {
		switch {
		case sectionLine.MatchString(l):
			section, inRule, parent = plain(sectionLine.FindStringSubmatch(l)[1]), false, -1
		case ruleLine.MatchString(l):
			m := ruleLine.FindStringSubmatch(l)
			out = append(out, Entry{ID: m[2], Title: plain(m[3]), Section: section, File: file, Anchor: m[1]})
			inRule = true
		case scenLine.MatchString(l):
			m := scenLine.FindStringSubmatch(l)
			e := Entry{ID: m[3], Section: section, Text: []string{plain(m[4])}, File: file, Anchor: m[2]}
			if m[1] != "" && parent >= 0 {
				e.Parent = out[parent].ID
				out[parent].Variants = append(out[parent].Variants, e.ID)
			} else {
				parent = len(out)
			}
			out = append(out, e)
			inRule = false
		case strings.HasPrefix(l, "#"):
			inRule = false
		case inRule && strings.TrimSpace(l) != "":
			addParagraph(&out[len(out)-1], l, refs)
		}
	}
	return out
}

// addParagraph adds a line of a rule's body: its AWS pages, or text.
func addParagraph(e *Entry, line string, refs map[string]string) {
	if rest, ok := strings.CutPrefix(line, "**AWS:**"); ok && refLink.MatchString(rest) {
		for _, m := range refLink.FindAllStringSubmatch(rest, -1) {
			e.AWS = append(e.AWS, Page{Title: m[1], URL: refs[strings.ToLower(m[2])]})
		}
		return
	}
	e.Text = append(e.Text, plain(line))
}

// plain removes Markdown links and bold marks: "[R2.3](#r2-3)" -> "R2.3".
func plain(s string) string {
	s = anchorLink.ReplaceAllString(s, "$1")
	s = refLink.ReplaceAllString(s, "$1")
	return strings.TrimSpace(strings.ReplaceAll(s, "**", ""))
}
