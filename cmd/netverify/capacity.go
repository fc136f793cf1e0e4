package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/solver/capacity"
)

func init() { register(newCapacityCmd) }

func newCapacityCmd() *cobra.Command {
	var in inputFlags
	var asJSON bool
	var quota int
	cmd := &cobra.Command{
		Use:   "capacity",
		Short: "Free addresses and Hyperplane ENI headroom for Lambda, endpoints, Resolver endpoints and VPC links",
		Long: `For every subnet that holds Lambda, interface endpoint, Resolver endpoint or
VPC link interfaces (or that a Lambda function is configured for): the free IPv4
addresses (EC2's AvailableIpAddressCount when the input has it, else the block
size minus the 5 reserved addresses minus the interfaces in the input), the
interfaces by kind, the Lambda Hyperplane ENIs by subnet and security-group
combination, the Hyperplane ENIs of each VPC against the per-VPC quota, and a
warning wherever a new combination or a scale-out would not fit.

Exit code: 0 without warnings, 1 with some, 2 when an input could not be used.`,
		Example: `  netverify capacity --in ./aws_configs
  netverify capacity --in template.yaml --quota 1000 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if quota < 0 {
				return usageErr("--quota must be positive, got %d", quota)
			}
			snap, _, err := in.load(cmd)
			if err != nil {
				return err
			}
			r := capacity.Compute(snap, quota)
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), r, true); err != nil {
					return err
				}
			} else {
				printCapacity(cmd.OutOrStdout(), r)
			}
			if len(r.Warnings) > 0 {
				return silentExit(1)
			}
			return nil
		},
	}
	in.bind(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().IntVar(&quota, "quota", capacity.DefaultHyperplaneQuota, "Lambda Hyperplane ENIs allowed per VPC (the AWS default unless raised)")
	return cmd
}

func printCapacity(w io.Writer, r capacity.Report) {
	if len(r.Subnets) == 0 {
		fmt.Fprintln(w, "No subnet holds Lambda, interface endpoint, Resolver endpoint or VPC link interfaces.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SUBNET\tVPC\tAZ\tCIDR\tFREE\tOF\tLAMBDA\tENDPOINT\tRESOLVER\tVPC-LINK\tOTHER")
	for _, s := range r.Subnets {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d (%s)\t%d\t%d\t%d\t%d\t%d\t%d\n", s.Label(), s.VPC, orDash(s.AZ), s.CIDR,
			s.Free, s.FreeSource, s.Usable, s.Lambda, s.Endpoint, s.Resolver, s.VPCLink, s.Other)
	}
	tw.Flush()
	if len(r.Combinations) > 0 {
		fmt.Fprintln(w, "\nLambda Hyperplane ENIs, one per subnet and security-group combination (R8.1):")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "SUBNET\tSECURITY GROUPS\tENIS\tFUNCTIONS")
		for _, c := range r.Combinations {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\n", c.Subnet, orDash(strings.Join(c.SecurityGroups, ",")), len(c.ENIs), orDash(strings.Join(c.Functions, ", ")))
		}
		tw.Flush()
	}
	if len(r.VPCs) > 0 {
		fmt.Fprintf(w, "\nHyperplane ENIs per VPC against the quota of %d (R8.42):\n", r.Quota)
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "VPC\tIN USE\tQUOTA\tHEADROOM")
		for _, v := range r.VPCs {
			fmt.Fprintf(tw, "%s\t%d\t%d\t%d\n", v.ID, v.HyperplaneENIs, v.Quota, v.Headroom)
		}
		tw.Flush()
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintf(w, "\n%d warning%s:\n", len(r.Warnings), map[bool]string{true: "", false: "s"}[len(r.Warnings) == 1])
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "  %s\n", x)
		}
	}
}
