package cfn

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/netip"
	"strings"
)

// resource is one entry of the template's Resources section.
type resource struct {
	Logical   string
	Type      string
	Raw       *Value // the Properties mapping, not evaluated
	Def       *Value // the whole resource definition
	Line, Col int    // position of the logical ID
	Cond      string // Condition attribute
	stack     string
	region    string
	account   string
	props     *Value // evaluated Properties, cached
	implicit  bool   // created by the SAM transform (ServerlessRestApi, ...)
}

// hash returns n hex characters that depend only on the stack, logical ID and purpose.
func (r *resource) hash(purpose string, n int) string {
	h := sha256.Sum256([]byte(r.stack + "/" + r.Logical + "/" + purpose))
	return hex.EncodeToString(h[:])[:n]
}

// alnum returns n lowercase letters and digits derived from the hash (API IDs look like "a1b2c3d4e5").
func (r *resource) alnum(purpose string, n int, upper bool) string {
	h := sha256.Sum256([]byte(r.stack + "/" + r.Logical + "/" + purpose))
	const lower = "abcdefghijklmnopqrstuvwxyz0123456789"
	const up = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	set := lower
	if upper {
		set = up
	}
	b := make([]byte, n)
	for i := range b {
		b[i] = set[int(h[i%len(h)])%len(set)]
	}
	return string(b)
}

// idPrefixes gives the EC2-style prefix of each type's physical ID.
var idPrefixes = map[string]string{
	"AWS::EC2::VPC": "vpc", "AWS::EC2::Subnet": "subnet", "AWS::EC2::RouteTable": "rtb", "AWS::EC2::InternetGateway": "igw",
	"AWS::EC2::EgressOnlyInternetGateway": "eigw", "AWS::EC2::NatGateway": "nat", "AWS::EC2::SecurityGroup": "sg",
	"AWS::EC2::NetworkAcl": "acl", "AWS::EC2::VPCEndpoint": "vpce", "AWS::EC2::VPCEndpointService": "vpce-svc",
	"AWS::EC2::VPCPeeringConnection": "pcx", "AWS::EC2::TransitGateway": "tgw", "AWS::EC2::TransitGatewayAttachment": "tgw-attach",
	"AWS::EC2::TransitGatewayVpcAttachment": "tgw-attach", "AWS::EC2::TransitGatewayRouteTable": "tgw-rtb",
	"AWS::EC2::VPNGateway": "vgw", "AWS::EC2::CustomerGateway": "cgw", "AWS::EC2::VPNConnection": "vpn",
	"AWS::EC2::PrefixList": "pl", "AWS::EC2::Instance": "i", "AWS::EC2::NetworkInterface": "eni",
	"AWS::EC2::SubnetRouteTableAssociation": "rtbassoc", "AWS::EC2::GatewayRouteTableAssociation": "rtbassoc",
	"AWS::EC2::SubnetNetworkAclAssociation": "aclassoc", "AWS::EC2::SecurityGroupIngress": "sgr", "AWS::EC2::SecurityGroupEgress": "sgr",
	"AWS::EC2::VPCCidrBlock": "vpc-cidr-assoc", "AWS::EC2::DHCPOptions": "dopt", "AWS::EC2::EIPAssociation": "eipassoc",
	"AWS::Route53Resolver::ResolverRule": "rslvr-rr", "AWS::Route53Resolver::ResolverRuleAssociation": "rslvr-rrassoc",
	"AWS::EC2::TransitGatewayRouteTableAssociation": "tgw-rtb-assoc", "AWS::EC2::TransitGatewayRouteTablePropagation": "tgw-rtb-prop",
	"AWS::EC2::FlowLog": "fl", "AWS::EC2::NetworkInterfaceAttachment": "eni-attach",
}

// apiIDTypes have 10-character API Gateway style IDs.
var apiIDTypes = map[string]bool{
	"AWS::ApiGateway::RestApi": true, "AWS::Serverless::Api": true, "AWS::ApiGatewayV2::Api": true, "AWS::Serverless::HttpApi": true,
	"AWS::ApiGateway::VpcLink": true, "AWS::ApiGatewayV2::VpcLink": true, "AWS::ApiGateway::Deployment": true,
	"AWS::ApiGatewayV2::Integration": true, "AWS::ApiGatewayV2::Route": true, "AWS::ApiGateway::Resource": true,
	"AWS::ApiGatewayV2::Stage": true,
}

// physicalID is the deterministic placeholder for the ID AWS assigns at deployment.
func (r *resource) physicalID() string {
	if p, ok := idPrefixes[r.Type]; ok {
		return p + "-0" + r.hash("id", 16)
	}
	switch {
	case apiIDTypes[r.Type]:
		return r.alnum("id", 10, false)
	case r.Type == "AWS::Route53::HostedZone":
		return "Z" + r.alnum("id", 20, true)
	case r.Type == "AWS::Route53Resolver::ResolverEndpoint":
		dir := strings.ToLower(r.rawString("Direction"))
		if dir != "outbound" {
			dir = "inbound"
		}
		return "rslvr-" + dir[:len(dir)-5] + "-" + r.hash("id", 17)
	case r.Type == "AWS::Lambda::Function" || r.Type == "AWS::Serverless::Function":
		return r.functionName()
	case strings.HasPrefix(r.Type, "AWS::ElasticLoadBalancingV2::"):
		return r.elbARN()
	case r.Type == "AWS::EC2::EIP":
		return r.eipAddr().String()
	case r.Type == "AWS::ApiGateway::DomainName" || r.Type == "AWS::ApiGatewayV2::DomainName":
		if d := r.rawString("DomainName"); d != "" {
			return d
		}
	}
	return strings.ToLower(r.Logical) + "-" + r.hash("id", 12)
}

// rawString returns a literal string property (no intrinsics), or "".
func (r *resource) rawString(key string) string {
	if v := r.Raw.Get(key); v != nil && v.Kind == KString {
		return v.Str
	}
	if r.props != nil {
		if v := r.props.Get(key); v != nil && v.Kind == KString {
			return v.Str
		}
	}
	return ""
}

// physicalName is what CloudFormation names a resource without a name property: stack-Logical-RANDOM.
func (r *resource) physicalName(max int) string {
	n := r.stack + "-" + r.Logical
	if len(n) > max-13 {
		n = n[:max-13]
	}
	return n + "-" + r.alnum("name", 12, true)
}

func (r *resource) functionName() string {
	if n := r.rawString("FunctionName"); n != "" {
		return n
	}
	return r.physicalName(64)
}

func (r *resource) elbName() string {
	if n := r.rawString("Name"); n != "" {
		return n
	}
	n := strings.ToLower(r.Logical)
	if len(n) > 18 {
		n = n[:18]
	}
	return n + "-" + r.alnum("name", 12, false)
}

func (r *resource) elbARN() string {
	base := fmt.Sprintf("arn:aws:elasticloadbalancing:%s:%s:", r.region, r.account)
	switch r.Type {
	case "AWS::ElasticLoadBalancingV2::LoadBalancer":
		kind := "app"
		switch strings.ToLower(r.rawString("Type")) {
		case "network":
			kind = "net"
		case "gateway":
			kind = "gwy"
		}
		return base + "loadbalancer/" + kind + "/" + r.elbName() + "/" + r.hash("id", 16)
	case "AWS::ElasticLoadBalancingV2::TargetGroup":
		return base + "targetgroup/" + r.elbName() + "/" + r.hash("id", 16)
	case "AWS::ElasticLoadBalancingV2::Listener":
		return base + "listener/" + r.hash("lb", 16) + "/" + r.hash("id", 16)
	}
	return base + strings.ToLower(strings.TrimPrefix(r.Type, "AWS::ElasticLoadBalancingV2::")) + "/" + r.hash("id", 16)
}

// eipAddr is a placeholder public address from 198.18.0.0/15 (RFC 2544: never a real host).
func (r *resource) eipAddr() netip.Addr {
	h := sha256.Sum256([]byte(r.stack + "/" + r.Logical + "/eip"))
	return netip.AddrFrom4([4]byte{198, 18 + h[0]&1, h[1], 1 + h[2]%254})
}

// refValue is what Ref returns for the resource.
func (r *resource) refValue() *Value {
	return Str(r.physicalID())
}
