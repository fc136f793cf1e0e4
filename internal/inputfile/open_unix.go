//go:build unix

package inputfile

import "syscall"

// openFlags opens a FIFO that replaced a regular file without waiting for a writer.
const openFlags = syscall.O_NONBLOCK
