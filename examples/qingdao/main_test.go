package main

import (
	"context"
	"testing"

	"github.com/ppgpa/ppgpa/examples/extest"
)

// TestGolden runs the program with its default flags and compares the
// output with testdata/qingdao.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	extest.Golden(t, "qingdao", extest.Output(t, run))
}

// TestFlags checks the exit codes of -h, bad flags and the other formats.
func TestFlags(t *testing.T) {
	extest.ExitCodes(t, run, map[string]int{
		"-h":                               0,
		"-bogus":                           2,
		"-format xml":                      2,
		"-format csv -reps 800 -sims 200":  0,
		"-format json -reps 800 -sims 200": 0,
	})
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
	rep, err := assess(context.Background(), options{seed: 2010, reps: 10000, self: 200, obs: 100})
	if err != nil {
		t.Fatal(err)
	}
	extest.Formats(t, rep.plan, rep.table)
}
