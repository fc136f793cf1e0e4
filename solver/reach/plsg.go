package reach

import (
	"fmt"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// privateLinkSG applies a Network Load Balancer's inbound security group
// rules to a request that arrived through PrivateLink, unless the load
// balancer's EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic is off
// (R7.23). The rules see the consumer's own address (the packet's source).
// It reports whether the request goes on.
func (w *walker) privateLinkSG(lb *model.LoadBalancer, node *network.ENI) bool {
	if len(lb.SecurityGroups) == 0 {
		return true
	}
	if !lb.FiltersPrivateLink() {
		w.hop(lb.ID, HopLoadBalancer, ActAllow, w.say(func() string {
			return fmt.Sprintf("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic is off: the inbound rules of %v do not apply to PrivateLink traffic (R7.23)", lb.SecurityGroups)
		}))
		return true
	}
	w.hop(lb.ID, HopLoadBalancer, ActAllow, w.say(func() string {
		return fmt.Sprintf("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic is on: the inbound rules of %v apply to the consumer's address (R7.23)", lb.SecurityGroups)
	}))
	w.sg(node, true)
	return !w.blocked && !w.stopped
}
