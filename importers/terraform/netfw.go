package terraform

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// AWS Network Firewall (aws_networkfirewall_firewall with its
// firewall_status sync states, aws_networkfirewall_firewall_policy,
// aws_networkfirewall_rule_group), R7.40-R7.47. The policy and rule group
// blocks are the API's shapes in snake case with one block per list
// element; apiShape rewrites them into the API's members so that the three
// importers share one conversion (model.NFWAPIPolicy, NFWAPIRuleGroup).
func init() {
	register(2, mapNFWFirewall, "aws_networkfirewall_firewall") // after its policy and rule groups
	register(1, mapNFWPolicy, "aws_networkfirewall_firewall_policy")
	register(1, mapNFWRuleGroup, "aws_networkfirewall_rule_group")
}

func mapNFWFirewall(b *builder, r *resource, o obj) {
	m := b.meta(r, o)
	f := &model.NetworkFirewall{ID: firstNonEmpty(m.ARN, m.ID), ARN: m.ARN, Name: firstNonEmpty(o.str("name"), r.Addr), Account: m.Account,
		Region: m.Region, VPC: o.str("vpc_id"), Policy: o.str("firewall_policy_arn"), TransitGateway: o.str("transit_gateway_id"), Source: m.Source}
	for _, st := range o.blocks("firewall_status") {
		for _, s := range st.blocks("sync_states") {
			for _, a := range s.blocks("attachment") {
				if id := a.str("endpoint_id"); id != "" {
					f.Endpoints = append(f.Endpoints, model.NFWEndpoint{ID: id, Subnet: a.str("subnet_id"), AZ: s.str("availability_zone")})
				}
			}
		}
		for _, t := range st.blocks("transit_gateway_attachment_sync_states") {
			f.TGWAttachment = firstNonEmpty(f.TGWAttachment, t.str("attachment_id"))
		}
	}
	sort.Slice(f.Endpoints, func(i, j int) bool { return f.Endpoints[i].AZ < f.Endpoints[j].AZ })
	if f.TGWAttachment != "" { // the attachment the firewall creates, which TGW route tables name (R7.47)
		am := m
		am.ID, am.ARN, am.Name = f.TGWAttachment, "", r.Addr+" (attachment)"
		b.s.TGWAttachments = append(b.s.TGWAttachments, &model.TGWAttachment{Meta: am, TGW: f.TransitGateway, Type: model.TGWAttachNetworkFunction, ResourceID: f.ID})
	}
	if len(f.Endpoints) == 0 && f.TransitGateway == "" {
		b.ds.Warnf(r.Src, f.ID, "%s: no firewall_status sync states (a plan knows the endpoints only after apply): routes to its endpoints are unknown (R7.40)", r.Addr)
	}
	b.s.NetworkFirewalls = append(b.s.NetworkFirewalls, f)
	b.s.ResolveNFWVariables() // $HOME_NET of groups that leave it to the policy or the VPC (R7.48)
}

func mapNFWPolicy(b *builder, r *resource, o obj) {
	m := b.meta(r, o)
	var a model.NFWAPIPolicy
	if !nfwShape(b, r, "firewall_policy", o.raw("firewall_policy"), &a) {
		return
	}
	b.s.NFWPolicies = append(b.s.NFWPolicies, a.ToModel(firstNonEmpty(m.ARN, m.ID), firstNonEmpty(o.str("name"), r.Addr), m.ARN, m.Source))
}

func mapNFWRuleGroup(b *builder, r *resource, o obj) {
	m := b.meta(r, o)
	var a model.NFWAPIRuleGroup
	if raw := o.raw("rule_group"); raw != nil && !nfwShape(b, r, "rule_group", raw, &a) {
		return
	}
	if s := o.str("rules"); s != "" && a.RulesSource.RulesString == "" {
		a.RulesSource.RulesString = s // the Suricata rules given as a string
	}
	g, problems := a.ToModel(firstNonEmpty(m.ARN, m.ID), firstNonEmpty(o.str("name"), r.Addr), m.ARN, o.str("type"), m.Source)
	for _, p := range problems {
		b.ds.Warnf(r.Src, g.ID, "%s: a rule netverify does not read makes the answers it could decide unknown (R7.44): %s", r.Addr, p)
	}
	b.s.NFWRuleGroups = append(b.s.NFWRuleGroups, g)
}

// nfwShape rewrites a Terraform block value into the API shape and decodes it.
func nfwShape(b *builder, r *resource, key string, raw any, dst any) bool {
	data, err := json.Marshal(apiShape(key, raw))
	if err == nil {
		err = json.Unmarshal(data, dst)
	}
	if err != nil {
		b.ds.Errorf(r.Src, r.Addr, "%s: cannot read the Network Firewall blocks: %v", r.Addr, err)
		return false
	}
	return true
}

// nfwMembers renames the blocks whose API member is plural or differently
// named; the other names lose their underscores (JSON decoding ignores case).
var nfwMembers = map[string]string{
	"stateless_rule_group_reference": "StatelessRuleGroupReferences", "stateful_rule_group_reference": "StatefulRuleGroupReferences",
	"stateful_rule": "StatefulRules", "stateless_rule": "StatelessRules", "rule_option": "RuleOptions",
	"destination": "Destinations", "source": "Sources", "destination_port": "DestinationPorts", "source_port": "SourcePorts",
	"tcp_flag": "TCPFlags", "ip_sets": "IPSets", "port_sets": "PortSets",
}

// nfwSingle are the blocks that are one object in the API.
var nfwSingle = map[string]bool{
	"firewall_policy": true, "rule_group": true, "rules_source": true, "rules_source_list": true, "stateless_rules_and_custom_actions": true,
	"header": true, "rule_definition": true, "match_attributes": true, "stateful_engine_options": true, "stateful_rule_options": true,
	"rule_variables": true, "policy_variables": true, "ip_set": true, "port_set": true, "flow_timeouts": true,
}

// apiShape rewrites v, the value of block key: single blocks become
// objects, {key, ip_set} lists become maps by key, empty lists (absent
// blocks) are dropped, and a header's members keep their plain names.
func apiShape(key string, v any) any {
	switch x := v.(type) {
	case []any:
		if keyed := keyedSets(x); keyed != nil {
			return keyed
		}
		if nfwSingle[key] {
			if len(x) == 0 {
				return nil
			}
			return apiShape(key, x[0])
		}
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = apiShape("", e)
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if l, ok := e.([]any); e == nil || ok && len(l) == 0 {
				continue // an absent block
			}
			name := nfwMembers[k]
			if name == "" || key == "header" { // a header's source and destination are strings
				name = strings.ReplaceAll(k, "_", "")
			}
			if name == "" {
				name = strings.ReplaceAll(k, "_", "")
			}
			out[name] = apiShape(k, e)
		}
		return out
	}
	return v
}

// keyedSets turns [{key, ip_set: [{definition}]}] into {key: {Definition}}.
func keyedSets(list []any) map[string]any {
	if len(list) == 0 {
		return nil
	}
	out := map[string]any{}
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			return nil
		}
		k, ok := m["key"].(string)
		if !ok {
			return nil
		}
		var set any
		for _, name := range []string{"ip_set", "port_set"} {
			if s, ok := m[name]; ok && s != nil {
				set = apiShape(name, s)
			}
		}
		out[k] = set
	}
	return out
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
