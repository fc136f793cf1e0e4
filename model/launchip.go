package model

import (
	"fmt"
	"net/netip"
)

// LaunchPublicIP is the public IPv4 address an instance gets at launch only
// if its subnet maps public IPs on launch (R3.2), recorded by an importer that
// could not see the subnet: a Terraform plan whose instance uses a subnet of
// another plan or state. Derive decides once every source is merged.
type LaunchPublicIP struct {
	// Placeholder is the address to use, from 198.18.0.0/15 (RFC 2544, never
	// a real host), computed by the importer so that it is as deterministic as
	// the addresses it assigns itself.
	Placeholder netip.Addr `json:"placeholder"`
	// Setting is how the source calls the subnet's attribute, for the note
	// ("map_public_ip_on_launch").
	Setting string `json:"setting,omitempty"`
}

// launchPublicIPs decides every pending launch address (R3.2): the ENI gets
// its placeholder, mapped to its primary private address, when its subnet
// maps public IPs on launch and nothing (an Elastic IP) already gave it one.
// It runs after eniAddresses, so the primary address is the allocated one.
// A subnet that is in no source leaves the question open, with a note.
func (d *deriver) launchPublicIPs() {
	for _, e := range d.s.ENIs {
		if e.PublicIPOnLaunch == nil {
			continue
		}
		l := *e.PublicIPOnLaunch
		sub, ok := d.subnet(e.Subnet)
		if !ok {
			e.Assume(fmt.Sprintf("public IP unknown: it depends on whether subnet %s maps public IPs on launch (%s), and that subnet is in none of the inputs (R3.2)", e.Subnet, l.Setting))
			continue
		}
		e.PublicIPOnLaunch = nil
		if l.Setting == "" {
			l.Setting = "MapPublicIpOnLaunch"
		}
		if !sub.MapPublicIPOnLaunch || len(e.PublicIPs) > 0 || !l.Placeholder.IsValid() {
			continue
		}
		e.PublicIPs = []PublicIPMapping{{PrivateIP: e.PrimaryIP(), PublicIP: l.Placeholder}}
		e.Assume(fmt.Sprintf("public IP %s assigned at launch because subnet %s maps public IPs on launch (%s); the real address is known only after deployment (placeholder from 198.18.0.0/15, R3.2)",
			l.Placeholder, sub.Label(), l.Setting))
	}
}
