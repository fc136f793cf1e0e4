package awsapi

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	elb "github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2"
	"github.com/aws/aws-sdk-go-v2/service/elasticloadbalancingv2/types"
)

// collectELB reads application, network and gateway load balancers with
// their listeners and attributes, and target groups with their attributes
// and registered targets (R8).
func collectELB(s *scope) {
	c := elb.NewFromConfig(s.cfg)
	s.spawn(func() { elbLoadBalancers(s, c) })
	s.spawn(func() { elbTargetGroups(s, c) })
}

func elbLoadBalancers(s *scope, c *elb.Client) {
	p := elb.NewDescribeLoadBalancersPaginator(c, nil)
	lbs, ok := list(s, "LoadBalancers", p.HasMorePages, p.NextPage, func(o *elb.DescribeLoadBalancersOutput) []types.LoadBalancer { return o.LoadBalancers })
	if !ok {
		return
	}
	arns := ids(lbs, func(l types.LoadBalancer) *string { return l.LoadBalancerArn })
	forEach(s, arns, []string{"LoadBalancerListeners", "LoadBalancerAttributes"}, func(arn string) {
		elbListeners(s, c, arn)
		elbAttributes(s, c, arn)
	})
}

func elbListeners(s *scope, c *elb.Client, arn string) {
	p := elb.NewDescribeListenersPaginator(c, &elb.DescribeListenersInput{LoadBalancerArn: aws.String(arn)})
	ls, ok := pages(s, arn, p.HasMorePages, p.NextPage, func(o *elb.DescribeListenersOutput) []types.Listener { return o.Listeners })
	if ok {
		s.files.wrap("LoadBalancerListeners", arn, map[string]any{"LoadBalancerArn": arn, "Listeners": ls}, len(ls))
	}
}

// elbAttributes reads e.g. cross-zone load balancing and deletion protection.
func elbAttributes(s *scope, c *elb.Client, arn string) {
	out, ok := single(s, arn, func(ctx context.Context) (*elb.DescribeLoadBalancerAttributesOutput, error) {
		return c.DescribeLoadBalancerAttributes(ctx, &elb.DescribeLoadBalancerAttributesInput{LoadBalancerArn: aws.String(arn)})
	}, func(o *elb.DescribeLoadBalancerAttributesOutput) int { return len(o.Attributes) })
	if ok {
		s.files.wrap("LoadBalancerAttributes", arn, map[string]any{"LoadBalancerArn": arn, "Attributes": out.Attributes}, len(out.Attributes))
	}
}

func elbTargetGroups(s *scope, c *elb.Client) {
	p := elb.NewDescribeTargetGroupsPaginator(c, nil)
	tgs, ok := list(s, "TargetGroups", p.HasMorePages, p.NextPage, func(o *elb.DescribeTargetGroupsOutput) []types.TargetGroup { return o.TargetGroups })
	if !ok {
		return
	}
	arns := ids(tgs, func(t types.TargetGroup) *string { return t.TargetGroupArn })
	forEach(s, arns, []string{"LoadBalancerTargetHealth", "TargetGroupAttributes"}, func(arn string) {
		elbTargetHealth(s, c, arn)
		elbTargetGroupAttributes(s, c, arn)
	})
}

func elbTargetHealth(s *scope, c *elb.Client, arn string) {
	out, ok := single(s, arn, func(ctx context.Context) (*elb.DescribeTargetHealthOutput, error) {
		return c.DescribeTargetHealth(ctx, &elb.DescribeTargetHealthInput{TargetGroupArn: aws.String(arn)})
	}, func(o *elb.DescribeTargetHealthOutput) int { return len(o.TargetHealthDescriptions) })
	if ok {
		s.files.wrap("LoadBalancerTargetHealth", arn, map[string]any{"TargetGroupArn": arn, "TargetHealthDescriptions": out.TargetHealthDescriptions},
			len(out.TargetHealthDescriptions))
	}
}

func elbTargetGroupAttributes(s *scope, c *elb.Client, arn string) {
	out, ok := single(s, arn, func(ctx context.Context) (*elb.DescribeTargetGroupAttributesOutput, error) {
		return c.DescribeTargetGroupAttributes(ctx, &elb.DescribeTargetGroupAttributesInput{TargetGroupArn: aws.String(arn)})
	}, func(o *elb.DescribeTargetGroupAttributesOutput) int { return len(o.Attributes) })
	if ok {
		s.files.wrap("TargetGroupAttributes", arn, map[string]any{"TargetGroupArn": arn, "Attributes": out.Attributes}, len(out.Attributes))
	}
}
