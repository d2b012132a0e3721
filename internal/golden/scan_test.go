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

// exactMath are the math functions whose results are exact or correctly
// rounded, in pure Go or by a single instruction, and so the same on every
// architecture. Any other math function called in a scoring package fails
// the scan: the functions above have portable replacements, and the rest
// (Sin, Atan2, Hypot, Erf, Lgamma, ...) contain fusable arithmetic or
// assembly of their own.
var exactMath = map[string]bool{
	"Abs": true, "Ceil": true, "Copysign": true, "Dim": true, "FMA": true,
	"Float32bits": true, "Float32frombits": true, "Float64bits": true,
	"Float64frombits": true, "Floor": true, "Frexp": true, "Ilogb": true,
	"Inf": true, "IsInf": true, "IsNaN": true, "Ldexp": true, "Logb": true,
	"Max": true, "Min": true, "Mod": true, "Modf": true, "NaN": true,
	"Nextafter": true, "Nextafter32": true, "Pow10": true, "Remainder": true,
	"Round": true, "RoundToEven": true, "Signbit": true, "Sqrt": true,
	"Trunc": true,
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
// math.Log1p, math.Expm1, math.Pow, math.Log2 or math.Log10, of any other
// math function that is not in exactMath, and on any import of gonum's
// distuv or mathext in the non-test files of the scoring packages and of
// the portable packages themselves. It is a source check, so it runs on the
// build machine only.
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
			found = append(found, scanFile(fset, f)...)
		}
	}
	sort.Strings(found)
	for _, s := range found {
		t.Error(s)
	}
}

// scanFile returns the forbidden imports and math calls of one file.
func scanFile(fset *token.FileSet, f *ast.File) []string {
	var found []string
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
		return found
	}
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok && id.Name == mathName {
			name := sel.Sel.Name
			if repl, bad := forbiddenCalls[name]; bad {
				found = append(found, fmt.Sprintf("%s: math.%s (use %s)", fset.Position(sel.Pos()), name, repl))
			} else if !exactMath[name] {
				found = append(found, fmt.Sprintf("%s: math.%s is not portable (use internal/special, or ask for a portable version in internal/detmath)", fset.Position(sel.Pos()), name))
			}
		}
		return true
	})
	return found
}

// TestScanFileFinds checks the scanner on a file with each kind of
// violation and with the calls that are allowed.
func TestScanFileFinds(t *testing.T) {
	const src = `package p

import (
	m "math"

	"gonum.org/v1/gonum/stat/distuv"
)

var _ = distuv.UnitNormal

func f(x float64) float64 {
	a := m.Exp(x) + m.Log(x) + m.Pow(x, 2) + m.Log1p(x) + m.Expm1(x) + m.Log2(x) + m.Log10(x)
	b := m.Atan2(x, 1) + m.Lgamma2(x)
	c := m.Sqrt(x) + m.Abs(x) + m.Floor(x) + m.Max(x, 1) + m.Pi
	return a + b + c
}
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := scanFile(fset, f)
	want := []string{"imports gonum.org/v1/gonum/stat/distuv", "math.Exp (", "math.Log (", "math.Pow (",
		"math.Log1p (", "math.Expm1 (", "math.Log2 (", "math.Log10 (", "math.Atan2 is not portable", "math.Lgamma2 is not portable"}
	joined := strings.Join(found, "\n")
	for _, w := range want {
		if !strings.Contains(joined, w) {
			t.Errorf("scan misses %q; found:\n%s", w, joined)
		}
	}
	if len(found) != len(want) {
		t.Errorf("scan found %d problems, want %d:\n%s", len(found), len(want), joined)
	}
}
