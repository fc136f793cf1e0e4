package model

// VPCOf returns the VPC a resource lives in, or "" for regional and global
// resources (gateways attached to several VPCs, TGWs, DNS zones, sites).
func VPCOf(r Resource) string {
	switch x := r.(type) {
	case *VPC:
		return x.ID
	case *Subnet:
		return x.VPC
	case *RouteTable:
		return x.VPC
	case *NetworkACL:
		return x.VPC
	case *SecurityGroup:
		return x.VPC
	case *ENI:
		return x.VPC
	case *Instance:
		return x.VPC
	case *EgressOnlyIGW:
		return x.VPC
	case *NATGateway:
		return x.VPC
	case *VPCEndpoint:
		return x.VPC
	case *LoadBalancer:
		return x.VPC
	case *TargetGroup:
		return x.VPC
	case *LambdaFunction:
		return x.VPC
	case *ResolverEndpoint:
		return x.VPC
	case *InternetGateway:
		if len(x.VPCs) == 1 {
			return x.VPCs[0]
		}
	case *VPNGateway:
		if len(x.VPCs) == 1 {
			return x.VPCs[0]
		}
	}
	return ""
}
