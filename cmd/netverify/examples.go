package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/scenarios"
)

func init() { register(newExamplesCmd) }

func newExamplesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "examples",
		Short: "List the built-in example networks",
		Long: `List the built-in example networks. Each models a scenario of the AWS semantics
reference and carries intents (expected answers) that 'netverify check' runs.
Load one with --in example:NAME; without --in, commands use ` + scenarios.DefaultExample + `.`,
		Example: `  netverify examples
  netverify inspect --in example:transitive-peering`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			exs := scenarios.Examples()
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(exs)
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "NAME\tSCENARIO\tDESCRIPTION")
			for _, e := range exs {
				name := e.Name
				if name == scenarios.DefaultExample {
					name += " (default)"
				}
				fmt.Fprintf(w, "%s\t%s\t%s\n", name, e.Scenario, e.Title)
			}
			return w.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
