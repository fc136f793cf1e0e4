package cfn

import "sort"

// attrNames lists the Fn::GetAtt attributes CloudFormation documents (the
// "Return values" section of each resource type's reference page) for the
// network types whose attributes templates read most. A name outside the list
// is a mistake in the template (`!GetAtt Vpc.VpcIdd`), not a value known only
// after deployment. Types not listed accept any attribute.
var attrNames = map[string][]string{
	"AWS::EC2::VPC":                  {"CidrBlock", "CidrBlockAssociations", "DefaultNetworkAcl", "DefaultSecurityGroup", "Ipv6CidrBlocks", "VpcId"},
	"AWS::EC2::Subnet":               {"AvailabilityZone", "AvailabilityZoneId", "BlockPublicAccessStates", "CidrBlock", "Ipv6CidrBlocks", "NetworkAclAssociationId", "OutpostArn", "SubnetId", "VpcId"},
	"AWS::EC2::SecurityGroup":        {"GroupId", "GroupName", "VpcId"}, // GroupName: read by templates, kept lenient
	"AWS::EC2::InternetGateway":      {"InternetGatewayId"},
	"AWS::EC2::RouteTable":           {"RouteTableId"},
	"AWS::EC2::NetworkAcl":           {"Id"},
	"AWS::EC2::EIP":                  {"AllocationId", "PublicIp"},
	"AWS::EC2::VPCEndpoint":          {"CreationTimestamp", "DnsEntries", "Id", "NetworkInterfaceIds"},
	"AWS::EC2::VPCPeeringConnection": {"Id"},
	"AWS::EC2::TransitGateway":       {"Id", "TransitGatewayArn"},
	"AWS::Lambda::Function":          {"Arn", "SnapStartResponse", "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus"},
}

var attrSets = func() map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for typ, names := range attrNames {
		out[typ] = map[string]bool{}
		for _, n := range names {
			out[typ][n] = true
		}
	}
	return out
}()

// hasAttribute reports whether typ documents attr (true for types not listed).
func hasAttribute(typ, attr string) bool {
	set, ok := attrSets[typ]
	return !ok || set[attr]
}

// attributesOf returns the documented attributes of typ, sorted.
func attributesOf(typ string) []string {
	out := append([]string(nil), attrNames[typ]...)
	sort.Strings(out)
	return out
}
