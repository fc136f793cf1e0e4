package awsjson

import (
	"encoding/json"
	"net/netip"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// The AWS WAF (WAFv2) outputs: get-web-acl, get-ip-set and the web ACLs'
// associations (list-resources-for-web-acl, in a wrapper naming the ACL).
// The SDK is not a dependency: these are the documented output shapes.

// The free-form members are raw: the importer's decoder reads typed
// fields; these are handed to encoding/json.
type wafRuleJSON struct {
	Name           string
	Priority       int
	Action         json.RawMessage
	OverrideAction json.RawMessage
	Statement      json.RawMessage
}

type wafACLJSON struct {
	Name, Id, ARN string
	DefaultAction json.RawMessage
	Rules         []wafRuleJSON
}

func rawMap(b json.RawMessage) map[string]any {
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m
}

type getWebACLOutput struct{ WebACL *wafACLJSON }

type ipSetJSON struct {
	Name, Id, ARN    string
	IPAddressVersion string
	Addresses        []string
}

type getIPSetOutput struct{ IPSet *ipSetJSON }

type webACLResourcesOutput struct {
	WebACLResources []struct {
		WebACLArn    string
		ResourceArns []string
	}
}

func webACL(c *fileCtx, out *getWebACLOutput, ps []pos) {
	a := out.WebACL
	if a == nil {
		return
	}
	acl := &model.WebACL{Meta: c.arnMeta(orStr(a.Id, a.Name), a.ARN, at(ps, 0)), ACLName: a.Name,
		DefaultAction: model.WAFAction(rawMap(a.DefaultAction)), Scope: scopeOfARN(a.ARN)}
	for _, r := range a.Rules {
		acl.Rules = append(acl.Rules, model.WAFRule{Name: r.Name, Priority: r.Priority, Action: model.WAFAction(rawMap(r.Action)),
			Override: model.WAFAction(rawMap(r.OverrideAction)), Statement: model.ParseWAFStatement(rawMap(r.Statement))})
	}
	c.part.WebACLs = append(c.part.WebACLs, acl)
}

func ipSet(c *fileCtx, out *getIPSetOutput, ps []pos) {
	s := out.IPSet
	if s == nil {
		return
	}
	set := &model.IPSet{Meta: c.arnMeta(orStr(s.Id, s.Name), s.ARN, at(ps, 0)), SetName: s.Name}
	for _, a := range s.Addresses {
		p, err := netip.ParsePrefix(strings.TrimSpace(a))
		if err != nil {
			c.diags.Warnf(c.src(at(ps, 0)), s.Name, "%s: IP set %s: %q is not a CIDR; skipped", c.path, s.Name, a)
			continue
		}
		set.Addresses = append(set.Addresses, p.Masked())
	}
	c.part.IPSets = append(c.part.IPSets, set)
}

func webACLResources(c *fileCtx, out *webACLResourcesOutput, ps []pos) {
	for i, x := range out.WebACLResources {
		arn, res, src := x.WebACLArn, append([]string(nil), x.ResourceArns...), c.src(at(ps, i))
		sort.Strings(res)
		c.fixup(func(l *linker) {
			for _, w := range l.s.WebACLs {
				if w.ARN == arn {
					w.Resources = append(w.Resources, res...)
					return
				}
			}
			l.warn(src, arn, "associations of web ACL %s, which is not in the snapshot (add the output of `aws wafv2 get-web-acl`); ignored", arn)
		})
	}
}

// scopeOfARN: arn:aws:wafv2:REGION:ACCOUNT:regional/webacl/NAME/ID.
func scopeOfARN(arn string) string {
	switch {
	case strings.Contains(arn, ":regional/"):
		return "REGIONAL"
	case strings.Contains(arn, ":global/"):
		return "CLOUDFRONT"
	}
	return ""
}

func orStr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
