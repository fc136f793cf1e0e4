package cfn

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/netverify/netverify/model"

	"github.com/netverify/netverify/internal/testcorpus"
)

// malformed lists the corpus files that are broken upstream and must be rejected with a position.
var malformed = map[string]string{
	"serverless-patterns/apigw-vpclink-pvt-alb-terraform/apigw-vpclink-pvt-alb-terraform.json": "invalid JSON",
}

// importAll loads, derives and validates one template as the loader does.
func importAll(t *testing.T, path string, params map[string]string) (*model.Snapshot, model.Diagnostics, error) {
	t.Helper()
	snap, ds, err := LoadFile(path, params)
	if err != nil {
		return nil, nil, err
	}
	ds.Append(model.Derive(snap))
	ds.Append(model.Validate(snap))
	return snap, ds, nil
}

// TestCorpusTemplates: every template of the corpus imports without error diagnostics (issue 7 acceptance).
func TestCorpusTemplates(t *testing.T) {
	root := testcorpus.Dir(t, "iac")
	n := 0
	err := filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		ext := strings.ToLower(filepath.Ext(path))
		if ext != ".yaml" && ext != ".yml" && ext != ".json" && ext != ".template" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if !Detect(data) {
			return nil
		}
		n++
		t.Run(rel, func(t *testing.T) {
			_, ds, err := importAll(t, path, nil)
			if want, bad := malformed[rel]; bad {
				if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), path+":") {
					t.Fatalf("malformed file: want an error with %q and file:line, got %v", want, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("rejected: %v", err)
			}
			for _, d := range ds {
				if d.Severity == model.SevError {
					t.Errorf("%s", d)
				}
			}
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 40 {
		t.Errorf("only %d templates detected in the corpus", n)
	}
}
