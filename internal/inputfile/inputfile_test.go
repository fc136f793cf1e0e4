//go:build unix

package inputfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func write(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

func fifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
}

// TestReadRegular: a regular file (and a link to one) reads whole.
func TestReadRegular(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.json")
	write(t, p, `{"Vpcs": []}`)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(p, link); err != nil {
		t.Skip(err)
	}
	for _, path := range []string{p, link} {
		if got, err := Read(path, 100); err != nil || string(got) != `{"Vpcs": []}` {
			t.Errorf("Read(%s) = %q, %v", path, got, err)
		}
	}
}

// TestReadFIFOFails (issue 24): a FIFO is refused at once, never waited on.
func TestReadFIFOFails(t *testing.T) {
	p := filepath.Join(t.TempDir(), "pipe.yaml")
	fifo(t, p)
	_, err := Read(p, MaxSize)
	var nr *NotRegularError
	if !errors.As(err, &nr) || !strings.Contains(err.Error(), "pipe.yaml is a FIFO") {
		t.Fatalf("got %v", err)
	}
	if _, err := Head(p, 10); !errors.As(err, &nr) {
		t.Fatalf("Head: got %v", err)
	}
}

// TestReadDeviceFails (issue 24): /dev/zero, whose stat says 0 bytes and
// which never ends, is refused as a device, directly or through a link.
func TestReadDeviceFails(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	link := filepath.Join(t.TempDir(), "Vpcs.json")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Skip(err)
	}
	for _, p := range []string{"/dev/zero", link} {
		_, err := Read(p, MaxSize)
		if !strings.Contains(fmtErr(err), "is a character device, not a regular file") {
			t.Errorf("Read(%s): got %v", p, err)
		}
	}
}

func fmtErr(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// TestLimitEnforcedWhileReading (issue 24): the limit counts the bytes read,
// not what stat says: a file one byte over it fails, one at it reads.
func TestLimitEnforcedWhileReading(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.json")
	write(t, p, strings.Repeat("x", 1025))
	_, err := Read(p, 1024)
	var tl *TooLargeError
	if !errors.As(err, &tl) || !strings.Contains(err.Error(), "more than 1024 bytes") {
		t.Fatalf("got %v", err)
	}
	if got, err := Read(p, 1025); err != nil || len(got) != 1025 {
		t.Fatalf("at the limit: %d bytes, %v", len(got), err)
	}
	// A source longer than its stat said (a file still growing) fails once
	// the bytes read pass the limit.
	if _, err := readLimited(endless{}, 1<<20, 0, nil); !errors.As(err, &tl) {
		t.Fatalf("endless: got %v", err)
	}
	// ReadInto with a large reused buffer still stops at the limit.
	buf := make([]byte, 0, 4096)
	if _, err := ReadInto(p, 1000, &buf); !errors.As(err, &tl) {
		t.Fatalf("ReadInto: got %v", err)
	}
}

// TestWalkSkipsNonRegular (issue 24): FIFOs and links to devices inside a
// directory are skipped and named; links to directories are not followed.
func TestWalkSkipsNonRegular(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "us-east-1", "Vpcs.json"), "{}")
	fifo(t, filepath.Join(dir, "us-east-1", "pipe.json"))
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.json")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "us-east-1", "loop.json")); err != nil {
		t.Fatal(err)
	}
	files, skipped, err := Walk(dir, func(p string, _ fs.DirEntry) bool { return strings.HasSuffix(p, ".json") })
	if err != nil || len(files) != 1 || filepath.Base(files[0]) != "Vpcs.json" {
		t.Fatalf("files %v, err %v", files, err)
	}
	var why []string
	for _, s := range skipped {
		why = append(why, s.Reason())
	}
	got := strings.Join(why, "\n")
	if len(skipped) != 2 || !strings.Contains(got, "pipe.json is a FIFO") || !strings.Contains(got, "zero.json is a character device") {
		t.Fatalf("skipped:\n%s", got)
	}
}

// TestWalkBounded: a walk stops with an error past its entry and depth limits.
func TestWalkBounded(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.json", "b.json", "c.json"} {
		write(t, filepath.Join(dir, n), "{}")
	}
	all := func(string, fs.DirEntry) bool { return true }
	var wl *WalkLimitError
	if _, _, err := walk(dir, all, 3, 5); !errors.As(err, &wl) || !strings.Contains(err.Error(), "more files and directories than 3") {
		t.Errorf("entries: got %v", err)
	}
	deep := filepath.Join(dir, "1", "2", "3")
	write(t, filepath.Join(deep, "d.json"), "{}")
	if _, _, err := walk(dir, all, 100, 2); !errors.As(err, &wl) || !strings.Contains(err.Error(), "deeper than 2") {
		t.Errorf("depth: got %v", err)
	}
	if files, _, err := walk(dir, all, 100, 3); err != nil || len(files) != 4 {
		t.Errorf("within the limits: %v, %v", files, err)
	}
}

// endless is a reader that never ends, like /dev/zero.
type endless struct{}

func (endless) Read(p []byte) (int, error) { return len(p), nil }
