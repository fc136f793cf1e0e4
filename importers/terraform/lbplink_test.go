package terraform

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
)

// lbPlan: an NLB with security groups and PrivateLink enforcement off
// (R7.23), and an ALB's lambda target group with the function's
// permission for elasticloadbalancing.amazonaws.com (R11.8).
const lbPlan = `{
  "format_version": "1.2", "terraform_version": "1.6.0",
  "planned_values": {"root_module": {"resources": [
    {"address": "aws_lb.nlb", "mode": "managed", "type": "aws_lb", "name": "nlb",
     "values": {"arn": "arn:aws:elasticloadbalancing:eu-west-1:111111111111:loadbalancer/net/nlb/1", "name": "nlb", "load_balancer_type": "network", "internal": true,
       "security_groups": ["sg-1"], "subnets": ["subnet-1"], "enforce_security_group_inbound_rules_on_private_link_traffic": "off"}},
    {"address": "aws_lb_target_group.fn", "mode": "managed", "type": "aws_lb_target_group", "name": "fn",
     "values": {"arn": "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/fn/2", "name": "fn", "target_type": "lambda"}},
    {"address": "aws_lambda_function.web", "mode": "managed", "type": "aws_lambda_function", "name": "web",
     "values": {"function_name": "web", "arn": "arn:aws:lambda:eu-west-1:111111111111:function:web"}},
    {"address": "aws_lb_target_group_attachment.fn", "mode": "managed", "type": "aws_lb_target_group_attachment", "name": "fn",
     "values": {"target_group_arn": "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/fn/2", "target_id": "arn:aws:lambda:eu-west-1:111111111111:function:web"}},
    {"address": "aws_lambda_permission.elb", "mode": "managed", "type": "aws_lambda_permission", "name": "elb",
     "values": {"function_name": "web", "principal": "elasticloadbalancing.amazonaws.com", "action": "lambda:InvokeFunction",
       "source_arn": "arn:aws:elasticloadbalancing:eu-west-1:111111111111:targetgroup/fn/2"}}
  ]}}
}`

func TestPlanNLBPrivateLinkAndLambdaTargets(t *testing.T) {
	s, ds, err := Load("plan.json", []byte(lbPlan))
	if err != nil {
		t.Fatal(err, ds)
	}
	var nlb *model.LoadBalancer
	for _, lb := range s.LoadBalancers {
		nlb = lb
	}
	if nlb == nil || nlb.FiltersPrivateLink() || nlb.Attributes[model.AttrEnforceSGPrivateLink] != "off" {
		t.Fatalf("nlb %+v: want the PrivateLink enforcement off", nlb)
	}
	if len(s.TargetGroups) != 1 || s.TargetGroups[0].TargetType != "lambda" || len(s.TargetGroups[0].Targets) != 1 ||
		!strings.HasSuffix(s.TargetGroups[0].Targets[0].ID, ":function:web") {
		t.Fatalf("target groups %+v", s.TargetGroups)
	}
	if p := s.LambdaFunctions[0].Policy; !strings.Contains(p, "elasticloadbalancing.amazonaws.com") || !strings.Contains(p, "targetgroup/fn/2") {
		t.Errorf("function policy %s", p)
	}
}
