package golden

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// scoringPackages are the packages whose arithmetic feeds a score, weight,
// estimate, interval or rank.
var scoringPackages = []string{"indicator", "weighting", "survey", "ranking"}

// portablePackages are the packages that provide the portable arithmetic.
var portablePackages = []string{"internal/detmath", "internal/special", "internal/rng"}

// forbiddenCalls are the math functions with architecture-dependent results
// (assembly on some GOARCH) or with portable replacements in detmath.
var forbiddenCalls = map[string]string{
	"Exp":   "detmath.Exp",
	"Log":   "detmath.Log",
	"Log1p": "detmath.Log1p",
	"Expm1": "detmath.Exp(x) - 1, or a series for tiny x",
	"Pow":   "detmath.Pow (or a product for small integer powers)",
	"Log2":  "detmath.Log(x) / math.Ln2",
	"Log10": "detmath.Log(x) / math.Ln10",
}

// forbiddenImports are gonum packages whose functions call math.Exp and
// math.Log and contain fusable arithmetic; internal/special replaces them.
var forbiddenImports = map[string]string{
	"gonum.org/v1/gonum/stat/distuv": "internal/special",
	"gonum.org/v1/gonum/mathext":     "internal/special",
}

// repoRoot returns the module root, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Skipf("module root not found from %s: %v", root, err)
	}
	return root
}

// parseDir parses the non-test .go files of one package directory.
func parseDir(t *testing.T, fset *token.FileSet, dir string) []*ast.File {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

// TestNoArchDependentMath fails on any call of math.Exp, math.Log,
// math.Log1p, math.Expm1, math.Pow, math.Log2 or math.Log10 and on any
// import of gonum's distuv or mathext in the non-test files of the scoring
// packages (and of the portable packages themselves, except detmath's
// documentation). It is a source check, so it runs on the build machine
// only.
func TestNoArchDependentMath(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("source check: run natively")
	}
	root := repoRoot(t)
	fset := token.NewFileSet()
	var found []string
	for _, pkg := range append(append([]string{}, scoringPackages...), portablePackages...) {
		dir := filepath.Join(root, filepath.FromSlash(pkg))
		for _, f := range parseDir(t, fset, dir) {
			mathName := ""
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if repl, bad := forbiddenImports[path]; bad {
					found = append(found, fmt.Sprintf("%s: imports %s (use %s)", fset.Position(imp.Pos()), path, repl))
				}
				if path == "math" {
					mathName = "math"
					if imp.Name != nil {
						mathName = imp.Name.Name
					}
				}
			}
			if mathName == "" {
				continue
			}
			ast.Inspect(f, func(n ast.Node) bool {
				sel, ok := n.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == mathName {
					if repl, bad := forbiddenCalls[sel.Sel.Name]; bad {
						found = append(found, fmt.Sprintf("%s: math.%s (use %s)", fset.Position(sel.Pos()), sel.Sel.Name, repl))
					}
				}
				return true
			})
		}
	}
	sort.Strings(found)
	for _, s := range found {
		t.Error(s)
	}
}
