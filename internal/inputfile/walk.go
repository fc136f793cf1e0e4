package inputfile

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The bounds of a directory walk (README, "Limits").
const (
	// MaxWalkEntries bounds the files and directories one walk visits.
	MaxWalkEntries = 1_000_000
	// MaxWalkDepth bounds how deep below the top a walk descends.
	MaxWalkDepth = 32
)

// Skipped is a file a walk did not return: not a regular file.
type Skipped struct {
	Path string
	Mode fs.FileMode
}

// Reason says why, for a warning.
func (s Skipped) Reason() string {
	return fmt.Sprintf("%s is %s, not a regular file: skipped", s.Path, Kind(s.Mode))
}

// WalkLimitError is a directory with more entries, or deeper, than a walk visits.
type WalkLimitError struct {
	Dir, What string
	Limit     int
}

func (e *WalkLimitError) Error() string {
	return fmt.Sprintf("%s holds %s than %d; netverify stops walking it (name the subdirectories to read instead)", e.Dir, e.What, e.Limit)
}

// Walk lists the regular files under dir (any depth up to MaxWalkDepth)
// whose path keep accepts, sorted. Symbolic links to regular files are
// followed, links to directories are not (no loops). Matching entries that
// are FIFOs, devices or sockets (or links to them) are returned in skipped.
func Walk(dir string, keep func(path string, d fs.DirEntry) bool) (files []string, skipped []Skipped, err error) {
	return walk(dir, keep, MaxWalkEntries, MaxWalkDepth)
}

func walk(dir string, keep func(string, fs.DirEntry) bool, maxEntries, maxDepth int) ([]string, []Skipped, error) {
	var files []string
	var skipped []Skipped
	top := filepath.Clean(dir)
	entries := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if entries++; entries > maxEntries {
			return &WalkLimitError{dir, "more files and directories", maxEntries}
		}
		if d.IsDir() {
			if depth(top, p) > maxDepth {
				return &WalkLimitError{dir, "directories nested deeper", maxDepth}
			}
			return nil
		}
		if !keep(p, d) {
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			st, err := os.Stat(p)
			if err != nil { // dangling: reading it reports the error
				files = append(files, p)
				return nil
			}
			if st.IsDir() {
				return nil
			}
			mode = st.Mode()
		}
		if !mode.IsRegular() {
			skipped = append(skipped, Skipped{p, mode})
			return nil
		}
		files = append(files, p)
		return nil
	})
	sort.Strings(files)
	return files, skipped, err
}

func depth(top, p string) int {
	rel, err := filepath.Rel(top, p)
	if err != nil || rel == "." {
		return 0
	}
	return strings.Count(filepath.ToSlash(rel), "/") + 1
}
