package terraform

import "github.com/netverify/netverify/model"

// VPC Block Public Access (aws_vpc_block_public_access_options and
// aws_vpc_block_public_access_exclusion), R3.50-R3.52.
func init() {
	register(1, mapBPAOptions, "aws_vpc_block_public_access_options")
	register(1, mapBPAExclusion, "aws_vpc_block_public_access_exclusion")
}

func mapBPAOptions(b *builder, r *resource, o obj) {
	m := b.meta(r, o)
	x := &model.BlockPublicAccess{Account: m.Account, Region: m.Region, Mode: model.BPAMode(o.str("internet_gateway_block_mode")), Source: r.Src}
	if a := o.str("aws_account_id"); a != "" {
		x.Account = a
	}
	if g := o.str("aws_region"); g != "" {
		x.Region = g
	}
	b.s.BlockPublicAccess = append(b.s.BlockPublicAccess, x)
}

func mapBPAExclusion(b *builder, r *resource, o obj) {
	m := b.meta(r, o)
	x := &model.BPAExclusion{ID: m.ID, Account: m.Account, Region: m.Region, VPC: o.str("vpc_id"), Subnet: o.str("subnet_id"),
		Mode: model.BPAExclusionMode(o.str("internet_gateway_exclusion_mode")), Source: r.Src}
	if x.Subnet != "" {
		x.VPC = ""
	}
	b.s.BPAExclusions = append(b.s.BPAExclusions, x)
}
