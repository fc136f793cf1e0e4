package terraform

import "strings"

// Notes recorded with Meta.Assume for values a plan does not know yet.
const (
	noteID = "ID known only after apply"
)

// idPrefixes gives placeholder IDs the AWS prefix of their kind, so that
// route targets and references read like real IDs (model.TargetKindOfID).
var idPrefixes = map[string]string{
	"aws_vpc": "vpc-", "aws_default_vpc": "vpc-", "aws_subnet": "subnet-", "aws_default_subnet": "subnet-",
	"aws_route_table": "rtb-", "aws_default_route_table": "rtb-", "aws_internet_gateway": "igw-",
	"aws_egress_only_internet_gateway": "eigw-", "aws_nat_gateway": "nat-", "aws_eip": "eipalloc-",
	"aws_security_group": "sg-", "aws_default_security_group": "sg-", "aws_network_acl": "acl-",
	"aws_default_network_acl": "acl-", "aws_vpc_endpoint": "vpce-", "aws_vpc_peering_connection": "pcx-",
	"aws_ec2_transit_gateway": "tgw-", "aws_ec2_transit_gateway_vpc_attachment": "tgw-attach-",
	"aws_ec2_transit_gateway_peering_attachment": "tgw-attach-", "aws_ec2_transit_gateway_route_table": "tgw-rtb-",
	"aws_vpn_gateway": "vgw-", "aws_customer_gateway": "cgw-", "aws_vpn_connection": "vpn-",
	"aws_instance": "i-", "aws_network_interface": "eni-", "aws_route53_resolver_endpoint": "rslvr-",
	"aws_route53_resolver_rule": "rslvr-rr-", "aws_apigatewayv2_vpc_link": "vpclink-",
	"aws_security_group_rule": "sgr-", "aws_vpc_security_group_ingress_rule": "sgr-",
	"aws_vpc_security_group_egress_rule": "sgr-", "aws_route_table_association": "rtbassoc-",
}

// attrPrefixes are computed attributes that hold the ID of an object AWS
// creates implicitly; other resources refer to them before apply.
var attrPrefixes = map[string]string{
	"default_route_table_id": "rtb-", "main_route_table_id": "rtb-", "default_network_acl_id": "acl-",
	"default_security_group_id": "sg-", "transit_gateway_attachment_id": "tgw-attach-",
	"primary_network_interface_id": "eni-", "network_interface_id": "eni-",
	"association_default_route_table_id": "tgw-rtb-", "propagation_default_route_table_id": "tgw-rtb-",
	"allocation_id": "eipalloc-", "association_id": "eipassoc-",
}

// id returns r's ID: the real one from state, else the ID another resource
// fixes (aws_default_route_table adopts the VPC's default table), else a
// placeholder from a short hash of the address.
func (d *doc) id(r *resource) string {
	switch r.idState {
	case 2:
		return r.id
	case 1: // a reference cycle: fall back to the address hash
		return d.placeholderID(r)
	}
	r.idState = 1
	r.id, r.placeholder = d.computeID(r)
	r.idState = 2
	return r.id
}

func (d *doc) computeID(r *resource) (string, bool) {
	o := d.root(r)
	if s, ok := o.raw("id").(string); ok && s != "" {
		return s, false
	}
	switch r.Type {
	case "aws_lambda_function":
		if s := o.str("function_name"); s != "" {
			return s, false
		}
	case "aws_default_route_table":
		if s := o.str("default_route_table_id"); s != "" {
			return s, true
		}
	case "aws_default_network_acl":
		if s := o.str("default_network_acl_id"); s != "" {
			return s, true
		}
	case "aws_default_security_group":
		if s := d.vpcAttr(r, "default_security_group_id"); s != "" {
			return s, true
		}
	case "aws_main_route_table_association", "aws_route":
		// never referenced by ID in the model
	}
	return d.placeholderID(r), true
}

// vpcAttr resolves r.vpc_id to its VPC resource and returns one of its attributes.
func (d *doc) vpcAttr(r *resource, a string) string {
	e := d.root(r).expr("vpc_id")
	if e == nil {
		return ""
	}
	for _, ref := range e.References {
		segs := splitRef(ref)
		if len(segs) < 2 || segs[0].name == "var" || segs[0].name == "module" {
			continue
		}
		for _, in := range d.byBase[baseKey(r.Module, "managed", segs[0].name, segs[1].name)] {
			if s, ok := d.attr(in, a).(string); ok {
				return s
			}
		}
	}
	return ""
}

// placeholderID hashes the resource address together with the file it comes
// from (scopeOf): the same address (aws_vpc.main) is a different VPC in
// another plan or workspace, and two plans loaded together must not merge
// into one.
func (d *doc) placeholderID(r *resource) string {
	key := d.hashKey(r.Addr)
	switch r.Type {
	case "aws_route53_zone":
		return "Z" + strings.ToUpper(shortHash(key, 20))
	case "aws_api_gateway_rest_api", "aws_apigatewayv2_api", "aws_api_gateway_vpc_link":
		return shortHash(key, 10)
	}
	p, ok := idPrefixes[r.Type]
	if !ok {
		p = "tf-"
	}
	return p + shortHash(key, 17)
}

// hashKey is what placeholders hash: the file's scope and s.
func (d *doc) hashKey(s string) string { return d.scope + "\x00" + s }
