package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/internal/codes"
	"github.com/netverify/netverify/internal/rules"
)

func init() { register(newExplainCmd) }

func newExplainCmd() *cobra.Command {
	var asJSON, listCodes bool
	cmd := &cobra.Command{
		Use:   "explain [RULE|SCENARIO|CODE]...",
		Short: "Explain a rule (R9.7), scenario (S5) or explanation code (SUBNET_ACL_RESTRICTION) of an answer",
		Long: `Print what a rule or scenario number means: its statement, what netverify decides where
AWS's pages are silent, the AWS documentation it follows, and where it is in docs/RULES.md.
Numbers may be written R9.7, r9-7 or R9.5(b). Without arguments, list every rule and scenario.

An explanation code (the code of a "blocked by" or "unknown because" line, or of a way
of calling an API: NO_ROUTE_TO_DESTINATION, POLICY_DENY, ...) prints what it means and
what to check; --codes lists every code.
Exit 2 for a number or code the reference does not define.`,
		Example: `  netverify explain R9.7
  netverify explain R2.12 S7
  netverify explain SUBNET_ACL_RESTRICTION
  netverify explain --codes
  netverify explain`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if listCodes || (len(args) > 0 && codes.IsCode(args[0])) {
				return explainCodes(cmd.OutOrStdout(), args, asJSON)
			}
			all := rules.All()
			entries := all
			if len(args) > 0 {
				entries = nil
				for _, a := range args {
					if codes.IsCode(a) {
						return usageErr("explain %s: give rules and codes in separate calls", a)
					}
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
	cmd.Flags().BoolVar(&listCodes, "codes", false, "list every explanation code")
	return cmd
}

// explainCodes prints the codes asked (every code without arguments).
func explainCodes(w io.Writer, args []string, asJSON bool) error {
	entries := codes.All()
	if len(args) > 0 {
		entries = nil
		for _, a := range args {
			if !codes.IsCode(a) {
				return usageErr("explain %s: give rules and codes in separate calls", a)
			}
			e, err := codes.Lookup(a)
			if err != nil {
				return usageErr("%v", err)
			}
			entries = append(entries, e)
		}
	}
	if asJSON {
		return writeJSON(w, entries, true)
	}
	for i, e := range entries {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "%s (%s)\n  %s\n  check: %s\n", e.Code, codeArea(e.Area), e.Meaning, e.Check)
		if len(e.Rules) > 0 {
			fmt.Fprintf(w, "  rules: %s (netverify explain %s)\n", strings.Join(e.Rules, ", "), e.Rules[0])
		}
	}
	return nil
}

func codeArea(a string) string {
	if a == "api" {
		return "a way of calling an API"
	}
	return "the walk of a packet"
}
