package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
)

// addCompletions gives the shell completion of every command (cobra's
// `netverify completion bash|zsh|fish|powershell`) the values netverify
// knows: example names for --in, protocols, input formats, and the
// resource names of the network for SRC and DST.
func addCompletions(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		addCompletions(c)
	}
	fixed := func(flag string, values []string, files bool) {
		if cmd.Flags().Lookup(flag) == nil {
			return
		}
		dir := cobra.ShellCompDirectiveNoFileComp
		if files {
			dir = cobra.ShellCompDirectiveDefault
		}
		_ = cmd.RegisterFlagCompletionFunc(flag, func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return values, dir
		})
	}
	fixed("in", exampleSources(), true)
	fixed("intended", exampleSources(), true)
	fixed("live", exampleSources(), true)
	fixed("proto", []string{"tcp", "udp", "icmp", "any"}, false)
	fixed("input-format", inputFormatNames(), false)
	if cmd.Name() == "can-reach" {
		cmd.ValidArgsFunction = completeEndpoints
	}
	for _, flag := range []string{"to", "from", "focus"} {
		if cmd.Flags().Lookup(flag) != nil {
			_ = cmd.RegisterFlagCompletionFunc(flag, func(c *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
				return endpointNames(c, prefix), cobra.ShellCompDirectiveNoFileComp
			})
		}
	}
}

func exampleSources() []string {
	var out []string
	for _, e := range scenarios.Examples() {
		out = append(out, "example:"+e.Name)
	}
	return out
}

func inputFormatNames() []string {
	var out []string
	for _, n := range load.FormatNames() {
		name, _, _ := strings.Cut(n, ":")
		out = append(out, name)
	}
	return out
}

// completeEndpoints completes SRC and DST of can-reach.
func completeEndpoints(cmd *cobra.Command, args []string, prefix string) ([]string, cobra.ShellCompDirective) {
	if len(args) >= 2 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return endpointNames(cmd, prefix), cobra.ShellCompDirectiveNoFileComp
}

// endpointNames lists the names the network of the command's --in sources
// answers to (IDs and Name tags of the resources), and the words, that
// start with prefix. An input that does not load completes nothing.
func endpointNames(cmd *cobra.Command, prefix string) []string {
	srcs, _ := cmd.Flags().GetStringArray("in")
	if len(srcs) == 0 {
		srcs = []string{defaultSource}
	}
	snap, _, err := load.All(srcs, load.Options{Params: map[string]string{}})
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	out := []string{}
	add := func(s string) {
		if s != "" && !seen[s] && strings.HasPrefix(s, prefix) {
			seen[s] = true
			out = append(out, s)
		}
	}
	add("internet")
	add("onprem")
	snap.Each(func(k *model.KindInfo, r model.Resource) {
		switch k.Name {
		case "account", "region", "availability-zone":
			return
		}
		m := r.Base()
		add(m.Name)
		add(m.ID)
	})
	slices.Sort(out)
	return out
}
