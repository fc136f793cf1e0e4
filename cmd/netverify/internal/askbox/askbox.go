// Package askbox is the report's question box without the browser: the
// loaded network as JSON (Payload), and Box.Ask, which resolves and answers
// one question with the question layer and writes it as can-reach does
// (answertext). The WebAssembly entry (../wasmask) only moves strings
// between it and the page, so a native test of Box.Ask tests the box.
package askbox

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/netverify/netverify/cmd/netverify/internal/answertext"
	"github.com/netverify/netverify/model"
	"github.com/netverify/netverify/solver/ask"
	"github.com/netverify/netverify/solver/network"
	"github.com/netverify/netverify/solver/reach"
)

// Payload is what the report embeds for the box: the snapshot as loaded
// (derived values included) and the diagnostics of the load.
type Payload struct {
	Snapshot    *model.Snapshot   `json:"snapshot"`
	Diagnostics model.Diagnostics `json:"diagnostics,omitempty"`
	// Caveat heads every answer when the inputs have errors (as --allow-errors does).
	Caveat string `json:"caveat,omitempty"`
}

// Request is a question as the box's fields hold it.
type Request struct {
	Src    string `json:"src"`
	Dst    string `json:"dst"`
	Proto  string `json:"proto,omitempty"`
	Port   string `json:"port,omitempty"` // a number; empty asks which ports
	Method string `json:"method,omitempty"`
	Path   string `json:"path,omitempty"`
}

// Response is the box's answer: can-reach's text and what to draw.
type Response struct {
	// Text is what can-reach prints on stdout for the question.
	Text string `json:"text"`
	// Error is can-reach's message on stderr when the question is wrong (exit 2).
	Error   string `json:"error,omitempty"`
	Verdict string `json:"verdict,omitempty"`
	// Forward and Return are the resource IDs of the drawn path's hops, in order.
	Forward []string `json:"forward,omitempty"`
	Return  []string `json:"return,omitempty"`
	// Blocked are the resource IDs the explanations name.
	Blocked []string `json:"blocked,omitempty"`
}

// Box answers questions about one network.
type Box struct {
	k *ask.Asker
	p Payload
}

// Open reads a payload and compiles its network.
func Open(data []byte) (*Box, error) {
	var p Payload
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("question box: the embedded network does not read back: %v", err)
	}
	if p.Snapshot == nil {
		p.Snapshot = &model.Snapshot{}
	}
	return New(p), nil
}

// New builds the box over a payload.
func New(p Payload) *Box { return &Box{k: ask.New(network.Compile(p.Snapshot)), p: p} }

// Ask answers r.
func (b *Box) Ask(r Request) Response {
	port := -1
	if s := strings.TrimSpace(r.Port); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 || v > 65535 {
			return Response{Error: fmt.Sprintf("port %q: want a number 0-65535", s)}
		}
		port = v
	}
	if port >= 0 && isICMP(r.Proto) {
		return Response{Error: "ICMP has no ports: leave out the port, or use tcp or udp"}
	}
	q := ask.Query{Src: strings.TrimSpace(r.Src), Dst: strings.TrimSpace(r.Dst), Proto: strings.TrimSpace(r.Proto), Port: port,
		Method: strings.TrimSpace(r.Method), Path: strings.TrimSpace(r.Path)}
	a, err := b.k.Ask(q)
	if err != nil {
		return Response{Error: err.Error()}
	}
	var text strings.Builder
	if b.p.Caveat != "" {
		text.WriteString("warning: " + b.p.Caveat + "\n")
	}
	answertext.Write(&text, q.Src, q.Dst, a, func(p *reach.Answer) []string { return answertext.OnPath(p, b.p.Diagnostics, "") })
	out := Response{Text: text.String(), Verdict: a.Verdict.String()}
	if p := a.Path(); p != nil {
		out.Forward, out.Return = hopIDs(p.Forward), hopIDs(p.Return)
		for _, e := range p.Explanations {
			out.Blocked = append(out.Blocked, e.IDs...)
		}
	}
	return out
}

// hopIDs lists the resource IDs of hops, in order, each once.
func hopIDs(hops []reach.Hop) []string {
	var out []string
	seen := map[string]bool{}
	for _, h := range hops {
		for _, id := range h.IDs {
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out
}

// isICMP reports whether a protocol word means ICMP, which has no ports.
func isICMP(proto string) bool {
	switch strings.ToLower(strings.TrimSpace(proto)) {
	case "icmp", "ping", "icmpv6", "1", "58":
		return true
	}
	return false
}
