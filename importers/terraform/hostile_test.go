package terraform

import (
	"strings"
	"testing"

	"github.com/netverify/netverify/internal/hostile"
)

// TestBrokenStateIsDetectedAndRejectedAtLine (issue 10): a state that is
// plainly Terraform's but broken is still detected, so Load can say where it
// breaks, and JSON nested 100,000 levels deep is rejected at once, at the level that
// is too deep, not after minutes of building ever longer paths.
func TestBrokenStateIsDetectedAndRejectedAtLine(t *testing.T) {
	tests := []struct {
		name string
		data string
		want string
	}{
		{"trailing comma", "{\"version\": 4, \"terraform_version\": \"1.5.0\", \"resources\": [\n  {\"x\": 1,}\n]}\n",
			"state.json:2:10: not valid JSON"},
		{"100k levels", `{"version":4,"terraform_version":"1.5.0","resources":` + string(hostile.DeepJSON("x", 100_000)) + `}`,
			"state.json:1:1058: JSON nested deeper than 1000 levels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !Detect([]byte(tt.data)) {
				t.Fatal("not detected as Terraform")
			}
			_, _, err := Load("state.json", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("want an error containing %q, got %v", tt.want, err)
			}
		})
	}
}
