// Package names resolves the endpoint names of a question (ARCHITECTURE.md,
// "Names") into reach.Endpoints: resource IDs, Name tags, scenario names, IP
// addresses and the words "internet" and "onprem".
//
// Choices: an instance, Lambda function, NAT gateway or interface endpoint is
// its first interface (sorted by ID; a subnet or function with several ENIs
// uses the one in the first subnet); a subnet or VPC names the first ENI in
// it, preferring instances, so "subnet-1 -> subnet-2" asks about typical
// hosts there.
package names

import (
	"fmt"
	"net/netip"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// DefaultInternetHost is the address "internet" stands for: a public host
// outside every AWS range in the snapshot (TEST-NET-3 is not routable, so a
// documentation address that is globally unicast is used instead).
var DefaultInternetHost = reach.InternetStandIn

// Resolve turns a name into an endpoint. Ambiguous names are errors that list the candidates.
func Resolve(n *network.Network, name string) (reach.Endpoint, error) {
	name = strings.TrimSpace(name)
	switch strings.ToLower(name) {
	case "":
		return reach.Endpoint{}, fmt.Errorf("empty endpoint name")
	case "internet":
		return internetHost(name, DefaultInternetHost), nil
	case "onprem", "on-prem", "on-premises":
		return OnPrem(n, name)
	}
	if ip, ok := ParseAddr(name); ok {
		return ByIP(n, name, ip)
	}
	return byRef(n, name)
}

func internetHost(name string, ip netip.Addr) reach.Endpoint {
	return reach.Endpoint{Kind: reach.AtInternet, IP: ip, Name: name, Ephemeral: reach.EphemeralLinux}
}

// ParseAddr reads an address, or a prefix as its first usable host (the
// network address itself for a /32 or /31); ok is false for anything else.
func ParseAddr(name string) (ip netip.Addr, ok bool) {
	if ip, err := netip.ParseAddr(name); err == nil {
		return ip.Unmap(), true
	}
	if p, err := netip.ParsePrefix(name); err == nil {
		return firstHost(p), true
	}
	return netip.Addr{}, false
}

func firstHost(p netip.Prefix) netip.Addr {
	a := p.Masked().Addr()
	if p.Bits() < a.BitLen()-1 {
		a = a.Next()
	}
	return a
}

// ByIP: an address owned by an ENI is that ENI; one in an on-premises range is a
// host there; any other public address is an internet host.
func ByIP(n *network.Network, name string, ip netip.Addr) (reach.Endpoint, error) {
	enis := n.ENIsByIP(ip)
	if e, _, ok := n.PublicOwner(ip); ok && len(enis) == 0 {
		return eniEndpoint(n, name, e, ip), nil
	}
	switch len(enis) {
	case 1:
		return eniEndpoint(n, name, enis[0], ip), nil
	case 0:
	default:
		return reach.Endpoint{}, ambiguous(name, enis)
	}
	if s := n.SiteFor(ip); s != nil {
		return reach.Endpoint{Kind: reach.AtOnPrem, Site: s, IP: ip, Name: name, Ephemeral: siteEphemeral(n, s, ip)}, nil
	}
	if vs := n.VPCsContaining(ip); len(vs) > 0 {
		if vs[0].M.ResolverIP() == ip {
			return reach.Endpoint{Kind: reach.AtResolver, IP: ip, Name: name}, nil
		}
		return reach.Endpoint{Kind: reach.AtAddress, IP: ip, Name: name,
			Assumed: []string{fmt.Sprintf("%s is inside %s but no interface in the snapshot owns it", ip, vs[0].M.ID)}}, nil
	}
	if ip.IsPrivate() || !ip.IsGlobalUnicast() {
		return reach.Endpoint{}, fmt.Errorf("%s is a private address that no interface, VPC or on-premises site in the snapshot owns", ip)
	}
	return internetHost(name, ip), nil
}

func ambiguous(name string, enis []*network.ENI) error {
	var ids []string
	for _, e := range enis {
		ids = append(ids, e.M.ID+" in "+e.M.VPC)
	}
	return fmt.Errorf("%q is ambiguous: it matches %s; name the interface instead", name, strings.Join(ids, ", "))
}

func OnPrem(n *network.Network, name string) (reach.Endpoint, error) {
	if len(n.Sites) == 0 {
		return reach.Endpoint{}, fmt.Errorf("%q: the snapshot has no on-premises site (add one in a scenario file)", name)
	}
	if len(n.Sites) > 1 {
		var ids []string
		for _, s := range n.Sites {
			ids = append(ids, s.M.Label())
		}
		sort.Strings(ids)
		return reach.Endpoint{}, fmt.Errorf("%q is ambiguous: there are several sites: %s", name, strings.Join(ids, ", "))
	}
	return siteEndpoint(n, name, n.Sites[0])
}

func siteEndpoint(n *network.Network, name string, s *network.Site) (reach.Endpoint, error) {
	if len(s.M.CIDRs) == 0 {
		return reach.Endpoint{}, fmt.Errorf("site %s has no CIDRs", s.M.ID)
	}
	ip := firstHost(s.M.CIDRs[0])
	return reach.Endpoint{Kind: reach.AtOnPrem, Site: s, IP: ip, Name: name, Ephemeral: reach.EphemeralLinux}, nil
}

func siteEphemeral(n *network.Network, s *network.Site, ip netip.Addr) model.PortRange {
	for _, c := range n.Snap.Clients {
		if c.IP == ip && c.EphemeralPorts != (model.PortRange{}) {
			return c.EphemeralPorts
		}
	}
	return reach.EphemeralLinux
}

func eniEndpoint(n *network.Network, name string, e *network.ENI, ip netip.Addr) reach.Endpoint {
	ep := reach.Endpoint{Kind: reach.AtENI, ENI: e, IP: ip, Name: name, Ephemeral: reach.EphemeralOf(n, e)}
	if !ip.IsValid() {
		ep.IP = e.M.PrimaryIP()
	}
	if pub, priv, ok := n.PublicOwner(ep.IP); ok && pub == e {
		// A public address names the interface: it sends from its private
		// address, and is reached at the public one (R3.2, R3.3).
		ep.IP, ep.Public = priv, ep.IP
	}
	for _, a := range e.M.Assumed {
		ep.Assumed = append(ep.Assumed, e.M.ID+": "+a)
	}
	return ep
}
