// Package cfn imports CloudFormation and SAM templates (YAML or JSON) into the
// network model, for design reviews before anything is deployed.
//
// Templates are read through go.yaml.in/yaml/v3's Node API so short-form tags
// (!Ref, !GetAtt, !Sub, ...) and source positions survive; intrinsic functions
// are evaluated by a small symbolic evaluator (eval.go). A value that cannot
// be known offline (an Fn::ImportValue, a parameter without a value, an
// attribute AWS assigns at deployment) is an Unknown value carrying its reason,
// never an empty string. Physical IDs are deterministic placeholders hashed
// from the stack name and logical ID and every resource says so in
// Meta.Assumed; so are the placeholder public addresses (198.18.0.0/15) of
// Elastic IPs and of instances that get one at launch (R3.2). The SAM transform (sam.go) expands AWS::Serverless::Function,
// Api and HttpApi, including the API resource policies SAM generates (R9.4).
// Implicit AWS objects (main route table, local routes, default NACL and SG,
// requester-managed ENIs) are left to model.Derive. Resource types outside the
// model are reported once per type as "not modelled".
package cfn

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/netverify/netverify/model"
)

// LoadFile reads a template from path; see Load.
func LoadFile(path string, params map[string]string) (*model.Snapshot, model.Diagnostics, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("cfn: %w", err)
	}
	return Load(path, data, params)
}

// Load imports one template. params overrides parameter defaults and the
// pseudo parameters (AWS::Region, AWS::AccountId, AWS::StackName). The error
// is set only when the file is not a usable template (syntax error, no
// Resources); everything else is a diagnostic.
func Load(file string, data []byte, params map[string]string) (*model.Snapshot, model.Diagnostics, error) {
	return LoadUsing(file, data, params, nil)
}

// LoadUsing is Load that also records in used (when not nil) the names of
// params the template consumes: its declared parameters, pseudo parameters
// and Fn::ImportValue export names. A --param no source uses is a mistake.
func LoadUsing(file string, data []byte, params map[string]string, used map[string]bool) (*model.Snapshot, model.Diagnostics, error) {
	root, err := parse(file, data)
	if err != nil {
		return nil, nil, err
	}
	if root.Get("Resources") == nil {
		return nil, nil, fmt.Errorf("%s: not a CloudFormation template: no Resources section", file)
	}
	if res := root.Get("Resources"); res.Kind != KMap {
		return nil, nil, fmt.Errorf("%s:%d:%d: Resources must be a mapping of logical IDs to resources", file, res.Line, res.Col)
	}
	imp := newImporter(file, root, withStackName(params, data))
	imp.run()
	if imp.ev.limit != nil {
		return nil, nil, fmt.Errorf("%s:%w", file, imp.ev.limit)
	}
	for name := range imp.ev.usedParams {
		if used != nil {
			used[name] = true
		}
	}
	for i := range imp.ds {
		imp.ds[i].Message = abridge(imp.ds[i].Message)
	}
	imp.snap.Origins = []string{file}
	imp.snap.Sort()
	imp.ds.Sort()
	return imp.snap, imp.ds, nil
}

// Detect reports whether data is a CloudFormation or SAM template: it has
// AWSTemplateFormatVersion, or Resources whose Types start with AWS::.
// A file that fails to parse but plainly is a template is still detected, so
// that Load reports its syntax error.
func Detect(data []byte) bool {
	if len(data) > maxDetectParse {
		// CloudFormation takes templates up to 1 MB; parsing a huge file
		// just to ask would cost gigabytes. Its head tells.
		return looksLikeTemplate(data[:headSize])
	}
	var n yaml.Node
	if err := yaml.Unmarshal(untab(data), &n); err != nil || len(n.Content) == 0 {
		return looksLikeTemplate(data)
	}
	top := n.Content[0]
	if top.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(top.Content); i += 2 {
		switch top.Content[i].Value {
		case "AWSTemplateFormatVersion":
			return true
		case "Resources":
			if hasAWSTypes(top.Content[i+1]) {
				return true
			}
		}
	}
	return false
}

func hasAWSTypes(res *yaml.Node) bool {
	if res.Kind != yaml.MappingNode {
		return false
	}
	for i := 1; i < len(res.Content); i += 2 {
		r := res.Content[i]
		for j := 0; r.Kind == yaml.MappingNode && j+1 < len(r.Content); j += 2 {
			if r.Content[j].Value == "Type" && strings.HasPrefix(r.Content[j+1].Value, "AWS::") {
				return true
			}
		}
	}
	return false
}

// Files larger than maxDetectParse are detected from their first headSize bytes.
const (
	maxDetectParse = 8 << 20
	headSize       = 64 << 10
)

func looksLikeTemplate(data []byte) bool {
	return bytes.Contains(data, []byte("AWSTemplateFormatVersion")) ||
		bytes.Contains(data, []byte(`"Type": "AWS::`)) || bytes.Contains(data, []byte(`"Type":"AWS::`))
}

// untab replaces tabs in JSON documents: YAML forbids tab indentation, JSON
// allows it, and a tab can never be inside a valid JSON string.
func untab(data []byte) []byte {
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' && bytes.IndexByte(data, '\t') >= 0 {
		return bytes.ReplaceAll(data, []byte{'\t'}, []byte{' '})
	}
	return data
}

// parse reads YAML or JSON into a Value tree, with file:line:col errors.
func parse(file string, data []byte) (*Value, error) {
	if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
		if err := jsonSyntax(file, data); err != nil {
			return nil, err
		}
	}
	var n yaml.Node
	if err := yaml.Unmarshal(untab(data), &n); err != nil {
		return nil, yamlSyntax(file, untab(data), err)
	}
	if len(n.Content) == 0 {
		return nil, fmt.Errorf("%s: empty file, not a CloudFormation template", file)
	}
	v, err := fromNode(&n)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", file, err)
	}
	if v.Kind != KMap {
		return nil, fmt.Errorf("%s:%d:%d: not a CloudFormation template: the top level is not a mapping", file, v.Line, v.Col)
	}
	return v, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlSyntax reports a YAML syntax error at file:line:col. yaml.v3 names the
// line where the enclosing block starts, often far above the mistake; the
// shortest prefix of whole lines that fails to parse ends at the mistake, and
// the column is where that line's text starts.
func yamlSyntax(file string, data []byte, err error) error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	if at := firstBadLine(lines, len(data)); at > line {
		if line > 0 {
			msg += fmt.Sprintf(" (in the block that starts on line %d)", line)
		}
		line = at
	}
	if line <= 0 || line > len(lines) {
		return fmt.Errorf("%s: YAML syntax error: %s", file, msg)
	}
	text := lines[line-1]
	col := len(text) - len(bytes.TrimLeft(text, " \t")) + 1
	return fmt.Errorf("%s:%d:%d: YAML syntax error: %s", file, line, col, msg)
}

// maxBisectBytes bounds the templates whose syntax errors are located by
// bisection (a few parses of prefixes); larger ones keep yaml.v3's line.
const maxBisectBytes = 1 << 20

// firstBadLine returns the number of the line at which the document stops
// parsing (0 when it parses whole, or when it is too big to bisect), by
// bisection over line prefixes.
func firstBadLine(lines [][]byte, size int) int {
	if size > maxBisectBytes {
		return 0
	}
	fails := func(n int) bool {
		var v yaml.Node
		return yaml.Unmarshal(bytes.Join(lines[:n], nil), &v) != nil
	}
	lo, hi := 1, len(lines)
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

// jsonSyntax reports a JSON syntax error at file:line:col.
func jsonSyntax(file string, data []byte) error {
	var x any
	err := json.Unmarshal(data, &x)
	se, ok := err.(*json.SyntaxError)
	if !ok {
		return nil
	}
	line, col := lineCol(data, int(se.Offset))
	return fmt.Errorf("%s:%d:%d: invalid JSON: %s", file, line, col, se.Error())
}

func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// importer holds the state of one template import.
type importer struct {
	file      string
	root      *Value
	ev        *evaluator
	ds        model.Diagnostics
	snap      *model.Snapshot
	resources []*resource
	byLogical map[string]*resource
	objects   map[string]model.Resource // logical ID -> model object
	byID      map[string]model.Resource // physical ID -> model object
	skipped   map[string]bool           // types reported as not modelled
	sam       *samState
}

// withStackName gives params an AWS::StackName when none is set: "stack-"
// and a hash of the template's content and parameters. Placeholder IDs and
// physical names hash the stack name and the logical ID, so the same
// template gives the same IDs wherever the file lives and whatever it is
// called, and two different templates (or one with other parameters)
// loaded together get distinct IDs. --param AWS::StackName=NAME names the
// stack as it will be deployed.
func withStackName(params map[string]string, data []byte) map[string]string {
	if params["AWS::StackName"] != "" {
		return params
	}
	h := sha256.New()
	h.Write(data)
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "\x00%s=%s", k, params[k])
	}
	out := map[string]string{"AWS::StackName": "stack-" + hex.EncodeToString(h.Sum(nil))[:8]}
	for k, v := range params {
		out[k] = v
	}
	return out
}

func newImporter(file string, root *Value, params map[string]string) *importer {
	imp := &importer{file: file, root: root, snap: model.New(), byLogical: map[string]*resource{},
		objects: map[string]model.Resource{}, byID: map[string]model.Resource{}, skipped: map[string]bool{}}
	imp.ev = &evaluator{file: file, overrides: params, mappings: root.Get("Mappings"), conditions: root.Get("Conditions"),
		condCache: map[string]tri{}, condBusy: map[string]bool{}, resources: map[string]*resource{},
		attrBusy: map[string]bool{}, ds: &imp.ds, warned: map[string]bool{}, usedParams: map[string]bool{}}
	imp.ev.pseudo = pseudoParams(file, params)
	imp.ev.params = imp.parameters(params)
	for k := range imp.ev.pseudo {
		if _, ok := params[k]; ok {
			imp.ev.usedParams[k] = true
		}
	}
	if _, ok := params["Region"]; ok && params["AWS::Region"] == "" && looksLikeRegion(params["Region"]) {
		imp.ev.usedParams["Region"] = true // read as AWS::Region
	}
	return imp
}

// MaxMessageBytes is the longest diagnostic message: longer ones (a message
// that quotes a huge value) are abridged in the middle.
const MaxMessageBytes = 400

func abridge(msg string) string {
	if len(msg) <= MaxMessageBytes {
		return msg
	}
	head, tail := msg[:MaxMessageBytes-100], msg[len(msg)-60:]
	return fmt.Sprintf("%s…[%d bytes abridged]…%s", strings.ToValidUTF8(head, ""), len(msg)-len(head)-len(tail), strings.ToValidUTF8(tail, ""))
}

func pseudoParams(file string, params map[string]string) map[string]string {
	stack := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	stack = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
			return r
		}
		return '-'
	}, stack)
	p := map[string]string{"AWS::Region": defaultRegion, "AWS::AccountId": defaultAccount, "AWS::StackName": stack,
		"AWS::Partition": "aws", "AWS::URLSuffix": "amazonaws.com"}
	for k := range p {
		if v, ok := params[k]; ok {
			p[k] = v
		}
	}
	if v, ok := params["Region"]; ok && params["AWS::Region"] == "" && looksLikeRegion(v) {
		p["AWS::Region"] = v
	}
	p["AWS::StackId"] = fmt.Sprintf("arn:aws:cloudformation:%s:%s:stack/%s/00000000-0000-0000-0000-000000000000", p["AWS::Region"], p["AWS::AccountId"], p["AWS::StackName"])
	if strings.HasPrefix(p["AWS::Region"], "cn-") {
		p["AWS::Partition"], p["AWS::URLSuffix"] = "aws-cn", "amazonaws.com.cn"
	}
	return p
}

func looksLikeRegion(s string) bool {
	parts := strings.Split(s, "-")
	return len(parts) == 3 && len(parts[0]) == 2
}

// parameters resolves each parameter: --param value, else Default, else unknown.
func (imp *importer) parameters(over map[string]string) map[string]*Value {
	out := map[string]*Value{}
	ps := imp.root.Get("Parameters")
	if ps == nil || ps.Kind != KMap {
		return out
	}
	for _, name := range ps.Keys {
		def := ps.Map[name]
		typ := ""
		if t := def.Get("Type"); t != nil {
			typ = t.Str
		}
		var v *Value
		if s, ok := over[name]; ok {
			imp.ev.usedParams[name] = true
			v = Str(s)
		} else if strings.HasPrefix(typ, "AWS::SSM::Parameter::Value") {
			v = Unknown("parameter %s is read from SSM Parameter Store at deployment (pass --param %s=VALUE)", name, name)
		} else if d := def.Get("Default"); d != nil && d.Kind != KNull {
			v = d
		} else {
			v = Unknown("parameter %s has no default and no value (pass --param %s=VALUE)", name, name)
		}
		if v.Kind == KString && (strings.HasPrefix(typ, "List<") || typ == "CommaDelimitedList" || strings.Contains(typ, "::List<")) {
			l := List()
			for _, p := range strings.Split(v.Str, ",") {
				l.List = append(l.List, Str(strings.TrimSpace(p)))
			}
			v = l
		}
		out[name] = v.at(def.Line, def.Col)
	}
	return out
}

// run collects the resources, applies the SAM transform and converts.
func (imp *importer) run() {
	imp.collect()
	if imp.isSAM() || imp.untransformedSAM() {
		imp.samPrepare()
	}
	for _, r := range imp.resources {
		imp.ev.resources[r.Logical] = r
	}
	var active []*resource
	for _, r := range imp.resources {
		if imp.enabled(r) {
			active = append(active, r)
		}
	}
	for _, phase := range []int{0, 1, 2} {
		for _, r := range active {
			imp.convert(r, phase)
		}
	}
	if imp.sam != nil {
		imp.samFinish()
	}
}

// collect reads the Resources section in template order.
func (imp *importer) collect() {
	res := imp.root.Get("Resources")
	stack := imp.ev.pseudo["AWS::StackName"]
	for _, name := range res.Keys {
		def := res.Map[name]
		r := &resource{Logical: name, Def: def, Line: def.keyLine, Col: def.keyCol, stack: stack,
			region: imp.ev.pseudo["AWS::Region"], account: imp.ev.pseudo["AWS::AccountId"]}
		t := def.Get("Type")
		if def.Kind != KMap || t == nil || t.Kind != KString {
			imp.ds.Errorf(imp.srcOf(r), name, "resource %s has no Type; CloudFormation would reject the template", name)
			continue
		}
		r.Type = t.Str
		r.Raw = def.Get("Properties")
		if r.Raw == nil || r.Raw.Kind != KMap {
			r.Raw = NewMap().at(def.Line, def.Col)
		}
		if c := def.Get("Condition"); c != nil && c.Kind == KString {
			r.Cond = c.Str
		}
		imp.add(r)
	}
}

func (imp *importer) add(r *resource) {
	imp.resources = append(imp.resources, r)
	imp.byLogical[r.Logical] = r
}

func (imp *importer) srcOf(r *resource) model.Source {
	return model.Source{File: imp.file, Line: r.Line, Col: r.Col}
}

// enabled evaluates the resource's Condition. A condition that depends on an
// unknown value keeps the resource, with a note that it may not exist.
func (imp *importer) enabled(r *resource) bool {
	if r.Cond == "" {
		return true
	}
	switch imp.ev.namedCond(r.Cond, r.Def) {
	case triTrue:
		return true
	case triFalse:
		return false
	}
	imp.ds.Warnf(imp.srcOf(r), r.Logical, "resource %s: condition %s depends on an unknown value; the resource is kept, assuming it is created", r.Logical, r.Cond)
	return true
}

// convert dispatches a resource to its converter if it runs in this phase.
func (imp *importer) convert(r *resource, phase int) {
	c, ok := converters[r.Type]
	if !ok {
		if phase == 0 {
			imp.notModelled(r)
		}
		return
	}
	if c.phase != phase {
		return
	}
	c.fn(imp, r, imp.props(r))
}

// notModelled reports a resource type outside the network model, once per type.
func (imp *importer) notModelled(r *resource) {
	if imp.skipped[r.Type] {
		return
	}
	imp.skipped[r.Type] = true
	var same []string
	for _, o := range imp.resources {
		if o.Type == r.Type {
			same = append(same, o.Logical)
		}
	}
	sort.Strings(same)
	imp.ds.Infof(imp.srcOf(r), "", "%s is not modelled by netverify; skipped %s", r.Type, strings.Join(same, ", "))
}

// isSAM reports whether the template uses the Serverless transform.
// untransformedSAM reports whether the template uses AWS::Serverless types
// without the SAM Transform, and warns: CloudFormation would reject it, but
// the author's intent is plain, so it is read as SAM (found by fuzzing).
func (imp *importer) untransformedSAM() bool {
	for _, r := range imp.resources {
		if strings.HasPrefix(r.Type, "AWS::Serverless::") {
			imp.ds.Warnf(imp.srcOf(r), r.Logical, "%s is of type %s but the template has no `Transform: AWS::Serverless-2016-10-31`; "+
				"CloudFormation would reject it; read as SAM", r.Logical, r.Type)
			return true
		}
	}
	return false
}

func (imp *importer) isSAM() bool {
	t := imp.root.Get("Transform")
	if t == nil {
		return false
	}
	return strings.Contains(t.String(), "AWS::Serverless")
}
