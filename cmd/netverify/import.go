package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"time"

	"github.com/netverify/netverify/importers/awsapi"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func init() { register(newImportCmd) }

// importOptions binds the flags of `netverify import aws`.
type importOptions struct {
	profile     string
	regions     []string
	allRegions  bool
	roleARNs    []string
	endpointURL string
	out         string
	concurrency int
	maxAttempts int
	verbose     bool
	reqTimeout  time.Duration
	deadline    time.Duration
}

func newImportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import",
		Short: "Import a network from a live source into a describe-JSON directory",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageErr("import: name a source, e.g. `netverify import aws --region eu-west-1 --out DIR`")
		},
	}
	cmd.AddCommand(newImportAWSCmd())
	return cmd
}

func newImportAWSCmd() *cobra.Command {
	var o importOptions
	cmd := &cobra.Command{
		Use:   "aws [--profile P] [--region R]... [--all-regions] [--role-arn ARN]... --out DIR",
		Short: "Read a live AWS account, read-only, into a describe-JSON directory",
		Long: `import aws reads the network of one or more AWS accounts with Describe, List and
Get calls only (docs/iam-policy.json lists every action) and writes
DIR/accounts/<account>/<region>/*.json exactly as "aws ... describe-*" prints
them, plus DIR/manifest.json (time, caller identity, regions, every call with
its outcome). The directory is then an input: --in DIR.

Credentials come from the SDK's default chain (environment, SSO, profiles,
instance roles); --profile picks a profile. Each --role-arn is assumed in turn
to read one more account. A denied or failed call is recorded in the manifest
and the import goes on. Secrets (Lambda environment variables, VPN pre-shared
keys, BGP keys, API Gateway stage variables) are never written.`,
		Example: `  netverify import aws --region eu-west-1 --out ./snap
  netverify import aws --profile audit --all-regions --out ./snap
  netverify import aws --region us-east-1 --role-arn arn:aws:iam::111122223333:role/NetverifyRead \
      --role-arn arn:aws:iam::444455556666:role/NetverifyRead --out ./org
  netverify import aws --all-regions --concurrency 4 --max-attempts 20 --out ./snap   # a throttled account
  netverify inspect --in ./snap`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runImportAWS(cmd, o) },
	}
	o.bind(cmd)
	return cmd
}

// bind declares the flags of `import aws` on cmd, filling o.
func (o *importOptions) bind(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringVar(&o.profile, "profile", "", "shared config profile (default: the SDK's default chain)")
	f.StringArrayVar(&o.regions, "region", nil, "region to read (repeatable; default: the profile's region)")
	f.BoolVar(&o.allRegions, "all-regions", false, "read every region enabled in each account")
	f.StringArrayVar(&o.roleARNs, "role-arn", nil, "role to assume, one account each (repeatable)")
	f.StringVar(&o.endpointURL, "endpoint-url", "", "send every call to this endpoint (for testing against an emulator such as moto_server)")
	f.StringVar(&o.out, "out", "", "output directory: empty, new, or a previous import (required)")
	f.IntVar(&o.concurrency, "concurrency", awsapi.DefaultConcurrency, "API requests in flight at once")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "also print the AWS SDK's own log lines (credential chain fallbacks, retries) on stderr")
	f.IntVar(&o.maxAttempts, "max-attempts", awsapi.DefaultMaxAttempts,
		"tries per API request, the first included; throttled and failed requests are retried with adaptive back-off (raise it for accounts that throttle)")
	f.DurationVar(&o.reqTimeout, "request-timeout", awsapi.DefaultRequestTimeout, "give up one API request (one try) after this long")
	f.DurationVar(&o.deadline, "deadline", awsapi.DefaultDeadline,
		"stop the whole import after this long; what is unread is recorded as failed, the import is marked incomplete and does not replace a previous one")
}

// awsOptions turns the flags into the importer's options, rejecting values
// that cannot work.
func (o importOptions) awsOptions() (awsapi.Options, error) {
	if o.out == "" {
		return awsapi.Options{}, usageErr("import aws: --out is required, e.g. --out ./aws-snapshot")
	}
	if o.maxAttempts < 1 {
		return awsapi.Options{}, usageErr("import aws: --max-attempts must be at least 1 (1 means no retries), got %d", o.maxAttempts)
	}
	if o.concurrency < 1 {
		return awsapi.Options{}, usageErr("import aws: --concurrency must be at least 1, got %d", o.concurrency)
	}
	if o.reqTimeout <= 0 || o.deadline <= 0 {
		return awsapi.Options{}, usageErr("import aws: --request-timeout and --deadline must be positive durations such as 30s or 1h")
	}
	return awsapi.Options{Profile: o.profile, Regions: o.regions, AllRegions: o.allRegions, RoleARNs: o.roleARNs,
		EndpointURL: o.endpointURL, Out: o.out, Concurrency: o.concurrency, MaxAttempts: o.maxAttempts,
		RequestTimeout: o.reqTimeout, Deadline: o.deadline}, nil
}

func runImportAWS(cmd *cobra.Command, o importOptions) error {
	opts, err := o.awsOptions()
	if err != nil {
		return err
	}
	if f, ok := cmd.ErrOrStderr().(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		opts.Progress = f
	}
	if o.verbose {
		opts.SDKLog = cmd.ErrOrStderr()
	}
	opts.Log = cmd.ErrOrStderr() // a line per region and service read (when no bar is drawn)
	// Ctrl-C ends the import as incomplete: the previous import stays in place.
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt)
	defer stop()
	m, err := awsapi.Import(ctx, opts)
	if errors.Is(err, awsapi.ErrIncomplete) {
		m.Summary(cmd.OutOrStdout())
	}
	if errors.Is(err, awsapi.ErrBadOptions) || errors.Is(err, awsapi.ErrConfig) {
		return usageErr("import aws: %v", err)
	}
	if err != nil {
		return &exitError{code: 1, err: err}
	}
	m.Summary(cmd.OutOrStdout())
	fmt.Fprintf(cmd.OutOrStdout(), "wrote %s (manifest: %s)\n", o.out, awsapi.ManifestName)
	return nil
}
