package awsjson

import (
	"testing"

	"github.com/netverify/netverify/model"
)

// TestWAFAndPrivateLinkEnforcementFromDumps: get-web-acl, get-ip-set and the
// associations wrapper (R9.21); describe-load-balancers' PrivateLink
// enforcement, kept when describe-load-balancer-attributes is read too (R7.23).
func TestWAFAndPrivateLinkEnforcementFromDumps(t *testing.T) {
	acl := "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/api/a1"
	set := "arn:aws:wafv2:eu-west-1:111111111111:regional/ipset/office/s1"
	nlb := "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/nlb/1"
	dir := writeFiles(t, map[string]string{
		"WAFv2WebACL_api.json": `{"WebACL": {"Name": "api", "Id": "a1", "ARN": "` + acl + `", "DefaultAction": {"Block": {}},
  "Rules": [{"Name": "office", "Priority": 0, "Action": {"Allow": {}}, "Statement": {"IPSetReferenceStatement": {"ARN": "` + set + `"}}}]}, "LockToken": "x"}`,
		"WAFv2IPSet_office.json":    `{"IPSet": {"Name": "office", "Id": "s1", "ARN": "` + set + `", "IPAddressVersion": "IPV4", "Addresses": ["198.51.100.0/24"]}, "LockToken": "y"}`,
		"WAFv2WebACLResources.json": `{"WebACLResources": [{"WebACLArn": "` + acl + `", "ResourceArns": ["arn:aws:apigateway:eu-west-1::/restapis/r1/stages/prod"]}]}`,
		"LoadBalancers.json": `{"LoadBalancers": [{"LoadBalancerArn": "` + nlb + `", "LoadBalancerName": "nlb", "Type": "network", "Scheme": "internal",
  "SecurityGroups": ["sg-1"], "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic": "off"}]}`,
		"LoadBalancerAttributes.json": `{"LoadBalancerAttributes": [{"LoadBalancerArn": "` + nlb + `", "Attributes": [{"Key": "load_balancing.cross_zone.enabled", "Value": "false"}]}]}`,
	})
	snap, ds, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	noWarnings(t, ds)
	if len(snap.WebACLs) != 1 || snap.WebACLs[0].DefaultAction != "BLOCK" || snap.WebACLs[0].Rules[0].Action != "ALLOW" || snap.WebACLs[0].Rules[0].Statement.IPSet != set {
		t.Fatalf("web ACLs %+v", snap.WebACLs)
	}
	if len(snap.WebACLsFor("r1", "prod", "")) != 1 || snap.IPSetByRef(set) == nil || len(snap.IPSetByRef(set).Addresses) != 1 {
		t.Errorf("association or IP set missing: %+v %+v", snap.WebACLs[0].Resources, snap.IPSets)
	}
	lb := snap.LoadBalancers[0]
	if lb.Attributes[model.AttrEnforceSGPrivateLink] != "off" || lb.Attributes["load_balancing.cross_zone.enabled"] != "false" || lb.FiltersPrivateLink() {
		t.Errorf("load balancer attributes %v", lb.Attributes)
	}
}
