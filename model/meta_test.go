package model

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImportsOnlyStdlibAndGraph: the model imports nothing of the project and
// no third-party package except the graph library (ARCHITECTURE.md).
func TestImportsOnlyStdlibAndGraph(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		af, err := parser.ParseFile(fset, f, src, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range af.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			first := strings.Split(path, "/")[0]
			if path == "github.com/dominikbraun/graph" || !strings.Contains(first, ".") {
				continue
			}
			t.Errorf("%s imports %s: model may import only the standard library and github.com/dominikbraun/graph", f, path)
		}
	}
}
