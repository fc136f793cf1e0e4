package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/model"
)

// defaultSource is what every command reads without --in.
const defaultSource = "example:serverless-hybrid"

// inputFlags are the flags every command that reads a network shares.
type inputFlags struct {
	in     []string
	format string
	params []string
}

func (f *inputFlags) bind(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringArrayVar(&f.in, "in", nil, "input `SOURCE`: a describe-JSON directory, a CloudFormation/SAM template, a Terraform state or plan,\n"+
		"a scenario file, or example:NAME (repeatable; later sources are laid over earlier ones; default "+defaultSource+")")
	fl.StringVar(&f.format, "input-format", "", "force the input format instead of detecting it: scenario, example, awsjson, cfn, terraform")
	fl.StringArrayVar(&f.params, "param", nil, "CloudFormation parameter `Name=Value` (repeatable)")
}

func (f *inputFlags) sources() []string {
	if len(f.in) == 0 {
		return []string{defaultSource}
	}
	return f.in
}

func (f *inputFlags) options() (load.Options, error) {
	opts := load.Options{Format: f.format, Params: map[string]string{}}
	for _, p := range f.params {
		name, value, ok := strings.Cut(p, "=")
		if !ok || name == "" {
			return opts, usageErr("--param %q: want Name=Value", p)
		}
		opts.Params[name] = value
	}
	return opts, nil
}

// load reads the sources. Errors and warnings go to stderr; an input error
// is returned as exit code 2 after the diagnostics that explain it.
func (f *inputFlags) load(cmd *cobra.Command) (*model.Snapshot, model.Diagnostics, error) {
	opts, err := f.options()
	if err != nil {
		return nil, nil, err
	}
	snap, diags, err := load.All(f.sources(), opts)
	if err != nil {
		printDiagnostics(cmd.ErrOrStderr(), diags, model.SevWarning)
		return nil, diags, usageErr("%v", err)
	}
	return snap, diags, nil
}

// printDiagnostics writes the diagnostics at or above min, one a line:
// errors as "file:line:col: message", others with their severity.
func printDiagnostics(w io.Writer, ds model.Diagnostics, min model.Severity) {
	for _, d := range ds {
		if d.Severity < min {
			continue
		}
		fmt.Fprintln(w, diagLine(d))
	}
}

func diagLine(d model.Diagnostic) string {
	if d.Severity != model.SevError {
		return d.String()
	}
	s := d.Message
	if d.Resource != "" && !strings.Contains(s, d.Resource) {
		s += " [" + d.Resource + "]"
	}
	if src := d.Source.String(); src != "" {
		return src + ": " + s
	}
	return "error: " + s
}
