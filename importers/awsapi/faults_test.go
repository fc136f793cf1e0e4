package awsapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/netverify/netverify/importers/awsjson"
)

// faultProxy stands between the importer and moto_server on 127.0.0.1 and
// injects, per EC2 action (the query protocol's Action form field):
// throttling for the first throttle requests, access denied, or a request
// that hangs until the client gives up.
type faultProxy struct {
	mu       sync.Mutex
	throttle map[string]int  // action -> requests still to throttle
	deny     map[string]bool // action -> always UnauthorizedOperation
	hang     map[string]bool // action -> never answered
	seen     map[string]int  // action -> requests received
}

func (p *faultProxy) start(t *testing.T, motoURL string) string {
	target, err := url.Parse(motoURL)
	if err != nil {
		t.Fatal(err)
	}
	rp := httputil.NewSingleHostReverseProxy(target)
	rp.ErrorLog = log.New(io.Discard, "", 0) // requests the importer gave up on
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		action := form.Get("Action")
		p.mu.Lock()
		p.seen[action]++
		throttled := p.throttle[action] > 0
		if throttled {
			p.throttle[action]--
		}
		deny, hang := p.deny[action], p.hang[action]
		p.mu.Unlock()
		switch {
		case hang:
			<-r.Context().Done()
		case throttled:
			ec2Error(w, http.StatusServiceUnavailable, "RequestLimitExceeded", "Request limit exceeded.")
		case deny:
			ec2Error(w, http.StatusForbidden, "UnauthorizedOperation", "You are not authorized to perform this operation.")
		default:
			rp.ServeHTTP(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func ec2Error(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>`+code+`</Code><Message>`+msg+
		`</Message></Error></Errors><RequestID>netverify-fault</RequestID></Response>`)
}

func newFaultProxy() *faultProxy {
	return &faultProxy{throttle: map[string]int{}, deny: map[string]bool{}, hang: map[string]bool{}, seen: map[string]int{}}
}

func callOf(m *Manifest, op string) *Call {
	for _, c := range m.Calls {
		if c.Operation == op {
			return c
		}
	}
	return nil
}

// TestImportFaults (issue 24): through a fault-injecting proxy, a throttled
// call is retried until it succeeds, a denied call is recorded as denied,
// and a call that hangs fails after the request timeout; the import goes on
// and completes, with a line per region and service on the log.
func TestImportFaults(t *testing.T) {
	moto := startMoto(t)
	isolateFromLocalAWSConfig(t)
	p := newFaultProxy()
	p.throttle["DescribeSubnets"] = 2
	p.deny["DescribeRouteTables"] = true
	p.hang["DescribeNatGateways"] = true
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Second)
	defer cancel()
	out := filepath.Join(t.TempDir(), "snap")
	var progress bytes.Buffer
	m, err := Import(ctx, Options{Regions: []string{"us-east-1"}, EndpointURL: p.start(t, moto), Out: out, Credentials: fakeCreds,
		// 5 s per request: long enough for moto on a loaded machine (1 s
		// failed there), short enough that the hung call's 3 attempts end soon.
		MaxAttempts: 3, RequestTimeout: 5 * time.Second, Log: &progress})
	if err != nil {
		t.Fatal(err)
	}
	if c := callOf(m, "DescribeSubnets"); c == nil || c.Outcome != OutcomeOK || p.seen["DescribeSubnets"] != 3 {
		t.Errorf("throttled DescribeSubnets: %+v after %d requests; want ok on the 3rd", c, p.seen["DescribeSubnets"])
	}
	if c := callOf(m, "DescribeRouteTables"); c == nil || c.Outcome != OutcomeDenied {
		t.Errorf("denied DescribeRouteTables: %+v", c)
	}
	if c := callOf(m, "DescribeNatGateways"); c == nil || c.Outcome != OutcomeFailed || !strings.Contains(c.Error, "exceeded maximum number of attempts") {
		t.Errorf("hung DescribeNatGateways: %+v", c)
	}
	if m.Incomplete != "" {
		t.Errorf("marked incomplete: %s", m.Incomplete)
	}
	if !strings.Contains(progress.String(), " us-east-1 EC2: ") {
		t.Errorf("no progress per region and service:\n%s", progress.String())
	}
	if _, _, err := awsjson.LoadDir(out); err != nil {
		t.Errorf("the import does not load: %v", err)
	}
}

// TestImportDeadlineKeepsPreviousImport (issue 24): an import stopped by
// its deadline (every DescribeSecurityGroups hangs) does not replace the
// previous complete import: that one is left as it was, the incomplete one
// is written to OUT.incomplete with its manifest saying so, and the loader
// refuses it.
func TestImportDeadlineKeepsPreviousImport(t *testing.T) {
	moto := startMoto(t)
	isolateFromLocalAWSConfig(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Second)
	defer cancel()
	out := filepath.Join(t.TempDir(), "snap")
	if _, err := Import(ctx, Options{Regions: []string{"us-east-1"}, EndpointURL: moto, Out: out, Credentials: fakeCreds, MaxAttempts: 2}); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	p := newFaultProxy()
	p.hang["DescribeSecurityGroups"] = true
	m, err := Import(ctx, Options{Regions: []string{"us-east-1"}, EndpointURL: p.start(t, moto), Out: out, Credentials: fakeCreds,
		MaxAttempts: 2, RequestTimeout: time.Minute, Deadline: 3 * time.Second})
	if !errors.Is(err, ErrIncomplete) || m == nil || m.Incomplete != IncompleteDeadline {
		t.Fatalf("got %v, manifest %+v", err, m)
	}
	after, err := os.ReadFile(filepath.Join(out, ManifestName))
	if err != nil || !bytes.Equal(before, after) {
		t.Errorf("the previous import changed (%v)", err)
	}
	if _, _, err := awsjson.LoadDir(out); err != nil {
		t.Errorf("the previous import no longer loads: %v", err)
	}
	_, _, err = awsjson.LoadDir(out + ".incomplete")
	if err == nil || !strings.Contains(err.Error(), "is incomplete (the import's deadline passed)") {
		t.Errorf("the incomplete import: got %v, want it refused", err)
	}
}
