package names

import (
	"fmt"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// byRef resolves an ID, ARN, Name tag or scenario name.
func byRef(n *network.Network, name string) (reach.Endpoint, error) {
	found := n.Index.Find(name)
	var eps []reach.Endpoint
	var labels []string
	var errs []string
	for _, r := range found {
		ep, err := FromResource(n, name, r)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		eps = append(eps, ep)
		labels = append(labels, r.Base().Label()+" ("+model.KindOf(r).Name+")")
	}
	switch {
	case len(eps) == 1:
		return eps[0], nil
	case len(eps) > 1:
		sort.Strings(labels)
		return reach.Endpoint{}, fmt.Errorf("%q is ambiguous: it names %s; use an ID", name, strings.Join(labels, ", "))
	case len(errs) > 0:
		return reach.Endpoint{}, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return reach.Endpoint{}, fmt.Errorf("%q names nothing in the snapshot (expected an ID, a Name tag, a scenario name, an IP address, \"internet\" or \"onprem\")", name)
}

// FromResource picks the interface (or site, or client address) a resource stands for.
func FromResource(n *network.Network, name string, r model.Resource) (reach.Endpoint, error) {
	var e *network.ENI
	switch x := r.(type) {
	case *model.ENI:
		e = n.ENIs[x.ID]
	case *model.Instance:
		e = firstENI(n, func(c *network.ENI) bool { return c.M.OwnerID == x.ID || contains(x.ENIs, c.M.ID) })
	case *model.LambdaFunction:
		e = firstENI(n, func(c *network.ENI) bool { return c.M.OwnerKind == model.OwnerLambda && lambdaENI(c, x) })
		if e == nil && !x.InVPC() {
			return reach.Endpoint{}, fmt.Errorf("Lambda function %s is not attached to a VPC; it reaches the internet from AWS's own network (R11.1)", x.ID)
		}
	case *model.NATGateway:
		e = firstENI(n, func(c *network.ENI) bool { return c.NAT == x })
	case *model.VPCEndpoint:
		e = firstENI(n, func(c *network.ENI) bool { return c.M.OwnerID == x.ID || contains(x.ENIs, c.M.ID) })
	case *model.LoadBalancer:
		e = firstENI(n, func(c *network.ENI) bool {
			return c.M.OwnerKind == model.OwnerLoadBalancer && (c.M.OwnerID == x.ID || (x.ARN != "" && c.M.OwnerID == x.ARN))
		})
	case *model.Subnet:
		e = preferInstance(n, func(c *network.ENI) bool { return c.M.Subnet == x.ID })
	case *model.VPC:
		e = preferInstance(n, func(c *network.ENI) bool { return c.M.VPC == x.ID })
	case *model.OnPremSite:
		for _, s := range n.Sites {
			if s.M == x {
				return siteEndpoint(n, name, s)
			}
		}
	case *model.Client:
		return clientEndpoint(n, name, x)
	case *model.DNSServer:
		if x.IP.IsValid() {
			return ByIP(n, name, x.IP)
		}
	default:
		return reach.Endpoint{}, fmt.Errorf("%s is a %s; a question's endpoint must be an interface, instance, function, endpoint, subnet, site, client or address", r.Base().ID, model.KindOf(r).Name)
	}
	if e == nil {
		return reach.Endpoint{}, fmt.Errorf("%s has no network interface in the snapshot", r.Base().ID)
	}
	return eniEndpoint(n, name, e, e.M.PrimaryIP()), nil
}

func lambdaENI(c *network.ENI, f *model.LambdaFunction) bool {
	if c.M.OwnerID == f.ID || c.M.OwnerID == f.Name || (f.ARN != "" && c.M.OwnerID == f.ARN) {
		return true
	}
	// R8.1: a Hyperplane ENI is shared by every function with the same subnet and SG set.
	return contains(f.Subnets, c.M.Subnet) && sameSet(f.SecurityGroups, c.M.SecurityGroups)
}

func clientEndpoint(n *network.Network, name string, c *model.Client) (reach.Endpoint, error) {
	if !c.IP.IsValid() {
		return Resolve(n, c.Location)
	}
	ep, err := ByIP(n, name, c.IP)
	if err != nil && strings.EqualFold(c.Location, "internet") {
		ep, err = internetHost(name, c.IP), nil
	}
	if err == nil && c.EphemeralPorts != (model.PortRange{}) {
		ep.Ephemeral = c.EphemeralPorts
	}
	return ep, err
}

func firstENI(n *network.Network, ok func(*network.ENI) bool) *network.ENI {
	var best *network.ENI
	for _, e := range n.ENIs {
		if ok(e) && (best == nil || e.M.ID < best.M.ID) {
			best = e
		}
	}
	return best
}

func preferInstance(n *network.Network, ok func(*network.ENI) bool) *network.ENI {
	if e := firstENI(n, func(c *network.ENI) bool { return ok(c) && c.M.OwnerKind == model.OwnerInstance }); e != nil {
		return e
	}
	return firstENI(n, func(c *network.ENI) bool { return ok(c) && c.NAT == nil })
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}
