package awsapi

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"
)

// ManifestName is the manifest's file name inside the output directory.
const ManifestName = "manifest.json"

// Identity is who the import ran as in one account (sts GetCallerIdentity).
type Identity struct {
	Account string `json:"account"`
	ARN     string `json:"arn"`
	UserID  string `json:"userId"`
	RoleARN string `json:"roleArn,omitempty"` // the role assumed for this account, if any
}

// FileCount is how many items one written file holds.
type FileCount struct {
	Account string `json:"account"`
	Region  string `json:"region"`
	File    string `json:"file"`
	Items   int    `json:"items"`
}

// Manifest records one import: when, as whom, where, and every call made.
type Manifest struct {
	Tool        string      `json:"tool"`
	Time        time.Time   `json:"time"`
	Caller      Identity    `json:"callerIdentity"`
	Accounts    []Identity  `json:"accounts"`
	Regions     []string    `json:"regions"`
	EndpointURL string      `json:"endpointUrl,omitempty"`
	Files       []FileCount `json:"files"`
	Calls       []*Call     `json:"calls"`
	// Incomplete says why the import did not finish (the deadline passed, it
	// was interrupted, it is still being written); "" once complete. The
	// loader refuses a directory whose manifest has it (awsjson).
	Incomplete string `json:"incomplete,omitempty"`
}

// Reasons an import is incomplete.
const (
	IncompleteWriting     = "being written"
	IncompleteDeadline    = "the import's deadline passed"
	IncompleteInterrupted = "interrupted"
)

// Failed returns the calls that did not succeed.
func (m *Manifest) Failed() []*Call {
	var out []*Call
	for _, c := range m.Calls {
		if c.Outcome != OutcomeOK {
			out = append(out, c)
		}
	}
	return out
}

func (m *Manifest) sort() {
	sort.Strings(m.Regions)
	sort.Slice(m.Files, func(i, j int) bool {
		a, b := m.Files[i], m.Files[j]
		return a.Account+"/"+a.Region+"/"+a.File < b.Account+"/"+b.Region+"/"+b.File
	})
	sort.SliceStable(m.Calls, func(i, j int) bool { return callKeyOf(m.Calls[i]) < callKeyOf(m.Calls[j]) })
}

func callKeyOf(c *Call) string {
	return c.Account + "\x00" + c.Region + "\x00" + c.Service + "\x00" + c.Operation + "\x00" + c.Target
}

// write writes the manifest as dir/manifest.json.
func (m *Manifest) write(dir string) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, ManifestName), append(data, '\n'), 0o644)
}

// Summary prints the items per file (summed over accounts and regions) and
// every call that failed.
func (m *Manifest) Summary(w io.Writer) {
	totals := map[string]int{}
	for _, f := range m.Files {
		name := f.File
		if strings.HasPrefix(name, vpcAttributeFile) {
			name = vpcAttributeFile + "*.json" // one file per VPC
		}
		totals[name] += f.Items
	}
	names := make([]string, 0, len(totals))
	for n := range totals {
		names = append(names, n)
	}
	sort.Strings(names)
	fmt.Fprintf(w, "imported %d account(s), %d region(s), %d call(s)\n", len(m.Accounts), len(m.Regions), len(m.Calls))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, n := range names {
		fmt.Fprintf(tw, "  %s\t%d\n", n, totals[n])
	}
	tw.Flush()
	failed := m.Failed()
	if len(failed) == 0 {
		return
	}
	fmt.Fprintf(w, "%d call(s) failed; their files are missing or partial:\n", len(failed))
	for _, c := range failed {
		fmt.Fprintf(w, "  %s %s %s %s%s: %s: %s\n", c.Account, c.Region, c.Service, c.Operation, targetSuffix(c.Target), c.Outcome, c.Error)
	}
}

func targetSuffix(t string) string {
	if t == "" {
		return ""
	}
	return " (" + t + ")"
}
