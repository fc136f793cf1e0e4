// Package scenarios reads netverify's hand-written YAML format: a whole
// network designed before deployment, or an overlay on an imported snapshot
// that adds what AWS data never contains (on-premises sites, DNS servers,
// clients) and intents, the expected answers that `netverify check` verifies.
//
// The format is described in FORMAT.md and, for editors, in schema.json. The
// YAML is read with the yaml.v3 Node API so that every resource, rule and
// problem keeps its file:line. References are by ID or name; names of this
// file are resolved here, the rest by model.Validate after all sources are
// merged. The built-in examples (examples/*.yaml) model the canonical
// scenarios S1-S8 of docs/RULES.md.
package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/netverify/netverify/internal/inputfile"
	"github.com/netverify/netverify/model"
)

// Version is the format version this package reads (`netverify: v1`).
const Version = "v1"

// LoadFile reads the scenario at path; see Load.
func LoadFile(path string) (*model.Snapshot, model.Diagnostics, error) {
	data, err := inputfile.Read(path, inputfile.MaxSize)
	if err != nil {
		return nil, nil, fmt.Errorf("scenario: %w", err)
	}
	return Load(path, data)
}

// Load reads a scenario; file names it in positions and messages. Every
// problem is reported as a diagnostic; a non-nil error means the file has
// error diagnostics and is rejected. The snapshot is marked strict (its
// dangling references are errors in model.Validate) and is neither derived
// nor validated: the loader does both after merging all sources.
func Load(file string, data []byte) (*model.Snapshot, model.Diagnostics, error) {
	var root yaml.Node
	var ds model.Diagnostics
	if err := yaml.Unmarshal(data, &root); err != nil {
		line, msg := yamlError(err)
		if at := firstBadLine(data); at > line {
			msg += fmt.Sprintf(" (in the block that starts on line %d)", line)
			line = at
		}
		ds.Errorf(model.Source{File: file, Line: line}, "", "YAML syntax error: %s", msg)
		return nil, ds, rejected(file, ds)
	}
	if len(root.Content) == 0 {
		ds.Errorf(model.Source{File: file}, "", "the file is empty; a scenario starts with `netverify: v1`")
		return nil, ds, rejected(file, ds)
	}
	doc := &Document{}
	dec := newDecoder()
	dec.decode(root.Content[0], reflectValue(doc), "")
	for _, e := range dec.errs {
		ds.Errorf(model.Source{File: file, Line: e.at.Line, Col: e.at.Col}, "", "%s", e.msg)
	}
	if dec.stopped { // past a limit the document is incomplete: converting it would only add noise
		ds.Sort()
		return nil, ds, rejected(file, ds)
	}
	c := newConv(file, doc)
	c.checkHeader()
	c.convert()
	ds.Append(c.ds)
	ds.Sort()
	s := c.s
	s.MarkStrict(file)
	s.Origins = []string{file}
	if ds.HasErrors() {
		return s, ds, rejected(file, ds)
	}
	return s, ds, nil
}

func rejected(file string, ds model.Diagnostics) error {
	n := ds.Count(model.SevError)
	if n == 1 {
		return errors.New("scenario " + file + ": 1 error")
	}
	return fmt.Errorf("scenario %s: %d errors", file, n)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError splits "yaml: line 3: mapping values are not allowed" into line and message.
func yamlError(err error) (int, string) {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n, m[2]
	}
	return 0, strings.TrimPrefix(msg, "yaml: ")
}

// firstBadLine returns the number of the first line at which the document
// stops parsing: yaml.v3 reports the line where the enclosing block starts,
// which is often far from the mistake. Prefixes of valid YAML that end at a
// line boundary parse, so the shortest failing prefix ends at the mistake.
func firstBadLine(data []byte) int {
	lines := bytes.SplitAfter(data, []byte("\n"))
	fails := func(n int) bool {
		var v yaml.Node
		return yaml.Unmarshal(bytes.Join(lines[:n], nil), &v) != nil
	}
	lo, hi := 1, len(lines) // fails(hi) holds
	if !fails(hi) {
		return 0
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

func newConv(file string, doc *Document) *conv {
	return &conv{file: file, doc: doc, s: model.New(), ids: map[string]pos{}, idOf: map[*Common]string{},
		kind: map[*Common]string{}, loc: map[string]map[string]string{}}
}

func (c *conv) checkHeader() {
	switch {
	case !c.doc.has("netverify"):
		c.errf(c.doc.at, "not a netverify scenario: the file must start with `netverify: %s`", Version)
	case c.doc.Netverify != Version:
		c.errf(c.doc.of("netverify"), "netverify: version %q is not supported (this netverify reads %s)", c.doc.Netverify, Version)
	}
}

// convert builds the snapshot kind by kind; route tables and NACLs come before
// subnets so that the subnet shorthands can associate with them.
func (c *conv) convert() {
	c.register()
	for _, step := range []func(){
		c.accounts, c.vpcs, c.routeTables, c.prefixLists, c.networkACLs, c.subnets, c.securityGroups, c.enis,
		c.instances, c.gateways, c.endpoints, c.endpointServices, c.peerings, c.tgws, c.hybrid, c.loadBalancers,
		c.lambdas, c.apis, c.hostedZones, c.resolvers, c.dnsFirewall, c.profiles, c.sites, c.dnsServers, c.clients, c.intents, c.appliances, c.blockPublicAccess, c.networkFirewalls,
	} {
		step()
	}
}

var detectKey = regexp.MustCompile(`(?m)^\s*["']?netverify["']?\s*:|"netverify"\s*:`)

// Detect reports whether data is a netverify scenario: it has the top-level
// key `netverify:`.
func Detect(data []byte) bool {
	if len(data) > 64<<10 {
		data = data[:64<<10]
	}
	return detectKey.Match(data)
}
