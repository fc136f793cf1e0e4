package awsjson

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/netverify/netverify/internal/inputfile"
)

// manifestName is the live importer's manifest at the top of its directory
// (importers/awsapi.ManifestName; awsjson does not import the SDK side).
const manifestName = "manifest.json"

// incompleteImport returns an error when dir holds a manifest of the live
// importer that marks the import incomplete (its deadline passed, it was
// interrupted, or it was still being written): its files would load as if
// they were the whole account.
func incompleteImport(dir string) error {
	path := filepath.Join(dir, manifestName)
	data, err := inputfile.Read(path, inputfile.MaxSize)
	if err != nil {
		return nil // no manifest: a directory written by hand or by the AWS CLI
	}
	var m struct {
		Incomplete string `json:"incomplete"`
	}
	if json.Unmarshal(data, &m) != nil || m.Incomplete == "" {
		return nil
	}
	return fmt.Errorf("%s: the import in %s is incomplete (%s); its files would load as if they were the whole account: "+
		"run `netverify import aws` again", path, dir, m.Incomplete)
}
