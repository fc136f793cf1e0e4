package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// routeTableDiff compares routes by destination and associations by what
// they associate (R1.1, R1.2).
func routeTableDiff(in, live *model.RouteTable) []string {
	a, b := routesByDest(in), routesByDest(live)
	var out []string
	for _, d := range unionStrings(a, b) {
		x, okx := a[d]
		y, oky := b[d]
		switch {
		case !okx:
			out = append(out, "route added: "+y)
		case !oky:
			out = append(out, "route removed: "+x)
		case x != y:
			out = append(out, fmt.Sprintf("route %s changed: %s → %s", d, x, y))
		}
	}
	added, removed := setDiff(assocs(in), assocs(live))
	for _, s := range added {
		out = append(out, "association added: "+s)
	}
	for _, s := range removed {
		out = append(out, "association removed: "+s)
	}
	return out
}

func routesByDest(rt *model.RouteTable) map[string]string {
	out := map[string]string{}
	for _, r := range rt.Routes {
		d := r.Destination.String()
		if r.DestPrefixList != "" {
			d = r.DestPrefixList
		}
		out[d] = routeString(d, r)
	}
	return out
}

// routeString renders "10.0.0.0/16 → local", with state and origin when they matter.
func routeString(dest string, r model.Route) string {
	s := dest + " → " + r.Target.String()
	if r.Blackhole {
		s += " (blackhole)"
	}
	if r.Origin.Propagated() {
		s += " (" + r.Origin.String() + ")"
	}
	return s
}

func assocs(rt *model.RouteTable) []string {
	var out []string
	for _, a := range rt.Associations {
		switch {
		case a.Main:
			out = append(out, "main")
		case a.Gateway != "":
			out = append(out, "gateway "+a.Gateway)
		case a.Subnet != "":
			out = append(out, "subnet "+a.Subnet)
		}
	}
	for _, p := range rt.Propagations {
		out = append(out, "propagation from "+p)
	}
	return out
}

// sgDiff compares the rules of a security group as "direction proto ports peer" (R2.4).
func sgDiff(in, live *model.SecurityGroup) []string {
	var out []string
	for _, d := range []struct {
		name   string
		in, lv []model.SGRule
	}{{"ingress", in.Ingress, live.Ingress}, {"egress", in.Egress, live.Egress}} {
		added, removed := setDiff(sgRules(d.name, d.in), sgRules(d.name, d.lv))
		for _, r := range added {
			out = append(out, d.name+" rule added: "+r)
		}
		for _, r := range removed {
			out = append(out, d.name+" rule removed: "+r)
		}
	}
	return out
}

func sgRules(dir string, rs []model.SGRule) []string {
	word := "from"
	if dir == "egress" {
		word = "to"
	}
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, protoString(r.Protocol, r.Ports, r.ICMP)+" "+word+" "+r.Peer())
	}
	return out
}

// protoString renders "tcp 22", "udp 33434-33534", "icmp 8/any", "all".
func protoString(p model.Protocol, ports model.PortRange, icmp model.ICMPMatch) string {
	switch {
	case p.HasPorts():
		return p.String() + " " + ports.String()
	case p == model.ProtoICMP || p == model.ProtoICMPv6:
		return fmt.Sprintf("%s %s/%s", p, icmpPart(icmp.Type), icmpPart(icmp.Code))
	}
	return p.String()
}

func icmpPart(n int) string {
	if n < 0 {
		return "any"
	}
	return fmt.Sprint(n)
}

// naclDiff compares entries by direction and rule number (R2.11) and the
// subnet associations.
func naclDiff(p *pair, in, live *model.NetworkACL) []string {
	a, b := naclEntries(in), naclEntries(live)
	var keys []naclKey
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].egress != keys[j].egress {
			return !keys[i].egress
		}
		return keys[i].number < keys[j].number
	})
	var out []string
	for _, k := range keys {
		x, okx := a[k]
		y, oky := b[k]
		switch {
		case !okx:
			out = append(out, fmt.Sprintf("%s entry added: %s", k, y))
		case !oky:
			out = append(out, fmt.Sprintf("%s entry removed: %s", k, x))
		case x != y:
			out = append(out, fmt.Sprintf("%s entry changed: %s → %s", k, x, y))
		}
	}
	added, removed := setDiff(naclSubnets(p.inIndex(), in), naclSubnets(p.liveIndex(), live))
	for _, s := range added {
		out = append(out, "association added: subnet "+s)
	}
	for _, s := range removed {
		out = append(out, "association removed: subnet "+s)
	}
	return out
}

type naclKey struct {
	egress bool
	number int
}

func (k naclKey) String() string {
	dir := "inbound"
	if k.egress {
		dir = "outbound"
	}
	return fmt.Sprintf("%s rule %d", dir, k.number)
}

func naclEntries(a *model.NetworkACL) map[naclKey]string {
	out := map[naclKey]string{}
	for _, e := range a.Entries {
		word := "from"
		if e.Egress {
			word = "to"
		}
		out[naclKey{e.Egress, e.Number}] = strings.Join([]string{e.Action.String(), protoString(e.Protocol, e.Ports, e.ICMP), word, e.CIDR.String()}, " ")
	}
	return out
}

func unionStrings(a, b map[string]string) []string {
	var out []string
	for k := range a {
		out = append(out, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// naclSubnets returns the subnets a NACL applies to: its explicit
// associations, and for the VPC's default NACL also every subnet of the VPC
// that no other NACL names (R2.10). AWS lists those associations; templates
// leave them implicit.
func naclSubnets(x *naclIndex, a *model.NetworkACL) []string {
	if !a.IsDefault {
		return a.Subnets
	}
	set := map[string]bool{}
	for _, sub := range a.Subnets {
		set[sub] = true
	}
	for _, sub := range x.subnets[a.VPC] {
		if !x.named(a, sub) {
			set[sub] = true
		}
	}
	out := make([]string, 0, len(set))
	for sub := range set {
		out = append(out, sub)
	}
	sort.Strings(out)
	return out
}

// naclIndex holds, for one snapshot, the subnets of each VPC and the NACLs
// that name each subnet, so that a default NACL's implicit subnets cost the
// size of its VPC, not of the estate.
type naclIndex struct {
	subnets map[string][]string            // VPC -> subnet IDs
	namers  map[string][]*model.NetworkACL // subnet ID -> NACLs naming it
}

func newNACLIndex(s *model.Snapshot) *naclIndex {
	x := &naclIndex{subnets: map[string][]string{}, namers: map[string][]*model.NetworkACL{}}
	for _, sub := range s.Subnets {
		x.subnets[sub.VPC] = append(x.subnets[sub.VPC], sub.ID)
	}
	for _, a := range s.NetworkACLs {
		for _, sub := range a.Subnets {
			x.namers[sub] = append(x.namers[sub], a)
		}
	}
	return x
}

// named reports whether a NACL of a's VPC other than a names subnet sub.
func (x *naclIndex) named(a *model.NetworkACL, sub string) bool {
	for _, o := range x.namers[sub] {
		if o != a && o.VPC == a.VPC {
			return true
		}
	}
	return false
}
