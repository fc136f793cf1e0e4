package dns

import (
	"hash/fnv"
	"net/netip"
	"regexp"
	"strings"

	mdns "github.com/miekg/dns"
)

// PublicAWSRange is the documented placeholder for public AWS front ends
// (service endpoints such as ssm.us-east-1.amazonaws.com, public API Gateway
// names) when the snapshot has no AWS-managed prefix list for the service:
// the real addresses are not in any input, so each name gets a stable address
// in this range. With a prefix list named com.amazonaws.<region>.<service>
// (S3, DynamoDB) the address is taken from its first entry, so gateway
// endpoint routes (R7.1) apply to it.
var PublicAWSRange = netip.MustParsePrefix("52.95.0.0/16")

// publicCtx is public DNS as seen from the internet (recursion from "." ).
type publicCtx struct{}

func (publicCtx) label() string { return "public DNS" }

var (
	ec2PublicName = regexp.MustCompile(`^ec2-(\d+)-(\d+)-(\d+)-(\d+)\.(compute-1|[a-z0-9-]+\.compute)\.amazonaws\.com$`)
	apiVpceAlias  = regexp.MustCompile(`^([a-z0-9]+)-(vpce-[0-9a-f]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com$`)
	apiDefault    = regexp.MustCompile(`^[a-z0-9-]+\.execute-api\.[a-z0-9-]+\.amazonaws\.com$`)
)

func (p publicCtx) lookup(q *query, name string, qtype uint16) result {
	r := q.r
	if z := mostSpecific(r.public, name); z != nil {
		q.step(p.label(), "zone", "R10.14", "public hosted zone %s (%s)", z.name, z.hz.ID)
		return z.lookup(q, p.label(), name, qtype, func(t string) result { return q.resolve(publicCtx{}, t, qtype) })
	}
	if ips, ok := r.epNames[name]; ok {
		q.step(p.label(), "answers", "R7.11", "endpoint-specific name of an interface endpoint, in public DNS")
		return addrAnswer(q, p.label(), name, qtype, ips)
	}
	if m := ec2PublicName.FindStringSubmatch(name); m != nil {
		return r.publicEC2(q, p.label(), name, qtype, m, "")
	}
	if m := apiVpceAlias.FindStringSubmatch(name); m != nil {
		return r.apiAlias(q, p.label(), name, qtype, m[1], m[2])
	}
	if strings.HasSuffix(name, ".cloudfront.net") {
		return r.cloudFront(q, p.label(), name, qtype)
	}
	if apiDefault.MatchString(name) {
		if res, ok := r.edgeAPI(q, p.label(), name); ok {
			return res
		}
	}
	if strings.HasSuffix(name, ".amazonaws.com") && !strings.HasSuffix(name, ".vpce.amazonaws.com") {
		rule := "R9.2"
		if !apiDefault.MatchString(name) {
			rule = "R7.12"
		}
		ip := r.placeholder(name)
		q.step(p.label(), "answers", rule, "AWS public name: public front end %s (placeholder address, see PublicAWSRange)", ip)
		return addrAnswer(q, "", name, qtype, []netip.Addr{ip})
	}
	q.step(p.label(), "answers", "", "NXDOMAIN: no public hosted zone or AWS public name in the snapshot holds %s", name)
	return nxdomain()
}

// apiAlias answers {api-id}-{vpce-id}.execute-api names: they exist only when
// the API lists that endpoint in vpcEndpointIds (R9.5c).
func (r *Resolver) apiAlias(q *query, actor, name string, qtype uint16, apiID, vpce string) result {
	api, ok := r.apis[apiID]
	if ok {
		for _, id := range api.VPCEndpointIDs {
			if id == vpce {
				q.step(actor, "answers", "R9.5", "alias of API %s associated with endpoint %s", apiID, vpce)
				return addrAnswer(q, "", name, qtype, r.endpointIPs(vpce, ""))
			}
		}
	}
	q.step(actor, "answers", "R9.5", "NXDOMAIN: API %s does not list %s in vpcEndpointIds, so the alias does not exist", apiID, vpce)
	return nxdomain()
}

// placeholder returns the stable public address of an AWS service name.
func (r *Resolver) placeholder(name string) netip.Addr {
	pfx := PublicAWSRange
	labels := strings.Split(name, ".")
	if len(labels) >= 4 {
		svc, region := labels[len(labels)-4], labels[len(labels)-3]
		for _, pl := range r.net.Snap.PrefixLists {
			if pl.PrefixListName == "com.amazonaws."+region+"."+svc && len(pl.Entries) > 0 {
				pfx = pl.Entries[0]
			}
		}
	}
	return placeholderIn(pfx, name)
}

// placeholderIn returns a stable address of pfx for name.
func placeholderIn(pfx netip.Prefix, name string) netip.Addr {
	h := fnv.New32a()
	h.Write([]byte(name))
	size := uint32(1) << min(uint(32-pfx.Bits()), 16)
	off := 1 + h.Sum32()%max(size-2, 1)
	a := pfx.Masked().Addr().As4()
	v := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	v += off
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// addrAnswer turns addresses into A or AAAA records of name (NODATA when none fits).
func addrAnswer(q *query, actor, name string, qtype uint16, ips []netip.Addr) result {
	var out []Record
	for _, ip := range ips {
		switch {
		case qtype == mdns.TypeA && ip.Is4():
			out = append(out, Record{Name: name, Type: "A", Value: ip.String(), TTL: defaultTTL})
		case qtype == mdns.TypeAAAA && ip.Is6():
			out = append(out, Record{Name: name, Type: "AAAA", Value: ip.String(), TTL: defaultTTL})
		}
	}
	if len(out) == 0 {
		if actor != "" {
			q.step(actor, "answers", "", "NODATA: %s has no %s record", name, mdns.TypeToString[qtype])
		}
		return nodata()
	}
	if actor != "" {
		q.step(actor, "answers", "", "%s", values(out))
	}
	return answer(out...)
}
