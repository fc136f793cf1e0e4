package cfn

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
)

// AWS WAF (R9.21): AWS::WAFv2::WebACL, ::IPSet and ::WebACLAssociation.
// A template's IP set and web ACL are found by Fn::GetAtt X.Arn (or Ref)
// from the web ACL's statements and from associations.

func (r *resource) wafARN() string {
	return fmt.Sprintf("arn:aws:%s:%s:%s:%s", serviceOf(r.Type), r.region, r.account, r.physicalID())
}

func wafIPSet(imp *importer, r *resource, p props) {
	set := &model.IPSet{Meta: p.meta(r.physicalID()), SetName: defaultStr(p.str("Name"), r.Logical)}
	set.ARN = r.wafARN()
	for _, a := range p.strs("Addresses") {
		pr, err := netip.ParsePrefix(strings.TrimSpace(a))
		if err != nil {
			imp.ds.Warnf(imp.srcOf(r), r.Logical, "AWS::WAFv2::IPSet %s: %q is not a CIDR; skipped", r.Logical, a)
			continue
		}
		set.Addresses = append(set.Addresses, pr.Masked())
	}
	imp.snap.IPSets = append(imp.snap.IPSets, set)
	imp.register(r, set)
	imp.byID[set.ARN] = set
}

func wafWebACL(imp *importer, r *resource, p props) {
	acl := &model.WebACL{Meta: p.meta(r.physicalID()), ACLName: defaultStr(p.str("Name"), r.Logical), Scope: strings.ToUpper(p.str("Scope")),
		DefaultAction: model.WAFAction(plain(p.get("DefaultAction")))}
	acl.ARN = r.wafARN()
	if v := p.get("Rules"); v != nil && v.Kind == KList {
		for _, x := range v.List {
			m, _ := plain(x).(map[string]any)
			rp := p.sub(x)
			acl.Rules = append(acl.Rules, model.WAFRule{Name: rp.str("Name"), Priority: rp.integer("Priority", 0),
				Action: model.WAFAction(m["Action"]), Override: model.WAFAction(m["OverrideAction"]),
				Statement: model.ParseWAFStatement(asMap(m["Statement"]))})
		}
	}
	imp.snap.WebACLs = append(imp.snap.WebACLs, acl)
	imp.register(r, acl)
	imp.byID[acl.ARN] = acl
}

func wafAssociation(imp *importer, r *resource, p props) {
	acl, ok := target[*model.WebACL](p, "WebACLArn", "web ACL")
	if !ok {
		return
	}
	res := p.str("ResourceArn")
	if res == "" {
		imp.ds.Warnf(imp.srcOf(r), r.Logical, "AWS::WAFv2::WebACLAssociation %s: its ResourceArn is not known offline; the association is not applied", r.Logical)
		return
	}
	acl.Resources = append(acl.Resources, res)
}

// plain turns an evaluated value into plain maps, lists and strings.
func plain(v *Value) any {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case KMap:
		m := make(map[string]any, len(v.Map))
		for k, x := range v.Map {
			m[k] = plain(x)
		}
		return m
	case KList:
		l := make([]any, len(v.List))
		for i, x := range v.List {
			l[i] = plain(x)
		}
		return l
	case KString:
		return v.Str
	}
	return nil
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}
