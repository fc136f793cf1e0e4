package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/reach"
)

// flowResult is one answered line of can-reach --flows.
type flowResult struct {
	Src, Dst, Proto, Port string
	// Expect is the line's expect column ("" when it has none).
	Expect  string
	Verdict reach.Verdict
	// Packet is the 5-tuple of the packet that stands for the answer.
	Packet string
	// Reason is what decided a flow that is not reachable: code and component.
	Reason string
}

// fill takes the verdict, packet and reason from the answer.
func (r *flowResult) fill(a *ask.Answer) {
	r.Verdict = a.Verdict
	if p := a.Path(); p != nil && p.Packet.Src.IsValid() {
		r.Packet = p.Packet.String()
	}
	if a.Reachable() {
		return
	}
	if a.API != nil {
		for _, m := range a.API.Methods {
			if len(m.Reasons) > 0 {
				r.Reason = string(m.Reasons[0].Code) + " " + m.Reasons[0].Detail
				return
			}
		}
	}
	if p := a.Path(); p != nil && len(p.Explanations) > 0 {
		e := p.Explanations[0]
		r.Reason = string(e.Code) + " " + e.Component
	}
}

// matches reports whether the verdict is the expected one (reachable when
// the line expects nothing).
func (r flowResult) matches() bool {
	want := r.Expect
	if want == "" {
		want = reach.Reachable.String()
	}
	return r.Verdict.String() == want
}

// parseExpect reads the expect column: reachable, blocked, unknown or empty.
func parseExpect(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "", "reachable", "blocked", "unknown":
		return s, nil
	}
	return "", fmt.Errorf("expect %q: want reachable, blocked or unknown", s)
}

// flowSummary counts the flows by verdict, and those that differ from expect.
type flowSummary struct {
	total, reachable, blocked, unknown, mismatched int
	withExpect                                     bool
}

func summarizeFlows(rs []flowResult, withExpect bool) flowSummary {
	s := flowSummary{total: len(rs), withExpect: withExpect}
	for _, r := range rs {
		switch r.Verdict {
		case reach.Reachable:
			s.reachable++
		case reach.Blocked:
			s.blocked++
		default:
			s.unknown++
		}
		if !r.matches() {
			s.mismatched++
		}
	}
	return s
}

func (s flowSummary) String() string {
	out := fmt.Sprintf("%d flows: %d reachable, %d blocked, %d unknown", s.total, s.reachable, s.blocked, s.unknown)
	if s.withExpect {
		out += fmt.Sprintf("; %d not as expected", s.mismatched)
	}
	return out
}

// failing reports whether the run should exit 1: a flow differs from its
// expect column, or, without one, a flow is not reachable.
func (s flowSummary) failing(withExpect bool) bool {
	if withExpect {
		return s.mismatched > 0
	}
	return s.reachable < s.total
}

// flowColumnsOut are the columns of --flows --format table and csv.
var flowColumnsOut = []string{"src", "dst", "proto", "port", "verdict", "expect", "match", "packet", "reason"}

func (r flowResult) row() []string {
	match := "yes"
	if !r.matches() {
		match = "no"
	}
	return []string{r.Src, r.Dst, r.Proto, r.Port, r.Verdict.String(), r.Expect, match, r.Packet, r.Reason}
}

// printFlowRows prints the rows of table and csv (text and json printed each
// answer as it came).
func printFlowRows(w io.Writer, format string, rs []flowResult) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		_ = cw.Write(flowColumnsOut)
		for _, r := range rs {
			_ = cw.Write(r.row())
		}
		cw.Flush()
		return cw.Error()
	case "table":
		rows := [][]string{upper(flowColumnsOut)}
		for _, r := range rs {
			rows = append(rows, dashEmpty(r.row()))
		}
		return writeTable(w, rows)
	}
	return nil
}

func upper(cols []string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = strings.ToUpper(c)
	}
	return out
}

// dashEmpty shows an empty cell as "-" so the columns stay readable.
func dashEmpty(row []string) []string {
	for i, c := range row {
		if c == "" {
			row[i] = "-"
		}
	}
	return row
}
