package scenarios

// The document types below are the scenario format. Field comments become the
// descriptions of scenarios/schema.json (go test ./scenarios -update).

// Document is a whole scenario file.
type Document struct {
	Pos `yaml:"-" json:"-"`
	// Format marker and version: always v1.
	Netverify   string `yaml:"netverify" jsonschema:"enum=v1"`
	Name        string `yaml:"name,omitempty"`
	Description string `yaml:"description,omitempty"`
	// The docs/RULES.md scenario the file models (S1...), if any.
	Scenario string   `yaml:"scenario,omitempty"`
	Defaults Defaults `yaml:"defaults,omitempty"`

	Accounts                   []AccountDoc             `yaml:"accounts,omitempty"`
	Regions                    []RegionDoc              `yaml:"regions,omitempty"`
	AvailabilityZones          []AZDoc                  `yaml:"availabilityZones,omitempty"`
	VPCs                       []VPCDoc                 `yaml:"vpcs,omitempty"`
	Subnets                    []SubnetDoc              `yaml:"subnets,omitempty"`
	RouteTables                []RouteTableDoc          `yaml:"routeTables,omitempty"`
	PrefixLists                []PrefixListDoc          `yaml:"prefixLists,omitempty"`
	NetworkACLs                []NetworkACLDoc          `yaml:"networkAcls,omitempty"`
	SecurityGroups             []SecurityGroupDoc       `yaml:"securityGroups,omitempty"`
	NetworkInterfaces          []ENIDoc                 `yaml:"networkInterfaces,omitempty"`
	Instances                  []InstanceDoc            `yaml:"instances,omitempty"`
	InternetGateways           []IGWDoc                 `yaml:"internetGateways,omitempty"`
	EgressOnlyInternetGateways []EIGWDoc                `yaml:"egressOnlyInternetGateways,omitempty"`
	NATGateways                []NATDoc                 `yaml:"natGateways,omitempty"`
	ElasticIPs                 []EIPDoc                 `yaml:"elasticIps,omitempty"`
	VPCEndpoints               []EndpointDoc            `yaml:"vpcEndpoints,omitempty"`
	EndpointServices           []EndpointServiceDoc     `yaml:"endpointServices,omitempty"`
	PeeringConnections         []PeeringDoc             `yaml:"peeringConnections,omitempty"`
	TransitGateways            []TGWDoc                 `yaml:"transitGateways,omitempty"`
	TransitGatewayAttachments  []TGWAttachmentDoc       `yaml:"transitGatewayAttachments,omitempty"`
	TransitGatewayRouteTables  []TGWRouteTableDoc       `yaml:"transitGatewayRouteTables,omitempty"`
	VPNGateways                []VGWDoc                 `yaml:"vpnGateways,omitempty"`
	CustomerGateways           []CGWDoc                 `yaml:"customerGateways,omitempty"`
	VPNConnections             []VPNDoc                 `yaml:"vpnConnections,omitempty"`
	DirectConnectGateways      []DXGatewayDoc           `yaml:"directConnectGateways,omitempty"`
	VirtualInterfaces          []VIFDoc                 `yaml:"virtualInterfaces,omitempty"`
	LoadBalancers              []LoadBalancerDoc        `yaml:"loadBalancers,omitempty"`
	TargetGroups               []TargetGroupDoc         `yaml:"targetGroups,omitempty"`
	LambdaFunctions            []LambdaDoc              `yaml:"lambdaFunctions,omitempty"`
	RestAPIs                   []RestAPIDoc             `yaml:"restApis,omitempty"`
	HTTPAPIs                   []HTTPAPIDoc             `yaml:"httpApis,omitempty"`
	VPCLinks                   []VPCLinkDoc             `yaml:"vpcLinks,omitempty"`
	DomainNames                []DomainNameDoc          `yaml:"domainNames,omitempty"`
	HostedZones                []HostedZoneDoc          `yaml:"hostedZones,omitempty"`
	ResolverEndpoints          []ResolverEndpointDoc    `yaml:"resolverEndpoints,omitempty"`
	ResolverRules              []ResolverRuleDoc        `yaml:"resolverRules,omitempty"`
	FirewallDomainLists        []FirewallDomainListDoc  `yaml:"dnsFirewallDomainLists,omitempty"`
	FirewallRuleGroups         []FirewallRuleGroupDoc   `yaml:"dnsFirewallRuleGroups,omitempty"`
	FirewallAssociations       []FirewallAssociationDoc `yaml:"dnsFirewallAssociations,omitempty"`
	FirewallConfigs            []FirewallConfigDoc      `yaml:"dnsFirewallConfigs,omitempty"`
	Profiles                   []ProfileDoc             `yaml:"route53Profiles,omitempty"`
	ProfileAssociations        []ProfileAssociationDoc  `yaml:"route53ProfileAssociations,omitempty"`
	Sites                      []SiteDoc                `yaml:"sites,omitempty"`
	DNSServers                 []DNSServerDoc           `yaml:"dnsServers,omitempty"`
	Clients                    []ClientDoc              `yaml:"clients,omitempty"`
	Intents                    []IntentDoc              `yaml:"intents,omitempty"`
	// What forwarding instances, network interfaces and Gateway Load
	// Balancers do with the traffic routed to them (R1.20).
	Appliances []ApplianceDoc `yaml:"appliances,omitempty"`
	// VPC Block Public Access: the mode of an account in a Region (R3.50).
	BlockPublicAccess []BPADoc `yaml:"blockPublicAccess,omitempty"`
	// VPCs and subnets exempted from the Block Public Access mode (R3.52).
	BlockPublicAccessExclusions []BPAExclusionDoc `yaml:"blockPublicAccessExclusions,omitempty"`
	// AWS Network Firewall: firewalls, their policies and rule groups (R7.40).
	NetworkFirewalls          []NetworkFirewallDoc `yaml:"networkFirewalls,omitempty"`
	NetworkFirewallPolicies   []NFWPolicyDoc       `yaml:"networkFirewallPolicies,omitempty"`
	NetworkFirewallRuleGroups []NFWRuleGroupDoc    `yaml:"networkFirewallRuleGroups,omitempty"`
}

// Defaults apply to every resource that does not say otherwise.
type Defaults struct {
	Pos     `yaml:"-" json:"-"`
	Account string `yaml:"account,omitempty"`
	Region  string `yaml:"region,omitempty"`
}

// Common is what every resource may carry. Without an id, one is made from
// the name (vpc-<name>, subnet-<name>, ...). Other resources refer to it by
// id or name.
type Common struct {
	Pos     `yaml:"-" json:"-"`
	ID      string            `yaml:"id,omitempty"`
	Name    string            `yaml:"name,omitempty"`
	Account string            `yaml:"account,omitempty"`
	Region  string            `yaml:"region,omitempty"`
	Tags    map[string]string `yaml:"tags,omitempty"`
}

// Ports is a port or an inclusive range: 443, "1024-65535" or "all".
type Ports string

// AccountDoc is an AWS account (id: the 12-digit number).
type AccountDoc struct {
	Common `yaml:",inline"`
	Alias  string `yaml:"alias,omitempty"`
	OrgID  string `yaml:"orgId,omitempty"`
}

// RegionDoc is a Region (id: its name, e.g. us-east-1).
type RegionDoc struct {
	Common `yaml:",inline"`
}

// AZDoc is an availability zone (id: its name, e.g. us-east-1a).
type AZDoc struct {
	Common `yaml:",inline"`
	ZoneID string `yaml:"zoneId,omitempty"`
}

// VPCDoc is a VPC. cidr is the primary IPv4 block; cidrs adds more.
type VPCDoc struct {
	Common    `yaml:",inline"`
	CIDR      string   `yaml:"cidr,omitempty"`
	CIDRs     []string `yaml:"cidrs,omitempty"`
	IPv6CIDRs []string `yaml:"ipv6Cidrs,omitempty"`
	// enableDnsSupport; default true, as in AWS.
	DNSSupport *bool `yaml:"dnsSupport,omitempty"`
	// enableDnsHostnames; default false, as in AWS (private DNS of endpoints and private hosted zones need it).
	DNSHostnames   *bool    `yaml:"dnsHostnames,omitempty"`
	DHCPDNSServers []string `yaml:"dhcpDnsServers,omitempty"`
	IsDefault      bool     `yaml:"isDefault,omitempty"`
	State          string   `yaml:"state,omitempty"`
}

// SubnetDoc is a subnet; routeTable and networkAcl associate it explicitly.
type SubnetDoc struct {
	Common              `yaml:",inline"`
	VPC                 string `yaml:"vpc,omitempty"`
	AZ                  string `yaml:"az,omitempty"`
	AZID                string `yaml:"azId,omitempty"`
	CIDR                string `yaml:"cidr,omitempty"`
	IPv6CIDR            string `yaml:"ipv6Cidr,omitempty"`
	MapPublicIPOnLaunch bool   `yaml:"mapPublicIpOnLaunch,omitempty"`
	// IPv6Native makes an IPv6-only subnet: ipv6Cidr and no cidr.
	IPv6Native bool `yaml:"ipv6Native,omitempty"`
	// EnableDNS64 makes the VPC Resolver synthesise 64:ff9b::/96 AAAA answers for IPv4-only names.
	EnableDNS64 bool `yaml:"enableDns64,omitempty"`
	// AvailableIPAddressCount is EC2's count of free IPv4 addresses, when known.
	AvailableIPAddressCount *int   `yaml:"availableIpAddressCount,omitempty"`
	RouteTable              string `yaml:"routeTable,omitempty"`
	NetworkACL              string `yaml:"networkAcl,omitempty"`
}

// RouteTableDoc is a VPC route table. Local routes are added automatically.
type RouteTableDoc struct {
	Common `yaml:",inline"`
	VPC    string `yaml:"vpc,omitempty"`
	// The VPC's main route table: used by subnets without an explicit association.
	Main    bool     `yaml:"main,omitempty"`
	Subnets []string `yaml:"subnets,omitempty"`
	// Edge associations: internet or virtual private gateways.
	Gateways []string `yaml:"gateways,omitempty"`
	// Virtual private gateways whose routes propagate into this table.
	Propagations []string   `yaml:"propagations,omitempty"`
	Routes       []RouteDoc `yaml:"routes,omitempty"`
}

// RouteDoc is one route: dest is a CIDR or a prefix list; target an ID or name (or local).
type RouteDoc struct {
	Pos       `yaml:"-" json:"-"`
	Dest      string `yaml:"dest"`
	Target    string `yaml:"target,omitempty"`
	Blackhole bool   `yaml:"blackhole,omitempty"`
	// How the route got there; propagated routes lose ties (R1.7).
	Origin    string `yaml:"origin,omitempty" jsonschema:"enum=static,enum=propagated,enum=propagated-dx,enum=propagated-vpn-static,enum=propagated-vpn-bgp"`
	ASPathLen int    `yaml:"asPathLen,omitempty"`
	MED       int    `yaml:"med,omitempty"`
}

// PrefixListDoc is a managed prefix list.
type PrefixListDoc struct {
	Common         `yaml:",inline"`
	PrefixListName string   `yaml:"prefixListName,omitempty"`
	AWSManaged     bool     `yaml:"awsManaged,omitempty"`
	Entries        []string `yaml:"entries,omitempty"`
	MaxEntries     int      `yaml:"maxEntries,omitempty"`
}

// NetworkACLDoc is a network ACL; the implicit "*" deny rules are added automatically.
type NetworkACLDoc struct {
	Common  `yaml:",inline"`
	VPC     string        `yaml:"vpc,omitempty"`
	Default bool          `yaml:"default,omitempty"`
	Subnets []string      `yaml:"subnets,omitempty"`
	Entries []ACLEntryDoc `yaml:"entries,omitempty"`
}

// ACLEntryDoc is one numbered NACL rule.
type ACLEntryDoc struct {
	Pos      `yaml:"-" json:"-"`
	Rule     int    `yaml:"rule"`
	Egress   bool   `yaml:"egress,omitempty"`
	Action   string `yaml:"action" jsonschema:"enum=allow,enum=deny"`
	Proto    string `yaml:"proto,omitempty"`
	Ports    Ports  `yaml:"ports,omitempty"`
	ICMPType *int   `yaml:"icmpType,omitempty"`
	ICMPCode *int   `yaml:"icmpCode,omitempty"`
	CIDR     string `yaml:"cidr"`
}

// SecurityGroupDoc is a security group. Without an egress key it allows all
// outbound IPv4 traffic, as a new group does (R2.2).
type SecurityGroupDoc struct {
	Common      `yaml:",inline"`
	VPC         string      `yaml:"vpc,omitempty"`
	GroupName   string      `yaml:"groupName,omitempty"`
	Description string      `yaml:"description,omitempty"`
	Ingress     []SGRuleDoc `yaml:"ingress,omitempty"`
	Egress      []SGRuleDoc `yaml:"egress,omitempty"`
	// VPCAssociations are other VPCs whose interfaces may use the group (security group VPC associations).
	VPCAssociations []string `yaml:"vpcAssociations,omitempty"`
}

// SGRuleDoc is one allow rule; exactly one of cidr, prefixList and group.
type SGRuleDoc struct {
	Pos        `yaml:"-" json:"-"`
	Proto      string `yaml:"proto,omitempty"`
	Ports      Ports  `yaml:"ports,omitempty"`
	ICMPType   *int   `yaml:"icmpType,omitempty"`
	ICMPCode   *int   `yaml:"icmpCode,omitempty"`
	CIDR       string `yaml:"cidr,omitempty"`
	PrefixList string `yaml:"prefixList,omitempty"`
	// A security group by id or name; "account/sg-id" for another account's group (R2.6).
	Group       string `yaml:"group,omitempty"`
	Description string `yaml:"description,omitempty"`
}

// ENIDoc is a network interface.
type ENIDoc struct {
	Common `yaml:",inline"`
	Subnet string `yaml:"subnet,omitempty"`
	VPC    string `yaml:"vpc,omitempty"`
	IP     string `yaml:"ip,omitempty"`
	// Secondary private IPv4 addresses.
	IPs            []string `yaml:"ips,omitempty"`
	IPv6           []string `yaml:"ipv6,omitempty"`
	PublicIP       string   `yaml:"publicIp,omitempty"`
	SecurityGroups []string `yaml:"securityGroups,omitempty"`
	// Default true.
	SourceDestCheck *bool  `yaml:"sourceDestCheck,omitempty"`
	OwnerKind       string `yaml:"ownerKind,omitempty" jsonschema:"enum=other,enum=instance,enum=lambda,enum=interface-endpoint,enum=gwlb-endpoint,enum=nat-gateway,enum=load-balancer,enum=resolver-endpoint,enum=vpc-link,enum=tgw-attachment"`
	OwnerID         string `yaml:"ownerId,omitempty"`
	InterfaceType   string `yaml:"interfaceType,omitempty"`
	Description     string `yaml:"description,omitempty"`
}

// InstanceDoc is an EC2 instance; subnet and ip create its primary network interface.
type InstanceDoc struct {
	Common         `yaml:",inline"`
	Subnet         string   `yaml:"subnet,omitempty"`
	VPC            string   `yaml:"vpc,omitempty"`
	IP             string   `yaml:"ip,omitempty"`
	IPs            []string `yaml:"ips,omitempty"`
	IPv6           []string `yaml:"ipv6,omitempty"`
	PublicIP       string   `yaml:"publicIp,omitempty"`
	SecurityGroups []string `yaml:"securityGroups,omitempty"`
	// Default true; false for NAT instances and appliances.
	SourceDestCheck *bool `yaml:"sourceDestCheck,omitempty"`
	// Further network interfaces, by id or name.
	ENIs     []string `yaml:"enis,omitempty"`
	Platform string   `yaml:"platform,omitempty"`
	State    string   `yaml:"state,omitempty"`
}

// IGWDoc is an internet gateway.
type IGWDoc struct {
	Common `yaml:",inline"`
	VPC    string `yaml:"vpc,omitempty"`
}

// EIGWDoc is an egress-only internet gateway.
type EIGWDoc struct {
	Common `yaml:",inline"`
	VPC    string `yaml:"vpc,omitempty"`
}

// NATDoc is a NAT gateway; public by default.
type NATDoc struct {
	Common    `yaml:",inline"`
	Subnet    string   `yaml:"subnet,omitempty"`
	Public    *bool    `yaml:"public,omitempty"`
	IP        string   `yaml:"ip,omitempty"`
	PublicIPs []string `yaml:"publicIps,omitempty"`
	State     string   `yaml:"state,omitempty"`
}

// EIPDoc is an Elastic IP address.
type EIPDoc struct {
	Common    `yaml:",inline"`
	PublicIP  string `yaml:"publicIp"`
	PrivateIP string `yaml:"privateIp,omitempty"`
	ENI       string `yaml:"eni,omitempty"`
	Instance  string `yaml:"instance,omitempty"`
}

// InterfaceDoc places one network interface: subnet and, optionally, its address.
type InterfaceDoc struct {
	Pos      `yaml:"-" json:"-"`
	ID       string `yaml:"id,omitempty"`
	Subnet   string `yaml:"subnet"`
	IP       string `yaml:"ip,omitempty"`
	PublicIP string `yaml:"publicIp,omitempty"`
}

// EndpointDoc is a VPC endpoint. service is a full name or a short one
// (s3, execute-api); type defaults to Gateway for s3/dynamodb, else Interface.
type EndpointDoc struct {
	Common  `yaml:",inline"`
	VPC     string `yaml:"vpc,omitempty"`
	Service string `yaml:"service"`
	Type    string `yaml:"type,omitempty" jsonschema:"enum=Gateway,enum=Interface,enum=GatewayLoadBalancer"`
	// Gateway endpoints: the route tables that get the prefix-list route.
	RouteTables []string `yaml:"routeTables,omitempty"`
	// Interface endpoints: one subnet per AZ; addresses are allocated when not given in interfaces.
	Subnets        []string       `yaml:"subnets,omitempty"`
	Interfaces     []InterfaceDoc `yaml:"interfaces,omitempty"`
	SecurityGroups []string       `yaml:"securityGroups,omitempty"`
	// Private DNS for interface endpoints; default true, as for AWS services (R7.12).
	PrivateDNS                       *bool    `yaml:"privateDns,omitempty"`
	PrivateDNSOnlyForInboundResolver bool     `yaml:"privateDnsOnlyForInboundResolver,omitempty"`
	Policy                           string   `yaml:"policy,omitempty"`
	DNSNames                         []string `yaml:"dnsNames,omitempty"`
	State                            string   `yaml:"state,omitempty"`
	IPAddressType                    string   `yaml:"ipAddressType,omitempty"`
}

// EndpointServiceDoc is a PrivateLink endpoint service (provider side).
type EndpointServiceDoc struct {
	Common             `yaml:",inline"`
	ServiceName        string   `yaml:"serviceName,omitempty"`
	ServiceType        string   `yaml:"serviceType,omitempty" jsonschema:"enum=Interface,enum=GatewayLoadBalancer"`
	LoadBalancers      []string `yaml:"loadBalancers,omitempty"`
	AcceptanceRequired bool     `yaml:"acceptanceRequired,omitempty"`
	AllowedPrincipals  []string `yaml:"allowedPrincipals,omitempty"`
	PrivateDNSName     string   `yaml:"privateDnsName,omitempty"`
	AZs                []string `yaml:"azs,omitempty"`
	Owner              string   `yaml:"owner,omitempty"`
}

// PeeringDoc is a VPC peering connection between requester and accepter VPCs.
type PeeringDoc struct {
	Common    `yaml:",inline"`
	Requester string `yaml:"requester"`
	Accepter  string `yaml:"accepter"`
	// Only needed when the peer VPC is not in the snapshot.
	RequesterAccount string   `yaml:"requesterAccount,omitempty"`
	AccepterAccount  string   `yaml:"accepterAccount,omitempty"`
	RequesterRegion  string   `yaml:"requesterRegion,omitempty"`
	AccepterRegion   string   `yaml:"accepterRegion,omitempty"`
	RequesterCIDRs   []string `yaml:"requesterCidrs,omitempty"`
	AccepterCIDRs    []string `yaml:"accepterCidrs,omitempty"`
	// DNS resolution from the remote VPC, per side (R4.7).
	RequesterDNSResolution bool   `yaml:"requesterDnsResolution,omitempty"`
	AccepterDNSResolution  bool   `yaml:"accepterDnsResolution,omitempty"`
	Status                 string `yaml:"status,omitempty"`
}

// TGWDoc is a transit gateway.
type TGWDoc struct {
	Common                       `yaml:",inline"`
	ASN                          int64  `yaml:"asn,omitempty"`
	DefaultAssociationRouteTable string `yaml:"defaultAssociationRouteTable,omitempty"`
	DefaultPropagationRouteTable string `yaml:"defaultPropagationRouteTable,omitempty"`
	DNSSupport                   bool   `yaml:"dnsSupport,omitempty"`
	SGReferencingSupport         bool   `yaml:"sgReferencingSupport,omitempty"`
	State                        string `yaml:"state,omitempty"`
}

// TGWAttachmentDoc attaches a VPC, VPN, DX gateway or peer TGW to a TGW.
type TGWAttachmentDoc struct {
	Common        `yaml:",inline"`
	TGW           string   `yaml:"tgw"`
	Type          string   `yaml:"type,omitempty" jsonschema:"enum=vpc,enum=vpn,enum=direct-connect-gateway,enum=peering,enum=connect,enum=network-function"`
	Resource      string   `yaml:"resource,omitempty"`
	ResourceOwner string   `yaml:"resourceOwner,omitempty"`
	Subnets       []string `yaml:"subnets,omitempty"`
	ApplianceMode bool     `yaml:"applianceMode,omitempty"`
	SGReferencing bool     `yaml:"sgReferencing,omitempty"`
	IPv6Support   bool     `yaml:"ipv6Support,omitempty"`
	Association   string   `yaml:"association,omitempty"`
	PeerTGW       string   `yaml:"peerTgw,omitempty"`
	PeerAccount   string   `yaml:"peerAccount,omitempty"`
	PeerRegion    string   `yaml:"peerRegion,omitempty"`
	State         string   `yaml:"state,omitempty"`
}

// TGWRouteTableDoc is a transit gateway route table.
type TGWRouteTableDoc struct {
	Common             `yaml:",inline"`
	TGW                string        `yaml:"tgw"`
	DefaultAssociation bool          `yaml:"defaultAssociation,omitempty"`
	DefaultPropagation bool          `yaml:"defaultPropagation,omitempty"`
	Associations       []string      `yaml:"associations,omitempty"`
	Propagations       []string      `yaml:"propagations,omitempty"`
	Routes             []TGWRouteDoc `yaml:"routes,omitempty"`
}

// TGWRouteDoc is a TGW route to one attachment (several = ECMP) or a blackhole.
type TGWRouteDoc struct {
	Pos          `yaml:"-" json:"-"`
	Dest         string   `yaml:"dest"`
	Attachments  []string `yaml:"attachments,omitempty"`
	Blackhole    bool     `yaml:"blackhole,omitempty"`
	Propagated   bool     `yaml:"propagated,omitempty"`
	ResourceType string   `yaml:"resourceType,omitempty"`
}

// VGWDoc is a virtual private gateway.
type VGWDoc struct {
	Common `yaml:",inline"`
	VPC    string `yaml:"vpc,omitempty"`
	ASN    int64  `yaml:"asn,omitempty"`
	State  string `yaml:"state,omitempty"`
}

// CGWDoc is a customer gateway (the on-premises VPN device).
type CGWDoc struct {
	Common `yaml:",inline"`
	IP     string `yaml:"ip,omitempty"`
	ASN    int64  `yaml:"asn,omitempty"`
	State  string `yaml:"state,omitempty"`
}

// VPNDoc is a Site-to-Site VPN connection on a VGW or a TGW.
type VPNDoc struct {
	Common           `yaml:",inline"`
	CustomerGateway  string      `yaml:"customerGateway"`
	VPNGateway       string      `yaml:"vpnGateway,omitempty"`
	TransitGateway   string      `yaml:"transitGateway,omitempty"`
	StaticRoutesOnly bool        `yaml:"staticRoutesOnly,omitempty"`
	Routes           []string    `yaml:"routes,omitempty"`
	Tunnels          []TunnelDoc `yaml:"tunnels,omitempty"`
	State            string      `yaml:"state,omitempty"`
}

// TunnelDoc is one VPN tunnel.
type TunnelDoc struct {
	Pos            `yaml:"-" json:"-"`
	OutsideIP      string `yaml:"outsideIp,omitempty"`
	Status         string `yaml:"status,omitempty" jsonschema:"enum=UP,enum=DOWN"`
	AcceptedRoutes int    `yaml:"acceptedRoutes,omitempty"`
}

// DXGatewayDoc is a Direct Connect gateway.
type DXGatewayDoc struct {
	Common       `yaml:",inline"`
	ASN          int64        `yaml:"asn,omitempty"`
	State        string       `yaml:"state,omitempty"`
	Associations []DXAssocDoc `yaml:"associations,omitempty"`
}

// DXAssocDoc associates a DX gateway with a VGW or TGW.
type DXAssocDoc struct {
	Pos             `yaml:"-" json:"-"`
	Gateway         string   `yaml:"gateway"`
	GatewayRegion   string   `yaml:"gatewayRegion,omitempty"`
	GatewayAccount  string   `yaml:"gatewayAccount,omitempty"`
	AllowedPrefixes []string `yaml:"allowedPrefixes,omitempty"`
	State           string   `yaml:"state,omitempty"`
}

// VIFDoc is a Direct Connect virtual interface.
type VIFDoc struct {
	Common          `yaml:",inline"`
	Type            string   `yaml:"type" jsonschema:"enum=private,enum=transit,enum=public"`
	VPNGateway      string   `yaml:"vpnGateway,omitempty"`
	DXGateway       string   `yaml:"dxGateway,omitempty"`
	State           string   `yaml:"state,omitempty"`
	ASN             int64    `yaml:"asn,omitempty"`
	CustomerAddress string   `yaml:"customerAddress,omitempty"`
	AmazonAddress   string   `yaml:"amazonAddress,omitempty"`
	RoutePrefixes   []string `yaml:"routePrefixes,omitempty"`
}

// LoadBalancerDoc is an ALB, NLB or GWLB: subnets, or nodes with addresses.
type LoadBalancerDoc struct {
	Common         `yaml:",inline"`
	Type           string            `yaml:"type" jsonschema:"enum=application,enum=network,enum=gateway"`
	Scheme         string            `yaml:"scheme,omitempty" jsonschema:"enum=internet-facing,enum=internal"`
	VPC            string            `yaml:"vpc,omitempty"`
	Subnets        []string          `yaml:"subnets,omitempty"`
	Nodes          []InterfaceDoc    `yaml:"nodes,omitempty"`
	SecurityGroups []string          `yaml:"securityGroups,omitempty"`
	DNSName        string            `yaml:"dnsName,omitempty"`
	Listeners      []ListenerDoc     `yaml:"listeners,omitempty"`
	Attributes     map[string]string `yaml:"attributes,omitempty"`
	State          string            `yaml:"state,omitempty"`
}

// ListenerDoc is a load balancer listener.
type ListenerDoc struct {
	Pos          `yaml:"-" json:"-"`
	Port         int      `yaml:"port"`
	Protocol     string   `yaml:"protocol" jsonschema:"enum=HTTP,enum=HTTPS,enum=TCP,enum=UDP,enum=TLS,enum=TCP_UDP,enum=GENEVE"`
	TargetGroups []string `yaml:"targetGroups,omitempty"`
}

// TargetGroupDoc is a load balancer target group.
type TargetGroupDoc struct {
	Common           `yaml:",inline"`
	Protocol         string            `yaml:"protocol,omitempty"`
	Port             int               `yaml:"port,omitempty"`
	TargetType       string            `yaml:"targetType,omitempty" jsonschema:"enum=instance,enum=ip,enum=lambda,enum=alb"`
	VPC              string            `yaml:"vpc,omitempty"`
	LoadBalancers    []string          `yaml:"loadBalancers,omitempty"`
	Targets          []TargetDoc       `yaml:"targets,omitempty"`
	PreserveClientIP *bool             `yaml:"preserveClientIp,omitempty"`
	ProxyProtocolV2  bool              `yaml:"proxyProtocolV2,omitempty"`
	Attributes       map[string]string `yaml:"attributes,omitempty"`
}

// TargetDoc is a registered target: an instance, an IP, a function or an ALB.
type TargetDoc struct {
	Pos    `yaml:"-" json:"-"`
	ID     string `yaml:"id"`
	Port   int    `yaml:"port,omitempty"`
	AZ     string `yaml:"az,omitempty"`
	Health string `yaml:"health,omitempty"`
}

// LambdaDoc is a Lambda function; subnets attach it to a VPC (Hyperplane ENIs, R8.1).
type LambdaDoc struct {
	Common                  `yaml:",inline"`
	Runtime                 string   `yaml:"runtime,omitempty"`
	VPC                     string   `yaml:"vpc,omitempty"`
	Subnets                 []string `yaml:"subnets,omitempty"`
	SecurityGroups          []string `yaml:"securityGroups,omitempty"`
	IPv6AllowedForDualStack bool     `yaml:"ipv6AllowedForDualStack,omitempty"`
	Policy                  string   `yaml:"policy,omitempty"`
	// QualifierPolicies are the resource policies of its aliases and
	// versions, by qualifier ("live", "3"): each has its own (R11.6).
	QualifierPolicies map[string]string `yaml:"qualifierPolicies,omitempty"`
	// Addresses of its Hyperplane ENIs, when known.
	Interfaces []InterfaceDoc `yaml:"interfaces,omitempty"`
	// URL is the function's function URL (R11.7).
	URL *FunctionURLDoc `yaml:"url,omitempty"`
}

// FunctionURLDoc is a Lambda function URL.
type FunctionURLDoc struct {
	AuthType  string `yaml:"authType" jsonschema:"enum=NONE,enum=AWS_IAM"`
	Qualifier string `yaml:"qualifier,omitempty"`
}

// RestAPIDoc is an API Gateway REST API (id: the API ID, e.g. a1b2c3d4e5).
type RestAPIDoc struct {
	Common       `yaml:",inline"`
	EndpointType string `yaml:"endpointType,omitempty" jsonschema:"enum=EDGE,enum=REGIONAL,enum=PRIVATE"`
	// STRICT or BASIC (an enhanced security policy's endpoint access mode, R9.19).
	EndpointAccessMode        string           `yaml:"endpointAccessMode,omitempty" jsonschema:"enum=STRICT,enum=BASIC"`
	VPCEndpoints              []string         `yaml:"vpcEndpoints,omitempty"`
	Policy                    string           `yaml:"policy,omitempty"`
	DisableExecuteAPIEndpoint bool             `yaml:"disableExecuteApiEndpoint,omitempty"`
	Stages                    []string         `yaml:"stages,omitempty"`
	Integrations              []IntegrationDoc `yaml:"integrations,omitempty"`
	Authorizers               []AuthorizerDoc  `yaml:"authorizers,omitempty"`
	// APIKeySource is where API keys come from: HEADER (x-api-key) or AUTHORIZER (R9.14).
	APIKeySource string `yaml:"apiKeySource,omitempty" jsonschema:"enum=HEADER,enum=AUTHORIZER"`
	// StageVariables are each stage's variables, by stage name.
	StageVariables map[string]map[string]string `yaml:"stageVariables,omitempty"`
	// MethodsListed says the integrations list every method of the API, so
	// a path with none answers 403 with certainty (R9.15).
	MethodsListed bool `yaml:"methodsListed,omitempty"`
}

// AuthorizerDoc is an API Gateway authorizer (R9.17): a Lambda authorizer
// (TOKEN, REQUEST), a Cognito user pool one, or (HTTP APIs) a JWT one.
type AuthorizerDoc struct {
	Pos            `yaml:"-" json:"-"`
	ID             string   `yaml:"id"`
	Name           string   `yaml:"name,omitempty"`
	Type           string   `yaml:"type" jsonschema:"enum=TOKEN,enum=REQUEST,enum=COGNITO_USER_POOLS,enum=JWT"`
	ProviderARNs   []string `yaml:"providerArns,omitempty"`
	URI            string   `yaml:"uri,omitempty"`
	IdentitySource string   `yaml:"identitySource,omitempty"`
	Issuer         string   `yaml:"issuer,omitempty"`
	Audience       []string `yaml:"audience,omitempty"`
}

// IntegrationDoc is how a method or route reaches its backend.
type IntegrationDoc struct {
	Pos            `yaml:"-" json:"-"`
	ID             string `yaml:"id,omitempty"`
	Type           string `yaml:"type" jsonschema:"enum=AWS_PROXY,enum=AWS,enum=HTTP,enum=HTTP_PROXY,enum=MOCK"`
	URI            string `yaml:"uri,omitempty"`
	ConnectionType string `yaml:"connectionType,omitempty" jsonschema:"enum=INTERNET,enum=VPC_LINK"`
	VPCLink        string `yaml:"vpcLink,omitempty"`
	Method         string `yaml:"method,omitempty"`
	Path           string `yaml:"path,omitempty"`
	// Authorization of the method (R9.17); authorizer names one of the API's authorizers.
	Authorization  string `yaml:"authorization,omitempty" jsonschema:"enum=NONE,enum=AWS_IAM,enum=CUSTOM,enum=COGNITO_USER_POOLS"`
	Authorizer     string `yaml:"authorizer,omitempty"`
	APIKeyRequired bool   `yaml:"apiKeyRequired,omitempty"`
}

// HTTPAPIDoc is an API Gateway HTTP API.
type HTTPAPIDoc struct {
	Common                    `yaml:",inline"`
	ProtocolType              string           `yaml:"protocolType,omitempty" jsonschema:"enum=HTTP,enum=WEBSOCKET"`
	Endpoint                  string           `yaml:"endpoint,omitempty"`
	DisableExecuteAPIEndpoint bool             `yaml:"disableExecuteApiEndpoint,omitempty"`
	Stages                    []string         `yaml:"stages,omitempty"`
	Routes                    []HTTPRouteDoc   `yaml:"routes,omitempty"`
	Integrations              []IntegrationDoc `yaml:"integrations,omitempty"`
	Authorizers               []AuthorizerDoc  `yaml:"authorizers,omitempty"`
	// StageVariables are each stage's variables, by stage name.
	StageVariables map[string]map[string]string `yaml:"stageVariables,omitempty"`
}

// HTTPRouteDoc is "GET /pets" -> integration.
type HTTPRouteDoc struct {
	Pos         `yaml:"-" json:"-"`
	Key         string `yaml:"key"`
	Integration string `yaml:"integration,omitempty"`
	// Authorization of the route (R9.17); authorizer names one of the API's authorizers.
	Authorization string `yaml:"authorization,omitempty" jsonschema:"enum=NONE,enum=AWS_IAM,enum=JWT,enum=CUSTOM"`
	Authorizer    string `yaml:"authorizer,omitempty"`
}

// VPCLinkDoc is an API Gateway VPC link (REST_V1: NLB targets; V2: ENIs in subnets).
type VPCLinkDoc struct {
	Common         `yaml:",inline"`
	Version        string   `yaml:"version,omitempty" jsonschema:"enum=REST_V1,enum=V2"`
	Targets        []string `yaml:"targets,omitempty"`
	Subnets        []string `yaml:"subnets,omitempty"`
	SecurityGroups []string `yaml:"securityGroups,omitempty"`
	Status         string   `yaml:"status,omitempty"`
}

// DomainNameDoc is an API Gateway custom domain name.
type DomainNameDoc struct {
	Common                 `yaml:",inline"`
	DomainName             string       `yaml:"domainName"`
	EndpointType           string       `yaml:"endpointType,omitempty" jsonschema:"enum=EDGE,enum=REGIONAL,enum=PRIVATE"`
	RegionalDomainName     string       `yaml:"regionalDomainName,omitempty"`
	DistributionDomainName string       `yaml:"distributionDomainName,omitempty"`
	Policy                 string       `yaml:"policy,omitempty"`
	Mappings               []MappingDoc `yaml:"mappings,omitempty"`
	AccessAssociations     []string     `yaml:"accessAssociations,omitempty"`
	// The domain requires client certificates (mutual TLS, R9.20).
	MutualTLS bool `yaml:"mutualTls,omitempty"`
}

// MappingDoc maps a base path to an API stage.
type MappingDoc struct {
	Pos      `yaml:"-" json:"-"`
	BasePath string `yaml:"basePath,omitempty"`
	API      string `yaml:"api"`
	Stage    string `yaml:"stage,omitempty"`
}

// HostedZoneDoc is a Route 53 hosted zone; record names may be relative to the zone ("@" = apex).
type HostedZoneDoc struct {
	Common  `yaml:",inline"`
	Zone    string      `yaml:"zone"`
	Private bool        `yaml:"private,omitempty"`
	VPCs    []string    `yaml:"vpcs,omitempty"`
	Records []RecordDoc `yaml:"records,omitempty"`
}

// RecordDoc is a record set: values, or an alias.
type RecordDoc struct {
	Pos           `yaml:"-" json:"-"`
	Name          string    `yaml:"name"`
	Type          string    `yaml:"type"`
	TTL           int64     `yaml:"ttl,omitempty"`
	Values        []string  `yaml:"values,omitempty"`
	Alias         *AliasDoc `yaml:"alias,omitempty"`
	SetIdentifier string    `yaml:"setIdentifier,omitempty"`
	Weight        *int64    `yaml:"weight,omitempty"`
}

// AliasDoc is a Route 53 alias target.
type AliasDoc struct {
	Pos                  `yaml:"-" json:"-"`
	DNSName              string `yaml:"dnsName"`
	HostedZoneID         string `yaml:"hostedZoneId,omitempty"`
	EvaluateTargetHealth bool   `yaml:"evaluateTargetHealth,omitempty"`
}

// ResolverEndpointDoc is a Route 53 Resolver endpoint.
type ResolverEndpointDoc struct {
	Common         `yaml:",inline"`
	Direction      string         `yaml:"direction" jsonschema:"enum=INBOUND,enum=OUTBOUND"`
	VPC            string         `yaml:"vpc,omitempty"`
	SecurityGroups []string       `yaml:"securityGroups,omitempty"`
	IPs            []InterfaceDoc `yaml:"ips,omitempty"`
	Protocols      []string       `yaml:"protocols,omitempty"`
	Status         string         `yaml:"status,omitempty"`
}

// ResolverRuleDoc is a Resolver rule; targets are "ip" or "ip:port".
type ResolverRuleDoc struct {
	Common           `yaml:",inline"`
	Domain           string   `yaml:"domain"`
	Type             string   `yaml:"type,omitempty" jsonschema:"enum=FORWARD,enum=SYSTEM,enum=RECURSIVE"`
	Targets          []string `yaml:"targets,omitempty"`
	OutboundEndpoint string   `yaml:"outboundEndpoint,omitempty"`
	VPCs             []string `yaml:"vpcs,omitempty"`
	OwnerID          string   `yaml:"ownerId,omitempty"`
	ShareStatus      string   `yaml:"shareStatus,omitempty"`
}

// SiteDoc is an on-premises network.
type SiteDoc struct {
	Common `yaml:",inline"`
	CIDRs  []string  `yaml:"cidrs"`
	Links  []LinkDoc `yaml:"links,omitempty"`
	// DNS servers of the site, by name (default: those that name this site).
	DNSServers     []string `yaml:"dnsServers,omitempty"`
	InternetAccess bool     `yaml:"internetAccess,omitempty"`
}

// LinkDoc says how a site connects: exactly one of vpn, vif and cgw.
type LinkDoc struct {
	Pos `yaml:"-" json:"-"`
	VPN string `yaml:"vpn,omitempty"`
	VIF string `yaml:"vif,omitempty"`
	CGW string `yaml:"cgw,omitempty"`
	// Prefixes advertised over this link; default: the site's CIDRs.
	Advertises []string `yaml:"advertises,omitempty"`
}

// DNSServerDoc is an on-premises DNS server.
type DNSServerDoc struct {
	Common     `yaml:",inline"`
	Site       string         `yaml:"site"`
	IP         string         `yaml:"ip"`
	Zones      []ZoneDoc      `yaml:"zones,omitempty"`
	Forwarders []ForwarderDoc `yaml:"forwarders,omitempty"`
	// Whether it resolves public names itself; default true.
	Recursion *bool `yaml:"recursion,omitempty"`
}

// ZoneDoc is an authoritative zone as zone-file text.
type ZoneDoc struct {
	Pos    `yaml:"-" json:"-"`
	Origin string `yaml:"origin"`
	Text   string `yaml:"text"`
}

// ForwarderDoc is a conditional forwarder.
type ForwarderDoc struct {
	Pos     `yaml:"-" json:"-"`
	Domain  string   `yaml:"domain"`
	Targets []string `yaml:"targets"`
	Port    int      `yaml:"port,omitempty"`
}

// ClientDoc is a named host that asks questions.
type ClientDoc struct {
	Common `yaml:",inline"`
	// A site, subnet, network interface or instance (id or name), or "internet".
	Location  string `yaml:"location"`
	IP        string `yaml:"ip,omitempty"`
	DNSServer string `yaml:"dnsServer,omitempty"`
	// Source ports the client uses (R2.12); default by location.
	EphemeralPorts Ports `yaml:"ephemeralPorts,omitempty"`
}

// IntentDoc is an expected answer, checked by netverify check.
type IntentDoc struct {
	Pos   `yaml:"-" json:"-"`
	Kind  string `yaml:"kind" jsonschema:"enum=can-reach,enum=cannot-reach,enum=resolves-to,enum=only-ports"`
	From  string `yaml:"from"`
	To    string `yaml:"to,omitempty"`
	Proto string `yaml:"proto,omitempty"`
	Port  int    `yaml:"port,omitempty"`
	// The DNS name (resolves-to).
	Name string `yaml:"name,omitempty"`
	// resolves-to: the addresses; only-ports: "tcp/443" entries.
	Expect []string `yaml:"expect,omitempty"`
	Via    []string `yaml:"via,omitempty"`
	// can-reach: [none] forbids any stated condition (a signature, a token,
	// an API key...); other entries must each appear in one (R9.17).
	Conditions []string `yaml:"conditions,omitempty"`
	// The docs/RULES.md scenario (S1...) and rules (R7.12...) it checks.
	Scenario string   `yaml:"scenario,omitempty"`
	Rules    []string `yaml:"rules,omitempty"`
	Note     string   `yaml:"note,omitempty"`
}

// ApplianceDoc declares an appliance's own policy, which no AWS API shows
// (R1.20): whether it forwards, whether it translates the source, and which
// interface it sends from. Exactly one of instance, networkInterface and
// loadBalancer is given.
type ApplianceDoc struct {
	Pos `yaml:"-" json:"-"`
	// An instance (id, name or Name tag) that forwards traffic.
	Instance string `yaml:"instance,omitempty"`
	// A network interface that forwards traffic.
	NetworkInterface string `yaml:"networkInterface,omitempty"`
	// A Gateway Load Balancer: what all its target appliances do (R1.22).
	LoadBalancer string `yaml:"loadBalancer,omitempty"`
	// Default true; false: the appliance drops what is routed through it.
	Forward *bool `yaml:"forward,omitempty"`
	// masquerade: the source becomes the egress interface's address and
	// responses are translated back; none: addresses are kept. Default: none,
	// except for the NAT-instance pattern (R3.20).
	NAT string `yaml:"nat,omitempty" jsonschema:"enum=masquerade,enum=none"`
	// The network interface it sends from (id or name), or by-route (the one
	// whose subnet's route table leads to the destination, the default).
	Egress string `yaml:"egress,omitempty"`
}

// BPADoc is the VPC Block Public Access mode of an account in a Region
// (R3.50). Without account or region, the defaults apply.
type BPADoc struct {
	Pos     `yaml:"-" json:"-"`
	Account string `yaml:"account,omitempty"`
	Region  string `yaml:"region,omitempty"`
	// block-bidirectional: nothing passes internet or egress-only gateways;
	// block-ingress: nothing comes in from the internet, and only NAT
	// gateways and egress-only gateways open connections out (R3.51).
	Mode string `yaml:"mode" jsonschema:"enum=off,enum=block-bidirectional,enum=block-ingress"`
}

// BPAExclusionDoc exempts a VPC or a subnet (exactly one) from the Block
// Public Access mode (R3.52).
type BPAExclusionDoc struct {
	Pos     `yaml:"-" json:"-"`
	ID      string `yaml:"id,omitempty"`
	Account string `yaml:"account,omitempty"`
	Region  string `yaml:"region,omitempty"`
	// A VPC (id or name).
	VPC string `yaml:"vpc,omitempty"`
	// A subnet (id or name).
	Subnet string `yaml:"subnet,omitempty"`
	// allow-bidirectional: all internet traffic passes; allow-egress: only
	// outbound connections (and their responses).
	Mode string `yaml:"mode" jsonschema:"enum=allow-bidirectional,enum=allow-egress"`
}

// NetworkFirewallDoc is an AWS Network Firewall (R7.40): its VPC, policy and
// one endpoint per Availability Zone, which routes name as targets; or a
// transit-gateway-attached firewall (R7.47): its transit gateway and the
// attachment transit gateway routes name.
type NetworkFirewallDoc struct {
	Common `yaml:",inline"`
	VPC    string `yaml:"vpc,omitempty"`
	// The firewall policy (id or name).
	Policy    string           `yaml:"policy"`
	Endpoints []NFWEndpointDoc `yaml:"endpoints,omitempty"`
	// A transit-gateway-attached firewall: the transit gateway (id or name).
	TransitGateway string `yaml:"transitGateway,omitempty"`
	// Its attachment (id or name of a transitGatewayAttachments entry of type network-function).
	TransitGatewayAttachment string `yaml:"transitGatewayAttachment,omitempty"`
}

// NFWEndpointDoc is a firewall endpoint: its vpce- ID and its subnet.
type NFWEndpointDoc struct {
	Pos    `yaml:"-" json:"-"`
	ID     string `yaml:"id"`
	Subnet string `yaml:"subnet"`
	AZ     string `yaml:"az,omitempty"`
}

// NFWPolicyDoc is a firewall policy (R7.41, R7.42).
type NFWPolicyDoc struct {
	Common `yaml:",inline"`
	// What the stateless engine does with a packet no stateless rule
	// matches; default forward_to_sfe.
	StatelessDefault string `yaml:"statelessDefault,omitempty" jsonschema:"enum=pass,enum=drop,enum=forward_to_sfe"`
	// strict or default (the action order of the stateful engine).
	StatefulOrder string `yaml:"statefulOrder,omitempty" jsonschema:"enum=strict,enum=default"`
	// Strict order: drop_strict, drop_established, alert_strict, alert_established.
	StatefulDefaults    []string `yaml:"statefulDefaults,omitempty"`
	StatelessRuleGroups []string `yaml:"statelessRuleGroups,omitempty"`
	StatefulRuleGroups  []string `yaml:"statefulRuleGroups,omitempty"`
}

// NFWRuleGroupDoc is a stateless or stateful rule group: 5-tuple rules,
// Suricata rules of the common subset (R7.44) or a domain list (R7.45).
type NFWRuleGroupDoc struct {
	Common `yaml:",inline"`
	// stateless or stateful.
	Type  string       `yaml:"type" jsonschema:"enum=stateless,enum=stateful"`
	Rules []NFWRuleDoc `yaml:"rules,omitempty"`
	// Suricata-compatible rules, one per string.
	Suricata []string `yaml:"suricata,omitempty"`
	// Rule variables ($HOME_NET, ...) the Suricata rules use: name -> CIDRs.
	Variables map[string][]string `yaml:"variables,omitempty"`
	// A domain list matched on the HTTP Host header and the TLS SNI.
	Domains *NFWDomainsDoc `yaml:"domains,omitempty"`
}

// NFWRuleDoc is a 5-tuple rule.
type NFWRuleDoc struct {
	Pos `yaml:"-" json:"-"`
	// Stateless: pass, drop, forward_to_sfe; stateful: pass, drop, reject, alert.
	Action string `yaml:"action"`
	// Stateless rules only: lower first.
	Priority int `yaml:"priority,omitempty"`
	// tcp, udp, icmp or all (the default).
	Proto        string   `yaml:"proto,omitempty"`
	Sources      []string `yaml:"sources,omitempty"`
	Destinations []string `yaml:"destinations,omitempty"`
	SourcePorts  []Ports  `yaml:"sourcePorts,omitempty"`
	Ports        []Ports  `yaml:"ports,omitempty"`
	// Stateful only: the rule matches both directions.
	Bidirectional bool   `yaml:"bidirectional,omitempty"`
	SID           string `yaml:"sid,omitempty"`
}

// NFWDomainsDoc is a domain list rule group.
type NFWDomainsDoc struct {
	Pos     `yaml:"-" json:"-"`
	Targets []string `yaml:"targets"`
	// allowlist or denylist.
	Type string `yaml:"type" jsonschema:"enum=allowlist,enum=denylist"`
}
