package capacity

import (
	"fmt"
	"sort"
	"strings"

	"github.com/netverify/netverify/model"
)

// DefaultHyperplaneQuota is AWS's default for Lambda Hyperplane ENIs per VPC
// (R8.42); accounts can have it raised.
const DefaultHyperplaneQuota = 500

// reservedPerSubnet is the number of addresses AWS keeps in every subnet:
// network, router, DNS, future use and broadcast (R1.13).
const reservedPerSubnet = 5

// Report is the whole answer of a capacity question.
type Report struct {
	Quota        int           `json:"hyperplaneEniQuotaPerVpc"`
	Subnets      []Subnet      `json:"subnets"`
	Combinations []Combination `json:"lambdaCombinations"`
	VPCs         []VPC         `json:"vpcs"`
	Warnings     []Warning     `json:"warnings"`
}

// FreeSource says where a subnet's free address count comes from.
type FreeSource string

const (
	// FreeImported is EC2's AvailableIpAddressCount, less the interfaces
	// netverify added on top of the import.
	FreeImported FreeSource = "imported"
	// FreeComputed is the block size minus the reserved addresses minus
	// the addresses of the interfaces in the snapshot.
	FreeComputed FreeSource = "computed"
)

// Subnet is one subnet that holds service-managed interfaces.
type Subnet struct {
	ID         string     `json:"subnet"`
	Name       string     `json:"name,omitempty"`
	VPC        string     `json:"vpc"`
	AZ         string     `json:"az,omitempty"`
	CIDR       string     `json:"cidr"`
	Usable     int        `json:"usable"` // block size minus the reserved addresses
	Free       int        `json:"free"`
	FreeSource FreeSource `json:"freeSource"`
	Lambda     int        `json:"lambdaEnis"`
	Endpoint   int        `json:"interfaceEndpointEnis"`
	Resolver   int        `json:"resolverEndpointEnis"`
	VPCLink    int        `json:"vpcLinkEnis"`
	Other      int        `json:"otherEnis"`

	source model.Source
}

// Combination is one subnet and security-group set of VPC-attached Lambda
// functions: Lambda gives it one Hyperplane ENI, shared by every function
// with the same combination (R8.1).
type Combination struct {
	Subnet         string   `json:"subnet"`
	VPC            string   `json:"vpc"`
	SecurityGroups []string `json:"securityGroups"`
	ENIs           []string `json:"enis"`
	Functions      []string `json:"functions,omitempty"`
}

// VPC is the Hyperplane ENI count of one VPC against the quota (R8.42).
type VPC struct {
	ID             string `json:"vpc"`
	Name           string `json:"name,omitempty"`
	HyperplaneENIs int    `json:"hyperplaneEnis"`
	Quota          int    `json:"quota"`
	Headroom       int    `json:"headroom"`
}

// Warning is one place where a new interface or a scale-out would not fit.
type Warning struct {
	Resource string       `json:"resource"`
	Source   model.Source `json:"source,omitempty"`
	Message  string       `json:"message"`
}

// String renders "file:line: warning: message".
func (w Warning) String() string {
	d := model.Diagnostic{Severity: model.SevWarning, Source: w.Source, Resource: w.Resource, Message: w.Message}
	return d.String()
}

// Compute builds the report for a derived snapshot; quota <= 0 means the
// AWS default.
func Compute(s *model.Snapshot, quota int) Report {
	if quota <= 0 {
		quota = DefaultHyperplaneQuota
	}
	ix := model.NewIndex(s)
	c := &computer{s: s, ix: ix, quota: quota, subnets: map[string]*Subnet{}, used: map[string]int{}, derived: map[string]int{}}
	c.countInterfaces()
	c.combinations()
	r := Report{Quota: quota, Subnets: c.subnetRows(), Combinations: c.combos, VPCs: c.vpcRows()}
	r.Warnings = c.warnings(r)
	if r.Warnings == nil {
		r.Warnings = []Warning{}
	}
	return r
}

type computer struct {
	s       *model.Snapshot
	ix      *model.Index
	quota   int
	subnets map[string]*Subnet
	used    map[string]int // IPv4 addresses of all interfaces per subnet
	derived map[string]int // of those, the ones netverify assumed
	combos  []Combination
}

// countInterfaces tallies the interfaces of every subnet and opens a row
// for each subnet with a service-managed one.
func (c *computer) countInterfaces() {
	for _, e := range c.s.ENIs {
		n := max(len(e.PrivateIPs), 1)
		c.used[e.Subnet] += n
		if model.IsDerivedID(e.ID) {
			c.derived[e.Subnet] += n
		}
	}
	for _, e := range c.s.ENIs {
		if managed(e.OwnerKind) {
			c.row(e.Subnet)
		}
	}
	for _, f := range c.s.LambdaFunctions {
		for _, sub := range f.Subnets {
			c.row(sub)
		}
	}
	for _, e := range c.s.ENIs {
		row, ok := c.subnets[e.Subnet]
		if !ok {
			continue
		}
		switch e.OwnerKind {
		case model.OwnerLambda:
			row.Lambda++
		case model.OwnerInterfaceEndpoint:
			row.Endpoint++
		case model.OwnerResolverEndpoint:
			row.Resolver++
		case model.OwnerVPCLink:
			row.VPCLink++
		default:
			row.Other++
		}
	}
}

func managed(k model.ENIOwner) bool {
	switch k {
	case model.OwnerLambda, model.OwnerInterfaceEndpoint, model.OwnerResolverEndpoint, model.OwnerVPCLink:
		return true
	}
	return false
}

// row opens (once) the row of subnet ref, which may be a name.
func (c *computer) row(ref string) *Subnet {
	sub, ok := model.Lookup[*model.Subnet](c.ix, ref)
	if !ok || !sub.CIDR.IsValid() {
		return nil
	}
	if r, ok := c.subnets[sub.ID]; ok {
		return r
	}
	usable := max(1<<(32-sub.CIDR.Bits())-reservedPerSubnet, 0)
	r := &Subnet{ID: sub.ID, Name: sub.Name, VPC: sub.VPC, AZ: sub.AZ, CIDR: sub.CIDR.String(), Usable: usable, source: sub.Source}
	if sub.AvailableIPs != nil {
		r.Free, r.FreeSource = *sub.AvailableIPs-c.derived[sub.ID], FreeImported
	} else {
		r.Free, r.FreeSource = usable-c.used[sub.ID], FreeComputed
	}
	r.Free = max(r.Free, 0)
	c.subnets[sub.ID] = r
	return r
}

func (c *computer) subnetRows() []Subnet {
	out := make([]Subnet, 0, len(c.subnets))
	for _, r := range c.subnets {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].VPC != out[j].VPC {
			return out[i].VPC < out[j].VPC
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// combinations lists every subnet + security-group set that has a Lambda
// ENI or that a function asks for (R8.1).
func (c *computer) combinations() {
	byKey := map[string]*Combination{}
	get := func(subnet, vpc string, sgs []string) *Combination {
		sgs = c.sgIDs(sgs)
		key := subnet + "|" + strings.Join(sgs, ",")
		if cb, ok := byKey[key]; ok {
			return cb
		}
		cb := &Combination{Subnet: subnet, VPC: vpc, SecurityGroups: sgs, ENIs: []string{}}
		byKey[key] = cb
		return cb
	}
	for _, e := range c.s.ENIs {
		if e.OwnerKind == model.OwnerLambda {
			cb := get(e.Subnet, e.VPC, e.SecurityGroups)
			cb.ENIs = append(cb.ENIs, e.ID)
		}
	}
	for _, f := range c.s.LambdaFunctions {
		for _, ref := range f.Subnets {
			sub, ok := model.Lookup[*model.Subnet](c.ix, ref)
			if !ok {
				continue
			}
			cb := get(sub.ID, sub.VPC, f.SecurityGroups)
			cb.Functions = appendUnique(cb.Functions, f.Label())
		}
	}
	for _, cb := range byKey {
		sort.Strings(cb.ENIs)
		sort.Strings(cb.Functions)
		c.combos = append(c.combos, *cb)
	}
	sort.Slice(c.combos, func(i, j int) bool {
		a, b := c.combos[i], c.combos[j]
		if a.Subnet != b.Subnet {
			return a.Subnet < b.Subnet
		}
		return strings.Join(a.SecurityGroups, ",") < strings.Join(b.SecurityGroups, ",")
	})
	if c.combos == nil {
		c.combos = []Combination{}
	}
}

// sgIDs canonicalises security-group references (names to IDs), sorted.
func (c *computer) sgIDs(refs []string) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		if sg, ok := model.Lookup[*model.SecurityGroup](c.ix, r); ok {
			r = sg.ID
		}
		out = appendUnique(out, r)
	}
	sort.Strings(out)
	return out
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// vpcRows counts the Lambda Hyperplane ENIs of every VPC that has one or
// that a function is configured for (R8.42).
func (c *computer) vpcRows() []VPC {
	counts := map[string]int{}
	for _, cb := range c.combos {
		counts[cb.VPC] += len(cb.ENIs)
	}
	out := make([]VPC, 0, len(counts))
	for id, n := range counts {
		v := VPC{ID: id, HyperplaneENIs: n, Quota: c.quota, Headroom: max(c.quota-n, 0)}
		if x, ok := model.Lookup[*model.VPC](c.ix, id); ok {
			v.Name = x.Name
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Label names a subnet with its Name tag when it has one.
func (s Subnet) Label() string {
	if s.Name != "" && s.Name != s.ID {
		return fmt.Sprintf("%s (%s)", s.ID, s.Name)
	}
	return s.ID
}
