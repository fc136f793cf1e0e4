package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/cmd/netverify/internal/answertext"
	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/reach"
)

// defaultSource is what every command reads without --in.
const defaultSource = "example:serverless-hybrid"

// inputFlags are the flags every command that reads a network shares.
type inputFlags struct {
	in     []string
	format string
	params []string
	// allowErrors answers despite error diagnostics (--allow-errors); every
	// answer then carries a warning naming them.
	allowErrors bool
	// lenient loads inputs with error diagnostics without refusing them (inspect: they are its output).
	lenient bool
	// diags are the diagnostics of the last load, for the warnings printed with answers.
	diags model.Diagnostics
	// caveat is the --allow-errors warning: JSON answers and each answer of a batch carry it.
	caveat string
}

func (f *inputFlags) bind(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringArrayVar(&f.in, "in", nil, "input `SOURCE`: a describe-JSON directory, a CloudFormation/SAM template, a Terraform state or plan,\n"+
		"a scenario file, or example:NAME (repeatable; later sources are laid over earlier ones; default "+defaultSource+")")
	fl.StringVar(&f.format, "input-format", "", "force the input format instead of detecting it: scenario, example, awsjson, cfn, terraform")
	fl.StringArrayVar(&f.params, "param", nil, "CloudFormation parameter `Name=Value` (repeatable)")
	if !f.lenient {
		bindAllowErrors(cmd, &f.allowErrors)
	}
}

// bindAllowErrors declares --allow-errors on a question command.
func bindAllowErrors(cmd *cobra.Command, p *bool) {
	cmd.Flags().BoolVar(p, "allow-errors", false, "answer even when the inputs have error diagnostics (every answer then carries a warning naming them)")
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
// is returned as exit code 2 after the diagnostics that explain it. A
// question command (not lenient) refuses inputs with any error diagnostic
// unless --allow-errors is given: an answer about a network the inputs do not
// describe correctly would look confident and be wrong. With --allow-errors the
// errors are printed on stderr and a warning naming them heads the answer.
func (f *inputFlags) load(cmd *cobra.Command) (*model.Snapshot, model.Diagnostics, error) {
	opts, err := f.options()
	if err != nil {
		return nil, nil, err
	}
	snap, diags, err := loadCached(cmd, f.sources(), opts)
	f.diags = diags
	if err != nil && (f.lenient || !f.allowErrors || snap == nil) {
		printDiagnostics(cmd.ErrOrStderr(), diags, model.SevWarning)
		return nil, diags, usageErr("%v%s", err, allowHint(f.lenient))
	}
	if f.lenient || !diags.HasErrors() {
		return snap, diags, nil
	}
	printDiagnostics(cmd.ErrOrStderr(), diags, model.SevError)
	n := diags.Count(model.SevError)
	if !f.allowErrors {
		return nil, diags, usageErr("the inputs have %s: no answer about a network they may describe wrongly%s", plural(n, "error"), allowHint(false))
	}
	caveat := "warning: answered despite " + plural(n, "input error") + ", the answer may be wrong: " + errorSummary(diags)
	if printedBefore(cmd, caveat) { // drift loads two sides, often the same files
		return snap, diags, nil
	}
	fmt.Fprintln(cmd.ErrOrStderr(), caveat)
	f.caveat = strings.TrimPrefix(caveat, "warning: ")
	if !jsonOutput(cmd) {
		fmt.Fprintln(cmd.OutOrStdout(), caveat)
	}
	return snap, diags, nil
}

func allowHint(lenient bool) string {
	if lenient {
		return ""
	}
	return " (fix them, or give --allow-errors to answer anyway)"
}

// maxNamedErrors bounds how many errors the --allow-errors warning names.
const maxNamedErrors = 3

// errorSummary names the first error diagnostics by position, then how many more.
func errorSummary(ds model.Diagnostics) string {
	var parts []string
	n := 0
	for _, d := range ds {
		if d.Severity != model.SevError {
			continue
		}
		if n++; n <= maxNamedErrors {
			parts = append(parts, diagLine(d))
		}
	}
	if n > maxNamedErrors {
		parts = append(parts, fmt.Sprintf("and %d more", n-maxNamedErrors))
	}
	return strings.Join(parts, "; ")
}

// jsonOutput reports whether the command prints JSON (its --json flag is set):
// the --allow-errors warning then goes to stderr only, keeping stdout parseable.
func jsonOutput(cmd *cobra.Command) bool {
	fl := cmd.Flags().Lookup("json")
	return fl != nil && fl.Value.String() == "true"
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
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

// onPath returns the warnings and errors of the inputs about the resources an
// answer passes through or is blocked by (a dangling reference, a conflicting
// definition): they can change the verdict, so they are printed with it.
// withCaveat adds the --allow-errors warning (for JSON answers and batches,
// where the warning at the top of the output does not head each answer).
func (f *inputFlags) onPath(a *reach.Answer, withCaveat bool) []string {
	caveat := ""
	if withCaveat {
		caveat = f.caveat
	}
	return answertext.OnPath(a, f.diags, caveat)
}

// printedBefore reports whether the command already printed text, and notes it.
func printedBefore(cmd *cobra.Command, text string) bool {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	key := "printed:" + text
	_, done := cmd.Annotations[key]
	cmd.Annotations[key] = ""
	return done
}
