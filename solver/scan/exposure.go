package scan

import (
	"sort"

	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// Exposure is what the internet can open to one interface.
type Exposure struct {
	ENI      string  `json:"eni"`
	Label    string  `json:"label"`
	Private  string  `json:"privateIp"`
	PublicIP string  `json:"publicIp"`
	Entries  []Entry `json:"entries"`
	// Result keeps the exact set and the walk count.
	Result *Result `json:"-"`
}

// InternetExposure scans, for every interface with a public IPv4 address in
// a VPC with an internet gateway (R3.2, R3.3), which ports are open to which
// internet ranges. Interfaces nothing can reach are left out. Sorted by ENI ID.
func (s *Scanner) InternetExposure() ([]Exposure, int, error) {
	var out []Exposure
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
			return nil, walked, err
		}
		walked += r.Walked
		if len(r.Entries) == 0 {
			continue
		}
		out = append(out, Exposure{ENI: e.M.ID, Label: e.Label(), Private: ip.String(), PublicIP: pub.String(), Entries: r.Entries, Result: r})
	}
	return out, walked, nil
}

// exposed lists the candidates: a public address and an internet gateway.
func (s *Scanner) exposed() []*network.ENI {
	var out []*network.ENI
	for _, e := range s.N.ENIs {
		ip := e.M.PrimaryIP()
		if e.VPC == nil || e.VPC.IGW == nil || !ip.Is4() {
			continue
		}
		if _, ok := s.N.PublicFor(e, ip); ok {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].M.ID < out[j].M.ID })
	return out
}

// IPv6Unscanned lists, sorted, the interfaces with an IPv6 address in a VPC
// with an internet gateway: the internet may reach them over IPv6 (R3.4),
// which InternetExposure, IPv4 only, does not cover.
func (s *Scanner) IPv6Unscanned() []string {
	var out []string
	for _, e := range s.N.ENIs {
		if len(e.M.IPv6) > 0 && e.VPC != nil && e.VPC.IGW != nil {
			out = append(out, e.M.ID)
		}
	}
	sort.Strings(out)
	return out
}
