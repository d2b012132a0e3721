package main

import (
	"context"
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/examples/extest"
)

// TestGolden runs the program with its default flags and compares the
// output with testdata/guangdong.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	extest.Golden(t, "guangdong", extest.Output(t, run))
}

// TestGoldenCounties pins the league table of the 121 county-level units
// (testdata/guangdong_counties.golden).
func TestGoldenCounties(t *testing.T) {
	extest.Golden(t, "guangdong_counties", extest.Output(t, run, "-counties"))
}

// TestFlags checks the exit codes of -h, bad flags and the other formats.
func TestFlags(t *testing.T) {
	extest.ExitCodes(t, run, map[string]int{
		"-h":          0,
		"-bogus":      2,
		"-format xml": 2,
		"-format csv -respondents 1000 -draws 100":           0,
		"-format json -respondents 1000 -draws 100":          0,
		"-counties -format csv -respondents 1000 -draws 100": 0,
		"-level 1": 2,
	})
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
	// "Subjective indicators carry more weight than objective ones"
	// [GD1] H: the subjective domain (satisfaction) weighs more than the
	// four objective domains together.
	if obj := rep.Weights[0] + rep.Weights[1] + rep.Weights[2] + rep.Weights[3]; rep.Weights[4] <= obj {
		t.Errorf("satisfaction weighs %v, the objective domains %v", rep.Weights[4], obj)
	}
	if !rep.Panel[5].Excluded {
		t.Errorf("the entrepreneur's judgments (CR %v) are not excluded", rep.Panel[5].CR)
	}
}

// TestReportHTML checks that -format html writes the published report in
// Chinese through package ranking/report, pinned by testdata/report.golden.
func TestReportHTML(t *testing.T) {
	extest.Report(t, run, "report")
}

// TestFormats reads the example's indicator table back from UTF-8 CSV,
// GBK CSV (iconv) and an xlsx workbook (openpyxl), as ppgpa score reads
// DATA, and checks that every unit's scores have the same bits as those
// of the table in memory (see extest.Formats).
func TestFormats(t *testing.T) {
	rep, err := assess(context.Background(), options{seed: 2013, respondents: 27139, level: 0.95, draws: 100})
	if err != nil {
		t.Fatal(err)
	}
	extest.Formats(t, rep.plan, rep.table)
}
