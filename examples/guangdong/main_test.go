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
// output with testdata/guangdong.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), nil, &stdout, &stderr); code != 0 {
		t.Fatalf("run() = %d, stderr:\n%s", code, stderr.String())
	}
	golden := filepath.Join("testdata", "guangdong.golden")
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
		{"csv", []string{"-format", "csv", "-respondents", "1000", "-draws", "100"}, 0},
		{"json", []string{"-format", "json", "-respondents", "1000", "-draws", "100"}, 0},
		{"counties", []string{"-counties", "-format", "csv", "-respondents", "1000", "-draws", "100"}, 0},
		{"bad level", []string{"-level", "1"}, 2},
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

// TestPanel checks that the domain weights the model computes from the
// judges (its weighting spec) are those of weighting.Group on the same
// judgments, as printed.
func TestPanel(t *testing.T) {
	rep, err := assess(context.Background(), options{seed: 1, respondents: 1000, level: 0.95, draws: 100})
	if err != nil {
		t.Fatal(err)
	}
	for k := range rep.Weights {
		if math.Abs(rep.Weights[k]-rep.PanelW[k]) > 1e-12 {
			t.Errorf("domain %s: model weight %v, weighting.Group %v", domains[k], rep.Weights[k], rep.PanelW[k])
		}
	}
	// "Subjective indicators carry more weight" [GD1]: satisfaction is
	// the heaviest domain.
	for k := 0; k < 4; k++ {
		if rep.Weights[k] >= rep.Weights[4] {
			t.Errorf("domain %s weighs %v, satisfaction only %v", domains[k], rep.Weights[k], rep.Weights[4])
		}
	}
	if !rep.Panel[5].Excluded {
		t.Errorf("the entrepreneur's judgments (CR %v) are not excluded", rep.Panel[5].CR)
	}
}
