package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/importers/awsapi"
	"github.com/netverify/netverify/solver/diff"
)

func init() { register(newDriftCmd) }

// driftOpts binds the flags of drift.
type driftOpts struct {
	intended, live inputFlags
	json           bool
	full           bool
	color          string
	aws            importOptions // --live aws: the live import's flags
}

func newDriftCmd() *cobra.Command {
	o := &driftOpts{}
	cmd := &cobra.Command{
		Use:   "drift --intended SOURCE --live SOURCE",
		Short: "What changed between the intended and the live network, and which flows it opens or closes",
		Long: `drift compares the intended network (a template, plan, state, scenario or describe-JSON
directory) with the live one and reports:

  resources added, removed and changed, matched by ID, or for placeholder IDs of templates
  and plans by CloudFormation logical ID, by a structural key (VPC CIDR, subnet CIDR, route
  table associations, ...) or by Name tag; with the differences that matter to the network:
  routes (dest → target), security-group rules, NACL entries, associations, endpoint settings

  the flows each change opens or closes: the classes of flows a change can affect are asked
  on both networks (forward and return path): for a security group whose rules changed, the
  interfaces carrying it with the peers and ports of the added or removed rules; for a NACL
  or a route table whose entries or routes changed, the interfaces of its subnets with the
  addresses the changed entries or routes match; for anything else (or when a NAT, load
  balancer, appliance or gateway may carry the flows) every class between the interfaces of
  the VPCs the change touches and every other interface, internet range and on-premises
  range; a flow is attributed to the change that alone turns the intended verdict into the
  live one. --full asks every one of those classes for every change (slower, same report)

The report reads like a plan: resources marked + added, - removed, ~ changed with the
fields that changed, then the flows each change opens (+), closes (-) or leaves
undecided (?, unknown on one side), then a summary line. Marks are coloured on a
terminal (--color always|never; NO_COLOR turns auto off).

--live aws imports the live account first, read-only, as 'import aws' does (--profile,
--region, --all-regions, --role-arn), into a temporary directory that is removed after.

Exit code: 0 no drift, 1 drift (resources or reachability), 2 usage or input error.

--json prints one object: drift (bool), opened, closed, questions, warnings, and changes: a
list of {kind, id, intendedId, name, change (added|removed|changed), matchedBy, details
(list of strings), flows: [{proto, ports, src, srcCidrs, dst, dstCidrs, intended, live,
effect (opened|closed), with}]}.`,
		Example: `  netverify drift --intended template.yaml --live ./aws_configs
  netverify drift --intended ./baseline --live ./today --json
  netverify drift --intended template.yaml --live aws --profile prod --region eu-west-1`,
		RunE: func(cmd *cobra.Command, args []string) error { return o.run(cmd, args) },
	}
	f := cmd.Flags()
	f.StringArrayVar(&o.intended.in, "intended", nil, "intended `SOURCE` (repeatable, as --in)")
	f.StringArrayVar(&o.live.in, "live", nil, "live `SOURCE` (repeatable, as --in)")
	f.StringArrayVar(&o.intended.params, "param", nil, "CloudFormation parameter `Name=Value` for the intended sources (repeatable)")
	f.BoolVar(&o.json, "json", false, "print JSON")
	f.BoolVar(&o.full, "full", false, "re-ask every flow class around the touched VPCs, not only those the changes can affect")
	bindAllowErrors(cmd, &o.intended.allowErrors)
	f.StringVar(&o.aws.profile, "profile", "", "with --live aws: the shared config profile")
	f.StringArrayVar(&o.aws.regions, "region", nil, "with --live aws: region to read (repeatable)")
	f.BoolVar(&o.aws.allRegions, "all-regions", false, "with --live aws: read every enabled region")
	f.StringArrayVar(&o.aws.roleARNs, "role-arn", nil, "with --live aws: role to assume, one account each (repeatable)")
	f.StringVar(&o.aws.endpointURL, "endpoint-url", "", "with --live aws: send every call to this endpoint (an emulator)")
	f.IntVar(&o.aws.maxAttempts, "max-attempts", awsapi.DefaultMaxAttempts, "with --live aws: tries per API request")
	f.StringVar(&o.color, "color", "auto", "colour the report's marks: auto (on a terminal, unless NO_COLOR is set), always or never")
	return cmd
}

func (o *driftOpts) run(cmd *cobra.Command, args []string) error {
	if len(args) != 0 || len(o.intended.in) == 0 || len(o.live.in) == 0 {
		return usageErr("drift needs --intended SOURCE and --live SOURCE")
	}
	if o.color != "auto" && o.color != "always" && o.color != "never" {
		return usageErr("--color %q: want auto, always or never", o.color)
	}
	o.live.params, o.live.allowErrors = o.intended.params, o.intended.allowErrors
	if len(o.live.in) == 1 && o.live.in[0] == "aws" {
		dir, err := o.importLive(cmd)
		if dir != "" {
			defer os.RemoveAll(dir)
		}
		if err != nil {
			return err
		}
		o.live.in = []string{dir}
	}
	in, _, err := o.intended.load(cmd)
	if err != nil {
		return err
	}
	live, _, err := o.live.load(cmd)
	if err != nil {
		return err
	}
	r := diff.CompareWith(in, live, diff.Options{Full: o.full})
	w := cmd.OutOrStdout()
	if o.json {
		if err := writeJSON(w, r, true); err != nil {
			return err
		}
	} else {
		r.WritePlan(w, useColour(o.color, w))
	}
	if r.Drift {
		return silentExit(1)
	}
	return nil
}

// importLive reads the live account (--live aws) read-only into a
// temporary describe-JSON directory, as import aws does, and returns it.
func (o *driftOpts) importLive(cmd *cobra.Command) (string, error) {
	dir, err := os.MkdirTemp("", "netverify-live-")
	if err != nil {
		return "", err
	}
	o.aws.out, o.aws.concurrency = dir, awsapi.DefaultConcurrency
	o.aws.reqTimeout, o.aws.deadline = awsapi.DefaultRequestTimeout, awsapi.DefaultDeadline
	opts, err := o.aws.awsOptions()
	if err != nil {
		return dir, err
	}
	m, err := awsapi.Import(cmd.Context(), opts)
	if errors.Is(err, awsapi.ErrBadOptions) {
		return dir, usageErr("drift --live aws: %v", err)
	}
	if err != nil {
		return dir, &exitError{code: 2, err: fmt.Errorf("drift --live aws: %w", err)}
	}
	m.Summary(cmd.ErrOrStderr())
	return dir, nil
}

// useColour decides colour: always, never, or auto: on a terminal and
// without NO_COLOR (https://no-color.org).
func useColour(mode string, w io.Writer) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
