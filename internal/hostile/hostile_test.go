package hostile_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/internal/hostile"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// memLimit is the budget for any one hostile input (issue 10: 1 GiB; issue 24: 512 MiB).
const memLimit = 512 << 20

// outcome is how a hostile input must end.
type outcome int

const (
	rejected  outcome = iota // an input error (exit 2) naming the file
	diagnosed                // imported; the bad parts are error or warning diagnostics (imported data is not strict)
	clean                    // imported without errors
)

// hcase is one hostile input: make writes it under dir and returns the
// --in source; want must match the error and the error and warning
// diagnostics, one per line, and so names the file (with its line where
// the format promises one).
type hcase struct {
	name string
	make func(t *testing.T, dir string) string
	want string
	end  outcome
	// heavy inputs (200 MB, 100,000 files: issue 10's sizes) take seconds; -short skips them.
	heavy bool
}

func file(name string, data []byte) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		if d := filepath.Dir(name); d != "." {
			return filepath.Join(dir, strings.Split(name, "/")[0])
		}
		return p
	}
}

func fixture(name string) func(*testing.T, string) string {
	return func(t *testing.T, _ string) string {
		p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "hostile", name))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
}

func manyFiles(n int) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		d := filepath.Join(dir, "aws")
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("f%05d.json", i)), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}
		return d
	}
}

func symlinkLoop(t *testing.T, dir string) string {
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	if err := os.Symlink(b, a); err != nil {
		t.Skip("symlinks not available:", err)
	}
	if err := os.Symlink(a, b); err != nil {
		t.Fatal(err)
	}
	return a
}

func dirLoop(t *testing.T, dir string) string {
	d := filepath.Join(dir, "aws")
	if err := os.MkdirAll(filepath.Join(d, "us-east-1"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(d, "us-east-1", "Vpcs.json"), []byte(`{"Vpcs": []}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(d, filepath.Join(d, "us-east-1", "loop")); err != nil {
		t.Skip("symlinks not available:", err)
	}
	return d
}

func utf16(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s {
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

const scenarioHead = "netverify: v1\nname: hostile\n"

const goodVpcs = `{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]}`

// special makes a directory aws/ with a good Vpcs.json and, named name,
// what mk makes (a FIFO, a link to a device, a sparse file); top returns
// that entry itself instead of the directory.
func special(name string, top bool, mk func(p string) error) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		d := filepath.Join(dir, "aws")
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "Vpcs.json"), []byte(goodVpcs), 0o600); err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(d, name)
		if err := mk(p); err != nil {
			t.Skip("cannot make", name, "here:", err)
		}
		if top {
			return p
		}
		return d
	}
}

// manySubnets makes aws/ with one VPC of 10.0.0.0/8 and n distinct subnets in it.
func manySubnets(n int) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		d := filepath.Join(dir, "aws")
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
		vpcs := `{"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/8"}]}`
		if err := os.WriteFile(filepath.Join(d, "Vpcs.json"), []byte(vpcs), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "Subnets.json"), hostile.ManySubnets(n), 0o600); err != nil {
			t.Fatal(err)
		}
		return d
	}
}

func mkfifo(p string) error { return syscall.Mkfifo(p, 0o600) }

func linkZero(p string) error {
	if _, err := os.Stat("/dev/zero"); err != nil {
		return err
	}
	return os.Symlink("/dev/zero", p)
}

// sparse makes a file of n bytes that takes no disk space.
func sparse(n int64) func(string) error {
	return func(p string) error {
		f, err := os.Create(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return f.Truncate(n)
	}
}

func devZero(t *testing.T, _ string) string {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	return "/dev/zero"
}

func cases() []hcase {
	return []hcase{
		{name: "deep JSON 100k levels, describe-JSON", make: file("aws/Vpcs.json", hostile.DeepJSON("Vpcs", 100_000)),
			want: `Vpcs.json:1:\d+: .*malformed JSON`},
		{name: "deep JSON 100k levels, single file", make: file("Vpcs.json", hostile.DeepJSON("Vpcs", 100_000)),
			want: `Vpcs.json:1:\d+: .*nested deeper than`},
		{name: "deep JSON 100k levels, Terraform", make: file("big.tfstate", []byte(`{"version":4,"terraform_version":"1.5.0","resources":`+string(hostile.DeepJSON("x", 100_000))+`}`)),
			want: `big.tfstate:1:\d+: error: JSON nested deeper than 1000 levels`},
		{name: "deep YAML 100k levels, scenario", make: file("deep.yaml", append([]byte(scenarioHead), hostile.DeepYAML("vpcs", 100_000)...)),
			want: `deep.yaml`},
		{name: "deep YAML 100k levels, template", make: file("deep-cfn.yaml", append([]byte("AWSTemplateFormatVersion: '2010-09-09'\n"), hostile.DeepYAML("Resources", 100_000)...)),
			want: `deep-cfn.yaml`},
		{name: "alias bomb, scenario", make: file("bomb.yaml", hostile.AliasBomb(scenarioHead, "vpcs", 9)),
			want: `bomb.yaml`},
		// A valid template whose Metadata expands 10^9 values: it must stop at
		// the alias limit (issue 24), not be rejected for a syntax error.
		{name: "alias bomb, template", make: file("bomb-cfn.yaml", hostile.AliasBomb("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", "Metadata", 9)),
			want: `bomb-cfn.yaml:\d+:\d+: error: YAML aliases expanded 10000 times, the limit`},
		{name: "200 MB single line, describe-JSON", make: file("aws/Vpcs.json", hostile.LongLine("Vpcs", 200<<20)),
			want: `Vpcs.json:1:\d+: `, end: diagnosed, heavy: true},
		{name: "200 MB single line, unknown format", make: file("long.json", hostile.LongLine("Stuff", 200<<20)),
			want: `cannot tell the format of file .*long.json`, heavy: true},
		{name: "NUL bytes, scenario", make: file("nul.yaml", []byte(scenarioHead+"vpcs: [{id: vpc-a\x00, cidr: 10.0.0.0/16}]\n")),
			want: `nul.yaml`},
		{name: "NUL bytes, describe-JSON", make: file("aws/Vpcs.json", []byte("{\"Vpcs\": [{\"VpcId\": \"vpc-1\"\x00}]}")),
			want: `Vpcs.json:1:\d+`},
		{name: "invalid UTF-8, scenario", make: file("bad-utf8.yaml", []byte(scenarioHead+"vpcs: [{id: vpc-\xff\xfe, cidr: 10.0.0.0/16}]\n")),
			want: `bad-utf8.yaml`},
		{name: "invalid UTF-8, template", make: file("bad-utf8-cfn.yaml", []byte("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  V\xff: {Type: AWS::EC2::VPC}\n")),
			want: `bad-utf8-cfn.yaml`},
		{name: "UTF-16 scenario (decoded, as PowerShell writes it)", make: file("utf16.yaml", utf16(scenarioHead+"vpcs: [{id: vpc-a, cidr: 10.0.0.0/16}]\n")),
			end: clean},
		{name: "UTF-32 scenario", make: file("utf32.yaml", []byte("\xff\xfe\x00\x00n\x00\x00\x00")), want: `utf32.yaml:1:1: .*UTF-32`},
		{name: "empty file, .yaml", make: file("empty.yaml", nil), want: `empty.yaml`},
		{name: "empty file, .json", make: file("empty.json", nil), want: `empty.json`},
		{name: "empty describe-JSON directory file", make: file("aws/Vpcs.json", nil), want: `cannot tell the format of directory .*aws`},
		{name: "100,000 empty files", make: manyFiles(100_000), want: `cannot tell the format of directory .*/aws`, heavy: true},
		{name: "symlink loop", make: symlinkLoop, want: `a.yaml`},
		{name: "directory symlink loop", make: dirLoop, end: clean},
		{name: "negative prefix length, scenario", make: fixture("negative-prefix.yaml"), want: `negative-prefix.yaml:\d+:\d+: .*0.0.0.0/-1`},
		{name: "ports out of range, scenario", make: fixture("huge-port.yaml"), want: `huge-port.yaml:\d+:\d+: `},
		{name: "duplicated IDs, scenario", make: fixture("duplicate-ids.yaml"), want: `duplicate-ids.yaml:\d+:\d+: .*vpc-dup`},
		{name: "duplicated IDs, describe-JSON", make: fixture("aws-duplicate-ids"), end: clean},
		{name: "huge numbers and bad CIDR, describe-JSON", make: fixture("aws-huge-numbers"), want: `SecurityGroups.json:\d+:\d+: .*99999999999999999999999`, end: diagnosed},
		{name: "huge numbers and bad CIDR, template", make: fixture("cfn-bad-values.yaml"), want: `cfn-bad-values.yaml:7:\d+: .*0.0.0.0/-1" is not a CIDR`, end: diagnosed},
		{name: "huge numbers and bad CIDR, Terraform state", make: fixture("tf-bad-values.tfstate"), want: `tf-bad-values.tfstate:\d+:\d+: .*0.0.0.0/-1" is not a CIDR`, end: diagnosed},
		{name: "VPC peered with itself", make: fixture("self-peering.yaml"), want: `self-peering.yaml:15:5: .*overlap \(R4.2\)`},
		{name: "appliances routing to each other", make: fixture("appliance-loop.yaml"), end: clean},
		// issue 24
		{name: "alias amplification, scenario (1,000 groups share 2,000 rules)", make: file("shared.yaml", hostile.SharedRules(1000, 2000)),
			want: `shared.yaml:\d+:\d+: error: securityGroups\[\d+\].ingress: aliases expand to more than 100000 values`},
		{name: "FIFO in a describe-JSON directory", make: special("pipe.json", false, mkfifo),
			want: `pipe.json: warning: .*pipe.json is a FIFO \(named pipe\), not a regular file: skipped`, end: clean},
		{name: "FIFO as --in", make: special("pipe.yaml", true, mkfifo),
			want: `pipe.yaml is a FIFO \(named pipe\), not a regular file; netverify reads only regular files`},
		{name: "/dev/zero as --in", make: devZero,
			want: `/dev/zero is a character device, not a regular file`},
		{name: "link to /dev/zero in a directory", make: special("zero.json", false, linkZero),
			want: `zero.json: warning: .*zero.json is a character device, not a regular file: skipped`, end: clean},
		{name: "link to /dev/zero as --in", make: special("zero.json", true, linkZero),
			want: `zero.json is a character device, not a regular file`},
		{name: "300 MiB file in a directory", make: special("big.json", false, sparse(300<<20)),
			want: `big.json: error: .*big.json holds more than 256 MiB; netverify reads input files up to 256 MiB`, end: diagnosed},
		{name: "20,000 subnets in one VPC", make: manySubnets(20_000),
			want: `Vpcs.json:\d+:\d+: error: vpc vpc-1: CIDR block 10.0.0.0/8 is not between /16 and /28`, end: diagnosed},
		{name: "300,000 subnets in one VPC", make: manySubnets(300_000),
			want: `Vpcs.json:\d+:\d+: error: vpc vpc-1: CIDR block 10.0.0.0/8 is not between /16 and /28`, end: diagnosed, heavy: true},
		{name: "300 MiB file as --in", make: special("big.json", true, sparse(300<<20)),
			want: `big.json holds more than 256 MiB`},
	}
}

// TestHostileInputs (issue 10): every hostile input ends in a clean import
// or a rejection that names the file, within 1 GiB of heap.
func TestHostileInputs(t *testing.T) {
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			if c.heavy && testing.Short() {
				t.Skip("heavy input; skipped with -short")
			}
			spec := c.make(t, t.TempDir())
			var ds model.Diagnostics
			var err error
			peak, took := measure(func() { _, ds, err = load.All([]string{spec}, load.Options{}) })
			t.Logf("peak heap %d MiB, %v, %d diagnostics", peak>>20, took.Round(time.Millisecond), len(ds))
			if peak > memLimit {
				t.Errorf("peak heap %d MiB, over the %d MiB budget", peak>>20, memLimit>>20)
			}
			report := findings(err, ds)
			switch {
			case c.end == rejected && !errors.Is(err, load.ErrInput):
				t.Fatalf("want an input error (exit 2), got %v; diagnostics:\n%s", err, report)
			case c.end != rejected && err != nil:
				t.Fatalf("want an import, got:\n%s", report)
			case c.end == clean && ds.HasErrors():
				t.Fatalf("want a clean import, got:\n%s", report)
			}
			if !regexp.MustCompile(c.want).MatchString(report) {
				t.Errorf("findings do not match %q:\n%s", c.want, report)
			}
		})
	}
}

// findings renders the error and the error and warning diagnostics.
func findings(err error, ds model.Diagnostics) string {
	var b strings.Builder
	if err != nil {
		b.WriteString(err.Error())
		b.WriteString("\n")
	}
	for _, d := range ds {
		if d.Severity >= model.SevWarning {
			b.WriteString(d.String())
			b.WriteString("\n")
		}
	}
	if len(b.String()) > 4000 {
		return b.String()[:4000] + "..."
	}
	return b.String()
}

// measure runs fn and returns the peak of live heap objects sampled every
// millisecond (the heap before fn subtracted), and how long fn took.
func measure(fn func()) (uint64, time.Duration) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	var peak uint64
	var mu sync.Mutex
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			v := read()
			mu.Lock()
			peak = max(peak, v)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	start := time.Now()
	fn()
	took := time.Since(start)
	close(done)
	wg.Wait()
	peak = max(peak, read())
	if peak < base {
		return 0, took
	}
	return peak - base, took
}

// TestRouteCycle: two appliances whose subnets route the internet to each
// other end in a blocked answer that names the loop, not an endless walk
// (R0.4). A VPC peered with itself is rejected earlier (R4.2, TestHostileInputs).
func TestRouteCycle(t *testing.T) {
	snap, ds, err := load.All([]string{fixture("appliance-loop.yaml")(t, "")}, load.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, findings(err, ds))
	}
	n := network.Compile(snap)
	src, err := names.Resolve(n, "host-a")
	if err != nil {
		t.Fatal(err)
	}
	dst, err := names.Resolve(n, "93.184.215.14")
	if err != nil {
		t.Fatal(err)
	}
	a := reach.Ask(n, reach.Question{Src: src, Dst: dst, Proto: model.ProtoTCP, DstPort: 443})
	if a.Reachable() || len(a.Explanations) == 0 || !strings.Contains(a.Explanations[0].Detail, "routing loop") {
		t.Fatalf("want blocked by a routing loop, got %v %+v", a.Verdict, a.Explanations)
	}
}
