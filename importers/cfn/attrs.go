package cfn

import (
	"fmt"
	"strings"

	"github.com/netverify/netverify/model"
)

// propsOf returns the evaluated properties of r (evaluated once).
func (e *evaluator) propsOf(r *resource) *Value {
	if r.props == nil {
		r.props = NewMap()
		r.props = e.eval(r.Raw)
		if r.props.Kind != KMap {
			r.props = NewMap()
		}
	}
	return r.props
}

// prop returns one evaluated property, or an unknown value naming it.
func (e *evaluator) prop(r *resource, key string) *Value {
	if v := e.propsOf(r).Get(key); v != nil {
		return v
	}
	return Unknown("%s has no %s property", r.Logical, key)
}

func deployed(r *resource, attr string) *Value {
	return Unknown("%s.%s is known only after deployment", r.Logical, attr)
}

// attribute resolves Fn::GetAtt for the attributes the network model needs;
// others are unknown values that say so.
func (e *evaluator) attribute(r *resource, attr string) *Value {
	id := r.physicalID()
	if f, ok := attrTable[r.Type]; ok {
		if v := f(e, r, id, attr); v != nil {
			return v
		}
	}
	switch attr {
	case "Id", "GroupId", "SubnetId", "VpcId", "RouteTableId", "NatGatewayId", "AllocationId", "PrefixListId",
		"TransitGatewayId", "ResolverEndpointId", "ResolverRuleId", "RestApiId", "ApiId", "VpcLinkId", "InternetGatewayId",
		"NetworkAclId", "InstanceId", "ServiceId", "VPCEndpointId", "ResolverEndpointIpAddresses":
		if attr == "VpcId" {
			if v := e.propsOf(r).Get("VpcId"); v != nil {
				return v
			}
		}
		if attr != "ResolverEndpointIpAddresses" {
			return Str(id)
		}
	case "Arn":
		return Str(fmt.Sprintf("arn:aws:%s:%s:%s:%s", serviceOf(r.Type), r.region, r.account, id))
	}
	return deployed(r, attr)
}

func serviceOf(typ string) string {
	parts := strings.Split(typ, "::")
	if len(parts) < 2 {
		return "unknown"
	}
	return strings.ToLower(parts[1])
}

type attrFunc func(e *evaluator, r *resource, id, attr string) *Value

var attrTable map[string]attrFunc

func init() { attrTable = attrFuncs() }

func attrFuncs() map[string]attrFunc {
	return map[string]attrFunc{
		"AWS::EC2::VPC": func(e *evaluator, r *resource, id, attr string) *Value {
			switch attr {
			case "CidrBlock":
				return e.prop(r, "CidrBlock")
			case "DefaultSecurityGroup":
				return Str(model.DefaultSGID(id)) // the group Derive creates
			case "DefaultNetworkAcl":
				return Str(model.DefaultNACLID(id))
			case "CidrBlockAssociations":
				return List(Str("vpc-cidr-assoc-0" + r.hash("cidr", 16)))
			}
			return nil
		},
		"AWS::EC2::Subnet": func(e *evaluator, r *resource, id, attr string) *Value {
			switch attr {
			case "AvailabilityZone", "CidrBlock", "VpcId":
				return e.prop(r, attr)
			}
			return nil
		},
		"AWS::EC2::SecurityGroup": func(e *evaluator, r *resource, id, attr string) *Value {
			if attr == "GroupName" {
				if n := e.propsOf(r).Get("GroupName"); n != nil {
					return n
				}
				return Str(r.physicalName(255))
			}
			return nil
		},
		"AWS::EC2::EIP": func(e *evaluator, r *resource, id, attr string) *Value {
			switch attr {
			case "AllocationId":
				return Str("eipalloc-0" + r.hash("alloc", 16))
			case "PublicIp":
				return Str(id)
			}
			return nil
		},
		"AWS::EC2::Instance": func(e *evaluator, r *resource, id, attr string) *Value {
			switch attr {
			case "PrivateIp":
				if v := e.propsOf(r).Get("PrivateIpAddress"); v != nil {
					return v
				}
			case "AvailabilityZone":
				return e.prop(r, "AvailabilityZone")
			}
			return nil
		},
		"AWS::EC2::NetworkInterface": func(e *evaluator, r *resource, id, attr string) *Value {
			if attr == "PrimaryPrivateIpAddress" {
				if v := e.propsOf(r).Get("PrivateIpAddress"); v != nil {
					return v
				}
			}
			return nil
		},
		"AWS::EC2::VPCEndpoint": func(e *evaluator, r *resource, id, attr string) *Value {
			if attr == "DnsEntries" {
				return List(Str("Z7HUB22UULQXV:" + endpointDNSName(e, r, id)))
			}
			return nil
		},
		"AWS::EC2::VPCEndpointService": func(e *evaluator, r *resource, id, attr string) *Value {
			if attr == "ServiceName" {
				return Str("com.amazonaws.vpce." + r.region + "." + id)
			}
			return nil
		},
		"AWS::EC2::PrefixList": func(e *evaluator, r *resource, id, attr string) *Value {
			if attr == "Arn" {
				return Str(fmt.Sprintf("arn:aws:ec2:%s:%s:prefix-list/%s", r.region, r.account, id))
			}
			return nil
		},
		"AWS::ElasticLoadBalancingV2::LoadBalancer": func(e *evaluator, r *resource, id, attr string) *Value {
			switch attr {
			case "DNSName":
				return Str(lbDNSName(e, r))
			case "LoadBalancerName":
				return Str(r.elbName())
			case "LoadBalancerFullName":
				return Str(strings.SplitN(id, ":loadbalancer/", 2)[1])
			case "LoadBalancerArn":
				return Str(id)
			case "SecurityGroups":
				return e.prop(r, "SecurityGroups")
			}
			return nil
		},
		"AWS::ElasticLoadBalancingV2::TargetGroup": func(e *evaluator, r *resource, id, attr string) *Value {
			switch attr {
			case "TargetGroupArn":
				return Str(id)
			case "TargetGroupName":
				return Str(r.elbName())
			case "TargetGroupFullName":
				return Str(strings.SplitN(id, ":", 6)[5])
			}
			return nil
		},
		"AWS::ElasticLoadBalancingV2::Listener": func(e *evaluator, r *resource, id, attr string) *Value {
			if attr == "ListenerArn" {
				return Str(id)
			}
			return nil
		},
		"AWS::Lambda::Function":     lambdaAttr,
		"AWS::Serverless::Function": lambdaAttr,
		"AWS::ApiGateway::RestApi":  restAPIAttr,
		"AWS::Serverless::Api":      restAPIAttr,
		"AWS::ApiGatewayV2::Api":    httpAPIAttr,
		"AWS::Serverless::HttpApi":  httpAPIAttr,
		"AWS::ApiGateway::DomainName": func(e *evaluator, r *resource, id, attr string) *Value {
			switch attr {
			case "RegionalDomainName":
				return Str("d-" + r.alnum("regional", 10, false) + ".execute-api." + r.region + ".amazonaws.com")
			case "DistributionDomainName":
				return Str(r.alnum("cf", 14, false) + ".cloudfront.net")
			case "RegionalHostedZoneId":
				return Str("Z1UJRXOUMOOFQ8")
			case "DistributionHostedZoneId":
				return Str("Z2FDTNDATAQYW2")
			}
			return nil
		},
		"AWS::Route53::HostedZone": func(e *evaluator, r *resource, id, attr string) *Value {
			if attr == "Id" {
				return Str(id)
			}
			return nil
		},
		"AWS::Route53Resolver::ResolverRule": func(e *evaluator, r *resource, id, attr string) *Value {
			switch attr {
			case "DomainName", "TargetIps":
				return e.prop(r, attr)
			}
			return nil
		},
	}
}

func lambdaAttr(e *evaluator, r *resource, id, attr string) *Value {
	if attr == "Arn" {
		return Str(fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", r.region, r.account, id))
	}
	return nil
}

func restAPIAttr(e *evaluator, r *resource, id, attr string) *Value {
	if attr == "RootResourceId" {
		return Str(r.alnum("root", 10, false))
	}
	return nil
}

func httpAPIAttr(e *evaluator, r *resource, id, attr string) *Value {
	if attr == "ApiEndpoint" {
		return Str("https://" + id + ".execute-api." + r.region + ".amazonaws.com")
	}
	return nil
}

// endpointDNSName is the endpoint-specific regional name AWS creates (R7.11).
func endpointDNSName(e *evaluator, r *resource, id string) string {
	svc, _ := e.scalar(e.prop(r, "ServiceName"))
	suffix := svc
	if i := strings.LastIndex(svc, "."); i >= 0 {
		suffix = svc[i+1:]
	}
	return fmt.Sprintf("%s-%s.%s.%s.vpce.amazonaws.com", id, r.alnum("dns", 8, false), suffix, r.region)
}

func lbDNSName(e *evaluator, r *resource) string {
	prefix := ""
	if s, _ := e.scalar(e.propsOf(r).Get("Scheme")); s == "internal" {
		prefix = "internal-"
	}
	return fmt.Sprintf("%s%s-%s.%s.elb.amazonaws.com", prefix, r.elbName(), r.hash("dns", 10), r.region)
}
