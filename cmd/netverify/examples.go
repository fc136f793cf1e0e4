package main

import (
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
				return writeJSON(cmd.OutOrStdout(), examplesJSON(exs), true)
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

// exampleJSON is one built-in example in the --json contract (camelCase).
type exampleJSON struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Scenario    string `json:"scenario"`
	Description string `json:"description"`
}

func examplesJSON(exs []scenarios.Example) []exampleJSON {
	out := make([]exampleJSON, 0, len(exs))
	for _, e := range exs {
		out = append(out, exampleJSON{Name: e.Name, Title: e.Title, Scenario: e.Scenario, Description: e.Description})
	}
	return out
}
