package http

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/reach"
)

// awsSourceCandidates are addresses of AWS's public ranges. A Lambda function
// outside any VPC sends from one AWS does not publish in advance (R11.1, B13):
// the walk uses the first candidate that no narrower rule of the snapshot
// names, so only rules that admit any public address (0.0.0.0/0) let it in,
// and ExplainLambdaSource turns a denial where a narrower rule might have
// admitted the real address into unknown.
var awsSourceCandidates = []netip.Addr{
	netip.MustParseAddr("3.255.255.254"), netip.MustParseAddr("18.255.255.254"),
	netip.MustParseAddr("52.95.255.254"), netip.MustParseAddr("54.255.255.254"),
	netip.MustParseAddr("35.255.255.254"), netip.MustParseAddr("13.255.255.254"),
}

// awsSourceAddress picks the stand-in source address of a function outside any VPC.
func awsSourceAddress(snap *model.Snapshot) netip.Addr {
	named := narrowPublicCIDRs(snap)
	for _, a := range awsSourceCandidates {
		free := true
		for _, p := range named {
			free = free && !p.Contains(a)
		}
		if free {
			return a
		}
	}
	return awsSourceCandidates[0]
}

// narrowPublicCIDRs lists the CIDRs of security-group and network-ACL rules
// that name some public addresses, not all.
func narrowPublicCIDRs(snap *model.Snapshot) []netip.Prefix {
	var out []netip.Prefix
	add := func(p netip.Prefix) {
		if p.IsValid() && p.Bits() > 0 && p.Addr().Is4() && !p.Addr().IsPrivate() {
			out = append(out, p)
		}
	}
	for _, g := range snap.SecurityGroups {
		for _, r := range g.Ingress {
			add(r.CIDR)
		}
	}
	for _, a := range snap.NetworkACLs {
		for _, e := range a.Entries {
			add(e.CIDR)
		}
	}
	return out
}

// ExplainLambdaSource corrects an answer whose source is the function fn
// outside any VPC: a security group or network ACL that denied the stand-in
// address but names narrower public ranges might admit the function's real,
// unpredictable address, so the answer is unknown, with the reason (R11.1).
func (c *Caller) ExplainLambdaSource(fn string, a *reach.Answer) {
	if a.Verdict != reach.Blocked {
		return
	}
	undecided := false
	for i, e := range a.Explanations {
		if e.Direction != reach.DirForward || (e.Code != "ENI_SG_RULES_MISMATCH" && e.Code != "SUBNET_ACL_RESTRICTION") {
			continue
		}
		ranges := c.narrowAllows(e.Component)
		if len(ranges) == 0 {
			continue
		}
		undecided = true
		a.Explanations[i].Code = "UNKNOWN_DESTINATION"
		a.Explanations[i].Detail = fmt.Sprintf("Lambda function %s is not attached to a VPC: it sends from an AWS public address that is not predictable (R11.1); %s admits only %s of the public addresses, so whether it admits the function is unknown",
			fn, e.Component, strings.Join(ranges, ", "))
		a.Explanations[i].Fix = fmt.Sprintf("admit every address the function may use (0.0.0.0/0 on the port, or all of AWS's published ranges for the Region) in %s, or attach the function to a VPC and admit its security group", e.Component)
	}
	if undecided {
		a.Verdict = reach.Unknown
	}
}

// narrowAllows returns the narrower public CIDRs that the security group or
// network ACL id admits inbound.
func (c *Caller) narrowAllows(id string) []string {
	var out []string
	keep := func(p netip.Prefix) {
		if p.IsValid() && p.Bits() > 0 && p.Addr().Is4() && !p.Addr().IsPrivate() {
			out = append(out, p.String())
		}
	}
	if g, ok := model.Lookup[*model.SecurityGroup](c.net.Index, id); ok {
		for _, r := range g.Ingress {
			keep(r.CIDR)
		}
	}
	if acl, ok := model.Lookup[*model.NetworkACL](c.net.Index, id); ok {
		for _, e := range acl.Entries {
			if !e.Egress && e.Action == model.Allow {
				keep(e.CIDR)
			}
		}
	}
	return out
}
