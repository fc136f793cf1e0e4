package labcheck

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"

	"github.com/netverify/netverify/internal/testcorpus"
)

// missingListings are the rows of the README's defaults table (issue 17):
// the describe-JSON file a lab loses, and what every answer that the loss
// changes must then say: unknown naming the `aws ...` command that supplies
// the listing, or (assumed) a warning stating the default that was used.
var missingListings = []struct {
	file    string
	names   string // text an unknown answer's explanation (or a warning) must hold
	assumed bool   // the default is assumed and stated, not unknown
}{
	{file: "NatGateways.json", names: "aws ec2 describe-nat-gateways"},
	{file: "VpcEndpoints.json", names: "aws ec2 describe-vpc-endpoints"},
	{file: "PrefixLists.json", names: "aws ec2 describe-managed-prefix-lists"},
	{file: "NetworkInterfaces.json", names: "aws ec2 describe-network-interfaces"},
	{file: "LoadBalancers.json", names: "aws elbv2 describe-load-balancers"},
	{file: "LoadBalancerListeners.json", names: "aws elbv2 describe-listeners"},
	{file: "TargetGroups.json", names: "aws elbv2 describe-target-groups"},
	{file: "LoadBalancerTargetHealth.json", names: "aws elbv2 describe-target-health"},
	{file: "TransitGatewayAttachments.json", names: "aws ec2 describe-transit-gateway-attachments"},
	{file: "TransitGatewayVpcAttachments.json", names: "aws ec2 describe-transit-gateway-vpc-attachments"},
	{file: "TransitGatewayRouteTables.json", names: "aws ec2 describe-transit-gateway-route-tables"},
	{file: "TransitGatewayPropagations.json", names: "aws ec2 get-transit-gateway-route-table-propagations"},
	{file: "TransitGatewayStaticRoutes.json", names: "aws ec2 search-transit-gateway-routes"},
	{file: "InternetGateways.json", names: "aws ec2 describe-internet-gateways"},
	{file: "RouteTables.json", names: "aws ec2 describe-route-tables"},
	{file: "NetworkAcls.json", names: "the input lists no network ACLs", assumed: true},
	{file: "SecurityGroups.json", names: "is not in the snapshot"},
	{file: "Subnets.json", names: "is not in the snapshot"},
	{file: "Reservations.json", names: "is not in the snapshot"},
	{file: "TransitGateways.json", names: "is not in the snapshot"},
	{file: "VpcPeeringConnections.json", names: "is not in the snapshot"},
	{file: "Addresses.json", names: "is not in the snapshot"},
	{file: "VpnGateways.json", names: "is not in the snapshot"},
}

// TestMissingListingNeverConfidentlyWrong (issue 17) removes one listing at
// a time from every real lab of lab-validation, replays the lab's probes
// (measured in real AWS) and checks that no answer is confidently wrong:
// each agrees with the measurement, or is unknown naming what is missing, or
// (for a stated default) carries the warning that states it.
func TestMissingListingNeverConfidentlyWrong(t *testing.T) {
	labs, _ := filepath.Glob(filepath.Join(testcorpus.Dir(t, "batfish", "lab-validation"), "*", "observed.csv"))
	if len(labs) == 0 {
		t.Skip("lab-validation corpus not present")
	}
	sort.Strings(labs)
	for _, row := range missingListings {
		t.Run(strings.TrimSuffix(row.file, ".json"), func(t *testing.T) {
			for _, obs := range labs {
				lab := filepath.Dir(obs)
				_, probes := loadLab(t, lab)
				n := loadWithout(t, lab, row.file)
				for _, p := range probes {
					checkProbe(t, filepath.Base(lab), n, p, row.names, row.assumed)
				}
			}
		})
	}
}

func checkProbe(t *testing.T, lab string, n *network.Network, p []string, names string, assumed bool) {
	t.Helper()
	src, dst, probe, port, obs := p[1], p[2], p[3], p[4], p[5]
	want := obs == "open" || obs == "closed" || obs == "reachable"
	a, err := labAnswer(n, src, dst, probe, port)
	flow := lab + ": " + src + " -> " + dst + " " + probe + "/" + port + " (measured " + obs + ")"
	switch {
	case err != "":
		t.Errorf("%s: no answer: %s", flow, err)
	case a.Verdict == reach.Unknown:
		if !explains(a, names) {
			t.Errorf("%s: unknown without naming %q: %v", flow, names, a.Explanations)
		}
	case a.Reachable() != want && !(assumed && warns(a, names)):
		t.Errorf("%s: confidently %s: %v", flow, a.Verdict, a.Explanations)
	}
}

func explains(a *reach.Answer, s string) bool {
	for _, e := range a.Explanations {
		if e.Code == "UNKNOWN_RESOURCE" && (strings.Contains(e.Detail, s) || strings.Contains(e.Fix, s)) {
			return true
		}
	}
	return warns(a, s)
}

func warns(a *reach.Answer, s string) bool {
	for _, w := range a.Warnings {
		if strings.Contains(w, s) {
			return true
		}
	}
	return false
}

// loadWithout copies a lab's describe-JSON without every file named skip
// (in each account and Region) and compiles what remains.
func loadWithout(t *testing.T, lab, skip string) *network.Network {
	t.Helper()
	from, to := filepath.Join(lab, "aws_configs"), t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if d.Name() == skip || rel == skip {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	snap, _, err := awsjson.LoadDir(to)
	if err != nil {
		t.Fatalf("%s without %s: %v", lab, skip, err)
	}
	model.Derive(snap)
	model.Validate(snap)
	return network.Compile(snap)
}

// TestListingMissingInOneRegion: a listing absent from one Region is not
// supplied by another Region's file (aws_configs/<region>/ names no account,
// so the resources' account is not the files' scope). Without us-east-1's
// interfaces, the NLB's public addresses there are unknown, not internet
// hosts that answer (lab aws_nlb_multi_az, measured filtered).
func TestListingMissingInOneRegion(t *testing.T) {
	lab := filepath.Join(testcorpus.Dir(t, "batfish", "lab-validation"), "aws_nlb_multi_az")
	n := loadWithout(t, lab, filepath.Join("us-east-1", "NetworkInterfaces.json"))
	for _, port := range []string{"22", "80"} {
		a, err := labAnswer(n, "10.1.100.100", "23.22.241.47", "tcp", port)
		if err != "" || a.Verdict != reach.Unknown || !explains(a, "aws ec2 describe-network-interfaces") {
			t.Errorf("tcp/%s to the NLB's public address without us-east-1's interfaces: %v %v (%s)", port, a.Verdict, a.Explanations, err)
		}
	}
}
