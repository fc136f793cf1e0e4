//go:build unix

package gvcache

import (
	"fmt"
	"os"
	"syscall"
)

// unsafeDir says why d may hold code another user put there: not a real
// directory, not owned by this user, or writable by others.
func unsafeDir(d string) string {
	st, err := os.Lstat(d)
	if err != nil {
		return err.Error()
	}
	if !st.IsDir() {
		return d + " is not a directory"
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok && int(sys.Uid) != os.Getuid() {
		return fmt.Sprintf("%s belongs to user %d, not to this user (%d)", d, sys.Uid, os.Getuid())
	}
	if st.Mode().Perm()&0o022 != 0 {
		return fmt.Sprintf("%s is writable by other users (mode %v)", d, st.Mode().Perm())
	}
	return ""
}
