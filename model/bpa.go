package model

// BPAMode is the account's VPC Block Public Access mode in a Region (R3.50).
type BPAMode string

const (
	// BPAOff lets traffic through internet and egress-only gateways (the default).
	BPAOff BPAMode = "off"
	// BPABidirectional blocks all traffic to and from internet gateways and
	// egress-only internet gateways, except for excluded VPCs and subnets.
	BPABidirectional BPAMode = "block-bidirectional"
	// BPAIngress blocks traffic from the internet; only connections opened
	// through NAT gateways and egress-only internet gateways go out (R3.51).
	BPAIngress BPAMode = "block-ingress"
)

// BPAExclusionMode is what an exclusion lets through for its VPC or subnet.
type BPAExclusionMode string

const (
	// BPAAllowBidirectional lets all internet traffic through.
	BPAAllowBidirectional BPAExclusionMode = "allow-bidirectional"
	// BPAAllowEgress lets outbound connections (and their responses) through.
	BPAAllowEgress BPAExclusionMode = "allow-egress"
)

// BlockPublicAccess is the VPC Block Public Access setting of one account in
// one Region (R3.50). An empty Account or Region applies to every one.
type BlockPublicAccess struct {
	Account string  `json:"account,omitempty"`
	Region  string  `json:"region,omitempty"`
	Mode    BPAMode `json:"mode"`
	Source  Source  `json:"source,omitempty"`
}

// BPAExclusion exempts one VPC or subnet from the Block Public Access mode
// (R3.52). Exclusions whose state is a deletion or a failure have no effect.
type BPAExclusion struct {
	ID      string           `json:"id,omitempty"`
	Account string           `json:"account,omitempty"`
	Region  string           `json:"region,omitempty"`
	VPC     string           `json:"vpc,omitempty"`
	Subnet  string           `json:"subnet,omitempty"`
	Mode    BPAExclusionMode `json:"mode"`
	State   string           `json:"state,omitempty"`
	Source  Source           `json:"source,omitempty"`
}

// Effective reports whether the exclusion is in force: created or updated
// (or of unknown state, as in a template or scenario).
func (x *BPAExclusion) Effective() bool {
	switch x.State {
	case "", "create-complete", "update-complete", "update-in-progress", "delete-in-progress":
		return true
	}
	return false
}

// Label names the exclusion for people.
func (x *BPAExclusion) Label() string {
	what := x.Subnet
	if what == "" {
		what = x.VPC
	}
	if x.ID != "" {
		return x.ID + " (" + string(x.Mode) + " for " + what + ")"
	}
	return string(x.Mode) + " exclusion for " + what
}

// BPAFor returns the Block Public Access setting that applies to a VPC of
// account in region, or nil when none is on. A setting naming the account
// and Region wins over a wildcard one.
func (s *Snapshot) BPAFor(account, region string) *BlockPublicAccess {
	var best *BlockPublicAccess
	score := -1
	for _, b := range s.BlockPublicAccess {
		if b.Account != "" && b.Account != account || b.Region != "" && b.Region != region {
			continue
		}
		n := 0
		if b.Account != "" {
			n++
		}
		if b.Region != "" {
			n++
		}
		if n > score {
			best, score = b, n
		}
	}
	if best == nil || best.Mode == BPAOff || best.Mode == "" {
		return nil
	}
	return best
}

// BPAExclusionFor returns the effective exclusion of the subnet, else of its
// VPC, the more permissive when both exist (R3.52), or nil.
func (s *Snapshot) BPAExclusionFor(vpc, subnet string) *BPAExclusion {
	var best *BPAExclusion
	for _, x := range s.BPAExclusions {
		if !x.Effective() || !(x.Subnet != "" && x.Subnet == subnet || x.Subnet == "" && x.VPC != "" && x.VPC == vpc) {
			continue
		}
		if best == nil || best.Mode == BPAAllowEgress && x.Mode == BPAAllowBidirectional {
			best = x
		}
	}
	return best
}

// bpa checks the Block Public Access modes and exclusions (R3.50, R3.52).
func (v *validator) bpa() {
	for _, b := range v.s.BlockPublicAccess {
		if b.Mode != BPAOff && b.Mode != BPABidirectional && b.Mode != BPAIngress && b.Mode != "" {
			v.ds.Add(SevError, b.Source, "block-public-access", "VPC Block Public Access mode %q: must be off, block-bidirectional or block-ingress", b.Mode)
		}
	}
	for _, x := range v.s.BPAExclusions {
		if x.Mode != BPAAllowBidirectional && x.Mode != BPAAllowEgress {
			v.ds.Add(SevError, x.Source, x.ID, "VPC Block Public Access exclusion mode %q: must be allow-bidirectional or allow-egress", x.Mode)
		}
		if x.VPC == "" && x.Subnet == "" {
			v.ds.Add(SevError, x.Source, x.ID, "a VPC Block Public Access exclusion names a VPC or a subnet")
		}
	}
}
