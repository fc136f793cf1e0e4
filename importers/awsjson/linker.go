package awsjson

import (
	"fmt"
	"net/netip"

	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netverify/netverify/model"
)

// linker joins what one file says about resources of another, after all
// files are merged: listeners onto load balancers, routes onto TGW tables.
// Its maps are built once, so every link is O(1).
type linker struct {
	s           *model.Snapshot
	ds          model.Diagnostics
	vpcs        map[string]*model.VPC
	dhcp        map[string][]string
	dhcpWanted  map[*model.VPC]string
	attrsRead   map[*model.VPC]bool // VPCs whose describe-vpc-attribute output was read
	sgs         map[string]*model.SecurityGroup
	enis        map[string]*model.ENI
	lbs         map[string]*model.LoadBalancer
	tgs         map[string]*model.TargetGroup
	tgws        map[string]*model.TransitGateway
	attachments map[string]*model.TGWAttachment
	tgwTables   map[string]*model.TGWRouteTable
	prefixes    map[string]*model.PrefixList
	dxgws       map[string]*model.DXGateway
	resolvers   map[string]*model.ResolverEndpoint
	rules       map[string]*model.ResolverRule
	zones       map[string]*model.HostedZone
	restAPIs    map[string]*model.RestAPI
	httpAPIs    map[string]*model.HTTPAPI
	domains     map[string]*model.DomainName // built on first use: see domain
	eniClaims   map[string]string            // ENI ID -> the first instance that lists it
}

func index[T model.Resource](xs []T) map[string]T {
	m := make(map[string]T, len(xs))
	for _, x := range xs {
		m[x.Base().ID] = x
	}
	return m
}

func newLinker(s *model.Snapshot) *linker {
	return &linker{s: s, vpcs: index(s.VPCs), dhcp: map[string][]string{}, dhcpWanted: map[*model.VPC]string{}, attrsRead: map[*model.VPC]bool{},
		sgs: index(s.SecurityGroups), enis: index(s.ENIs), lbs: index(s.LoadBalancers), tgs: index(s.TargetGroups),
		tgws: index(s.TransitGateways), attachments: index(s.TGWAttachments), tgwTables: index(s.TGWRouteTables),
		prefixes: index(s.PrefixLists), dxgws: index(s.DXGateways), resolvers: index(s.ResolverEndpoints),
		rules: index(s.ResolverRules), zones: index(s.HostedZones), restAPIs: index(s.RestAPIs), httpAPIs: index(s.HTTPAPIs)}
}

func (l *linker) warn(src model.Source, id, format string, args ...any) {
	l.ds.Warnf(src, id, "%s", fmt.Sprintf(format, args...))
}

// finish applies what needs every fixup first: DHCP servers of VPCs and
// what other evidence says about VPC attributes the input does not hold.
func (l *linker) finish() {
	for v, id := range l.dhcpWanted {
		if servers, ok := l.dhcp[id]; ok {
			v.DHCPDNSServers = servers
			continue
		}
		// Issue 17: a DHCP option set the input does not list may name
		// custom DNS servers; AmazonProvidedDNS is only the likely case.
		v.Unlisted = append(v.Unlisted, model.UnlistedDHCPOptions)
		v.Assume(fmt.Sprintf("DHCP option set %s is not in the input (no `aws ec2 describe-dhcp-options` output): its DNS servers are assumed to be AmazonProvidedDNS (R10.3)", id))
	}
	l.vpcAttributes()
}

// vpcAttributes settles the DNS attributes describe-vpcs does not print:
// read from describe-vpc-attribute, else inferred from an interface endpoint
// with private DNS on, which AWS accepts only in a VPC with both
// enableDnsSupport and enableDnsHostnames on (R7.12, R10.2), else assumed
// (support on, hostnames as AWS sets them for the kind of VPC) and said so.
func (l *linker) vpcAttributes() {
	evidence := map[string]string{}
	for _, ep := range l.s.VPCEndpoints {
		if ep.PrivateDNSEnabled && ep.Type == model.EndpointInterface && evidence[ep.VPC] == "" {
			evidence[ep.VPC] = ep.ID
		}
	}
	for _, v := range l.s.VPCs {
		if !dropNote(&v.Meta, vpcAttrNote) {
			continue
		}
		switch {
		case l.attrsRead[v]:
		case evidence[v.ID] != "":
			v.EnableDNSSupport, v.EnableDNSHostnames = true, true
			v.Assume(fmt.Sprintf("enableDnsSupport and enableDnsHostnames inferred on (no `aws ec2 describe-vpc-attribute` output): interface endpoint %s has private DNS enabled, which AWS allows only when both are on (R7.12)", evidence[v.ID]))
		default:
			v.Unlisted = append(v.Unlisted, model.UnlistedVPCAttributes)
			v.Assume(vpcAttrNote)
		}
	}
}

// vpcAttrNote is what vpcs() assumes until vpcAttributes decides.
const vpcAttrNote = "enableDnsSupport/enableDnsHostnames not in describe-vpcs output (no `aws ec2 describe-vpc-attribute` output); support assumed on, hostnames as for a non-default VPC"

// dropNote removes note from m's assumptions and reports whether it was there.
func dropNote(m *model.Meta, note string) bool {
	for i, n := range m.Assumed {
		if n == note {
			m.Assumed = append(m.Assumed[:i:i], m.Assumed[i+1:]...)
			if len(m.Assumed) == 0 {
				m.Assumed = nil
			}
			return true
		}
	}
	return false
}

func (l *linker) vpcDHCP(v *model.VPC, id string) { l.dhcpWanted[v] = id }

// replaceSGRules sets a group's rules from describe-security-group-rules.
func (l *linker) replaceSGRules(m model.Meta, in, eg []model.SGRule) {
	g, ok := l.sgs[m.ID]
	if !ok {
		g = &model.SecurityGroup{Meta: m}
		l.s.SecurityGroups = append(l.s.SecurityGroups, g)
		l.sgs[m.ID] = g
	}
	g.Ingress, g.Egress = nonNil(in), nonNil(eg)
}

func nonNil(rs []model.SGRule) []model.SGRule {
	if rs == nil {
		return []model.SGRule{}
	}
	return rs
}

// instanceENIs adds the ENIs of an instance that NetworkInterfaces.json lacks.
func (l *linker) instanceENIs(enis []*model.ENI) {
	if l.eniClaims == nil {
		l.eniClaims = map[string]string{}
	}
	for _, e := range enis {
		if e.ID == "" {
			continue
		}
		if first, ok := l.eniClaims[e.ID]; ok && first != e.OwnerID {
			// An interface attaches to one instance; two instances listing it
			// cannot both be modelled, and merging them silently would
			// answer for the one that was dropped.
			l.warn(e.Source, e.ID, "%s is listed as a network interface of both %s and %s; an interface attaches to one instance, "+
				"so %s is modelled as %s's only: questions about %s by name use that interface", e.ID, first, e.OwnerID, e.ID, first, e.OwnerID)
			continue
		}
		l.eniClaims[e.ID] = e.OwnerID
		if _, ok := l.enis[e.ID]; ok {
			continue
		}
		l.s.ENIs = append(l.s.ENIs, e)
		l.enis[e.ID] = e
	}
}

func (l *linker) prefixListEntries(m model.Meta, cidrs []netip.Prefix) {
	p, ok := l.prefixes[m.ID]
	if !ok {
		p = &model.PrefixList{Meta: m}
		l.s.PrefixLists = append(l.s.PrefixLists, p)
		l.prefixes[m.ID] = p
	}
	p.Entries = append(p.Entries[:0:0], cidrs...)
	p.EntriesUnknown = false
}

// tgwTable returns the TGW route table with this ID, creating it when only its routes were read.
func (l *linker) tgwTable(m model.Meta) *model.TGWRouteTable {
	t, ok := l.tgwTables[m.ID]
	if !ok {
		t = &model.TGWRouteTable{Meta: m, Routes: []model.TGWRoute{}}
		l.s.TGWRouteTables = append(l.s.TGWRouteTables, t)
		l.tgwTables[m.ID] = t
	}
	return t
}

// mergeAttachment adds VPC-attachment details to the attachment of the same ID.
func (l *linker) mergeAttachment(x *model.TGWAttachment) {
	a, ok := l.attachments[x.ID]
	if !ok {
		l.s.TGWAttachments = append(l.s.TGWAttachments, x)
		l.attachments[x.ID] = x
		return
	}
	if len(a.Subnets) == 0 {
		a.Subnets = x.Subnets
	}
	a.ApplianceMode = a.ApplianceMode || x.ApplianceMode
	a.IPv6Support = a.IPv6Support || x.IPv6Support
	a.SGReferencing = a.SGReferencing || x.SGReferencing
	if a.ResourceID == "" {
		a.ResourceID = x.ResourceID
	}
}

// mergePeeringAttachment fills the peer TGW of a peering attachment: the
// side whose TGW is not the attachment's own.
func (l *linker) mergePeeringAttachment(x *model.TGWAttachment, req, acc *ec2types.PeeringTgwInfo) {
	a, ok := l.attachments[x.ID]
	if !ok {
		a = x
		a.TGW = str(req.TransitGatewayId)
		if _, mine := l.tgws[str(acc.TransitGatewayId)]; mine && str(acc.OwnerId) == x.Account {
			a.TGW = str(acc.TransitGatewayId)
		}
		l.s.TGWAttachments = append(l.s.TGWAttachments, a)
		l.attachments[x.ID] = a
	}
	peer := acc
	if a.TGW == str(acc.TransitGatewayId) {
		peer = req
	}
	a.PeerTGW, a.PeerAccount, a.PeerRegion = str(peer.TransitGatewayId), str(peer.OwnerId), str(peer.Region)
	if a.ResourceID == "" {
		a.ResourceID = a.PeerTGW
	}
}
