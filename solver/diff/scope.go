package diff

import (
	"encoding/json"
	"net/netip"
	"reflect"

	"go4.org/netipx"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// scope is the set of flow classes one change can affect (issue 25). A
// class is in scope when one end is an interface of ends and the other end
// has an address in other (nil: any address) or is one of members, and its
// protocol and destination ports meet ports (nil: any). full means "every
// class the full recheck asks for this change": the fallback wherever the
// change can reach flows this reasoning does not follow (a NAT, a load
// balancer, an appliance, a gateway association, a transit route, ...).
type scope struct {
	full    bool
	ends    map[string]bool
	other   *netipx.IPSet
	members map[string]bool
	ports   map[model.Protocol][]model.PortRange
}

var fullScope = scope{full: true}

// reachEnv holds what the scopes of all changes consult: both compiled
// networks (the same one when live is an overlay) and both snapshots, and
// which interfaces and subnets plain reasoning about one filter or table
// may not cover.
type reachEnv struct {
	in, live         *network.Network
	inSnap, liveSnap *model.Snapshot
	// mentioned holds every string that resources other than the plain
	// building blocks (VPCs, subnets, tables, filters, interfaces,
	// instances) name: load balancer targets, gateway and endpoint
	// subnets, appliances, route targets; an interface or subnet named
	// there may carry or forward flows that are not its own.
	mentioned map[string]bool
	// mentionedAddrs are the mentioned strings that are addresses.
	mentionedAddrs map[netip.Addr]bool
	// translators are the addresses a packet may carry after a
	// translation or a proxy (NAT gateways, load balancers, endpoints,
	// appliances, every address mentioned): a filter that matches one of
	// them can decide flows between ends it does not name.
	translators *netipx.IPSet // built on first use (translatorSet)
}

func newReachEnv(in, live *network.Network, inSnap, liveSnap *model.Snapshot) *reachEnv {
	e := &reachEnv{in: in, live: live, inSnap: inSnap, liveSnap: liveSnap, mentioned: map[string]bool{}}
	// an elastic IP is its interface's own public address (R3.3): it
	// makes the interface no forwarder, but its address is a translated one
	plainKinds := map[string]bool{"vpc": true, "subnet": true, "route-table": true, "network-acl": true,
		"security-group": true, "network-interface": true, "instance": true, "prefix-list": true, "elastic-ip": true}
	for _, s := range []*model.Snapshot{inSnap, liveSnap} {
		for _, k := range model.Kinds {
			if plainKinds[k.Name] || notNetwork[k.Name] {
				continue
			}
			for _, r := range k.List(s) {
				collectStrings(reflect.ValueOf(r), e.mentioned)
			}
		}
		for _, a := range s.Appliances {
			collectStrings(reflect.ValueOf(a), e.mentioned)
		}
		for _, rt := range s.RouteTables {
			for _, r := range rt.Routes {
				e.mentioned[r.Target.ID] = true
			}
			for _, a := range rt.Associations {
				e.mentioned[a.Gateway] = true
			}
		}
	}
	e.mentionedAddrs = map[netip.Addr]bool{}
	for str := range e.mentioned {
		if a, err := netip.ParseAddr(str); err == nil {
			e.mentionedAddrs[a] = true
		}
	}
	return e
}

// translatorSet builds the translators once.
func (e *reachEnv) translatorSet() *netipx.IPSet {
	if e.translators != nil {
		return e.translators
	}
	var b netipx.IPSetBuilder
	for a := range e.mentionedAddrs {
		b.Add(a) // a NAT gateway's, a node's, an endpoint's, a target's address
	}
	for _, s := range []*model.Snapshot{e.inSnap, e.liveSnap} {
		for _, eip := range s.ElasticIPs {
			if eip.PublicIP.IsValid() {
				b.Add(eip.PublicIP) // what the internet sees of an interface
			}
		}
	}
	for _, n := range e.nets() {
		for _, x := range n.ENIs {
			if !e.plainENI(x) {
				forAddrs(x, func(a netip.Addr) bool { b.Add(a); return false })
			}
		}
	}
	e.translators, _ = b.IPSet()
	return e.translators
}

// collectStrings adds every string value under v to out.
func collectStrings(v reflect.Value, out map[string]bool) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			collectStrings(v.Elem(), out)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[netip.Addr]() || v.Type() == reflect.TypeFor[netip.Prefix]() {
			if v.CanInterface() {
				out[v.Interface().(interface{ String() string }).String()] = true
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				collectStrings(v.Field(i), out)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			collectStrings(v.Index(i), out)
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			collectStrings(it.Key(), out)
			collectStrings(it.Value(), out)
		}
	case reflect.String:
		if s := v.String(); s != "" {
			out[s] = true
		}
	}
}

// forAddrs calls f with every address of an interface (private, IPv6,
// public) until f returns true; it reports whether one did.
func forAddrs(x *network.ENI, f func(netip.Addr) bool) bool {
	for _, a := range x.M.PrivateIPs {
		if f(a) {
			return true
		}
	}
	for _, a := range x.M.IPv6 {
		if f(a) {
			return true
		}
	}
	for _, p := range x.M.PublicIPs {
		if p.PublicIP.IsValid() && f(p.PublicIP) {
			return true
		}
	}
	return false
}

// plainENI reports whether x only sends and receives its own flows: an
// instance, function or other interface with source/destination checking,
// that nothing targets, routes to or declares as an appliance.
func (e *reachEnv) plainENI(x *network.ENI) bool {
	switch x.M.OwnerKind {
	case model.OwnerInstance, model.OwnerLambda, model.OwnerOther:
	default:
		return false
	}
	if x.NAT != nil || !x.M.SourceDestCheck || e.mentioned[x.M.ID] || (x.M.OwnerID != "" && e.mentioned[x.M.OwnerID]) {
		return false
	}
	return !forAddrs(x, func(a netip.Addr) bool { return e.mentionedAddrs[a] })
}

// endsWhere lists the interfaces of both networks for which pick is true;
// ok is false when one of them is not plain, or, with bySubnet (a subnet's
// table or NACL changed), when its subnet is named by something that may
// forward through it (then only the full scope is safe).
func (e *reachEnv) endsWhere(bySubnet bool, pick func(n *network.Network, x *network.ENI) bool) (map[string]bool, bool) {
	out := map[string]bool{}
	for _, n := range e.nets() {
		for id, x := range n.ENIs {
			if !pick(n, x) {
				continue
			}
			if !e.plainENI(x) || (bySubnet && e.mentioned[x.M.Subnet]) {
				return nil, false
			}
			out[id] = true
		}
	}
	return out, true
}

func (e *reachEnv) nets() []*network.Network {
	if e.live == e.in {
		return []*network.Network{e.in}
	}
	return []*network.Network{e.in, e.live}
}

// scopeOf returns the flow classes change c can affect.
func (e *reachEnv) scopeOf(c *Change) scope {
	if c.Op != Changed {
		return fullScope
	}
	switch x := c.in.(type) {
	case *model.SecurityGroup:
		return e.sgScope(x, c.live.(*model.SecurityGroup))
	case *model.NetworkACL:
		return e.aclScope(x, c.live.(*model.NetworkACL))
	case *model.RouteTable:
		return e.routeScope(x, c.live.(*model.RouteTable))
	}
	return fullScope
}

// onlyDiffer reports whether a and b (two versions of one resource) agree
// once blank has cleared the fields that may differ in both copies.
func onlyDiffer[T any](a, b *T, blank func(*T)) bool {
	x, y := *a, *b
	blank(&x)
	blank(&y)
	return sameConfig(&x, &y)
}

// sgScope: a group whose rules alone changed affects the flows of the
// interfaces carrying it (R2.2), with a peer the added or removed rules
// match (R2.4, R2.5), at their protocols and ports.
func (e *reachEnv) sgScope(in, live *model.SecurityGroup) scope {
	if !onlyDiffer(in, live, func(g *model.SecurityGroup) { g.Ingress, g.Egress = nil, nil }) {
		return fullScope
	}
	ends, ok := e.endsWhere(false, func(_ *network.Network, x *network.ENI) bool { return hasString(x.M.SecurityGroups, in.ID) })
	if !ok {
		return fullScope
	}
	rules := append(changedItems(in.Ingress, live.Ingress), changedItems(in.Egress, live.Egress)...)
	s := scope{ends: ends, members: map[string]bool{}, ports: map[model.Protocol][]model.PortRange{}}
	var b netipx.IPSetBuilder
	anyPeer := false
	for _, r := range rules {
		addPorts(s.ports, r.Protocol, r.Ports)
		switch {
		case r.Group != nil:
			for _, n := range e.nets() {
				for id, x := range n.ENIs {
					if hasString(x.M.SecurityGroups, r.Group.GroupID) {
						s.members[id] = true
					}
				}
			}
		case r.PrefixList != "":
			anyPeer = anyPeer || !e.addPrefixList(&b, r.PrefixList)
		case r.CIDR.IsValid():
			b.AddPrefix(r.CIDR.Masked())
		}
	}
	return e.finish(s, &b, anyPeer)
}

// aclScope: a network ACL whose entries alone changed affects the flows of
// the interfaces in its subnets (R2.9-R2.11) whose other end an added,
// removed or changed entry matches, both ways (it is stateless), at the
// entries' protocols and any port.
func (e *reachEnv) aclScope(in, live *model.NetworkACL) scope {
	if !onlyDiffer(in, live, func(a *model.NetworkACL) { a.Entries = nil }) {
		return fullScope
	}
	ends, ok := e.endsWhere(true, func(n *network.Network, x *network.ENI) bool {
		return x.Subnet != nil && x.Subnet.ACL != nil && x.Subnet.ACL.M != nil && x.Subnet.ACL.M.ID == in.ID
	})
	if !ok {
		return fullScope
	}
	s := scope{ends: ends, ports: map[model.Protocol][]model.PortRange{}}
	var b netipx.IPSetBuilder
	for _, en := range changedItems(in.Entries, live.Entries) {
		addPorts(s.ports, en.Protocol, model.AllPorts)
		if en.CIDR.IsValid() {
			b.AddPrefix(en.CIDR.Masked())
		}
	}
	return e.finish(s, &b, false)
}

// routeScope: a subnet route table whose routes alone changed affects the
// flows of the interfaces in its subnets (R1.1) whose other end lies in an
// added, removed or changed route's destination (longest prefix match,
// R1.3), both ways (the response leaves by the same table).
func (e *reachEnv) routeScope(in, live *model.RouteTable) scope {
	if !onlyDiffer(in, live, func(t *model.RouteTable) { t.Routes = nil }) || e.mentioned[in.ID] {
		return fullScope
	}
	for _, a := range in.Associations {
		if a.Gateway != "" {
			return fullScope // an edge table decides what enters the VPC (R1.2)
		}
	}
	ends, ok := e.endsWhere(true, func(n *network.Network, x *network.ENI) bool {
		return x.Subnet != nil && x.Subnet.RT != nil && x.Subnet.RT.M != nil && x.Subnet.RT.M.ID == in.ID
	})
	if !ok {
		return fullScope
	}
	s := scope{ends: ends}
	var b netipx.IPSetBuilder
	anyPeer := false
	for _, r := range changedItems(in.Routes, live.Routes) {
		switch {
		case r.DestPrefixList != "":
			anyPeer = anyPeer || !e.addPrefixList(&b, r.DestPrefixList)
		case r.Destination.IsValid():
			b.AddPrefix(r.Destination.Masked())
		default:
			anyPeer = true
		}
	}
	return e.finish(s, &b, anyPeer)
}

// finish sets the scope's address filter, or drops it (any peer) when it
// matches an address a translation or proxy may put on a packet.
func (e *reachEnv) finish(s scope, b *netipx.IPSetBuilder, anyPeer bool) scope {
	other, _ := b.IPSet()
	for id := range s.members {
		for _, n := range e.nets() {
			if x := n.ENIs[id]; x != nil && !e.plainENI(x) {
				anyPeer = true
			}
		}
	}
	if anyPeer || overlaps(other, e.translatorSet()) {
		s.other, s.members = nil, nil
		return s
	}
	s.other = other
	return s
}

func overlaps(a, b *netipx.IPSet) bool {
	for _, r := range a.Ranges() {
		if b.OverlapsRange(r) {
			return true
		}
	}
	return false
}

// addPrefixList adds the entries of prefix list id in both snapshots;
// false when a side lacks them (then any address may match).
func (e *reachEnv) addPrefixList(b *netipx.IPSetBuilder, id string) bool {
	for _, s := range []*model.Snapshot{e.inSnap, e.liveSnap} {
		found := false
		for _, pl := range s.PrefixLists {
			if pl.ID != id {
				continue
			}
			if pl.EntriesUnknown {
				return false
			}
			found = true
			for _, p := range pl.Entries {
				b.AddPrefix(p.Masked())
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// addPorts records that rules of protocol p at ports r changed: "all"
// changes every protocol drift asks.
func addPorts(m map[model.Protocol][]model.PortRange, p model.Protocol, r model.PortRange) {
	if p == model.ProtoAll {
		for _, q := range []model.Protocol{model.ProtoTCP, model.ProtoUDP, model.ProtoICMP, model.ProtoICMPv6} {
			m[q] = append(m[q], model.AllPorts)
		}
		return
	}
	if !p.HasPorts() {
		r = model.AllPorts
	}
	m[p] = append(m[p], r)
}

// changedItems returns the items of a and b that the other lacks, compared
// without noise (source positions, descriptions, IDs).
func changedItems[T any](a, b []T) []T {
	ka, kb := map[string]int{}, map[string]int{}
	for _, x := range a {
		ka[itemKey(x)]++
	}
	for _, x := range b {
		kb[itemKey(x)]++
	}
	var out []T
	for _, x := range a {
		if kb[itemKey(x)] == 0 {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if ka[itemKey(x)] == 0 {
			out = append(out, x)
		}
	}
	return out
}

func itemKey(x any) string {
	raw, err := json.Marshal(x)
	if err != nil {
		return ""
	}
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	out, _ := json.Marshal(strip(v))
	return string(out)
}

func hasString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// admits reports whether the class (proto, ports) meets the scope's ports.
func (s *scope) admits(proto model.Protocol, ports model.PortRange) bool {
	if s.ports == nil {
		return true
	}
	for _, r := range s.ports[proto] {
		if !proto.HasPorts() || (r.From <= ports.To && ports.From <= r.To) {
			return true
		}
	}
	return false
}

// otherEnd reports whether sp may be the other end of a class in scope.
func (s *scope) otherEnd(sp *spec, nets []*network.Network) bool {
	if s.other == nil {
		return true
	}
	if sp.kind != reach.AtENI { // internet or on-premises addresses
		for _, r := range sp.ranges {
			if s.other.OverlapsRange(r) {
				return true
			}
		}
		return false
	}
	if s.members[sp.id] {
		return true
	}
	for _, n := range nets {
		x := n.ENIs[sp.id]
		if x == nil {
			return true
		}
		if forAddrs(x, s.other.Contains) {
			return true
		}
	}
	return false
}
