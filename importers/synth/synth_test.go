package synth

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/ec2/types"
)

var update = flag.Bool("update", false, "rewrite golden files")

func generate(t *testing.T, opts Options) (string, Summary) {
	t.Helper()
	if opts.Out == "" {
		opts.Out = t.TempDir()
	}
	sum, err := Write(opts)
	if err != nil {
		t.Fatal(err)
	}
	return opts.Out, sum
}

// readTree maps every file's relative path to its bytes.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil || de.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSameSeedSameBytes(t *testing.T) {
	a, sumA := generate(t, Options{VPCs: 9, Seed: 42})
	b, sumB := generate(t, Options{VPCs: 9, Seed: 42})
	c, _ := generate(t, Options{VPCs: 9, Seed: 43})
	ta, tb, tc := readTree(t, a), readTree(t, b), readTree(t, c)
	if sumA != sumB {
		t.Errorf("summaries differ: %v vs %v", sumA, sumB)
	}
	if len(ta) != len(tb) || len(ta) != sumA.Files {
		t.Fatalf("file counts differ: %d, %d, summary %d", len(ta), len(tb), sumA.Files)
	}
	var total int64
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two runs with seed 42", name)
		}
		total += int64(len(data))
	}
	if total != sumA.Bytes {
		t.Errorf("summary says %d bytes, files hold %d", sumA.Bytes, total)
	}
	same := 0
	for name, data := range ta {
		if bytes.Equal(data, tc[name]) {
			same++
		}
	}
	if same == len(ta) {
		t.Error("seed 43 wrote the same estate as seed 42")
	}
}

func TestGoldenSummaryVPCs3(t *testing.T) {
	_, sum := generate(t, Options{VPCs: 3, Seed: 1})
	got := sum.String() + "\n"
	golden := filepath.Join("testdata", "summary-vpcs3.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("summary changed:\ngot  %swant %s", got, want)
	}
}

// TestEstateShape checks what benchmarks and demos rely on: several accounts
// and Regions, exactly ENIsPerVPC ENIs per VPC, every kind of ENI, and the
// TGW segmentation of R5 (three route tables, blackhole routes).
func TestEstateShape(t *testing.T) {
	dir, sum := generate(t, Options{VPCs: 40, Seed: 3})
	d := loadEstate(t, dir)
	if len(d.accounts) < 3 || len(d.regions) != 4 || len(d.accounts) != sum.Accounts || len(d.regions) != sum.Regions {
		t.Errorf("accounts %d (summary %d), regions %d (summary %d)", len(d.accounts), sum.Accounts, len(d.regions), sum.Regions)
	}
	if len(d.vpcs) != 40 || len(d.subnets) != sum.Subnets || len(d.enis) != sum.ENIs {
		t.Errorf("decoded %d VPCs, %d subnets, %d ENIs; summary %v", len(d.vpcs), len(d.subnets), len(d.enis), sum)
	}
	perVPC := map[string]int{}
	kinds := map[string]int{}
	for _, n := range d.enis {
		perVPC[*n.VpcId]++
		kinds[string(n.InterfaceType)]++
	}
	for _, v := range d.vpcs {
		if perVPC[*v.VpcId] != DefaultENIsPerVPC {
			t.Errorf("VPC %s has %d ENIs, want %d", *v.VpcId, perVPC[*v.VpcId], DefaultENIsPerVPC)
		}
	}
	for _, k := range []string{"interface", "nat_gateway", "vpc_endpoint", "lambda", "network_load_balancer", "transit_gateway"} {
		if kinds[k] == 0 {
			t.Errorf("no ENI of type %s: %s", k, fmtSet(kinds))
		}
	}
	blackholes := 0
	for _, s := range d.tgwStatic {
		for _, r := range s.Routes {
			if r.State == types.TransitGatewayRouteStateBlackhole {
				blackholes++
			}
		}
	}
	if len(d.tgws) != 4 || len(d.tgwRTs) != 12 || blackholes == 0 || sum.Peerings == 0 || len(d.addresses) == 0 {
		t.Errorf("TGWs %d, TGW route tables %d, blackhole routes %d, peerings %d, EIPs %d",
			len(d.tgws), len(d.tgwRTs), blackholes, sum.Peerings, len(d.addresses))
	}
}

// TestMaxENIsFit checks that the largest ENI target fits in the smallest VPC
// (two AZs, no public or TGW subnets) for many seeds: allocation never runs out.
func TestMaxENIsFit(t *testing.T) {
	for seed := range int64(3) {
		dir, sum := generate(t, Options{VPCs: 60, Seed: seed, ENIsPerVPC: maxENIsPerVPC})
		if sum.ENIs != 60*maxENIsPerVPC {
			t.Errorf("seed %d: %d ENIs, want %d", seed, sum.ENIs, 60*maxENIsPerVPC)
		}
		checkConsistent(t, loadEstate(t, dir))
	}
}

func TestOutDirectory(t *testing.T) {
	dir := t.TempDir()
	keep := filepath.Join(dir, "notes.txt")
	stale := filepath.Join(dir, "accounts", "000000000000", "us-east-1", "Vpcs.json")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{keep, stale} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Write(Options{VPCs: 1, Out: dir}); !errors.Is(err, ErrOutNotEmpty) {
		t.Fatalf("non-empty --out without force: got %v, want ErrOutNotEmpty", err)
	}
	if _, err := Write(Options{VPCs: 1, Out: dir, Force: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("force kept a stale accounts/ file: %v", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("force removed a file outside accounts/: %v", err)
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []Options{
		{VPCs: 0, Out: "x"}, {VPCs: MaxVPCs + 1, Out: "x"}, {VPCs: 1},
		{VPCs: 1, Out: "x", ENIsPerVPC: -1}, {VPCs: 1, Out: "x", ENIsPerVPC: maxENIsPerVPC + 1},
	} {
		if _, err := Write(o); !errors.Is(err, ErrBadOptions) {
			t.Errorf("%+v: got %v, want ErrBadOptions", o, err)
		}
	}
}

func TestReferencesResolve(t *testing.T) {
	dir, _ := generate(t, Options{VPCs: 24, Seed: 11})
	checkConsistent(t, loadEstate(t, dir))
}

// checkConsistent cross-checks every reference of the estate.
func checkConsistent(t *testing.T, d *decoded) {
	t.Helper()
	c := newChecker(t, d)
	c.vpcsAndSubnets()
	c.routeTables()
	c.acls()
	c.securityGroups()
	c.networkInterfaces()
	c.endpointsAndGateways()
	c.transitGateways()
}

type checker struct {
	t        *testing.T
	d        *decoded
	vpcs     map[string]types.Vpc
	subnets  map[string]types.Subnet
	sgs      map[string]types.SecurityGroup
	enis     map[string]types.NetworkInterface
	inst     map[string]types.Instance
	nats     map[string]types.NatGateway
	igws     map[string]types.InternetGateway
	vpces    map[string]types.VpcEndpoint
	pcx      map[string]types.VpcPeeringConnection
	pls      map[string]types.PrefixList
	tgws     map[string]types.TransitGateway
	tgwRTs   map[string]types.TransitGatewayRouteTable
	tgwAtt   map[string]types.TransitGatewayAttachment
	attPairs map[[2]string]bool // (attachment, resource) as some TGW lists it
	rtOf     map[string]string  // subnet -> route table
	aclCount map[string]int     // subnet -> NACL associations
}

func newChecker(t *testing.T, d *decoded) *checker {
	c := &checker{t: t, d: d, rtOf: map[string]string{}, aclCount: map[string]int{}}
	c.vpcs = ids(t, "VPC", d.vpcs, func(v types.Vpc) *string { return v.VpcId })
	c.subnets = ids(t, "subnet", d.subnets, func(v types.Subnet) *string { return v.SubnetId })
	c.sgs = ids(t, "SG", d.sgs, func(v types.SecurityGroup) *string { return v.GroupId })
	c.enis = ids(t, "ENI", d.enis, func(v types.NetworkInterface) *string { return v.NetworkInterfaceId })
	c.inst = ids(t, "instance", d.instances, func(v types.Instance) *string { return v.InstanceId })
	c.nats = ids(t, "NAT gateway", d.nats, func(v types.NatGateway) *string { return v.NatGatewayId })
	c.igws = ids(t, "IGW", d.igws, func(v types.InternetGateway) *string { return v.InternetGatewayId })
	c.vpces = ids(t, "endpoint", d.endpoints, func(v types.VpcEndpoint) *string { return v.VpcEndpointId })
	c.tgws = ids(t, "TGW", d.tgws, func(v types.TransitGateway) *string { return v.TransitGatewayId })
	c.tgwRTs = ids(t, "TGW route table", d.tgwRTs, func(v types.TransitGatewayRouteTable) *string { return v.TransitGatewayRouteTableId })
	// A cross-account peering is listed by both accounts, a TGW peering
	// attachment by both Regions: same ID, one resource.
	c.pcx = map[string]types.VpcPeeringConnection{}
	for _, p := range d.peerings {
		c.pcx[*p.VpcPeeringConnectionId] = p
	}
	c.tgwAtt, c.attPairs = map[string]types.TransitGatewayAttachment{}, map[[2]string]bool{}
	for _, a := range d.tgwAttach {
		if _, dup := c.tgwAtt[*a.TransitGatewayAttachmentId]; dup && a.ResourceType != "peering" {
			t.Errorf("TGW attachment %s listed twice", *a.TransitGatewayAttachmentId)
		}
		c.tgwAtt[*a.TransitGatewayAttachmentId] = a
		c.attPairs[[2]string{*a.TransitGatewayAttachmentId, *a.ResourceId}] = true
	}
	c.pls = map[string]types.PrefixList{}
	for _, p := range d.prefixLists {
		c.pls[*p.PrefixListId] = p
	}
	return c
}

func (c *checker) errorf(format string, args ...any) { c.t.Helper(); c.t.Errorf(format, args...) }

// vpcsAndSubnets: VPC CIDRs are disjoint across the estate, subnets sit
// inside their VPC and do not overlap each other.
func (c *checker) vpcsAndSubnets() {
	var prefixes []netip.Prefix
	for _, v := range c.d.vpcs {
		prefixes = append(prefixes, netip.MustParsePrefix(*v.CidrBlock))
	}
	assertDisjoint(c.t, "VPC", prefixes)
	bySubnetVPC := map[string][]netip.Prefix{}
	for _, s := range c.d.subnets {
		v, ok := c.vpcs[*s.VpcId]
		if !ok {
			c.errorf("subnet %s: VPC %s does not exist", *s.SubnetId, *s.VpcId)
			continue
		}
		sp, vp := netip.MustParsePrefix(*s.CidrBlock), netip.MustParsePrefix(*v.CidrBlock)
		if !vp.Contains(sp.Addr()) || sp.Bits() < vp.Bits() {
			c.errorf("subnet %s %s is outside VPC %s %s", *s.SubnetId, sp, *v.VpcId, vp)
		}
		if *s.OwnerId != *v.OwnerId {
			c.errorf("subnet %s owner %s differs from its VPC's %s", *s.SubnetId, *s.OwnerId, *v.OwnerId)
		}
		bySubnetVPC[*s.VpcId] = append(bySubnetVPC[*s.VpcId], sp)
	}
	for _, ps := range bySubnetVPC {
		assertDisjoint(c.t, "subnet", ps)
	}
}

func assertDisjoint(t *testing.T, kind string, ps []netip.Prefix) {
	t.Helper()
	slices.SortFunc(ps, func(a, b netip.Prefix) int { return a.Addr().Compare(b.Addr()) })
	for i := 1; i < len(ps); i++ {
		if ps[i-1].Overlaps(ps[i]) {
			t.Errorf("%s CIDRs %s and %s overlap", kind, ps[i-1], ps[i])
		}
	}
}

// routeTables: every route target exists and belongs to the VPC (R1), every
// subnet has one explicit association, every VPC one main table.
func (c *checker) routeTables() {
	mains := map[string]int{}
	for _, rt := range c.d.routeTables {
		vpc := *rt.VpcId
		for _, a := range rt.Associations {
			if a.Main != nil && *a.Main {
				mains[vpc]++
				continue
			}
			s, ok := c.subnets[must(c.t, "association subnet", a.SubnetId)]
			if !ok || *s.VpcId != vpc {
				c.errorf("route table %s: associated subnet %v is missing or in another VPC", *rt.RouteTableId, a.SubnetId)
			}
			if prev := c.rtOf[*a.SubnetId]; prev != "" {
				c.errorf("subnet %s associated with %s and %s", *a.SubnetId, prev, *rt.RouteTableId)
			}
			c.rtOf[*a.SubnetId] = *rt.RouteTableId
		}
		for _, r := range rt.Routes {
			c.routeTarget(*rt.RouteTableId, vpc, r)
		}
	}
	for id := range c.vpcs {
		if mains[id] != 1 {
			c.errorf("VPC %s has %d main route tables", id, mains[id])
		}
	}
	for id := range c.subnets {
		if c.rtOf[id] == "" {
			c.errorf("subnet %s has no route table association", id)
		}
	}
}

func (c *checker) routeTarget(rt, vpc string, r types.Route) {
	if r.DestinationPrefixListId != nil {
		if _, ok := c.pls[*r.DestinationPrefixListId]; !ok {
			c.errorf("route table %s: prefix list %s is not in PrefixLists", rt, *r.DestinationPrefixListId)
		}
	}
	switch {
	case r.GatewayId != nil && *r.GatewayId == "local":
		if *r.DestinationCidrBlock != *c.vpcs[vpc].CidrBlock {
			c.errorf("route table %s: local route %s is not the VPC CIDR", rt, *r.DestinationCidrBlock)
		}
	case r.GatewayId != nil && strings.HasPrefix(*r.GatewayId, "igw-"):
		igw, ok := c.igws[*r.GatewayId]
		if !ok || *igw.Attachments[0].VpcId != vpc {
			c.errorf("route table %s: IGW %s missing or not attached to %s", rt, *r.GatewayId, vpc)
		}
	case r.GatewayId != nil:
		ep, ok := c.vpces[*r.GatewayId]
		if !ok || *ep.VpcId != vpc || !slices.Contains(ep.RouteTableIds, rt) {
			c.errorf("route table %s: gateway endpoint %s missing, elsewhere, or not listing the table", rt, *r.GatewayId)
		}
	case r.NatGatewayId != nil:
		if n, ok := c.nats[*r.NatGatewayId]; !ok || *n.VpcId != vpc {
			c.errorf("route table %s: NAT gateway %s missing or in another VPC", rt, *r.NatGatewayId)
		}
	case r.TransitGatewayId != nil:
		if _, ok := c.tgws[*r.TransitGatewayId]; !ok {
			c.errorf("route table %s: transit gateway %s does not exist", rt, *r.TransitGatewayId)
		}
	case r.VpcPeeringConnectionId != nil:
		p, ok := c.pcx[*r.VpcPeeringConnectionId]
		if !ok || (*p.RequesterVpcInfo.VpcId != vpc && *p.AccepterVpcInfo.VpcId != vpc) {
			c.errorf("route table %s: peering %s missing or not of this VPC", rt, *r.VpcPeeringConnectionId)
		}
	default:
		c.errorf("route table %s: route %v has no target", rt, r.DestinationCidrBlock)
	}
}

// acls: every subnet in exactly one NACL of its VPC; rules end with 32767 deny (R2).
func (c *checker) acls() {
	for _, a := range c.d.acls {
		for _, as := range a.Associations {
			if s, ok := c.subnets[*as.SubnetId]; !ok || *s.VpcId != *a.VpcId {
				c.errorf("NACL %s: subnet %s missing or in another VPC", *a.NetworkAclId, *as.SubnetId)
			}
			c.aclCount[*as.SubnetId]++
		}
		denies := 0
		for _, e := range a.Entries {
			if e.RuleAction == types.RuleActionDeny {
				denies++
			}
		}
		if denies < 2 {
			c.errorf("NACL %s has %d deny rules", *a.NetworkAclId, denies)
		}
	}
	for id := range c.subnets {
		if c.aclCount[id] != 1 {
			c.errorf("subnet %s has %d NACL associations", id, c.aclCount[id])
		}
	}
}

// securityGroups: referenced SGs exist in the same VPC, prefix lists exist.
func (c *checker) securityGroups() {
	for _, sg := range c.d.sgs {
		for _, p := range slices.Concat(sg.IpPermissions, sg.IpPermissionsEgress) {
			for _, g := range p.UserIdGroupPairs {
				if ref, ok := c.sgs[*g.GroupId]; !ok || *ref.VpcId != *sg.VpcId {
					c.errorf("SG %s references SG %s, missing or in another VPC", *sg.GroupId, *g.GroupId)
				}
			}
			for _, pl := range p.PrefixListIds {
				if _, ok := c.pls[*pl.PrefixListId]; !ok {
					c.errorf("SG %s references prefix list %s, not in PrefixLists", *sg.GroupId, *pl.PrefixListId)
				}
			}
		}
	}
}

// networkInterfaces: subnet, VPC and SGs resolve; the address lies inside
// the subnet, is not reserved (first four, last) and is unique; instance
// ENIs belong to a listed instance.
func (c *checker) networkInterfaces() {
	seen, public := map[string]string{}, map[string]string{}
	for _, n := range c.d.enis {
		id := *n.NetworkInterfaceId
		s, ok := c.subnets[*n.SubnetId]
		if !ok || *s.VpcId != *n.VpcId || *s.AvailabilityZone != *n.AvailabilityZone {
			c.errorf("ENI %s: subnet %s missing, in another VPC or AZ", id, *n.SubnetId)
			continue
		}
		p := netip.MustParsePrefix(*s.CidrBlock)
		a := netip.MustParseAddr(*n.PrivateIpAddress)
		off := addrU32(a) - addrU32(p.Addr())
		if !p.Contains(a) || off < 4 || off == 1<<(32-p.Bits())-1 {
			c.errorf("ENI %s: %s is outside %s or a reserved address", id, a, p)
		}
		if prev, dup := seen[a.String()]; dup {
			c.errorf("ENIs %s and %s share %s", prev, id, a)
		}
		seen[a.String()] = id
		if n.Association != nil {
			if prev, dup := public[*n.Association.PublicIp]; dup {
				c.errorf("ENIs %s and %s share public address %s", prev, id, *n.Association.PublicIp)
			}
			public[*n.Association.PublicIp] = id
		}
		for _, g := range n.Groups {
			if sg, ok := c.sgs[*g.GroupId]; !ok || *sg.VpcId != *n.VpcId {
				c.errorf("ENI %s: SG %s missing or in another VPC", id, *g.GroupId)
			}
		}
		if n.Attachment != nil && n.Attachment.InstanceId != nil {
			inst, ok := c.inst[*n.Attachment.InstanceId]
			if !ok || *inst.NetworkInterfaces[0].NetworkInterfaceId != id || *inst.PrivateIpAddress != a.String() {
				c.errorf("ENI %s: instance %s missing or disagrees", id, *n.Attachment.InstanceId)
			}
		}
	}
	for _, a := range c.d.addresses {
		n, ok := c.enis[*a.NetworkInterfaceId]
		if !ok || *n.PrivateIpAddress != *a.PrivateIpAddress || *n.Association.PublicIp != *a.PublicIp {
			c.errorf("EIP %s: ENI %s missing or disagrees", *a.PublicIp, *a.NetworkInterfaceId)
		}
	}
}

// endpointsAndGateways: endpoint ENIs, subnets, route tables and SGs
// resolve (R7); NAT gateways sit in a subnet of their VPC on their ENI.
func (c *checker) endpointsAndGateways() {
	for _, ep := range c.d.endpoints {
		for _, id := range ep.NetworkInterfaceIds {
			n, ok := c.enis[id]
			if !ok || n.InterfaceType != types.NetworkInterfaceTypeVpcEndpoint || !strings.HasSuffix(*n.Description, *ep.VpcEndpointId) {
				c.errorf("endpoint %s: ENI %s missing or not its endpoint interface", *ep.VpcEndpointId, id)
			}
		}
		for _, id := range ep.SubnetIds {
			if s, ok := c.subnets[id]; !ok || *s.VpcId != *ep.VpcId {
				c.errorf("endpoint %s: subnet %s missing or in another VPC", *ep.VpcEndpointId, id)
			}
		}
		for _, id := range ep.RouteTableIds {
			if !slices.ContainsFunc(c.d.routeTables, func(rt types.RouteTable) bool { return *rt.RouteTableId == id }) {
				c.errorf("endpoint %s: route table %s missing", *ep.VpcEndpointId, id)
			}
		}
	}
	// The API prints nat_gateway although the SDK's enum constant says natGateway.
	for _, nat := range c.d.nats {
		s, ok := c.subnets[*nat.SubnetId]
		n, eniOK := c.enis[*nat.NatGatewayAddresses[0].NetworkInterfaceId]
		if !ok || *s.VpcId != *nat.VpcId || !eniOK || n.InterfaceType != "nat_gateway" {
			c.errorf("NAT gateway %s: subnet or ENI missing or wrong", *nat.NatGatewayId)
		}
	}
}

// transitGateways: attachments, associations, propagations and static
// routes all name existing route tables, attachments and resources (R5).
func (c *checker) transitGateways() {
	for _, rt := range c.d.tgwRTs {
		if _, ok := c.tgws[*rt.TransitGatewayId]; !ok {
			c.errorf("TGW route table %s: TGW %s missing", *rt.TransitGatewayRouteTableId, *rt.TransitGatewayId)
		}
	}
	for _, a := range c.d.tgwAttach {
		id := *a.TransitGatewayAttachmentId
		if _, ok := c.tgwRTs[*a.Association.TransitGatewayRouteTableId]; !ok {
			c.errorf("TGW attachment %s: associated route table missing", id)
		}
		_, vpcOK := c.vpcs[*a.ResourceId]
		_, tgwOK := c.tgws[*a.ResourceId]
		if (a.ResourceType == "vpc" && !vpcOK) || (a.ResourceType == "peering" && !tgwOK) {
			c.errorf("TGW attachment %s: resource %s missing", id, *a.ResourceId)
		}
	}
	for _, va := range c.d.tgwVpcAttach {
		for _, s := range va.SubnetIds {
			if sub, ok := c.subnets[s]; !ok || *sub.VpcId != *va.VpcId {
				c.errorf("TGW VPC attachment %s: subnet %s missing or in another VPC", *va.TransitGatewayAttachmentId, s)
			}
		}
	}
	for _, sr := range c.d.tgwStatic {
		c.tgwRouteTable(*sr.TransitGatewayRouteTableId)
		for _, r := range sr.Routes {
			for _, ra := range r.TransitGatewayAttachments {
				c.tgwAttachment(*ra.TransitGatewayAttachmentId, *ra.ResourceId)
			}
		}
	}
	for _, pr := range c.d.tgwProps {
		c.tgwRouteTable(*pr.TransitGatewayRouteTableId)
		for _, p := range pr.TransitGatewayRouteTablePropagations {
			c.tgwAttachment(*p.TransitGatewayAttachmentId, *p.ResourceId)
		}
	}
}

func (c *checker) tgwRouteTable(id string) {
	if _, ok := c.tgwRTs[id]; !ok {
		c.errorf("TGW route table %s missing", id)
	}
}

func (c *checker) tgwAttachment(id, resource string) {
	if !c.attPairs[[2]string{id, resource}] {
		c.errorf("TGW attachment %s missing or not for %s", id, resource)
	}
}
