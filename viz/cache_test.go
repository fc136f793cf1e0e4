package viz

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestCacheIsPerUser (issue 24): go-graphviz's compiled WebAssembly lives in
// this user's cache directory (os.UserCacheDir()/netverify/graphviz), never
// in the shared /tmp/go-graphviz, and the process's TMPDIR is as it started.
func TestCacheIsPerUser(t *testing.T) {
	dir, why := CacheDir()
	base, err := os.UserCacheDir()
	if err != nil {
		if dir != "" {
			t.Fatalf("no user cache directory (%v), yet the cache is %s", err, dir)
		}
		t.Skip("no user cache directory here:", err)
	}
	if want := filepath.Join(base, "netverify", "graphviz"); dir != want {
		t.Fatalf("cache %q (%s), want %q", dir, why, want)
	}
	st, err := os.Stat(filepath.Join(dir, "go-graphviz"))
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("cache directory: %v, mode %v; want 0700", err, st.Mode().Perm())
	}
	if strings.HasPrefix(os.TempDir(), dir) {
		t.Errorf("TMPDIR %q still points at the cache", os.TempDir())
	}
	var out bytes.Buffer
	if err := RenderSVG(&out, []byte("digraph { a -> b }")); err != nil || !bytes.Contains(out.Bytes(), []byte("<svg")) {
		t.Fatalf("render: %v", err)
	}
}

// TestTwoUsers (issue 24): where the test runs as root and the user nobody
// exists, the built command runs as root and then as nobody, each with its
// own cache, while a /tmp/go-graphviz owned by root (what made every
// command of a second user panic) sits in the shared temporary directory.
func TestTwoUsers(t *testing.T) {
	if runtime.GOOS != "linux" || os.Getuid() != 0 {
		t.Skip("needs root on Linux to run a command as a second user")
	}
	if testing.Short() {
		t.Skip("builds the command")
	}
	const nobody = 65534
	top, err := os.MkdirTemp("", "gvusers")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(top) })
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.Chmod(top, 0o755))
	bin := filepath.Join(top, "netverify")
	build := exec.Command("go", "build", "-o", bin, "github.com/netverify/netverify/cmd/netverify")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	shared := filepath.Join(top, "tmp")
	must(os.MkdirAll(filepath.Join(shared, "go-graphviz"), 0o755)) // root's, not writable by nobody
	must(os.Chmod(shared, 0o1777))
	for _, u := range []struct {
		name string
		uid  uint32
	}{{"root", 0}, {"nobody", nobody}} {
		home := filepath.Join(top, u.name)
		must(os.Mkdir(home, 0o700))
		must(os.Chown(home, int(u.uid), int(u.uid)))
		cmd := exec.Command(bin, "diagram", "--out", filepath.Join(home, "net.svg"))
		cmd.Env = []string{"HOME=" + home, "TMPDIR=" + shared, "PATH=/usr/bin:/bin"}
		cmd.Dir = home
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: u.uid, Gid: u.uid}}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", u.name, err, out)
		}
		cache := filepath.Join(home, ".cache", "netverify", "graphviz", "go-graphviz")
		st, err := os.Stat(cache)
		if err != nil {
			t.Fatalf("%s: no cache of its own: %v", u.name, err)
		}
		if sys := st.Sys().(*syscall.Stat_t); sys.Uid != u.uid || st.Mode().Perm() != 0o700 {
			t.Errorf("%s: cache owned by %d, mode %v", u.name, sys.Uid, st.Mode().Perm())
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(shared, "go-graphviz")); len(entries) != 0 {
		t.Errorf("the shared /tmp/go-graphviz was used: %v", entries)
	}
}
