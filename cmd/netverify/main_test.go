package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run the real netverify binary entry point.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"netverify": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI end to end: testdata/script/*.txtar.
// Scripts can read the shared corpus through $CORPUS (skip when it is absent).
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
		Setup: func(env *testscript.Env) error {
			if c := corpusDir(); c != "" {
				env.Setenv("CORPUS", c)
			}
			repo, _ := filepath.Abs("../..")
			env.Setenv("REPO", repo)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "corpus" {
				return corpusDir() != "", nil
			}
			return false, nil
		},
	})
}

// corpusDir finds ../shared/corpus beside the repository, or "".
func corpusDir() string {
	dir, _ := filepath.Abs(".")
	for i := 0; i < 6; i++ {
		c := filepath.Join(dir, "shared", "corpus")
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			return c
		}
		dir = filepath.Dir(dir)
	}
	return ""
}
