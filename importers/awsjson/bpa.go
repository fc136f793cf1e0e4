package awsjson

import (
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/ec2"

	"github.com/netverify/netverify/model"
)

// VPC Block Public Access (aws ec2 describe-vpc-block-public-access-options
// and -exclusions), R3.50-R3.52.

func bpaOptions(c *fileCtx, out *ec2.DescribeVpcBlockPublicAccessOptionsOutput, ps []pos) {
	o := out.VpcBlockPublicAccessOptions
	if o == nil {
		return
	}
	b := &model.BlockPublicAccess{Account: c.account, Region: c.region, Mode: model.BPAMode(o.InternetGatewayBlockMode), Source: c.src(at(ps, 0))}
	if a := str(o.AwsAccountId); a != "" {
		b.Account = a
	}
	if r := str(o.AwsRegion); r != "" {
		b.Region = r
	}
	if b.Mode == "" {
		b.Mode = model.BPAOff
	}
	c.part.BlockPublicAccess = append(c.part.BlockPublicAccess, b)
}

func bpaExclusions(c *fileCtx, out *ec2.DescribeVpcBlockPublicAccessExclusionsOutput, ps []pos) {
	for i, e := range out.VpcBlockPublicAccessExclusions {
		m := c.arnMeta(str(e.ExclusionId), str(e.ResourceArn), at(ps, i))
		x := &model.BPAExclusion{ID: m.ID, Account: m.Account, Region: m.Region, Mode: model.BPAExclusionMode(e.InternetGatewayExclusionMode),
			State: string(e.State), Source: m.Source}
		res := str(e.ResourceArn)
		res = res[strings.LastIndex(res, "/")+1:]
		switch {
		case strings.HasPrefix(res, "subnet-"):
			x.Subnet = res
		case strings.HasPrefix(res, "vpc-"):
			x.VPC = res
		}
		c.part.BPAExclusions = append(c.part.BPAExclusions, x)
	}
}
