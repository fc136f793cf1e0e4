package main

import (
	"io"
	"net/netip"
	"strings"

	"github.com/netverify/netverify/model"
)

// resourceJSON is one row of inspect --list.
type resourceJSON struct {
	ID        string   `json:"id"`
	Name      string   `json:"name,omitempty"`
	LogicalID string   `json:"logicalId,omitempty"`
	Type      string   `json:"type"`
	VPC       string   `json:"vpc,omitempty"`
	IPs       []string `json:"ips,omitempty"`
}

// kindNames lists the resource types --type takes.
func kindNames() []string {
	out := make([]string, 0, len(model.Kinds))
	for _, k := range model.Kinds {
		out = append(out, k.Name)
	}
	return out
}

// kindAliases are the short names --type also takes: the ID prefixes.
var kindAliases = map[string]string{
	"eni": "network-interface", "sg": "security-group", "nacl": "network-acl", "acl": "network-acl",
	"rtb": "route-table", "igw": "internet-gateway", "nat": "nat-gateway", "vpce": "vpc-endpoint",
	"pcx": "peering-connection", "tgw": "transit-gateway", "vgw": "vpn-gateway", "lambda": "lambda-function",
	"lb": "load-balancer", "elb": "load-balancer", "api": "rest-api", "eip": "elastic-ip",
}

func kindAlias(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if k, ok := kindAliases[s]; ok {
		return k
	}
	return strings.TrimSuffix(s, "s")
}

// resourcesOf lists the snapshot's resources (of kind k, or all), in
// inventory order.
func resourcesOf(s *model.Snapshot, k *model.KindInfo) []resourceJSON {
	out := []resourceJSON{}
	s.Each(func(kk *model.KindInfo, r model.Resource) {
		if k != nil && kk != k {
			return
		}
		m := r.Base()
		row := resourceJSON{ID: m.ID, Name: m.Name, Type: kk.Name, VPC: model.VPCOf(r), IPs: addressesOf(r)}
		for _, tag := range []string{"aws:cloudformation:logical-id", "terraform:address"} {
			if v := m.Tags[tag]; v != "" {
				row.LogicalID = v
				break
			}
		}
		out = append(out, row)
	})
	return out
}

// addressesOf is what a resource's addresses are: an interface's private,
// IPv6 and public addresses, a subnet's or a VPC's CIDRs.
func addressesOf(r model.Resource) []string {
	var out []string
	addrs := func(as []netip.Addr) {
		for _, a := range as {
			out = append(out, a.String())
		}
	}
	switch x := r.(type) {
	case *model.ENI:
		addrs(x.PrivateIPs)
		addrs(x.IPv6)
		for _, p := range x.PublicIPs {
			out = append(out, p.PublicIP.String())
		}
	case *model.Subnet:
		out = append(out, x.CIDR.String())
		if x.IPv6CIDR.IsValid() {
			out = append(out, x.IPv6CIDR.String())
		}
	case *model.VPC:
		for _, c := range x.CIDRs {
			out = append(out, c.String())
		}
	}
	return out
}

func printList(w io.Writer, s *model.Snapshot, k *model.KindInfo, asJSON bool) error {
	rows := resourcesOf(s, k)
	if asJSON {
		return writeJSON(w, rows, true)
	}
	table := [][]string{{"ID", "NAME", "LOGICAL_ID", "TYPE", "VPC", "IPS"}}
	for _, r := range rows {
		table = append(table, dashEmpty([]string{r.ID, r.Name, r.LogicalID, r.Type, r.VPC, strings.Join(r.IPs, ",")}))
	}
	return writeTable(w, table)
}
