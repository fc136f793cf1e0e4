// Package synth generates a realistic synthetic AWS estate as a directory of
// `aws ec2 describe-*` JSON files in the Batfish layout
// (DIR/accounts/<account>/<region>/<TopLevelKey>.json), the same layout
// importers/awsjson reads and importers/awsapi writes. It feeds benchmarks
// and demos.
//
// The estate has one network account that owns a transit gateway per Region
// (prod, nonprod and shared route tables with propagations, static and
// blackhole routes, inter-Region peering: R5) and a shared-services egress
// VPC per Region; workload accounts own the other VPCs. Each VPC has public,
// app, data and TGW subnets in two or three AZs, route tables with local,
// IGW, NAT, TGW, peering and gateway-endpoint (prefix list) routes (R1),
// NACLs with numbered allow and deny rules and SGs that reference SGs and
// prefix lists (R2), gateway and interface endpoints (R7), and about
// Options.ENIsPerVPC ENIs: instances, NAT, endpoint, load balancer, Lambda
// Hyperplane (R8), RDS and TGW attachment interfaces.
//
// Output is a pure function of Options: the same seed gives byte-identical
// files. Every reference resolves inside the estate, and VPC CIDRs are
// disjoint /22s. Files are streamed one item at a time, one Region in memory.
package synth

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Options says what to generate.
type Options struct {
	VPCs       int    // total VPCs, including one shared-services VPC per Region; 1..MaxVPCs
	Seed       int64  // same seed, same bytes
	Out        string // output directory; must be empty or absent unless Force
	Force      bool   // write into a non-empty Out, replacing Out/accounts
	ENIsPerVPC int    // target ENIs per VPC; 0 means DefaultENIsPerVPC
}

const (
	// MaxVPCs bounds an estate: each Region's /10 holds 4096 /22 VPC blocks.
	MaxVPCs = 10000
	// DefaultENIsPerVPC matches the benchmark estate (1,000 VPCs, 50,000 ENIs).
	DefaultENIsPerVPC = 50
	// maxENIsPerVPC keeps ENIs within the app subnets' free addresses.
	maxENIsPerVPC = 200
)

var (
	// ErrOutNotEmpty is returned when Options.Out has files and Force is off.
	ErrOutNotEmpty = errors.New("output directory is not empty")
	// ErrBadOptions is wrapped by every error about out-of-range Options.
	ErrBadOptions = errors.New("invalid synth options")
)

// Summary counts what Generate wrote.
type Summary struct {
	Accounts        int
	Regions         int
	VPCs            int
	Subnets         int
	ENIs            int
	TransitGateways int
	Peerings        int
	Files           int
	Bytes           int64
}

// String is the one-line summary the CLI prints.
func (s Summary) String() string {
	return fmt.Sprintf("%s, %s, %s, %s, %s, %s, %s: %s, %s",
		plural(s.Accounts, "account"), plural(s.Regions, "region"), plural(s.VPCs, "VPC"),
		plural(s.Subnets, "subnet"), plural(s.ENIs, "ENI"), plural(s.TransitGateways, "transit gateway"),
		plural(s.Peerings, "VPC peering"), plural(s.Files, "file"), humanBytes(s.Bytes))
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// Generate writes the estate described by opts.
func Generate(opts Options) error {
	_, err := Write(opts)
	return err
}

// Write writes the estate described by opts and reports what it wrote.
func Write(opts Options) (Summary, error) {
	if err := opts.check(); err != nil {
		return Summary{}, err
	}
	if err := prepareOut(opts.Out, opts.Force); err != nil {
		return Summary{}, err
	}
	e := newEstate(opts)
	w := &writer{root: filepath.Join(opts.Out, "accounts")}
	for r := range e.regions {
		if err := e.writeRegion(w, r); err != nil {
			return Summary{}, err
		}
	}
	e.sum.Files, e.sum.Bytes = w.files, w.bytes
	return e.sum, nil
}

func (o *Options) check() error {
	if o.VPCs < 1 || o.VPCs > MaxVPCs {
		return fmt.Errorf("synth: the number of VPCs must be between 1 and %d, got %d: %w", MaxVPCs, o.VPCs, ErrBadOptions)
	}
	if o.Out == "" {
		return fmt.Errorf("synth: an output directory is required: %w", ErrBadOptions)
	}
	if o.ENIsPerVPC == 0 {
		o.ENIsPerVPC = DefaultENIsPerVPC
	}
	if o.ENIsPerVPC < 0 || o.ENIsPerVPC > maxENIsPerVPC {
		return fmt.Errorf("synth: ENIs per VPC must be between 1 and %d, got %d: %w", maxENIsPerVPC, o.ENIsPerVPC, ErrBadOptions)
	}
	return nil
}

// prepareOut refuses a non-empty directory unless force; with force it
// removes only the accounts/ tree a previous run wrote, never other files.
func prepareOut(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return os.MkdirAll(dir, 0o755)
	case err != nil:
		return fmt.Errorf("synth: %w", err)
	case len(entries) > 0 && !force:
		return fmt.Errorf("synth: %s: %w (use --force to replace its accounts/ tree)", dir, ErrOutNotEmpty)
	}
	if err := os.RemoveAll(filepath.Join(dir, "accounts")); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}
