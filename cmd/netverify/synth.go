package main

import (
	"errors"
	"fmt"

	"github.com/netverify/netverify/importers/synth"
	"github.com/spf13/cobra"
)

func init() { register(newSynthCmd) }

// synthOptions binds the flags of `netverify synth`.
type synthOptions struct {
	vpcs  int
	seed  int64
	out   string
	force bool
	enis  int
}

func newSynthCmd() *cobra.Command {
	var o synthOptions
	cmd := &cobra.Command{
		Use:   "synth --vpcs N [--seed S] --out DIR",
		Short: "Generate a realistic synthetic AWS estate as describe-* JSON",
		Long: `synth writes a synthetic AWS estate as a directory of JSON files exactly as
"aws ec2 describe-*" prints them, in the Batfish layout
DIR/accounts/<account>/<region>/<TopLevelKey>.json, ready for --in DIR.

The estate has a network account with a transit gateway per region (prod,
nonprod and shared route tables, propagations, static and blackhole routes,
inter-region peering) and a shared-services egress VPC per region, plus
workload accounts whose VPCs have public, app, data and TGW subnets in 2-3
AZs, IGWs and NAT gateways, S3/DynamoDB gateway endpoints, interface
endpoints, NACLs with deny rules, security groups referencing security
groups and prefix lists, VPC peerings, and about 50 ENIs each (instances,
NAT, endpoint, load balancer, Lambda, RDS and TGW interfaces).

The same --seed always writes byte-identical files. A non-empty --out is
refused unless --force, which replaces only DIR/accounts.`,
		Example: `  # a small estate for a demo
  netverify synth --vpcs 3 --out /tmp/demo
  netverify inspect --in /tmp/demo

  # the benchmark estate: 1,000 VPCs, ~10,000 subnets, 50,000 ENIs
  netverify synth --vpcs 1000 --seed 7 --out /tmp/estate --force`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSynth(cmd, o) },
	}
	f := cmd.Flags()
	f.IntVar(&o.vpcs, "vpcs", 0, fmt.Sprintf("number of VPCs to generate (1-%d, required)", synth.MaxVPCs))
	f.Int64Var(&o.seed, "seed", 1, "random seed; the same seed writes the same bytes")
	f.StringVar(&o.out, "out", "", "output directory (required)")
	f.BoolVar(&o.force, "force", false, "write into a non-empty --out, replacing its accounts/ tree")
	f.IntVar(&o.enis, "enis-per-vpc", synth.DefaultENIsPerVPC, "target number of ENIs per VPC")
	return cmd
}

func runSynth(cmd *cobra.Command, o synthOptions) error {
	if o.vpcs == 0 {
		return usageErr("synth: --vpcs is required, e.g. --vpcs 100")
	}
	if o.out == "" {
		return usageErr("synth: --out is required, e.g. --out /tmp/estate")
	}
	sum, err := synth.Write(synth.Options{VPCs: o.vpcs, Seed: o.seed, Out: o.out, Force: o.force, ENIsPerVPC: o.enis})
	if err != nil {
		if errors.Is(err, synth.ErrOutNotEmpty) || errors.Is(err, synth.ErrBadOptions) {
			return usageErr("%v", err)
		}
		return err
	}
	fmt.Fprintf(cmd.OutOrStdout(), "wrote %s to %s\n", sum, o.out)
	return nil
}
