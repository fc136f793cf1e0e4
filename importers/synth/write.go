package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// writer streams files under root and counts what it wrote.
type writer struct {
	root  string
	files int
	bytes int64
}

// countingWriter counts bytes on their way to the buffered file.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// listFile is one describe-* output being written: {"Key": [ item, ... ]}.
type listFile struct {
	f     *os.File
	buf   *bufio.Writer
	cw    *countingWriter
	count int
	err   error
}

// open starts DIR/<account>/<region>/<key>.json with the one-space indent of
// the Batfish collector's files.
func (w *writer) open(account, region, key string) (*listFile, error) {
	dir := filepath.Join(w.root, account, region)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	f, err := os.Create(filepath.Join(dir, key+".json"))
	if err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	buf := bufio.NewWriterSize(f, 64<<10)
	lf := &listFile{f: f, buf: buf, cw: &countingWriter{w: buf}}
	_, lf.err = fmt.Fprintf(lf.cw, "{\n %q: [", key)
	return lf, nil
}

// add appends one item; errors are kept and reported by close.
func (lf *listFile) add(v any) {
	if lf.err != nil {
		return
	}
	b, err := json.MarshalIndent(v, "  ", " ")
	if err != nil {
		lf.err = err
		return
	}
	sep := "\n  "
	if lf.count > 0 {
		sep = ",\n  "
	}
	lf.count++
	if _, err := io.WriteString(lf.cw, sep); err != nil {
		lf.err = err
		return
	}
	_, lf.err = lf.cw.Write(b)
}

func (w *writer) close(lf *listFile) error {
	tail := "\n ]\n}\n"
	if lf.count == 0 {
		tail = "]\n}\n"
	}
	if lf.err == nil {
		_, lf.err = io.WriteString(lf.cw, tail)
	}
	if lf.err == nil {
		lf.err = lf.buf.Flush()
	}
	if err := lf.f.Close(); lf.err == nil {
		lf.err = err
	}
	if lf.err != nil {
		return fmt.Errorf("synth: %s: %w", lf.f.Name(), lf.err)
	}
	w.files++
	w.bytes += lf.cw.n
	return nil
}

// writeList writes one file from a slice.
func writeList[T any](w *writer, account, region, key string, items []T) error {
	lf, err := w.open(account, region, key)
	if err != nil {
		return err
	}
	for i := range items {
		lf.add(&items[i])
	}
	return w.close(lf)
}

// writeEach writes one file whose items come from every VPC of an account,
// so per-VPC slices are never concatenated.
func writeEach(w *writer, account, region, key string, vpcs []*vpcOut, each func(v *vpcOut, add func(any))) error {
	lf, err := w.open(account, region, key)
	if err != nil {
		return err
	}
	for _, v := range vpcs {
		each(v, lf.add)
	}
	return w.close(lf)
}
