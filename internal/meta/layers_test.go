package meta

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// ban is one dependency a package must not have, directly or through
// another package of the module, and why (Tailscale's tstest/deptest).
type ban struct {
	pkg, dep, why string
}

// The solver's layers: network < flows, network < reach < names < dns < http < ask.
// The question layer (ask) sits on top because an API call is one of the
// questions it answers (it needs http), and DNS hop checks and API calls
// ask packet questions between addresses, below the user's words.
var solverBans = []ban{
	{"solver/flows", "solver/reach", "the set engine knows packets and sets, not walks"},
	{"solver/network", "solver/reach", "the compiled network is data; walking it is reach's job"},
	{"solver/reach", "solver/names", "the packet walk takes endpoints, it never resolves names"},
	{"solver/reach", "solver/dns", "the packet walk knows nothing of DNS"},
	{"solver/reach", "solver/http", "the packet walk knows nothing of API Gateway"},
	{"solver/names", "solver/dns", "addresses and resources become endpoints without DNS"},
	{"solver/dns", "solver/http", "API calls use DNS, not the other way round"},
	{"solver/dns", "solver/ask", "DNS hop checks are packet questions between addresses, not user questions"},
	{"solver/http", "solver/ask", "the question layer dispatches to http, not the other way round"},
	{"solver/scan", "solver/ask", "set questions walk classes of the packet layer; the command resolves the end through ask"},
	{"solver/scan", "solver/http", "set questions are about packets"},
	{"solver/policy", "solver/network", "a policy evaluator knows no network"},
	{"solver/policy", "solver/reach", "a policy evaluator knows no network"},
	{"viz", "solver/ask", "diagrams draw answers; they never ask"},
	{"model", "solver", "the model imports nothing of the project"},
}

// TestSolverLayers checks the bans transitively through the module's packages.
func TestSolverLayers(t *testing.T) {
	pkgs := packages(t)
	for _, b := range solverBans {
		for dir := range pkgs {
			if !under(dir, b.pkg) {
				continue
			}
			if chain := reaches(pkgs, dir, b.dep); chain != nil {
				t.Errorf("%s depends on %s (%s): %s", dir, b.dep, strings.Join(chain, " -> "), b.why)
			}
		}
	}
}

func under(dir, prefix string) bool {
	dir = filepath.ToSlash(dir)
	return dir == prefix || strings.HasPrefix(dir, prefix+"/")
}

// reaches returns an import chain from dir to a package under dep, or nil.
func reaches(pkgs map[string]*pkg, dir, dep string) []string {
	seen := map[string]bool{}
	var walk func(d string) []string
	walk = func(d string) []string {
		if seen[d] {
			return nil
		}
		seen[d] = true
		p := pkgs[d]
		if p == nil {
			return nil
		}
		imps := make([]string, 0, len(p.imports))
		for imp := range p.imports {
			imps = append(imps, imp)
		}
		sort.Strings(imps)
		for _, imp := range imps {
			rel, ok := strings.CutPrefix(imp, module+"/")
			if !ok {
				continue
			}
			if under(rel, dep) {
				return []string{d, rel}
			}
			if chain := walk(filepath.FromSlash(rel)); chain != nil {
				return append([]string{d}, chain...)
			}
		}
		return nil
	}
	return walk(dir)
}

// questionCalls are the calls that answer a user's question or resolve a
// user's name: outside the question layer (and the solvers below it, which
// ask packet questions between addresses of their own) nobody makes them.
var questionCalls = map[string][]string{
	"reach":   {"Ask", "Ports", "PublicDst"},
	"names":   {"Resolve", "ByIP", "FromResource", "OnPrem"},
	"apihttp": {"FindAPI", "FindAPIByID", "New"},
}

// askers may make those calls: the question layer and the solvers it sits on.
var askers = []string{"solver/ask", "solver/reach", "solver/names", "solver/dns", "solver/http", "solver/scan"}

// TestQuestionsGoThroughAsk: commands, diagrams and drift never call the
// packet walk or name resolution themselves (so they cannot disagree).
func TestQuestionsGoThroughAsk(t *testing.T) {
	root, _ := filepath.Abs("../..")
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
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		for _, a := range askers {
			if under(rel, a) {
				return nil
			}
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		local := localNames(f)
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, ok := sel.X.(*ast.Ident)
			if !ok {
				return true
			}
			for _, fn := range questionCalls[local[x.Name]] {
				if sel.Sel.Name == fn {
					t.Errorf("%s: calls %s.%s: ask the question layer (solver/ask) instead", fset.Position(call.Pos()), x.Name, fn)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// localNames maps a file's import names to the solver package they stand
// for ("reach", "names", "apihttp").
func localNames(f *ast.File) map[string]string {
	out := map[string]string{}
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		var key string
		switch path {
		case module + "/solver/reach":
			key = "reach"
		case module + "/solver/names":
			key = "names"
		case module + "/solver/http":
			key = "apihttp"
		default:
			continue
		}
		name := filepath.Base(path)
		if imp.Name != nil {
			name = imp.Name.Name
		}
		out[name] = key
	}
	return out
}
