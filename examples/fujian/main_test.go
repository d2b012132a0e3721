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
// output with testdata/fujian.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), nil, &stdout, &stderr); code != 0 {
		t.Fatalf("run() = %d, stderr:\n%s", code, stderr.String())
	}
	golden := filepath.Join("testdata", "fujian.golden")
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
		{"csv", []string{"-format", "csv", "-calls", "100"}, 0},
		{"json", []string{"-format", "json", "-calls", "100"}, 0},
		{"tree", []string{"-tree"}, 0},
		{"tree csv", []string{"-tree", "-format", "csv"}, 0},
		{"too few calls", []string{"-calls", "10"}, 2},
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

// TestTreeCounts checks the published size of the tree [FJ1][FJ2]: 7
// first-level, 28 second-level and 58 third-level indicators, and the three
// documented first-level names.
func TestTreeCounts(t *testing.T) {
	rep, err := assess(context.Background(), options{seed: 1, calls: 100})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Counts != [3]int{7, 28, 58} {
		t.Errorf("tree has %v indicators per level, want [7 28 58]", rep.Counts)
	}
	for k, want := range []string{"可持续发展水平", "构建和谐社会进程", "勤政廉政"} {
		if rep.Firsts[k] != want {
			t.Errorf("first-level indicator %d is %q, want %q", k+1, rep.Firsts[k], want)
		}
	}
}
