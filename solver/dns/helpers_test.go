package dns

import (
	"fmt"
	"strings"
	"testing"
)

func resolve(t testing.TB, r *Resolver, from, name string, qtype uint16) *Result {
	t.Helper()
	o, err := r.Origin(from)
	if err != nil {
		t.Fatalf("origin %s: %v", from, err)
	}
	res, err := r.Resolve(o, name, qtype)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func chainText(res *Result) string {
	var b strings.Builder
	for _, s := range res.Chain {
		fmt.Fprintf(&b, "%s%s %s: %s [%s]\n", strings.Repeat("  ", s.Depth), s.Actor, s.Action, s.Detail, s.Rule)
		if s.Check != nil {
			for _, e := range s.Check.Explanations {
				fmt.Fprintf(&b, "%s    %s %s: %s\n", strings.Repeat("  ", s.Depth), e.Code, e.Component, e.Detail)
			}
		}
	}
	return b.String()
}
