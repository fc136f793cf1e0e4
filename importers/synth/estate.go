package synth

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
)

// estate is the plan of the whole estate plus the generator state. All
// randomness comes from one PCG stream consumed in a fixed order.
type estate struct {
	opts     Options
	rng      *rand.Rand
	ids      *idGen
	network  string   // the account that owns the transit gateways
	accounts []string // network first, then workload accounts
	regions  []*regionPlan
	sum      Summary
	seen     map[string]bool // accounts that received files
}

// regionPlan is one Region: its VPC plans, its transit gateway and the IDs of
// its TGW peering attachments, known up front because both ends print them.
type regionPlan struct {
	idx        int
	info       regionInfo
	vpcs       []vpcPlan
	tgwID      string
	rtIDs      [3]string      // prod, nonprod, shared TGW route tables
	peerAttach map[int]string // other Region index -> peering attachment ID
	publicNext uint32         // next index into the public address pool
	amis       []string
}

// vpcPlan is what is decided about a VPC before it is built.
type vpcPlan struct {
	k       int    // index of its /22 in the Region's /10
	account string // owner
	env     string // prod, staging, dev or shared
	app     string
	azs     int
	public  bool // has an IGW, public subnets, NAT gateways
	tgw     bool // attached to the Region's transit gateway
	attach  string
}

var (
	appNames = []string{"payments", "orders", "catalog", "search", "identity", "billing", "analytics",
		"ledger", "notify", "media", "checkout", "inventory", "pricing", "reports", "profile", "gateway"}
	envChoices = []string{"prod", "prod", "staging", "dev", "dev"}
)

func newEstate(opts Options) *estate {
	e := &estate{
		opts: opts,
		rng:  rand.New(rand.NewPCG(uint64(opts.Seed), 0x5eed5eed5eed5eed)),
		ids:  newIDGen(opts.Seed),
		seen: map[string]bool{},
	}
	nRegions := min(len(regionPool), max(1, (opts.VPCs+3)/4))
	nWorkload := (opts.VPCs - nRegions + 19) / 20
	e.makeAccounts(1 + nWorkload)
	e.network = e.accounts[0]
	for r := range nRegions {
		e.regions = append(e.regions, e.newRegionPlan(r))
	}
	e.linkRegions()
	e.placeVPCs(opts.VPCs - nRegions)
	e.sum.Regions = nRegions
	return e
}

func (e *estate) makeAccounts(n int) {
	seen := map[string]bool{}
	for i := 0; len(e.accounts) < n; i++ {
		a := e.ids.accountID(i)
		if !seen[a] {
			seen[a] = true
			e.accounts = append(e.accounts, a)
		}
	}
}

func (e *estate) newRegionPlan(r int) *regionPlan {
	rp := &regionPlan{idx: r, info: regionPool[r], peerAttach: map[int]string{}}
	rp.tgwID = e.ids.long("tgw")
	for i := range rp.rtIDs {
		rp.rtIDs[i] = e.ids.long("tgw-rtb")
	}
	for range 3 {
		rp.amis = append(rp.amis, e.ids.long("ami"))
	}
	// The shared-services egress VPC of the network account (R5 centralised
	// egress): three AZs, public subnets with NAT, attached to the TGW.
	rp.vpcs = append(rp.vpcs, vpcPlan{k: 0, account: e.accounts[0], env: "shared", app: "shared-services",
		azs: 3, public: true, tgw: true, attach: e.ids.long("tgw-attach")})
	return rp
}

// linkRegions peers every pair of Regions' transit gateways (full mesh).
func (e *estate) linkRegions() {
	for i := range e.regions {
		for j := i + 1; j < len(e.regions); j++ {
			id := e.ids.long("tgw-attach")
			e.regions[i].peerAttach[j] = id
			e.regions[j].peerAttach[i] = id
		}
	}
}

// placeVPCs spreads the workload VPCs round-robin over Regions and randomly
// over workload accounts (or the network account when there is no other).
func (e *estate) placeVPCs(n int) {
	workload := e.accounts[1:]
	if len(workload) == 0 {
		workload = e.accounts[:1]
	}
	for i := range n {
		rp := e.regions[i%len(e.regions)]
		p := vpcPlan{
			k:       len(rp.vpcs),
			account: workload[e.rng.IntN(len(workload))],
			env:     envChoices[e.rng.IntN(len(envChoices))],
			app:     appNames[e.rng.IntN(len(appNames))],
			azs:     2 + e.rng.IntN(2),
			public:  e.rng.IntN(10) < 6,
			tgw:     e.rng.IntN(10) < 9,
		}
		if p.env == "prod" {
			p.azs = 3
		}
		if p.tgw {
			p.attach = e.ids.long("tgw-attach")
		}
		rp.vpcs = append(rp.vpcs, p)
	}
}

// name is the VPC's Name tag, unique in the estate.
func (p *vpcPlan) name(region string) string {
	if p.env == "shared" {
		return p.app + "-" + region
	}
	return fmt.Sprintf("%s-%s-%s-%03d", p.app, p.env, region, p.k)
}

// writeRegion builds one Region's VPCs, peerings and transit gateway, writes
// them account by account, and lets them go.
func (e *estate) writeRegion(w *writer, r int) error {
	rp := e.regions[r]
	vpcs := make([]*vpcOut, 0, len(rp.vpcs))
	for i := range rp.vpcs {
		vpcs = append(vpcs, e.buildVPC(rp, &rp.vpcs[i]))
	}
	e.peerVPCs(rp, vpcs)
	tgw := e.buildTGW(rp, vpcs)
	byAccount := map[string][]*vpcOut{}
	for _, v := range vpcs {
		byAccount[v.plan.account] = append(byAccount[v.plan.account], v)
		e.count(v)
	}
	if len(tgw.tgws) > 0 {
		e.sum.TransitGateways++
	}
	accounts := make([]string, 0, len(byAccount))
	for a := range byAccount {
		accounts = append(accounts, a)
	}
	slices.Sort(accounts)
	for _, a := range accounts {
		if err := e.writeAccountRegion(w, a, rp, byAccount[a]); err != nil {
			return err
		}
		if a == e.network {
			if err := tgw.write(w, a, rp.info.Name); err != nil {
				return err
			}
		}
	}
	return nil
}

func (e *estate) count(v *vpcOut) {
	e.sum.VPCs++
	e.sum.Subnets += len(v.subnets)
	e.sum.ENIs += len(v.enis)
	if !e.seen[v.plan.account] {
		e.seen[v.plan.account] = true
		e.sum.Accounts++
	}
}

// peerVPCs adds intra-Region VPC peerings between workload VPCs (often across
// accounts), with routes to the peer's CIDR in both VPCs' route tables (R4)
// and an SG rule admitting the peer's app tier.
func (e *estate) peerVPCs(rp *regionPlan, vpcs []*vpcOut) {
	work := vpcs[1:]
	if len(work) < 2 {
		return
	}
	n := max(1, len(work)/8)
	for range n {
		a, b := work[e.rng.IntN(len(work))], work[e.rng.IntN(len(work))]
		if a == b || a.peeredWith[b.vpc.VpcId] {
			continue
		}
		e.peer(rp, a, b)
	}
}

func (e *estate) peer(rp *regionPlan, req, acc *vpcOut) {
	id := e.ids.long("pcx")
	req.peeredWith[acc.vpc.VpcId], acc.peeredWith[req.vpc.VpcId] = true, true
	info := func(v *vpcOut, own bool) peeringVpcInfo {
		pi := peeringVpcInfo{CidrBlock: v.vpc.CidrBlock, CidrBlockSet: []cidrOnly{{v.vpc.CidrBlock}},
			OwnerId: v.plan.account, Region: rp.info.Name, VpcId: v.vpc.VpcId}
		if own {
			pi.PeeringOptions = &peeringOptions{}
		}
		return pi
	}
	name := fmt.Sprintf("%s-to-%s", req.vpc.Tags[0].Value, acc.vpc.Tags[0].Value)
	pcx := vpcPeeringJSON{AccepterVpcInfo: info(acc, false), RequesterVpcInfo: info(req, true),
		Status: codeMessage{"active", "Active"}, Tags: nameTag(name), VpcPeeringConnectionId: id}
	req.peerings = append(req.peerings, pcx)
	if acc.plan.account != req.plan.account {
		// The accepter's account lists the same connection with its own
		// side's options, as describe-vpc-peering-connections does.
		pcx.RequesterVpcInfo, pcx.AccepterVpcInfo = info(req, false), info(acc, true)
		acc.peerings = append(acc.peerings, pcx)
	}
	req.routeToPeer(acc.cidr, id)
	acc.routeToPeer(req.cidr, id)
	e.sum.Peerings++
}

// publicIP hands out the Region's next public address.
func (rp *regionPlan) publicIP() netip.Addr {
	a := rp.info.publicIP(rp.publicNext)
	rp.publicNext++
	return a
}

// writeAccountRegion writes the VPC-family files of one account in one Region.
func (e *estate) writeAccountRegion(w *writer, account string, rp *regionPlan, vpcs []*vpcOut) error {
	ri, region := &rp.info, rp.info.Name
	lists := []struct {
		key  string
		each func(v *vpcOut, add func(any))
	}{
		{"Vpcs", func(v *vpcOut, add func(any)) { add(&v.vpc) }},
		{"Subnets", func(v *vpcOut, add func(any)) { addAll(v.subnets, add) }},
		{"RouteTables", func(v *vpcOut, add func(any)) { addAll(v.routeTables, add) }},
		{"NetworkAcls", func(v *vpcOut, add func(any)) { addAll(v.acls, add) }},
		{"SecurityGroups", func(v *vpcOut, add func(any)) { addAll(v.sgs, add) }},
		{"NetworkInterfaces", func(v *vpcOut, add func(any)) { addAll(v.enis, add) }},
		{"Reservations", func(v *vpcOut, add func(any)) { addAll(v.reservations, add) }},
		{"NatGateways", func(v *vpcOut, add func(any)) { addAll(v.nats, add) }},
		{"InternetGateways", func(v *vpcOut, add func(any)) { addAll(v.igws, add) }},
		{"VpcEndpoints", func(v *vpcOut, add func(any)) { addAll(v.endpoints, add) }},
		{"VpcPeeringConnections", func(v *vpcOut, add func(any)) { addAll(v.peerings, add) }},
		{"Addresses", func(v *vpcOut, add func(any)) { addAll(v.addresses, add) }},
	}
	for _, l := range lists {
		if err := writeEach(w, account, region, l.key, vpcs, l.each); err != nil {
			return err
		}
	}
	if err := writeList(w, account, region, "PrefixLists", []prefixListJSON{ri.S3PL, ri.DynamoPL}); err != nil {
		return err
	}
	return writeList(w, account, region, "AvailabilityZones", ri.zones())
}

func addAll[T any](items []T, add func(any)) {
	for i := range items {
		add(&items[i])
	}
}
