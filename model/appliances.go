package model

// ApplianceNAT is what an appliance does to the source address of the
// traffic it forwards.
type ApplianceNAT string

const (
	// NATUnset leaves the choice to the defaults (the NAT-instance pattern).
	NATUnset ApplianceNAT = ""
	// NATMasquerade rewrites the source to the egress interface's address and
	// translates responses back (stateful, like a NAT instance).
	NATMasquerade ApplianceNAT = "masquerade"
	// NATNone forwards with the addresses unchanged.
	NATNone ApplianceNAT = "none"
)

// EgressByRoute makes a multi-interface appliance leave through the
// interface whose subnet's route table leads to the destination.
const EgressByRoute = "by-route"

// Appliance declares what an instance, network interface or Gateway Load
// Balancer that forwards traffic does with it: the appliance's own policy,
// which no AWS API describes (R1.20). Without a declaration such traffic is
// answered unknown.
type Appliance struct {
	// Target is the instance, network interface or load balancer declared.
	Target  string       `json:"target"`
	Forward bool         `json:"forward"`
	NAT     ApplianceNAT `json:"nat,omitempty"`
	// Egress is the network interface the appliance sends from, or
	// EgressByRoute (also when empty).
	Egress string `json:"egress,omitempty"`
	Source Source `json:"source,omitempty"`
}

// ApplianceFor returns the declaration of any of ids (an interface and its
// instance), the first one written.
func (s *Snapshot) ApplianceFor(ids ...string) *Appliance {
	for _, a := range s.Appliances {
		for _, id := range ids {
			if id != "" && a.Target == id {
				return a
			}
		}
	}
	return nil
}

// appliances checks that every declaration names something in the snapshot
// (an instance, network interface, load balancer, or a GWLB endpoint or its
// service) and rewrites a name to the resource's ID (R1.20).
func (v *validator) appliances() {
	for _, a := range v.s.Appliances {
		sev := SevWarning
		if v.s.StrictFiles[a.Source.File] {
			sev = SevError
		}
		if !v.applianceTarget(a) {
			v.ds.Add(sev, a.Source, a.Target, "appliance %q: names no instance, network interface or load balancer in the snapshot", a.Target)
		}
		if a.Egress != "" && a.Egress != EgressByRoute {
			if e, ok := Lookup[*ENI](v.ix, a.Egress); ok {
				a.Egress = e.ID
			} else {
				v.ds.Add(sev, a.Source, a.Target, "appliance %q: egress %q is not a network interface in the snapshot", a.Target, a.Egress)
			}
		}
	}
}

func (v *validator) applianceTarget(a *Appliance) bool {
	for _, ep := range v.s.VPCEndpoints {
		if ep.ID == a.Target || ep.ServiceName == a.Target {
			return true
		}
	}
	for _, lb := range v.s.LoadBalancers {
		if lb.LBName != "" && lb.LBName == a.Target {
			return true
		}
	}
	if r, ok := v.ix.ByID(a.Target); ok {
		return isApplianceKind(r)
	}
	rs := v.ix.ByName(a.Target)
	for _, r := range rs {
		if !isApplianceKind(r) {
			continue
		}
		if len(rs) == 1 {
			a.Target = r.Base().ID
		}
		return true
	}
	return false
}

func isApplianceKind(r Resource) bool {
	switch r.(type) {
	case *Instance, *ENI, *LoadBalancer:
		return true
	}
	return false
}
