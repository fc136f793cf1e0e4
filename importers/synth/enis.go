package synth

import (
	"fmt"
	"strings"
)

// The requester of a managed ENI is the AWS service that created it. The
// numeric ones are the service accounts seen in the Batfish lab captures
// (us-east-1); the Lambda one is a stand-in: what identifies a Hyperplane ENI
// is its InterfaceType "lambda" and its "AWS Lambda VPC ENI-" description (R8.1).
const (
	requesterNAT      = "583328430953"
	requesterEndpoint = "727180483921"
	requesterNLB      = "762112775527"
	requesterTGW      = "936118442230"
	requesterLambda   = "560195480028"
	requesterELB      = "amazon-elb"
	requesterRDS      = "amazon-rds"
)

// interfaceServices are the interface endpoint services an estate uses; the
// shared-services VPC has them all, workload VPCs a few.
var interfaceServices = []string{"ssm", "ssmmessages", "ec2messages", "logs", "sts", "secretsmanager", "execute-api", "kms"}

// vpceZones are the per-Region hosted zones of endpoint DNS names.
var vpceZones = map[string]string{"us-east-1": "Z7HUB22UULQXV", "us-west-2": "Z1YSA3EXCYUU9Z",
	"eu-west-1": "Z38GZ743OKFT7T", "ap-southeast-2": "Z2KVTB3ZLFM7JR"}

// newENI returns an in-use ENI with the next address of subnet si.
func (e *estate) newENI(v *vpcOut, si int, desc, ifType string, groups []groupRef) networkInterfaceJSON {
	addr, sj, ok := v.allocIP(e, si)
	if !ok {
		// Unreachable with maxENIsPerVPC: the VPC's subnets hold far more.
		panic(fmt.Sprintf("synth: VPC %s has no free address", v.name))
	}
	if groups == nil {
		groups = []groupRef{}
	}
	sub := &v.subnets[sj]
	dns := v.region.info.privateDNS(addr)
	return networkInterfaceJSON{AvailabilityZone: sub.AvailabilityZone, Description: desc, Groups: groups,
		InterfaceType: ifType, MacAddress: e.mac(), NetworkInterfaceId: e.ids.long("eni"), OwnerId: v.plan.account,
		PrivateDnsName: dns, PrivateIpAddress: addr.String(),
		PrivateIpAddresses: []eniPrivateIP{{Primary: true, PrivateDnsName: dns, PrivateIpAddress: addr.String()}},
		SourceDestCheck:    true, Status: "in-use", SubnetId: sub.SubnetId, TagSet: []tag{}, VpcId: v.vpc.VpcId}
}

func (e *estate) mac() string {
	var b strings.Builder
	b.WriteString("0e")
	for range 5 {
		fmt.Fprintf(&b, ":%02x", e.rng.IntN(256))
	}
	return b.String()
}

// managedAttachment is how AWS shows an ENI a service attached for itself.
func (e *estate) managedAttachment() *eniAttachment {
	return &eniAttachment{AttachmentId: e.ids.short("ela-attach"), DeviceIndex: 1, InstanceOwnerId: "amazon-aws",
		Status: "attached"}
}

// setPublic gives an ENI a public address on its primary private address.
func (e *estate) setPublic(_ *vpcOut, eni *networkInterfaceJSON, a *eniAssociation) {
	eni.Association = a
	eni.PrivateIpAddresses[0].Association = a
}

// managed appends a requester-managed ENI of a service.
func (e *estate) managed(v *vpcOut, si int, desc, ifType, requester string, groups []groupRef) *networkInterfaceJSON {
	eni := e.newENI(v, si, desc, ifType, groups)
	eni.RequesterId, eni.RequesterManaged, eni.Attachment = requester, true, e.managedAttachment()
	v.enis = append(v.enis, eni)
	return &v.enis[len(v.enis)-1]
}

// addManagedENIs adds the ENIs services own: interface endpoints (R7),
// load balancers, Lambda Hyperplane ENIs (R8), RDS and TGW attachments (R5).
func (e *estate) addManagedENIs(v *vpcOut) {
	e.addInterfaceEndpoints(v)
	app := v.bySubnet[tierApp]
	if v.plan.public {
		lb := fmt.Sprintf("app/%s-alb/%016x", v.name, e.rng.Uint64())
		for _, si := range v.bySubnet[tierPublic] {
			eni := e.managed(v, si, "ELB "+lb, "interface", requesterELB, []groupRef{v.sg.alb})
			eni.Attachment.InstanceOwnerId = "amazon-elb"
			pub := v.region.publicIP()
			e.setPublic(v, eni, &eniAssociation{IpOwnerId: "amazon", PublicDnsName: v.region.info.publicDNS(pub),
				PublicIp: pub.String()})
		}
	}
	if v.plan.env == "prod" {
		lb := fmt.Sprintf("net/%s-nlb/%016x", v.name, e.rng.Uint64())
		for _, si := range app {
			eni := e.managed(v, si, "ELB "+lb, "network_load_balancer", requesterNLB, nil)
			eni.SourceDestCheck = false
		}
	}
	if v.plan.env != "shared" {
		fn := fmt.Sprintf("%s-%s-handler", v.plan.app, v.plan.env)
		for _, si := range app {
			e.managed(v, si, "AWS Lambda VPC ENI-"+fn, "lambda", requesterLambda, []groupRef{v.sg.lambda})
		}
	}
	if v.plan.env == "prod" || v.plan.env == "staging" {
		for _, si := range v.bySubnet[tierData][:2] {
			eni := e.managed(v, si, "RDSNetworkInterface", "interface", requesterRDS, []groupRef{v.sg.db})
			eni.Attachment.InstanceOwnerId = "amazon-rds"
		}
	}
	for _, si := range v.bySubnet[tierTGW] {
		eni := e.managed(v, si, "Network Interface for Transit Gateway Attachment "+v.plan.attach,
			"transit_gateway", requesterTGW, nil)
		eni.RequesterManaged, eni.SourceDestCheck = false, false
	}
}

func (e *estate) addInterfaceEndpoints(v *vpcOut) {
	services := interfaceServices
	if v.plan.env != "shared" {
		start := e.rng.IntN(len(interfaceServices))
		n := 1 + e.rng.IntN(3)
		services = nil
		for i := range n {
			services = append(services, interfaceServices[(start+i)%len(interfaceServices)])
		}
	}
	for _, svc := range services {
		e.addInterfaceEndpoint(v, svc)
	}
}

func (e *estate) addInterfaceEndpoint(v *vpcOut, svc string) {
	ri := &v.region.info
	id := e.ids.long("vpce")
	ep := vpcEndpointJSON{Groups: []groupRef{v.sg.endpoints}, IpAddressType: "ipv4", OwnerId: v.plan.account,
		PolicyDocument: fullAccessPolicy, PrivateDnsEnabled: true, RouteTableIds: []string{},
		ServiceName: fmt.Sprintf("com.amazonaws.%s.%s", ri.Name, svc), State: "available",
		Tags: v.tags(svc + "-endpoint"), VpcEndpointId: id, VpcEndpointType: "Interface", VpcId: v.vpc.VpcId}
	suffix := fmt.Sprintf("%08x", e.rng.Uint32())
	zone := vpceZones[ri.Name]
	ep.DnsEntries = append(ep.DnsEntries, dnsEntry{fmt.Sprintf("%s-%s.%s.%s.vpce.amazonaws.com", id, suffix, svc, ri.Name), zone})
	for _, si := range v.bySubnet[tierApp] {
		eni := e.managed(v, si, "VPC Endpoint Interface "+id, "vpc_endpoint", requesterEndpoint, []groupRef{v.sg.endpoints})
		ep.NetworkInterfaceIds = append(ep.NetworkInterfaceIds, eni.NetworkInterfaceId)
		ep.SubnetIds = append(ep.SubnetIds, eni.SubnetId)
		ep.DnsEntries = append(ep.DnsEntries, dnsEntry{fmt.Sprintf("%s-%s-%s.%s.%s.vpce.amazonaws.com",
			id, suffix, eni.AvailabilityZone, svc, ri.Name), zone})
	}
	private := fmt.Sprintf("%s.%s.amazonaws.com", svc, ri.Name)
	if svc == "execute-api" {
		private = "*." + private
	}
	ep.DnsEntries = append(ep.DnsEntries, dnsEntry{private, fmt.Sprintf("Z0%016X", e.rng.Uint64())})
	v.endpoints = append(v.endpoints, ep)
}

var instanceTypes = []string{"t3.micro", "t3.medium", "m6i.large", "m6i.xlarge", "c6g.large", "r6i.large"}

// addInstances fills the VPC up to its ENI target with EC2 instances: a
// bastion with an Elastic IP and web servers with public addresses in
// public subnets, app servers and self-managed databases in private ones.
func (e *estate) addInstances(v *vpcOut) {
	n := e.opts.ENIsPerVPC - len(v.enis)
	for i := range max(n, 0) {
		role, t := "app", tierApp
		switch {
		case v.plan.public && i == 0:
			role, t = "bastion", tierPublic
		case v.plan.public && i%10 == 1:
			role, t = "web", tierPublic
		case i%5 == 4:
			role, t = "db", tierData
		}
		subs := v.bySubnet[t]
		e.addInstance(v, role, subs[e.rng.IntN(len(subs))])
	}
}

func (e *estate) addInstance(v *vpcOut, role string, si int) {
	groups := map[string][]groupRef{"app": {v.sg.app}, "db": {v.sg.db}, "web": {v.sg.app, v.sg.alb},
		"bastion": {v.sg.bastion}}[role]
	eni := e.newENI(v, si, "Primary network interface", "interface", groups)
	instID := e.ids.long("i")
	eni.Attachment = &eniAttachment{AttachmentId: e.ids.long("eni-attach"), DeleteOnTermination: true,
		InstanceId: instID, InstanceOwnerId: v.plan.account, Status: "attached"}
	var pub string
	switch role {
	case "bastion":
		pub = e.elasticIP(v, &eni, instID)
	case "web":
		a := v.region.publicIP()
		pub = a.String()
		e.setPublic(v, &eni, &eniAssociation{IpOwnerId: "amazon", PublicDnsName: v.region.info.publicDNS(a), PublicIp: pub})
	}
	v.enis = append(v.enis, eni)
	v.reservations = append(v.reservations, reservationJSON{
		Instances: []instanceJSON{e.instance(v, &eni, instID, role, pub)},
		OwnerId:   v.plan.account, ReservationId: e.ids.long("r")})
}

func (e *estate) elasticIP(v *vpcOut, eni *networkInterfaceJSON, instID string) string {
	a := v.region.publicIP()
	alloc, assoc := e.ids.long("eipalloc"), e.ids.long("eipassoc")
	e.setPublic(v, eni, &eniAssociation{AllocationId: alloc, AssociationId: assoc, IpOwnerId: v.plan.account,
		PublicDnsName: v.region.info.publicDNS(a), PublicIp: a.String()})
	v.addresses = append(v.addresses, addressJSON{AllocationId: alloc, AssociationId: assoc, Domain: "vpc",
		InstanceId: instID, NetworkBorderGroup: v.region.info.Name, NetworkInterfaceId: eni.NetworkInterfaceId,
		NetworkInterfaceOwnerId: v.plan.account, PrivateIpAddress: eni.PrivateIpAddress, PublicIp: a.String(),
		PublicIpv4Pool: "amazon", Tags: v.tags("bastion-eip")})
	return a.String()
}

// instance is the describe-instances view of an instance and its one ENI.
func (e *estate) instance(v *vpcOut, eni *networkInterfaceJSON, id, role, pub string) instanceJSON {
	var assoc *instanceENIAssociation
	pubDNS := ""
	if eni.Association != nil {
		assoc = &instanceENIAssociation{IpOwnerId: eni.Association.IpOwnerId,
			PublicDnsName: eni.Association.PublicDnsName, PublicIp: eni.Association.PublicIp}
		pubDNS = assoc.PublicDnsName
	}
	ien := instanceENI{Association: assoc,
		Attachment: instanceENIAttachment{AttachmentId: eni.Attachment.AttachmentId, DeleteOnTermination: true,
			Status: "attached"},
		Description: eni.Description, Groups: eni.Groups, InterfaceType: "interface", MacAddress: eni.MacAddress,
		NetworkInterfaceId: eni.NetworkInterfaceId, OwnerId: v.plan.account, PrivateDnsName: eni.PrivateDnsName,
		PrivateIpAddress: eni.PrivateIpAddress, PrivateIpAddresses: []instancePrivateIP{{Association: assoc,
			Primary: true, PrivateDnsName: eni.PrivateDnsName, PrivateIpAddress: eni.PrivateIpAddress}},
		SourceDestCheck: true, Status: "in-use", SubnetId: eni.SubnetId, VpcId: v.vpc.VpcId}
	return instanceJSON{Architecture: "x86_64", ImageId: v.region.amis[e.rng.IntN(len(v.region.amis))],
		InstanceId: id, InstanceType: instanceTypes[e.rng.IntN(len(instanceTypes))], Monitoring: stateOnly{"disabled"},
		NetworkInterfaces: []instanceENI{ien},
		Placement:         placement{AvailabilityZone: eni.AvailabilityZone, Tenancy: "default"},
		PrivateDnsName:    eni.PrivateDnsName, PrivateIpAddress: eni.PrivateIpAddress, PublicDnsName: pubDNS,
		PublicIpAddress: pub, SecurityGroups: eni.Groups, SourceDestCheck: true,
		State: instanceState{Code: 16, Name: "running"}, SubnetId: eni.SubnetId,
		Tags: nameTag(fmt.Sprintf("%s-%s-%s", v.name, role, id[len(id)-4:])), VpcId: v.vpc.VpcId}
}
