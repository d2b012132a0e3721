// Package extest holds the test mechanics shared by the example programs:
// the golden-file comparison with its -update flag and the table of exit
// codes.
//
// # Overview
//
// [Golden] compares output with testdata/NAME.golden, or rewrites the file
// when the test binary runs with -update (go test ./examples/NAME -update).
// [Output] runs a program and returns its standard output; [ExitCodes]
// checks the exit codes of a set of command lines.
//
// All functions are safe for concurrent use.
package extest

import (
	"bytes"
	"context"
	"flag"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// update is the -update flag of every example's test binary; it is
// registered here, once.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Run is the signature of an example's run function: it returns the exit
// code.
type Run func(ctx context.Context, args []string, stdout, stderr io.Writer) int

// Golden compares got with testdata/NAME.golden, first rewriting the file
// with got under -update.
func Golden(t testing.TB, name string, got []byte) {
	t.Helper()
	golden := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update to accept):\ngot:\n%s", golden, got)
	}
}

// Output runs run with args and returns its standard output; it fails the
// test unless the exit code is 0.
func Output(t testing.TB, run Run, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, &stdout, &stderr); code != 0 {
		t.Fatalf("run(%q) = %d, stderr:\n%s", args, code, stderr.String())
	}
	return stdout.Bytes()
}

// ExitCodes runs each command line of want, split into arguments at
// spaces, as a parallel subtest and checks that it gives the exit code
// want[line]; for the line "-h" it also checks that the usage text goes
// to standard output and nothing to standard error.
func ExitCodes(t *testing.T, run Run, want map[string]int) {
	t.Helper()
	for _, line := range slices.Sorted(maps.Keys(want)) {
		t.Run(line, func(t *testing.T) {
			t.Parallel()
			args := strings.Fields(line)
			var stdout, stderr bytes.Buffer
			if got := run(context.Background(), args, &stdout, &stderr); got != want[line] {
				t.Errorf("run(%q) = %d, want %d; stderr:\n%s", args, got, want[line], stderr.String())
			}
			if line == "-h" && (!strings.HasPrefix(stdout.String(), "Usage: ") || stderr.Len() != 0) {
				t.Errorf("run(-h) writes the usage text to stdout and nothing to stderr; stdout %q, stderr %q", stdout.String(), stderr.String())
			}
		})
	}
}

// Report runs the program with -format html and the extra args, checks
// that it writes a published report in Chinese (an HTML page in Chinese
// with the league table, a card per unit and the methods section), and
// compares it with testdata/NAME.golden (-update rewrites it): the golden
// file pins the report's bytes, so that a change of wording or method
// shows as a diff.
func Report(t *testing.T, run Run, name string, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), append([]string{"-format", "html"}, args...), &stdout, &stderr); code != 0 {
		t.Fatalf("-format html: exit status %d: %s", code, stderr.String())
	}
	h := stdout.String()
	for _, want := range []string{`<html lang="zh">`, "<h2>排名与等级</h2>", `<article class="unit-card"`, "<h2>评估方法</h2>", `id="ppgpa-model"`} {
		if !strings.Contains(h, want) {
			t.Errorf("-format html: the report lacks %q", want)
		}
	}
	Golden(t, name, stdout.Bytes())
}
