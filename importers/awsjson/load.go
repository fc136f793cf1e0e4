package awsjson

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"

	"github.com/netverify/netverify/internal/inputfile"
	"github.com/netverify/netverify/internal/textenc"
	"github.com/netverify/netverify/model"
)

// LoadDir reads every *.json file under dir (any depth). It returns an error
// only when dir cannot be read or holds no AWS CLI JSON at all; problems in
// single files are diagnostics and the rest still loads.
func LoadDir(dir string) (*model.Snapshot, model.Diagnostics, error) {
	if err := incompleteImport(dir); err != nil {
		return nil, nil, err
	}
	files, skipped, err := jsonFiles(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("awsjson: %w", err)
	}
	if len(files) == 0 {
		return nil, skippedWarnings(skipped), fmt.Errorf("awsjson: %s holds no .json files", dir)
	}
	var ds0 model.Diagnostics
	snap, ds, known := load(dir, files, readManifest(dir, &ds0))
	ds = append(append(skippedWarnings(skipped), ds0...), ds...)
	if !known {
		return nil, ds, fmt.Errorf("awsjson: %s holds no AWS CLI JSON (no file has a member such as Vpcs or Subnets)", dir)
	}
	snap.Origins = append(snap.Origins, dir)
	return snap, ds, nil
}

// LoadFile reads one file of AWS CLI JSON.
func LoadFile(path string) (*model.Snapshot, model.Diagnostics, error) {
	if st, err := os.Stat(path); err != nil {
		return nil, nil, fmt.Errorf("awsjson: %w", err)
	} else if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("awsjson: %w", &inputfile.NotRegularError{Path: path, Mode: st.Mode()})
	}
	snap, ds, known := load(filepath.Dir(path), []string{path}, nil)
	if !known {
		// A lone file that does not parse is rejected (exit 2), its error
		// diagnostic saying where; in a directory the other files would load.
		return nil, ds, fmt.Errorf("awsjson: %s is not AWS CLI JSON (no member such as Vpcs or Subnets)", path)
	}
	snap.Origins = append(snap.Origins, path)
	return snap, ds, nil
}

// Detect reports whether path is a directory holding AWS CLI JSON (at any
// depth), or a single such file. It reads at most a few kilobytes per file.
func Detect(path string) bool {
	st, err := os.Stat(path)
	if err != nil {
		return false
	}
	if !st.IsDir() {
		return detectFile(path)
	}
	files, _, err := jsonFiles(path)
	if err != nil {
		return false
	}
	// A file named as the CLI output it holds (Vpcs.json) tells without
	// being opened; otherwise the first files are read. A directory whose
	// first maxDetectFiles JSON files hold no AWS CLI output is taken for
	// something else (--format awsjson overrides).
	for _, f := range files {
		if handlerByName(filepath.Base(f)) != nil {
			return true
		}
	}
	for _, f := range files[:min(len(files), maxDetectFiles)] {
		if detectFile(f) {
			return true
		}
	}
	return false
}

const maxDetectFiles = 2000

var memberRE = regexp.MustCompile(`"([A-Za-z]+)"\s*:`)

func detectFile(path string) bool {
	buf, err := inputfile.Head(path, 4096)
	if err != nil {
		return false
	}
	head, err := textenc.Decode(buf[:len(buf)&^1]) // whole UTF-16 units
	if err != nil {
		return false
	}
	for _, m := range memberRE.FindAllSubmatch(head, 8) {
		if h := handlerByKey[string(m[1])]; h != nil && !h.generic {
			return true
		}
	}
	return handlerByName(filepath.Base(path)) != nil
}

// jsonFiles lists the regular *.json files under dir, and the ones skipped
// for not being regular files (FIFOs, devices, sockets).
func jsonFiles(dir string) ([]string, []inputfile.Skipped, error) {
	top := filepath.Clean(dir)
	return inputfile.Walk(dir, func(p string, d fs.DirEntry) bool {
		// The live importer's manifest.json (at the top) records API calls, not resources.
		isManifest := filepath.Dir(p) == top && d.Name() == "manifest.json"
		return !isManifest && strings.EqualFold(filepath.Ext(p), ".json")
	})
}

// skippedWarnings warns of each file a directory walk skipped.
func skippedWarnings(skipped []inputfile.Skipped) model.Diagnostics {
	var ds model.Diagnostics
	for _, s := range skipped {
		ds.Warnf(model.Source{File: s.Path}, "", "%s", s.Reason())
	}
	return ds
}

// load decodes files in parallel (bounded by the number of CPUs) and merges
// the parts in path order. known reports whether any file held AWS CLI JSON.
func load(root string, files []string, failed failedListings) (*model.Snapshot, model.Diagnostics, bool) {
	parts := make([]*fileCtx, len(files))
	workers := min(runtime.GOMAXPROCS(0), len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte // reused: decoding copies out what it keeps
			for i := range next {
				parts[i] = loadOne(root, files[i], &buf)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return merge(parts, failed)
}

// loadOne reads and decodes one file into its own part; buf is scratch space.
func loadOne(root, path string, buf *[]byte) *fileCtx {
	c := newFileCtx(root, path)
	data, err := readInto(path, buf)
	var tl *inputfile.TooLargeError
	var nr *inputfile.NotRegularError
	switch {
	case errors.As(err, &tl), errors.As(err, &nr):
		c.diags.Errorf(model.Source{File: path}, "", "%v", err)
		return c
	case err != nil:
		c.diags.Errorf(model.Source{File: path}, "", "cannot read %s: %v", path, err)
		return c
	}
	if data, err = textenc.Decode(data); err != nil {
		c.diags.Errorf(model.Source{File: path, Line: 1, Col: 1}, "", "%v", err)
		return c
	}
	doc, err := scan(data, nil)
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			c.diags.Errorf(c.src(se.at), "", "malformed JSON: %s; fix the file or remove it (the other files were loaded)", se.msg)
		}
		return c
	}
	c.decode(doc)
	return c
}

// readInto reads the file at path into *buf, growing it as needed, up to
// inputfile.MaxSize bytes.
func readInto(path string, buf *[]byte) ([]byte, error) {
	data, err := inputfile.ReadInto(path, inputfile.MaxSize, buf)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, pe.Err
	}
	return data, err
}

var (
	regionRE  = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$`)
	accountRE = regexp.MustCompile(`^\d+$`)
)

// pathScope reads account and region from a path such as
// aws_configs/accounts/123456789012/us-east-1/Vpcs.json.
func pathScope(root, path string) (account, region string) {
	rel, err := filepath.Rel(filepath.Dir(root), path)
	if err != nil {
		rel = path
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	for i, p := range parts[:len(parts)-1] {
		if i > 0 && parts[i-1] == "accounts" && accountRE.MatchString(p) {
			account = p
		}
		if regionRE.MatchString(p) {
			region = p
		}
	}
	return account, region
}

// merge joins the parts in order, drops copies of the same resource seen
// from two accounts, applies the cross-file links and sorts.
func merge(parts []*fileCtx, failed failedListings) (*model.Snapshot, model.Diagnostics, bool) {
	snap := model.New()
	var ds model.Diagnostics
	known := false
	reported := map[string]bool{}
	for _, p := range parts {
		snap.Merge(p.part)
		ds.Append(p.diags)
		known = known || p.known
		for _, n := range p.notices {
			if !reported[n.key] {
				reported[n.key] = true
				ds.Infof(n.src, "", "%s", n.msg)
			}
		}
	}
	snap.Dedup()
	l := newLinker(snap)
	for _, p := range parts {
		for _, f := range p.fixups {
			f(l)
		}
	}
	l.finish()
	ds.Append(l.ds)
	markUnlisted(snap, parts, failed, &ds)
	addScopes(snap)
	snap.Sort()
	ds.Sort()
	return snap, ds, known
}

// addScopes lists every account and region that resources belong to.
func addScopes(s *model.Snapshot) {
	accounts := map[string]bool{}
	regions := map[string]string{}
	s.Each(func(k *model.KindInfo, r model.Resource) {
		m := r.Base()
		if m.Account != "" && k.Name != "account" {
			accounts[m.Account] = true
		}
		if m.Region != "" && k.Name != "region" {
			if _, ok := regions[m.Region]; !ok || regions[m.Region] == "" {
				regions[m.Region] = m.Account
			}
		}
	})
	// No file creates accounts or regions, so each is added once (no Dedup
	// of the whole snapshot: on a large estate it cost more than this function).
	for a := range accounts {
		s.Accounts = append(s.Accounts, &model.Account{Meta: model.Meta{ID: a, Account: a}})
	}
	for r, a := range regions {
		s.Regions = append(s.Regions, &model.Region{Meta: model.Meta{ID: r, Account: a, Region: r}})
	}
}
