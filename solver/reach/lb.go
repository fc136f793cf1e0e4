package reach

import (
	"fmt"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// lbAccepts reports whether a load balancer node accepts the packet: only on
// a listener's port and protocol, with a target group that has a usable
// target. Targets themselves are not walked yet (R7.19 is not modelled).
func (w *walker) lbAccepts(e *network.ENI) bool {
	lb := w.loadBalancer(e)
	if lb == nil {
		w.warn = append(w.warn, fmt.Sprintf("%s belongs to a load balancer that is not in the snapshot; its listeners were not checked", e.M.ID))
		return true
	}
	for _, l := range lb.Listeners {
		if l.Port != w.pkt.DstPort || !listenerCarries(l.Protocol, w.pkt.Proto) {
			continue
		}
		if w.hasUsableTarget(l) {
			w.hop(lb.ID, "load-balancer", "allow", fmt.Sprintf("listener %s %d", l.Protocol, l.Port))
			w.warn = append(w.warn, fmt.Sprintf("%s: the path from the load balancer to its targets is not checked", lb.ID))
			return true
		}
		w.block(Explanation{Code: "ELBV2_LISTENER_HAS_NO_TG", Component: lb.ID, Rule: fmt.Sprintf("listener %s %d", l.Protocol, l.Port),
			Detail: fmt.Sprintf("listener %s %d of %s has no healthy registered target", l.Protocol, l.Port, lb.ID),
			Fix:    "register healthy targets in the listener's target group"})
		return false
	}
	w.block(Explanation{Code: "ELBV2_LISTENERS_MISMATCH", Component: lb.ID, Field: "destination port / protocol",
		Detail: fmt.Sprintf("no listener of %s accepts %s", lb.ID, protoPort(w.pkt)),
		Fix:    fmt.Sprintf("add a %s listener on port %d to %s", strings.ToUpper(w.pkt.Proto.String()), w.pkt.DstPort, lb.ID)})
	return false
}

func (w *walker) loadBalancer(e *network.ENI) *model.LoadBalancer {
	for _, lb := range w.n.Snap.LoadBalancers {
		if (e.M.OwnerID != "" && (lb.ARN == e.M.OwnerID || lb.ID == e.M.OwnerID)) || lbHasNode(lb, e) {
			return lb
		}
	}
	return nil
}

func lbHasNode(lb *model.LoadBalancer, e *network.ENI) bool {
	for _, n := range lb.Nodes {
		if n.ENI == e.M.ID || (n.PrivateIP.IsValid() && e.M.HasIP(n.PrivateIP)) {
			return true
		}
	}
	return false
}

func listenerCarries(lp string, p model.Protocol) bool {
	switch strings.ToUpper(lp) {
	case "TCP", "TLS", "HTTP", "HTTPS":
		return p == model.ProtoTCP
	case "UDP":
		return p == model.ProtoUDP
	case "TCP_UDP":
		return p == model.ProtoTCP || p == model.ProtoUDP
	}
	return false
}

func (w *walker) hasUsableTarget(l model.Listener) bool {
	for _, id := range l.TargetGroups {
		for _, tg := range w.n.Snap.TargetGroups {
			if tg.ID != id && tg.ARN != id {
				continue
			}
			for _, t := range tg.Targets {
				if t.Health == "" || t.Health == "healthy" || t.Health == "initial" || t.Health == "unavailable" {
					return true
				}
			}
		}
	}
	return false
}
