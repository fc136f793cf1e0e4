package awsapi

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	apigwtypes "github.com/aws/aws-sdk-go-v2/service/apigateway/types"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/route53resolver"
	r53rtypes "github.com/aws/aws-sdk-go-v2/service/route53resolver/types"
)

// fixture is what the test created in the emulator (only tests ever write).
type fixture struct {
	vpc, peerVPC, public, private, igw, eip, eipIP, nat string
	publicRT, privateRT, web, app, nacl, s3EP, apiEP    string
	pcx, resolver, restAPI                              string
}

// createFixture builds a small VPC estate: two subnets, an IGW, a NAT gateway
// with an EIP, public and private route tables, two security groups (app
// allows web), a NACL with an allow and a deny entry, a gateway and an
// interface endpoint, a peering to a second VPC, an inbound Resolver endpoint
// and a private REST API.
func createFixture(t *testing.T, ctx context.Context, cfg aws.Config) fixture {
	c := ec2.NewFromConfig(cfg)
	var f fixture
	f.vpc = *must[*ec2.CreateVpcOutput](t, "vpc")(c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.0/16")})).Vpc.VpcId
	f.peerVPC = *must[*ec2.CreateVpcOutput](t, "peer vpc")(c.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.30.0.0/16")})).Vpc.VpcId
	subnet := func(cidr, az string) string {
		return *must[*ec2.CreateSubnetOutput](t, "subnet "+cidr)(c.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: &f.vpc,
			CidrBlock: aws.String(cidr), AvailabilityZone: aws.String(az)})).Subnet.SubnetId
	}
	f.public, f.private = subnet("10.20.1.0/24", "us-east-1a"), subnet("10.20.2.0/24", "us-east-1b")
	f.igw = *must[*ec2.CreateInternetGatewayOutput](t, "igw")(c.CreateInternetGateway(ctx, &ec2.CreateInternetGatewayInput{})).InternetGateway.InternetGatewayId
	must[*ec2.AttachInternetGatewayOutput](t, "attach igw")(c.AttachInternetGateway(ctx, &ec2.AttachInternetGatewayInput{InternetGatewayId: &f.igw, VpcId: &f.vpc}))
	eip := must[*ec2.AllocateAddressOutput](t, "eip")(c.AllocateAddress(ctx, &ec2.AllocateAddressInput{Domain: types.DomainTypeVpc}))
	f.eip, f.eipIP = *eip.AllocationId, *eip.PublicIp
	f.nat = *must[*ec2.CreateNatGatewayOutput](t, "nat")(c.CreateNatGateway(ctx, &ec2.CreateNatGatewayInput{SubnetId: &f.public, AllocationId: &f.eip})).NatGateway.NatGatewayId
	f.publicRT = routeTable(t, ctx, c, f.vpc, f.public, &ec2.CreateRouteInput{GatewayId: &f.igw})
	f.privateRT = routeTable(t, ctx, c, f.vpc, f.private, &ec2.CreateRouteInput{NatGatewayId: &f.nat})
	f.web, f.app = securityGroups(t, ctx, c, f.vpc)
	f.nacl = networkACL(t, ctx, c, f.vpc)
	f.s3EP = *must[*ec2.CreateVpcEndpointOutput](t, "s3 endpoint")(c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{VpcId: &f.vpc,
		ServiceName: aws.String("com.amazonaws.us-east-1.s3"), VpcEndpointType: types.VpcEndpointTypeGateway, RouteTableIds: []string{f.privateRT}})).VpcEndpoint.VpcEndpointId
	f.apiEP = *must[*ec2.CreateVpcEndpointOutput](t, "execute-api endpoint")(c.CreateVpcEndpoint(ctx, &ec2.CreateVpcEndpointInput{VpcId: &f.vpc,
		ServiceName: aws.String("com.amazonaws.us-east-1.execute-api"), VpcEndpointType: types.VpcEndpointTypeInterface,
		SubnetIds: []string{f.private}, SecurityGroupIds: []string{f.app}, PrivateDnsEnabled: aws.Bool(true)})).VpcEndpoint.VpcEndpointId
	f.pcx = *must[*ec2.CreateVpcPeeringConnectionOutput](t, "peering")(c.CreateVpcPeeringConnection(ctx, &ec2.CreateVpcPeeringConnectionInput{VpcId: &f.vpc, PeerVpcId: &f.peerVPC})).VpcPeeringConnection.VpcPeeringConnectionId
	must[*ec2.AcceptVpcPeeringConnectionOutput](t, "accept peering")(c.AcceptVpcPeeringConnection(ctx, &ec2.AcceptVpcPeeringConnectionInput{VpcPeeringConnectionId: &f.pcx}))
	f.resolver = inboundResolver(t, ctx, cfg, f)
	f.restAPI = *must[*apigateway.CreateRestApiOutput](t, "rest api")(apigateway.NewFromConfig(cfg).CreateRestApi(ctx, &apigateway.CreateRestApiInput{Name: aws.String("pets"),
		EndpointConfiguration: &apigwtypes.EndpointConfiguration{Types: []apigwtypes.EndpointType{apigwtypes.EndpointTypePrivate}}})).Id
	return f
}

// routeTable creates a table with a default route (target set in def) and associates it with subnet.
func routeTable(t *testing.T, ctx context.Context, c *ec2.Client, vpc, subnet string, def *ec2.CreateRouteInput) string {
	id := *must[*ec2.CreateRouteTableOutput](t, "route table")(c.CreateRouteTable(ctx, &ec2.CreateRouteTableInput{VpcId: &vpc})).RouteTable.RouteTableId
	def.RouteTableId, def.DestinationCidrBlock = &id, aws.String("0.0.0.0/0")
	must[*ec2.CreateRouteOutput](t, "default route")(c.CreateRoute(ctx, def))
	must[*ec2.AssociateRouteTableOutput](t, "associate route table")(c.AssociateRouteTable(ctx, &ec2.AssociateRouteTableInput{RouteTableId: &id, SubnetId: &subnet}))
	return id
}

// securityGroups creates web (443 from anywhere) and app (8080 from web only, R2.6).
func securityGroups(t *testing.T, ctx context.Context, c *ec2.Client, vpc string) (web, app string) {
	sg := func(name string) string {
		return *must[*ec2.CreateSecurityGroupOutput](t, "sg "+name)(c.CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{VpcId: &vpc,
			GroupName: aws.String(name), Description: aws.String(name + " tier")})).GroupId
	}
	web, app = sg("web"), sg("app")
	must[*ec2.AuthorizeSecurityGroupIngressOutput](t, "web ingress")(c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: &web,
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(443), ToPort: aws.Int32(443), IpRanges: []types.IpRange{{CidrIp: aws.String("0.0.0.0/0")}}}}}))
	must[*ec2.AuthorizeSecurityGroupIngressOutput](t, "app ingress")(c.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: &app,
		IpPermissions: []types.IpPermission{{IpProtocol: aws.String("tcp"), FromPort: aws.Int32(8080), ToPort: aws.Int32(8080), UserIdGroupPairs: []types.UserIdGroupPair{{GroupId: &web}}}}}))
	return web, app
}

// networkACL creates a NACL denying 192.0.2.0/24 before allowing TCP 443 (R2.11: lowest number first).
func networkACL(t *testing.T, ctx context.Context, c *ec2.Client, vpc string) string {
	id := *must[*ec2.CreateNetworkAclOutput](t, "nacl")(c.CreateNetworkAcl(ctx, &ec2.CreateNetworkAclInput{VpcId: &vpc})).NetworkAcl.NetworkAclId
	entry := func(n int32, proto string, action types.RuleAction, cidr string, ports *types.PortRange) {
		must[*ec2.CreateNetworkAclEntryOutput](t, "nacl entry")(c.CreateNetworkAclEntry(ctx, &ec2.CreateNetworkAclEntryInput{NetworkAclId: &id, RuleNumber: aws.Int32(n),
			Protocol: aws.String(proto), RuleAction: action, Egress: aws.Bool(false), CidrBlock: aws.String(cidr), PortRange: ports}))
	}
	entry(90, "-1", types.RuleActionDeny, "192.0.2.0/24", nil)
	entry(100, "6", types.RuleActionAllow, "0.0.0.0/0", &types.PortRange{From: aws.Int32(443), To: aws.Int32(443)})
	return id
}

func inboundResolver(t *testing.T, ctx context.Context, cfg aws.Config, f fixture) string {
	out := must[*route53resolver.CreateResolverEndpointOutput](t, "resolver endpoint")(route53resolver.NewFromConfig(cfg).CreateResolverEndpoint(ctx,
		&route53resolver.CreateResolverEndpointInput{CreatorRequestId: aws.String("netverify-test"), Name: aws.String("inbound"),
			Direction: r53rtypes.ResolverEndpointDirectionInbound, SecurityGroupIds: []string{f.app},
			IpAddresses: []r53rtypes.IpAddressRequest{{SubnetId: &f.public, Ip: aws.String("10.20.1.10")}, {SubnetId: &f.private, Ip: aws.String("10.20.2.10")}}}))
	return *out.ResolverEndpoint.Id
}
