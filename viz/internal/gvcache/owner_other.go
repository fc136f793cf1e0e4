//go:build !unix

package gvcache

import "os"

// unsafeDir says why d cannot hold the cache: not a real directory.
func unsafeDir(d string) string {
	st, err := os.Lstat(d)
	if err != nil {
		return err.Error()
	}
	if !st.IsDir() {
		return d + " is not a directory"
	}
	return ""
}
