// Package report writes the design-review report: one self-contained HTML
// file holding the topology (drawn with Cytoscape.js, vendored under
// assets/ with its licence), the findings (internet exposure, intents,
// unknowns, diagnostics, drift) and an in-browser question box, the
// solver compiled to WebAssembly with the network embedded. The page
// loads nothing from the network: every script, style and binary is inline.
//
// The package only lays the data out; the command computes the findings
// through the question layer and builds the WebAssembly.
package report

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"text/template"
)

//go:embed assets/cytoscape.min.js
var cytoscapeJS string

//go:embed assets/app.js
var appJS string

//go:embed assets/style.css
var styleCSS string

//go:embed assets/page.html
var pageHTML string

// CytoscapeVersion is the vendored Cytoscape.js (assets/cytoscape.min.js).
const CytoscapeVersion = "3.35.0"

// Report is everything the page shows.
type Report struct {
	Title   string   `json:"title"`
	Sources []string `json:"sources"`
	// Version is the netverify version that wrote the report.
	Version  string   `json:"version"`
	Topology Topology `json:"topology"`
	Findings Findings `json:"findings"`
	// Examples are questions offered in the question box (from the intents).
	Examples []Question `json:"examples,omitempty"`
}

// Question is one question of the box, in can-reach's words.
type Question struct {
	Src   string `json:"src"`
	Dst   string `json:"dst"`
	Proto string `json:"proto,omitempty"`
	Port  string `json:"port,omitempty"`
}

// Findings are the report's lists, each as the CLI words it.
type Findings struct {
	// Exposure is scan --internet-exposure's text; Exposed the IDs it names.
	Exposure string   `json:"exposure"`
	Exposed  []string `json:"exposed,omitempty"`
	// Intents are check's results.
	Intents []Intent `json:"intents,omitempty"`
	// Unknowns are what the input leaves undecided, each with what it lacks.
	Unknowns []Unknown `json:"unknowns,omitempty"`
	// Diagnostics are the load's errors and warnings.
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
	// Drift is drift's plan when --intended is given ("" otherwise).
	Drift    string `json:"drift,omitempty"`
	DriftSet bool   `json:"driftSet,omitempty"`
}

// Intent is one checked intent.
type Intent struct {
	Intent string `json:"intent"`
	Status string `json:"status"`
	Got    string `json:"got"`
	Detail string `json:"detail,omitempty"`
	Source string `json:"source,omitempty"`
}

// Unknown is something the input cannot decide and what it lacks.
type Unknown struct {
	What   string   `json:"what"`
	Lacks  string   `json:"lacks"`
	IDs    []string `json:"ids,omitempty"`
	Source string   `json:"source,omitempty"`
}

// Diagnostic is one error or warning of the load.
type Diagnostic struct {
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Resource string `json:"resource,omitempty"`
	Source   string `json:"source,omitempty"`
}

// Box is the question box's code: the WebAssembly module, Go's
// wasm_exec.js that runs it, and the network it answers about (askbox's
// payload JSON). A zero Box leaves the question box out.
type Box struct {
	WASM     []byte
	WasmExec []byte
	Payload  []byte
}

// page is the data of the HTML template.
// Every field is already safe where the template puts it: the title is
// escaped, the JSON has no "<" outside strings and none inside (\u003c).
type page struct {
	Title                                          string
	Style, Cytoscape, App, WasmExec, Data, Network string
	WASM                                           string
}

// Write writes the report as one HTML file.
func Write(w io.Writer, r *Report, box Box) error {
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	network := box.Payload
	if len(network) == 0 {
		network = []byte("null")
	}
	wasm, err := gzipBase64(box.WASM)
	if err != nil {
		return err
	}
	t, err := template.New("page").Parse(pageHTML)
	if err != nil {
		return fmt.Errorf("report template: %v", err)
	}
	return t.Execute(w, page{
		Title: html.EscapeString(r.Title), Style: styleCSS, Cytoscape: cytoscapeJS, App: appJS,
		WasmExec: string(box.WasmExec), Data: string(scriptSafe(data)), Network: string(scriptSafe(network)), WASM: wasm,
	})
}

// scriptSafe keeps JSON from closing the <script> element it sits in: in
// JSON a "<" can only be inside a string, where \u003c means the same.
func scriptSafe(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("<"), []byte(`\u003c`))
}

// gzipBase64 is how the page carries the WebAssembly: gzip makes it about a
// quarter of its size, the browser's DecompressionStream undoes it.
func gzipBase64(b []byte) (string, error) {
	if len(b) == 0 {
		return "", nil
	}
	var buf bytes.Buffer
	z, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := z.Write(b); err != nil {
		return "", err
	}
	if err := z.Close(); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}
