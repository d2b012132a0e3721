package main

import (
	"context"
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/examples/extest"
	"github.com/ppgpa/ppgpa/indicator"
)

// TestGolden runs the program with its default flags and compares the
// output with testdata/shenzhen.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	extest.Golden(t, "shenzhen", extest.Output(t, run))
}

// TestReportHTML checks that -format html writes the published report of
// the bureaus in Chinese through package ranking/report, pinned by
// testdata/report.golden.
func TestReportHTML(t *testing.T) {
	extest.Report(t, run, "report", "-type", "局")
}

// TestFlags checks the exit codes of -h, bad flags and the other formats.
func TestFlags(t *testing.T) {
	extest.ExitCodes(t, run, map[string]int{
		"-h":                            0,
		"-bogus":                        2,
		"-format xml":                   2,
		"-format html -type 处":          2,
		"-format csv -respondents 500":  0,
		"-format json -respondents 500": 0,
	})
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

// TestFormats reads each type's indicator table back from UTF-8 CSV, GBK
// CSV (iconv) and an xlsx workbook (openpyxl), as ppgpa score reads DATA,
// and checks that every unit's scores under that type's model have the
// same bits as those of the table in memory (see extest.Formats).
func TestFormats(t *testing.T) {
	rep, err := assess(context.Background(), options{seed: 2010, respondents: 10207})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		t.Run(k, func(t *testing.T) {
			plan, err := indicator.Compile(rep.models[k])
			if err != nil {
				t.Fatal(err)
			}
			extest.Formats(t, plan, rep.tables[k])
		})
	}
}
