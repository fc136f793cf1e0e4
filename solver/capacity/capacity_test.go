package capacity

import (
	"strconv"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
)

// estate: one VPC, a /28 subnet (11 usable addresses, R1.13) and a /24;
// two functions share a security-group set, a third has its own (R8.1).
func estate() *fixture.B {
	b := fixture.New()
	b.VPC("vpc-1", "10.0.0.0/16")
	b.Subnet("subnet-small", "vpc-1", "10.0.1.0/28", "us-east-1a")
	b.Subnet("subnet-big", "vpc-1", "10.0.2.0/24", "us-east-1b")
	b.OpenSG("sg-a", "vpc-1")
	b.OpenSG("sg-b", "vpc-1")
	b.S.LambdaFunctions = []*model.LambdaFunction{
		{Meta: model.Meta{ID: "fn-1"}, Subnets: []string{"subnet-small", "subnet-big"}, SecurityGroups: []string{"sg-a"}},
		{Meta: model.Meta{ID: "fn-2"}, Subnets: []string{"subnet-small", "subnet-big"}, SecurityGroups: []string{"sg-a"}},
		{Meta: model.Meta{ID: "fn-3"}, Subnets: []string{"subnet-big"}, SecurityGroups: []string{"sg-b", "sg-a"}},
	}
	return b
}

func subnet(t *testing.T, r Report, id string) Subnet {
	t.Helper()
	for _, s := range r.Subnets {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("no row for %s in %+v", id, r.Subnets)
	return Subnet{}
}

// TestComputedFreeAddresses follows R8.41 and R1.13: without
// AvailableIpAddressCount, free = block size - 5 reserved - the interfaces'
// addresses; functions sharing a subnet and SG set share one ENI (R8.1).
func TestComputedFreeAddresses(t *testing.T) {
	b := estate()
	model.Derive(b.S)
	r := Compute(b.S, 0)
	small := subnet(t, r, "subnet-small")
	if small.Usable != 11 || small.Free != 10 || small.FreeSource != FreeComputed || small.Lambda != 1 {
		t.Fatalf("subnet-small: want 10 of 11 free (computed), 1 Lambda ENI; got %+v", small)
	}
	big := subnet(t, r, "subnet-big")
	if big.Free != 249 || big.Lambda != 2 {
		t.Fatalf("subnet-big: want 249 free, 2 Lambda ENIs (two SG sets); got %+v", big)
	}
	if len(r.Combinations) != 3 || strings.Join(r.Combinations[0].Functions, ",") != "fn-1,fn-2" {
		t.Fatalf("want 3 combinations, fn-1 and fn-2 sharing one: %+v", r.Combinations)
	}
	if len(r.VPCs) != 1 || r.VPCs[0].HyperplaneENIs != 3 || r.VPCs[0].Headroom != DefaultHyperplaneQuota-3 {
		t.Fatalf("R8.42: want 3 Hyperplane ENIs, headroom %d; got %+v", DefaultHyperplaneQuota-3, r.VPCs)
	}
	if len(r.Warnings) != 0 {
		t.Fatalf("want no warnings, got %v", r.Warnings)
	}
}

// TestImportedZeroFreeWarns follows R8.41: an imported subnet whose
// AvailableIpAddressCount is 0 has no room for a new interface, and says so.
func TestImportedZeroFreeWarns(t *testing.T) {
	b := estate()
	zero := 0
	b.S.Subnets[0].AvailableIPs = &zero
	b.S.Subnets[0].Source = model.Source{File: "Subnets.json", Line: 4, Col: 5}
	model.Derive(b.S)
	r := Compute(b.S, 0)
	if s := subnet(t, r, "subnet-small"); s.Free != 0 || s.FreeSource != FreeImported {
		t.Fatalf("want 0 free (imported), got %+v", s)
	}
	if len(r.Warnings) != 1 || !strings.HasPrefix(r.Warnings[0].String(), "Subnets.json:4:5: warning: subnet subnet-small (10.0.1.0/28) has no free IPv4 address (imported)") {
		t.Fatalf("want one positioned warning for subnet-small, got %v", r.Warnings)
	}
}

// TestNewCombinationDoesNotFit follows R8.1 and R8.43: every new subnet +
// security-group set needs one more address; in a full subnet the ENI
// cannot be created, and a scale-out cannot either.
func TestNewCombinationDoesNotFit(t *testing.T) {
	b := estate()
	for i := range 11 { // fill the /28
		b.ENI("eni-"+strconv.Itoa(i), "vpc-1", "subnet-small", []string{"10.0.1." + strconv.Itoa(4+i)}, "sg-a")
	}
	model.Derive(b.S)
	r := Compute(b.S, 0)
	var msgs []string
	for _, w := range r.Warnings {
		msgs = append(msgs, w.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"subnet subnet-small (10.0.1.0/28) has no free IPv4 address (computed)",
		"no Hyperplane ENI fits for security groups sg-a of fn-1, fn-2"} {
		if !strings.Contains(all, want) {
			t.Errorf("want a warning containing %q, got:\n%s", want, all)
		}
	}
}

// TestQuotaReached follows R8.42: at the per-VPC Hyperplane ENI quota a
// function with a new combination fails to attach.
func TestQuotaReached(t *testing.T) {
	b := estate()
	model.Derive(b.S)
	r := Compute(b.S, 3)
	if r.VPCs[0].Headroom != 0 {
		t.Fatalf("want headroom 0 at quota 3, got %+v", r.VPCs)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0].Message, "the quota of 3 per VPC") {
		t.Fatalf("want the quota warning, got %v", r.Warnings)
	}
}
