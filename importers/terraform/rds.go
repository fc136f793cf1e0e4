package terraform

import (
	"fmt"

	"github.com/netverify/netverify/model"
)

func init() {
	register(1, mapDBInstance, "aws_db_instance")
	register(1, mapDBSubnetGroup, "aws_db_subnet_group")
}

// mapDBSubnetGroup is read by mapDBInstance (the subnets a database may use);
// it is registered so that it is not reported as "not modelled".
func mapDBSubnetGroup(*builder, *resource, obj) {}

// mapDBInstance gives an RDS DB instance the requester-managed network
// interface RDS creates for it, so that questions about the database (an
// internet client on 3306, an application server) can be asked: RDS picks a
// subnet of its DB subnet group at creation; netverify takes the first and
// says so. A publicly accessible instance gets a public IPv4 address (R3.2),
// a placeholder when the file does not record it. The engine itself is not
// modelled: only its interface, security groups and address.
func mapDBInstance(b *builder, r *resource, o obj) {
	group := o.str("db_subnet_group_name")
	subnets := b.d.dbSubnets(r, group)
	if len(subnets) == 0 {
		b.ds.Infof(r.Src, r.Addr, "%s: DB subnet group %q is not in this file, so the database has no network interface in the model", r.Addr, group)
		return
	}
	m := b.meta(r, o)
	name := o.str("identifier")
	if name == "" {
		name = m.Name
	}
	e := &model.ENI{Meta: model.Meta{ID: "eni-" + shortHash(b.d.hashKey(r.Addr+"#eni"), 17), Account: m.Account,
		Region: m.Region, Name: name, Tags: m.Tags, Source: r.Src},
		Subnet: subnets[0], SecurityGroups: o.strs("vpc_security_group_ids"), SourceDestCheck: true,
		OwnerKind: model.OwnerOther, OwnerID: r.Addr, InterfaceType: "interface", Description: "RDSNetworkInterface"}
	e.Assume(fmt.Sprintf("network interface of RDS DB instance %s, placed in subnet %s, the first of DB subnet group %q (RDS picks one at creation)", name, subnets[0], group))
	b.s.ENIs = append(b.s.ENIs, e)
	b.post = append(b.post, func() {
		fillVPC(b, &e.VPC, e.Subnet)
		if len(e.SecurityGroups) == 0 && e.VPC != "" {
			e.SecurityGroups = []string{defaultSGOf(b, e.VPC)}
			e.Assume("no vpc_security_group_ids: the VPC's default security group " + e.SecurityGroups[0] + " applies (R2.8)")
		}
		if o.boolean("publicly_accessible", false) {
			pub := placeholderPublicIP(b.d.hashKey(r.Addr + "#public_ip"))
			e.PublicIPs = []model.PublicIPMapping{{PublicIP: pub}}
			known := "the real address is known only after deployment"
			if !b.d.planned {
				known = "the state does not record the real address"
			}
			e.Assume(fmt.Sprintf("public IP %s assigned because %s is publicly_accessible; %s (placeholder from 198.18.0.0/15, R3.2)", pub, r.Addr, known))
		}
	})
}

// dbSubnets returns the subnets of the DB subnet group named group (by name,
// or by a reference to the group resource in the plan).
func (d *doc) dbSubnets(r *resource, group string) []string {
	for _, g := range d.res {
		if g.Type != "aws_db_subnet_group" || g.Mode != "managed" {
			continue
		}
		o := d.root(g)
		if o.str("name") == group || d.id(g) == group || refersTo(d.root(r), "db_subnet_group_name", g) {
			return o.strs("subnet_ids")
		}
	}
	return nil
}

// refersTo reports whether attribute k of o is written as a reference to g.
func refersTo(o obj, k string, g *resource) bool {
	e := o.expr(k)
	if e == nil {
		return false
	}
	for _, ref := range e.References {
		segs := splitRef(ref)
		if len(segs) >= 2 && segs[0].name == g.Type && segs[1].name == g.Name && normModule(o.r.Module) == normModule(g.Module) {
			return true
		}
	}
	return false
}

// defaultSGOf names the VPC's default security group: the file's own
// (aws_default_security_group, group name "default") or the one model.Derive
// adds when the input has none.
func defaultSGOf(b *builder, vpc string) string {
	for _, g := range b.s.SecurityGroups {
		if g.GroupName == "default" && g.VPC == vpc {
			return g.ID
		}
	}
	return model.DefaultSGID(vpc)
}
