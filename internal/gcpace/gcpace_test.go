package gcpace

import (
	"os"
	"runtime/debug"
	"testing"
)

// current reads the pace without changing it.
func current() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// TestNestedLoadsRestoreThePace: a load inside a load (compile after load,
// two loads at once) keeps the loading pace until the last one ends, then
// the pace from before is back.
func TestNestedLoadsRestoreThePace(t *testing.T) {
	if _, set := os.LookupEnv("GOGC"); set {
		t.Skip("GOGC is set: Load leaves the pace alone")
	}
	before := current()
	outer := Load()
	inner := Load()
	if got := current(); got != Percent {
		t.Fatalf("pace while loading = %d, want %d", got, Percent)
	}
	inner()
	inner() // a second call of the same done is ignored
	if got := current(); got != Percent {
		t.Fatalf("pace after the inner load = %d, want %d until the outer one ends", got, Percent)
	}
	outer()
	if got := current(); got != before {
		t.Fatalf("pace after loading = %d, want %d", got, before)
	}
}
