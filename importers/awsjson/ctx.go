package awsjson

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/netverify/netverify/model"
)

// fileCtx is what one file contributes: its resources, its diagnostics and
// the links to resources of other files, applied once everything is merged.
type fileCtx struct {
	path            string
	account, region string // from the path; empty when the path does not say
	part            *model.Snapshot
	diags           model.Diagnostics
	fixups          []func(*linker)
	notices         []notice
	known           bool     // the file held at least one member the importer reads
	read            []string // the handlers' file names that ran (see unlisted.go)
}

// notice is an info reported once per key across the whole load.
type notice struct {
	key, msg string
	src      model.Source
}

func newFileCtx(root, path string) *fileCtx {
	a, r := pathScope(root, path)
	return &fileCtx{path: path, account: a, region: r, part: model.New()}
}

func (c *fileCtx) src(p pos) model.Source {
	return model.Source{File: c.path, Line: p.line, Col: p.col}
}

// at returns the position of element i, or the file's first line when unknown.
func at(ps []pos, i int) pos {
	if i < len(ps) {
		return ps[i]
	}
	if len(ps) > 0 {
		return ps[0]
	}
	return pos{1, 1}
}

// meta starts a resource's Meta with the file's account and region and the
// element's position; owner (an account ID) and az refine them when the path
// said nothing.
func (c *fileCtx) meta(id string, p pos, owner, az *string) model.Meta {
	m := model.Meta{ID: id, Account: c.account, Region: c.region, Source: c.src(p)}
	if m.Account == "" {
		m.Account = str(owner)
	}
	if m.Region == "" {
		m.Region = regionOfAZ(str(az))
	}
	return m
}

// arnMeta fills account and region from an ARN when the path did not say.
func (c *fileCtx) arnMeta(id, arn string, p pos) model.Meta {
	m := c.meta(id, p, nil, nil)
	m.ARN = arn
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) == 6 {
		if m.Region == "" {
			m.Region = parts[3]
		}
		if m.Account == "" {
			m.Account = parts[4]
		}
	}
	return m
}

func (c *fileCtx) fixup(f func(*linker)) { c.fixups = append(c.fixups, f) }

func (c *fileCtx) notModelled(key, msg string, p pos) {
	c.notices = append(c.notices, notice{key: key, msg: msg, src: c.src(p)})
}

// regionOfAZ turns us-east-1a (or a Local Zone us-west-2-lax-1a) into us-east-1.
func regionOfAZ(az string) string {
	if az == "" {
		return ""
	}
	if m := regionPrefixRE.FindString(az); m != "" {
		return m
	}
	return ""
}

// decode dispatches each top-level member to its handler.
func (c *fileCtx) decode(doc *scanned) {
	name := baseName(c.path)
	if doc.top == '[' {
		// A --query projection: a bare list; the file name says what it holds.
		if h := handlerByName(name); h != nil && h.key != "" {
			k := topKey{name: h.key, start: 0, end: len(doc.buf), array: true, elems: doc.elems}
			c.run(h, doc.buf, &k)
			return
		}
		c.skipFile(name, "a bare JSON list whose file name does not say what it holds", doc.start)
		return
	}
	hs := make([]*handler, len(doc.keys))
	handled := false
	for i, k := range doc.keys {
		h := handlerByKey[k.name]
		if h != nil && h.generic {
			h = handlerForGeneric(k.name, name)
		}
		hs[i], handled = h, handled || h != nil
	}
	if !handled {
		// A single object (get-rest-api, describe-vpc-attribute): its members are the resource's fields.
		if h := handlerByName(name); h != nil && h.key == "" {
			k := topKey{elems: []pos{doc.start}}
			c.run(h, doc.buf, &k)
			return
		}
	}
	for i := range doc.keys {
		if k := &doc.keys[i]; hs[i] == nil {
			c.unknown(k, doc)
		} else {
			c.run(hs[i], doc.buf[k.start:k.end], k)
		}
	}
}

// run decodes buf, the value of the handler's member (the whole object when
// its key is ""), into the handler's SDK output type and maps it.
func (c *fileCtx) run(h *handler, buf []byte, k *topKey) {
	c.known = true
	c.read = append(c.read, h.file)
	out := h.target()
	var err error
	if h.key == "" {
		err = decodeInto(buf, out, "", 0)
	} else {
		items := 0
		if k.array {
			items = len(k.elems)
		}
		err = decodeMember(buf, out, h.key, items)
	}
	if err != nil {
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) {
			c.diags.Errorf(c.src(at(k.elems, 0)), "", "%s: cannot decode %s as the output of `%s`: %v", c.path, k.name, h.command, err)
			return
		}
		// encoding/json skips the field and decodes the rest: keep what it read.
		c.diags.Warnf(c.src(at(k.elems, 0)), "", "%s: %s: field %s has a %s where `%s` prints a %s; that field was ignored",
			c.path, k.name, te.Field, te.Value, h.command, te.Type)
	}
	elems := k.elems
	if k.array && h.key != "" {
		elems = c.dropEmpty(out, h.key, elems)
	}
	h.apply(c, out, elems)
}

// unknown reports a member no handler reads: metadata is ignored, other
// services are skipped once per file, the rest is "not modelled" once per key.
func (c *fileCtx) unknown(k *topKey, doc *scanned) {
	if metadataKeys[k.name] || (!k.array && !strings.HasPrefix(string(doc.buf[k.start:min(k.start+1, k.end)]), "{")) {
		return
	}
	if svc, ok := otherServices[k.name]; ok {
		c.diags.Infof(c.src(at(k.elems, 0)), "", "skipped: %s (%s) is not part of the network model", k.name, svc)
		return
	}
	c.notModelled("key:"+k.name, fmt.Sprintf("%s is not modelled; files holding it are skipped (first seen in %s)", k.name, c.path), at(k.elems, 0))
}

func (c *fileCtx) skipFile(name, why string, p pos) {
	c.diags.Infof(c.src(p), "", "%s is %s; skipped", c.path, why)
}

// metadataKeys are pagination and response members that carry no resources.
var metadataKeys = map[string]bool{
	"NextToken": true, "nextToken": true, "ResponseMetadata": true, "MaxResults": true, "IsTruncated": true,
	"MaxItems": true, "Marker": true, "NextMarker": true, "position": true, "AdditionalRoutesAvailable": true,
	"ServiceNames": true, "DNSName": true, "HostedZoneId": true, "RevisionId": true,
}

// otherServices are members of services outside the network model.
var otherServices = map[string]string{
	"DBInstances": "RDS", "RdsInstances": "RDS", "DBClusters": "RDS", "DBSubnetGroups": "RDS",
	"ElasticsearchDomains": "Elasticsearch", "DomainStatus": "Elasticsearch", "DomainStatusList": "Elasticsearch",
	"ClusterInfoList": "MSK", "Clusters": "Redshift", "ClusterSubnetGroups": "Redshift",
	"clusterArns": "ECS", "tasks": "ECS", "failures": "ECS", "LoadBalancerDescriptions": "Classic ELB",
	"Policy": "Lambda resource policy", "CacheClusters": "ElastiCache",
}
