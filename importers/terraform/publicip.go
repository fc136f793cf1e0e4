package terraform

import (
	"crypto/sha256"
	"fmt"
	"net/netip"

	"github.com/netverify/netverify/model"
)

// placeholderPublicIP is a deterministic stand-in for a public IPv4 address
// AWS assigns only at apply: from 198.18.0.0/15 (RFC 2544, benchmarking),
// never a real internet host, so it cannot shadow one in a question. key
// includes the file (scope) so that two plans loaded together do not share
// addresses.
func placeholderPublicIP(key string) netip.Addr {
	h := sha256.Sum256([]byte(key))
	return netip.AddrFrom4([4]byte{198, 18 + h[0]&1, h[1], 1 + h[2]%254})
}

// launchPublicIP gives a planned instance the public IPv4 address AWS assigns
// at launch (R3.2): when associate_public_ip_address is true, or is not set
// and the subnet maps public IPs on launch (map_public_ip_on_launch). Without
// it a design review would wrongly report the instance unreachable from the
// internet. The private side of the mapping is the primary address; when the
// plan does not know it yet model.Derive fills it in with the address it
// allocates. A state (or a plan of an existing instance) knows public_ip, so
// nothing is assumed there. A subnet that is not in this file (it is in
// another plan or state loaded with it) leaves the decision to model.Derive,
// which sees every source: the ENI records the placeholder it would get.
func launchPublicIP(b *builder, r *resource, o obj, eni *model.ENI) {
	if len(eni.PublicIPs) > 0 || !b.d.planned || o.raw("public_ip") != nil {
		return
	}
	why := ""
	if v, ok := o.raw("associate_public_ip_address").(bool); ok {
		if !v {
			return
		}
		why = r.Addr + " sets associate_public_ip_address"
	} else {
		sub, ok := lookup[*model.Subnet](b, eni.Subnet)
		if !ok {
			eni.PublicIPOnLaunch = &model.LaunchPublicIP{Placeholder: launchPlaceholder(b, r), Setting: "map_public_ip_on_launch"}
			return
		}
		if !sub.MapPublicIPOnLaunch {
			return
		}
		why = "subnet " + sub.Label() + " maps public IPs on launch (map_public_ip_on_launch)"
	}
	pub := launchPlaceholder(b, r)
	eni.PublicIPs = []model.PublicIPMapping{{PrivateIP: eni.PrimaryIP(), PublicIP: pub}}
	eni.Assume(fmt.Sprintf("public IP %s assigned at launch because %s; the real address is known only after deployment (placeholder from 198.18.0.0/15, R3.2)", pub, why))
}

// launchPlaceholder is the placeholder of r's launch-time public address.
func launchPlaceholder(b *builder, r *resource) netip.Addr {
	return placeholderPublicIP(b.d.hashKey(r.Addr + "#public_ip"))
}

// eipPlaceholder gives an Elastic IP that a plan has not allocated yet a
// placeholder address, so a NAT gateway or instance using it can reach the
// internet in the answers (R3.2, R3.6), with the assumption stated.
func eipPlaceholder(d *doc, r *resource, e *model.ElasticIP) {
	e.PublicIP = placeholderPublicIP(d.hashKey(r.Addr + "#eip"))
	e.Assume(fmt.Sprintf("public IP %s is a placeholder (198.18.0.0/15): the Elastic IP is allocated at apply, so the real address is known only after deployment", e.PublicIP))
}

// attachEIP maps an Elastic IP onto its network interface (R3.2): by ENI, or
// the primary ENI of its instance. A private address the plan does not know
// yet is left zero; model.Derive maps it to the interface's primary address.
func attachEIP(b *builder, e *model.ElasticIP) {
	if !e.PublicIP.IsValid() {
		return
	}
	eniID := e.ENI
	if eniID == "" && e.Instance != "" {
		if in, ok := lookup[*model.Instance](b, e.Instance); ok && len(in.ENIs) > 0 {
			eniID = in.ENIs[0]
		}
	}
	eni, ok := lookup[*model.ENI](b, eniID)
	if !ok {
		return
	}
	e.ENI = eni.ID
	priv := e.PrivateIP
	if !priv.IsValid() {
		priv = eni.PrimaryIP()
	}
	e.PrivateIP = priv
	eni.ReplacePublicIP(model.PublicIPMapping{PrivateIP: priv, PublicIP: e.PublicIP, AllocationID: e.ID})
	for _, a := range e.Assumed {
		eni.Assume("Elastic IP " + e.ID + ": " + a)
	}
}
