package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/netverify/netverify/importers/load"
)

// formatFlag is a command's --format: one of the output formats it knows.
// The name once forced the input format (now --input-format); an input
// format's name given to --format still does that, so old scripts work.
type formatFlag struct {
	val     string
	allowed []string
	in      *inputFlags
}

func (f *formatFlag) String() string { return f.val }
func (f *formatFlag) Type() string   { return "format" }

func (f *formatFlag) Set(s string) error {
	if slices.Contains(f.allowed, s) {
		f.val = s
		return nil
	}
	if f.in != nil && isInputFormat(s) {
		f.in.format = s
		return nil
	}
	return fmt.Errorf("want one of %s", strings.Join(f.allowed, ", "))
}

// bindFormat adds --format FORMAT (the first allowed one is the default).
func bindFormat(cmd *cobra.Command, in *inputFlags, allowed ...string) *formatFlag {
	f := &formatFlag{val: allowed[0], allowed: allowed, in: in}
	cmd.Flags().Var(f, "format", "output `FORMAT`: "+strings.Join(allowed, ", "))
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(allowed, cobra.ShellCompDirectiveNoFileComp))
	return f
}

// isInputFormat reports whether s names an input format of --input-format.
func isInputFormat(s string) bool {
	for _, n := range load.FormatNames() {
		if name, _, _ := strings.Cut(n, ":"); name == s {
			return true
		}
	}
	return false
}

// aliasInputFormat gives every command that reads a network but prints one
// fixed way a hidden --format that forces the input format, as it used to.
func aliasInputFormat(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		aliasInputFormat(c)
	}
	in := cmd.Flags().Lookup("input-format")
	if in == nil || cmd.Flags().Lookup("format") != nil {
		return
	}
	cmd.Flags().AddFlag(&pflag.Flag{Name: "format", Usage: in.Usage, Value: in.Value, DefValue: in.DefValue, Hidden: true})
}
