// Package terraform imports Terraform state files (format 4, terraform.tfstate)
// and `terraform show -json` output (plans with planned values, or states) into
// the model.
//
// Plans describe a network that does not exist yet: IDs and other computed
// attributes are unknown. Where a resource refers to one that is still to be
// created (aws_subnet.a.vpc_id = aws_vpc.main.id) the reference is resolved
// through the plan's configuration section and after_unknown, and points at the
// target's deterministic placeholder ID (prefix + short hash of the file's
// workspace and its address, so two plans loaded together never share IDs);
// every placeholder is recorded with Meta.Assume. Public addresses a plan
// cannot know get 198.18.0.0/15 placeholders, also noted: planned Elastic
// IPs, and instances launched where AWS assigns one (R3.2: the subnet's
// map_public_ip_on_launch or associate_public_ip_address). Implicit AWS
// objects (main route table, local routes, default NACL and SG, Lambda and
// endpoint ENIs, private IPs) are left to model.Derive.
package terraform

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/netverify/netverify/internal/inputfile"
	"github.com/netverify/netverify/internal/textenc"
	"github.com/netverify/netverify/model"
)

// LoadFile reads a state or plan file; see Load.
func LoadFile(path string) (*model.Snapshot, model.Diagnostics, error) {
	data, err := inputfile.Read(path, inputfile.MaxSize)
	if err != nil {
		return nil, nil, fmt.Errorf("terraform: %w", err)
	}
	return Load(path, data)
}

// Load imports data read from file. An error means the file is rejected: it is
// not Terraform JSON, is not well-formed (the message has file:line:col) or is
// a state version this importer does not read. Everything else is a
// diagnostic.
func Load(file string, data []byte) (*model.Snapshot, model.Diagnostics, error) {
	text, err := toUTF8(data)
	if err != nil {
		return nil, nil, fmt.Errorf("terraform: %s: %w", file, err)
	}
	pos, err := indexJSON(text)
	if err != nil {
		return nil, nil, fmt.Errorf("terraform: %s", pos.syntaxError(file, err))
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(text, &top); err != nil {
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) { // well-formed but beyond encoding/json's limits (nesting depth)
			return nil, nil, fmt.Errorf("terraform: %s:1:1: cannot decode the file: %v", file, err)
		}
		return nil, nil, fmt.Errorf("terraform: %s:1:1: the file is JSON but not an object: a Terraform state or plan is an object", file)
	}
	d, err := decode(file, text, top, pos)
	if err != nil {
		return nil, nil, err
	}
	return d.build()
}

// Detect reports whether data looks like Terraform JSON: a state file
// ("version" + "terraform_version" + "resources", or "modules" for the old
// format 3 so that Load can say it is unsupported) or `terraform show -json`
// output ("format_version" + "planned_values", "values" or "resource_changes").
func Detect(data []byte) bool {
	text, err := toUTF8(data)
	if err != nil {
		return false
	}
	if len(text) > 8<<20 {
		// A large state is read, not parsed, to tell: both formats name
		// terraform_version among their first members.
		return bytes.Contains(text[:64<<10], []byte(`"terraform_version"`))
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(text, &top) != nil {
		// A broken file that plainly is Terraform's is still detected, so
		// that Load reports its syntax error at file:line:col.
		return bytes.Contains(text, []byte(`"terraform_version"`))
	}
	has := func(k string) bool { _, ok := top[k]; return ok }
	if has("version") && has("terraform_version") && (has("resources") || has("modules")) {
		return true
	}
	return has("format_version") && (has("planned_values") || has("values") || has("resource_changes") || has("prior_state"))
}

// toUTF8 decodes UTF-16 (PowerShell's `terraform show -json > plan.json`)
// and strips a UTF-8 byte order mark; other text must be valid UTF-8.
func toUTF8(data []byte) ([]byte, error) {
	data, err := textenc.Decode(data)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("the file is neither UTF-8 nor UTF-16; save it as UTF-8")
	}
	return data, nil
}
