//go:build darwin

package snapcache

import (
	"io/fs"
	"os"
	"syscall"
)

// sysStat returns a file's change time, device and inode.
func sysStat(st fs.FileInfo) (chg int64, dev, ino uint64) {
	s, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, 0
	}
	return s.Ctimespec.Nano(), uint64(s.Dev), s.Ino
}

// ownedByMe reports whether the file is the current user's.
func ownedByMe(st fs.FileInfo) bool {
	s, ok := st.Sys().(*syscall.Stat_t)
	return ok && int(s.Uid) == os.Getuid()
}
