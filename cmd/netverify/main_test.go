package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	validator "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/netverify/netverify/internal/testcorpus"
)

// TestMain lets testscript run the real netverify binary entry point.
// In-process tests run without the snapshot cache (nothing is written to
// the user's cache directory); the scripts run with one in their $WORK, so
// every script that loads the same inputs twice also checks that a cached
// load answers as a fresh one does.
func TestMain(m *testing.M) {
	if os.Getenv(envCacheDir) == "" {
		os.Setenv(envNoCache, "1")
	}
	testscript.Main(m, map[string]func(){
		"netverify": netverifyChecked,
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
			env.Setenv("NETVERIFY_SCHEMA_DIR", filepath.Join(repo, "docs", "schema"))
			env.Setenv(envCacheDir, filepath.Join(env.WorkDir, ".tmp", "snapshots"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
			"damage":   cmdDamage,
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

// cmdDamage runs "damage flip|cut DIR": it flips a byte in the middle of
// every snapshot cache entry in DIR, or cuts its last byte off (the cache
// scripts check that no damaged entry is read).
func cmdDamage(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 || (args[0] != "flip" && args[0] != "cut") {
		ts.Fatalf("usage: damage flip|cut DIR")
	}
	files, _ := filepath.Glob(filepath.Join(ts.MkAbs(args[1]), "*.snap"))
	if len(files) == 0 {
		ts.Fatalf("damage: no entries in %s", args[1])
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		ts.Check(err)
		if args[0] == "flip" {
			data[len(data)/2] ^= 0xff
		} else {
			data = data[:len(data)-1]
		}
		ts.Check(os.WriteFile(f, data, 0o600))
	}
}

// netverifyChecked is the netverify of the CLI scripts: it runs the command
// and, when the command line asks for JSON, validates every document it
// prints against docs/schema/COMMAND.json (error.json for an error object);
// a document that does not match fails the script (exit 97).
func netverifyChecked() {
	args := os.Args[1:]
	var out bytes.Buffer
	code := run(args, &out, os.Stderr)
	_, _ = os.Stdout.Write(out.Bytes())
	if dir := os.Getenv("NETVERIFY_SCHEMA_DIR"); dir != "" && wantsJSON(args) {
		if err := validateContract(dir, args, out.Bytes()); err != nil {
			fmt.Fprintln(os.Stderr, "JSON contract violated:", err)
			os.Exit(97)
		}
	}
	os.Exit(code)
}

func validateContract(dir string, args []string, out []byte) error {
	name := ""
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			name = a
			break
		}
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return fmt.Errorf("stdout is not JSON: %v", err)
		}
		schema := name
		if bytes.HasPrefix(raw, []byte(`{"schemaVersion":"1","error":`)) {
			schema = "error"
		}
		file := filepath.Join(dir, schema+".json")
		if _, err := os.Stat(file); err != nil {
			return fmt.Errorf("no schema %s for %s --json", file, name)
		}
		c := validator.NewCompiler()
		sch, err := c.Compile(file)
		if err != nil {
			return err
		}
		v, err := validator.UnmarshalJSON(bytes.NewReader(raw))
		if err != nil {
			return err
		}
		if err := sch.Validate(v); err != nil {
			return fmt.Errorf("%s: %v\n%.400s", file, err, raw)
		}
	}
	return nil
}
