package capacity

import (
	"fmt"
	"strings"
)

// warnings lists, subnet by subnet and then VPC by VPC, where a new
// interface, a new Lambda combination or a Hyperplane scale-out would not
// fit (R8.41-R8.43).
func (c *computer) warnings(r Report) []Warning {
	var ws []Warning
	combosIn := map[string][]Combination{}
	for _, cb := range r.Combinations {
		combosIn[cb.Subnet] = append(combosIn[cb.Subnet], cb)
	}
	for _, s := range r.Subnets {
		ws = append(ws, subnetWarnings(s, combosIn[s.ID])...)
	}
	for _, v := range r.VPCs {
		if v.Headroom == 0 {
			ws = append(ws, Warning{Resource: v.ID, Message: fmt.Sprintf(
				"vpc %s has %d Lambda Hyperplane ENIs, the quota of %d per VPC: a function with a new subnet and security-group combination fails to attach (ENILimitReachedException); reuse an existing combination or ask for a higher quota (R8.42)",
				v.ID, v.HyperplaneENIs, v.Quota)})
		}
	}
	return ws
}

func subnetWarnings(s Subnet, combos []Combination) []Warning {
	var ws []Warning
	at := func(format string, args ...any) {
		ws = append(ws, Warning{Resource: s.ID, Source: s.source, Message: fmt.Sprintf(format, args...)})
	}
	if s.Free == 0 {
		at("subnet %s (%s) has no free IPv4 address (%s): a new Lambda combination, interface endpoint, Resolver endpoint address or VPC link interface cannot be created there, and Lambda cannot scale out its Hyperplane ENIs; add a subnet or free addresses (R8.41, R8.43)",
			s.Label(), s.CIDR, s.FreeSource)
	} else if n := len(combos); n > s.Free {
		at("subnet %s (%s) has %d free IPv4 address%s for %d Lambda Hyperplane ENI combinations: if each scales out by one more ENI, %d would not fit (R8.43)",
			s.Label(), s.CIDR, s.Free, plural(s.Free), n, n-s.Free)
	}
	for _, cb := range combos {
		if len(cb.ENIs) == 0 {
			at("subnet %s: no Hyperplane ENI fits for security groups %s of %s: the subnet has no free IPv4 address, so the function cannot start in it (R8.1, R8.41)",
				s.Label(), sgList(cb.SecurityGroups), strings.Join(cb.Functions, ", "))
		}
	}
	return ws
}

func sgList(sgs []string) string {
	if len(sgs) == 0 {
		return "(none)"
	}
	return strings.Join(sgs, "+")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "es"
}
