package main

import (
	"github.com/spf13/cobra"

	"github.com/netverify/netverify/internal/rules"
)

func init() { register(newExplainCmd) }

func newExplainCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "explain [RULE|SCENARIO]...",
		Short: "Explain a rule (R9.7) or scenario (S5) that answers cite",
		Long: `Print what a rule or scenario number means: its statement, what netverify decides where
AWS's pages are silent, the AWS documentation it follows, and where it is in docs/RULES.md.
Numbers may be written R9.7, r9-7 or R9.5(b). Without arguments, list every rule and scenario.
Exit 2 for a number the reference does not define.`,
		Example: `  netverify explain R9.7
  netverify explain R2.12 S7
  netverify explain`,
		RunE: func(cmd *cobra.Command, args []string) error {
			all := rules.All()
			entries := all
			if len(args) > 0 {
				entries = nil
				for _, a := range args {
					e, err := rules.Lookup(a)
					if err != nil {
						return usageErr("%v", err)
					}
					entries = append(entries, e)
				}
			}
			out := cmd.OutOrStdout()
			switch {
			case asJSON:
				return writeJSON(out, entries, true)
			case len(args) == 0:
				rules.WriteIndex(out, all)
			default:
				for i, e := range entries {
					if i > 0 {
						cmd.Println()
					}
					rules.Write(out, e, all)
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
