package synth

// Network ACLs and security groups (R2): NACLs with numbered allow and deny
// rules evaluated in order; SGs that reference other SGs and prefix lists.

const (
	corpCIDR    = "203.0.113.0/24"  // the corporate VPN range admitted to bastions
	blockedCIDR = "198.51.100.0/24" // a range the public NACL denies
	estateCIDR  = "10.0.0.0/8"
)

func aclRule(n int, egress bool, action, proto, cidr string, from, to int) aclEntry {
	a := aclEntry{CidrBlock: cidr, Egress: egress, Protocol: proto, RuleAction: action, RuleNumber: n}
	switch proto {
	case "6", "17":
		a.PortRange = &portRange{From: from, To: to}
	case "1":
		a.IcmpTypeCode = &icmpTypeCode{Code: -1, Type: from}
	}
	return a
}

// denyAll are the catch-all rules every NACL ends with (rule *, shown as 32767).
func denyAll() []aclEntry {
	return []aclEntry{aclRule(32767, true, "deny", "-1", "0.0.0.0/0", 0, 0),
		aclRule(32767, false, "deny", "-1", "0.0.0.0/0", 0, 0)}
}

// addACLs adds the default NACL (allow all) for app and TGW subnets, a public
// NACL that denies a blocked range before its allows, and a data NACL that
// denies SSH and admits only the database port and return traffic.
func (e *estate) addACLs(v *vpcOut) {
	def := v.newACL(e, "default", true, []aclEntry{
		aclRule(100, true, "allow", "-1", "0.0.0.0/0", 0, 0),
		aclRule(100, false, "allow", "-1", "0.0.0.0/0", 0, 0),
	})
	v.aclAssociate(e, &def, tierApp, tierTGW)
	cidr := v.vpc.CidrBlock
	data := v.newACL(e, "data", false, []aclEntry{
		aclRule(90, false, "deny", "6", "0.0.0.0/0", 22, 22),
		aclRule(100, false, "allow", "6", cidr, 5432, 5432),
		aclRule(110, false, "allow", "6", cidr, 1024, 65535),
		aclRule(120, false, "allow", "1", cidr, 8, 0),
		aclRule(130, false, "allow", "6", "0.0.0.0/0", 1024, 65535),
		aclRule(100, true, "allow", "6", cidr, 1024, 65535),
		aclRule(110, true, "allow", "6", "0.0.0.0/0", 443, 443),
		aclRule(120, true, "allow", "1", cidr, 0, 0),
	})
	v.aclAssociate(e, &data, tierData)
	v.acls = append(v.acls, def, data)
	if !v.plan.public {
		return
	}
	pub := v.newACL(e, "public", false, []aclEntry{
		aclRule(50, false, "deny", "-1", blockedCIDR, 0, 0),
		aclRule(100, false, "allow", "6", "0.0.0.0/0", 443, 443),
		aclRule(110, false, "allow", "6", "0.0.0.0/0", 80, 80),
		aclRule(120, false, "allow", "6", corpCIDR, 22, 22),
		aclRule(130, false, "allow", "6", "0.0.0.0/0", 1024, 65535),
		aclRule(140, false, "allow", "-1", estateCIDR, 0, 0),
		aclRule(50, true, "deny", "-1", blockedCIDR, 0, 0),
		aclRule(100, true, "allow", "-1", "0.0.0.0/0", 0, 0),
	})
	v.aclAssociate(e, &pub, tierPublic)
	v.acls = append(v.acls, pub)
}

func (v *vpcOut) newACL(e *estate, kind string, isDefault bool, rules []aclEntry) networkAclJSON {
	tags := v.tags("acl-" + kind)
	if isDefault {
		tags = []tag{}
	}
	return networkAclJSON{Associations: []aclAssoc{}, Entries: append(rules, denyAll()...), IsDefault: isDefault,
		NetworkAclId: e.ids.long("acl"), OwnerId: v.plan.account, Tags: tags, VpcId: v.vpc.VpcId}
}

func (v *vpcOut) aclAssociate(e *estate, acl *networkAclJSON, tiers ...tier) {
	for _, t := range tiers {
		for _, si := range v.bySubnet[t] {
			acl.Associations = append(acl.Associations, aclAssoc{NetworkAclAssociationId: e.ids.long("aclassoc"),
				NetworkAclId: acl.NetworkAclId, SubnetId: v.subnets[si].SubnetId})
		}
	}
}

// sgIDs names a VPC's security groups; idx fields index vpcOut.sgs.
type sgIDs struct {
	def, endpoints, app, db, lambda, alb, bastion groupRef
	appIdx                                        int
}

func perm(proto string, from, to int) ipPermission {
	p := ipPermission{IpProtocol: proto, IpRanges: []ipRange{}, PrefixListIds: []prefixListRef{},
		UserIdGroupPairs: []groupPair{}}
	if proto != "-1" {
		p.FromPort, p.ToPort = &from, &to
	}
	return p
}

func (p ipPermission) cidr(c, desc string) ipPermission {
	p.IpRanges = append(p.IpRanges, ipRange{CidrIp: c, Description: desc})
	return p
}

func (p ipPermission) group(g groupRef, account, desc string) ipPermission {
	p.UserIdGroupPairs = append(p.UserIdGroupPairs, groupPair{Description: desc, GroupId: g.GroupId, UserId: account})
	return p
}

func (p ipPermission) prefixList(id, desc string) ipPermission {
	p.PrefixListIds = append(p.PrefixListIds, prefixListRef{Description: desc, PrefixListId: id})
	return p
}

func (e *estate) addSecurityGroups(v *vpcOut, gw gatewayEndpoints) {
	ref := func(name string) groupRef { return groupRef{GroupId: e.ids.long("sg"), GroupName: name} }
	s := &v.sg
	s.def, s.endpoints, s.app, s.db, s.lambda = ref("default"), ref(v.name+"-endpoints"), ref(v.name+"-app"),
		ref(v.name+"-db"), ref(v.name+"-lambda")
	if v.plan.public {
		s.alb, s.bastion = ref(v.name+"-alb"), ref(v.name+"-bastion")
	}
	acct, cidr := v.plan.account, v.vpc.CidrBlock
	s3, dyn := v.region.info.S3PL.PrefixListId, v.region.info.DynamoPL.PrefixListId
	v.addSG(s.def, "default VPC security group",
		[]ipPermission{perm("-1", 0, 0).group(s.def, acct, "")},
		[]ipPermission{perm("-1", 0, 0).cidr("0.0.0.0/0", "")})
	v.addSG(s.endpoints, "Interface endpoints: HTTPS from the VPC",
		[]ipPermission{perm("tcp", 443, 443).cidr(cidr, "VPC").group(s.app, acct, "app tier").group(s.lambda, acct, "functions")},
		[]ipPermission{perm("-1", 0, 0).cidr("0.0.0.0/0", "")})
	appIn := []ipPermission{perm("tcp", 8080, 8080).cidr(cidr, "load balancer health checks"),
		perm("icmp", 8, -1).cidr(estateCIDR, "ping from the estate")}
	if v.plan.public {
		appIn = append(appIn, perm("tcp", 8080, 8080).group(s.alb, acct, "from the ALB"),
			perm("tcp", 22, 22).group(s.bastion, acct, "SSH from the bastion"))
	} else {
		appIn = append(appIn, perm("tcp", 22, 22).cidr(vpcBlock(v.region.info.Supernet, 0).String(), "SSH from shared services"))
	}
	s.appIdx = len(v.sgs)
	v.addSG(s.app, "Application tier", appIn, []ipPermission{
		perm("tcp", 443, 443).cidr("0.0.0.0/0", "HTTPS out").prefixList(s3, "S3"),
		perm("tcp", 5432, 5432).group(s.db, acct, "database"),
	})
	v.addSG(s.db, "Database tier", []ipPermission{
		perm("tcp", 5432, 5432).group(s.app, acct, "app tier").group(s.lambda, acct, "functions"),
	}, []ipPermission{})
	lambdaOut := []ipPermission{perm("tcp", 443, 443).cidr("0.0.0.0/0", "HTTPS out"),
		perm("tcp", 5432, 5432).group(s.db, acct, "database")}
	if gw.dynamo != "" {
		lambdaOut = append(lambdaOut, perm("tcp", 443, 443).prefixList(dyn, "DynamoDB"))
	}
	v.addSG(s.lambda, "Lambda functions", []ipPermission{}, lambdaOut)
	if !v.plan.public {
		return
	}
	v.addSG(s.alb, "Internet-facing load balancer", []ipPermission{
		perm("tcp", 443, 443).cidr("0.0.0.0/0", "HTTPS"), perm("tcp", 80, 80).cidr("0.0.0.0/0", "HTTP redirect"),
	}, []ipPermission{perm("tcp", 8080, 8080).group(s.app, acct, "to the app tier")})
	v.addSG(s.bastion, "Bastion hosts", []ipPermission{perm("tcp", 22, 22).cidr(corpCIDR, "corporate VPN")},
		[]ipPermission{perm("tcp", 22, 22).cidr(cidr, "SSH into the VPC")})
}

func (v *vpcOut) addSG(g groupRef, desc string, in, out []ipPermission) {
	tags := nameTag(g.GroupName)
	if g.GroupName == "default" {
		tags = []tag{}
	}
	v.sgs = append(v.sgs, securityGroupJSON{Description: desc, GroupId: g.GroupId, GroupName: g.GroupName,
		IpPermissions: in, IpPermissionsEgress: out, OwnerId: v.plan.account, Tags: tags, VpcId: v.vpc.VpcId})
}
