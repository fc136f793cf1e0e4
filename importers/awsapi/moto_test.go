package awsapi

import (
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// motoVersion is the emulator the round-trip test is written against.
const motoVersion = "5.2.1"

// startMoto runs moto_server on a free loopback port until the test ends and
// returns its URL; it skips the test where moto_server is not installed.
func startMoto(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		t.Skipf("moto_server is not installed; install the AWS API emulator with: pip install 'moto[server]==%s'", motoVersion)
	}
	port := freePort(t)
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", fmt.Sprint(port))
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting moto_server: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url + "/moto-api/"); err == nil {
			resp.Body.Close()
			return url
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("moto_server did not answer on %s within 20 s", url)
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// fakeCreds are static credentials moto accepts; no real account is touched.
var fakeCreds = credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "")

// motoConfig is an SDK config pointed at the emulator, for creating fixtures.
func motoConfig(t *testing.T, url, region string) aws.Config {
	t.Helper()
	isolateFromLocalAWSConfig(t)
	// One connection per request: the emulator closes idle keep-alive
	// connections, and a create call that lands on one that just closed
	// fails; it must not be retried (it is not idempotent).
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	return aws.Config{Region: region, Credentials: fakeCreds, BaseEndpoint: aws.String(url), RetryMaxAttempts: 1, HTTPClient: client}
}

// isolateFromLocalAWSConfig keeps the developer's profiles and the instance
// metadata service out of the default chain.
func isolateFromLocalAWSConfig(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("AWS_CONFIG_FILE", dir+"/config")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", dir+"/credentials")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	for _, k := range []string{"AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
		t.Setenv(k, "")
	}
}

func must[T any](t *testing.T, what string) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatalf("creating the fixture: %s: %v", what, err)
		}
		return v
	}
}
