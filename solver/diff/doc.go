// Package diff compares two snapshots of one network, the intended design
// (a template, plan, state or describe-JSON capture) and the live one, and
// reports drift at two levels (issue 9, CLI "drift"):
//
// Resource drift. Resources are matched by ID; resources whose intended ID is
// a placeholder (templates and plans, Meta.Assumed) are matched by a stable
// key instead: the aws:cloudformation:logical-id (and stack-name) tag, then a
// structural key (a VPC by its primary CIDR, a subnet by VPC and CIDR, a route
// table by VPC and main flag or associated subnets, a NACL by VPC and default
// flag or subnets, a security group by VPC and group name, an interface by
// subnet and owner, a gateway by what it attaches to, an endpoint by VPC,
// type and service), then the Name tag when it is unique on both sides.
// Matched intended IDs are rewritten to the live IDs, so both snapshots share
// one ID space. What is compared is every field of the model except the
// noise: Source positions, descriptions, tags (a Name tag is compared only
// where the intended side sets one), ARNs, account and Region, assumed notes
// and sub-IDs (rule and association IDs). For a placeholder resource the
// values AWS only picks at deployment (availability zone, private and public
// addresses, DNS entries, generated group names, status) are not compared.
// Routes are compared by destination (dest → target), security-group rules
// as "direction proto ports peer", NACL entries by direction and rule number
// (fields before → after), route-table and NACL associations as subnet sets.
//
// Reachability drift. For the interfaces in the VPCs a change touches (and
// every VPC connected to them, transitively, by VPC peering, a shared transit
// gateway or transit gateway peering), every pair
// with every other interface, every class of internet addresses and every
// class of on-premises addresses is asked, in both directions, for TCP and
// UDP at every class of destination ports and for ICMP echo, with
// reach.Ask on both compiled networks (forward and return path, every
// source port of the initiator's ephemeral range, R0.4, R2.12). Address and
// port classes are cut at every boundary of either snapshot, as solver/scan
// does, so each answer holds for its whole class: what is reported is exact.
// Interfaces with an IPv6 address are asked the same at that address, with
// each other and with the classes of IPv6 internet addresses (ICMPv6 echo).
// Each flow whose verdict differs is attributed to the changes that cause it
// by counterfactuals: a change that alone, applied to the intended network,
// gives the live verdict; else the changes that, reverted alone in the live
// network, give the intended verdict; else all changes together.
//
// Interfaces that exist on only one side are reported as resource changes;
// their flows are not enumerated. IPv4 only, as the set engine is.
package diff
