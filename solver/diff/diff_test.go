package diff

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/internal/fixture"
)

// estate is a public subnet with a web server (SSH from sshFrom) and a
// private subnet with a database; withRoute adds the default route to the
// IGW (R1.4, R3.3).
func estate(sshFrom string, withRoute bool) *model.Snapshot {
	b := fixture.New()
	b.VPC("vpc-1", "10.0.0.0/16")
	b.IGW("igw-1", "vpc-1")
	b.Subnet("subnet-pub", "vpc-1", "10.0.1.0/24", "us-east-1a")
	b.Subnet("subnet-db", "vpc-1", "10.0.2.0/24", "us-east-1a")
	routes := []string{"10.0.0.0/16 local"}
	if withRoute {
		routes = append(routes, "0.0.0.0/0 igw-1")
	}
	b.RT("rtb-pub", "vpc-1", false, []string{"subnet-pub"}, routes...)
	b.RT("rtb-main", "vpc-1", true, nil, "10.0.0.0/16 local")
	b.ACL("acl-1", "vpc-1", true, nil, "in 100 allow all - 0.0.0.0/0", "out 100 allow all - 0.0.0.0/0")
	b.SG("sg-web", "vpc-1", "in tcp 22 "+sshFrom, "out all - 0.0.0.0/0")
	b.SG("sg-db", "vpc-1", "in tcp 5432 sg:sg-web", "out all - 0.0.0.0/0")
	fixture.Public(b.ENI("eni-web", "vpc-1", "subnet-pub", []string{"10.0.1.10"}, "sg-web"), "54.0.0.10")
	b.ENI("eni-db", "vpc-1", "subnet-db", []string{"10.0.2.10"}, "sg-db")
	model.Derive(b.S)
	return b.S
}

// TestNoDrift: the same network twice has no resource and no flow drift
// (flows are asked only around changed resources, so none are).
func TestNoDrift(t *testing.T) {
	r := Compare(estate("0.0.0.0/0", true), estate("0.0.0.0/0", true))
	if r.Drift || len(r.Changes) != 0 || r.Opened+r.Closed != 0 {
		t.Fatalf("want no drift, got %+v", r)
	}
}

// TestSGRuleDrift: narrowing SSH from 0.0.0.0/0 to 203.0.113.0/24 in the live
// network is one changed security group whose rule lines say what changed,
// and closes SSH from every other internet range (R2.1, R2.4); the database
// behind its group reference is untouched.
func TestSGRuleDrift(t *testing.T) {
	r := Compare(estate("0.0.0.0/0", true), estate("203.0.113.0/24", true))
	if !r.Drift || len(r.Changes) != 1 {
		t.Fatalf("want one change, got %d: %+v", len(r.Changes), r.Changes)
	}
	c := r.Changes[0]
	if c.Kind != "security-group" || c.ID != "sg-web" || c.Op != Changed {
		t.Fatalf("change %s %s %s, want security-group sg-web changed", c.Kind, c.ID, c.Op)
	}
	details := strings.Join(c.Details, "\n")
	for _, want := range []string{"ingress rule removed: tcp 22 from 0.0.0.0/0", "ingress rule added: tcp 22 from 203.0.113.0/24"} {
		if !strings.Contains(details, want) {
			t.Errorf("details lack %q:\n%s", want, details)
		}
	}
	closed := false
	for _, f := range c.Flows {
		if f.Proto == "tcp" && f.Ports == "22" && f.Src == "internet" && f.Effect == "closed" && f.Intended == "reachable" && f.Live == "blocked" {
			closed = true
			for _, cidr := range f.SrcCIDRs {
				if cidr == "203.0.113.0/24" {
					t.Errorf("the range still allowed is reported closed: %s", f)
				}
			}
		}
		if f.Effect == "opened" || strings.Contains(f.Dst, "eni-db") {
			t.Errorf("unexpected flow: %s", f)
		}
	}
	if !closed {
		t.Errorf("SSH from the internet is not reported closed: %+v", c.Flows)
	}
}

// TestRouteDrift: the live public route table lost its default route: the
// route line is reported, and SSH from the internet closes because the
// response has no way back (R0.4, R1.4).
func TestRouteDrift(t *testing.T) {
	r := Compare(estate("0.0.0.0/0", true), estate("0.0.0.0/0", false))
	if len(r.Changes) != 1 || r.Changes[0].ID != "rtb-pub" {
		t.Fatalf("want one change of rtb-pub, got %+v", r.Changes)
	}
	if got := strings.Join(r.Changes[0].Details, "\n"); !strings.Contains(got, "route removed: 0.0.0.0/0 → igw-1") {
		t.Errorf("details: %s", got)
	}
	if r.Closed == 0 || r.Opened != 0 {
		t.Errorf("opened %d, closed %d; want only closed flows", r.Opened, r.Closed)
	}
}

// TestIPv6FlowDrift (R3.4): narrowing an IPv6 rule closes IPv6 flows from
// the IPv6 internet, reported at the interface's IPv6 address and with the
// short "::/0 except" form.
func TestIPv6FlowDrift(t *testing.T) {
	build := func(from string) *model.Snapshot {
		b := fixture.New()
		v := b.VPC("vpc-6", "10.6.0.0/16")
		v.IPv6CIDRs = []netip.Prefix{netip.MustParsePrefix("2600:1f18:6:600::/56")}
		b.IGW("igw-6", "vpc-6")
		b.Subnet("subnet-6", "vpc-6", "10.6.1.0/24", "us-east-1a").IPv6CIDR = netip.MustParsePrefix("2600:1f18:6:601::/64")
		b.RT("rtb-6", "vpc-6", true, nil, "10.6.0.0/16 local", "::/0 igw-6")
		b.ACL("acl-6", "vpc-6", true, nil, "in 100 allow all - ::/0", "out 100 allow all - ::/0")
		b.SG("sg-6", "vpc-6", "in tcp 443 "+from, "out all - ::/0")
		b.ENI("eni-6", "vpc-6", "subnet-6", []string{"10.6.1.10", "2600:1f18:6:601::10"}, "sg-6")
		model.Derive(b.S)
		return b.S
	}
	r := Compare(build("::/0"), build("2001:db8::/32"))
	if len(r.Changes) != 1 {
		t.Fatalf("want one change, got %+v", r.Changes)
	}
	var got []string
	for _, f := range r.Changes[0].Flows {
		got = append(got, f.String())
	}
	want := "tcp 443 from internet ::/0 except 2001:db8::/32 to i-6 (eni-6) 2600:1f18:6:601::10: reachable → blocked"
	if len(got) != 1 || got[0] != want {
		t.Errorf("flows:\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestUndecidedDrift (issue 10): when the live dump lacks the web server's
// security group, what reaches the server there is unknown: its flows are
// "undecided", never reported closed.
func TestUndecidedDrift(t *testing.T) {
	live := estate("0.0.0.0/0", true)
	var keep []*model.SecurityGroup
	for _, g := range live.SecurityGroups {
		if g.ID != "sg-web" {
			keep = append(keep, g)
		}
	}
	live.SecurityGroups = keep
	r := Compare(estate("0.0.0.0/0", true), live)
	if r.Undecided == 0 {
		t.Fatalf("no undecided flow: %+v", r.Changes)
	}
	for _, c := range r.Changes {
		for _, f := range c.Flows {
			if (f.Intended == "unknown" || f.Live == "unknown") && f.Effect != "undecided" {
				t.Errorf("%s: %s, want undecided", f.Effect, f)
			}
		}
	}
}

// TestFullSameAsIncremental: on the small estate, a narrowed SSH rule
// (R2.4) and a lost default route (R1.4) give the same report whether
// only the classes the change can affect are asked or every class
// (--full); the incremental drift asks fewer.
func TestFullSameAsIncremental(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from     string
		withIGW  bool
		fewerAsk bool
	}{{"sg rule", "203.0.113.0/24", true, true}, {"route", "0.0.0.0/0", false, false}} {
		inc := CompareWith(estate("0.0.0.0/0", true), estate(tc.from, tc.withIGW), Options{})
		full := CompareWith(estate("0.0.0.0/0", true), estate(tc.from, tc.withIGW), Options{Full: true})
		if a, b := reportKey(t, inc), reportKey(t, full); a != b {
			t.Errorf("%s: incremental and --full differ:\n%s\n%s", tc.name, a, b)
		}
		if inc.Questions > full.Questions || (tc.fewerAsk && inc.Questions == full.Questions) {
			t.Errorf("%s: incremental asked %d classes, --full %d", tc.name, inc.Questions, full.Questions)
		}
	}
}
