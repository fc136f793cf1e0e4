package model

import (
	"sort"
	"strings"
)

// resolverEndpoints warns about Resolver endpoints that AWS would not
// create: an endpoint needs at least two IP addresses, in at least two
// Availability Zones (R10.40). The AZ of an address is its subnet's; an
// address whose subnet is not in the snapshot counts towards the addresses
// but not towards the zones, and the warning then says the zones are unknown.
func (v *validator) resolverEndpoints() {
	for _, e := range v.s.ResolverEndpoints {
		azs, unknown := v.resolverAZs(e)
		switch {
		case len(e.IPs) < 2:
			v.warnf(&e.Meta, "resolver endpoint %s has %d IP address%s; Route 53 Resolver requires at least two, in two Availability Zones (R10.40)",
				e.ID, len(e.IPs), plural(len(e.IPs), "", "es"))
		case len(azs) < 2 && unknown == 0:
			v.warnf(&e.Meta, "resolver endpoint %s has all %d IP addresses in %s; Route 53 Resolver requires addresses in at least two Availability Zones (R10.40)",
				e.ID, len(e.IPs), azList(azs))
		}
	}
}

// resolverAZs lists the zones of e's addresses and counts the addresses
// whose zone the snapshot does not say.
func (v *validator) resolverAZs(e *ResolverEndpoint) ([]string, int) {
	seen := map[string]bool{}
	unknown := 0
	for _, ip := range e.IPs {
		sub, ok := Lookup[*Subnet](v.ix, ip.Subnet)
		az := ""
		if ok {
			az = sub.AZ
			if az == "" {
				az = sub.AZID
			}
		}
		if az == "" {
			unknown++
			continue
		}
		seen[az] = true
	}
	azs := make([]string, 0, len(seen))
	for az := range seen {
		azs = append(azs, az)
	}
	sort.Strings(azs)
	return azs, unknown
}

func azList(azs []string) string {
	if len(azs) == 0 {
		return "no known Availability Zone"
	}
	return "Availability Zone " + strings.Join(azs, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
