package meta

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// citation matches a rule (R9.7, R9.5b) or scenario (S5, S21a) number
// wherever the code base cites one: answers print "[R9.7]", messages
// "(R2.12)", tests "S5".
var citation = regexp.MustCompile(`\b(R\d+\.\d+[a-z]?|S\d+[a-z]?)\b`)

// definition matches where docs/RULES.md (or a docs/rules-*.md) defines a
// rule or scenario: an anchor followed by the number, in a heading
// ("### <a id="r9-7"></a>R9.7 ...") or a list item ("- <a id="s5"></a>**S5** ...").
var definition = regexp.MustCompile(`<a id="([^"]*)"></a>\**(R\d+\.\d+[a-z]?|S\d+[a-z]?)\b`)

// ignoreMark on a line (a trailing comment) exempts it: a test that needs a
// number the reference does not define (an unknown rule for explain, a
// fixture of a further rule file) says so.
const ignoreMark = "rules:ignore"

var anchorTag = regexp.MustCompile(`<a id="([^"]*)"></a>`)

var sameFileLink = regexp.MustCompile(`\]\(#([^)]*)\)`)

// citingFile reports whether a file may cite rules: Go sources and tests,
// testscripts, scenario files and Markdown (READMEs, the rule files).
func citingFile(name string) bool {
	switch filepath.Ext(name) {
	case ".go", ".txtar", ".md", ".yaml", ".yml":
		return true
	}
	return false
}

// ruleFile reports whether rel (slash-separated, from the repository root)
// is one of the files that define rules.
func ruleFile(rel string) bool {
	dir, base := filepath.Split(rel)
	return dir == "docs/" && (base == "RULES.md" || strings.HasPrefix(base, "rules-") && strings.HasSuffix(base, ".md"))
}

type place struct {
	file string
	line int
}

func (p place) String() string { return fmt.Sprintf("%s:%d", p.file, p.line) }

// ruleAnchor is the anchor of a rule or scenario: "R9.5b" -> "r9-5b".
func ruleAnchor(id string) string { return strings.ToLower(strings.ReplaceAll(id, ".", "-")) }

// scanRepo walks the repository and returns every citation (with the
// places it occurs) and the text of every rule file.
func scanRepo(t *testing.T) (cited map[string][]place, ruleFiles map[string]string) {
	t.Helper()
	root, _ := filepath.Abs("../..")
	cited, ruleFiles = map[string][]place{}, map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "bin" || d.Name() == "tmp") {
				return filepath.SkipDir
			}
			return nil
		}
		if !citingFile(d.Name()) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if ruleFile(rel) {
			ruleFiles[rel] = string(src)
		}
		for i, line := range strings.Split(string(src), "\n") {
			if strings.Contains(line, ignoreMark) {
				continue
			}
			for _, m := range citation.FindAllString(line, -1) {
				cited[m] = append(cited[m], place{rel, i + 1})
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ruleFiles["docs/RULES.md"]; !ok {
		t.Fatal("docs/RULES.md is missing")
	}
	return cited, ruleFiles
}

// definitions returns every rule and scenario the rule files define, with
// where, and reports duplicates and anchors that do not fit the number.
func definitions(t *testing.T, ruleFiles map[string]string) map[string]place {
	t.Helper()
	defined := map[string]place{}
	for _, name := range sortedKeys(ruleFiles) {
		for i, line := range strings.Split(ruleFiles[name], "\n") {
			for _, m := range definition.FindAllStringSubmatch(line, -1) {
				anchor, id := m[1], m[2]
				here := place{name, i + 1}
				if want := ruleAnchor(id); anchor != want {
					t.Errorf("%s: %s has anchor %q; it must be %q so that %s#%s links to it", here, id, anchor, want, name, want)
				}
				if prev, ok := defined[id]; ok {
					t.Errorf("%s: %s is defined twice (first at %s)", here, id, prev)
					continue
				}
				defined[id] = here
			}
		}
	}
	return defined
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestEveryCitedRuleIsDefined: a user who reads "[R9.7]" in an answer, or a
// rule or scenario number in a test, a testscript, a scenario file or a
// README, finds it explained in docs/RULES.md or a docs/rules-*.md.
func TestEveryCitedRuleIsDefined(t *testing.T) {
	cited, ruleFiles := scanRepo(t)
	defined := definitions(t, ruleFiles)
	for _, id := range sortedKeys(cited) {
		if _, ok := defined[id]; ok {
			continue
		}
		at := cited[id]
		where := make([]string, 0, 3)
		for _, p := range at[:min(len(at), 3)] {
			where = append(where, p.String())
		}
		more := ""
		if len(at) > 3 {
			more = fmt.Sprintf(" and %d more", len(at)-3)
		}
		t.Errorf("%s is cited at %s%s but defined in no rule file (docs/RULES.md, docs/rules-*.md): add `<a id=%q></a>%s` with its statement",
			id, strings.Join(where, ", "), more, ruleAnchor(id), id)
	}
	if len(defined) < 150 {
		t.Errorf("the rule files define %d rules and scenarios; docs/RULES.md alone defines more than 150 (is the definition format still `<a id=\"r9-7\"></a>R9.7`?)", len(defined))
	}
}

// TestRuleAnchorsAreUnique: every anchor of a rule file is unique in it, so
// that docs/RULES.md#r9-7 leads to exactly one place, and every link inside
// a rule file to "#anchor" has its target.
func TestRuleAnchorsAreUnique(t *testing.T) {
	_, ruleFiles := scanRepo(t)
	definitions(t, ruleFiles)
	for _, name := range sortedKeys(ruleFiles) {
		anchors := map[string]int{}
		lines := strings.Split(ruleFiles[name], "\n")
		for i, line := range lines {
			for _, m := range anchorTag.FindAllStringSubmatch(line, -1) {
				if prev, ok := anchors[m[1]]; ok {
					t.Errorf("%s:%d: anchor %q already used at line %d", name, i+1, m[1], prev)
					continue
				}
				anchors[m[1]] = i + 1
			}
		}
		for i, line := range lines {
			for _, m := range sameFileLink.FindAllStringSubmatch(line, -1) {
				if _, ok := anchors[m[1]]; !ok {
					t.Errorf("%s:%d: link to #%s, which no anchor of %s defines", name, i+1, m[1], name)
				}
			}
		}
	}
}
