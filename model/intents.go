package model

import "strconv"

// IntentKind is the kind of assertion a scenario makes.
type IntentKind string

const (
	IntentCanReach    IntentKind = "can-reach"
	IntentCannotReach IntentKind = "cannot-reach"
	IntentResolvesTo  IntentKind = "resolves-to"
	IntentOnlyPorts   IntentKind = "only-ports"
)

// Intent is an expected answer, written in a scenario and checked by `netverify check`.
type Intent struct {
	Kind     IntentKind `json:"kind"`
	From     string     `json:"from"`
	To       string     `json:"to,omitempty"`       // endpoint (can-reach, cannot-reach, only-ports)
	Protocol string     `json:"protocol,omitempty"` // tcp, udp, icmp, any
	Port     int        `json:"port,omitempty"`     // 0 = any
	Name     string     `json:"name,omitempty"`     // DNS name (resolves-to)
	Expect   []string   `json:"expect,omitempty"`   // resolves-to: addresses; only-ports: "tcp/443"
	Via      []string   `json:"via,omitempty"`      // components the path must cross
	// Conditions constrain what a reachable answer may ask of the request
	// (a signature, a token, an API key, a policy the input lacks): ["none"]
	// forbids any; other entries must each appear in one of them.
	Conditions []string `json:"conditions,omitempty"`
	Scenario   string   `json:"scenario,omitempty"` // the scenario of docs/RULES.md it comes from (S1...)
	Rules      []string `json:"rules,omitempty"`    // the rules it checks (R7.12...)
	Note       string   `json:"note,omitempty"`
	Source     Source   `json:"source,omitempty"`
}

// Describe renders the intent as a one-line sentence.
func (in Intent) Describe() string {
	s := string(in.Kind) + " " + in.From
	switch in.Kind {
	case IntentResolvesTo:
		s = in.From + " resolves " + in.Name
		for i, e := range in.Expect {
			if i == 0 {
				s += " to "
			} else {
				s += ","
			}
			s += e
		}
		return s
	default:
		s += " -> " + in.To
	}
	if in.Protocol != "" && in.Protocol != "any" {
		s += " " + in.Protocol
		if in.Port != 0 {
			s += "/" + strconv.Itoa(in.Port)
		}
	}
	return s
}
