package cfn

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netverify/netverify/model"
)

// init adds the RDS types to the converter table of ec2.go (whose init runs
// first: files initialise in name order). A DB instance runs in phase 2: it
// needs subnets and security groups (phase 0) and internet gateway
// attachments (phase 1) to decide a default PubliclyAccessible.
func init() {
	converters["AWS::RDS::DBInstance"] = converter{2, dbInstance}
	converters["AWS::RDS::DBSubnetGroup"] = converter{0, dbSubnetGroup}
	converters["AWS::RDS::DBCluster"] = converter{0, dbCluster}
}

// dbSubnetGroup is read by dbInstance (the subnets a database may use). Its
// own conversion only checks SubnetIds, so that an unknown subnet is
// reported once, at the group, however many databases use it.
func dbSubnetGroup(imp *importer, r *resource, p props) {
	if len(p.strs("SubnetIds")) == 0 {
		imp.ds.Warnf(imp.srcOf(r), r.Logical, "DB subnet group %s has no known SubnetIds; a database in it gets no network interface", r.Logical)
	}
}

// dbCluster is read by the Aurora DB instances that name it: the cluster has
// no network interface of its own, its instances do. A cluster without an
// instance in the template is reported, since nothing of it is modelled.
func dbCluster(imp *importer, r *resource, p props) {
	p.strs("VpcSecurityGroupIds") // reports unknown groups once, here
	for _, o := range imp.resources {
		if o.Type == "AWS::RDS::DBInstance" && imp.created(o) && imp.names(r, "DBClusterIdentifier", quietStr(imp.props(o).get("DBClusterIdentifier"))) {
			return
		}
	}
	imp.ds.Infof(imp.srcOf(r), r.Logical, "DB cluster %s has no AWS::RDS::DBInstance in this template; Aurora gives its instances the network interfaces, so the cluster has none in the model", r.Logical)
}

// dbSettings is what an RDS DB instance's network interface depends on; an
// Aurora instance takes the subnet group, security groups and port of its
// cluster.
type dbSettings struct {
	group  string // DBSubnetGroupName as written (a Ref or a name)
	sgs    []string
	port   int
	engine string
	from   string // "" or "DB cluster X": where the settings come from
}

// dbInstance gives an RDS DB instance the requester-managed network interface
// RDS creates for it, so that questions about the database (an internet
// client on 3306, an application server) can be asked: RDS picks a subnet of
// its DB subnet group at creation; netverify takes the first and says so. A
// publicly accessible instance gets a public IPv4 address (R3.2), a
// placeholder since the template is not deployed. The engine itself is not
// modelled: only its interface, security groups, port and address. The
// private address is left for model.Derive to allocate from the subnet.
func dbInstance(imp *importer, r *resource, p props) {
	name := p.str("DBInstanceIdentifier")
	if name == "" {
		name = r.Logical
	}
	st, ok := imp.dbSettings(r, p, name)
	if !ok {
		return
	}
	g := imp.dbSubnetGroupOf(st.group)
	subnets := []string(nil)
	if g != nil {
		subnets = quietStrs(imp.props(g).get("SubnetIds"))
	}
	if len(subnets) == 0 {
		if g == nil {
			imp.ds.Infof(imp.srcOf(r), r.Logical, "%s: DB subnet group %q is not in this template, so the database has no network interface in the model", r.Logical, st.group)
		}
		return
	}
	e := imp.dbENI(r, p, name, st, subnets[0], imp.dbGroupLabel(g))
	imp.dbPublicIP(r, p, e)
	imp.snap.ENIs = append(imp.snap.ENIs, e)
	imp.byID[e.ID] = e
}

// dbSettings reads the subnet group, security groups and port of the
// instance, from its cluster for an Aurora instance. ok is false (with an
// info) when the database has no subnet group the model can place it in.
func (imp *importer) dbSettings(r *resource, p props, name string) (dbSettings, bool) {
	if sgs := p.strs("DBSecurityGroups"); len(sgs) > 0 {
		imp.ds.Infof(p.src(p.get("DBSecurityGroups")), r.Logical, "%s: DBSecurityGroups %s are DB security groups (EC2-Classic), which do not filter traffic in a VPC; ignored, only VPCSecurityGroups apply", r.Logical, strings.Join(sgs, ", "))
	}
	st := dbSettings{group: p.str("DBSubnetGroupName"), sgs: p.strs("VPCSecurityGroups"), engine: strings.ToLower(p.str("Engine"))}
	st.port = p.integer("Port", 0)
	if id := p.str("DBClusterIdentifier"); id != "" {
		c := imp.dbClusterOf(id)
		if c == nil {
			imp.ds.Infof(imp.srcOf(r), r.Logical, "%s: DB cluster %q is not in this template, so the database has no network interface in the model", r.Logical, id)
			return st, false
		}
		cp := imp.props(c)
		st.from = "DB cluster " + c.Logical
		st.sgs = quietStrs(cp.get("VpcSecurityGroupIds"))
		st.port = atoiOr(quietStr(cp.get("Port")), 0)
		if st.group == "" {
			st.group = quietStr(cp.get("DBSubnetGroupName"))
		}
		if st.engine == "" {
			st.engine = strings.ToLower(quietStr(cp.get("Engine")))
		}
	}
	if st.group == "" {
		imp.ds.Infof(imp.srcOf(r), r.Logical, "%s: no DBSubnetGroupName, so RDS places DB instance %s in the region's default VPC, which is not in this template; the database has no network interface in the model", r.Logical, name)
		return st, false
	}
	return st, true
}

// dbENI builds the interface of DB instance r in subnet sub.
func (imp *importer) dbENI(r *resource, p props, name string, st dbSettings, sub, group string) *model.ENI {
	e := &model.ENI{Meta: p.meta("eni-0" + r.hash("rds-eni", 16)), Subnet: sub, SecurityGroups: st.sgs, PrivateIPs: []netip.Addr{},
		SourceDestCheck: true, OwnerKind: model.OwnerOther, OwnerID: name, InterfaceType: "interface",
		Description: "RDSNetworkInterface", Status: "in-use"}
	e.Name = name
	subLabel := sub
	if s, ok := lookup[*model.Subnet](imp, sub); ok {
		e.VPC, e.AZ, subLabel = s.VPC, s.AZ, subnetLabel(s)
	}
	e.Assume(fmt.Sprintf("network interface of RDS DB instance %s, placed in subnet %s, the first of DB subnet group %s (RDS picks one at creation)", name, subLabel, group))
	if port, why := dbPort(st); port > 0 {
		e.Assume(fmt.Sprintf("the database listens on TCP port %d (%s)", port, why))
	}
	if len(e.SecurityGroups) == 0 && e.VPC != "" {
		e.SecurityGroups = []string{imp.defaultSGOf(e.VPC)}
		e.Assume("no VPCSecurityGroups: the VPC's default security group " + e.SecurityGroups[0] + " applies (R2.8)")
	}
	return e
}

// dbPublicIP gives a publicly accessible database a placeholder public IPv4
// address (R3.2). PubliclyAccessible unset follows CreateDBInstance: public
// when the subnets' VPC has an internet gateway attached, private otherwise.
func (imp *importer) dbPublicIP(r *resource, p props, e *model.ENI) {
	why := r.Logical + " is PubliclyAccessible"
	if !p.has("PubliclyAccessible") {
		igw := imp.attachedIGW(e.VPC)
		if igw == "" {
			return
		}
		why = "PubliclyAccessible is not set and the VPC has internet gateway " + igw + " attached, so RDS makes the instance public"
	} else if !p.boolean("PubliclyAccessible", false) {
		return
	}
	pub := r.launchAddr()
	e.PublicIPs = []model.PublicIPMapping{{PublicIP: pub}} // model.Derive maps it to the allocated primary address
	e.Assume(fmt.Sprintf("public IP %s assigned because %s; the real address is known only after deployment (placeholder from 198.18.0.0/15, R3.2)", pub, why))
}

// attachedIGW names an internet gateway of the template attached to vpc, or "".
func (imp *importer) attachedIGW(vpc string) string {
	for _, g := range imp.snap.InternetGateways {
		for _, v := range g.VPCs {
			if v == vpc && vpc != "" {
				return g.Label()
			}
		}
	}
	return ""
}

// dbPort is the port the database listens on: Port, else the engine's default.
func dbPort(st dbSettings) (int, string) {
	where := "Port"
	if st.from != "" {
		where = "Port of " + st.from
	}
	if st.port > 0 {
		return st.port, where
	}
	for _, d := range enginePorts {
		if strings.HasPrefix(st.engine, d.prefix) {
			return d.port, "the default port of engine " + st.engine
		}
	}
	return 0, ""
}

// enginePorts are the RDS engines' default ports, by engine name prefix.
var enginePorts = []struct {
	prefix string
	port   int
}{
	{"aurora-postgresql", 5432}, {"aurora", 3306}, {"mysql", 3306}, {"mariadb", 3306}, {"postgres", 5432},
	{"oracle", 1521}, {"sqlserver", 1433}, {"db2", 50000}, {"custom-oracle", 1521}, {"custom-sqlserver", 1433},
}

// dbSubnetGroupOf finds the template's DB subnet group that ref names: by Ref
// (its physical ID) or by its DBSubnetGroupName (RDS stores names in lower case).
func (imp *importer) dbSubnetGroupOf(ref string) *resource {
	return imp.rdsResource("AWS::RDS::DBSubnetGroup", "DBSubnetGroupName", ref)
}

// dbClusterOf finds the template's DB cluster that ref names.
func (imp *importer) dbClusterOf(ref string) *resource {
	return imp.rdsResource("AWS::RDS::DBCluster", "DBClusterIdentifier", ref)
}

func (imp *importer) rdsResource(typ, nameKey, ref string) *resource {
	for _, g := range imp.resources {
		if g.Type == typ && imp.created(g) && imp.names(g, nameKey, ref) {
			return g
		}
	}
	return nil
}

// created reports whether r is not switched off by a false Condition (run
// evaluated every condition before converting; unknown ones count as true).
func (imp *importer) created(r *resource) bool {
	return r.Cond == "" || imp.ev.condCache[r.Cond] != triFalse
}

// names reports whether ref names r: its Ref value or its name property.
func (imp *importer) names(r *resource, nameKey, ref string) bool {
	if ref == "" {
		return false
	}
	n := quietStr(imp.props(r).get(nameKey))
	return ref == r.physicalID() || (n != "" && strings.EqualFold(n, ref))
}

// dbGroupLabel names a DB subnet group for a note: "Logical (name)" or "Logical".
func (imp *importer) dbGroupLabel(g *resource) string {
	if n := quietStr(imp.props(g).get("DBSubnetGroupName")); n != "" && n != g.Logical {
		return fmt.Sprintf("%s (%s)", g.Logical, strings.ToLower(n))
	}
	return g.Logical
}

// defaultSGOf names the VPC's default security group: the template's own
// (group name "default") or the one model.Derive adds.
func (imp *importer) defaultSGOf(vpc string) string {
	for _, g := range imp.snap.SecurityGroups {
		if g.GroupName == "default" && g.VPC == vpc {
			return g.ID
		}
	}
	return model.DefaultSGID(vpc)
}

// quietStr returns a known string value, or "": for properties another
// resource reads, whose problems that resource's own conversion reports.
func quietStr(v *Value) string {
	if v != nil && v.Kind == KString {
		return v.Str
	}
	return ""
}

// quietStrs returns the known strings of a list (or single string) value.
func quietStrs(v *Value) []string {
	if v == nil {
		return nil
	}
	if v.Kind != KList {
		if s := quietStr(v); s != "" {
			return []string{s}
		}
		return nil
	}
	var out []string
	for _, x := range v.List {
		if s := quietStr(x); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func atoiOr(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n <= 0 {
		return def
	}
	return n
}
