package http

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// hostnamesOff is the default example with enableDnsHostnames off on api-vpc
// and no NAT route: the service names resolve to their public front ends,
// which the private subnets cannot reach.
func hostnamesOff(t *testing.T) *model.Snapshot {
	return example(t, "serverless-hybrid", func(s *model.Snapshot) {
		for _, v := range s.VPCs {
			if v.ID == "vpc-0a10000000000a001" {
				v.EnableDNSHostnames = false
			}
		}
		for _, rt := range s.RouteTables {
			var keep []model.Route
			for _, r := range rt.Routes {
				if r.Target.Kind != model.TargetNAT {
					keep = append(keep, r)
				}
			}
			rt.Routes = keep
		}
	})
}

// TestFixServicePrivateDNSInactive (issue 16, R7.12): `can-reach fn ssm` with
// enableDnsHostnames off says the endpoint's private DNS is inactive and
// what to turn on, not "add a route for 52.95.x".
func TestFixServicePrivateDNSInactive(t *testing.T) {
	n := network.Compile(hostnamesOff(t))
	c := New(n, dns.New(n))
	src, _, err := c.Source("orders-fn")
	if err != nil {
		t.Fatal(err)
	}
	dst, _, err := c.Service("orders-fn", "ssm")
	if err != nil {
		t.Fatal(err)
	}
	dst.IP = reach.PublicDst(n, src, dst)
	a := reach.Ask(n, reach.Question{Src: src, Dst: dst, Proto: model.ProtoTCP, DstPort: 443})
	c.ExplainService("orders-fn", "ssm", a)
	if a.Reachable() || len(a.Explanations) == 0 {
		t.Fatalf("want blocked, got %s", a.Verdict)
	}
	e := a.Explanations[0]
	if e.Code != "NO_ROUTE_TO_DESTINATION" || !strings.HasPrefix(e.Fix, "turn on enableDnsHostnames on vpc-0a10000000000a001 so that the service name resolves to vpce-0a10000000000ssm (R7.12)") ||
		!strings.Contains(e.Detail, "its private DNS is inactive: enableDnsHostnames is off") || strings.HasPrefix(e.Fix, "add a route") {
		t.Errorf("explanation = %+v", e)
	}
}

// TestFixPrivateAPIPublicFrontEnd (issue 16, R9.7): a private API's default
// name resolved to the public front end, unreachable: the fix is not a route
// (the public front end would answer 403) but the private way in.
func TestFixPrivateAPIPublicFrontEnd(t *testing.T) {
	m := method(t, call(t, hostnamesOff(t), "orders-fn", "private-api"), FormDefault)
	var fix string
	for _, r := range m.Reasons {
		if r.Code == "NO_ROUTE_TO_DESTINATION" {
			fix = r.Fix
		}
	}
	if !strings.HasPrefix(fix, "not a route: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com resolved to API Gateway's public front end, which never serves a private API (R9.7)") ||
		!strings.Contains(fix, "turn on enableDnsHostnames on vpc-0a10000000000a001") || !strings.Contains(fix, "Host: a1b2c3d4e5.execute-api.us-east-1.amazonaws.com (R9.5b)") {
		t.Errorf("fix = %q\n%s", fix, describe(m))
	}
}

// TestFixPrivateAPI403EnablesPrivateDNS (issue 16, R9.7, R7.12): with the NAT
// route kept, the default name reaches the public front end and gets 403; for
// a client in the endpoint's VPC the fix is to activate its private DNS.
func TestFixPrivateAPI403EnablesPrivateDNS(t *testing.T) {
	s := example(t, "serverless-hybrid", func(s *model.Snapshot) {
		for _, v := range s.VPCs {
			if v.ID == "vpc-0a10000000000a001" {
				v.EnableDNSHostnames = false
			}
		}
	})
	m := method(t, call(t, s, "orders-fn", "private-api"), FormDefault)
	wantMethod(t, m, 403, "PRIVATE_API_VIA_PUBLIC_ENDPOINT")
	for _, r := range m.Reasons {
		if r.Code == "PRIVATE_API_VIA_PUBLIC_ENDPOINT" && !strings.HasPrefix(r.Fix, "turn on enableDnsHostnames on vpc-0a10000000000a001 so that the service name resolves to vpce-0a1b2c3d4e5f67890 (R7.12)") {
			t.Errorf("fix = %q", r.Fix)
		}
	}
}
