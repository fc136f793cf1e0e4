package snapcache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/internal/testcorpus"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
)

// loader is load.All of the sources, as the command runs it.
func loader(srcs ...string) LoadFunc {
	return func() (*model.Snapshot, model.Diagnostics, error) { return load.All(srcs, load.Options{}) }
}

// fresh is what a load without the cache gives.
func fresh(t *testing.T, srcs ...string) (*model.Snapshot, model.Diagnostics) {
	t.Helper()
	snap, diags, err := loader(srcs...)()
	if err != nil {
		t.Fatalf("load %v: %v", srcs, err)
	}
	Canonical(snap)
	return snap, diags
}

// sameAsFresh loads srcs through c and checks the status and that the
// snapshot and diagnostics are exactly those of a load without the cache.
func sameAsFresh(t *testing.T, c *Cache, want Status, srcs ...string) {
	t.Helper()
	snap, diags, st, err := c.Load(Inputs{Sources: srcs, Build: "test"}, loader(srcs...))
	if err != nil {
		t.Fatalf("cached load %v: %v", srcs, err)
	}
	if st != want {
		t.Errorf("%v: status %s, want %s", srcs, st, want)
	}
	ws, wd := fresh(t, srcs...)
	if !sameSnapshot(snap, ws) {
		t.Errorf("%v: the cached snapshot differs from a fresh load", srcs)
	}
	if !reflect.DeepEqual(diags, wd) {
		t.Errorf("%v: the cached diagnostics differ from a fresh load:\n got %v\nwant %v", srcs, diags, wd)
	}
}

// sameSnapshot compares two snapshots field by field, leaving out the index
// cache IndexOf keeps (derived data, rebuilt on demand).
func sameSnapshot(a, b *model.Snapshot) bool {
	a.ForgetIndex()
	b.ForgetIndex()
	return reflect.DeepEqual(a, b)
}

// Every built-in example and every lab of the corpus comes back from the
// cache exactly as it was loaded: the snapshot (every field of every kind,
// reflect.DeepEqual) and the diagnostics.
func TestRoundTripExamplesAndLabs(t *testing.T) {
	c := &Cache{Dir: t.TempDir(), MaxEntries: 1000}
	var srcs []string
	for _, e := range scenarios.Examples() {
		srcs = append(srcs, "example:"+e.Name)
	}
	if corpus := testcorpus.Find(); corpus != "" {
		labs, _ := filepath.Glob(filepath.Join(corpus, "batfish", "lab-validation", "*", "aws_configs"))
		srcs = append(srcs, labs...)
	}
	for _, src := range srcs {
		sameAsFresh(t, c, Miss, src)
		sameAsFresh(t, c, Hit, src)
	}
}

// A snapshot with every field of every kind set round-trips: a field or
// kind added to the model is cached without a change here.
func TestEveryFieldIsCached(t *testing.T) {
	snap := model.New()
	fill(reflect.ValueOf(snap).Elem(), 0)
	diags := model.Diagnostics{{Severity: model.SevWarning, Source: model.Source{File: "f", Line: 1, Col: 2}, Resource: "r", Message: "m"}}
	var key [32]byte
	pieces, err := encode(key, nil, snap, diags)
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Join(pieces, nil)
	secs, err := sections(data, key)
	if err != nil {
		t.Fatal(err)
	}
	head, err := decodeHead(secs)
	if err != nil {
		t.Fatal(err)
	}
	got, gd, err := decodeBody(head, secs)
	if err != nil {
		t.Fatal(err)
	}
	if !sameSnapshot(got, snap) || !reflect.DeepEqual(gd, diags) {
		t.Fatal("a snapshot with every field set does not come back the same")
	}
}

// The model holds only what gob writes: no unexported fields (they would be
// dropped without a word), interfaces, functions or channels.
func TestModelIsPlainData(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type, path string) []string
	walk = func(ty reflect.Type, path string) []string {
		if seen[ty] {
			return nil
		}
		seen[ty] = true
		switch ty.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			return walk(ty.Elem(), path+"[]")
		case reflect.Map:
			return append(walk(ty.Key(), path+"{key}"), walk(ty.Elem(), path+"{}")...)
		case reflect.Interface, reflect.Func, reflect.Chan, reflect.UnsafePointer:
			return []string{path + " is " + ty.Kind().String()}
		case reflect.Struct:
			if ty.PkgPath() == "net/netip" {
				return nil
			}
			var bad []string
			for i := range ty.NumField() {
				f := ty.Field(i)
				if !f.IsExported() {
					// Snapshot.index is IndexOf's cache of derived data,
					// rebuilt on demand: gob rightly leaves it out.
					if ty != reflect.TypeOf(model.Snapshot{}) || f.Name != "index" {
						bad = append(bad, path+"."+f.Name+" is unexported")
					}
					continue
				}
				bad = append(bad, walk(f.Type, path+"."+f.Name)...)
			}
			return bad
		}
		return nil
	}
	for _, b := range walk(reflect.TypeFor[model.Snapshot](), "Snapshot") {
		t.Error(b)
	}
	for _, b := range walk(reflect.TypeFor[model.Diagnostic](), "Diagnostic") {
		t.Error(b)
	}
}

// fill sets every field reachable from v to a value that is not zero.
func fill(v reflect.Value, depth int) {
	if depth > 8 {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), depth+1)
	case reflect.Struct:
		switch v.Interface().(type) {
		case netipPrefix:
			v.Set(reflect.ValueOf(samplePrefix))
			return
		case netipAddr:
			v.Set(reflect.ValueOf(samplePrefix.Addr()))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth+1)
			}
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), depth+1)
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), depth+1)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
		fill(k, depth+1)
		fill(e, depth+1)
		v.SetMapIndex(k, e)
	case reflect.String:
		v.SetString("x" + v.Type().Name())
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	}
}

// A damaged entry (any byte flipped, or cut short) is never used: the load
// reads the inputs again, answers exactly as a fresh load, and rewrites it.
func TestDamagedEntryIsIgnoredAndRewritten(t *testing.T) {
	const src = "example:serverless-hybrid"
	c := &Cache{Dir: t.TempDir()}
	sameAsFresh(t, c, Miss, src)
	entries, _ := filepath.Glob(filepath.Join(c.Dir, "*.snap"))
	if len(entries) != 1 {
		t.Fatalf("entries %v, want one", entries)
	}
	good, err := os.ReadFile(entries[0])
	if err != nil {
		t.Fatal(err)
	}
	want, wantDiags := fresh(t, src)
	damage := func(what string, bad []byte) {
		t.Helper()
		if err := os.WriteFile(entries[0], bad, 0o600); err != nil {
			t.Fatal(err)
		}
		snap, diags, st, err := c.Load(Inputs{Sources: []string{src}, Build: "test"}, loader(src))
		if err != nil || st != Miss || !sameSnapshot(snap, want) || !reflect.DeepEqual(diags, wantDiags) {
			t.Fatalf("%s: status %s, err %v, same %v: want a fresh load", what, st, err, sameSnapshot(snap, want))
		}
		if now, _ := os.ReadFile(entries[0]); !bytes.Equal(now, good) {
			t.Fatalf("%s: the entry was not rewritten", what)
		}
	}
	header := len(magic) + 32 + 4 + 12*int(binary.LittleEndian.Uint32(good[len(magic)+32:]))
	step := 1 + len(good)/300 // every byte of the header, then about 300 positions
	for i := 0; i < len(good); i++ {
		if i >= header && i%step != 0 {
			continue
		}
		bad := bytes.Clone(good)
		bad[i] ^= 0x5a
		damage("byte "+itoa(i)+" flipped", bad)
	}
	for _, n := range []int{0, 1, 7, 40, 44, len(good) / 2, len(good) - 1} {
		damage("cut to "+itoa(n)+" bytes", good[:n])
	}
	damage("one byte more", append(bytes.Clone(good), 0))
}

func itoa(i int) string { return fmtInt(i) }

// Any change to the inputs is a miss: a file's content (even of the same
// size, with its modification time put back), a file added or removed, the
// overlay order, the parameters, the build.
func TestChangesInvalidate(t *testing.T) {
	dir := t.TempDir()
	aws := filepath.Join(dir, "aws")
	writeVPCs(t, aws, "10.0.0.0/16")
	old := time.Now().Add(-time.Hour) // not racy: the stat stands for the content
	os.Chtimes(filepath.Join(aws, "Vpcs.json"), old, old)
	c := &Cache{Dir: filepath.Join(dir, "cache")}
	sameAsFresh(t, c, Miss, aws)
	sameAsFresh(t, c, Hit, aws)

	writeVPCs(t, aws, "10.9.0.0/16") // same size
	os.Chtimes(filepath.Join(aws, "Vpcs.json"), old, old)
	sameAsFresh(t, c, Miss, aws)
	sameAsFresh(t, c, Hit, aws)

	extra := filepath.Join(aws, "Subnets.json")
	os.WriteFile(extra, []byte(`{"Subnets": []}`), 0o644)
	sameAsFresh(t, c, Miss, aws)
	os.Remove(extra)
	sameAsFresh(t, c, Hit, aws) // the first entry again

	overlay := "example:serverless-hybrid"
	sameAsFresh(t, c, Miss, aws, overlay)
	sameAsFresh(t, c, Miss, overlay, aws)
	sameAsFresh(t, c, Hit, aws, overlay)

	keys := map[[32]byte]string{}
	for _, in := range []Inputs{
		{Sources: []string{aws}, Build: "a"},
		{Sources: []string{aws}, Build: "b"},
		{Sources: []string{aws}, Build: "a", Params: map[string]string{"Env": "prod"}},
		{Sources: []string{aws}, Build: "a", Params: map[string]string{"Env": "dev"}},
		{Sources: []string{aws}, Build: "a", Format: "awsjson"},
	} {
		fp, err := fingerprintOf(in)
		if err != nil {
			t.Fatal(err)
		}
		if prev, dup := keys[fp.key]; dup {
			t.Errorf("%+v has the key of %s", in, prev)
		}
		keys[fp.key] = sprint(in)
	}
}

// A file written just before the load that cached it is checked by its
// content: its times come from a coarse clock and may not change with a
// second write in the same moment.
func TestRacyFileIsCheckedByContent(t *testing.T) {
	dir := t.TempDir()
	aws := filepath.Join(dir, "aws")
	writeVPCs(t, aws, "10.0.0.0/16")
	c := &Cache{Dir: filepath.Join(dir, "cache")}
	sameAsFresh(t, c, Miss, aws)
	fp, err := fingerprintOf(Inputs{Sources: []string{aws}, Build: "test"})
	if err != nil {
		t.Fatal(err)
	}
	path := c.entryPath(fp.key)
	secs, _ := sectionsOf(t, path, fp.key)
	head, err := decodeHead(secs)
	if err != nil || len(head.Racy) != 1 || !strings.HasSuffix(head.Racy[0].Path, "Vpcs.json") {
		t.Fatalf("racy files %v (%v), want Vpcs.json", head.Racy, err)
	}
	sameAsFresh(t, c, Hit, aws)
	// The same stat and other content, as a write in the same clock tick
	// leaves it: simulated by putting the times back (on Linux the change
	// time moves, so the key alone would see it; the content sum must too).
	st, _ := os.Stat(filepath.Join(aws, "Vpcs.json"))
	writeVPCs(t, aws, "10.9.0.0/16")
	os.Chtimes(filepath.Join(aws, "Vpcs.json"), st.ModTime(), st.ModTime())
	if _, _, err := c.read(path, fp.key); err == nil {
		t.Fatal("an entry whose racy file changed was read")
	}
}

// Entries are private to the user: the directory 0700, the files 0600.
func TestEntryModes(t *testing.T) {
	c := &Cache{Dir: filepath.Join(t.TempDir(), "netverify", "snapshots")}
	sameAsFresh(t, c, Miss, "example:serverless-hybrid")
	st, err := os.Stat(c.Dir)
	if err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("cache directory mode %v (%v), want 0700", st.Mode().Perm(), err)
	}
	files, _ := os.ReadDir(c.Dir)
	for _, f := range files {
		info, _ := f.Info()
		if !strings.HasSuffix(f.Name(), ".snap") || info.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v: want only *.snap files of mode 0600", f.Name(), info.Mode().Perm())
		}
	}
}

// A load that fails is not cached: the next one reads the inputs again.
func TestFailedLoadIsNotCached(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	bad := filepath.Join(t.TempDir(), "net.yaml")
	os.WriteFile(bad, []byte("netverify: v1\nvpcs:\n  - {name: a, cidr: nonsense}\n"), 0o644)
	in := Inputs{Sources: []string{bad}, Build: "test"}
	for range 2 {
		_, _, st, err := c.Load(in, loader(bad))
		if err == nil || st != Bypass {
			t.Fatalf("status %s, err %v: want the load's error, uncached", st, err)
		}
	}
	if _, _, st, err := c.Load(Inputs{Sources: []string{"/nonexistent"}}, loader("/nonexistent")); st != Bypass || !errors.Is(err, load.ErrInput) {
		t.Fatalf("a missing source: status %s, err %v", st, err)
	}
}

// Only the most recently used entries are kept.
func TestEviction(t *testing.T) {
	c := &Cache{Dir: t.TempDir(), MaxEntries: 2}
	for _, e := range scenarios.Examples()[:4] {
		sameAsFresh(t, c, Miss, "example:"+e.Name)
		time.Sleep(10 * time.Millisecond) // distinct modification times
	}
	files, _ := filepath.Glob(filepath.Join(c.Dir, "*.snap"))
	if len(files) != 2 {
		t.Fatalf("%d entries kept, want 2", len(files))
	}
	sameAsFresh(t, c, Hit, "example:"+scenarios.Examples()[3].Name)
}

func writeVPCs(t *testing.T, dir, cidr string) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	doc := `{"Vpcs": [{"VpcId": "vpc-0a", "CidrBlock": "` + cidr + `", "OwnerId": "111122223333", "State": "available"}]}`
	if err := os.WriteFile(filepath.Join(dir, "Vpcs.json"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sectionsOf(t *testing.T, path string, key [32]byte) ([][]byte, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sections(data, key)
}

// An entry others can write, or a link, is not read (a shared cache
// directory must not let another user choose the answers).
func TestSharedEntryIsNotRead(t *testing.T) {
	const src = "example:serverless-hybrid"
	c := &Cache{Dir: t.TempDir()}
	sameAsFresh(t, c, Miss, src)
	entries, _ := filepath.Glob(filepath.Join(c.Dir, "*.snap"))
	os.Chmod(entries[0], 0o666)
	sameAsFresh(t, c, Miss, src) // ignored, and written again privately
	sameAsFresh(t, c, Hit, src)
	other := filepath.Join(t.TempDir(), "other.snap")
	os.Rename(entries[0], other)
	os.Symlink(other, entries[0])
	sameAsFresh(t, c, Miss, src)
	if st, err := os.Lstat(entries[0]); err != nil || !st.Mode().IsRegular() {
		t.Fatalf("the link was not replaced by an entry: %v %v", st.Mode(), err)
	}
}
