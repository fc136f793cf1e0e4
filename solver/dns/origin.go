package dns

import (
	"fmt"
	"net/netip"
	"strings"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/names"
	"github.com/netverify/netverify/solver/reach"
)

// Origin is where a query starts: a host (whose packets are checked), the
// resolver it asks, or public DNS.
type Origin struct {
	Name  string // as the user wrote it
	Label string
	// Asker is the host that sends the query; nil when the query starts at a resolver.
	Asker *reach.Endpoint
	// VPC is the VPC whose Resolver answers (when the host uses it).
	VPC string
	// Inbound is set when the query arrives through an inbound Resolver endpoint (R10.15).
	Inbound *model.ResolverEndpoint
	// Server is the DNS server the host asks instead (a client's or site's server, or DHCP options, R10.3).
	Server string
	// ServerIP is a resolver address with no modelled server (DHCP options).
	ServerIP netip.Addr
	// Internet: the query is answered by public DNS.
	Internet bool
	// Assumed states what was assumed about the asker's resolver (an
	// implicit on-premises site's DNS servers are not known).
	Assumed string
	// DNS64 is the subnet of the asking host when it has DNS64 on (R10.45).
	DNS64 string
}

// Origin turns WHERE into an origin: "internet", a client, an on-premises DNS
// server or site, an inbound Resolver endpoint, a VPC, or anything
// solver/names understands (ENI, instance, function, subnet, IP address).
func (r *Resolver) Origin(where string) (Origin, error) {
	where = strings.TrimSpace(where)
	o := Origin{Name: where, Label: where}
	if strings.EqualFold(where, "internet") {
		o.Internet = true
		return o, nil
	}
	if c, ok := model.Lookup[*model.Client](r.ix, where); ok {
		return r.clientOrigin(o, c)
	}
	if s, ok := model.Lookup[*model.DNSServer](r.ix, where); ok {
		o.Server = s.ID
		return o, nil
	}
	if e, ok := model.Lookup[*model.ResolverEndpoint](r.ix, where); ok && e.Inbound() {
		o.VPC, o.Inbound = e.VPC, e
		return o, nil
	}
	if ip, err := netip.ParseAddr(where); err == nil {
		if s, ok := r.byIP[ip]; ok {
			o.Server = s.m.ID
			return o, nil
		}
	}
	ep, err := names.Resolve(r.net, where)
	if err != nil {
		if v, ok := model.Lookup[*model.VPC](r.ix, where); ok { // a VPC without interfaces
			o.VPC = v.ID
			return o, nil
		}
		return o, err
	}
	return r.hostOrigin(o, ep)
}

// hostOrigin: a host in a VPC uses its VPC's Resolver or DHCP DNS servers; a
// host on premises its site's first DNS server; a host on the internet public DNS.
func (r *Resolver) hostOrigin(o Origin, ep reach.Endpoint) (Origin, error) {
	o.Asker = &ep
	switch ep.Kind {
	case reach.AtENI:
		o.VPC = ep.ENI.M.VPC
		if sub := ep.ENI.Subnet; sub != nil && sub.M.DNS64 {
			o.DNS64 = sub.M.ID
		}
		r.dhcpServer(&o, ep.ENI.VPC.M)
	case reach.AtOnPrem:
		s := r.siteServer(ep.Site.M)
		if s == nil && ep.Site.M.Implicit {
			// Issue 17: nothing says which servers the hosts of a site
			// inferred from routes ask; public DNS is the likely case.
			o.Internet = true
			o.Assumed = fmt.Sprintf("%s is in %s, whose DNS servers the input does not say: it is assumed to resolve through public DNS (describe the site and its DNS servers in a scenario overlay)", o.Name, ep.Site.M.Label())
			return o, nil
		}
		if s == nil {
			return o, fmt.Errorf("%s is on premises in %s, which has no DNS server (add dnsServers to the site)", o.Name, ep.Site.M.Label())
		}
		o.Server = s.m.ID
	case reach.AtInternet:
		o.Internet = true
	default:
		return o, fmt.Errorf("%s is not a host that asks DNS questions", o.Name)
	}
	return o, nil
}

// dhcpServer applies a VPC's DHCP options: custom DNS servers instead of the VPC Resolver (R10.3).
func (r *Resolver) dhcpServer(o *Origin, v *model.VPC) {
	for _, d := range v.DHCPDNSServers {
		if strings.EqualFold(d, "AmazonProvidedDNS") {
			return
		}
		if ip, err := netip.ParseAddr(d); err == nil {
			if s, ok := r.byIP[ip]; ok {
				o.Server = s.m.ID
			} else {
				o.ServerIP = ip
			}
			return
		}
	}
}

func (r *Resolver) siteServer(site *model.OnPremSite) *server {
	for _, id := range site.DNSServers {
		if s, ok := r.servers[id]; ok {
			return s
		}
		if m, ok := model.Lookup[*model.DNSServer](r.ix, id); ok {
			return r.servers[m.ID]
		}
	}
	for _, m := range r.net.Snap.DNSServers {
		if m.Site == site.ID || m.Site == site.Name {
			return r.servers[m.ID]
		}
	}
	return nil
}

// clientOrigin: a client asks its own DNS server if it names one, else as its location does.
func (r *Resolver) clientOrigin(o Origin, c *model.Client) (Origin, error) {
	ref := c.ID
	if c.IP.IsValid() {
		ref = c.IP.String() // the client's own address, not a typical host of its location
	}
	ep, err := names.Resolve(r.net, ref)
	if err != nil {
		return o, fmt.Errorf("client %s: %w", c.Label(), err)
	}
	if c.DNSServer == "" {
		return r.hostOrigin(o, ep)
	}
	m, ok := model.Lookup[*model.DNSServer](r.ix, c.DNSServer)
	if !ok {
		return o, fmt.Errorf("client %s names DNS server %q, which is not in the snapshot", c.Label(), c.DNSServer)
	}
	o.Asker, o.Server = &ep, m.ID
	return o, nil
}

// fromOrigin starts the chain at the origin's first resolver.
func (q *query) fromOrigin(o Origin, name string, qtype uint16) result {
	actor := o.Label
	if o.Asker != nil {
		actor = o.Asker.Label()
	}
	switch {
	case o.Server != "":
		s := q.r.servers[o.Server]
		if o.Asker == nil {
			return q.resolve(s, name, qtype)
		}
		return q.askServer(actor, o.Asker, s, name, qtype)
	case o.ServerIP.IsValid():
		q.step(actor, "asks", "R10.3", "the DNS server %s from the VPC's DHCP options", o.ServerIP)
		if o.Asker != nil {
			if h := q.check53(actor, *o.Asker, o.ServerIP); !h.ok {
				q.step(actor, "fails", "R10.3", "the query to %s is blocked%s: SERVFAIL (the client times out)", o.ServerIP, blockedSummary([]hop53{h}))
				return servfail()
			}
		}
		return q.askAt(actor, o.ServerIP, name, qtype)
	case o.VPC != "":
		v, ok := q.r.vpcs[o.VPC]
		if !ok {
			q.step(actor, "fails", "", "VPC %s is not in the snapshot", o.VPC)
			return servfail()
		}
		if o.Inbound != nil {
			q.step(actor, "asks", "R10.15", "inbound endpoint %s: answered as from %s", o.Inbound.Label(), o.VPC)
		} else {
			q.step(actor, "asks", "R10.1", "the VPC Resolver at %s (no security group or ACL applies, R10.4)", v.vpc.ResolverIP())
		}
		c := vpcCtx{v: v, inbound: o.Inbound}
		res := q.resolve(c, name, qtype)
		if o.DNS64 != "" && qtype == mdns.TypeAAAA {
			return q.dns64(c, o.DNS64, name, res)
		}
		return res
	}
	q.step(actor, "asks", "", "public DNS")
	return q.resolve(publicCtx{}, name, qtype)
}
