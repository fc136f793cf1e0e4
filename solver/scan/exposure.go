package scan

import (
	"sort"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// Exposure is what the internet can open to one interface.
type Exposure struct {
	ENI      string  `json:"eni"`
	Label    string  `json:"label"`
	Private  string  `json:"privateIp"`
	PublicIP string  `json:"publicIp,omitempty"`
	IPv6     string  `json:"ipv6,omitempty"` // the address the IPv6 entries are for
	Entries  []Entry `json:"entries"`
	// Warnings say what could not be decided (unknown classes).
	Warnings []string `json:"warnings,omitempty"`
	// Conditions are what the exposure needs that the input cannot show
	// (a function URL's signed requests, a policy the input lacks).
	Conditions []string `json:"conditions,omitempty"`
	// Undecided says why the interface (or instance) could not be scanned
	// at all: nothing is known about its exposure (issue 17).
	Undecided string `json:"undecided,omitempty"`
	// Result keeps the exact set (IPv4) and the walk count.
	Result *Result `json:"-"`
}

// InternetExposure scans, for every interface with a public IPv4 address in
// a VPC with an internet gateway (R3.2, R3.3), which ports are open to which
// internet ranges, and for every interface with an IPv6 address in such a
// VPC, which ports are open to which IPv6 internet ranges (R3.4).
// Interfaces nothing can reach are left out, unless some packets to them
// could not be decided (a warning says so). Sorted by ENI ID; then what
// could not be scanned at all (Undecided).
func (s *Scanner) InternetExposure() ([]Exposure, int, error) {
	byENI := map[string]*Exposure{}
	walked, err := s.exposure4(byENI)
	if err != nil {
		return nil, walked, err
	}
	w6, err := s.exposure6(byENI)
	walked += w6
	if err != nil {
		return nil, walked, err
	}
	var out []Exposure
	for _, x := range byENI {
		out = append(out, *x)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ENI < out[j].ENI })
	return append(out, s.undecided()...), walked, nil
}

// Decided reports whether every packet class of every interface was
// decided: no interface unscanned, no class unknown. A scan that is not
// decided cannot show that nothing is exposed.
func Decided(ex []Exposure) bool {
	for _, x := range ex {
		if x.Undecided != "" || len(x.Warnings) > 0 {
			return false
		}
	}
	return true
}

// exposure4 scans the IPv4 candidates, each in its local view when it has one.
func (s *Scanner) exposure4(byENI map[string]*Exposure) (int, error) {
	walked := 0
	for _, e := range s.exposed() {
		ip := e.M.PrimaryIP()
		pub, _ := s.N.PublicFor(e, ip)
		self := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: ip, Name: e.M.ID, Ephemeral: Ephemeral(s.N, e)}
		v, ok := s.localView(e)
		if !ok {
			v = s.global()
		}
		r, err := s.scan(self, To, PeerKinds{Internet: true}, v)
		if err != nil {
			return walked, err
		}
		walked += r.Walked
		if len(r.Entries) > 0 || len(r.Warnings) > 0 {
			byENI[e.M.ID] = &Exposure{ENI: e.M.ID, Label: e.Label(), Private: ip.String(), PublicIP: pub.String(), Entries: r.Entries,
				Warnings: r.Warnings, Result: r}
		}
	}
	return walked, nil
}

// exposure6 scans the IPv6 candidates and adds their entries.
func (s *Scanner) exposure6(byENI map[string]*Exposure) (int, error) {
	walked := 0
	for _, e := range s.six.exposed6() {
		self := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: e.M.IPv6[0], Name: e.M.ID, Ephemeral: Ephemeral(s.N, e)}
		r, err := s.six.scan(self, To, PeerKinds{Internet: true}, s.six.global())
		if err != nil {
			return walked, err
		}
		walked += r.Walked
		if len(r.Entries) == 0 && len(r.Warnings) == 0 {
			continue
		}
		x := byENI[e.M.ID]
		if x == nil {
			x = &Exposure{ENI: e.M.ID, Label: e.Label(), Private: e.M.PrimaryIP().String(), Entries: []Entry{}}
			byENI[e.M.ID] = x
		}
		x.IPv6 = self.IP.String()
		x.Entries = append(x.Entries, r.Entries...)
		x.Warnings = append(x.Warnings, r.Warnings...)
	}
	return walked, nil
}

// exposed lists the candidates: a public address and an internet gateway.
func (s *Scanner) exposed() []*network.ENI {
	var out []*network.ENI
	for _, e := range s.N.ENIs {
		ip := e.M.PrimaryIP()
		if e.VPC == nil || !ip.Is4() || (e.VPC.IGW == nil && !e.VPC.M.IsUnlisted(model.UnlistedIGWs)) {
			continue // no internet gateway, or none listed: then the scan says unknown
		}
		if _, ok := s.N.PublicFor(e, ip); ok {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].M.ID < out[j].M.ID })
	return out
}
