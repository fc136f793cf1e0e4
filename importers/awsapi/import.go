package awsapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/logging"
	"github.com/schollz/progressbar/v3"
)

// importer is one run: the options, the concurrency bound, the calls made.
type importer struct {
	o     Options
	sem   chan struct{}
	mu    sync.Mutex
	calls []*Call
	bar   *progressbar.ProgressBar
}

// collectors read one service each in a scope; each lives in its own file.
var collectors = []func(*scope){
	collectEC2, collectTransitGateways, collectELB, collectDirectConnect, collectRoute53,
	collectResolver, collectFirewall, collectAPIGateway, collectAPIGatewayV2, collectLambda,
}

// Import reads the accounts and regions o names and writes the describe-JSON
// directory and its manifest into o.Out. It fails only when the options are
// wrong (ErrBadOptions), when no identity can be established, or when the
// output cannot be written; failed API calls are recorded in the manifest.
func Import(ctx context.Context, o Options) (*Manifest, error) {
	if err := o.check(); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, o.Deadline)
	defer cancel()
	base, err := loadConfig(ctx, o)
	if err != nil {
		return nil, err
	}
	imp := &importer{o: o, sem: make(chan struct{}, o.Concurrency)}
	if o.Progress != nil {
		imp.bar = newBar(o.Progress)
	}
	m := &Manifest{Tool: "netverify import aws", Time: o.Now().UTC(), EndpointURL: o.EndpointURL, Files: []FileCount{}}
	scopes, err := imp.plan(ctx, base, m)
	if err != nil {
		return nil, err
	}
	imp.run(scopes)
	if imp.bar != nil {
		_ = imp.bar.Finish()
	}
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		m.Incomplete = IncompleteDeadline
	case ctx.Err() != nil:
		m.Incomplete = IncompleteInterrupted
	}
	return m, imp.write(scopes, m)
}

// loadConfig resolves the SDK configuration: profile, default credential
// chain, adaptive retries, the endpoint override and the operation recorder.
func loadConfig(ctx context.Context, o Options) (aws.Config, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithHTTPClient(awshttp.NewBuildableClient().WithTimeout(o.RequestTimeout)),
		config.WithRetryMode(aws.RetryModeAdaptive),
		config.WithRetryMaxAttempts(o.MaxAttempts),
	}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Credentials != nil {
		opts = append(opts, config.WithCredentialsProvider(o.Credentials))
	}
	if o.EndpointURL != "" {
		opts = append(opts, config.WithBaseEndpoint(o.EndpointURL))
	}
	opts = append(opts, config.WithLogger(sdkLogger(o.SDKLog)))
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		var missing config.SharedConfigProfileNotExistError
		if errors.As(err, &missing) {
			return cfg, fmt.Errorf("%w: profile %q is not in the shared config or credentials files (~/.aws/config, ~/.aws/credentials)", ErrConfig, missing.Profile)
		}
		return cfg, fmt.Errorf("%w: loading it failed: %v", ErrConfig, err)
	}
	cfg.APIOptions = append(cfg.APIOptions, recordOperation)
	if cfg.Region == "" && len(o.Regions) > 0 {
		cfg.Region = o.Regions[0]
	}
	if cfg.Region == "" && o.AllRegions {
		cfg.Region = "us-east-1"
	}
	if cfg.Region == "" {
		return cfg, fmt.Errorf("%w: no region: give --region (repeatable) or --all-regions, or set a region in the profile", ErrBadOptions)
	}
	return cfg, nil
}

// plan establishes the identity of every account and the regions to read in
// each, and returns one scope per account and region.
func (imp *importer) plan(ctx context.Context, base aws.Config, m *Manifest) ([]*scope, error) {
	caller, ok := imp.identity(ctx, base, "")
	if !ok {
		return nil, identityError(imp.lastError())
	}
	m.Caller = caller
	accounts := []aws.Config{base}
	ids := []Identity{caller}
	if len(imp.o.RoleARNs) > 0 {
		accounts, ids = imp.assumeRoles(ctx, base)
	}
	var scopes []*scope
	regions := map[string]bool{}
	for i, cfg := range accounts {
		m.Accounts = append(m.Accounts, ids[i])
		rs := imp.regions(ctx, cfg, ids[i].Account)
		home := homeRegion(rs, cfg.Region)
		for _, r := range rs {
			regions[r] = true
			rc := cfg.Copy()
			rc.Region = r
			scopes = append(scopes, &scope{imp: imp, ctx: ctx, account: ids[i].Account, region: r, cfg: rc, home: r == home, files: newFileSet()})
		}
	}
	for r := range regions {
		m.Regions = append(m.Regions, r)
	}
	return scopes, nil
}

// assumeRoles returns a config and identity for every role that can be
// assumed; a role that cannot is recorded as a failed call and skipped.
func (imp *importer) assumeRoles(ctx context.Context, base aws.Config) ([]aws.Config, []Identity) {
	var cfgs []aws.Config
	var ids []Identity
	for _, arn := range imp.o.RoleARNs {
		cfg := base.Copy()
		cfg.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(base), arn,
			func(o *stscreds.AssumeRoleOptions) { o.RoleSessionName = "netverify-import" }))
		id, ok := imp.identity(ctx, cfg, arn)
		if !ok {
			continue
		}
		id.RoleARN = arn
		cfgs, ids = append(cfgs, cfg), append(ids, id)
	}
	return cfgs, ids
}

// identity asks sts GetCallerIdentity; the call is recorded under target.
func (imp *importer) identity(ctx context.Context, cfg aws.Config, target string) (Identity, bool) {
	s := &scope{imp: imp, ctx: ctx, region: cfg.Region, account: accountOfARN(target)}
	client := sts.NewFromConfig(cfg)
	out, ok := single(s, target, func(ctx context.Context) (*sts.GetCallerIdentityOutput, error) {
		return client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	}, func(*sts.GetCallerIdentityOutput) int { return 1 })
	if !ok {
		return Identity{}, false
	}
	return Identity{Account: aws.ToString(out.Account), ARN: aws.ToString(out.Arn), UserID: aws.ToString(out.UserId)}, true
}

// record adds a finished call to the manifest and advances the progress bar.
func (imp *importer) record(c *Call) {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	if c.Operation == "" {
		c.Operation = "(not sent)" // e.g. cancelled before the request left
	}
	imp.calls = append(imp.calls, c)
	if imp.bar != nil {
		imp.bar.Describe(fmt.Sprintf("%s %s %s", c.Account, c.Region, c.Operation))
		_ = imp.bar.Add(1)
	}
}

func (imp *importer) lastError() string {
	imp.mu.Lock()
	defer imp.mu.Unlock()
	if len(imp.calls) == 0 {
		return "no call was made"
	}
	return imp.calls[len(imp.calls)-1].Error
}

// run reads every scope concurrently; requests stay bounded by imp.sem.
func (imp *importer) run(scopes []*scope) {
	var wg sync.WaitGroup
	for _, s := range scopes {
		for _, collect := range collectors {
			s.spawn(func() { collect(s) })
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.wg.Wait()
			imp.progress(s)
		}()
	}
	wg.Wait()
}

// progress writes, when a scope is read, one line per service: its calls
// and how many failed (Options.Log; the progress bar shows the same live).
func (imp *importer) progress(s *scope) {
	if imp.o.Log == nil || imp.bar != nil {
		return
	}
	imp.mu.Lock()
	defer imp.mu.Unlock()
	type tally struct{ calls, failed int }
	by := map[string]*tally{}
	for _, c := range imp.calls {
		if c.Account != s.account || c.Region != s.region {
			continue
		}
		t := by[c.Service]
		if t == nil {
			t = &tally{}
			by[c.Service] = t
		}
		t.calls++
		if c.Outcome != OutcomeOK {
			t.failed++
		}
	}
	services := make([]string, 0, len(by))
	for svc := range by {
		services = append(services, svc)
	}
	sort.Strings(services)
	for _, svc := range services {
		fmt.Fprintf(imp.o.Log, "import: %s %s %s: %d call(s), %d failed\n", s.account, s.region, svc, by[svc].calls, by[svc].failed)
	}
}

// write writes every scope's files and the manifest into a new directory
// beside Options.Out, then puts it in Out's place (replaceOut). The
// manifest is written first marked IncompleteWriting, so a directory left
// half-written by a crash is refused by the loader, and last as it is.
func (imp *importer) write(scopes []*scope, m *Manifest) error {
	for _, c := range imp.calls {
		if c.Account == "" {
			c.Account = m.Caller.Account
		}
	}
	m.Calls = imp.calls
	out := filepath.Clean(imp.o.Out)
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".importing-")
	if err != nil {
		return err
	}
	if err := imp.writeInto(tmp, scopes, m); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return replaceOut(tmp, out, m.Incomplete)
}

// writeInto writes the manifest marked IncompleteWriting, every scope's
// files, then the manifest as it is, into dir.
func (imp *importer) writeInto(dir string, scopes []*scope, m *Manifest) error {
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	reason := m.Incomplete
	m.Incomplete = IncompleteWriting
	if err := m.write(dir); err != nil {
		return err
	}
	for _, s := range scopes {
		counts, err := s.files.write(filepath.Join(dir, "accounts", s.account, s.region))
		if err != nil {
			return err
		}
		for f, n := range counts {
			m.Files = append(m.Files, FileCount{Account: s.account, Region: s.region, File: f, Items: n})
		}
	}
	m.Incomplete = reason
	m.sort()
	return m.write(dir)
}

// ErrIncomplete is an import that did not finish: its directory is written
// (and marked so in its manifest) but a previous import is not replaced.
var ErrIncomplete = errors.New("import incomplete")

// replaceOut puts the directory tmp in out's place. A complete import
// replaces what out held; an incomplete one replaces only an empty or absent
// out and otherwise goes to out.incomplete, the previous import kept.
func replaceOut(tmp, out, incomplete string) error {
	prev, err := os.ReadDir(out)
	exists := err == nil
	if incomplete != "" && exists && len(prev) > 0 {
		dest := out + ".incomplete"
		if err := os.RemoveAll(dest); err != nil {
			return err
		}
		if err := os.Rename(tmp, dest); err != nil {
			return err
		}
		return fmt.Errorf("%w (%s): written to %s; the previous import in %s is unchanged", ErrIncomplete, incomplete, dest, out)
	}
	if exists {
		old := tmp + ".previous"
		if err := os.Rename(out, old); err != nil {
			return err
		}
		defer os.RemoveAll(old)
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	if incomplete != "" {
		return fmt.Errorf("%w (%s): %s is marked incomplete in its manifest and will not load", ErrIncomplete, incomplete, out)
	}
	return nil
}

func newBar(w interface{ Write([]byte) (int, error) }) *progressbar.ProgressBar {
	return progressbar.NewOptions(-1, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription("importing"),
		progressbar.OptionShowCount(), progressbar.OptionSpinnerType(14), progressbar.OptionClearOnFinish(),
		progressbar.OptionSetItsString("calls"), progressbar.OptionShowIts())
}

// homeRegion is where an account's global resources are read and written:
// the configuration's region when it is imported, else the first one.
func homeRegion(regions []string, configured string) string {
	for _, r := range regions {
		if r == configured {
			return r
		}
	}
	if len(regions) == 0 {
		return ""
	}
	return regions[0]
}

// accountOfARN returns the account field of an ARN ("" when there is none).
func accountOfARN(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	return parts[4]
}

// uniqueSorted returns ss sorted without duplicates.
func uniqueSorted(ss []string) []string {
	out := append([]string(nil), ss...)
	sort.Strings(out)
	n := 0
	for i, s := range out {
		if i == 0 || s != out[n-1] {
			out[n] = s
			n++
		}
	}
	return out[:n]
}

// sdkLogger sends the SDK's log lines to w, or nowhere: they are noise on a
// terminal ("WARN falling back to IMDSv1") unless asked for (-v).
func sdkLogger(w io.Writer) logging.Logger {
	if w == nil {
		return logging.Nop{}
	}
	return logging.NewStandardLogger(w)
}

// maxCause bounds the SDK's error text quoted in a configuration error.
const maxCause = 200

// identityError says in one line why sts GetCallerIdentity failed before
// anything could be read: most often, no credentials at all.
func identityError(cause string) error {
	cause = strings.Join(strings.Fields(cause), " ")
	if len(cause) > maxCause {
		cause = "..." + cause[len(cause)-maxCause:]
	}
	if strings.Contains(cause, "get credentials") || strings.Contains(cause, "failed to refresh cached credentials") ||
		strings.Contains(cause, "no EC2 IMDS role found") {
		return fmt.Errorf("%w: no credentials: the default chain (environment, shared config and SSO, container or instance role) found none; "+
			"give --profile, or set AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (%s)", ErrConfig, cause)
	}
	return fmt.Errorf("%w: the caller's identity cannot be established (sts GetCallerIdentity): %s", ErrConfig, cause)
}
