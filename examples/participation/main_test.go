package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden runs the program with its default flags and compares the
// output with testdata/participation.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), nil, &stdout, &stderr); code != 0 {
		t.Fatalf("run() = %d, stderr:\n%s", code, stderr.String())
	}
	golden := filepath.Join("testdata", "participation.golden")
	if *update {
		if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), want) {
		t.Errorf("output differs from %s (run go test -update to accept):\ngot:\n%s", golden, stdout.String())
	}
}

// TestFlags checks the exit codes of -h, bad flags and the other formats.
func TestFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		args []string
		want int
	}{
		{"help", []string{"-h"}, 0},
		{"unknown flag", []string{"-bogus"}, 2},
		{"bad format", []string{"-format", "xml"}, 2},
		{"csv", []string{"-format", "csv", "-reps", "50"}, 0},
		{"json", []string{"-format", "json", "-reps", "50"}, 0},
		{"markdown", []string{"-format", "markdown", "-reps", "50"}, 0},
		{"html", []string{"-format", "html", "-reps", "50"}, 0},
		{"data", []string{"-format", "data"}, 0},
		{"too few replications", []string{"-reps", "10"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			if got := run(context.Background(), tc.args, &stdout, &stderr); got != tc.want {
				t.Errorf("run(%q) = %d, want %d; stderr:\n%s", tc.args, got, tc.want, stderr.String())
			}
		})
	}
}
