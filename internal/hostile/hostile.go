// Package hostile makes the malformed and hostile inputs that the hardening
// tests (issue 10) feed to every importer: deep nesting, YAML alias bombs,
// huge single-line files, NUL bytes, invalid UTF-8, and the seed corpora of
// the fuzz targets, read from ../shared/corpus at test time.
//
// Inputs are generated, not committed: a 50 MB file or 10,000 files would
// bloat the repository, and a generator says what the input is.
package hostile

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/netverify/netverify/internal/testcorpus"
)

// DeepJSON returns n nested JSON arrays under the member key
// ({"key": [[[...]]]}): encoding/json stops at depth 10,000, a recursive
// decoder without a limit runs out of stack.
func DeepJSON(key string, n int) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "{%q: ", key)
	b.WriteString(strings.Repeat("[", n))
	b.WriteString(strings.Repeat("]", n))
	b.WriteString("}\n")
	return b.Bytes()
}

// DeepYAML returns n nested YAML flow sequences under key (key: [[[...]]]).
func DeepYAML(key string, n int) []byte {
	return []byte(key + ": " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n")
}

// AliasBomb returns the YAML "billion laughs": levels of anchors, each a list
// of ten aliases of the previous one, so that naive expansion makes 10^levels
// nodes from a few hundred bytes. The document starts with prefix (e.g. a
// format marker) and the bomb hangs under key.
func AliasBomb(prefix, key string, levels int) []byte {
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString("a0: &a0 [lol]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 10 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	fmt.Fprintf(&b, "%s: *a%d\n", key, levels)
	return []byte(b.String())
}

// LongLine returns a file of about size bytes on one line: a JSON object with
// the member key holding a list of filler strings (valid JSON, no newline).
func LongLine(key string, size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 64)
	fmt.Fprintf(&b, "{%q: [", key)
	filler := `"` + strings.Repeat("x", 1000) + `"`
	for first := true; b.Len() < size; first = false {
		if !first {
			b.WriteByte(',')
		}
		b.WriteString(filler)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// CorpusFiles lists the regular files under ../shared/corpus/sub whose names
// end in one of exts and that hold at most maxSize bytes, sorted; nil when
// the corpus is absent (fuzz targets then fall back to their inline seeds).
func CorpusFiles(sub string, maxSize int64, exts ...string) []string {
	root := testcorpus.Find()
	if root == "" {
		return nil
	}
	var out []string
	_ = filepath.WalkDir(filepath.Join(root, sub), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !hasExt(p, exts) {
			return nil
		}
		if info, err := d.Info(); err == nil && info.Size() <= maxSize {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func hasExt(p string, exts []string) bool {
	for _, e := range exts {
		if strings.HasSuffix(p, e) {
			return true
		}
	}
	return false
}

// Seeder is the part of *testing.F that seeding needs.
type Seeder interface{ Add(args ...any) }

// SeedFiles adds the content of each file as one []byte seed (unreadable
// files are skipped: seeds are a help, not a requirement).
func SeedFiles(f Seeder, files []string) int {
	n := 0
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
			n++
		}
	}
	return n
}

// SharedRules returns a scenario of groups security groups: the first
// anchors its ingress list of rules rules as &R, every other one is the
// alias *R. A few hundred kilobytes expand, alias by alias, to groups*rules
// rules (issue 24).
func SharedRules(groups, rules int) []byte {
	var b strings.Builder
	b.WriteString("netverify: v1\nname: shared rules\ndefaults: {account: \"111111111111\", region: us-east-1}\n")
	b.WriteString("vpcs:\n  - {id: vpc-a, cidr: 10.0.0.0/16}\nsecurityGroups:\n  - id: sg-0\n    vpc: vpc-a\n    ingress: &R\n")
	for i := range rules {
		fmt.Fprintf(&b, "      - {proto: tcp, ports: %d, cidr: 10.%d.%d.0/24}\n", 1+i%65535, i/256%256, i%256)
	}
	for i := 1; i < groups; i++ {
		fmt.Fprintf(&b, "  - {id: sg-%d, vpc: vpc-a, ingress: *R}\n", i)
	}
	return []byte(b.String())
}

// ManySubnets returns describe-JSON of n /28 subnets, all distinct, in one
// VPC of 10.0.0.0/8 (far more than AWS allows a VPC: a generated input that
// must not cost n² to validate), as Subnets.json.
func ManySubnets(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"Subnets": [`)
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		a := i << 4
		fmt.Fprintf(&b, "\n{\"SubnetId\": \"subnet-%08x\", \"VpcId\": \"vpc-1\", \"CidrBlock\": \"10.%d.%d.%d/28\", \"AvailabilityZone\": \"us-east-1a\"}",
			i, a>>16&255, a>>8&255, a&255)
	}
	b.WriteString("\n]}\n")
	return b.Bytes()
}
