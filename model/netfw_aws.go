package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"strconv"
	"strings"
)

// The AWS shapes of Network Firewall policies and rule groups, as
// `aws network-firewall describe-firewall-policy` and `describe-rule-group`
// print them and CloudFormation's AWS::NetworkFirewall::FirewallPolicy and
// ::RuleGroup take them (the same member names). The three importers fill
// these and convert them with ToModel, so one firewall gives one model
// whatever the format (R7.41-R7.45).

// NFWInt is a number that templates may write as a string ("10").
type NFWInt int

// UnmarshalJSON reads a JSON number or a string holding one.
func (n *NFWInt) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) != nil {
		s = string(b)
	}
	i, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("%s is not a whole number", b)
	}
	*n = NFWInt(i)
	return nil
}

// NFWAPIPolicy is FirewallPolicy.
type NFWAPIPolicy struct {
	StatelessDefaultActions      []string
	StatelessRuleGroupReferences []struct {
		ResourceArn string
		Priority    NFWInt
	}
	StatefulRuleGroupReferences []struct {
		ResourceArn string
		Priority    NFWInt
	}
	StatefulDefaultActions []string
	StatefulEngineOptions  *struct{ RuleOrder string }
	PolicyVariables        *struct {
		RuleVariables map[string]struct{ Definition []string }
	}
}

// ToModel converts the policy. Rule groups are named by ARN; stateful
// references are taken by priority (strict order), else as listed.
func (a *NFWAPIPolicy) ToModel(id, name, arn string, src Source) *NFWPolicy {
	p := &NFWPolicy{ID: id, Name: name, ARN: arn, StatelessDefault: "forward_to_sfe", Source: src}
	for _, d := range a.StatelessDefaultActions {
		switch x := strings.TrimPrefix(d, "aws:"); x {
		case "pass", "drop", "forward_to_sfe":
			p.StatelessDefault = x
		}
	}
	sl := a.StatelessRuleGroupReferences
	sort.SliceStable(sl, func(i, j int) bool { return sl[i].Priority < sl[j].Priority })
	for _, r := range sl {
		p.Stateless = append(p.Stateless, r.ResourceArn)
	}
	if a.StatefulEngineOptions != nil && strings.EqualFold(a.StatefulEngineOptions.RuleOrder, "STRICT_ORDER") {
		p.StrictOrder = true
	}
	sf := a.StatefulRuleGroupReferences
	if p.StrictOrder {
		sort.SliceStable(sf, func(i, j int) bool { return sf[i].Priority < sf[j].Priority })
	}
	for _, r := range sf {
		p.Stateful = append(p.Stateful, r.ResourceArn)
	}
	for _, d := range a.StatefulDefaultActions {
		p.StatefulDefaults = append(p.StatefulDefaults, strings.TrimPrefix(d, "aws:"))
	}
	if a.PolicyVariables != nil {
		for k, v := range a.PolicyVariables.RuleVariables {
			if p.Variables == nil {
				p.Variables = map[string][]netip.Prefix{}
			}
			p.Variables[k] = parsePrefixes(v.Definition)
		}
	}
	return p
}

// NFWAPIAddress is an AddressDefinition; NFWAPIPorts a port range.
type NFWAPIAddress struct{ AddressDefinition string }

// NFWAPIPorts is a stateless rule's PortRange.
type NFWAPIPorts struct{ FromPort, ToPort NFWInt }

// NFWAPIStatelessRule is one StatelessRules element.
type NFWAPIStatelessRule struct {
	Priority       NFWInt
	RuleDefinition struct {
		Actions         []string
		MatchAttributes struct {
			Sources, Destinations         []NFWAPIAddress
			SourcePorts, DestinationPorts []NFWAPIPorts
			Protocols                     []NFWInt
			TCPFlags                      []struct{ Flags, Masks []string }
		}
	}
}

// NFWAPIStatefulRule is one StatefulRules element (a 5-tuple rule).
type NFWAPIStatefulRule struct {
	Action string
	Header struct {
		Protocol, Source, SourcePort, Direction, Destination, DestinationPort string
	}
	RuleOptions []struct {
		Keyword  string
		Settings []string
	}
}

// NFWAPIRuleGroup is RuleGroup.
type NFWAPIRuleGroup struct {
	RuleVariables *struct {
		IPSets   map[string]struct{ Definition []string }
		PortSets map[string]struct{ Definition []string }
	}
	RulesSource struct {
		RulesString     string
		RulesSourceList *struct {
			Targets            []string
			TargetTypes        []string
			GeneratedRulesType string
		}
		StatefulRules                  []NFWAPIStatefulRule
		StatelessRulesAndCustomActions *struct {
			StatelessRules []NFWAPIStatelessRule
		}
	}
	StatefulRuleOptions *struct{ RuleOrder string }
}

// ToModel converts the rule group (Type STATEFUL or STATELESS; empty: told
// by its rules). A rule
// netverify cannot read is kept as one that matches every packet with
// Unsupported saying why, so answers it could decide are unknown rather
// than wrong (R7.44); each such rule is also returned as a problem.
func (a *NFWAPIRuleGroup) ToModel(id, name, arn, typ string, src Source) (*NFWRuleGroup, []string) {
	stateless := strings.EqualFold(typ, "STATELESS") || typ == "" && a.RulesSource.StatelessRulesAndCustomActions != nil
	g := &NFWRuleGroup{ID: id, Name: name, ARN: arn, Stateful: !stateless, Source: src}
	vars := map[string][]netip.Prefix{}
	if a.RuleVariables != nil {
		for k, v := range a.RuleVariables.IPSets {
			vars[k] = parsePrefixes(v.Definition)
		}
	}
	var problems []string
	rs := &a.RulesSource
	if l := rs.RulesSourceList; l != nil {
		g.Domains = &NFWDomains{Targets: l.Targets, Allow: strings.EqualFold(l.GeneratedRulesType, "ALLOWLIST")}
	}
	if rs.StatelessRulesAndCustomActions != nil {
		for _, r := range rs.StatelessRulesAndCustomActions.StatelessRules {
			g.Rules = append(g.Rules, statelessRules(r, src)...)
		}
	}
	if len(vars) > 0 {
		g.Variables = vars
	}
	var texts []string
	for i, r := range rs.StatefulRules {
		texts = append(texts, r.suricata(i+1))
	}
	for _, line := range strings.Split(rs.RulesString, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			texts = append(texts, line)
		}
	}
	for _, text := range texts {
		x, err := ParseSuricata(text, vars)
		switch {
		case IsUndefinedVariable(err):
			x = unreadable(text, err) // until ResolveNFWVariables knows the policy and the VPC
			x.NeedsVariables = true
			var u *UndefinedVariableError
			errors.As(err, &u)
			x.Unsupported = "an undefined variable " + u.Name + " (not in the rule group, the firewall policy or the firewall's VPC)"
		case err != nil:
			x, problems = unreadable(text, err), append(problems, err.Error())
		}
		x.Source = src
		g.Rules = append(g.Rules, x)
	}
	return g, problems
}

// ResolveNFWVariables reads again the rules that name a $VARIABLE their
// group does not define, for each firewall (by ID) whose policy uses the
// group: the group's variables, else the policy's, else HOME_NET is the
// CIDRs of the firewall's VPC (R7.48). A rule still undefined stays
// unknown. A group two firewalls share takes the first one's values.
func (s *Snapshot) ResolveNFWVariables() {
	fws := append([]*NetworkFirewall(nil), s.NetworkFirewalls...)
	sort.Slice(fws, func(i, j int) bool { return fws[i].ID < fws[j].ID })
	for _, f := range fws {
		pol := s.NFWPolicyByID(f.Policy)
		if pol == nil {
			continue
		}
		vars := map[string][]netip.Prefix{}
		for _, v := range s.VPCs {
			if v.ID == f.VPC && f.VPC != "" {
				vars["HOME_NET"] = v.CIDRs
			}
		}
		for k, v := range pol.Variables {
			vars[k] = v
		}
		for _, id := range pol.Stateful {
			if g := s.NFWRuleGroupByID(id); g != nil {
				g.resolve(vars)
			}
		}
	}
}

func (g *NFWRuleGroup) resolve(base map[string][]netip.Prefix) {
	vars := map[string][]netip.Prefix{}
	for k, v := range base {
		vars[k] = v
	}
	for k, v := range g.Variables {
		vars[k] = v
	}
	for i := range g.Rules {
		r := &g.Rules[i]
		if !r.NeedsVariables {
			continue
		}
		if x, err := ParseSuricata(r.Text, vars); err == nil {
			x.Source = r.Source
			*r = x
		}
	}
}

// unreadable is a rule that matches everything and whose verdict is unknown.
func unreadable(text string, err error) NFWRule {
	r := NFWRule{Action: "drop", Match: NFWMatch{Proto: ProtoAll}, Text: text, Unsupported: "a form netverify does not read (" + err.Error() + ")"}
	if i := strings.Index(text, "sid:"); i >= 0 {
		r.SID = strings.TrimSpace(strings.SplitN(text[i+4:], ";", 2)[0])
	}
	return r
}

// suricata renders a 5-tuple rule as the Suricata rule AWS makes of it
// (sid n when the options give none).
func (r *NFWAPIStatefulRule) suricata(n int) string {
	h := r.Header
	dir := "->"
	if strings.EqualFold(h.Direction, "ANY") {
		dir = "<>"
	}
	var opts []string
	sid := false
	for _, o := range r.RuleOptions {
		k := strings.ToLower(o.Keyword)
		sid = sid || k == "sid"
		if len(o.Settings) == 0 {
			opts = append(opts, k+";")
		} else {
			opts = append(opts, k+":"+strings.Join(o.Settings, ",")+";")
		}
	}
	if !sid {
		opts = append(opts, "sid:"+strconv.Itoa(n)+";")
	}
	return fmt.Sprintf("%s %s %s %s %s %s %s (%s)", strings.ToLower(r.Action), strings.ToLower(h.Protocol), h.Source, h.SourcePort, dir,
		h.Destination, h.DestinationPort, strings.Join(opts, " "))
}

// statelessRules turns one stateless rule into one model rule per protocol.
func statelessRules(r NFWAPIStatelessRule, src Source) []NFWRule {
	m := r.RuleDefinition.MatchAttributes
	base := NFWRule{Priority: int(r.Priority), Action: "drop", Source: src}
	for _, act := range r.RuleDefinition.Actions {
		switch x := strings.TrimPrefix(act, "aws:"); x {
		case "pass", "drop", "forward_to_sfe":
			base.Action = x
		}
	}
	for _, a := range m.Sources {
		base.Match.Src = append(base.Match.Src, parsePrefixes([]string{a.AddressDefinition})...)
	}
	for _, a := range m.Destinations {
		base.Match.Dst = append(base.Match.Dst, parsePrefixes([]string{a.AddressDefinition})...)
	}
	for _, p := range m.SourcePorts {
		base.Match.SrcPorts = append(base.Match.SrcPorts, PortRange{uint16(p.FromPort), uint16(p.ToPort)})
	}
	for _, p := range m.DestinationPorts {
		base.Match.DstPorts = append(base.Match.DstPorts, PortRange{uint16(p.FromPort), uint16(p.ToPort)})
	}
	if len(m.TCPFlags) > 0 {
		base.Unsupported = "TCP flags"
	}
	if len(m.Protocols) == 0 {
		base.Match.Proto = ProtoAll
		return []NFWRule{base}
	}
	var out []NFWRule
	for _, p := range m.Protocols {
		x := base
		x.Match.Proto = Protocol(p)
		out = append(out, x)
	}
	return out
}

func parsePrefixes(ss []string) []netip.Prefix {
	var out []netip.Prefix
	for _, s := range ss {
		if p, err := netip.ParsePrefix(strings.TrimSpace(s)); err == nil {
			out = append(out, p)
		}
	}
	return out
}

// NFWEndpointsFromIDs reads the "az:vpce-id" strings of CloudFormation's
// EndpointIds and Terraform's sync states into endpoints, in AZ order.
func NFWEndpointsFromIDs(ids []string, subnetOfAZ func(az string) string) []NFWEndpoint {
	var out []NFWEndpoint
	for _, s := range ids {
		az, id, ok := strings.Cut(s, ":")
		if !ok {
			continue
		}
		out = append(out, NFWEndpoint{ID: id, AZ: az, Subnet: subnetOfAZ(az)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].AZ < out[j].AZ })
	return out
}
