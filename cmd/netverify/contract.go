package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// schemaVersion is the version of the --json contract that every JSON object
// netverify prints carries as "schemaVersion" (docs/schema/ holds a JSON
// Schema per command). It changes when a field is removed or changes
// meaning; adding a field keeps it.
const schemaVersion = "1"

// writeJSON prints v as one JSON document (indented, or on one line for
// JSON Lines) with "schemaVersion" first in the object, or in every object
// of a top-level array.
func writeJSON(w io.Writer, v any, indent bool) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	out := versioned(bytes.TrimSpace(b.Bytes()))
	if indent {
		var ib bytes.Buffer
		if err := json.Indent(&ib, out, "", "  "); err != nil {
			return err
		}
		out = ib.Bytes()
	}
	_, err := fmt.Fprintf(w, "%s\n", out)
	return err
}

// versioned adds "schemaVersion" to a JSON object, or to each object of an array.
func versioned(doc []byte) []byte {
	switch {
	case len(doc) > 0 && doc[0] == '{':
		return withVersion(doc)
	case len(doc) > 0 && doc[0] == '[':
		var items []json.RawMessage
		if json.Unmarshal(doc, &items) != nil {
			return doc
		}
		for i, it := range items {
			items[i] = withVersion(it)
		}
		out, _ := json.Marshal(items)
		return out
	}
	return doc
}

func withVersion(obj []byte) []byte {
	obj = bytes.TrimSpace(obj)
	if len(obj) < 2 || obj[0] != '{' || bytes.HasPrefix(obj, []byte(`{"schemaVersion"`)) {
		return obj
	}
	head := `{"schemaVersion":"` + schemaVersion + `"`
	if bytes.Equal(obj, []byte("{}")) {
		return []byte(head + "}")
	}
	return append([]byte(head+","), obj[1:]...)
}

// fiveTuple is the packet of a packet answer, as its fields (ports are
// absent for ICMP).
type fiveTuple struct {
	SrcIP   string `json:"srcIp"`
	SrcPort *int   `json:"srcPort,omitempty"`
	DstIP   string `json:"dstIp"`
	DstPort *int   `json:"dstPort,omitempty"`
}

func tupleOf(p network.Packet) fiveTuple {
	t := fiveTuple{SrcIP: addrString(p.Src.String()), DstIP: addrString(p.Dst.String())}
	if p.Proto.HasPorts() {
		sp, dp := int(p.SrcPort), int(p.DstPort)
		t.SrcPort, t.DstPort = &sp, &dp
	}
	return t
}

func addrString(s string) string {
	if s == "invalid IP" {
		return ""
	}
	return s
}

// packetJSON is the JSON of a packet answer: the documented fields (src,
// dst, proto, port, reachable, verdict, forward, return, explanations,
// warnings), the packet's 5-tuple and the resource IDs the ends found.
type packetJSON struct {
	reach.JSON
	fiveTuple
	SrcID string `json:"srcId,omitempty"`
	DstID string `json:"dstId,omitempty"`
}

// packetRef is the packet a "which ports" answer shows its path with.
type packetRef struct {
	Proto string `json:"proto"`
	fiveTuple
}

// errorJSON is what --json prints on stdout when a command fails: the
// message, the exit code, and the message's position when it starts with one.
type errorJSON struct {
	Error errorBody `json:"error"`
}

type errorBody struct {
	Message  string `json:"message"`
	ExitCode int    `json:"exitCode"`
	// Field is the request member at fault (serve).
	Field string `json:"field,omitempty"`
	// Suggestions are the names nearest to one that matches nothing (serve).
	Suggestions []string `json:"suggestions,omitempty"`
}

// wantsJSON reports whether the command line asks for JSON output.
func wantsJSON(args []string) bool {
	for i, a := range args {
		switch {
		case a == "--":
			return false
		case a == "--json" || a == "--json=true" || a == "--format=json":
			return true
		case a == "--format" && i+1 < len(args) && args[i+1] == "json":
			return true
		}
	}
	return false
}

// writeErrorJSON prints an error as the JSON object of the contract.
func writeErrorJSON(w io.Writer, msg string, code int) {
	msg = strings.TrimSpace(msg)
	_ = writeJSON(w, errorJSON{Error: errorBody{Message: msg, ExitCode: code}}, false)
}
