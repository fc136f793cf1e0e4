package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// The question box's WebAssembly is built when a report asks for it, with
// the Go toolchain on PATH, from the sources this binary was compiled from
// (the module's directory, or its copy in the module cache after go
// install), and kept in the user cache directory under a key of this
// binary, so a second report costs nothing. Committing a prebuilt module
// would put a 10 MB binary in the repository for each change of the
// solver; embedding one in netverify would double its size for a feature
// one command uses.

// wasmPackage is the WebAssembly entry of the question box.
const wasmPackage = "./cmd/netverify/internal/wasmask"

// envWASM names a prebuilt question-box module to use instead of building one.
const envWASM = "NETVERIFY_REPORT_WASM"

// boxCache keeps the module once read, for the reports of one process (tests).
var boxCache struct {
	sync.Mutex
	wasm, exec []byte
}

// questionBoxWASM returns the WebAssembly module and Go's wasm_exec.js.
func questionBoxWASM() (wasm, wasmExec []byte, err error) {
	boxCache.Lock()
	defer boxCache.Unlock()
	if boxCache.wasm != nil && os.Getenv(envWASM) == "" {
		return boxCache.wasm, boxCache.exec, nil
	}
	wasm, wasmExec, err = loadBoxWASM()
	if err == nil {
		boxCache.wasm, boxCache.exec = wasm, wasmExec
	}
	return wasm, wasmExec, err
}

// loadBoxWASM reads the cached module, building it first when needed.
func loadBoxWASM() (wasm, wasmExec []byte, err error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return nil, nil, usageErr("report: the question box runs the solver as WebAssembly, which netverify builds with the Go toolchain, and there is no go on PATH: install Go %s or later, or give --no-question-box", strings.TrimPrefix(runtime.Version(), "go"))
	}
	goroot, err := goEnv(goBin, "GOROOT")
	if err != nil {
		return nil, nil, err
	}
	if wasmExec, err = readWasmExec(goroot); err != nil {
		return nil, nil, err
	}
	if p := os.Getenv(envWASM); p != "" {
		wasm, err = os.ReadFile(p)
		if err != nil {
			return nil, nil, usageErr("%s: %v", envWASM, err)
		}
		return wasm, wasmExec, nil
	}
	cached, err := wasmCachePath(goBin)
	if err != nil {
		return nil, nil, err
	}
	if wasm, err = os.ReadFile(cached); err == nil {
		return wasm, wasmExec, nil
	}
	if err := buildWASM(goBin, cached); err != nil {
		return nil, nil, err
	}
	wasm, err = os.ReadFile(cached)
	return wasm, wasmExec, err
}

func goEnv(goBin, key string) (string, error) {
	out, err := exec.Command(goBin, "env", key).Output()
	if err != nil {
		return "", fmt.Errorf("report: go env %s: %v", key, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// readWasmExec reads the JavaScript half of Go's WebAssembly port (lib/wasm
// since Go 1.24, misc/wasm before).
func readWasmExec(goroot string) ([]byte, error) {
	for _, dir := range []string{"lib/wasm", "misc/wasm"} {
		if b, err := os.ReadFile(filepath.Join(goroot, dir, "wasm_exec.js")); err == nil {
			return b, nil
		}
	}
	return nil, usageErr("report: the Go toolchain at %s has no lib/wasm/wasm_exec.js: the question box needs it (or give --no-question-box)", goroot)
}

// wasmCachePath is where the module built for this binary and toolchain is kept.
func wasmCachePath(goBin string) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	h := sha256.New()
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			_, _ = io.Copy(h, f)
			f.Close()
		}
	}
	v, _ := exec.Command(goBin, "version").Output()
	h.Write(v)
	return filepath.Join(dir, "netverify", "report-wasm", hex.EncodeToString(h.Sum(nil))[:24]+".wasm"), nil
}

// buildWASM compiles the question box to out.
func buildWASM(goBin, out string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp := out + ".tmp"
	cmd := exec.Command(goBin, "build", "-trimpath", "-ldflags=-s -w", "-o", tmp, wasmPackage)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("report: building the question box (GOOS=js GOARCH=wasm go build %s in %s): %v\n%s", wasmPackage, root, err, stderr.String())
	}
	return os.Rename(tmp, out)
}

// moduleRoot finds the netverify sources this binary was compiled from.
func moduleRoot() (string, error) {
	_, file, _, ok := runtime.Caller(0)
	if ok && filepath.IsAbs(file) {
		for dir := filepath.Dir(file); ; dir = filepath.Dir(dir) {
			if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
				if strings.Contains(string(b), "module github.com/netverify/netverify\n") {
					return dir, nil
				}
				break
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return "", usageErr("report: the netverify sources this binary was built from are not on this machine (built with -trimpath, or the module cache was cleaned), and the question box is built from them: build netverify from its sources, set %s to a module built with GOOS=js GOARCH=wasm go build %s, or give --no-question-box", envWASM, wasmPackage)
}
