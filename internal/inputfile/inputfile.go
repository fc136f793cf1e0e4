// Package inputfile opens the files netverify reads as input, under the
// limits of the README's "Limits" section: only regular files are read (a
// FIFO would block forever, /dev/zero never ends), a file's size is bounded
// while it is read rather than trusted from stat (which says 0 for devices
// and can change under the reader), and directory walks are bounded in
// entries and depth.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxSize is the most one input file may hold: a describe-JSON file of a
// very large estate stays far below it (1,000 VPCs written one file per
// account and Region: under 1 MiB each), and a file at the limit loads in
// under 512 MiB.
const MaxSize = 256 << 20

// NotRegularError is a path that names something other than a regular file
// or directory: a FIFO, a device or a socket.
type NotRegularError struct {
	Path string
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file; netverify reads only regular files and directories", e.Path, Kind(e.Mode))
}

// TooLargeError is a file that holds more than the limit.
type TooLargeError struct {
	Path  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s holds more than %s; netverify reads input files up to %s", e.Path, size(e.Limit), size(e.Limit))
}

func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Kind names what a non-regular mode is, for messages.
func Kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return "not a regular file"
}

// Open opens path for reading if it is a regular file (symbolic links
// followed). It never blocks on a FIFO: the file is opened non-blocking
// where the system allows it and checked again once open.
func Open(path string) (*os.File, error) {
	if st, err := os.Stat(path); err != nil {
		return nil, err
	} else if !st.Mode().IsRegular() {
		return nil, &NotRegularError{path, st.Mode()}
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err == nil && !st.Mode().IsRegular() { // swapped between the two looks
		err = &NotRegularError{path, st.Mode()}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// Read returns the content of the regular file at path, or a *TooLargeError
// once it has read more than limit bytes.
func Read(path string, limit int64) ([]byte, error) {
	var buf []byte
	return ReadInto(path, limit, &buf)
}

// ReadInto is Read into *buf, which it grows as needed and keeps for reuse.
func ReadInto(path string, limit int64, buf *[]byte) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hint := int64(0)
	if st, err := f.Stat(); err == nil && st.Size() > limit { // stat can say less (a growing file), never more
		return nil, &TooLargeError{path, limit}
	} else if err == nil {
		hint = st.Size()
	}
	b, err := readLimited(f, limit, hint, (*buf)[:0])
	if b != nil {
		*buf = b
	}
	var tl *TooLargeError
	if errors.As(err, &tl) {
		tl.Path = path
	}
	return b, err
}

// readLimited appends what r holds to b (grown to hint+1 bytes first), or
// fails once it has read more than limit bytes, whatever hint said.
func readLimited(r io.Reader, limit, hint int64, b []byte) ([]byte, error) {
	if int64(cap(b)) < hint+1 {
		b = make([]byte, 0, hint+512)
	}
	r = io.LimitReader(r, limit+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return nil, &TooLargeError{Limit: limit}
		}
		if errors.Is(err, io.EOF) {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// Head returns up to n bytes from the start of the regular file at path.
func Head(path string, n int) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	k, err := io.ReadFull(f, buf)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = nil
	}
	return buf[:k], err
}
