// Package testcorpus finds ../shared/corpus, the real third-party inputs that
// tests import (describe-JSON, templates, Terraform, lab probes). CI clones the
// repository with shared/ beside it; elsewhere corpus tests skip.
package testcorpus

import (
	"os"
	"path/filepath"
	"testing"
)

// Find returns the corpus directory found by walking up from the working
// directory (shared/corpus beside the repository), or "" when there is none.
func Find() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		c := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Dir returns the corpus directory joined with sub, or skips the test with a
// message saying what is missing.
func Dir(t testing.TB, sub ...string) string {
	t.Helper()
	c := Find()
	if c != "" {
		p := filepath.Join(append([]string{c}, sub...)...)
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return p
		}
	}
	t.Skip("shared/corpus/" + filepath.Join(sub...) + " not found beside the repository; corpus tests skipped")
	return ""
}
