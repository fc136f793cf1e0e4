package reach

import "fmt"

// HopKind says what kind of component a hop happened at. Renderers (viz,
// scan's "via" column, diagrams) switch on it; its String is the word the
// CLI prints and the JSON carries ("security-group", "route-table", ...).
type HopKind uint8

const (
	HopSecurityGroup HopKind = iota + 1
	HopNetworkACL
	HopRouteTable
	HopSubnet
	HopENI
	HopMiddlebox
	HopIGW
	HopEIGW
	HopNATGateway
	HopPeering
	HopVGW
	HopOnPrem
	HopVPCEndpoint
	HopAWSService
	HopInternet
	HopInternetHost
	HopResolver
	HopLoadBalancer
	HopTGWAttachment
	HopTGWRouteTable
	HopTGWPeering
	HopDrop
)

var hopKindNames = [...]string{"", "security-group", "network-acl", "route-table", "subnet", "eni", "middlebox",
	"igw", "eigw", "nat-gateway", "peering", "vgw", "onprem", "vpc-endpoint", "aws-service", "internet",
	"internet-host", "resolver", "load-balancer", "tgw-attachment", "tgw-route-table", "tgw-peering", "drop"}

func (k HopKind) String() string {
	if int(k) < len(hopKindNames) && k != 0 {
		return hopKindNames[k]
	}
	return fmt.Sprintf("HopKind(%d)", uint8(k))
}

// MarshalText writes the kind's word.
func (k HopKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads the kind's word back (JSON answers read by tests and scripts).
func (k *HopKind) UnmarshalText(b []byte) error {
	for i, s := range hopKindNames {
		if i > 0 && s == string(b) {
			*k = HopKind(i)
			return nil
		}
	}
	return fmt.Errorf("unknown hop kind %q", b)
}

// IsGateway reports whether hops of this kind name the way a path takes
// ("via igw-1"): the only hops a quiet walk records.
func (k HopKind) IsGateway() bool {
	switch k {
	case HopIGW, HopNATGateway, HopPeering, HopTGWAttachment, HopVGW, HopVPCEndpoint, HopLoadBalancer, HopEIGW, HopTGWPeering:
		return true
	}
	return false
}

// Action is what a component did with the packet.
type Action uint8

const (
	ActAllow Action = iota + 1
	ActDeny
	ActForward
	ActTranslate
	ActDeliver
	ActDrop
	ActSend
)

var actionNames = [...]string{"", "allow", "deny", "forward", "translate", "deliver", "drop", "send"}

func (a Action) String() string {
	if int(a) < len(actionNames) && a != 0 {
		return actionNames[a]
	}
	return fmt.Sprintf("Action(%d)", uint8(a))
}

// MarshalText writes the action's word.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// UnmarshalText reads the action's word back.
func (a *Action) UnmarshalText(b []byte) error {
	for i, s := range actionNames {
		if i > 0 && s == string(b) {
			*a = Action(i)
			return nil
		}
	}
	return fmt.Errorf("unknown hop action %q", b)
}

// Stops reports whether the packet goes no further at a hop with this action.
func (a Action) Stops() bool { return a == ActDeny || a == ActDrop }

// Direction is the leg of a connection: the request or its response (R0.4).
type Direction uint8

const (
	DirForward Direction = iota + 1
	DirReturn
)

func (d Direction) String() string {
	switch d {
	case DirForward:
		return "forward"
	case DirReturn:
		return "return"
	}
	return ""
}

// MarshalText writes "forward" or "return".
func (d Direction) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads "forward" or "return".
func (d *Direction) UnmarshalText(b []byte) error {
	switch string(b) {
	case "forward":
		*d = DirForward
	case "return":
		*d = DirReturn
	case "":
		*d = 0
	default:
		return fmt.Errorf("unknown direction %q", b)
	}
	return nil
}

// Code is an explanation code. The names are AWS Reachability Analyzer's
// where one fits (explanation-codes.csv of the design documents); the JSON
// carries the name.
type Code string

// The explanation codes the walk gives.
const (
	CodeNgwRequiresSourceInVpc                  Code = "NGW_REQUIRES_SOURCE_IN_VPC"
	CodeUnknownResource                         Code = "UNKNOWN_RESOURCE"
	CodeNoPath                                  Code = "NO_PATH"
	CodeNoPossibleDestination                   Code = "NO_POSSIBLE_DESTINATION"
	CodeNoRouteToDestination                    Code = "NO_ROUTE_TO_DESTINATION"
	CodeNoSourceOrDestination                   Code = "NO_SOURCE_OR_DESTINATION"
	CodeBadState                                Code = "BAD_STATE"
	CodeBadStateRoute                           Code = "BAD_STATE_ROUTE"
	CodeProtocolRestriction                     Code = "PROTOCOL_RESTRICTION"
	CodeEniSgRulesMismatch                      Code = "ENI_SG_RULES_MISMATCH"
	CodeSgReferencesNotPreserved                Code = "SG_REFERENCES_NOT_PRESERVED"
	CodeSubnetAclRestriction                    Code = "SUBNET_ACL_RESTRICTION"
	CodeEniSourceDestCheckRestriction           Code = "ENI_SOURCE_DEST_CHECK_RESTRICTION"
	CodeIgwDestinationAddressNotInRfc1918Egress Code = "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS"
	CodeIgwPublicIpAssociationForEgress         Code = "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"
	CodeIgwPrivateIpAssociationForIngress       Code = "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"
	CodeIgwSourceAddressNotInRfc1918Ingress     Code = "IGW_SOURCE_ADDRESS_NOT_IN_RFC1918_INGRESS"
	CodePcxRequiresAddressInVpcCidr             Code = "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"
	CodeVgwPrivateIpAssociationForIngress       Code = "VGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"
	CodeVpceGatewayProtocolRestriction          Code = "VPCE_GATEWAY_PROTOCOL_RESTRICTION"
	CodeTgwRouteAzRestriction                   Code = "TGW_ROUTE_AZ_RESTRICTION"
	CodeTgwAttachMissingTgwRtbAssociation       Code = "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION"
	CodeTgwRtbCannotRoute                       Code = "TGW_RTB_CANNOT_ROUTE"
	CodeTgwRtbBadStateRoute                     Code = "TGW_RTB_BAD_STATE_ROUTE"
	CodeElbv2ListenerHasNoTg                    Code = "ELBV2_LISTENER_HAS_NO_TG"
	CodeElbv2ListenersMismatch                  Code = "ELBV2_LISTENERS_MISMATCH"
	// CodeAppliancePolicy: what an appliance forwards is its own policy, and
	// the input does not declare it (R1.20); the answer is unknown.
	CodeAppliancePolicy Code = "APPLIANCE_POLICY_UNKNOWN"
	// CodeApplianceDrops: a declaration says the appliance does not forward (R1.20).
	CodeApplianceDrops Code = "APPLIANCE_DOES_NOT_FORWARD"
	// CodeVpnEndpointProtocol: a VPN tunnel's outside address answers only
	// IPsec and ICMP (R6.20).
	CodeVpnEndpointProtocol Code = "VPN_TUNNEL_ENDPOINT_PROTOCOL_RESTRICTION"
)

func (c Code) String() string { return string(c) }

// IsUnknown reports whether the code says the input lacks what a verdict needs.
func (c Code) IsUnknown() bool {
	return c == CodeUnknownResource || c == CodeAppliancePolicy || c == CodeNetworkFirewallUnknown
}
