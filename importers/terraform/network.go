package terraform

import "github.com/netverify/netverify/model"

func init() {
	register(1, mapVPC, "aws_vpc", "aws_default_vpc")
	register(2, mapVPCCIDR, "aws_vpc_ipv4_cidr_block_association")
	register(1, mapSubnet, "aws_subnet", "aws_default_subnet")
	register(1, mapIGW, "aws_internet_gateway")
	register(2, mapIGWAttachment, "aws_internet_gateway_attachment")
	register(1, mapEIGW, "aws_egress_only_internet_gateway")
	register(1, mapNAT, "aws_nat_gateway")
	register(1, mapEIP, "aws_eip")
	register(2, mapEIPAssociation, "aws_eip_association")
}

func mapVPC(b *builder, r *resource, o obj) {
	v := &model.VPC{Meta: b.meta(r, o), EnableDNSSupport: o.boolean("enable_dns_support", true),
		EnableDNSHostnames: o.boolean("enable_dns_hostnames", r.Type == "aws_default_vpc"), IsDefault: r.Type == "aws_default_vpc"}
	if p, ok := b.cidr(r, o, "cidr_block"); ok {
		v.CIDRs = append(v.CIDRs, p)
	} else {
		b.ds.Warnf(r.Src, r.Addr, "%s: cidr_block is unknown (IPAM allocation?); the VPC has no IPv4 range", r.Addr)
	}
	if p, ok := b.cidr(r, o, "ipv6_cidr_block"); ok {
		v.IPv6CIDRs = append(v.IPv6CIDRs, p)
	}
	b.s.VPCs = append(b.s.VPCs, v)
}

func mapVPCCIDR(b *builder, r *resource, o obj) {
	id := o.str("vpc_id")
	v, ok := lookup[*model.VPC](b, id)
	if !ok {
		b.warnDangling(r, "vpc_id", "vpc", id)
		return
	}
	if p, ok := b.cidr(r, o, "cidr_block"); ok {
		v.CIDRs = append(v.CIDRs, p)
	}
}

func mapSubnet(b *builder, r *resource, o obj) {
	s := &model.Subnet{Meta: b.meta(r, o), VPC: o.str("vpc_id"), AZ: o.str("availability_zone"),
		AZID: o.str("availability_zone_id"), MapPublicIPOnLaunch: o.boolean("map_public_ip_on_launch", r.Type == "aws_default_subnet"),
		IPv6Native: o.boolean("ipv6_native", false), DNS64: o.boolean("enable_dns64", false)}
	s.CIDR, _ = b.cidr(r, o, "cidr_block")
	s.IPv6CIDR, _ = b.cidr(r, o, "ipv6_cidr_block")
	if s.Region == "" && len(s.AZ) > 1 {
		s.Region = s.AZ[:len(s.AZ)-1]
	}
	b.s.Subnets = append(b.s.Subnets, s)
}

func mapIGW(b *builder, r *resource, o obj) {
	g := &model.InternetGateway{Meta: b.meta(r, o)}
	if v := o.str("vpc_id"); v != "" {
		g.VPCs = []string{v}
	}
	b.s.InternetGateways = append(b.s.InternetGateways, g)
}

func mapIGWAttachment(b *builder, r *resource, o obj) {
	id := o.str("internet_gateway_id")
	g, ok := lookup[*model.InternetGateway](b, id)
	if !ok {
		b.warnDangling(r, "internet_gateway_id", "internet gateway", id)
		return
	}
	if v := o.str("vpc_id"); v != "" {
		g.VPCs = appendUnique(g.VPCs, v)
	}
}

func mapEIGW(b *builder, r *resource, o obj) {
	b.s.EgressOnlyIGWs = append(b.s.EgressOnlyIGWs, &model.EgressOnlyIGW{Meta: b.meta(r, o), VPC: o.str("vpc_id")})
}

// mapNAT: connectivity_type defaults to public (R3.6); the public address is
// the EIP's, looked up after phase 1 when the plan does not know it yet.
func mapNAT(b *builder, r *resource, o obj) {
	n := &model.NATGateway{Meta: b.meta(r, o), Subnet: o.str("subnet_id"), Public: o.str("connectivity_type") != "private",
		ENI: o.str("network_interface_id")}
	if a, ok := addr(o.str("private_ip")); ok {
		n.PrivateIP = a
	}
	if a, ok := addr(o.str("public_ip")); ok {
		n.PublicIPs = append(n.PublicIPs, a)
	}
	alloc := o.str("allocation_id")
	b.s.NATGateways = append(b.s.NATGateways, n)
	b.post = append(b.post, func() {
		if sub, ok := lookup[*model.Subnet](b, n.Subnet); ok {
			n.VPC = sub.VPC
		}
		if len(n.PublicIPs) == 0 && alloc != "" {
			if e, ok := lookup[*model.ElasticIP](b, alloc); ok && e.PublicIP.IsValid() {
				n.PublicIPs = append(n.PublicIPs, e.PublicIP)
				for _, a := range e.Assumed {
					n.Assume("Elastic IP " + e.ID + ": " + a)
				}
			}
		}
		if n.Public && len(n.PublicIPs) == 0 && alloc != "" {
			n.Assume("public IP known only after apply (Elastic IP " + alloc + ")")
		}
	})
}

func mapEIP(b *builder, r *resource, o obj) {
	e := &model.ElasticIP{Meta: b.meta(r, o), ENI: o.str("network_interface"), Instance: o.str("instance"),
		AssociationID: o.str("association_id")}
	if a, ok := addr(o.str("public_ip")); ok {
		e.PublicIP = a
	} else if b.d.planned {
		eipPlaceholder(b.d, r, e)
	} else {
		e.Assume("public IP not recorded in the state")
	}
	if a, ok := addr(o.str("private_ip")); ok {
		e.PrivateIP = a
	}
	b.s.ElasticIPs = append(b.s.ElasticIPs, e)
	if b.d.planned {
		b.post = append(b.post, func() { attachEIP(b, e) })
	}
}

func mapEIPAssociation(b *builder, r *resource, o obj) {
	id := o.str("allocation_id")
	e, ok := lookup[*model.ElasticIP](b, id)
	if !ok {
		b.warnDangling(r, "allocation_id", "elastic IP", id)
		return
	}
	e.AssociationID = b.d.id(r)
	e.ENI, e.Instance = o.str("network_interface_id"), o.str("instance_id")
	if a, ok := addr(o.str("private_ip_address")); ok {
		e.PrivateIP = a
	}
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}
