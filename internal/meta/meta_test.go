package meta

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/netverify/netverify"

type pkg struct {
	dir     string
	hasDoc  bool
	imports map[string]bool
}

// packages parses every non-test Go file of the repository.
func packages(t *testing.T) map[string]*pkg {
	t.Helper()
	root, _ := filepath.Abs("../..")
	out := map[string]*pkg{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		p := out[rel]
		if p == nil {
			p = &pkg{dir: rel, imports: map[string]bool{}}
			out[rel] = p
		}
		if f.Doc != nil && strings.HasPrefix(f.Doc.Text(), "Package "+f.Name.Name) || f.Doc != nil && f.Name.Name == "main" && strings.HasPrefix(f.Doc.Text(), "Command ") {
			p.hasDoc = true
		}
		for _, imp := range f.Imports {
			s, _ := strconv.Unquote(imp.Path.Value)
			p.imports[s] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEveryPackageHasADocComment(t *testing.T) {
	for dir, p := range packages(t) {
		if !p.hasDoc {
			t.Errorf("package %s has no doc comment (// Package x ... or // Command x ...)", dir)
		}
	}
}

func TestDependencyDirections(t *testing.T) {
	forbidden := map[string][]string{
		"model":  {module + "/", "github.com/aws/", "github.com/spf13/cobra", "github.com/goccy/go-graphviz"},
		"solver": {module + "/importers", module + "/cmd", module + "/viz", "github.com/aws/", "github.com/spf13/cobra", "github.com/goccy/go-graphviz"},
	}
	for dir, p := range packages(t) {
		for prefix, bad := range forbidden {
			if dir != prefix && !strings.HasPrefix(dir, prefix+string(filepath.Separator)) {
				continue
			}
			for imp := range p.imports {
				for _, b := range bad {
					if strings.HasPrefix(imp, b) {
						t.Errorf("%s imports %s: %s must not depend on %s (ARCHITECTURE.md)", dir, imp, prefix, b)
					}
				}
			}
		}
	}
}
