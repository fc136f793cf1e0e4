// Package snapcache keeps the result of a load (the merged, derived and
// validated model.Snapshot and its diagnostics) in a versioned binary file,
// so that the next command on unchanged inputs skips reading, decoding,
// deriving and validating them.
//
// An entry is keyed by the netverify build, the load settings (--input-format,
// --param), the sources in their overlay order, and every file under them:
// path, size, modification and change time, device and inode. A file whose
// times are within a moment of the load that wrote the entry is also keyed by
// its content (its stat cannot stand for it: file times come from a coarse
// clock). An entry that is truncated, altered or of another format is
// ignored and rewritten; entries are written to a temporary file and
// renamed into place, so a reader never sees half of one.
package snapcache

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/netverify/netverify/model"
)

// Cache is a directory of entries.
type Cache struct {
	Dir string
	// Trace, when not nil, receives one line per lookup: hit, miss or why
	// an entry was not used or written.
	Trace io.Writer
	// MaxEntries bounds how many entries the directory keeps; the least
	// recently used go first.
	MaxEntries int
}

// DefaultMaxEntries is MaxEntries when it is 0: an entry of a 1,000-VPC
// estate is about 45 MB.
const DefaultMaxEntries = 8

// DefaultDir is the user cache directory's netverify/snapshots.
func DefaultDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(base, "netverify", "snapshots"), nil
}

// Status says how a Load went.
type Status int

const (
	Miss   Status = iota // loaded, and the entry written
	Hit                  // read from the entry
	Bypass               // loaded without the cache (inputs not cacheable, or the load failed)
)

func (s Status) String() string { return [...]string{"miss", "hit", "bypass"}[s] }

// LoadFunc loads the inputs without the cache.
type LoadFunc func() (*model.Snapshot, model.Diagnostics, error)

// Load returns the snapshot and diagnostics of in: from its entry when
// there is a sound one, else from load, writing the entry. A failed load
// (an error) is never cached. The snapshot is in canonical form
// (Canonical) either way. Nothing about the cache itself is an error: a
// directory that cannot be written only means the next load pays again.
func (c *Cache) Load(in Inputs, load LoadFunc) (*model.Snapshot, model.Diagnostics, Status, error) {
	start := time.Now()
	fp, err := fingerprintOf(in)
	if err != nil {
		c.tracef("bypass: %v", err)
		snap, diags, err := load()
		canonical(snap)
		return snap, diags, Bypass, err
	}
	path := c.entryPath(fp.key)
	if snap, diags, err := c.read(path, fp.key); err == nil {
		c.tracef("hit %s", path)
		now := time.Now()
		_ = os.Chtimes(path, now, now) // most recently used
		return snap, diags, Hit, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		c.tracef("ignored %s: %v", path, err)
	}
	racy, rerr := racySums(fp, start)
	snap, diags, err := load()
	canonical(snap)
	if err != nil {
		c.tracef("bypass: the load failed")
		return snap, diags, Bypass, err
	}
	if rerr != nil {
		c.tracef("bypass: %v", rerr)
		return snap, diags, Bypass, nil
	}
	if after, err := fingerprintOf(in); err != nil || after.key != fp.key {
		c.tracef("not written: the inputs changed while they were read")
		return snap, diags, Miss, nil
	}
	if err := c.write(path, fp.key, racy, snap, diags); err != nil {
		c.tracef("not written: %v", err)
		return snap, diags, Miss, nil
	}
	c.tracef("miss: wrote %s", path)
	c.evict()
	return snap, diags, Miss, nil
}

func canonical(s *model.Snapshot) {
	if s != nil {
		Canonical(s)
	}
}

func (c *Cache) tracef(format string, args ...any) {
	if c.Trace != nil {
		fmt.Fprintf(c.Trace, "netverify: snapshot cache: "+format+"\n", args...)
	}
}

func (c *Cache) entryPath(key [32]byte) string {
	return filepath.Join(c.Dir, hex.EncodeToString(key[:16])+".snap")
}

// read decodes the entry at path, checking it was written for key and
// that its racy files still hold the content they held.
func (c *Cache) read(path string, key [32]byte) (*model.Snapshot, model.Diagnostics, error) {
	// Only a regular file of the user's, that nobody else can write: in a
	// shared NETVERIFY_CACHE_DIR another user's entry could say anything.
	st, err := os.Lstat(path)
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() || st.Mode().Perm()&0o022 != 0 || !ownedByMe(st) {
		return nil, nil, fmt.Errorf("not a private file of this user (%v)", st.Mode())
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	secs, err := sections(data, key)
	if err != nil {
		return nil, nil, err
	}
	head, err := decodeHead(secs)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range head.Racy {
		if sum, err := sumFile(r.Path); err != nil || sum != r.Sum {
			return nil, nil, fmt.Errorf("%s changed since the entry was written", r.Path)
		}
	}
	return decodeBody(head, secs)
}

// write stores the entry atomically: a temporary file renamed into place.
func (c *Cache) write(path string, key [32]byte, racy []contentSum, snap *model.Snapshot, diags model.Diagnostics) error {
	pieces, err := encode(key, racy, snap, diags)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	for _, p := range pieces {
		if _, err := tmp.Write(p); err != nil {
			tmp.Close()
			return err
		}
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// evict removes the least recently used entries beyond MaxEntries, and
// temporary files left by writers that died.
func (c *Cache) evict() {
	max := c.MaxEntries
	if max <= 0 {
		max = DefaultMaxEntries
	}
	ents, err := os.ReadDir(c.Dir)
	if err != nil {
		return
	}
	type aged struct {
		path string
		used time.Time
	}
	var snaps []aged
	for _, e := range ents {
		info, err := e.Info()
		if err != nil {
			continue
		}
		p := filepath.Join(c.Dir, e.Name())
		switch {
		case strings.HasSuffix(e.Name(), ".snap"):
			snaps = append(snaps, aged{p, info.ModTime()})
		case strings.HasPrefix(e.Name(), ".tmp-") && time.Since(info.ModTime()) > time.Hour:
			os.Remove(p)
		}
	}
	sort.Slice(snaps, func(i, j int) bool { return snaps[i].used.After(snaps[j].used) })
	for _, s := range snaps[min(max, len(snaps)):] {
		os.Remove(s.path)
	}
}
