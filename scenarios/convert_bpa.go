package scenarios

import "github.com/netverify/netverify/model"

// blockPublicAccess converts the VPC Block Public Access modes and their
// exclusions (R3.50, R3.52).
func (c *conv) blockPublicAccess() {
	for i := range c.doc.BlockPublicAccess {
		d := &c.doc.BlockPublicAccess[i]
		m := model.BPAMode(d.Mode)
		if m != model.BPAOff && m != model.BPABidirectional && m != model.BPAIngress {
			c.errf(d.of("mode"), "mode: %q must be off, block-bidirectional or block-ingress", d.Mode)
			continue
		}
		c.s.BlockPublicAccess = append(c.s.BlockPublicAccess, &model.BlockPublicAccess{
			Account: or(d.Account, c.doc.Defaults.Account), Region: or(d.Region, c.doc.Defaults.Region), Mode: m, Source: c.src(d.at)})
	}
	for i := range c.doc.BlockPublicAccessExclusions {
		d := &c.doc.BlockPublicAccessExclusions[i]
		m := model.BPAExclusionMode(d.Mode)
		if m != model.BPAAllowBidirectional && m != model.BPAAllowEgress {
			c.errf(d.of("mode"), "mode: %q must be allow-bidirectional or allow-egress", d.Mode)
			continue
		}
		if (d.VPC == "") == (d.Subnet == "") {
			c.errf(d.at, "a Block Public Access exclusion names exactly one of vpc and subnet")
			continue
		}
		x := &model.BPAExclusion{ID: d.ID, Account: or(d.Account, c.doc.Defaults.Account), Region: or(d.Region, c.doc.Defaults.Region),
			Mode: m, Source: c.src(d.at)}
		if d.VPC != "" {
			x.VPC = c.ref("vpc", d.VPC)
		} else {
			x.Subnet = c.ref("subnet", d.Subnet)
		}
		c.s.BPAExclusions = append(c.s.BPAExclusions, x)
	}
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
