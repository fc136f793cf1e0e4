package scan

import (
	"fmt"
	"sort"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
)

// undecided lists what the internet-exposure scan cannot place and so
// cannot decide (issue 17): an interface whose subnet or VPC the input does
// not hold (a dump without describe-vpcs, a plan whose subnet IDs are known
// only after apply), and a running instance with no interface at all. Each
// comes back as an Exposure with no entries and the reason in Undecided,
// so a scan never answers "nothing exposed" for what it could not see.
func (s *Scanner) undecided() []Exposure {
	var out []Exposure
	for _, e := range s.N.ENIs {
		if why := unplaced(e); why != "" {
			out = append(out, Exposure{ENI: e.M.ID, Label: e.Label(), Private: addrOrNone(e), Entries: []Entry{}, Undecided: why})
		}
	}
	for _, in := range s.N.Snap.Instances {
		if in.State == "terminated" || in.State == "shutting-down" || s.hasENI(in) {
			continue
		}
		where := "its subnet is not known"
		if in.Subnet != "" {
			where = "its subnet " + in.Subnet + " is not in the input"
			if s.N.Subnets[in.Subnet] != nil {
				where = "its network interface is not in the input (no `" + model.ListingCommand(model.UnlistedENIs) + "` or `aws ec2 describe-instances` output for it)"
			}
		}
		out = append(out, Exposure{Label: in.Label(), Entries: []Entry{}, Undecided: fmt.Sprintf("instance %s has no network interface in the snapshot: %s", in.Label(), where)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ENI+out[i].Label < out[j].ENI+out[j].Label })
	return out
}

// unplaced says why e cannot be scanned, or "".
func unplaced(e *network.ENI) string {
	switch {
	case e.M.VPC != "" && e.VPC == nil:
		return fmt.Sprintf("its VPC %s is not in the input (no `aws ec2 describe-vpcs` output for it), so its internet gateway, route tables and network ACLs are unknown", e.M.VPC)
	case e.VPC == nil:
		return "its VPC is not known, so its internet gateway, route tables and network ACLs are unknown"
	case e.Subnet == nil && e.M.Subnet != "":
		return fmt.Sprintf("its subnet %s is not in the input (no `aws ec2 describe-subnets` output for it)", e.M.Subnet)
	case e.Subnet == nil:
		return "its subnet is not known"
	case !e.M.PrimaryIP().IsValid():
		return "its address is not known"
	}
	return ""
}

func addrOrNone(e *network.ENI) string {
	if ip := e.M.PrimaryIP(); ip.IsValid() {
		return ip.String()
	}
	return ""
}

func (s *Scanner) hasENI(in *model.Instance) bool {
	for _, id := range in.ENIs {
		if s.N.ENIs[id] != nil {
			return true
		}
	}
	return len(s.N.InstanceENIs(in.ID)) > 0
}
