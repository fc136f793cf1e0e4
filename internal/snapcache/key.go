package snapcache

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/netverify/netverify/internal/inputfile"
)

// Inputs are everything a load depends on: the sources in their overlay
// order, the settings that change what the importers produce, and the
// netverify build that reads them (a new binary never reads an old entry).
type Inputs struct {
	Sources []string          // --in, in order; example:NAME is built into the binary
	Format  string            // --input-format
	Params  map[string]string // --param
	Build   string            // see BuildID
}

// fileStat is what the key records of one input file. A file's content
// changes only with its modification and change times (the change time
// cannot be set back by a user), so a stat that is the same as the
// entry's is the same content, except for a file written within
// racyWindow of the entry (see racy).
type fileStat struct {
	Path         string
	Size         int64
	ModNS, ChgNS int64
	Dev, Ino     uint64
	Mode         uint32
}

// racyWindow is how close to the load a file's times may be for its stat
// to be trusted: file times come from a coarse kernel clock, so a file
// rewritten in the same tick as the load that read it keeps its times.
const racyWindow = 2 * time.Second

// fingerprint is the key of a set of inputs and the files it covers.
type fingerprint struct {
	key   [32]byte
	files []fileStat
}

// errUncacheable is an input the cache does not key (a source that is
// missing or unreadable: the load reports it, uncached).
var errUncacheable = errors.New("snapcache: inputs not cacheable")

// fingerprintOf stats every file the sources can read. A directory source
// covers every regular file below it, whatever its name (the importers read
// *.json, a manifest and an incomplete-import marker; a new file anywhere
// changes the key).
func fingerprintOf(in Inputs) (fingerprint, error) {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		io.WriteString(h, s)
	}
	field(magic)
	field(in.Build)
	field("format=" + in.Format)
	names := make([]string, 0, len(in.Params))
	for k := range in.Params {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		field("param=" + k + "=" + in.Params[k])
	}
	var fp fingerprint
	for _, src := range in.Sources {
		field("source=" + src)
		if strings.HasPrefix(src, "example:") {
			if _, err := os.Stat(src); err != nil { // a file named "example:x" would be read instead
				continue
			}
		}
		files, err := statSource(src)
		if err != nil {
			return fp, errUncacheable
		}
		for _, f := range files {
			field(f.String())
		}
		fp.files = append(fp.files, files...)
	}
	copy(fp.key[:], h.Sum(nil))
	return fp, nil
}

// statSource stats a file source, or every file under a directory source.
func statSource(src string) ([]fileStat, error) {
	abs, err := filepath.Abs(src)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []fileStat{statOf(abs, st)}, nil
	}
	paths, skipped, err := inputfile.Walk(abs, func(string, fs.DirEntry) bool { return true })
	if err != nil {
		return nil, err
	}
	out := make([]fileStat, 0, len(paths)+len(skipped))
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		out = append(out, statOf(p, st))
	}
	for _, s := range skipped {
		out = append(out, fileStat{Path: s.Path, Mode: uint32(s.Mode)})
	}
	return out, nil
}

func statOf(path string, st fs.FileInfo) fileStat {
	f := fileStat{Path: path, Size: st.Size(), ModNS: st.ModTime().UnixNano(), Mode: uint32(st.Mode())}
	f.ChgNS, f.Dev, f.Ino = sysStat(st)
	return f
}

func (f fileStat) String() string {
	var b [48]byte
	binary.LittleEndian.PutUint64(b[0:], uint64(f.Size))
	binary.LittleEndian.PutUint64(b[8:], uint64(f.ModNS))
	binary.LittleEndian.PutUint64(b[16:], uint64(f.ChgNS))
	binary.LittleEndian.PutUint64(b[24:], f.Dev)
	binary.LittleEndian.PutUint64(b[32:], f.Ino)
	binary.LittleEndian.PutUint32(b[40:], f.Mode)
	return f.Path + "\x00" + string(b[:44])
}

// racy reports whether the file's times are too close to start for its
// stat to stand for its content.
func (f fileStat) racy(start time.Time) bool {
	edge := start.Add(-racyWindow).UnixNano()
	return f.ModNS >= edge || f.ChgNS >= edge
}

// contentSum is a file's content hash, for racy files.
type contentSum struct {
	Path string
	Sum  [32]byte
}

// sumFile hashes the content of the file at path.
func sumFile(path string) ([32]byte, error) {
	var sum [32]byte
	f, err := os.Open(path)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, io.LimitReader(f, inputfile.MaxSize+1)); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// racySums hashes the content of the racy files of fp.
func racySums(fp fingerprint, start time.Time) ([]contentSum, error) {
	var out []contentSum
	for _, f := range fp.files {
		if !fs.FileMode(f.Mode).IsRegular() || !f.racy(start) {
			continue
		}
		sum, err := sumFile(f.Path)
		if err != nil {
			return nil, err
		}
		out = append(out, contentSum{f.Path, sum})
	}
	return out, nil
}

// BuildID names the running netverify build: its version and its
// executable's identity (size and times), so a rebuilt binary of the same
// version does not read the entries of the previous one.
func BuildID(version string) string {
	exe, err := os.Executable()
	if err != nil {
		return version
	}
	st, err := os.Stat(exe)
	if err != nil {
		return version + "\x00" + exe
	}
	return version + "\x00" + statOf(exe, st).String()
}
