package rules

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/netverify/netverify/docs"
)

// reference is the parsed rule reference of the binary.
var reference = sync.OnceValue(func() []Entry { return FromFS(docs.Files, "docs") })

// FromFS parses the rule files of fsys: RULES.md first, then rules-*.md in
// name order. dir is the directory the files are linked under ("docs").
func FromFS(fsys fs.FS, dir string) []Entry {
	names, _ := fs.Glob(fsys, "rules-*.md")
	sort.Strings(names)
	var out []Entry
	for _, n := range append([]string{"RULES.md"}, names...) {
		if b, err := fs.ReadFile(fsys, n); err == nil {
			out = append(out, Parse(path.Join(dir, n), string(b))...)
		}
	}
	return out
}

// All returns every rule and scenario of the reference, in its order.
func All() []Entry { return reference() }

var idForm = regexp.MustCompile(`^(?i)([rs])(\d+)(?:[.-](\d+))?(?:\(?([a-z])\)?)?$`)

// Normalize turns the ways a user may write a number into the reference's
// form: "r9.7", "R9-7" and "R9.7" are R9.7; "R9.5(b)" is R9.5b; "s21A" is
// S21a. It fails on anything else, and on a rule without its second number.
func Normalize(s string) (string, error) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "#"); i >= 0 { // docs/RULES.md#r9-7
		s = s[i+1:]
	}
	m := idForm.FindStringSubmatch(s)
	if m == nil || strings.EqualFold(m[1], "r") && m[3] == "" || strings.EqualFold(m[1], "s") && m[3] != "" {
		return "", fmt.Errorf("%q is not a rule or scenario number (R9.7, R9.5b, S5, S21a)", s)
	}
	id := strings.ToUpper(m[1]) + m[2]
	if m[3] != "" {
		id += "." + m[3]
	}
	return id + strings.ToLower(m[4]), nil
}

// Lookup finds a rule or scenario by any form Normalize accepts. An unknown
// number fails with what the reference has nearby.
func Lookup(s string) (Entry, error) {
	id, err := Normalize(s)
	if err != nil {
		return Entry{}, err
	}
	return find(All(), id)
}

func find(all []Entry, id string) (Entry, error) {
	for _, e := range all {
		if e.ID == id {
			return e, nil
		}
	}
	return Entry{}, fmt.Errorf("%s is not defined in the rule reference (docs/RULES.md)%s", id, nearby(all, id))
}

// nearby names the first and last rule of id's section, or the first and
// last scenario, for an unknown id.
func nearby(all []Entry, id string) string {
	prefix, kind, has := "S", "the scenarios", "are"
	if sec, _, ok := strings.Cut(id, "."); ok {
		prefix, kind, has = sec+".", "section "+strings.TrimPrefix(sec, "R"), "has"
	}
	var ids []string
	for _, e := range all {
		if strings.HasPrefix(e.ID, prefix) {
			ids = append(ids, e.ID)
		}
	}
	if len(ids) == 0 {
		return "; there is no " + kind
	}
	return fmt.Sprintf("; %s %s %s to %s (`netverify explain` lists them all)", kind, has, ids[0], ids[len(ids)-1])
}
