package main

import (
	"bytes"
	"testing"

	"github.com/ppgpa/ppgpa/examples/extest"
)

// TestGolden runs the program with its default flags and compares the
// output with testdata/participation.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	extest.Golden(t, "participation", extest.Output(t, run))
}

// TestGoldenReport pins the published report in both formats
// (testdata/participation_markdown.golden and participation_html.golden),
// including the note under the title that the comparison cities are
// synthetic and the note on each of their rows.
func TestGoldenReport(t *testing.T) {
	for _, format := range []string{"markdown", "html"} {
		t.Run(format, func(t *testing.T) {
			got := extest.Output(t, run, "-format", format)
			if !bytes.Contains(got, []byte("七个对照城市A—G为模拟数据（随机种子2012）")) {
				t.Errorf("the %s report does not say that 对照城市A-G are synthetic", format)
			}
			// The description and each synthetic city's row and comment
			// card say so: 1 + 7 × 2.
			if n := bytes.Count(got, []byte("模拟数据（随机种子2012）")); n != 1+2*7 {
				t.Errorf("the %s report marks %d rows and cards as synthetic, want 15 (the description, 7 rows, 7 cards)", format, n)
			}
			extest.Golden(t, "participation_"+format, got)
		})
	}
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
