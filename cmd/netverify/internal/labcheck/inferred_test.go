package labcheck

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/solver/dns"

	"github.com/netverify/netverify/internal/testcorpus"
)

// TestPrivateDNSInferredFromEndpoint (issue 17, R7.12, R10.2): the lab
// aws_vpc_endpoints has no describe-vpc-attribute output, but its ec2
// interface endpoint has private DNS enabled, which AWS accepts only in a
// VPC with DNS support and DNS hostnames on. So the instance resolves the
// service name to the endpoint's private address, and the answer says the
// attributes were inferred, and from what.
func TestPrivateDNSInferredFromEndpoint(t *testing.T) {
	lab := filepath.Join(testcorpus.Dir(t, "batfish", "lab-validation"), "aws_vpc_endpoints")
	n, _ := loadLab(t, lab)
	r := dns.New(n)
	o, err := r.Origin("10.1.1.100")
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Resolve(o, "ec2.us-east-1.amazonaws.com", mdns.TypeA)
	if err != nil {
		t.Fatal(err)
	}
	if got := res.Addresses(); !slices.Equal(got, []string{"10.1.3.231"}) {
		t.Errorf("addresses = %v, want the endpoint's interface address 10.1.3.231", got)
	}
	found := false
	for _, w := range res.Warnings {
		found = found || strings.Contains(w, "inferred on") && strings.Contains(w, "vpce-0c84758dae8076c02 has private DNS enabled")
	}
	if !found {
		t.Errorf("no warning states the inference: %q", res.Warnings)
	}
}
