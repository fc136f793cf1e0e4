package synth

// The JSON shapes below copy the field names of `aws ec2 describe-*` output
// (as captured in ../shared/corpus/batfish/lab-validation/*/aws_configs) and of
// the Batfish collector's wrapped shapes for transit gateway routes and
// propagations. Fields are declared in alphabetical order because the corpus
// files are key-sorted; encoding/json keeps declaration order. No timestamps
// are emitted (CreationTime, LaunchTime, AttachTime...): they would make runs
// differ and nothing downstream reads them.

type tag struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

func nameTag(name string) []tag { return []tag{{Key: "Name", Value: name}} }

type stateOnly struct {
	State string `json:"State"`
}

type vpcCidrAssoc struct {
	AssociationId  string    `json:"AssociationId"`
	CidrBlock      string    `json:"CidrBlock"`
	CidrBlockState stateOnly `json:"CidrBlockState"`
}

type vpcJSON struct {
	CidrBlock               string         `json:"CidrBlock"`
	CidrBlockAssociationSet []vpcCidrAssoc `json:"CidrBlockAssociationSet"`
	InstanceTenancy         string         `json:"InstanceTenancy"`
	IsDefault               bool           `json:"IsDefault"`
	OwnerId                 string         `json:"OwnerId"`
	State                   string         `json:"State"`
	Tags                    []tag          `json:"Tags"`
	VpcId                   string         `json:"VpcId"`
}

type subnetJSON struct {
	AssignIpv6AddressOnCreation bool   `json:"AssignIpv6AddressOnCreation"`
	AvailabilityZone            string `json:"AvailabilityZone"`
	AvailabilityZoneId          string `json:"AvailabilityZoneId"`
	AvailableIpAddressCount     int    `json:"AvailableIpAddressCount"`
	CidrBlock                   string `json:"CidrBlock"`
	DefaultForAz                bool   `json:"DefaultForAz"`
	MapPublicIpOnLaunch         bool   `json:"MapPublicIpOnLaunch"`
	OwnerId                     string `json:"OwnerId"`
	State                       string `json:"State"`
	SubnetArn                   string `json:"SubnetArn"`
	SubnetId                    string `json:"SubnetId"`
	Tags                        []tag  `json:"Tags"`
	VpcId                       string `json:"VpcId"`
}

type rtAssoc struct {
	AssociationState        stateOnly `json:"AssociationState"`
	Main                    bool      `json:"Main"`
	RouteTableAssociationId string    `json:"RouteTableAssociationId"`
	RouteTableId            string    `json:"RouteTableId"`
	SubnetId                string    `json:"SubnetId,omitempty"`
}

type routeJSON struct {
	DestinationCidrBlock    string `json:"DestinationCidrBlock,omitempty"`
	DestinationPrefixListId string `json:"DestinationPrefixListId,omitempty"`
	GatewayId               string `json:"GatewayId,omitempty"`
	NatGatewayId            string `json:"NatGatewayId,omitempty"`
	Origin                  string `json:"Origin"`
	State                   string `json:"State"`
	TransitGatewayId        string `json:"TransitGatewayId,omitempty"`
	VpcPeeringConnectionId  string `json:"VpcPeeringConnectionId,omitempty"`
}

type routeTableJSON struct {
	Associations    []rtAssoc   `json:"Associations"`
	OwnerId         string      `json:"OwnerId"`
	PropagatingVgws emptyList   `json:"PropagatingVgws"`
	RouteTableId    string      `json:"RouteTableId"`
	Routes          []routeJSON `json:"Routes"`
	Tags            []tag       `json:"Tags"`
	VpcId           string      `json:"VpcId"`
}

type aclAssoc struct {
	NetworkAclAssociationId string `json:"NetworkAclAssociationId"`
	NetworkAclId            string `json:"NetworkAclId"`
	SubnetId                string `json:"SubnetId"`
}

type portRange struct {
	From int `json:"From"`
	To   int `json:"To"`
}

type icmpTypeCode struct {
	Code int `json:"Code"`
	Type int `json:"Type"`
}

type aclEntry struct {
	CidrBlock    string        `json:"CidrBlock"`
	Egress       bool          `json:"Egress"`
	IcmpTypeCode *icmpTypeCode `json:"IcmpTypeCode,omitempty"`
	PortRange    *portRange    `json:"PortRange,omitempty"`
	Protocol     string        `json:"Protocol"`
	RuleAction   string        `json:"RuleAction"`
	RuleNumber   int           `json:"RuleNumber"`
}

type networkAclJSON struct {
	Associations []aclAssoc `json:"Associations"`
	Entries      []aclEntry `json:"Entries"`
	IsDefault    bool       `json:"IsDefault"`
	NetworkAclId string     `json:"NetworkAclId"`
	OwnerId      string     `json:"OwnerId"`
	Tags         []tag      `json:"Tags"`
	VpcId        string     `json:"VpcId"`
}

type ipRange struct {
	CidrIp      string `json:"CidrIp"`
	Description string `json:"Description,omitempty"`
}

type prefixListRef struct {
	Description  string `json:"Description,omitempty"`
	PrefixListId string `json:"PrefixListId"`
}

type groupPair struct {
	Description string `json:"Description,omitempty"`
	GroupId     string `json:"GroupId"`
	UserId      string `json:"UserId"`
}

type ipPermission struct {
	FromPort         *int            `json:"FromPort,omitempty"`
	IpProtocol       string          `json:"IpProtocol"`
	IpRanges         []ipRange       `json:"IpRanges"`
	Ipv6Ranges       emptyList       `json:"Ipv6Ranges"`
	PrefixListIds    []prefixListRef `json:"PrefixListIds"`
	ToPort           *int            `json:"ToPort,omitempty"`
	UserIdGroupPairs []groupPair     `json:"UserIdGroupPairs"`
}

type securityGroupJSON struct {
	Description         string         `json:"Description"`
	GroupId             string         `json:"GroupId"`
	GroupName           string         `json:"GroupName"`
	IpPermissions       []ipPermission `json:"IpPermissions"`
	IpPermissionsEgress []ipPermission `json:"IpPermissionsEgress"`
	OwnerId             string         `json:"OwnerId"`
	Tags                []tag          `json:"Tags"`
	VpcId               string         `json:"VpcId"`
}

type groupRef struct {
	GroupId   string `json:"GroupId"`
	GroupName string `json:"GroupName"`
}

type eniAssociation struct {
	AllocationId  string `json:"AllocationId,omitempty"`
	AssociationId string `json:"AssociationId,omitempty"`
	IpOwnerId     string `json:"IpOwnerId"`
	PublicDnsName string `json:"PublicDnsName"`
	PublicIp      string `json:"PublicIp"`
}

type eniAttachment struct {
	AttachmentId        string `json:"AttachmentId"`
	DeleteOnTermination bool   `json:"DeleteOnTermination"`
	DeviceIndex         int    `json:"DeviceIndex"`
	InstanceId          string `json:"InstanceId,omitempty"`
	InstanceOwnerId     string `json:"InstanceOwnerId"`
	Status              string `json:"Status"`
}

type eniPrivateIP struct {
	Association      *eniAssociation `json:"Association,omitempty"`
	Primary          bool            `json:"Primary"`
	PrivateDnsName   string          `json:"PrivateDnsName"`
	PrivateIpAddress string          `json:"PrivateIpAddress"`
}

type networkInterfaceJSON struct {
	Association        *eniAssociation `json:"Association,omitempty"`
	Attachment         *eniAttachment  `json:"Attachment,omitempty"`
	AvailabilityZone   string          `json:"AvailabilityZone"`
	Description        string          `json:"Description"`
	Groups             []groupRef      `json:"Groups"`
	InterfaceType      string          `json:"InterfaceType"`
	Ipv6Addresses      emptyList       `json:"Ipv6Addresses"`
	MacAddress         string          `json:"MacAddress"`
	NetworkInterfaceId string          `json:"NetworkInterfaceId"`
	OwnerId            string          `json:"OwnerId"`
	PrivateDnsName     string          `json:"PrivateDnsName"`
	PrivateIpAddress   string          `json:"PrivateIpAddress"`
	PrivateIpAddresses []eniPrivateIP  `json:"PrivateIpAddresses"`
	RequesterId        string          `json:"RequesterId,omitempty"`
	RequesterManaged   bool            `json:"RequesterManaged"`
	SourceDestCheck    bool            `json:"SourceDestCheck"`
	Status             string          `json:"Status"`
	SubnetId           string          `json:"SubnetId"`
	TagSet             []tag           `json:"TagSet"`
	VpcId              string          `json:"VpcId"`
}

// instanceENIAssociation is the instance view of a public address: the
// SDK's InstanceNetworkInterfaceAssociation has no allocation fields.
type instanceENIAssociation struct {
	IpOwnerId     string `json:"IpOwnerId"`
	PublicDnsName string `json:"PublicDnsName"`
	PublicIp      string `json:"PublicIp"`
}

type instanceENIAttachment struct {
	AttachmentId        string `json:"AttachmentId"`
	DeleteOnTermination bool   `json:"DeleteOnTermination"`
	DeviceIndex         int    `json:"DeviceIndex"`
	Status              string `json:"Status"`
}

type instancePrivateIP struct {
	Association      *instanceENIAssociation `json:"Association,omitempty"`
	Primary          bool                    `json:"Primary"`
	PrivateDnsName   string                  `json:"PrivateDnsName"`
	PrivateIpAddress string                  `json:"PrivateIpAddress"`
}

type instanceENI struct {
	Association        *instanceENIAssociation `json:"Association,omitempty"`
	Attachment         instanceENIAttachment   `json:"Attachment"`
	Description        string                  `json:"Description"`
	Groups             []groupRef              `json:"Groups"`
	InterfaceType      string                  `json:"InterfaceType"`
	Ipv6Addresses      emptyList               `json:"Ipv6Addresses"`
	MacAddress         string                  `json:"MacAddress"`
	NetworkInterfaceId string                  `json:"NetworkInterfaceId"`
	OwnerId            string                  `json:"OwnerId"`
	PrivateDnsName     string                  `json:"PrivateDnsName"`
	PrivateIpAddress   string                  `json:"PrivateIpAddress"`
	PrivateIpAddresses []instancePrivateIP     `json:"PrivateIpAddresses"`
	SourceDestCheck    bool                    `json:"SourceDestCheck"`
	Status             string                  `json:"Status"`
	SubnetId           string                  `json:"SubnetId"`
	VpcId              string                  `json:"VpcId"`
}

type placement struct {
	AvailabilityZone string `json:"AvailabilityZone"`
	GroupName        string `json:"GroupName"`
	Tenancy          string `json:"Tenancy"`
}

type instanceState struct {
	Code int    `json:"Code"`
	Name string `json:"Name"`
}

type instanceJSON struct {
	AmiLaunchIndex    int           `json:"AmiLaunchIndex"`
	Architecture      string        `json:"Architecture"`
	ImageId           string        `json:"ImageId"`
	InstanceId        string        `json:"InstanceId"`
	InstanceType      string        `json:"InstanceType"`
	Monitoring        stateOnly     `json:"Monitoring"`
	NetworkInterfaces []instanceENI `json:"NetworkInterfaces"`
	Placement         placement     `json:"Placement"`
	PrivateDnsName    string        `json:"PrivateDnsName"`
	PrivateIpAddress  string        `json:"PrivateIpAddress"`
	PublicDnsName     string        `json:"PublicDnsName"`
	PublicIpAddress   string        `json:"PublicIpAddress,omitempty"`
	SecurityGroups    []groupRef    `json:"SecurityGroups"`
	SourceDestCheck   bool          `json:"SourceDestCheck"`
	State             instanceState `json:"State"`
	SubnetId          string        `json:"SubnetId"`
	Tags              []tag         `json:"Tags"`
	VpcId             string        `json:"VpcId"`
}

type reservationJSON struct {
	Groups        emptyList      `json:"Groups"`
	Instances     []instanceJSON `json:"Instances"`
	OwnerId       string         `json:"OwnerId"`
	ReservationId string         `json:"ReservationId"`
}

type natAddress struct {
	AllocationId       string `json:"AllocationId"`
	AssociationId      string `json:"AssociationId"`
	IsPrimary          bool   `json:"IsPrimary"`
	NetworkInterfaceId string `json:"NetworkInterfaceId"`
	PrivateIp          string `json:"PrivateIp"`
	PublicIp           string `json:"PublicIp"`
	Status             string `json:"Status"`
}

type natGatewayJSON struct {
	ConnectivityType    string       `json:"ConnectivityType"`
	NatGatewayAddresses []natAddress `json:"NatGatewayAddresses"`
	NatGatewayId        string       `json:"NatGatewayId"`
	State               string       `json:"State"`
	SubnetId            string       `json:"SubnetId"`
	Tags                []tag        `json:"Tags"`
	VpcId               string       `json:"VpcId"`
}

type igwAttachment struct {
	State string `json:"State"`
	VpcId string `json:"VpcId"`
}

type internetGatewayJSON struct {
	Attachments       []igwAttachment `json:"Attachments"`
	InternetGatewayId string          `json:"InternetGatewayId"`
	OwnerId           string          `json:"OwnerId"`
	Tags              []tag           `json:"Tags"`
}

type dnsEntry struct {
	DnsName      string `json:"DnsName"`
	HostedZoneId string `json:"HostedZoneId"`
}

type vpcEndpointJSON struct {
	DnsEntries          []dnsEntry `json:"DnsEntries"`
	Groups              []groupRef `json:"Groups"`
	IpAddressType       string     `json:"IpAddressType"`
	NetworkInterfaceIds []string   `json:"NetworkInterfaceIds"`
	OwnerId             string     `json:"OwnerId"`
	PolicyDocument      string     `json:"PolicyDocument"`
	PrivateDnsEnabled   bool       `json:"PrivateDnsEnabled"`
	RequesterManaged    bool       `json:"RequesterManaged"`
	RouteTableIds       []string   `json:"RouteTableIds"`
	ServiceName         string     `json:"ServiceName"`
	State               string     `json:"State"`
	SubnetIds           []string   `json:"SubnetIds"`
	Tags                []tag      `json:"Tags"`
	VpcEndpointId       string     `json:"VpcEndpointId"`
	VpcEndpointType     string     `json:"VpcEndpointType"`
	VpcId               string     `json:"VpcId"`
}

type cidrOnly struct {
	CidrBlock string `json:"CidrBlock"`
}

type peeringOptions struct {
	AllowDnsResolutionFromRemoteVpc            bool `json:"AllowDnsResolutionFromRemoteVpc"`
	AllowEgressFromLocalClassicLinkToRemoteVpc bool `json:"AllowEgressFromLocalClassicLinkToRemoteVpc"`
	AllowEgressFromLocalVpcToRemoteClassicLink bool `json:"AllowEgressFromLocalVpcToRemoteClassicLink"`
}

type peeringVpcInfo struct {
	CidrBlock      string          `json:"CidrBlock"`
	CidrBlockSet   []cidrOnly      `json:"CidrBlockSet"`
	OwnerId        string          `json:"OwnerId"`
	PeeringOptions *peeringOptions `json:"PeeringOptions,omitempty"`
	Region         string          `json:"Region"`
	VpcId          string          `json:"VpcId"`
}

type codeMessage struct {
	Code    string `json:"Code"`
	Message string `json:"Message"`
}

type vpcPeeringJSON struct {
	AccepterVpcInfo        peeringVpcInfo `json:"AccepterVpcInfo"`
	RequesterVpcInfo       peeringVpcInfo `json:"RequesterVpcInfo"`
	Status                 codeMessage    `json:"Status"`
	Tags                   []tag          `json:"Tags"`
	VpcPeeringConnectionId string         `json:"VpcPeeringConnectionId"`
}

type tgwOptions struct {
	AmazonSideAsn                  int64  `json:"AmazonSideAsn"`
	AssociationDefaultRouteTableId string `json:"AssociationDefaultRouteTableId,omitempty"`
	AutoAcceptSharedAttachments    string `json:"AutoAcceptSharedAttachments"`
	DefaultRouteTableAssociation   string `json:"DefaultRouteTableAssociation"`
	DefaultRouteTablePropagation   string `json:"DefaultRouteTablePropagation"`
	DnsSupport                     string `json:"DnsSupport"`
	MulticastSupport               string `json:"MulticastSupport"`
	PropagationDefaultRouteTableId string `json:"PropagationDefaultRouteTableId,omitempty"`
	VpnEcmpSupport                 string `json:"VpnEcmpSupport"`
}

type transitGatewayJSON struct {
	Description       string     `json:"Description"`
	Options           tgwOptions `json:"Options"`
	OwnerId           string     `json:"OwnerId"`
	State             string     `json:"State"`
	Tags              []tag      `json:"Tags"`
	TransitGatewayArn string     `json:"TransitGatewayArn"`
	TransitGatewayId  string     `json:"TransitGatewayId"`
}

type tgwRouteTableJSON struct {
	DefaultAssociationRouteTable bool   `json:"DefaultAssociationRouteTable"`
	DefaultPropagationRouteTable bool   `json:"DefaultPropagationRouteTable"`
	State                        string `json:"State"`
	Tags                         []tag  `json:"Tags"`
	TransitGatewayId             string `json:"TransitGatewayId"`
	TransitGatewayRouteTableId   string `json:"TransitGatewayRouteTableId"`
}

type tgwAssociation struct {
	State                      string `json:"State"`
	TransitGatewayRouteTableId string `json:"TransitGatewayRouteTableId"`
}

type tgwAttachmentJSON struct {
	Association                *tgwAssociation `json:"Association,omitempty"`
	ResourceId                 string          `json:"ResourceId"`
	ResourceOwnerId            string          `json:"ResourceOwnerId"`
	ResourceType               string          `json:"ResourceType"`
	State                      string          `json:"State"`
	Tags                       []tag           `json:"Tags"`
	TransitGatewayAttachmentId string          `json:"TransitGatewayAttachmentId"`
	TransitGatewayId           string          `json:"TransitGatewayId"`
	TransitGatewayOwnerId      string          `json:"TransitGatewayOwnerId"`
}

type tgwVpcAttachOptions struct {
	DnsSupport  string `json:"DnsSupport"`
	Ipv6Support string `json:"Ipv6Support"`
}

type tgwVpcAttachmentJSON struct {
	Options                    tgwVpcAttachOptions `json:"Options"`
	State                      string              `json:"State"`
	SubnetIds                  []string            `json:"SubnetIds"`
	Tags                       []tag               `json:"Tags"`
	TransitGatewayAttachmentId string              `json:"TransitGatewayAttachmentId"`
	TransitGatewayId           string              `json:"TransitGatewayId"`
	VpcId                      string              `json:"VpcId"`
	VpcOwnerId                 string              `json:"VpcOwnerId"`
}

type tgwPeerInfo struct {
	OwnerId          string `json:"OwnerId"`
	Region           string `json:"Region"`
	TransitGatewayId string `json:"TransitGatewayId"`
}

type tgwPeeringAttachmentJSON struct {
	AccepterTgwInfo            tgwPeerInfo `json:"AccepterTgwInfo"`
	RequesterTgwInfo           tgwPeerInfo `json:"RequesterTgwInfo"`
	State                      string      `json:"State"`
	Status                     codeMessage `json:"Status"`
	Tags                       []tag       `json:"Tags"`
	TransitGatewayAttachmentId string      `json:"TransitGatewayAttachmentId"`
}

// tgwRouteAttachment, tgwStaticRoute and tgwStaticRoutesJSON mirror the Batfish
// collector's TransitGatewayStaticRoutes.json: one wrapper per route table.
type tgwRouteAttachment struct {
	ResourceId                 string `json:"ResourceId"`
	ResourceType               string `json:"ResourceType"`
	TransitGatewayAttachmentId string `json:"TransitGatewayAttachmentId"`
}

type tgwStaticRoute struct {
	DestinationCidrBlock      string               `json:"DestinationCidrBlock"`
	State                     string               `json:"State"`
	TransitGatewayAttachments []tgwRouteAttachment `json:"TransitGatewayAttachments,omitempty"`
	Type                      string               `json:"Type"`
}

type tgwStaticRoutesJSON struct {
	AdditionalRoutesAvailable  bool             `json:"AdditionalRoutesAvailable"`
	Routes                     []tgwStaticRoute `json:"Routes"`
	TransitGatewayRouteTableId string           `json:"TransitGatewayRouteTableId"`
}

// tgwPropagationsJSON mirrors the collector's TransitGatewayPropagations.json.
type tgwPropagation struct {
	ResourceId                 string `json:"ResourceId"`
	ResourceType               string `json:"ResourceType"`
	State                      string `json:"State"`
	TransitGatewayAttachmentId string `json:"TransitGatewayAttachmentId"`
}

type tgwPropagationsJSON struct {
	TransitGatewayRouteTableId           string           `json:"TransitGatewayRouteTableId"`
	TransitGatewayRouteTablePropagations []tgwPropagation `json:"TransitGatewayRouteTablePropagations"`
}

type prefixListJSON struct {
	Cidrs          []string `json:"Cidrs"`
	PrefixListId   string   `json:"PrefixListId"`
	PrefixListName string   `json:"PrefixListName"`
}

type addressJSON struct {
	AllocationId            string `json:"AllocationId"`
	AssociationId           string `json:"AssociationId,omitempty"`
	Domain                  string `json:"Domain"`
	InstanceId              string `json:"InstanceId,omitempty"`
	NetworkBorderGroup      string `json:"NetworkBorderGroup"`
	NetworkInterfaceId      string `json:"NetworkInterfaceId,omitempty"`
	NetworkInterfaceOwnerId string `json:"NetworkInterfaceOwnerId,omitempty"`
	PrivateIpAddress        string `json:"PrivateIpAddress,omitempty"`
	PublicIp                string `json:"PublicIp"`
	PublicIpv4Pool          string `json:"PublicIpv4Pool"`
	Tags                    []tag  `json:"Tags"`
}

type availabilityZoneJSON struct {
	GroupName          string `json:"GroupName"`
	NetworkBorderGroup string `json:"NetworkBorderGroup"`
	OptInStatus        string `json:"OptInStatus"`
	RegionName         string `json:"RegionName"`
	State              string `json:"State"`
	ZoneId             string `json:"ZoneId"`
	ZoneName           string `json:"ZoneName"`
	ZoneType           string `json:"ZoneType"`
}

// emptyList is a list the CLI always prints and the estate never fills
// (Ipv6Ranges, PropagatingVgws...): it encodes as [] rather than null.
type emptyList struct{}

// MarshalJSON encodes the empty list.
func (emptyList) MarshalJSON() ([]byte, error) { return []byte("[]"), nil }
