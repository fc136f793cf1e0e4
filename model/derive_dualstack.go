package model

import (
	"fmt"
	"net/netip"
	"strings"
)

// lambdaDualStack gives the Hyperplane ENI of a function with
// Ipv6AllowedForDualStack an IPv6 address in each of its dual-stack subnets,
// so that its IPv6 traffic leaves from that address (R8.4, R8.44). Only
// interfaces netverify made up are given one: an imported interface already
// says which addresses AWS gave it.
func (d *deriver) lambdaDualStack() {
	byKey := map[string]*ENI{}
	used := map[netip.Addr]bool{}
	for _, e := range d.s.ENIs {
		for _, ip := range e.IPv6 {
			used[ip] = true
		}
		if e.OwnerKind == OwnerLambda {
			byKey[d.lambdaKey(e.Subnet, e.SecurityGroups)] = e
		}
	}
	for _, f := range sortedByID(d.s.LambdaFunctions) {
		if !f.IPv6AllowedForDualStack {
			continue
		}
		for _, ref := range f.Subnets {
			sub, ok := d.subnet(ref)
			e := byKey[d.lambdaKey(ref, d.sgIDs(f.SecurityGroups))]
			if !ok || e == nil || !sub.IPv6CIDR.IsValid() || len(e.IPv6) > 0 || !IsDerivedID(e.ID) {
				continue
			}
			ip, ok := allocate6(sub.IPv6CIDR, used)
			if !ok {
				continue
			}
			e.IPv6 = []netip.Addr{ip}
			e.Assume(fmt.Sprintf("IPv6 address %s allocated from %s (%s) by netverify for %s, which allows dual-stack (R8.44); AWS picks the real one at deployment", ip, sub.ID, sub.IPv6CIDR, f.ID))
		}
	}
}

// allocate6 returns the lowest free address of an IPv6 subnet after the
// four addresses AWS reserves at its start (R1.13), and marks it used.
func allocate6(p netip.Prefix, used map[netip.Addr]bool) (netip.Addr, bool) {
	p = p.Masked()
	ip := p.Addr()
	for range 4 {
		ip = ip.Next()
	}
	for i := 0; i < 1<<16 && p.Contains(ip); i, ip = i+1, ip.Next() {
		if !used[ip] {
			used[ip] = true
			return ip, true
		}
	}
	return netip.Addr{}, false
}

// IsDerivedID reports whether Derive made the ID up (see derivedID): such
// a resource is netverify's assumption, not part of the input.
func IsDerivedID(id string) bool { return strings.Contains(id, "-derived-") }

// ipv6Only gives an interface of an IPv6-only subnet an IPv6 address when
// it has none: such a subnet has no IPv4 block to allocate from (R3.40).
func (d *deriver) ipv6Only(e *ENI, sub *Subnet) {
	if len(e.IPv6) > 0 || !sub.IPv6CIDR.IsValid() {
		return
	}
	used := map[netip.Addr]bool{}
	for _, x := range d.s.ENIs {
		for _, ip := range x.IPv6 {
			used[ip] = true
		}
	}
	if ip, ok := allocate6(sub.IPv6CIDR, used); ok {
		e.IPv6 = []netip.Addr{ip}
		e.Assume(fmt.Sprintf("IPv6 address %s allocated from IPv6-only subnet %s (%s) by netverify; AWS picks the real one at deployment (R3.40)", ip, sub.ID, sub.IPv6CIDR))
	}
}
