// Package load turns the command line's --in sources into one validated
// snapshot: it detects each source's format from its content (or --format),
// calls the matching importer, merges the results in order, fills in what AWS
// creates implicitly (model.Derive) and validates the whole (model.Validate).
package load

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// Options are the settings that apply to every source.
type Options struct {
	Format string            // force a format (see FormatNames); "" = detect
	Params map[string]string // CloudFormation parameters (--param Name=Value)
}

// format is one input format: how to recognise it and how to load it.
type format struct {
	name string
	help string
	// detect reports whether the file at path (with its first bytes in head) is in this format.
	detect func(path string, head []byte, isDir bool) bool
	load   func(path string, opts Options) (*model.Snapshot, model.Diagnostics, error)
}

// formats is filled by formats.go, in detection order.
var formats []format

// FormatNames lists the formats --format accepts, with a line of help each.
func FormatNames() []string {
	out := make([]string, 0, len(formats))
	for _, f := range formats {
		out = append(out, f.name+": "+f.help)
	}
	return out
}

// ErrInput marks errors in the inputs themselves (exit code 2).
var ErrInput = errors.New("input error")

// All loads every source in order and returns the merged, derived and validated
// snapshot with all diagnostics. A non-nil error (wrapping ErrInput) means a
// source could not be used: unreadable, of unknown format, rejected by its
// importer, or a hand-written file with errors. The diagnostics say why.
func All(specs []string, opts Options) (*model.Snapshot, model.Diagnostics, error) {
	snap := model.New()
	var diags model.Diagnostics
	var rejected []string
	for _, spec := range specs {
		s, ds, err := One(spec, opts)
		diags.Append(ds)
		if err != nil {
			rejected = append(rejected, err.Error())
			continue
		}
		snap.Merge(s)
	}
	snap.Dedup()
	diags.Append(model.Derive(snap))
	diags.Append(model.Validate(snap))
	snap.Sort()
	diags.Sort()
	if bad := strictErrors(snap, diags); len(bad) > 0 {
		rejected = append(rejected, bad...)
	}
	if len(rejected) > 0 {
		return snap, diags, fmt.Errorf("%w: %s", ErrInput, strings.Join(rejected, "; "))
	}
	return snap, diags, nil
}

// strictErrors names the hand-written files that have error diagnostics.
func strictErrors(s *model.Snapshot, ds model.Diagnostics) []string {
	files := map[string]int{}
	for _, d := range ds {
		if d.Severity == model.SevError && s.StrictFiles[d.Source.File] {
			files[d.Source.File]++
		}
	}
	var out []string
	for f, n := range files {
		out = append(out, fmt.Sprintf("%s has %d error(s)", f, n))
	}
	sort.Strings(out)
	return out
}

// One loads a single source.
func One(spec string, opts Options) (*model.Snapshot, model.Diagnostics, error) {
	f, err := pick(spec, opts.Format)
	if err != nil {
		var ds model.Diagnostics
		ds.Errorf(model.Source{File: spec}, "", "%v", err)
		return nil, ds, err
	}
	s, ds, err := f.load(spec, opts)
	if err != nil {
		if !ds.HasErrors() {
			ds.Errorf(model.Source{File: spec}, "", "%v", err)
		}
		return nil, ds, fmt.Errorf("%s: %v", spec, err)
	}
	if len(s.Origins) == 0 {
		s.Origins = []string{spec}
	}
	return s, ds, nil
}

// pick chooses the format of spec: forced by name, or detected from content.
func pick(spec, forced string) (format, error) {
	if forced != "" {
		for _, f := range formats {
			if f.name == forced {
				return f, nil
			}
		}
		return format{}, fmt.Errorf("unknown --format %q (want one of %s)", forced, strings.Join(names(), ", "))
	}
	if strings.HasPrefix(spec, "example:") {
		return byName("example")
	}
	info, err := os.Stat(spec)
	if err != nil {
		return format{}, fmt.Errorf("cannot read %s: %v", spec, errors.Unwrap(err))
	}
	head, err := readHead(spec, info.IsDir())
	if err != nil {
		return format{}, err
	}
	for _, f := range formats {
		if f.detect != nil && f.detect(spec, head, info.IsDir()) {
			return f, nil
		}
	}
	what := "file"
	if info.IsDir() {
		what = "directory"
	}
	return format{}, fmt.Errorf("cannot tell the format of %s %s: it is not a netverify scenario, a CloudFormation/SAM template, "+
		"a Terraform state or plan, or AWS CLI describe-JSON; use --format (one of %s)", what, spec, strings.Join(names(), ", "))
}

func byName(name string) (format, error) {
	for _, f := range formats {
		if f.name == name {
			return f, nil
		}
	}
	return format{}, fmt.Errorf("format %s is not available in this build", name)
}

func names() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.name
	}
	return out
}

// headSize is how much of a file detection looks at.
const headSize = 64 << 10

func readHead(path string, isDir bool) ([]byte, error) {
	if isDir {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", path, errors.Unwrap(err))
	}
	defer f.Close()
	buf := make([]byte, headSize)
	n, _ := f.Read(buf)
	return buf[:n], nil
}
