package dns

import (
	"hash/fnv"
	"net/netip"
	"sort"
	"strconv"
	"strings"

	"github.com/netverify/netverify/model"
)

// serviceSuffix turns com.amazonaws.us-east-1.execute-api into
// ("execute-api", "us-east-1"); ok is false for other service names.
func serviceSuffix(serviceName string) (svc, region string, ok bool) {
	rest, found := strings.CutPrefix(serviceName, "com.amazonaws.")
	if !found || strings.HasPrefix(rest, "vpce.") {
		return "", "", false
	}
	region, svc, ok = strings.Cut(rest, ".")
	return svc, region, ok && svc != ""
}

// wildcardServices have private DNS for every name below the service name (R7.12).
var wildcardServices = map[string]bool{"execute-api": true, "s3": true}

// endpointIPs returns the private addresses of an endpoint's ENIs, all or in one AZ.
func (r *Resolver) endpointIPs(id, az string) []netip.Addr {
	ep, ok := r.net.Endpoints[id]
	if !ok {
		return nil
	}
	var out []netip.Addr
	for _, eid := range ep.ENIs {
		e, ok := r.net.ENIs[eid]
		if !ok || (az != "" && e.AZ() != az) {
			continue
		}
		out = append(out, e.M.PrivateIPs...)
		out = append(out, e.M.IPv6...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Less(out[j]) })
	return out
}

// indexEndpointNames records every interface endpoint's regional and zonal
// vpce-...vpce.amazonaws.com names: from DNSEntries, else synthesised (R7.11).
func (r *Resolver) indexEndpointNames(s *model.Snapshot) {
	for _, ep := range s.VPCEndpoints {
		if ep.Type != model.EndpointInterface {
			continue
		}
		azs := r.endpointAZs(ep)
		found := false
		for _, d := range ep.DNSEntries {
			n := canon(d.Name)
			if !strings.HasSuffix(n, ".vpce.amazonaws.com") || strings.HasPrefix(n, "*.") {
				continue
			}
			found = true
			first, _, _ := strings.Cut(n, ".")
			r.epNames[n] = r.endpointIPs(ep.ID, zonalAZ(first, azs))
		}
		if !found {
			for _, n := range EndpointNames(ep, azs) {
				first, _, _ := strings.Cut(n, ".")
				r.epNames[n] = r.endpointIPs(ep.ID, zonalAZ(first, azs))
			}
		}
	}
}

func (r *Resolver) endpointAZs(ep *model.VPCEndpoint) []string {
	var azs []string
	for _, id := range ep.ENIs {
		if e, ok := r.net.ENIs[id]; ok && e.AZ() != "" {
			azs = append(azs, e.AZ())
		}
	}
	sort.Strings(azs)
	return azs
}

// zonalAZ returns the AZ a zonal name's first label ends with, or "".
func zonalAZ(first string, azs []string) string {
	for _, az := range azs {
		if strings.HasSuffix(first, "-"+az) {
			return az
		}
	}
	return ""
}

// EndpointNames synthesises an interface endpoint's endpoint-specific names
// when the input has no DNSEntries: the regional one first, then one per AZ:
// vpce-<id>-<suffix>[-<az>].<service>.<region>.vpce.amazonaws.com (R7.11).
// The suffix is a stable hash of the endpoint ID (AWS's is random).
func EndpointNames(ep *model.VPCEndpoint, azs []string) []string {
	svc, region, ok := serviceSuffix(ep.ServiceName)
	domain := svc + "." + region + ".vpce.amazonaws.com"
	if !ok {
		domain = strings.TrimPrefix(ep.ServiceName, "com.amazonaws.") + ".vpce.amazonaws.com"
	}
	h := fnv.New64a()
	h.Write([]byte(ep.ID))
	suffix := strconv.FormatUint(h.Sum64(), 36)
	if len(suffix) > 8 {
		suffix = suffix[:8]
	}
	base := ep.ID + "-" + suffix
	out := []string{base + "." + domain}
	for _, az := range azs {
		out = append(out, base+"-"+az+"."+domain)
	}
	return out
}

// privateDomains returns the Amazon-provided private name zones of a Region (R10.5).
func privateDomains(region string) []string {
	if region == "us-east-1" {
		return []string{"ec2.internal", "compute-1.internal", "us-east-1.compute.internal"}
	}
	return []string{region + ".compute.internal"}
}

// publicDomain returns the zone of public EC2 hostnames in a Region (R10.6).
func publicDomain(region string) string {
	if region == "us-east-1" {
		return "compute-1.amazonaws.com"
	}
	return region + ".compute.amazonaws.com"
}

// dotted parses "10-0-1-25" into an address.
func dotted(s string) (netip.Addr, bool) {
	ip, err := netip.ParseAddr(strings.ReplaceAll(s, "-", "."))
	return ip, err == nil && ip.Is4()
}

// internalLookup answers Amazon-provided names from VPC v (R10.5-R10.7, R4.7).
func (r *Resolver) internalLookup(q *query, actor string, v *model.VPC, domain, name string, qtype uint16) result {
	if domain == publicDomain(v.Region) {
		if m := ec2PublicName.FindStringSubmatch(name); m != nil {
			return r.publicEC2(q, actor, name, qtype, m, v.ID)
		}
		q.step(actor, "answers", "R10.6", "NXDOMAIN: %s is not an EC2 public hostname", name)
		return nxdomain()
	}
	host, _, _ := strings.Cut(name, ".")
	if parent(name) != domain {
		q.step(actor, "answers", "R10.5", "NXDOMAIN: no Amazon-provided name %s", name)
		return nxdomain()
	}
	if ip, ok := dotted(strings.TrimPrefix(host, "ip-")); ok && strings.HasPrefix(host, "ip-") {
		return r.ipName(q, actor, v, name, qtype, ip)
	}
	if inst, ok := model.Lookup[*model.Instance](r.ix, host); ok && strings.HasPrefix(host, "i-") && inst.Region == v.Region {
		var ips []netip.Addr
		for _, id := range inst.ENIs {
			if e, ok := r.net.ENIs[id]; ok {
				ips = append(ips, e.M.PrimaryIP())
				ips = append(ips, e.M.IPv6...)
			}
		}
		q.step(actor, "answers", "R10.5", "resource-based name of instance %s", inst.ID)
		return addrAnswer(q, actor, name, qtype, ips)
	}
	q.step(actor, "answers", "R10.5", "NXDOMAIN: no instance or address behind %s", name)
	return nxdomain()
}

// ipName answers ip-a-b-c-d names: an interface in v, or an RFC 1918
// address of another VPC in the same Region (R10.7). A only.
func (r *Resolver) ipName(q *query, actor string, v *model.VPC, name string, qtype uint16, ip netip.Addr) result {
	for _, e := range r.net.ENIsByIP(ip) {
		if e.M.VPC == v.ID || (ip.IsPrivate() && e.M.Region == v.Region) {
			q.step(actor, "answers", "R10.5", "IP-based name of %s", e.Label())
			if qtype != 1 {
				q.step(actor, "answers", "R10.5", "NODATA: IP-based names answer A only")
				return nodata()
			}
			return addrAnswer(q, "", name, qtype, []netip.Addr{ip})
		}
	}
	q.step(actor, "answers", "R10.7", "NXDOMAIN: no interface holds %s in this Region", ip)
	return nxdomain()
}

// publicEC2 answers ec2-a-b-c-d public hostnames: the private address when
// asked through the owner's VPC Resolver or a peer allowed by R4.7, else the
// public one; only when the owner's VPC has both DNS attributes (R10.6).
func (r *Resolver) publicEC2(q *query, actor, name string, qtype uint16, m []string, fromVPC string) result {
	pub, ok := dotted(strings.Join(m[1:5], "-"))
	owner, priv, found := r.net.PublicOwner(pub)
	if !ok || !found {
		q.step(actor, "answers", "R10.6", "NXDOMAIN: no interface has public address %s", strings.Join(m[1:5], "."))
		return nxdomain()
	}
	ov := owner.VPC.M
	if !ov.EnableDNSSupport || !ov.EnableDNSHostnames || publicDomain(ov.Region) != strings.SplitN(name, ".", 2)[1] {
		q.step(actor, "answers", "R10.2", "NXDOMAIN: %s gets no public DNS name (its VPC %s lacks enableDnsHostnames/enableDnsSupport, or another Region)", owner.Label(), ov.ID)
		return nxdomain()
	}
	if fromVPC == ov.ID {
		q.step(actor, "answers", "R10.6", "public hostname of %s asked inside its VPC: private address", owner.Label())
		return addrAnswer(q, "", name, qtype, []netip.Addr{priv})
	}
	if fromVPC != "" && r.peerDNS(fromVPC, ov.ID) {
		q.step(actor, "answers", "R4.7", "public hostname of %s: private address (peering allows DNS resolution from the remote VPC)", owner.Label())
		return addrAnswer(q, "", name, qtype, []netip.Addr{priv})
	}
	q.step(actor, "answers", "R10.6", "public hostname of %s: public address", owner.Label())
	return addrAnswer(q, "", name, qtype, []netip.Addr{pub})
}

// peerDNS reports whether an active peering lets from resolve owner's public
// names to private addresses: owner's side allows it, both VPCs have DNS (R4.7).
func (r *Resolver) peerDNS(from, owner string) bool {
	fv, ok := r.vpcs[from]
	if !ok || !fv.vpc.EnableDNSHostnames || !fv.vpc.EnableDNSSupport {
		return false
	}
	for _, p := range r.net.Snap.PeeringConnections {
		if !p.Active() {
			continue
		}
		if other, ok := p.Other(from); ok && other.VPC == owner && other.AllowDNSResolutionFromRemoteVPC {
			return true
		}
	}
	return false
}
