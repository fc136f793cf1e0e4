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
	// Egress is the network interface the appliance sends from, EgressByRoute,
	// or empty (the interface the packet came in on).
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
