package load

import (
	"os"
	"strings"

	"github.com/netverify/netverify/importers/awsjson"
	"github.com/netverify/netverify/importers/cfn"
	"github.com/netverify/netverify/importers/terraform"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
)

// The formats, in detection order: the most specific markers first.
func init() {
	formats = []format{
		{
			name: "example", help: "a built-in example: example:NAME (see `netverify examples`)",
			load: func(spec string, _ []byte, _ Options) (*model.Snapshot, model.Diagnostics, error) {
				return scenarios.LoadExample(strings.TrimPrefix(spec, "example:"))
			},
		},
		{
			name: "scenario", help: "a netverify scenario (YAML with `netverify: v1`)",
			detect: func(_ string, data []byte, isDir bool) bool { return !isDir && scenarios.Detect(data) },
			load: func(path string, data []byte, _ Options) (*model.Snapshot, model.Diagnostics, error) {
				return scenarios.Load(path, data)
			},
		},
		{
			name: "terraform", help: "Terraform state (format 4) or `terraform show -json` plan/state",
			detect: func(_ string, head []byte, isDir bool) bool { return !isDir && terraform.Detect(head) },
			load: func(path string, data []byte, _ Options) (*model.Snapshot, model.Diagnostics, error) {
				return terraform.Load(path, data)
			},
		},
		{
			name: "cfn", help: "CloudFormation or SAM template (YAML or JSON)",
			detect: func(_ string, head []byte, isDir bool) bool { return !isDir && cfn.Detect(head) },
			load: func(path string, data []byte, opts Options) (*model.Snapshot, model.Diagnostics, error) {
				if opts.params == nil {
					return cfn.Load(path, data, opts.Params)
				}
				opts.params.templates++
				return cfn.LoadUsing(path, data, opts.Params, opts.params.used)
			},
		},
		{
			name: "awsjson", help: "a directory (or one file) of AWS CLI describe-*/list-*/get-* JSON; Batfish's aws_configs layout",
			detect: func(path string, _ []byte, _ bool) bool { return awsjson.Detect(path) },
			load: func(path string, _ []byte, _ Options) (*model.Snapshot, model.Diagnostics, error) {
				if st, err := os.Stat(path); err == nil && st.IsDir() {
					return awsjson.LoadDir(path)
				}
				return awsjson.LoadFile(path)
			},
		},
	}
}
