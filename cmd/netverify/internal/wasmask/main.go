//go:build js && wasm

package main

import (
	"encoding/json"
	"syscall/js"

	"github.com/netverify/netverify/cmd/netverify/internal/askbox"
)

func main() {
	var box *askbox.Box
	js.Global().Set("netverifyOpen", js.FuncOf(func(_ js.Value, args []js.Value) any {
		b, err := askbox.Open([]byte(args[0].String()))
		if err != nil {
			return err.Error()
		}
		box = b
		return ""
	}))
	js.Global().Set("netverifyAsk", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if box == nil {
			return `{"error":"the question box has no network"}`
		}
		var r askbox.Request
		if err := json.Unmarshal([]byte(args[0].String()), &r); err != nil {
			return `{"error":"bad request"}`
		}
		out, _ := json.Marshal(box.Ask(r))
		return string(out)
	}))
	if f := js.Global().Get("netverifyReady"); f.Type() == js.TypeFunction {
		f.Invoke()
	}
	select {}
}
