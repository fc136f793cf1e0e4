package model

import (
	"strings"
	"testing"
)

// TestVPCLinkV1TargetsOneNLB follows R8.7: a REST API VPC link (V1) targets
// exactly one Network Load Balancer; an ALB or two targets is an input error
// at the link's position.
func TestVPCLinkV1TargetsOneNLB(t *testing.T) {
	build := func(targets ...string) *Snapshot {
		s := base()
		s.LoadBalancers = append(s.LoadBalancers,
			&LoadBalancer{Meta: Meta{ID: "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/nlb/1"}, Type: "network", VPC: "vpc-1"},
			&LoadBalancer{Meta: Meta{ID: "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/alb/2"}, Type: "application", VPC: "vpc-1"})
		s.VPCLinks = append(s.VPCLinks, &VPCLink{Meta: Meta{ID: "vl-1", Source: Source{File: "api.yaml", Line: 7, Col: 3}}, Version: "REST_V1", TargetARNs: targets})
		return s
	}
	errs := func(s *Snapshot) []string {
		var out []string
		for _, d := range Validate(s) {
			if d.Severity == SevError && strings.Contains(d.String(), "VPC link") {
				out = append(out, d.String())
			}
		}
		return out
	}
	nlb, alb := "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/nlb/1", "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/alb/2"
	if got := errs(build(nlb)); len(got) != 0 {
		t.Fatalf("one NLB: want no error, got %v", got)
	}
	if got := errs(build(alb)); len(got) != 1 || !strings.Contains(got[0], "api.yaml:7:3: error: VPC link vl-1 (REST, V1) targets") || !strings.Contains(got[0], "type application") {
		t.Fatalf("ALB: got %v", got)
	}
	if got := errs(build(nlb, nlb)); len(got) != 1 || !strings.Contains(got[0], "has 2 targets: it must target exactly one Network Load Balancer") {
		t.Fatalf("two targets: got %v", got)
	}
}
