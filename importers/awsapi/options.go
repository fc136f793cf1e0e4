package awsapi

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Options says what to import and where to write it.
type Options struct {
	Profile     string   // shared config profile; "" uses the default chain as it is
	Regions     []string // regions to read; none means the profile's region
	AllRegions  bool     // every region enabled in each account (ec2 DescribeRegions)
	RoleARNs    []string // roles to assume, one account each; none means the caller's account
	EndpointURL string   // BaseEndpoint for every client: for emulators such as moto_server
	Out         string   // output directory: empty, absent, or a previous import (replaced)

	Concurrency    int                     // API requests in flight at once; 0 means DefaultConcurrency
	RequestTimeout time.Duration           // bound on one HTTP request (each retry its own); 0 means DefaultRequestTimeout
	Deadline       time.Duration           // bound on the whole import; 0 means DefaultDeadline
	MaxAttempts    int                     // attempts per request (adaptive retries); 0 means DefaultMaxAttempts
	Progress       io.Writer               // where to draw a progress bar; nil draws none
	Log            io.Writer               // where to write a line per region and service read, when no bar is drawn; nil writes none
	SDKLog         io.Writer               // where the SDK's own log lines go (e.g. "falling back to IMDSv1"); nil discards them
	Credentials    aws.CredentialsProvider // replaces the default credential chain (tests)
	Now            func() time.Time        // the manifest's clock; nil means time.Now
}

// DefaultConcurrency bounds the requests in flight when Options.Concurrency is 0.
const DefaultConcurrency = 8

// DefaultRequestTimeout bounds one request: a call that hangs fails after
// it (and is retried like any failure) instead of hanging the import.
const DefaultRequestTimeout = 30 * time.Second

// DefaultDeadline bounds a whole import; what is unread then is recorded
// as failed and the import is marked incomplete.
const DefaultDeadline = time.Hour

// DefaultMaxAttempts is how often a throttled or failed request is tried.
const DefaultMaxAttempts = 10

// ErrBadOptions wraps every error caused by the options themselves (exit code 2).
var ErrBadOptions = errors.New("bad options")

// ErrConfig wraps every error of the AWS configuration that stops an import
// before its first call: a profile that does not exist, no credentials, an
// identity that cannot be established (exit code 2).
var ErrConfig = errors.New("AWS configuration")

var (
	regionRE = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$`)
	roleRE   = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/.+$`)
)

// check validates o and fills its defaults.
func (o *Options) check() error {
	if o.Out == "" {
		return fmt.Errorf("%w: --out is required, e.g. --out ./aws-snapshot", ErrBadOptions)
	}
	if o.AllRegions && len(o.Regions) > 0 {
		return fmt.Errorf("%w: give either --region or --all-regions, not both", ErrBadOptions)
	}
	for _, r := range o.Regions {
		if !regionRE.MatchString(r) {
			return fmt.Errorf("%w: %q is not a region name such as eu-west-1", ErrBadOptions, r)
		}
	}
	for _, a := range o.RoleARNs {
		if !roleRE.MatchString(a) {
			return fmt.Errorf("%w: %q is not a role ARN such as arn:aws:iam::123456789012:role/NetverifyRead", ErrBadOptions, a)
		}
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = DefaultMaxAttempts
	}
	if o.RequestTimeout <= 0 {
		o.RequestTimeout = DefaultRequestTimeout
	}
	if o.Deadline <= 0 {
		o.Deadline = DefaultDeadline
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return checkOut(o.Out)
}

// checkOut accepts an absent or empty directory, or a previous import. It
// changes nothing: the import is written beside it and replaces it only
// once complete (see replaceOut), so an interrupted import loses nothing.
func checkOut(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%w: --out: %v", ErrBadOptions, err)
	}
	for _, e := range entries {
		if e.Name() != "accounts" && e.Name() != ManifestName {
			return fmt.Errorf("%w: --out %s is not empty and holds no previous import (found %s); choose an empty directory", ErrBadOptions, dir, e.Name())
		}
	}
	return nil
}
