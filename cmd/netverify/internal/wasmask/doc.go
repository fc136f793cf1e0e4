// Command wasmask is the report's question box compiled to WebAssembly
// (GOOS=js GOARCH=wasm): it reads the network the page embeds and answers
// the box's questions through askbox, as can-reach would. It imports no
// command-line, drawing or AWS SDK package, to stay small.
//
// The page calls netverifyOpen(payloadJSON) once, then
// netverifyAsk(requestJSON) -> responseJSON for each question.
// Built for any other platform it only says how to build it.
package main
