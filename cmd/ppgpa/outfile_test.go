package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestOutputFilesOnlyHere checks that outfile.go is the only source file
// of the command that creates, opens for writing, truncates, renames or
// removes a file: every output goes through the staged, atomic writer.
func TestOutputFilesOnlyHere(t *testing.T) {
	banned := map[string]bool{"Create": true, "CreateTemp": true, "WriteFile": true, "OpenFile": true,
		"Rename": true, "Truncate": true, "Remove": true, "RemoveAll": true, "Link": true, "Symlink": true}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "outfile.go" {
			continue
		}
		seen++
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if id, ok := sel.X.(*ast.Ident); ok && (id.Name == "os" || id.Name == "ioutil") && banned[sel.Sel.Name] {
				t.Errorf("%s uses %s.%s: outputs must be staged with env.stage (outfile.go) so that a failed command leaves no partial file", f, id.Name, sel.Sel.Name)
			}
			return true
		})
	}
	if seen < 10 {
		t.Fatalf("only %d source files checked", seen)
	}
}

// errDiskFull is the error of the failing writer.
var errDiskFull = syscall.ENOSPC

// failWritesAfter makes the n-th and later file writes fail after writing
// part of their data, as a full disk does, for the duration of the test.
func failWritesAfter(t *testing.T, n int) {
	old := writeAll
	t.Cleanup(func() { writeAll = old })
	calls := 0
	writeAll = func(w io.Writer, data []byte) error {
		calls++
		if calls < n {
			return old(w, data)
		}
		if err := old(w, data[:len(data)/2]); err != nil {
			return err
		}
		return errDiskFull
	}
}

// outputCase is a command with output files; {A} and {B} stand for them.
type outputCase struct {
	name string
	args []string
	fail int // which file write fails (1: the first)
}

func outputCases() []outputCase {
	return []outputCase{
		{"score -o", []string{"score", "-format", "csv", "-o", "{A}", "model.json", "data.csv"}, 1},
		{"rank -o", []string{"rank", "-o", "{A}", "estimates.csv"}, 1},
		{"validate -emit", []string{"validate", "-emit", "{A}", "model.json"}, 1},
		{"validate -emit -o", []string{"validate", "-emit", "{A}", "-o", "{B}", "model.json"}, 2},
		{"rake -o -diag, first fails", []string{"rake", "-o", "{A}", "-diag", "{B}", "respondents.csv", "margins.json"}, 1},
		{"rake -o -diag, second fails", []string{"rake", "-o", "{A}", "-diag", "{B}", "respondents.csv", "margins.json"}, 2},
		{"calibrate -o -diag", []string{"calibrate", "-o", "{A}", "-diag", "{B}", "respondents.csv", "totals.csv"}, 2},
		{"estimate -o", []string{"estimate", "-unit", "district", "-scale", "hangzhou", "-o", "{A}", "respondents.csv"}, 1},
		{"report -o", []string{"report", "-n", "50", "-format", "markdown", "-o", "{A}", "model.json", "data.csv"}, 1},
	}
}

// TestFailedWriteKeepsOldFiles makes a write of each command's output fail
// part-way (a full disk) and checks that every previous file is intact
// and that no new or temporary file is left.
func TestFailedWriteKeepsOldFiles(t *testing.T) {
	t.Chdir("testdata")
	for _, tc := range outputCases() {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			a, b := filepath.Join(dir, "a.out"), filepath.Join(dir, "b.out")
			// a exists, b does not: neither may change.
			if err := os.WriteFile(a, []byte("previous output, kept\n"), 0o640); err != nil {
				t.Fatal(err)
			}
			args := slices.Clone(tc.args)
			for i := range args {
				args[i] = strings.NewReplacer("{A}", a, "{B}", b).Replace(args[i])
			}
			// Without the failure the command succeeds (else the test
			// would prove nothing).
			if r := runPPGPA(t, "", args...); r.code != 0 {
				t.Fatalf("without failure: exit %d: %s", r.code, r.stderr)
			}
			os.Remove(b)
			if err := os.WriteFile(a, []byte("previous output, kept\n"), 0o640); err != nil {
				t.Fatal(err)
			}
			failWritesAfter(t, tc.fail)
			r := runPPGPA(t, "", args...)
			if r.code != exitFail || !strings.Contains(r.stderr, "no space left") || r.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 1 and a full disk named", r.code, r.stdout, r.stderr)
			}
			checkDir(t, dir, map[string]string{"a.out": "previous output, kept\n"})
			if fi, err := os.Stat(a); err != nil || fi.Mode().Perm() != 0o640 {
				t.Errorf("mode of a.out: %v %v", fi.Mode(), err)
			}
		})
	}
}

// checkDir checks that dir holds exactly the files want, with their
// contents.
func checkDir(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		w, ok := want[e.Name()]
		if !ok {
			t.Errorf("file %s left in the output directory", e.Name())
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || string(b) != w {
			t.Errorf("%s holds %q (%v), want %q", e.Name(), b, err, w)
		}
		delete(want, e.Name())
	}
	for n := range want {
		t.Errorf("%s is missing", n)
	}
}

// TestOutputPermissionsAndLinks: a replaced file keeps its permissions, a
// symbolic link stays a link to the new content, and a device (/dev/null)
// is written, not replaced.
func TestOutputPermissionsAndLinks(t *testing.T) {
	t.Chdir("testdata")
	dir := t.TempDir()
	target := filepath.Join(dir, "target.csv")
	link := filepath.Join(dir, "link.csv")
	if err := os.WriteFile(target, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target.csv", link); err != nil {
		t.Skip(err)
	}
	r := runPPGPA(t, "", "score", "-format", "csv", "-o", link, "model.json", "data.csv")
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi.Mode(), err)
	}
	b, _ := os.ReadFile(target)
	if !strings.HasPrefix(string(b), "unit,") {
		t.Errorf("target holds %q", b)
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600 kept", fi.Mode())
	}
	if r := runPPGPA(t, "", "score", "-o", os.DevNull, "model.json", "data.csv"); r.code != 0 {
		t.Errorf("-o %s: %s", os.DevNull, r.stderr)
	}
	if fi, err := os.Stat(os.DevNull); err != nil || fi.Mode().IsRegular() {
		t.Fatalf("%s is now a regular file", os.DevNull)
	}
}

// TestRakeBoundsUsage: bounds the library would reject are a usage error
// of the command line, named, not an internal error.
func TestRakeBoundsUsage(t *testing.T) {
	t.Chdir("testdata")
	for _, args := range [][]string{
		{"rake", "-lower", "3", "-upper", "0.5", "respondents.csv", "margins.json"},
		{"calibrate", "-lower", "3", "-upper", "0.5", "respondents.csv", "totals.csv"},
		{"calibrate", "-lower", "0.5", "-upper", "0.9", "respondents.csv", "totals.csv"},
	} {
		r := runPPGPA(t, "", args...)
		if r.code != exitUsage || strings.Contains(r.stderr, "internal error") || !strings.Contains(r.stderr, "-upper") && !strings.Contains(r.stderr, "bounds") {
			t.Errorf("%v: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// TestNonFiniteReproductions runs the reproductions of non-finite
// results: one data cell of 1e308 (scores were +Inf with exit status 0)
// and margins of 1e308 (raking "converged" with weights summing to +Inf).
func TestNonFiniteReproductions(t *testing.T) {
	t.Chdir("testdata")
	data, err := os.ReadFile("data.csv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	lines[1] = strings.Replace(lines[1], ",96,", ",1e308,", 1)
	for _, f := range []string{"table", "json", "csv"} {
		r := runPPGPA(t, strings.Join(lines, "\n"), "score", "-format", f, "model.json", "-")
		if r.code != 0 || strings.Contains(r.stdout, "Inf") || strings.Contains(r.stdout, "null") {
			t.Errorf("score -format %s with 1e308: exit %d\n%s%s", f, r.code, r.stdout, r.stderr)
		}
	}
	r := runPPGPA(t, `{"sex": {"男": 1e308, "女": 1e308}}`, "rake", "respondents.csv", "-")
	if r.code != 1 || !strings.Contains(r.stderr, "out of the range") || r.stdout != "" {
		t.Errorf("rake with margins of 1e308: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}
