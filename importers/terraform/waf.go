package terraform

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// AWS WAF (R9.21): aws_wafv2_ip_set, aws_wafv2_web_acl and
// aws_wafv2_web_acl_association.
func init() {
	register(1, mapIPSet, "aws_wafv2_ip_set")
	register(1, mapWebACL, "aws_wafv2_web_acl")
	register(2, mapWebACLAssociation, "aws_wafv2_web_acl_association")
}

func mapIPSet(b *builder, r *resource, o obj) {
	set := &model.IPSet{Meta: b.meta(r, o), SetName: o.str("name")}
	for _, a := range o.strs("addresses") {
		p, err := netip.ParsePrefix(strings.TrimSpace(a))
		if err != nil {
			b.ds.Warnf(r.Src, r.Addr, "%s: %q is not a CIDR; skipped", r.Addr, a)
			continue
		}
		set.Addresses = append(set.Addresses, p.Masked())
	}
	b.s.IPSets = append(b.s.IPSets, set)
}

func mapWebACL(b *builder, r *resource, o obj) {
	acl := &model.WebACL{Meta: b.meta(r, o), ACLName: o.str("name"), Scope: strings.ToUpper(o.str("scope")),
		DefaultAction: tfAction(o, "default_action")}
	for _, rule := range o.blocks("rule") {
		n, _ := rule.num("priority")
		wr := model.WAFRule{Name: rule.str("name"), Priority: int(n), Action: tfAction(rule, "action"), Override: tfAction(rule, "override_action")}
		if st := rule.blocks("statement"); len(st) > 0 {
			wr.Statement = tfStatement(st[0])
		} else {
			wr.Statement = model.WAFStatement{Other: "statement netverify cannot read"}
		}
		acl.Rules = append(acl.Rules, wr)
	}
	b.s.WebACLs = append(b.s.WebACLs, acl)
}

// tfAction reads action { block {} } (or default_action, override_action).
func tfAction(o obj, k string) string {
	for _, a := range o.blocks(k) {
		for _, name := range []string{"allow", "block", "count", "captcha", "challenge", "none"} {
			if len(a.blocks(name)) > 0 {
				return strings.ToUpper(name)
			}
		}
	}
	return ""
}

// tfStatement reads a statement block: the evaluated types through obj (so
// that references to IP sets resolve), any other type by its name.
func tfStatement(o obj) model.WAFStatement {
	var st model.WAFStatement
	if bs := o.blocks("ip_set_reference_statement"); len(bs) > 0 {
		st.IPSet = bs[0].str("arn")
		if fw := bs[0].blocks("ip_set_forwarded_ip_config"); len(fw) > 0 {
			st.ForwardedIP = orDefault(fw[0].str("header_name"), "forwarded-IP")
		}
		return st
	}
	if bs := o.blocks("geo_match_statement"); len(bs) > 0 {
		st.Geo, st.CountryCodes = true, bs[0].strs("country_codes")
		if fw := bs[0].blocks("forwarded_ip_config"); len(fw) > 0 {
			st.ForwardedIP = orDefault(fw[0].str("header_name"), "forwarded-IP")
		}
		return st
	}
	for _, k := range []string{"and_statement", "or_statement"} {
		if bs := o.blocks(k); len(bs) > 0 {
			var kids []model.WAFStatement
			for _, c := range bs[0].blocks("statement") {
				kids = append(kids, tfStatement(c))
			}
			if k == "and_statement" {
				st.And = kids
			} else {
				st.Or = kids
			}
			return st
		}
	}
	if bs := o.blocks("not_statement"); len(bs) > 0 {
		if c := bs[0].blocks("statement"); len(c) > 0 {
			inner := tfStatement(c[0])
			st.Not = &inner
			return st
		}
	}
	for _, k := range o.keys() {
		if strings.HasSuffix(k, "_statement") && len(o.blocks(k)) > 0 {
			st.Other = model.ParseWAFStatement(map[string]any{k: map[string]any{}}).Other
			return st
		}
	}
	st.Other = "statement netverify cannot read"
	return st
}

// keys are the attribute and block names of o, in the values or the configuration.
func (o obj) keys() []string {
	seen := map[string]bool{}
	var out []string
	for k := range o.vals {
		seen[k] = true
	}
	for k := range o.exprs {
		seen[k] = true
	}
	for k := range seen {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

func mapWebACLAssociation(b *builder, r *resource, o obj) {
	aclRef := o.str("web_acl_arn")
	var acl *model.WebACL
	for _, w := range b.s.WebACLs {
		if w.ARN == aclRef || w.ID == aclRef {
			acl = w
		}
	}
	if acl == nil {
		b.warnDangling(r, "web_acl_arn", "web ACL", aclRef)
		return
	}
	res := o.str("resource_arn")
	if _, _, ok := model.StageOfARN(res); !ok {
		if st := b.stageRef(r, o); st != "" {
			res = st
		}
	}
	if res == "" {
		b.warnDangling(r, "resource_arn", "resource", res)
		return
	}
	acl.Resources = append(acl.Resources, res)
}

// stageRef: a resource_arn that refers to an aws_api_gateway_stage whose
// ARN the plan does not know yet is the stage's ARN built from its API and name.
func (b *builder) stageRef(r *resource, o obj) string {
	e := o.expr("resource_arn")
	if e == nil {
		return ""
	}
	for _, ref := range e.References {
		parts := strings.Split(ref, ".")
		if len(parts) < 2 || parts[0] != "aws_api_gateway_stage" {
			continue
		}
		for _, c := range b.d.res {
			if c.Type == parts[0] && c.Name == parts[1] && c.Module == r.Module {
				so := b.d.root(c)
				return model.StageARN(b.d.region, so.str("rest_api_id"), so.str("stage_name"))
			}
		}
	}
	return ""
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func sortStrings(xs []string) { sort.Strings(xs) }
