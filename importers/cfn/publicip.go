package cfn

import (
	"crypto/sha256"
	"fmt"
	"net/netip"

	"github.com/netverify/netverify/model"
)

// launchPublicIP gives an instance's first network interface the public IPv4
// address AWS assigns at launch (R3.2): when AssociatePublicIpAddress is true,
// or is not written and the subnet has MapPublicIpOnLaunch (only for an
// instance launched with one interface, as EC2 does). A template describes
// an instance not launched yet, so the address is a placeholder from
// 198.18.0.0/15 (RFC 2544: never a real host) and every answer that uses it
// says so. Without it a design review would call a public web server
// unreachable from the internet.
func (imp *importer) launchPublicIP(r *resource, e *model.ENI, np props, single bool) {
	why := ""
	if np.has("AssociatePublicIpAddress") {
		if !np.boolean("AssociatePublicIpAddress", false) {
			return
		}
		why = r.Logical + " sets AssociatePublicIpAddress"
	} else {
		sub, ok := lookup[*model.Subnet](imp, e.Subnet)
		if !ok || !sub.MapPublicIPOnLaunch || !single {
			return
		}
		why = "subnet " + subnetLabel(sub) + " maps public IPs on launch (MapPublicIpOnLaunch)"
	}
	pub := r.launchAddr()
	e.PublicIPs = append(e.PublicIPs, model.PublicIPMapping{PrivateIP: e.PrimaryIP(), PublicIP: pub})
	e.Assume(fmt.Sprintf("public IP %s assigned at launch because %s; the real address is known only after deployment (placeholder from 198.18.0.0/15, R3.2)", pub, why))
}

func subnetLabel(s *model.Subnet) string {
	if n := s.Tags["aws:cloudformation:logical-id"]; n != "" && n != s.Name {
		return n + " (" + s.ID + ")"
	}
	return s.Label()
}

// launchAddr is the placeholder for an instance's launch-time public address;
// it hashes a different purpose than eipAddr, so the two differ for one resource.
func (r *resource) launchAddr() netip.Addr {
	h := sha256.Sum256([]byte(r.stack + "/" + r.Logical + "/launch-public-ip"))
	return netip.AddrFrom4([4]byte{198, 18 + h[0]&1, h[1], 1 + h[2]%254})
}
