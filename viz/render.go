package viz

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/goccy/go-graphviz"

	"github.com/netverify/netverify/viz/internal/gvcache"
)

// go-graphviz compiled its WebAssembly during its own init, under the
// per-user cache that gvcache chose (see there); TMPDIR goes back now.
func init() { gvcache.Restore() }

// CacheDir is the directory of go-graphviz's compiled WebAssembly for this
// user, or "" with the reason there is none.
func CacheDir() (dir, whyNone string) { return gvcache.Dir, gvcache.Reason }

// Format is an output format.
type Format string

const (
	FormatSVG     Format = "svg"
	FormatDOT     Format = "dot"
	FormatMermaid Format = "mmd"
)

// ParseFormat reads a format name or a file extension (".svg", "mmd", "md").
func ParseFormat(s string) (Format, error) {
	switch s {
	case "svg", ".svg":
		return FormatSVG, nil
	case "dot", ".dot", "gv", ".gv":
		return FormatDOT, nil
	case "mmd", ".mmd", "mermaid", "md", ".md":
		return FormatMermaid, nil
	}
	return "", fmt.Errorf("unknown diagram format %q: want .svg, .dot or .mmd", s)
}

// Write writes d in format f.
func Write(w io.Writer, d *Diagram, f Format) error {
	switch f {
	case FormatDOT:
		return WriteDOT(w, d)
	case FormatMermaid:
		return WriteMermaid(w, d)
	case FormatSVG:
		var dot bytes.Buffer
		if err := WriteDOT(&dot, d); err != nil {
			return err
		}
		return RenderSVG(w, dot.Bytes())
	}
	return fmt.Errorf("unknown diagram format %q", f)
}

// The Graphviz WebAssembly instance is expensive to start and not safe for
// concurrent use (LIBRARIES.md): one instance, behind a mutex, for the process.
var (
	gvMu   sync.Mutex
	gvInst *graphviz.Graphviz
	gvErr  error
	gvOnce sync.Once
)

// RenderSVG lays out DOT text and writes SVG. Only SVG: the library's PNG
// renderer draws no lines.
func RenderSVG(w io.Writer, dot []byte) error {
	// Never a cancellable context: cancelling Render leaves the WebAssembly
	// instance in a broken state for every later call.
	ctx := context.Background()
	gvOnce.Do(func() { gvInst, gvErr = graphviz.New(ctx) })
	if gvErr != nil {
		return fmt.Errorf("starting graphviz: %w", gvErr)
	}
	gvMu.Lock()
	defer gvMu.Unlock()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return fmt.Errorf("graphviz could not read the DOT text: %w", err)
	}
	defer g.Close()
	var buf bytes.Buffer
	if err := gvInst.Render(ctx, g, graphviz.SVG, &buf); err != nil {
		return fmt.Errorf("graphviz layout: %w", err)
	}
	_, err = io.WriteString(w, svgFonts.Replace(buf.String()))
	return err
}

// svgFonts gives the SVG a fallback list of fonts with DejaVu Sans's metrics
// (the layout was measured with them), then any sans-serif.
var svgFonts = strings.NewReplacer(`font-family="`+fontName+`"`, `font-family="`+fontName+`,Verdana,Bitstream Vera Sans,sans-serif"`)
