package main

import (
	"bytes"
	"context"
	"flag"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden runs the program with its default flags and compares the
// output with testdata/shenzhen.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), nil, &stdout, &stderr); code != 0 {
		t.Fatalf("run() = %d, stderr:\n%s", code, stderr.String())
	}
	golden := filepath.Join("testdata", "shenzhen.golden")
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
		{"csv", []string{"-format", "csv", "-respondents", "500"}, 0},
		{"json", []string{"-format", "json", "-respondents", "500"}, 0},
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

// TestDocumentedWeights checks that the standard model and its overlays
// give the published third-level weights of commissions, bureaus and
// offices [SZ2] as effective weights of the indicator system.
func TestDocumentedWeights(t *testing.T) {
	rep, err := assess(context.Background(), options{seed: 1, respondents: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range rep.Weights {
		for k := range kinds {
			if math.Abs(l.Model[k]-l.Published[k]) > 1e-9 {
				t.Errorf("%s, %s: weight %v%%, published %v%%", l.ID, kinds[k], l.Model[k], l.Published[k])
			}
		}
	}
}
