package terraform

import (
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
)

func init() {
	register(1, mapInstance, "aws_instance")
	register(1, mapENI, "aws_network_interface")
	register(2, mapENIAttachment, "aws_network_interface_attachment")
	register(1, mapLambda, "aws_lambda_function")
	register(2, mapFunctionURL, "aws_lambda_function_url")
}

// mapInstance creates the instance and its primary ENI (the instance's
// network identity). A plan knows neither the ENI ID nor, usually, the private
// IP: model.Derive allocates a placeholder address from the subnet.
func mapInstance(b *builder, r *resource, o obj) {
	in := &model.Instance{Meta: b.meta(r, o), Subnet: o.str("subnet_id"), State: o.str("instance_state"),
		SourceDestCheck: o.boolean("source_dest_check", true)}
	primary := str(b.d.attr(r, "primary_network_interface_id"))
	eni := &model.ENI{Meta: model.Meta{ID: primary, Account: in.Account, Region: in.Region, Name: in.Name + " (primary)",
		Source: r.Src, Tags: map[string]string{"terraform:address": r.Addr}},
		Subnet: in.Subnet, AZ: o.str("availability_zone"), SecurityGroups: o.strs("vpc_security_group_ids"),
		SourceDestCheck: in.SourceDestCheck, OwnerKind: model.OwnerInstance, OwnerID: in.ID}
	if r.placeholder {
		eni.Assume(noteID)
	}
	eni.SecurityGroups = append(eni.SecurityGroups, o.strs("security_groups")...)
	if ip, ok := addr(o.str("private_ip")); ok {
		eni.PrivateIPs = append(eni.PrivateIPs, ip)
	}
	eni.PrivateIPs = append(eni.PrivateIPs, addrs(o.strs("secondary_private_ips"))...)
	eni.IPv6 = addrs(o.strs("ipv6_addresses"))
	if pub, ok := addr(o.str("public_ip")); ok && eni.PrimaryIP().IsValid() {
		eni.PublicIPs = []model.PublicIPMapping{{PrivateIP: eni.PrimaryIP(), PublicIP: pub}}
	}
	if in.Subnet != "" {
		in.ENIs = append(in.ENIs, eni.ID)
		b.s.ENIs = append(b.s.ENIs, eni)
		b.post = append(b.post, func() {
			fillVPC(b, &eni.VPC, eni.Subnet)
			in.VPC = eni.VPC
			launchPublicIP(b, r, o, eni)
		})
	}
	for _, ni := range o.blocks("network_interface") {
		if id := ni.str("network_interface_id"); id != "" {
			in.ENIs = appendUnique(in.ENIs, id)
			b.post = append(b.post, func() { claimENI(b, id, in) })
		}
	}
	if in.ENIs == nil {
		in.ENIs = []string{}
	}
	b.s.Instances = append(b.s.Instances, in)
}

func claimENI(b *builder, id string, in *model.Instance) {
	if e, ok := lookup[*model.ENI](b, id); ok {
		e.OwnerKind, e.OwnerID, e.SourceDestCheck = model.OwnerInstance, in.ID, in.SourceDestCheck
		if in.Subnet == "" {
			in.Subnet, in.VPC = e.Subnet, e.VPC
		}
	}
}

func fillVPC(b *builder, vpc *string, subnet string) {
	if *vpc != "" {
		return
	}
	if s, ok := lookup[*model.Subnet](b, subnet); ok {
		*vpc = s.VPC
	}
}

func addrs(ss []string) []netip.Addr {
	var out []netip.Addr
	for _, s := range ss {
		if a, ok := addr(s); ok {
			out = append(out, a)
		}
	}
	return out
}

func mapENI(b *builder, r *resource, o obj) {
	e := &model.ENI{Meta: b.meta(r, o), Subnet: o.str("subnet_id"), SecurityGroups: o.strs("security_groups"),
		SourceDestCheck: o.boolean("source_dest_check", true), InterfaceType: o.str("interface_type"),
		Description: o.str("description")}
	if ip, ok := addr(o.str("private_ip")); ok {
		e.PrivateIPs = append(e.PrivateIPs, ip)
	}
	for _, ip := range addrs(o.strs("private_ips")) {
		if ip != e.PrimaryIP() {
			e.PrivateIPs = append(e.PrivateIPs, ip)
		}
	}
	e.IPv6 = addrs(o.strs("ipv6_addresses"))
	for _, att := range o.blocks("attachment") {
		if id := att.str("instance"); id != "" {
			e.OwnerKind, e.OwnerID = model.OwnerInstance, id
		}
	}
	b.s.ENIs = append(b.s.ENIs, e)
	b.post = append(b.post, func() {
		fillVPC(b, &e.VPC, e.Subnet)
		if in, ok := lookup[*model.Instance](b, e.OwnerID); ok && e.OwnerKind == model.OwnerInstance {
			in.ENIs = appendUnique(in.ENIs, e.ID)
		}
	})
}

func mapENIAttachment(b *builder, r *resource, o obj) {
	id, inst := o.str("network_interface_id"), o.str("instance_id")
	e, ok := lookup[*model.ENI](b, id)
	if !ok {
		b.warnDangling(r, "network_interface_id", "network interface", id)
		return
	}
	e.OwnerKind, e.OwnerID = model.OwnerInstance, inst
	if in, ok := lookup[*model.Instance](b, inst); ok {
		in.ENIs = appendUnique(in.ENIs, e.ID)
	}
}

// mapLambda reads the function and its VPC config; the Hyperplane ENIs are
// model.Derive's (R8.1). Environment variables are never read: they often
// hold secrets.
func mapLambda(b *builder, r *resource, o obj) {
	f := &model.LambdaFunction{Meta: b.meta(r, o), Runtime: o.str("runtime")}
	for _, vc := range o.blocks("vpc_config") {
		f.Subnets = vc.strs("subnet_ids")
		f.SecurityGroups = vc.strs("security_group_ids")
		f.VPC = vc.str("vpc_id")
		f.IPv6AllowedForDualStack = vc.boolean("ipv6_allowed_for_dual_stack", false)
	}
	if f.VPC == "" && len(f.Subnets) > 0 {
		b.post = append(b.post, func() { fillVPC(b, &f.VPC, f.Subnets[0]) })
	}
	b.s.LambdaFunctions = append(b.s.LambdaFunctions, f)
}

// mapFunctionURL records an aws_lambda_function_url on its function (R11.7).
func mapFunctionURL(b *builder, r *resource, o obj) {
	name := o.str("function_name")
	if i := strings.Index(name, ":function:"); i >= 0 {
		name = name[i+len(":function:"):]
	}
	f, ok := lookup[*model.LambdaFunction](b, name)
	if !ok {
		b.warnDangling(r, "function_name", "Lambda function", name)
		return
	}
	f.URLs = append(f.URLs, model.FunctionURL{AuthType: strings.ToUpper(o.str("authorization_type")), Qualifier: o.str("qualifier"),
		URL: o.str("function_url"), Source: r.Src})
}
