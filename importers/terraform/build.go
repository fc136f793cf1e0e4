package terraform

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// mapper turns one resource into the model. Phase 1 creates resources; phase
// 2 attaches rules, routes and associations to what phase 1 created.
type mapper struct {
	phase int
	fn    func(b *builder, r *resource, o obj)
}

// mappers is every resource type the importer models; aws_alb* are the old
// names of aws_lb*.
var mappers = map[string]mapper{}

func register(phase int, fn func(b *builder, r *resource, o obj), types ...string) {
	for _, t := range types {
		mappers[t] = mapper{phase, fn}
	}
}

type builder struct {
	d  *doc
	s  *model.Snapshot
	ix *model.Index
	ds model.Diagnostics
	// post runs after phase 2: values that need other resources (a NAT gateway's VPC from its subnet).
	post []func()
}

func (d *doc) build() (*model.Snapshot, model.Diagnostics, error) {
	b := &builder{d: d, s: model.New()}
	b.s.Origins = []string{d.file}
	d.defaultRegion()
	b.skipped()
	for phase := 1; phase <= 2; phase++ {
		if phase == 2 {
			b.ix = model.NewIndex(b.s)
		}
		for _, r := range d.res {
			if m, ok := mappers[r.Type]; ok && m.phase == phase && r.Mode == "managed" {
				m.fn(b, r, d.root(r))
			}
		}
	}
	for _, f := range b.post {
		f()
	}
	b.s.Sort()
	b.ds.Append(d.ds)
	b.ds.Sort()
	return b.s, b.ds, nil
}

// skipped reports data sources and types that are not modelled, once per type.
func (b *builder) skipped() {
	data := 0
	first := map[string]*resource{}
	count := map[string]int{}
	for _, r := range b.d.res {
		if r.Mode != "managed" {
			data++
			continue
		}
		if _, ok := mappers[r.Type]; !ok {
			if first[r.Type] == nil {
				first[r.Type] = r
			}
			count[r.Type]++
		}
	}
	if data > 0 {
		b.ds.Infof(model.Source{File: b.d.file}, "", "%d data source instance(s) ignored: only managed resources are imported", data)
	}
	types := make([]string, 0, len(first))
	for t := range first {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		b.ds.Infof(first[t].Src, "", "resource type %s is not modelled (%d instance(s), first %s)", t, count[t], first[t].Addr)
	}
}

// defaultRegion picks the region for resources whose ARN does not say it: the
// provider's constant region, else the most common region among ARNs.
func (d *doc) defaultRegion() {
	if d.region != "" {
		return
	}
	votes := map[string]int{}
	for _, r := range d.res {
		if reg, _ := arnParts(str(r.Values["arn"])); reg != "" {
			votes[reg]++
		}
	}
	best := ""
	for reg, n := range votes {
		if n > votes[best] || (n == votes[best] && reg < best) {
			best = reg
		}
	}
	d.region = best
}

func str(v any) string { s, _ := v.(string); return s }

// arnParts returns the region and account of an ARN.
func arnParts(arn string) (region, account string) {
	p := strings.SplitN(arn, ":", 6)
	if len(p) < 6 || p[0] != "arn" {
		return "", ""
	}
	return p[3], p[4]
}

// meta fills what every resource carries: ID (real or placeholder), ARN,
// account, region, tags with the Terraform address, Name and source.
func (b *builder) meta(r *resource, o obj) model.Meta {
	m := model.Meta{ID: b.d.id(r), Source: r.Src}
	if arn := str(o.raw("arn")); strings.HasPrefix(arn, "arn:") {
		m.ARN = arn
		m.Region, m.Account = arnParts(arn)
	}
	if m.Account == "" {
		m.Account = str(o.raw("owner_id"))
	}
	if m.Region == "" {
		m.Region = b.d.region
	}
	tags := o.strMap("tags")
	if len(tags) == 0 {
		tags = o.strMap("tags_all")
	}
	if tags == nil {
		tags = map[string]string{}
	}
	tags["terraform:address"] = r.Addr
	m.SetTags(tags)
	if m.Name == "" {
		m.Name = r.Addr
	}
	if r.placeholder {
		m.Assume(noteID)
	}
	return m
}

// warnDangling reports an attachment whose target is not in the file.
func (b *builder) warnDangling(r *resource, field, kind, id string) {
	if id == "" {
		b.ds.Warnf(r.Src, r.Addr, "%s: %s is not set or cannot be resolved from the plan, so it is not attached to any %s", r.Addr, field, kind)
		return
	}
	b.ds.Warnf(r.Src, r.Addr, "%s: %s refers to %s %q, which is not in this file; it is not applied", r.Addr, field, kind, id)
}

func prefix(s string) (netip.Prefix, bool) {
	p, err := netip.ParsePrefix(strings.TrimSpace(s))
	return p, err == nil
}

func addr(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	return a, err == nil
}

// cidr parses a CIDR attribute, warning when it is set but malformed.
func (b *builder) cidr(r *resource, o obj, k string) (netip.Prefix, bool) {
	s := o.str(k)
	if s == "" {
		return netip.Prefix{}, false
	}
	p, ok := prefix(s)
	if !ok {
		b.ds.Warnf(r.Src, r.Addr, "%s: %s %q is not a CIDR block; ignored", r.Addr, k, s)
	}
	return p, ok
}

func lookup[T model.Resource](b *builder, id string) (T, bool) {
	var zero T
	if id == "" {
		return zero, false
	}
	return model.Lookup[T](b.ix, id)
}
