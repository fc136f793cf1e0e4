// Package gcpace lets the garbage collector run less often while an estate
// is loaded and compiled: those phases allocate about three times what they
// keep, and at 10,000 VPCs the collector's default pace (GOGC=100) spent a
// sixth of the CPU time. Set GOGC to keep a pace of one's own.
package gcpace

import (
	"os"
	"runtime/debug"
	"sync"
)

// Percent is the pace while loading: the heap may grow to three times what
// is live before a collection (peak memory measured in the README).
const Percent = 200

var (
	mu     sync.Mutex
	depth  int
	before int
)

// Load sets the loading pace until the returned function is called; nested
// and concurrent calls keep it until the last one ends. It does nothing when
// GOGC is set in the environment.
func Load() (done func()) {
	if _, set := os.LookupEnv("GOGC"); set {
		return func() {}
	}
	mu.Lock()
	if depth == 0 {
		before = debug.SetGCPercent(Percent)
	}
	depth++
	mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			mu.Lock()
			if depth--; depth == 0 {
				debug.SetGCPercent(before)
			}
			mu.Unlock()
		})
	}
}
