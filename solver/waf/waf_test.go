package waf

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
)

func snapWithSet() *model.Snapshot {
	return &model.Snapshot{IPSets: []*model.IPSet{{Meta: model.Meta{ID: "s1", ARN: "arn:aws:wafv2:us-east-1:1:regional/ipset/office/s1"}, SetName: "office",
		Addresses: []netip.Prefix{netip.MustParsePrefix("198.51.100.0/24")}}}}
}

var office = model.WAFStatement{IPSet: "arn:aws:wafv2:us-east-1:1:regional/ipset/office/s1"}

// R9.21: rules run in priority order, COUNT goes on, the first matching
// ALLOW or BLOCK rule decides, else the default action.
func TestWAFPriorityAndActions(t *testing.T) {
	s := snapWithSet()
	acl := &model.WebACL{ACLName: "acl", DefaultAction: "BLOCK", Rules: []model.WAFRule{
		{Name: "allow-office", Priority: 2, Action: "ALLOW", Statement: office},
		{Name: "count-office", Priority: 1, Action: "COUNT", Statement: office},
		{Name: "block-office", Priority: 3, Action: "BLOCK", Statement: office},
	}}
	in := Client{Addr: netip.MustParseAddr("198.51.100.7")}
	if r := Evaluate(s, acl, in); r.Verdict != Allow || r.Rule != "allow-office" {
		t.Errorf("office client: %+v, want Allow by allow-office (COUNT at priority 1 does not end it)", r)
	}
	out := Client{Addr: netip.MustParseAddr("203.0.113.9")}
	if r := Evaluate(s, acl, out); r.Verdict != Block || r.Rule != "" {
		t.Errorf("other client: %+v, want Block by the default action", r)
	}
	// NOT of the IP set, blocking: the office passes, others are blocked.
	acl2 := &model.WebACL{DefaultAction: "ALLOW", Rules: []model.WAFRule{{Name: "only-office", Action: "BLOCK", Statement: model.WAFStatement{Not: &office}}}}
	if r := Evaluate(s, acl2, out); r.Verdict != Block || r.Rule != "only-office" {
		t.Errorf("NOT office: %+v, want Block by only-office", r)
	}
	if r := Evaluate(s, acl2, in); r.Verdict != Allow {
		t.Errorf("NOT office, office client: %+v, want Allow", r)
	}
}

// R9.21: a public client's country is not in the input: a geo rule makes
// the answer a condition; a private address has no country and never matches.
func TestWAFGeoIsAConditionForPublicClients(t *testing.T) {
	s := snapWithSet()
	acl := &model.WebACL{DefaultAction: "ALLOW", Rules: []model.WAFRule{
		{Name: "no-geo", Priority: 0, Action: "BLOCK", Statement: model.WAFStatement{Geo: true, CountryCodes: []string{"CN", "RU"}}}}}
	r := Evaluate(s, acl, Client{Addr: netip.MustParseAddr("8.8.8.8"), StandIn: true})
	if r.Verdict != Depends || r.Condition != "the client's country is not one of CN, RU" {
		t.Errorf("public client: %+v", r)
	}
	r = Evaluate(s, acl, Client{Addr: netip.MustParseAddr("10.1.2.3")})
	if r.Verdict != Allow {
		t.Errorf("private client: %+v, want Allow (no country, no match)", r)
	}
	// AND of geo and the IP set, for a stand-in address: both are conditions.
	acl.Rules[0].Statement = model.WAFStatement{And: []model.WAFStatement{{Geo: true, CountryCodes: []string{"CN"}}, {Not: &office}}}
	r = Evaluate(s, acl, Client{Addr: netip.MustParseAddr("8.8.8.8"), StandIn: true})
	if r.Verdict != Depends || r.Condition != "the client's country is not one of CN or the client's address is in IP set office" {
		t.Errorf("AND: %+v", r)
	}
}

// R9.21: another statement type makes the answer unknown, naming the rule;
// a COUNT rule with one does not matter.
func TestWAFOtherStatementIsUnknown(t *testing.T) {
	s := snapWithSet()
	acl := &model.WebACL{DefaultAction: "ALLOW", Rules: []model.WAFRule{
		{Name: "counted", Priority: 0, Action: "COUNT", Statement: model.WAFStatement{Other: "ByteMatchStatement"}},
		{Name: "sqli", Priority: 1, Action: "BLOCK", Statement: model.WAFStatement{Other: "SqliMatchStatement"}}}}
	r := Evaluate(s, acl, Client{Addr: netip.MustParseAddr("10.1.2.3")})
	if r.Verdict != Unknown || r.Rule != "sqli" || !strings.Contains(r.Why, "SqliMatchStatement") {
		t.Errorf("%+v", r)
	}
	// An OR whose evaluated part is true decides without the other part.
	acl.Rules[1].Statement = model.WAFStatement{Or: []model.WAFStatement{{Other: "SqliMatchStatement"}, {Not: &office}}}
	if r := Evaluate(s, acl, Client{Addr: netip.MustParseAddr("10.1.2.3")}); r.Verdict != Block {
		t.Errorf("OR decided by the IP set: %+v", r)
	}
}
