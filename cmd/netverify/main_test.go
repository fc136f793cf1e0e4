package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/netverify/netverify/internal/testcorpus"
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
			if c := testcorpus.Find(); c != "" {
				env.Setenv("CORPUS", c)
			}
			repo, _ := filepath.Abs("../..")
			env.Setenv("REPO", repo)
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
		},
		Condition: func(cond string) (bool, error) {
			if cond == "corpus" {
				return testcorpus.Find() != "", nil
			}
			return false, nil
		},
	})
}

// cmdExitCode runs "exitcode N program args..." and fails unless the program
// exits with code N; stdout and stderr are kept for later stdout/stderr checks.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		ts.Fatalf("exitcode: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}
