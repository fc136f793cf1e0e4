package main

import (
	"errors"
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
