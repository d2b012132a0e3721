package main

import (
	"testing"

	"github.com/ppgpa/ppgpa/examples/internal/extest"
)

// TestGolden runs the program with its default flags and compares the
// output with testdata/participation.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	extest.Golden(t, "participation", extest.Output(t, run))
}

// TestFlags checks the exit codes of -h, bad flags and the other formats.
func TestFlags(t *testing.T) {
	extest.ExitCodes(t, run, map[string]int{
		"-h":                        0,
		"-bogus":                    2,
		"-format xml":               2,
		"-format csv -reps 50":      0,
		"-format json -reps 50":     0,
		"-format markdown -reps 50": 0,
		"-format html -reps 50":     0,
		"-format data":              0,
		"-reps 10":                  2,
	})
}
