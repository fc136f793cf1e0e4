package synth

import (
	"fmt"
	"net/netip"
)

// tier is a subnet's role; each tier has a fixed slot in the VPC's /22 so
// subnets never overlap: app /25s at 0-383, data /26s at 384-575, public
// /27s at 576-671, TGW /28s at 672-719 (one per AZ).
type tier int

const (
	tierApp tier = iota
	tierData
	tierPublic
	tierTGW
	numTiers
)

var tierLayout = [numTiers]struct {
	name   string
	base   uint32
	bits   int
	public bool
}{
	tierApp:    {"app", 0, 25, false},
	tierData:   {"data", 384, 26, false},
	tierPublic: {"public", 576, 27, true},
	tierTGW:    {"tgw", 672, 28, false},
}

// vpcOut is one built VPC: everything its owner account's files list about it.
type vpcOut struct {
	plan   *vpcPlan
	region *regionPlan
	name   string
	cidr   netip.Prefix

	vpc          vpcJSON
	subnets      []subnetJSON
	routeTables  []routeTableJSON
	acls         []networkAclJSON
	sgs          []securityGroupJSON
	enis         []networkInterfaceJSON
	reservations []reservationJSON
	nats         []natGatewayJSON
	igws         []internetGatewayJSON
	endpoints    []vpcEndpointJSON
	peerings     []vpcPeeringJSON
	addresses    []addressJSON

	bySubnet   [numTiers][]int // subnet indices per tier, one per AZ
	nextIP     []uint32        // next free offset per subnet
	peeredWith map[string]bool
	sg         sgIDs
	natIDs     []string // per AZ (or one)
	publicRT   int      // index into routeTables, -1 if none
	privateRTs []int    // per AZ
}

func (e *estate) buildVPC(rp *regionPlan, p *vpcPlan) *vpcOut {
	v := &vpcOut{plan: p, region: rp, name: p.name(rp.info.Name), cidr: vpcBlock(rp.info.Supernet, p.k),
		peeredWith: map[string]bool{}, publicRT: -1}
	v.vpc = vpcJSON{
		CidrBlock: v.cidr.String(),
		CidrBlockAssociationSet: []vpcCidrAssoc{{AssociationId: e.ids.long("vpc-cidr-assoc"),
			CidrBlock: v.cidr.String(), CidrBlockState: stateOnly{"associated"}}},
		InstanceTenancy: "default", OwnerId: p.account, State: "available",
		Tags: []tag{{"Name", v.name}, {"environment", p.env}}, VpcId: e.ids.long("vpc"),
	}
	e.addSubnets(v)
	e.addGateways(v)
	gw := e.addGatewayEndpoints(v)
	e.addRouteTables(v, gw)
	e.addACLs(v)
	e.addSecurityGroups(v, gw)
	e.addManagedENIs(v)
	e.addInstances(v)
	v.finishSubnets()
	return v
}

func (v *vpcOut) tags(kind string) []tag { return nameTag(v.name + "-" + kind) }

func (e *estate) addSubnets(v *vpcOut) {
	ri := &v.region.info
	for t := range numTiers {
		l := tierLayout[t]
		if (t == tierPublic && !v.plan.public) || (t == tierTGW && !v.plan.tgw) {
			continue
		}
		for az := range v.plan.azs {
			size := uint32(1) << (32 - l.bits)
			prefix := subPrefix(v.cidr, l.base+uint32(az)*size, l.bits)
			id := e.ids.long("subnet")
			v.bySubnet[t] = append(v.bySubnet[t], len(v.subnets))
			v.subnets = append(v.subnets, subnetJSON{
				AvailabilityZone: ri.zoneName(az), AvailabilityZoneId: ri.ZoneIDs[az],
				CidrBlock: prefix.String(), MapPublicIpOnLaunch: l.public, OwnerId: v.plan.account,
				State:     "available",
				SubnetArn: fmt.Sprintf("arn:aws:ec2:%s:%s:subnet/%s", ri.Name, v.plan.account, id),
				SubnetId:  id, Tags: nameTag(fmt.Sprintf("%s-%s-%s", v.name, l.name, ri.zoneName(az))),
				VpcId: v.vpc.VpcId,
			})
			// AWS reserves the first four addresses of every subnet.
			v.nextIP = append(v.nextIP, 4+uint32(e.rng.IntN(6)))
		}
	}
}

// allocIP takes the next free address of subnet i, or of another subnet of
// the VPC when i is full; ok is false only when the whole VPC is full.
func (v *vpcOut) allocIP(e *estate, i int) (netip.Addr, int, bool) {
	for try := range len(v.subnets) {
		j := (i + try) % len(v.subnets)
		p := netip.MustParsePrefix(v.subnets[j].CidrBlock)
		last := uint32(1)<<(32-p.Bits()) - 2 // the broadcast address is reserved too
		if v.nextIP[j] <= last {
			a := u32Addr(addrU32(p.Addr()) + v.nextIP[j])
			// Scatter addresses in the first half, then pack them, so a
			// VPC always fits maxENIsPerVPC.
			step := uint32(1)
			if v.nextIP[j] < last/2 {
				step += uint32(e.rng.IntN(2))
			}
			v.nextIP[j] += step
			return a, j, true
		}
	}
	return netip.Addr{}, 0, false
}

// finishSubnets sets AvailableIpAddressCount from the addresses handed out.
func (v *vpcOut) finishSubnets() {
	used := make([]int, len(v.subnets))
	for i := range v.enis {
		for j := range v.subnets {
			if v.subnets[j].SubnetId == v.enis[i].SubnetId {
				used[j]++
			}
		}
	}
	for j := range v.subnets {
		p := netip.MustParsePrefix(v.subnets[j].CidrBlock)
		v.subnets[j].AvailableIpAddressCount = 1<<(32-p.Bits()) - 5 - used[j]
	}
}

func (e *estate) addGateways(v *vpcOut) {
	if !v.plan.public {
		return
	}
	v.igws = append(v.igws, internetGatewayJSON{
		Attachments:       []igwAttachment{{State: "available", VpcId: v.vpc.VpcId}},
		InternetGatewayId: e.ids.long("igw"), OwnerId: v.plan.account, Tags: v.tags("igw"),
	})
	// Production and shared VPCs run a NAT gateway per AZ; others save money
	// with one, so their other AZs' private route tables cross AZs.
	nNAT := 1
	if v.plan.env == "prod" || v.plan.env == "shared" {
		nNAT = v.plan.azs
	}
	for az := range nNAT {
		e.addNAT(v, az)
	}
}

func (e *estate) addNAT(v *vpcOut, az int) {
	natID := e.ids.long("nat")
	eni := e.newENI(v, v.bySubnet[tierPublic][az], "Interface for NAT Gateway "+natID, "nat_gateway", nil)
	eni.RequesterId, eni.RequesterManaged, eni.SourceDestCheck = requesterNAT, true, false
	eni.Attachment = e.managedAttachment()
	alloc, assoc := e.ids.long("eipalloc"), e.ids.long("eipassoc")
	pub := v.region.publicIP()
	e.setPublic(v, &eni, &eniAssociation{AllocationId: alloc, AssociationId: assoc, IpOwnerId: v.plan.account,
		PublicDnsName: v.region.info.publicDNS(pub), PublicIp: pub.String()})
	v.enis = append(v.enis, eni)
	v.addresses = append(v.addresses, addressJSON{AllocationId: alloc, AssociationId: assoc, Domain: "vpc",
		NetworkBorderGroup: v.region.info.Name, NetworkInterfaceId: eni.NetworkInterfaceId,
		NetworkInterfaceOwnerId: v.plan.account, PrivateIpAddress: eni.PrivateIpAddress, PublicIp: pub.String(),
		PublicIpv4Pool: "amazon", Tags: v.tags(fmt.Sprintf("nat-eip-%d", az))})
	v.nats = append(v.nats, natGatewayJSON{ConnectivityType: "public",
		NatGatewayAddresses: []natAddress{{AllocationId: alloc, AssociationId: assoc, IsPrimary: true,
			NetworkInterfaceId: eni.NetworkInterfaceId, PrivateIp: eni.PrivateIpAddress, PublicIp: pub.String(),
			Status: "succeeded"}},
		NatGatewayId: natID, State: "available", SubnetId: eni.SubnetId,
		Tags: v.tags(fmt.Sprintf("nat-%s", v.region.info.zoneName(az))), VpcId: v.vpc.VpcId})
	v.natIDs = append(v.natIDs, natID)
}

// gatewayEndpoints are the IDs of a VPC's S3 and DynamoDB gateway endpoints
// ("" when absent); their routes target the Region's prefix lists (R7.2).
type gatewayEndpoints struct{ s3, dynamo string }

func (e *estate) addGatewayEndpoints(v *vpcOut) gatewayEndpoints {
	gw := gatewayEndpoints{s3: e.ids.long("vpce")}
	if v.plan.env == "shared" || e.rng.IntN(2) == 0 {
		gw.dynamo = e.ids.long("vpce")
	}
	return gw
}

const fullAccessPolicy = `{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`

func (v *vpcOut) gatewayEndpoint(id, service string, rts []string) vpcEndpointJSON {
	return vpcEndpointJSON{DnsEntries: []dnsEntry{}, Groups: []groupRef{}, IpAddressType: "ipv4",
		NetworkInterfaceIds: []string{}, OwnerId: v.plan.account, PolicyDocument: fullAccessPolicy,
		RouteTableIds: rts, ServiceName: fmt.Sprintf("com.amazonaws.%s.%s", v.region.info.Name, service),
		State: "available", SubnetIds: []string{}, Tags: v.tags(service + "-endpoint"), VpcEndpointId: id,
		VpcEndpointType: "Gateway", VpcId: v.vpc.VpcId}
}

// addRouteTables adds the main table (local route only), a public table and a
// private table per AZ (R1: local, IGW, NAT, TGW, gateway endpoint routes),
// with the gateway endpoints that install the prefix-list routes.
func (e *estate) addRouteTables(v *vpcOut, gw gatewayEndpoints) {
	main := v.newRouteTable(e, "main")
	main.Associations = []rtAssoc{{AssociationState: stateOnly{"associated"}, Main: true,
		RouteTableAssociationId: e.ids.long("rtbassoc"), RouteTableId: main.RouteTableId}}
	v.routeTables = append(v.routeTables, main)
	var s3RTs, dynRTs []string
	if v.plan.public {
		rt := v.newRouteTable(e, "public")
		rt.Routes = append(rt.Routes, routeJSON{DestinationCidrBlock: "0.0.0.0/0", GatewayId: v.igws[0].InternetGatewayId,
			Origin: "CreateRoute", State: "active"})
		v.tgwSupernetRoute(&rt)
		rt.Routes = append(rt.Routes, plRoute(v.region.info.S3PL.PrefixListId, gw.s3))
		v.associate(e, &rt, tierPublic, -1)
		v.publicRT = len(v.routeTables)
		v.routeTables = append(v.routeTables, rt)
		s3RTs = append(s3RTs, rt.RouteTableId)
	}
	for az := range v.plan.azs {
		rt := e.privateRouteTable(v, az, gw)
		s3RTs = append(s3RTs, rt.RouteTableId)
		if gw.dynamo != "" {
			dynRTs = append(dynRTs, rt.RouteTableId)
		}
		v.privateRTs = append(v.privateRTs, len(v.routeTables))
		v.routeTables = append(v.routeTables, rt)
	}
	v.endpoints = append(v.endpoints, v.gatewayEndpoint(gw.s3, "s3", s3RTs))
	if gw.dynamo != "" {
		v.endpoints = append(v.endpoints, v.gatewayEndpoint(gw.dynamo, "dynamodb", dynRTs))
	}
}

func (e *estate) privateRouteTable(v *vpcOut, az int, gw gatewayEndpoints) routeTableJSON {
	rt := v.newRouteTable(e, "private-"+v.region.info.zoneName(az))
	switch {
	case len(v.natIDs) > 0:
		rt.Routes = append(rt.Routes, routeJSON{DestinationCidrBlock: "0.0.0.0/0",
			NatGatewayId: v.natIDs[min(az, len(v.natIDs)-1)], Origin: "CreateRoute", State: "active"})
		v.tgwSupernetRoute(&rt)
	case v.plan.tgw:
		// No IGW: internet-bound traffic leaves through the shared egress
		// VPC behind the transit gateway.
		rt.Routes = append(rt.Routes, routeJSON{DestinationCidrBlock: "0.0.0.0/0",
			TransitGatewayId: v.region.tgwID, Origin: "CreateRoute", State: "active"})
	}
	rt.Routes = append(rt.Routes, plRoute(v.region.info.S3PL.PrefixListId, gw.s3))
	if gw.dynamo != "" {
		rt.Routes = append(rt.Routes, plRoute(v.region.info.DynamoPL.PrefixListId, gw.dynamo))
	}
	v.associate(e, &rt, tierApp, az)
	v.associate(e, &rt, tierData, az)
	v.associate(e, &rt, tierTGW, az)
	return rt
}

func (v *vpcOut) newRouteTable(e *estate, kind string) routeTableJSON {
	return routeTableJSON{Associations: []rtAssoc{}, OwnerId: v.plan.account, RouteTableId: e.ids.long("rtb"),
		Routes: []routeJSON{{DestinationCidrBlock: v.vpc.CidrBlock, GatewayId: "local",
			Origin: "CreateRouteTable", State: "active"}},
		Tags: v.tags("rt-" + kind), VpcId: v.vpc.VpcId}
}

// tgwSupernetRoute sends the estate's private space to the transit gateway.
func (v *vpcOut) tgwSupernetRoute(rt *routeTableJSON) {
	if v.plan.tgw {
		rt.Routes = append(rt.Routes, routeJSON{DestinationCidrBlock: "10.0.0.0/8",
			TransitGatewayId: v.region.tgwID, Origin: "CreateRoute", State: "active"})
	}
}

func plRoute(pl, vpce string) routeJSON {
	return routeJSON{DestinationPrefixListId: pl, GatewayId: vpce, Origin: "CreateRoute", State: "active"}
}

// associate links the subnets of tier t (only AZ az, or all when az < 0).
func (v *vpcOut) associate(e *estate, rt *routeTableJSON, t tier, az int) {
	for i, si := range v.bySubnet[t] {
		if az >= 0 && i != az {
			continue
		}
		rt.Associations = append(rt.Associations, rtAssoc{AssociationState: stateOnly{"associated"},
			RouteTableAssociationId: e.ids.long("rtbassoc"), RouteTableId: rt.RouteTableId,
			SubnetId: v.subnets[si].SubnetId})
	}
}

// routeToPeer adds the peer's CIDR via the peering connection to every
// non-main route table (R4: a more specific route than the TGW's 10.0.0.0/8)
// and admits the peer's app traffic in the app SG.
func (v *vpcOut) routeToPeer(peer netip.Prefix, pcx string) {
	for i := 1; i < len(v.routeTables); i++ {
		v.routeTables[i].Routes = append(v.routeTables[i].Routes, routeJSON{DestinationCidrBlock: peer.String(),
			Origin: "CreateRoute", State: "active", VpcPeeringConnectionId: pcx})
	}
	app := &v.sgs[v.sg.appIdx]
	app.IpPermissions = append(app.IpPermissions, perm("tcp", 8080, 8080).cidr(peer.String(), "peered VPC "+pcx))
}
