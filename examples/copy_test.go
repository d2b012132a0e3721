package examples_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestExamplesCopyable copies every example into a fresh module that
// requires only the public module github.com/ppgpa/ppgpa (a replace
// directive points at this checkout, and the checkout's go.sum is copied
// so that no network is needed) and builds it: no example may import an
// internal package or a file outside its directory. Every copy of an
// example with a published report is run with -format html and must
// write the same HTML report, byte for byte, as the example's golden
// file (testdata/report.golden; participation_html.golden): a program
// outside the module produces the report through the public API.
func TestExamplesCopyable(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every example in a module of its own")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(filepath.Join(e.Name(), "main.go")); err != nil {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			files, err := os.ReadDir(e.Name())
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if f.IsDir() || strings.HasSuffix(f.Name(), "_test.go") {
					continue
				}
				b, err := os.ReadFile(filepath.Join(e.Name(), f.Name()))
				if err != nil {
					t.Fatal(err)
				}
				if bytes.Contains(b, []byte(`"github.com/ppgpa/ppgpa/internal`)) || bytes.Contains(b, []byte(`/internal/`+"\"")) {
					t.Errorf("%s imports an internal package", f.Name())
				}
				if err := os.WriteFile(filepath.Join(dir, f.Name()), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			mod := "module example.com/copy/" + e.Name() + "\n\ngo 1.26\n\nrequire github.com/ppgpa/ppgpa v0.0.0\n\nreplace github.com/ppgpa/ppgpa => " + root + "\n"
			if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(mod), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
				t.Fatal(err)
			}
			gocmd := func(args ...string) []byte {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
				defer cancel()
				cmd := exec.CommandContext(ctx, gobin, args...)
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
				var out, errb bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &errb
				if err := cmd.Run(); err != nil {
					t.Fatalf("go %v in a copy of %s: %v\n%s", args, e.Name(), err, errb.String())
				}
				return out.Bytes()
			}
			gocmd("build", "-o", filepath.Join(dir, "example.bin"), ".")
			// The copy writes the same published report, byte for byte,
			// as the example's pinned one.
			golden, args := filepath.Join(e.Name(), "testdata", "report.golden"), []string{"-format", "html"}
			switch e.Name() {
			case "participation":
				golden = filepath.Join("participation", "testdata", "participation_html.golden")
			case "shenzhen":
				args = append(args, "-type", "局")
			}
			want, err := os.ReadFile(golden)
			if os.IsNotExist(err) {
				return // no published report (embed, quickstart)
			} else if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			got, err := exec.CommandContext(ctx, filepath.Join(dir, "example.bin"), args...).Output()
			if err != nil {
				t.Fatalf("the copy of %s: %v", e.Name(), err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("the copy of %s writes another HTML report than the example (%d bytes, golden %d)", e.Name(), len(got), len(want))
			}
		})
	}
	if n < 10 {
		t.Errorf("found %d examples, want at least 10", n)
	}
}
