package model

import "slices"

// sgVPCAssociations checks that an interface uses security groups of its own
// VPC, or groups associated with its VPC (security group VPC associations,
// R2.41): AWS refuses any other group. Association references are rewritten
// to VPC IDs.
func (v *validator) sgVPCAssociations() {
	for _, g := range v.s.SecurityGroups {
		refs[*VPC](v, &g.Meta, "vpc association", g.VPCAssociations, "vpc")
	}
	for _, e := range v.s.ENIs {
		if e.VPC == "" {
			continue
		}
		for _, id := range e.SecurityGroups {
			g, ok := Lookup[*SecurityGroup](v.ix, id)
			if !ok || g.VPC == "" || g.VPC == e.VPC || slices.Contains(g.VPCAssociations, e.VPC) {
				continue
			}
			if vpc, ok := Lookup[*VPC](v.ix, g.VPC); ok && vpc.ID == e.VPC {
				continue // the group names its VPC by name
			}
			v.warnf(&e.Meta, "network interface %s in %s uses security group %s of %s, which is not associated with %s: AWS allows a group of another VPC only through a security group VPC association (R2.41)",
				e.ID, e.VPC, g.ID, g.VPC, e.VPC)
		}
	}
}
