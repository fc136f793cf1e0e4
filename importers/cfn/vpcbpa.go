package cfn

import "github.com/netverify/netverify/model"

// VPC Block Public Access (AWS::EC2::VPCBlockPublicAccessOptions and
// AWS::EC2::VPCBlockPublicAccessExclusion), R3.50-R3.52. This file's init
// runs after ec2.go's, which makes the converter table.
func init() {
	converters["AWS::EC2::VPCBlockPublicAccessOptions"] = converter{0, bpaOptions}
	converters["AWS::EC2::VPCBlockPublicAccessExclusion"] = converter{1, bpaExclusion}
}

// bpaOptions: the mode applies to the account and Region the stack is
// deployed in (any, when the template does not say).
func bpaOptions(imp *importer, r *resource, p props) {
	imp.snap.BlockPublicAccess = append(imp.snap.BlockPublicAccess, &model.BlockPublicAccess{Account: r.account, Region: r.region,
		Mode: model.BPAMode(p.str("InternetGatewayBlockMode")), Source: imp.srcOf(r)})
}

func bpaExclusion(imp *importer, r *resource, p props) {
	x := &model.BPAExclusion{ID: r.Logical, Account: r.account, Region: r.region, VPC: p.str("VpcId"), Subnet: p.str("SubnetId"),
		Mode: model.BPAExclusionMode(p.str("InternetGatewayExclusionMode")), Source: imp.srcOf(r)}
	if x.Subnet != "" {
		x.VPC = "" // exactly one of the two; the subnet is the narrower
	}
	imp.snap.BPAExclusions = append(imp.snap.BPAExclusions, x)
}
