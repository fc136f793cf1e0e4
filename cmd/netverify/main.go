// Command netverify simulates AWS network topologies and answers reachability
// and DNS questions about them, offline. Each subcommand lives in its own file
// and registers itself with register; main only runs the root command.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// exitError carries an exit code through cobra: 1 for "the answer is no" or
// "there are error diagnostics", 2 for bad input or usage.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

// usageErr is a command-line or input error: exit code 2.
func usageErr(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...)}
}

// silentExit ends the command with code without printing anything more.
func silentExit(code int) error { return &exitError{code: code} }

var commands []func() *cobra.Command

// register adds a subcommand constructor; each command file calls it from init.
func register(newCmd func() *cobra.Command) { commands = append(commands, newCmd) }

func newRootCmd(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "netverify",
		Short: "Simulate AWS networks offline: reachability, DNS and API calls, explained",
		Long: `netverify reads an AWS network (describe-JSON, CloudFormation/SAM, Terraform, or a
hand-written scenario) and answers, offline and in milliseconds: can this reach that, on
which ports, by which path, and if not, exactly what blocks it.

Without --in, every command uses the built-in example "serverless-hybrid".
Rule numbers in answers ([R9.7], (R2.12)) are explained in docs/RULES.md and by 'netverify explain R9.7'.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       currentVersion(),
	}
	root.SetVersionTemplate(versionLine() + "\n")
	bindNoCache(root)
	root.SetOut(stdout)
	root.SetErr(stderr)
	for _, c := range commands {
		root.AddCommand(c())
	}
	aliasInputFormat(root)
	addCompletions(root)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr("%v", err) })
	return root
}

// run executes the command line and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRootCmd(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return 0
	}
	code := 2 // cobra's own errors (unknown command, bad args) are usage errors.
	var ee *exitError
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err == nil {
			return code
		}
	}
	fmt.Fprintln(stderr, "netverify:", err)
	if wantsJSON(args) {
		writeErrorJSON(stdout, err.Error(), code)
	}
	return code
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
