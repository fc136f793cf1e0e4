package network

import (
	"net/netip"
	"sort"

	"github.com/gaissmai/bart"

	"github.com/netverify/netverify/model"
)

// index holds the lookups a packet walk makes per hop, built once by Compile
// so that their cost does not grow with the estate (ARCHITECTURE.md,
// performance budget). Every lookup returns exactly what a scan of the
// snapshot in its order would return.
type index struct {
	// publicOf maps an ENI's private address to its public one (R3.2): the
	// lowest public address when several map to it.
	publicOf map[eniAddr]netip.Addr
	// ipOwners lists, per address, the ENI owning it in each VPC, sorted by ID (R1.5).
	ipOwners map[netip.Addr][]*ENI
	// vpcCIDRs holds every VPC CIDR (both families) with the VPCs that have it.
	vpcCIDRs bart.Table[[]*VPC]
	// holders lists, per address, every ENI that has it (model.ENI.HasIP).
	holders map[netip.Addr][]*ENI
	// lbOf maps a load balancer node's ENI to its load balancer (R7.19).
	lbOf map[*ENI]*model.LoadBalancer
	// targetGroups lists the target groups by ID and ARN, in snapshot order.
	targetGroups map[string][]*model.TargetGroup
	// endpointOf maps an interface endpoint's ENI to the endpoint (R7.8).
	endpointOf map[*ENI]*model.VPCEndpoint
	// servicePorts holds the listener ports behind each endpoint service name (R7.18).
	servicePorts map[string][]uint16
	// instanceENIs lists, per instance ID, the IDs of the ENIs it owns, sorted.
	instanceENIs map[string][]string
	// awsServices are the AWS-managed prefix lists (S3, DynamoDB), in snapshot order (R7.5).
	awsServices []*model.PrefixList
}

type eniAddr struct {
	e  *ENI
	ip netip.Addr
}

func (n *Network) compileIndex() {
	n.idx = index{publicOf: make(map[eniAddr]netip.Addr, len(n.public)),
		lbOf: map[*ENI]*model.LoadBalancer{}, targetGroups: map[string][]*model.TargetGroup{},
		endpointOf: map[*ENI]*model.VPCEndpoint{}, servicePorts: map[string][]uint16{}, instanceENIs: map[string][]string{}}
	n.indexAddresses()
	n.indexVPCs()
	n.indexLoadBalancers()
	n.indexEndpoints()
	for _, pl := range n.Snap.PrefixLists {
		if len(pl.PrefixListName) > len("com.amazonaws.") && pl.PrefixListName[:len("com.amazonaws.")] == "com.amazonaws." {
			n.idx.awsServices = append(n.idx.awsServices, pl)
		}
	}
	for _, e := range n.ENIs {
		e.label = e.computeLabel()
	}
}

func (n *Network) indexAddresses() {
	addrs := 0
	for _, e := range n.ENIs {
		addrs += e.addrCount()
	}
	n.idx.ipOwners, n.idx.holders = make(map[netip.Addr][]*ENI, addrs), make(map[netip.Addr][]*ENI, addrs)
	for pub, o := range n.public {
		k := eniAddr{o.ENI, o.Private}
		if old, ok := n.idx.publicOf[k]; !ok || pub.Less(old) {
			n.idx.publicOf[k] = pub
		}
	}
	// Most addresses have one owner: their one-element lists share one
	// backing array (capacity 1 each, so a second owner reallocates) instead
	// of 500,000 allocations at 10,000 VPCs.
	owners := make([]*ENI, 0, addrs)
	for _, v := range n.VPCs {
		for ip, e := range v.byIP {
			n.idx.ipOwners[ip] = appendShared(n.idx.ipOwners[ip], e, &owners)
		}
	}
	for _, es := range n.idx.ipOwners {
		if len(es) > 1 {
			sort.Slice(es, func(i, j int) bool { return es[i].M.ID < es[j].M.ID })
		}
	}
	holders := make([]*ENI, 0, addrs)
	for _, e := range n.ENIs {
		e.eachAddr(func(ip netip.Addr) {
			if hs := n.idx.holders[ip]; len(hs) == 0 || hs[len(hs)-1] != e {
				n.idx.holders[ip] = appendShared(hs, e, &holders)
			}
		})
	}
	n.idx.instanceENIs = make(map[string][]string, len(n.Snap.Instances))
	for id, e := range n.ENIs {
		if e.M.OwnerKind == model.OwnerInstance && e.M.OwnerID != "" {
			n.idx.instanceENIs[e.M.OwnerID] = append(n.idx.instanceENIs[e.M.OwnerID], id)
		}
	}
	for _, ids := range n.idx.instanceENIs {
		if len(ids) > 1 {
			sort.Strings(ids)
		}
	}
}

// appendShared appends e to list; an empty list becomes a one-element slice
// of *backing (capped, so that a later append copies it out).
func appendShared(list []*ENI, e *ENI, backing *[]*ENI) []*ENI {
	if len(list) > 0 || len(*backing) == cap(*backing) {
		return append(list, e)
	}
	i := len(*backing)
	*backing = append(*backing, e)
	return (*backing)[i : i+1 : i+1]
}

func (n *Network) indexVPCs() {
	for _, v := range n.VPCs {
		seen := map[netip.Prefix]bool{}
		for _, p := range append(append([]netip.Prefix{}, v.M.CIDRs...), v.M.IPv6CIDRs...) {
			if !p.IsValid() || seen[p.Masked()] {
				continue
			}
			seen[p.Masked()] = true
			vs, _ := n.idx.vpcCIDRs.Get(p.Masked())
			n.idx.vpcCIDRs.Insert(p.Masked(), append(vs, v))
		}
	}
}

// indexLoadBalancers maps every node ENI to the first load balancer, in
// snapshot order, that names it as owner or node.
func (n *Network) indexLoadBalancers() {
	first := map[*ENI]int{}
	claim := func(e *ENI, i int) {
		if old, ok := first[e]; e != nil && (!ok || i < old) {
			first[e] = i
		}
	}
	byRef := map[string][]int{}
	for i, lb := range n.Snap.LoadBalancers {
		for _, ref := range uniq(lb.ARN, lb.ID) {
			byRef[ref] = append(byRef[ref], i)
		}
		for _, node := range lb.Nodes {
			claim(n.ENIs[node.ENI], i)
			if node.PrivateIP.IsValid() {
				for _, e := range n.enisHaving(node.PrivateIP) {
					claim(e, i)
				}
			}
		}
	}
	for _, e := range n.ENIs {
		if e.M.OwnerID != "" {
			if is := byRef[e.M.OwnerID]; len(is) > 0 {
				claim(e, is[0])
			}
		}
	}
	for e, i := range first {
		n.idx.lbOf[e] = n.Snap.LoadBalancers[i]
	}
	for _, tg := range n.Snap.TargetGroups {
		for _, ref := range uniq(tg.ID, tg.ARN) {
			n.idx.targetGroups[ref] = append(n.idx.targetGroups[ref], tg)
		}
	}
	n.indexServicePorts(byRef)
}

// indexServicePorts lists, per endpoint service name, the listener ports of
// its load balancers: services in snapshot order, then load balancers in
// snapshot order, once per reference that names them.
func (n *Network) indexServicePorts(lbByRef map[string][]int) {
	for _, s := range n.Snap.EndpointServices {
		type match struct{ lb, ref int }
		var ms []match
		for r, ref := range s.LoadBalancers {
			for _, i := range lbByRef[ref] {
				ms = append(ms, match{i, r})
			}
		}
		sort.Slice(ms, func(i, j int) bool {
			if ms[i].lb != ms[j].lb {
				return ms[i].lb < ms[j].lb
			}
			return ms[i].ref < ms[j].ref
		})
		for _, m := range ms {
			for _, l := range n.Snap.LoadBalancers[m.lb].Listeners {
				n.idx.servicePorts[s.ServiceName] = append(n.idx.servicePorts[s.ServiceName], l.Port)
			}
		}
	}
}

// indexEndpoints maps ENIs to the first endpoint, in snapshot order, that
// owns them by ID or lists them.
func (n *Network) indexEndpoints() {
	first := map[*ENI]int{}
	claim := func(e *ENI, i int) {
		if old, ok := first[e]; e != nil && (!ok || i < old) {
			first[e] = i
		}
	}
	byID := map[string]int{}
	for i, ep := range n.Snap.VPCEndpoints {
		if _, ok := byID[ep.ID]; !ok {
			byID[ep.ID] = i
		}
		for _, id := range ep.ENIs {
			claim(n.ENIs[id], i)
		}
	}
	for _, e := range n.ENIs {
		if i, ok := byID[e.M.OwnerID]; ok {
			claim(e, i)
		}
	}
	for e, i := range first {
		n.idx.endpointOf[e] = n.Snap.VPCEndpoints[i]
	}
}

// enisHaving returns every ENI with ip among its private, IPv6 or public
// addresses (model.ENI.HasIP), in no particular order.
func (n *Network) enisHaving(ip netip.Addr) []*ENI { return n.idx.holders[ip] }

func uniq(a, b string) []string {
	switch {
	case a == "" && b == "":
		return nil
	case a == "" || a == b:
		return []string{b}
	case b == "":
		return []string{a}
	}
	return []string{a, b}
}

// eachAddr calls fn on each of the ENI's private, IPv6 and public addresses,
// in the order of addrs, without building the list.
func (e *ENI) eachAddr(fn func(netip.Addr)) {
	for _, ip := range e.M.PrivateIPs {
		fn(ip)
	}
	for _, ip := range e.M.IPv6 {
		fn(ip)
	}
	for _, m := range e.M.PublicIPs {
		fn(m.PublicIP)
	}
}

func (e *ENI) addrCount() int { return len(e.M.PrivateIPs) + len(e.M.IPv6) + len(e.M.PublicIPs) }
