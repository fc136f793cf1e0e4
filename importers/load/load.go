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
	"strconv"
	"strings"

	"github.com/netverify/netverify/internal/gcpace"
	"github.com/netverify/netverify/internal/inputfile"
	"github.com/netverify/netverify/internal/textenc"
	"github.com/netverify/netverify/model"
)

// Options are the settings that apply to every source.
type Options struct {
	Format string            // force a format (see FormatNames); "" = detect
	Params map[string]string // CloudFormation parameters (--param Name=Value)

	params *paramUse // filled by All: which Params the templates consumed
}

// paramUse records which --param names the templates of one load consumed.
type paramUse struct {
	templates int
	used      map[string]bool
}

// unusedParams reports each --param that no template of the load declares
// (nor a pseudo parameter or an Fn::ImportValue export name): a misspelt
// parameter would otherwise leave its default in place without a word.
func unusedParams(opts Options) model.Diagnostics {
	var ds model.Diagnostics
	if opts.params == nil || opts.params.templates == 0 {
		return ds
	}
	var names []string
	for name := range opts.Params {
		if !opts.params.used[name] {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		ds.Errorf(model.Source{}, "", "--param %s: no template of the inputs declares a parameter %s (nor is it a pseudo parameter or an Fn::ImportValue export name)", name, name)
	}
	return ds
}

// format is one input format: how to recognise it and how to load it.
type format struct {
	name string
	help string
	// detect reports whether the source at path (a file's content in data; nil for a directory) is in this format.
	detect func(path string, data []byte, isDir bool) bool
	// load reads the source; data is the file's content (nil for directories and examples).
	load func(path string, data []byte, opts Options) (*model.Snapshot, model.Diagnostics, error)
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
	defer gcpace.Load()()
	snap := model.New()
	var diags model.Diagnostics
	var rejected []string
	opts.params = &paramUse{used: map[string]bool{}}
	for _, spec := range specs {
		s, ds, err := One(spec, opts)
		diags.Append(ds)
		if err != nil {
			rejected = append(rejected, err.Error())
			continue
		}
		snap.Merge(s)
	}
	if bad := unusedParams(opts); len(bad) > 0 {
		diags.Append(bad)
		rejected = append(rejected, plural(len(bad), "unknown --param"))
	}
	diags.Append(snap.Conflicts())
	snap.Dedup()
	snap.ClearListed()
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
		out = append(out, fmt.Sprintf("%s: rejected (%s)", f, plural(n, "error")))
	}
	sort.Strings(out)
	return out
}

// One loads a single source.
func One(spec string, opts Options) (*model.Snapshot, model.Diagnostics, error) {
	f, data, err := pick(spec, opts.Format)
	if err != nil {
		var ds model.Diagnostics
		var ee *encodingError
		if errors.As(err, &ee) { // the diagnostic points at the file's start
			ds.Errorf(model.Source{File: ee.file, Line: 1, Col: 1}, "", "%v", ee.err)
			return nil, ds, fmt.Errorf("%s:1:1: %w", ee.file, ee.err)
		}
		ds.Errorf(model.Source{File: spec}, "", "%v", err)
		return nil, ds, err
	}
	s, ds, err := f.load(spec, data, opts)
	if err != nil {
		if !ds.HasErrors() {
			ds = append(ds, rejection(spec, err))
		}
		if n := ds.Count(model.SevError); n > 0 {
			return nil, ds, fmt.Errorf("%s: rejected (%s)", spec, plural(n, "error"))
		}
		return nil, ds, fmt.Errorf("%s: %v", spec, err)
	}
	if len(s.Origins) == 0 {
		s.Origins = []string{spec}
	}
	return s, ds, nil
}

// rejection turns an importer's error, "[component: ]FILE[:LINE[:COL]]: msg"
// or YAML's "FILE: line N: msg", into an error diagnostic at that position,
// so that the file is named once and the line is where tools look for it.
func rejection(spec string, err error) model.Diagnostic {
	msg := err.Error()
	d := model.Diagnostic{Severity: model.SevError, Source: model.Source{File: spec}, Message: msg}
	i := strings.Index(msg, spec+":")
	if i < 0 {
		return d
	}
	rest := msg[i+len(spec)+1:]
	if line, r, ok := cutNumber(rest); ok {
		d.Source.Line, rest = line, r
		if col, r, ok := cutNumber(rest); ok {
			d.Source.Col, rest = col, r
		}
	} else if line, r, ok := cutNumber(strings.TrimPrefix(rest, " line ")); ok && strings.HasPrefix(rest, " line ") {
		d.Source.Line, rest = line, r
	}
	d.Message = strings.TrimSpace(rest)
	return d
}

// cutNumber cuts "N:" from the front of s.
func cutNumber(s string) (int, string, bool) {
	j := 0
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	if j == 0 || j >= len(s) || s[j] != ':' {
		return 0, s, false
	}
	n, err := strconv.Atoi(s[:j])
	return n, s[j+1:], err == nil
}

// pick chooses the format of spec, forced by name or detected from content,
// and returns the file's content (read once, for detection and loading).
func pick(spec, forced string) (format, []byte, error) {
	if strings.HasPrefix(spec, "example:") && forced == "" {
		f, err := byName("example")
		return f, nil, err
	}
	info, err := os.Stat(spec)
	if err != nil && !strings.HasPrefix(spec, "example:") {
		return format{}, nil, fmt.Errorf("cannot read %s: %v", spec, errors.Unwrap(err))
	}
	var data []byte
	if info != nil && !info.IsDir() {
		if data, err = readFile(spec); err != nil {
			return format{}, nil, err
		}
		if data, err = textenc.Decode(data); err != nil {
			return format{}, nil, &encodingError{spec, err}
		}
	}
	if forced != "" {
		f, err := byName(forced)
		if err != nil {
			return format{}, nil, fmt.Errorf("unknown --format %q (want one of %s)", forced, strings.Join(names(), ", "))
		}
		return f, data, nil
	}
	for _, f := range formats {
		if f.detect != nil && f.detect(spec, data, info.IsDir()) {
			return f, data, nil
		}
	}
	what := "file"
	if info.IsDir() {
		what = "directory"
	}
	return format{}, nil, fmt.Errorf("cannot tell the format of %s %s: it is not a netverify scenario, a CloudFormation/SAM template, "+
		"a Terraform state or plan, or AWS CLI describe-JSON; use --format (one of %s)", what, spec, strings.Join(names(), ", "))
}

// encodingError is an input file in an encoding netverify does not read (see textenc).
type encodingError struct {
	file string
	err  error
}

func (e *encodingError) Error() string { return e.err.Error() }

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

// readFile reads the input file at path: a regular file (a FIFO or a device
// named by --in is an error, not a hang) of at most inputfile.MaxSize bytes,
// counted while reading.
func readFile(path string) ([]byte, error) {
	data, err := inputfile.Read(path, inputfile.MaxSize)
	var nr *inputfile.NotRegularError
	var tl *inputfile.TooLargeError
	switch {
	case errors.As(err, &nr), errors.As(err, &tl):
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("cannot read %s: %v", path, unwrapPath(err))
	}
	return data, nil
}

// unwrapPath drops the operation and path of an *fs.PathError (the message names the file already).
func unwrapPath(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
