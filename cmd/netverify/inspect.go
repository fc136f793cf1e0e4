package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/model"
)

func init() { register(newInspectCmd) }

func newInspectCmd() *cobra.Command {
	in := inputFlags{lenient: true} // the diagnostics are inspect's output, not a reason to refuse
	var asJSON, list bool
	var kind string
	cmd := &cobra.Command{
		Use:   "inspect",
		Short: "Load inputs, print their diagnostics and an inventory",
		Long: `Load every --in source, lay them over each other, and print what was found:
the diagnostics (errors, warnings and what was skipped or assumed) and an inventory
with counts per resource type and per account, region and VPC.

--list prints one row per resource instead (ID, name, logical ID, type, VPC,
addresses), --type T only those of one type (vpc, subnet, eni, instance, ...).

Exit code: 0 without error diagnostics, 1 with some (the inventory is still printed),
2 when an input could not be used or the command line is wrong.`,
		Example: `  netverify inspect                                  # the built-in default example
  netverify inspect --in ./aws_configs               # a directory of aws describe-* JSON
  netverify inspect --in template.yaml --param Env=prod --in onprem.yaml
  netverify inspect --in example:nacl-ephemeral --json
  netverify inspect --list --type eni               # every interface with its addresses`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var k *model.KindInfo
			if kind != "" {
				if k = model.KindByName(kindAlias(kind)); k == nil {
					return usageErr("--type %q: want one of %s", kind, strings.Join(kindNames(), ", "))
				}
				list = true
			}
			snap, diags, err := in.load(cmd)
			if err != nil {
				return err
			}
			if list {
				if err := printList(cmd.OutOrStdout(), snap, k, asJSON); err != nil {
					return err
				}
				if diags.HasErrors() {
					return silentExit(1)
				}
				return nil
			}
			inv := inventoryOf(snap, diags)
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), inv, true); err != nil {
					return err
				}
			} else {
				inv.print(cmd.OutOrStdout())
			}
			if diags.HasErrors() {
				return silentExit(1)
			}
			return nil
		},
	}
	in.bind(cmd)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&list, "list", false, "list the resources: ID, name, logical ID, type, VPC, addresses")
	cmd.Flags().StringVar(&kind, "type", "", "list only the resources of `TYPE` (implies --list)")
	_ = cmd.RegisterFlagCompletionFunc("type", cobra.FixedCompletions(kindNames(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// inventory is what inspect prints; its JSON form is part of the CLI contract.
type inventory struct {
	Sources     []string           `json:"sources"`
	Errors      int                `json:"errors"`
	Warnings    int                `json:"warnings"`
	Infos       int                `json:"infos"`
	Diagnostics []model.Diagnostic `json:"diagnostics"`
	Total       int                `json:"total"`
	Counts      []kindCount        `json:"counts"`
	Locations   []location         `json:"locations"`
}

type kindCount struct {
	Kind  string `json:"kind"`
	Title string `json:"-"`
	Count int    `json:"count"`
}

// location is one account/region/VPC with its resource counts.
type location struct {
	Account string      `json:"account"`
	Region  string      `json:"region"`
	VPC     string      `json:"vpc,omitempty"`
	Name    string      `json:"name,omitempty"`
	CIDRs   []string    `json:"cidrs,omitempty"`
	Counts  []kindCount `json:"counts"`
}

func inventoryOf(s *model.Snapshot, ds model.Diagnostics) inventory {
	inv := inventory{Sources: s.Origins, Diagnostics: ds, Total: s.Len(),
		Errors: ds.Count(model.SevError), Warnings: ds.Count(model.SevWarning), Infos: ds.Count(model.SevInfo)}
	if inv.Diagnostics == nil {
		inv.Diagnostics = []model.Diagnostic{}
	}
	for _, k := range model.Kinds {
		if n := len(k.List(s)); n > 0 {
			inv.Counts = append(inv.Counts, kindCount{Kind: k.Name, Title: k.Title, Count: n})
		}
	}
	inv.Locations = locationsOf(s)
	return inv
}

func locationsOf(s *model.Snapshot) []location {
	type key struct{ account, region, vpc string }
	counts := map[key]map[*model.KindInfo]int{}
	s.Each(func(k *model.KindInfo, r model.Resource) {
		if k.Name == "account" || k.Name == "region" {
			return // they are the grouping itself
		}
		m := r.Base()
		kk := key{orDash(m.Account), orDash(m.Region), model.VPCOf(r)}
		if counts[kk] == nil {
			counts[kk] = map[*model.KindInfo]int{}
		}
		if k.Name != "vpc" {
			counts[kk][k]++
		}
	})
	vpcs := map[string]*model.VPC{}
	for _, v := range s.VPCs {
		vpcs[v.ID] = v
	}
	var out []location
	for kk, byKind := range counts {
		loc := location{Account: kk.account, Region: kk.region, VPC: kk.vpc}
		if v := vpcs[kk.vpc]; v != nil {
			loc.Name = v.Name
			for _, c := range v.CIDRs {
				loc.CIDRs = append(loc.CIDRs, c.String())
			}
		}
		for _, k := range model.Kinds {
			if n := byKind[k]; n > 0 {
				loc.Counts = append(loc.Counts, kindCount{Kind: k.Name, Title: k.Title, Count: n})
			}
		}
		out = append(out, loc)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Account != b.Account {
			return a.Account < b.Account
		}
		if a.Region != b.Region {
			return a.Region < b.Region
		}
		return a.VPC < b.VPC
	})
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func (inv inventory) print(w io.Writer) {
	fmt.Fprintf(w, "Sources: %s\n", strings.Join(inv.Sources, ", "))
	fmt.Fprintf(w, "Diagnostics: %d errors, %d warnings, %d infos\n", inv.Errors, inv.Warnings, inv.Infos)
	for _, d := range inv.Diagnostics {
		fmt.Fprintf(w, "  %s\n", diagLine(d))
	}
	fmt.Fprintf(w, "\nInventory: %d resources\n", inv.Total)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range inv.Counts {
		fmt.Fprintf(tw, "  %s\t%d\n", c.Title, c.Count)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nBy account, region and VPC:")
	last := ""
	for _, l := range inv.Locations {
		if head := l.Account + " " + l.Region; head != last {
			fmt.Fprintf(w, "  account %s, region %s\n", l.Account, l.Region)
			last = head
		}
		fmt.Fprintf(w, "    %s: %s\n", l.title(), l.summary())
	}
}

func (l location) title() string {
	if l.VPC == "" {
		return "outside any VPC"
	}
	t := l.VPC
	if l.Name != "" {
		t += " " + l.Name
	}
	if len(l.CIDRs) > 0 {
		t += " (" + strings.Join(l.CIDRs, ", ") + ")"
	}
	return t
}

func (l location) summary() string {
	parts := make([]string, 0, len(l.Counts))
	for _, c := range l.Counts {
		parts = append(parts, fmt.Sprintf("%d %s", c.Count, c.Title))
	}
	if len(parts) == 0 {
		return "empty"
	}
	return strings.Join(parts, ", ")
}
