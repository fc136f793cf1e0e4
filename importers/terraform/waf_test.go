package terraform

import "testing"

// wafPlan: an IP set, a web ACL whose rules use it (NOT, and a geo match
// in an OR) and a rule of another type, associated with a stage (R9.21).
const wafPlan = `{
  "format_version": "1.2", "terraform_version": "1.6.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_wafv2_ip_set.office", "mode": "managed", "type": "aws_wafv2_ip_set", "name": "office",
     "values": {"id": "set1", "arn": "arn:aws:wafv2:eu-west-1:111111111111:regional/ipset/office/set1", "name": "office", "scope": "REGIONAL", "addresses": ["198.51.100.0/24"]}},
    {"address": "aws_wafv2_web_acl.acl", "mode": "managed", "type": "aws_wafv2_web_acl", "name": "acl",
     "values": {"id": "acl1", "arn": "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/api/acl1", "name": "api", "scope": "REGIONAL",
       "default_action": [{"allow": [{}], "block": []}],
       "rule": [
         {"name": "only-office", "priority": 1, "action": [{"block": [{}], "allow": [], "count": []}], "override_action": [],
          "statement": [{"not_statement": [{"statement": [{"ip_set_reference_statement": [{"arn": "arn:aws:wafv2:eu-west-1:111111111111:regional/ipset/office/set1"}]}]}],
                         "geo_match_statement": [], "byte_match_statement": []}]},
         {"name": "geo-or-sqli", "priority": 2, "action": [{"count": [{}]}],
          "statement": [{"or_statement": [{"statement": [{"geo_match_statement": [{"country_codes": ["CN"]}]}, {"sqli_match_statement": [{"field_to_match": []}]}]}]}]}
       ]}},
    {"address": "aws_api_gateway_stage.prod", "mode": "managed", "type": "aws_api_gateway_stage", "name": "prod",
     "values": {"rest_api_id": "a1b2c3", "stage_name": "prod"}},
    {"address": "aws_wafv2_web_acl_association.a", "mode": "managed", "type": "aws_wafv2_web_acl_association", "name": "a",
     "values": {"resource_arn": "arn:aws:apigateway:eu-west-1::/restapis/a1b2c3/stages/prod", "web_acl_arn": "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/api/acl1"}}
  ]}}
}`

func TestPlanWAF(t *testing.T) {
	s, ds, err := Load("plan.json", []byte(wafPlan))
	if err != nil {
		t.Fatal(err, ds)
	}
	if len(s.IPSets) != 1 || len(s.IPSets[0].Addresses) != 1 || s.IPSets[0].SetName != "office" {
		t.Fatalf("ip sets %+v", s.IPSets)
	}
	if len(s.WebACLs) != 1 {
		t.Fatalf("web ACLs %+v", s.WebACLs)
	}
	a := s.WebACLs[0]
	if a.DefaultAction != "ALLOW" || len(a.Rules) != 2 || a.Rules[0].Action != "BLOCK" || a.Rules[1].Action != "COUNT" {
		t.Fatalf("acl %+v", a)
	}
	if n := a.Rules[0].Statement.Not; n == nil || n.IPSet != s.IPSets[0].ARN {
		t.Errorf("rule 0 statement %+v", a.Rules[0].Statement)
	}
	if o := a.Rules[1].Statement.Or; len(o) != 2 || o[0].CountryCodes[0] != "CN" || o[1].Other != "SqliMatchStatement" {
		t.Errorf("rule 1 statement %+v", a.Rules[1].Statement)
	}
	if len(s.WebACLsFor("a1b2c3", "prod", "")) != 1 {
		t.Errorf("association: resources %v", a.Resources)
	}
}
