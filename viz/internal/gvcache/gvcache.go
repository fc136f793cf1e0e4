// Package gvcache chooses where go-graphviz keeps its compiled WebAssembly.
//
// go-graphviz v0.2.9 compiles its WebAssembly in a package init function,
// before main runs, and caches the result in os.TempDir()/go-graphviz: one
// fixed directory shared by every local user. A second user's runs then
// panic (permission denied), and whoever creates the directory first
// supplies the compiled code everybody else runs. The library offers no
// setting, so this package, initialised just before it, points TMPDIR at a
// per-user directory for the length of that init: os.UserCacheDir()/
// netverify/graphviz (mode 0700, owned by the user), or at a path where no
// cache can be made when that directory is unsafe or NETVERIFY_NO_CACHE is
// set (every start then compiles again, about 1 s). Restore puts TMPDIR
// back; package viz calls it from its own init, which runs after the
// library's.
//
// Why this runs first: Go initialises packages in import-path order among
// those whose imports are ready. This package imports only packages the
// library's WebAssembly runtime (github.com/tetratelabs/wazero) imports too,
// so it is ready no later than the runtime, and github.com/netverify sorts
// before github.com/tetratelabs. TestChosenBeforeGraphviz checks the effect.
package gvcache

import (
	"os"
	"path/filepath"
)

// noCache is a TMPDIR under which the library can create no cache directory.
const noCache = "/dev/null"

var (
	// Dir is the directory whose go-graphviz subdirectory holds the cache, or
	// "" when there is none (and why in Reason).
	Dir, Reason string

	savedTMPDIR string
	hadTMPDIR   bool
)

func init() {
	savedTMPDIR, hadTMPDIR = os.LookupEnv("TMPDIR")
	Dir, Reason = choose()
	target := Dir
	if target == "" {
		target = noCache
	}
	os.Setenv("TMPDIR", target)
}

// Restore puts back the TMPDIR the process started with.
func Restore() {
	if hadTMPDIR {
		os.Setenv("TMPDIR", savedTMPDIR)
	} else {
		os.Unsetenv("TMPDIR")
	}
}

// choose returns the per-user cache directory, made if needed, or "" and why not.
func choose() (string, string) {
	if os.Getenv("NETVERIFY_NO_CACHE") != "" {
		return "", "NETVERIFY_NO_CACHE is set"
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err.Error()
	}
	dir := filepath.Join(base, "netverify", "graphviz")
	if err := os.MkdirAll(filepath.Join(dir, "go-graphviz"), 0o700); err != nil {
		return "", err.Error()
	}
	for _, d := range []string{filepath.Join(base, "netverify"), dir, filepath.Join(dir, "go-graphviz")} {
		if why := unsafeDir(d); why != "" {
			return "", why
		}
	}
	return dir, ""
}
