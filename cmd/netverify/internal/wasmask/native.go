//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "wasmask runs in the browser: build it with GOOS=js GOARCH=wasm (netverify report does)")
	os.Exit(2)
}
