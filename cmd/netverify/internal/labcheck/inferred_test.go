package labcheck

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	mdns "github.com/miekg/dns"

	"github.com/netverify/netverify/solver/dns"
	"github.com/netverify/netverify/solver/scan"

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
	for _, want := range []string{
		"inferred on (no `aws ec2 describe-vpc-attribute` output): interface endpoint vpce-0c84758dae8076c02 has private DNS enabled",
		// The lab has no describe-dhcp-options output either: the
		// AmazonProvidedDNS the answer rests on is an assumption, stated.
		"DHCP option set dopt-3bb56641 is not in the input (no `aws ec2 describe-dhcp-options` output): its DNS servers are assumed to be AmazonProvidedDNS",
	} {
		if !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
			t.Errorf("no warning states %q: %q", want, res.Warnings)
		}
	}
}

// TestScanWithoutVPCsUndecided (issue 17): with describe-vpcs removed from
// every lab, the internet-exposure scan cannot place any interface, so it
// is not decided, and each interface says why; it never reports "nothing
// exposed".
func TestScanWithoutVPCsUndecided(t *testing.T) {
	labs, _ := filepath.Glob(filepath.Join(testcorpus.Dir(t, "batfish", "lab-validation"), "*", "observed.csv"))
	for _, obs := range labs {
		lab := filepath.Dir(obs)
		ex, _, err := scan.New(loadWithout(t, lab, "Vpcs.json")).InternetExposure()
		if err != nil {
			t.Fatal(err)
		}
		if scan.Decided(ex) || len(ex) == 0 {
			t.Errorf("%s without Vpcs.json: the scan is decided (%d entries)", filepath.Base(lab), len(ex))
			continue
		}
		for _, x := range ex {
			if x.Undecided == "" || !strings.Contains(x.Undecided, "aws ec2 describe-vpcs") {
				t.Errorf("%s without Vpcs.json: %s: %q does not name describe-vpcs", filepath.Base(lab), x.Label, x.Undecided)
			}
		}
	}
}

// TestResolveWithoutEndpointsStated (issue 17): without describe-vpc-endpoints
// the VPC Resolver's answer cannot know an endpoint's private DNS; it answers
// as if there were none and says so.
func TestResolveWithoutEndpointsStated(t *testing.T) {
	lab := filepath.Join(testcorpus.Dir(t, "batfish", "lab-validation"), "aws_vpc_endpoints")
	r := dns.New(loadWithout(t, lab, "VpcEndpoints.json"))
	o, err := r.Origin("10.1.1.100")
	if err != nil {
		t.Fatal(err)
	}
	res, err := r.Resolve(o, "ec2.us-east-1.amazonaws.com", mdns.TypeA)
	if err != nil {
		t.Fatal(err)
	}
	want := "the input lists no VPC endpoints at all (no `aws ec2 describe-vpc-endpoints` output): the answer assumes no interface endpoint's private DNS applies"
	if !slices.ContainsFunc(res.Warnings, func(w string) bool { return strings.Contains(w, want) }) {
		t.Errorf("no warning states %q: %q", want, res.Warnings)
	}
}
