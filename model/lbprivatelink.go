package model

import "strings"

// AttrEnforceSGPrivateLink is the load balancer attribute (CloudFormation
// property EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic) that says
// whether a Network Load Balancer's inbound security group rules apply to
// traffic that arrives through PrivateLink (R7.23).
const AttrEnforceSGPrivateLink = "enforce_security_group_inbound_rules_on_private_link_traffic"

// FiltersPrivateLink reports whether the load balancer's inbound security
// group rules apply to PrivateLink traffic: it has security groups and the
// attribute is not "off" ("on" is AWS's default).
func (lb *LoadBalancer) FiltersPrivateLink() bool {
	return len(lb.SecurityGroups) > 0 && !strings.EqualFold(lb.Attributes[AttrEnforceSGPrivateLink], "off")
}

// SetPrivateLinkEnforcement records the attribute ("on" or "off").
func (lb *LoadBalancer) SetPrivateLinkEnforcement(v string) {
	if v == "" {
		return
	}
	if lb.Attributes == nil {
		lb.Attributes = map[string]string{}
	}
	lb.Attributes[AttrEnforceSGPrivateLink] = strings.ToLower(v)
}
