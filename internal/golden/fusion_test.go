package golden

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
)

// fusable returns the positions of floating-point additions and
// subtractions that the compiler may fuse with a multiplication into one FMA
// instruction (Go spec, "Floating-point operators": fusion is allowed unless
// the product is rounded by an explicit conversion, "possibly across
// statements"):
//
//	x*y + z, z - x*y, -(x*y) + z    a product operand
//	s += x*y, s -= x*y              a product on the right of += or -=
//	t := x*y; ... t + z             a variable last assigned a bare product
//	f(x, y) + z                     f returns a bare product (inlining)
//	a[i] = x*y; ... a[i] + z        an element, field or pointee stored a
//	                                bare product (the same expression text)
//
// float64(x*y) + z is never reported. The third form is found per function,
// conservatively: any variable assigned a bare product anywhere in the
// function counts.
func fusable(fset *token.FileSet, files []*ast.File, info *types.Info) []string {
	isFloat := func(e ast.Expr) bool {
		tv, ok := info.Types[e]
		if !ok || tv.Type == nil {
			return false
		}
		b, ok := tv.Type.Underlying().(*types.Basic)
		return ok && b.Info()&types.IsFloat != 0
	}
	// bareProduct reports whether e (parentheses and negation removed) is a
	// floating-point product that is not a constant.
	var bareProduct func(e ast.Expr) bool
	bareProduct = func(e ast.Expr) bool {
		switch v := e.(type) {
		case *ast.ParenExpr:
			return bareProduct(v.X)
		case *ast.UnaryExpr:
			return v.Op == token.SUB && bareProduct(v.X)
		case *ast.BinaryExpr:
			if v.Op != token.MUL || !isFloat(v) {
				return false
			}
			if tv := info.Types[v]; tv.Value != nil {
				return false // constant expression, folded at compile time
			}
			// A product by a power of two is exact, so fusing it cannot
			// change the result.
			return !powerOfTwo(info, v.X) && !powerOfTwo(info, v.Y)
		}
		return false
	}
	// Functions and methods that return a bare product: once inlined, a
	// call of one is a product like any other.
	prodFuncs := map[types.Object]bool{}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if _, lit := n.(*ast.FuncLit); lit {
					return false
				}
				if ret, ok := n.(*ast.ReturnStmt); ok && len(ret.Results) == 1 && bareProduct(ret.Results[0]) {
					prodFuncs[info.Defs[fn.Name]] = true
				}
				return true
			})
		}
	}
	var out []string
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			// Variables assigned a bare product in this function.
			prodVars := map[types.Object]bool{}
			prodExprs := map[string]bool{} // slice elements, fields, pointers
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch s := n.(type) {
				case *ast.AssignStmt:
					if len(s.Lhs) == len(s.Rhs) {
						for i, rhs := range s.Rhs {
							if (s.Tok == token.ASSIGN || s.Tok == token.DEFINE) && bareProduct(rhs) || (s.Tok == token.MUL_ASSIGN && isFloat(s.Lhs[i]) && !powerOfTwo(info, rhs)) {
								switch lhs := s.Lhs[i].(type) {
								case *ast.Ident:
									if obj := info.ObjectOf(lhs); obj != nil {
										prodVars[obj] = true
									}
								case *ast.IndexExpr, *ast.SelectorExpr, *ast.StarExpr:
									// a[i] = x*y; ... a[i] + z fuses too.
									prodExprs[types.ExprString(lhs)] = true
								}
							}
						}
					}
				case *ast.ValueSpec:
					for i, v := range s.Values {
						if i < len(s.Names) && bareProduct(v) {
							if obj := info.ObjectOf(s.Names[i]); obj != nil {
								prodVars[obj] = true
							}
						}
					}
				}
				return true
			})
			isProdVar := func(e ast.Expr) bool {
				for {
					p, ok := e.(*ast.ParenExpr)
					if !ok {
						break
					}
					e = p.X
				}
				if call, ok := e.(*ast.CallExpr); ok {
					switch f := call.Fun.(type) {
					case *ast.Ident:
						return prodFuncs[info.Uses[f]]
					case *ast.SelectorExpr:
						return prodFuncs[info.Uses[f.Sel]]
					}
					return false
				}
				switch v := e.(type) {
				case *ast.IndexExpr, *ast.SelectorExpr, *ast.StarExpr:
					return prodExprs[types.ExprString(v)]
				}
				id, ok := e.(*ast.Ident)
				return ok && prodVars[info.ObjectOf(id)]
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch s := n.(type) {
				case *ast.BinaryExpr:
					if (s.Op == token.ADD || s.Op == token.SUB) && isFloat(s) && info.Types[s].Value == nil {
						for _, op := range []ast.Expr{s.X, s.Y} {
							if bareProduct(op) {
								out = append(out, fmt.Sprintf("%s: %s", fset.Position(op.Pos()), "product operand of "+s.Op.String()))
							} else if isProdVar(op) {
								out = append(out, fmt.Sprintf("%s: %s", fset.Position(op.Pos()), "variable or call holding a bare product, operand of "+s.Op.String()))
							}
						}
					}
				case *ast.AssignStmt:
					if (s.Tok == token.ADD_ASSIGN || s.Tok == token.SUB_ASSIGN) && len(s.Rhs) == 1 && isFloat(s.Lhs[0]) {
						if bareProduct(s.Rhs[0]) {
							out = append(out, fmt.Sprintf("%s: product on the right of %s", fset.Position(s.Rhs[0].Pos()), s.Tok))
						} else if isProdVar(s.Rhs[0]) || isProdVar(s.Lhs[0]) {
							out = append(out, fmt.Sprintf("%s: variable or call holding a bare product in %s", fset.Position(s.Pos()), s.Tok))
						}
					}
				}
				return true
			})
		}
	}
	return out
}

// powerOfTwo reports whether e is a constant whose value is ±2**k.
func powerOfTwo(info *types.Info, e ast.Expr) bool {
	tv, ok := info.Types[e]
	if !ok || tv.Value == nil {
		return false
	}
	v, _ := constant.Float64Val(constant.ToFloat(tv.Value))
	frac, _ := math.Frexp(v)
	return frac == 0.5 || frac == -0.5
}

// typeCheck parses and type-checks the non-test files of one package
// directory, importing dependencies from source.
func typeCheck(t *testing.T, fset *token.FileSet, imp types.Importer, dir, path string) ([]*ast.File, *types.Info) {
	t.Helper()
	files := parseDir(t, fset, dir)
	if len(files) == 0 {
		return nil, nil
	}
	info := &types.Info{
		Types: map[ast.Expr]types.TypeAndValue{},
		Defs:  map[*ast.Ident]types.Object{},
		Uses:  map[*ast.Ident]types.Object{},
	}
	conf := types.Config{Importer: imp}
	if _, err := conf.Check(path, fset, files, info); err != nil {
		t.Logf("not checked: type-checking %s: %v", path, err)
		return nil, nil
	}
	return files, info
}

// exportImporter returns an importer that reads the compiler's export data
// of every dependency, located by go list -export (fast: the build cache
// serves it), falling back to type-checking from source if go list fails.
func exportImporter(t *testing.T, fset *token.FileSet, root string) types.Importer {
	t.Helper()
	args := []string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}
	for _, p := range append(append([]string{}, portablePackages...), scoringPackages...) {
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(p))); err == nil {
			args = append(args, "./"+p)
		}
	}
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Logf("go list -export: %v; type-checking dependencies from source", err)
		return importer.ForCompiler(fset, "source", nil)
	}
	files := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if path, file, ok := strings.Cut(line, "\t"); ok && file != "" {
			files[path] = file
		}
	}
	return importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		f, ok := files[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(f)
	})
}

// TestFusionFree fails on any fusable product in the portable packages and,
// when PPGPA_FUSION_STRICT=1, in the scoring packages; otherwise it logs the
// scoring packages' fusable expressions (the golden suite then shows whether
// they change results on the architectures that fuse). It is a source
// check, so it runs on the build machine only.
func TestFusionFree(t *testing.T) {
	if runtime.GOARCH != "amd64" || testing.Short() {
		t.Skip("source check: run natively, not in -short mode")
	}
	root := repoRoot(t)
	strict := os.Getenv("PPGPA_FUSION_STRICT") == "1"
	fset := token.NewFileSet()
	imp := exportImporter(t, fset, root)
	for _, pkg := range append(append([]string{}, portablePackages...), scoringPackages...) {
		files, info := typeCheck(t, fset, imp, filepath.Join(root, filepath.FromSlash(pkg)), "github.com/ppgpa/ppgpa/"+pkg)
		if files == nil {
			continue
		}
		found := fusable(fset, files, info)
		sort.Strings(found)
		isPortable := strings.HasPrefix(pkg, "internal/")
		for _, s := range found {
			s = strings.TrimPrefix(s, root+string(filepath.Separator))
			if isPortable || strict {
				t.Error(s)
			} else {
				t.Log(s)
			}
		}
		if !isPortable {
			t.Logf("%s: %d fusable expressions", pkg, len(found))
		}
	}
}

// TestFusableFindsPatterns checks the detector on the examples of the Go
// specification ("Floating-point operators") and on exact products.
func TestFusableFindsPatterns(t *testing.T) {
	const src = `package p

func f(x, y, z float64, p *float64, i, j int) (r float64) {
	r = x*y + z             // fusable
	r = z; r += x*y         // fusable
	t := x*y; r = t + z     // fusable
	r = x*y + float64(z)    // fusable
	r = z - x*y             // fusable
	r = float64(x*y) + z    // not fusable
	r = z; r += float64(x*y)
	u := float64(x*y); r = u + z
	r = 2*x + z             // exact product
	r = x*0.5 - z           // exact product
	k := i*j + i            // integers
	_ = k
	r = mul(x, y) + z       // fusable after inlining
	*p = x * y; r = *p + z  // fusable through memory
	r = x/y + z             // quotient
	return r
}

func mul(a, b float64) float64 { return a * b }
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}, Uses: map[*ast.Ident]types.Object{}}
	if _, err := (&types.Config{}).Check("p", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	got := fusable(fset, []*ast.File{f}, info)
	lines := map[int]bool{}
	for _, s := range got {
		var line int
		fmt.Sscanf(strings.TrimPrefix(s, "p.go:"), "%d", &line)
		lines[line] = true
	}
	for _, want := range []int{4, 5, 6, 7, 8, 16, 17} {
		if !lines[want] {
			t.Errorf("line %d not reported; got %v", want, got)
		}
	}
	for line := range lines {
		if line > 8 && line != 16 && line != 17 {
			t.Errorf("line %d reported as fusable; got %v", line, got)
		}
	}
}
