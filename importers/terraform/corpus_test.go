package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"

	"github.com/netverify/netverify/internal/testcorpus"
)

// rejected are the corpus files that really are unusable, with what the
// error must say.
var rejected = map[string]string{
	"inframap-tfstate/version_3_state.json": "state format version 3 is not supported",
}

// TestCorpusImports: every state and plan imports with no error diagnostic
// (issue 7 acceptance), after model.Derive and model.Validate as the loader runs them; the malformed ones are
// rejected with a sentence.
func TestCorpusImports(t *testing.T) {
	root := testcorpus.Dir(t, "terraform")
	n := 0
	err := filepath.WalkDir(root, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || !(strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".tfstate")) {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		n++
		t.Run(rel, func(t *testing.T) {
			data, _ := os.ReadFile(path)
			if !Detect(data) {
				t.Fatalf("Detect = false")
			}
			s, ds, err := LoadFile(path)
			if want, bad := rejected[rel]; bad {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Fatalf("want rejection containing %q, got %v", want, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("rejected: %v", err)
			}
			ds = append(ds, model.Derive(s)...)
			ds = append(ds, model.Validate(s)...)
			for _, d := range ds {
				if d.Severity == model.SevError {
					t.Errorf("%s", d)
				}
			}
		})
		return nil
	})
	if err != nil || n < 40 {
		t.Fatalf("walked %d files (err %v); the corpus has more than 40", n, err)
	}
}
