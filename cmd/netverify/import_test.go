package main

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/netverify/netverify/importers/awsapi"
)

// TestImportAWSMaxAttempts checks that --max-attempts reaches the importer's
// SDK retryer and that values that cannot work are usage errors (exit 2).
func TestImportAWSMaxAttempts(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    int    // Options.MaxAttempts
		wantErr string // usage error text
	}{
		{"default", nil, awsapi.DefaultMaxAttempts, ""},
		{"raised for a throttling account", []string{"--max-attempts", "25"}, 25, ""},
		{"no retries", []string{"--max-attempts=1"}, 1, ""},
		{"zero", []string{"--max-attempts", "0"}, 0, "--max-attempts must be at least 1"},
		{"negative", []string{"--max-attempts", "-3"}, 0, "--max-attempts must be at least 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o importOptions
			cmd := &cobra.Command{}
			o.bind(cmd)
			if err := cmd.ParseFlags(append([]string{"--out", t.TempDir()}, tt.args...)); err != nil {
				t.Fatal(err)
			}
			got, err := o.awsOptions()
			if tt.wantErr != "" {
				var ee *exitError
				if !errors.As(err, &ee) || ee.code != 2 || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want exit 2 with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.MaxAttempts != tt.want {
				t.Errorf("MaxAttempts = %d, err %v; want %d", got.MaxAttempts, err, tt.want)
			}
		})
	}
}

// awsEnv points the SDK at empty config files and at a local instance
// metadata service that refuses everything (403), like the one on a
// machine without an instance role: no credentials anywhere.
func awsEnv(t *testing.T) {
	t.Helper()
	imds := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusForbidden) }))
	t.Cleanup(imds.Close)
	dir := t.TempDir()
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_WEB_IDENTITY_TOKEN_FILE"} {
		t.Setenv(k, "")
	}
	t.Setenv("AWS_CONFIG_FILE", filepath.Join(dir, "config"))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.URL)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "")
}

// captureStderr runs fn with os.Stderr sent to a file and returns what was written there.
func captureStderr(t *testing.T, fn func()) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = f
	fn()
	os.Stderr = old
	data, _ := os.ReadFile(f.Name())
	return string(data)
}

// TestImportAWSConfigErrors (issue 16): configuration errors are exit 2 with
// one line; the SDK's own log lines ("WARN falling back to IMDSv1") appear
// only with -v.
func TestImportAWSConfigErrors(t *testing.T) {
	awsEnv(t)
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"missing profile", []string{"--profile", "nope"}, `import aws: AWS configuration: profile "nope" is not in the shared config or credentials files`},
		{"no credentials", nil, "import aws: AWS configuration: no credentials: the default chain (environment, shared config and SSO, container or instance role) found none; give --profile"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb strings.Builder
			var code int
			leaked := captureStderr(t, func() {
				code = run(append([]string{"import", "aws", "--region", "eu-west-1", "--out", t.TempDir()}, tc.args...), &out, &errb)
			})
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr %q", code, errb.String())
			}
			lines := strings.Split(strings.TrimSpace(errb.String()), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tc.want) {
				t.Errorf("stderr = %q, want one line with %q", errb.String(), tc.want)
			}
			if leaked != "" {
				t.Errorf("the SDK wrote to the process's stderr: %q", leaked)
			}
		})
	}
	var out, errb strings.Builder
	run([]string{"import", "aws", "-v", "--region", "eu-west-1", "--out", t.TempDir()}, &out, &errb)
	if !strings.Contains(errb.String(), "falling back to IMDSv1") {
		t.Errorf("-v: want the SDK's log lines, got %q", errb.String())
	}
}
