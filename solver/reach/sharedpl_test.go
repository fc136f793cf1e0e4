package reach_test

import (
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
	"github.com/netverify/netverify/solver/reach"
)

// TestSharedPrefixListWithoutEntries follows R2.40: a prefix list shared
// through RAM (or any managed list) that the input lists without its
// entries might hold any address, so a security-group rule or a route that
// names it leaves the answer unknown, naming the list; with the entries the
// answer is decided (R2.2, R1.8).
func TestSharedPrefixListWithoutEntries(t *testing.T) {
	build := func(known bool) *model.Snapshot {
		b := fixture.New()
		b.VPC("vpc-a", "10.0.0.0/16")
		b.Subnet("subnet-a", "vpc-a", "10.0.1.0/24", "us-east-1a")
		b.Subnet("subnet-b", "vpc-a", "10.0.2.0/24", "us-east-1a")
		b.VGW("vgw-a", "vpc-a")
		b.SiteDX("dc", "dxvif-a", "vgw-a", "192.168.0.0/16")
		b.RT("rtb-a", "vpc-a", true, nil, "10.0.0.0/16 local", "pl-0shared vgw-a")
		b.PrefixList("pl-0shared", "corp-ranges", "192.168.0.0/16")
		pl := b.S.PrefixLists[0]
		pl.Account = "999999999999" // owned by the network account, shared through RAM
		if !known {
			pl.Entries, pl.EntriesUnknown = nil, true
		}
		b.SG("sg-db", "vpc-a", "in tcp 5432 pl:pl-0shared", "out all - 0.0.0.0/0")
		b.OpenSG("sg-app", "vpc-a")
		b.ENI("eni-db", "vpc-a", "subnet-a", []string{"10.0.1.10"}, "sg-db")
		b.ENI("eni-app", "vpc-a", "subnet-b", []string{"10.0.2.10"}, "sg-app")
		model.Derive(b.S)
		return b.S
	}
	run(t, build(false), []flow{
		{name: "SG rule naming the list: unknown", src: "eni-app", dst: "eni-db", port: 5432, want: reach.Unknown, codes: []string{"UNKNOWN_RESOURCE"}},
		{name: "route to the list: unknown", src: "eni-app", dst: "192.168.1.1", port: 443, want: reach.Unknown},
	})
	run(t, build(true), []flow{
		{name: "entries known: the SG decides", src: "eni-app", dst: "eni-db", port: 5432, want: reach.Blocked, codes: []string{"ENI_SG_RULES_MISMATCH"}},
		{name: "entries known: the route decides", src: "eni-app", dst: "192.168.1.1", port: 443, want: reach.Reachable},
	})
}
