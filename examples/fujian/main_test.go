package main

import (
	"context"
	"testing"

	"github.com/ppgpa/ppgpa/examples/extest"
)

// TestGolden runs the program with its default flags and compares the
// output with testdata/fujian.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	extest.Golden(t, "fujian", extest.Output(t, run))
}

// TestFlags checks the exit codes of -h, bad flags and the other formats.
func TestFlags(t *testing.T) {
	extest.ExitCodes(t, run, map[string]int{
		"-h":                      0,
		"-bogus":                  2,
		"-format xml":             2,
		"-format csv -calls 100":  0,
		"-format json -calls 100": 0,
		"-tree":                   0,
		"-tree -format csv":       0,
		"-calls 10":               2,
	})
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
	rep, err := assess(context.Background(), options{seed: 2005, calls: 600})
	if err != nil {
		t.Fatal(err)
	}
	extest.Formats(t, rep.plan, rep.table)
}
