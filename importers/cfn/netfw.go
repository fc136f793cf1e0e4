package cfn

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// AWS Network Firewall (AWS::NetworkFirewall::Firewall, ::FirewallPolicy,
// ::RuleGroup), R7.40-R7.47. Ref and the *Arn attributes give one
// placeholder ID, so a policy finds its rule groups and a firewall its
// policy either way. The firewall's EndpointIds attribute lists
// "az:vpce-id" per subnet mapping, the IDs its converter gives the
// endpoints, so the common route pattern
// !Select [1, !Split [":", !Select [0, !GetAtt Firewall.EndpointIds]]]
// names an endpoint of the model. This file's init runs after ec2.go's and
// attrs.go's, which make the tables.
func init() {
	converters["AWS::NetworkFirewall::RuleGroup"] = converter{0, nfwRuleGroup}
	converters["AWS::NetworkFirewall::FirewallPolicy"] = converter{0, nfwPolicy}
	converters["AWS::NetworkFirewall::Firewall"] = converter{1, nfwFirewall}
	attrNames["AWS::NetworkFirewall::Firewall"] = []string{"EndpointIds", "FirewallArn", "FirewallId", "TransitGatewayAttachmentId"}
	attrNames["AWS::NetworkFirewall::FirewallPolicy"] = []string{"FirewallPolicyArn", "FirewallPolicyId"}
	attrNames["AWS::NetworkFirewall::RuleGroup"] = []string{"RuleGroupArn", "RuleGroupId"}
	for typ, names := range attrNames {
		if strings.HasPrefix(typ, "AWS::NetworkFirewall::") {
			attrSets[typ] = map[string]bool{}
			for _, n := range names {
				attrSets[typ][n] = true
			}
		}
	}
	attrTable["AWS::NetworkFirewall::Firewall"] = nfwFirewallAttr
	attrTable["AWS::NetworkFirewall::FirewallPolicy"] = nfwArnAttr
	attrTable["AWS::NetworkFirewall::RuleGroup"] = nfwArnAttr
}

func nfwArnAttr(_ *evaluator, r *resource, id, attr string) *Value {
	switch attr {
	case "FirewallPolicyArn", "RuleGroupArn":
		return Str(id)
	case "FirewallPolicyId", "RuleGroupId":
		return Str(r.hash("uuid", 32))
	}
	return nil
}

func nfwFirewallAttr(e *evaluator, r *resource, id, attr string) *Value {
	switch attr {
	case "FirewallArn":
		return Str(id)
	case "FirewallId":
		return Str(r.hash("uuid", 32))
	case "TransitGatewayAttachmentId":
		if e.propsOf(r).Get("TransitGatewayId") != nil {
			return Str(nfwTGWAttachment(r))
		}
	case "EndpointIds":
		var out []*Value
		for _, ep := range nfwEndpoints(e, r) {
			out = append(out, Str(ep.AZ+":"+ep.ID))
		}
		return List(out...)
	}
	return nil
}

func nfwTGWAttachment(r *resource) string { return "tgw-attach-0" + r.hash("tgw-attach", 16) }

// nfwEndpoints are the firewall's endpoints: one per subnet mapping, its
// zone the subnet's (a subnet of the template), or one per Availability
// Zone mapping of a transit-gateway-attached firewall.
func nfwEndpoints(e *evaluator, r *resource) []model.NFWEndpoint {
	props := e.propsOf(r)
	var out []model.NFWEndpoint
	if m := props.Get("SubnetMappings"); m != nil && m.Kind == KList {
		for _, x := range m.List {
			sub := x.Get("SubnetId")
			if sub == nil || sub.Kind != KString {
				continue
			}
			out = append(out, model.NFWEndpoint{ID: "vpce-0" + r.hash("endpoint/"+sub.Str, 16), Subnet: sub.Str, AZ: e.subnetAZ(sub.Str)})
		}
	}
	if m := props.Get("AvailabilityZoneMappings"); m != nil && m.Kind == KList {
		for _, x := range m.List {
			if az := x.Get("AvailabilityZone"); az != nil && az.Kind == KString {
				out = append(out, model.NFWEndpoint{ID: "vpce-0" + r.hash("endpoint/"+az.Str, 16), AZ: az.Str})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].AZ < out[j].AZ })
	return out
}

// subnetAZ is the AvailabilityZone of the template's subnet whose ID is id.
func (e *evaluator) subnetAZ(id string) string {
	for _, s := range e.resources {
		if s.Type == "AWS::EC2::Subnet" && s.physicalID() == id {
			if v := e.prop(s, "AvailabilityZone"); v.Kind == KString {
				return v.Str
			}
		}
	}
	return ""
}

func nfwFirewall(imp *importer, r *resource, p props) {
	m := p.meta(r.physicalID())
	f := &model.NetworkFirewall{ID: m.ID, Name: firstNonEmptyStr(p.str("FirewallName"), r.Logical), ARN: m.ID, Account: r.account,
		Region: r.region, VPC: p.str("VpcId"), Policy: p.str("FirewallPolicyArn"), Endpoints: nfwEndpoints(imp.ev, r), Source: m.Source}
	if p.has("TransitGatewayId") {
		f.TransitGateway, f.TGWAttachment = p.str("TransitGatewayId"), nfwTGWAttachment(r)
		// the attachment the firewall creates, which TGW route tables name (R7.47)
		am := p.meta(f.TGWAttachment)
		am.Name = r.Logical + " (attachment)"
		imp.snap.TGWAttachments = append(imp.snap.TGWAttachments, &model.TGWAttachment{Meta: am, TGW: f.TransitGateway,
			Type: model.TGWAttachNetworkFunction, ResourceID: f.ID})
	}
	imp.snap.NetworkFirewalls = append(imp.snap.NetworkFirewalls, f)
	imp.snap.ResolveNFWVariables() // $HOME_NET of groups that leave it to the policy or the VPC (R7.48)
}

func nfwPolicy(imp *importer, r *resource, p props) {
	var a model.NFWAPIPolicy
	if !nfwDecode(imp, r, p, "FirewallPolicy", &a) {
		return
	}
	m := p.meta(r.physicalID())
	imp.snap.NFWPolicies = append(imp.snap.NFWPolicies, a.ToModel(m.ID, firstNonEmptyStr(p.str("FirewallPolicyName"), r.Logical), m.ID, m.Source))
}

func nfwRuleGroup(imp *importer, r *resource, p props) {
	var a model.NFWAPIRuleGroup
	if !nfwDecode(imp, r, p, "RuleGroup", &a) {
		return
	}
	m := p.meta(r.physicalID())
	g, problems := a.ToModel(m.ID, firstNonEmptyStr(p.str("RuleGroupName"), r.Logical), m.ID, p.str("Type"), m.Source)
	for _, pr := range problems {
		imp.ds.Warnf(m.Source, m.ID, "%s: a rule netverify does not read makes the answers it could decide unknown (R7.44): %s", r.Logical, pr)
	}
	imp.snap.NFWRuleGroups = append(imp.snap.NFWRuleGroups, g)
}

// nfwDecode reads the property key (the API shape) into dst.
func nfwDecode(imp *importer, r *resource, p props, key string, dst any) bool {
	v := p.get(key)
	if v == nil {
		imp.ds.Errorf(imp.srcOf(r), r.Logical, "%s: %s has no %s property", r.Logical, r.Type, key)
		return false
	}
	if v.IsUnknown() {
		p.unknown(key, v)
	}
	b, _ := json.Marshal(toAny(v))
	if err := json.Unmarshal(b, dst); err != nil {
		imp.ds.Errorf(p.src(v), r.Logical, "%s: %s: %v", r.Logical, key, err)
		return false
	}
	return true
}

func firstNonEmptyStr(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
