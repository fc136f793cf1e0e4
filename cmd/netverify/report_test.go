package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/netverify/netverify/cmd/netverify/internal/askbox"
	"github.com/netverify/netverify/importers/load"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/scenarios"
)

// boxFor loads a source as report does and opens the question box over the
// JSON the report embeds (so the test covers the snapshot's round trip).
func boxFor(t *testing.T, src string) (*askbox.Box, *model.Snapshot) {
	t.Helper()
	snap, diags, err := load.All([]string{src}, load.Options{})
	if err != nil {
		t.Fatalf("load %s: %v", src, err)
	}
	payload, err := boxPayload(snap, diags)
	if err != nil {
		t.Fatal(err)
	}
	box, err := askbox.Open(payload)
	if err != nil {
		t.Fatal(err)
	}
	return box, snap
}

// boxQuestion is an intent's question as the box and can-reach take it.
func boxQuestion(in model.Intent) (askbox.Request, []string) {
	r := askbox.Request{Src: in.From, Dst: in.To, Proto: in.Protocol}
	if in.Port != 0 {
		r.Port = strconv.Itoa(in.Port)
	}
	if in.Kind == model.IntentOnlyPorts {
		r.Proto, r.Port = "", ""
	}
	args := []string{"can-reach", r.Src, r.Dst}
	if r.Proto != "" {
		args = append(args, "--proto", r.Proto)
	}
	if r.Port != "" {
		args = append(args, "--port", r.Port)
	}
	return r, args
}

// cliAnswer runs can-reach and returns its stdout, or its error message.
func cliAnswer(t *testing.T, args []string) (stdout, errText string) {
	t.Helper()
	var o, e bytes.Buffer
	code := run(args, &o, &e)
	if code == 2 {
		return "", strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(e.String()), "error: "))
	}
	return o.String(), ""
}

// TestQuestionBoxAgreesWithCanReach: the report's question box (the
// WebAssembly entry's function, run natively) prints exactly what can-reach
// prints, for every intent of every built-in example (issue 23).
func TestQuestionBoxAgreesWithCanReach(t *testing.T) {
	asked := 0
	for _, ex := range scenarios.Examples() {
		src := "example:" + ex.Name
		box, snap := boxFor(t, src)
		for _, in := range snap.Intents {
			if in.Kind == model.IntentResolvesTo {
				continue
			}
			req, args := boxQuestion(in)
			args = append(args, "--in", src)
			t.Run(ex.Name+"/"+in.Describe(), func(t *testing.T) {
				want, wantErr := cliAnswer(t, args)
				got := box.Ask(req)
				if wantErr != "" {
					if got.Error == "" || !strings.Contains(wantErr, got.Error) {
						t.Errorf("%s: can-reach fails with %q, the box says %q / %q", strings.Join(args, " "), wantErr, got.Error, got.Text)
					}
					return
				}
				if got.Text != want {
					t.Errorf("%s: the box differs from can-reach\n--- can-reach\n%s--- box\n%s", strings.Join(args, " "), want, got.Text)
				}
			})
			asked++
		}
	}
	if asked < 20 {
		t.Fatalf("asked only %d intents: the examples lost theirs?", asked)
	}
	t.Logf("%d intents asked", asked)
}

// TestQuestionBoxNamedQuestions are the two questions of issue 23 item 2.
func TestQuestionBoxNamedQuestions(t *testing.T) {
	for _, c := range []struct {
		src  string
		req  askbox.Request
		args []string
	}{
		{defaultSource, askbox.Request{Src: "onprem", Dst: "private-api"}, []string{"can-reach", "onprem", "private-api"}},
		{"example:nacl-ephemeral", askbox.Request{Src: "client", Dst: "web", Port: "443"}, []string{"can-reach", "--in", "example:nacl-ephemeral", "client", "web", "--port", "443"}},
	} {
		box, _ := boxFor(t, c.src)
		want, _ := cliAnswer(t, c.args)
		got := box.Ask(c.req)
		if got.Text != want || want == "" {
			t.Errorf("%s: box\n%s\ncan-reach\n%s", strings.Join(c.args, " "), got.Text, want)
		}
		if len(got.Forward) == 0 {
			t.Errorf("%s: the box names no hop to draw", strings.Join(c.args, " "))
		}
	}
}

// TestReportTopology: the report draws every VPC and subnet in its
// container, and a route edge from a subnet to each target of its table.
func TestReportTopology(t *testing.T) {
	_, snap := boxFor(t, defaultSource)
	r, err := (&reportOpts{}).build(nil, snap, nil)
	if err != nil {
		t.Fatal(err)
	}
	parent := map[string]string{}
	for _, n := range r.Topology.Nodes {
		parent[n.ID] = n.Parent
	}
	for _, s := range snap.Subnets {
		p, ok := parent[s.ID]
		if !ok || !strings.HasPrefix(p, s.VPC) {
			t.Errorf("subnet %s drawn in %q, want in VPC %s", s.ID, p, s.VPC)
		}
	}
	routes := 0
	for _, e := range r.Topology.Edges {
		if e.Kind == "route" {
			routes++
		}
	}
	if routes == 0 {
		t.Errorf("no route edges in %s", fmt.Sprint(r.Topology.Edges))
	}
	if r.Findings.Exposure == "" || len(r.Findings.Intents) != len(snap.Intents) {
		t.Errorf("findings: exposure %q, %d intents of %d", r.Findings.Exposure, len(r.Findings.Intents), len(snap.Intents))
	}
}
