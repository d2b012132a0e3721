package main

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/examples/extest"
	"github.com/ppgpa/ppgpa/indicator"
)

// TestGolden runs the program with its default flags and compares the
// output with testdata/years.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	extest.Golden(t, "years", extest.Output(t, run))
}

// TestReportHTML checks that -format html writes the last year's
// published report in Chinese through package ranking/report, pinned by
// testdata/report.golden.
func TestReportHTML(t *testing.T) {
	extest.Report(t, run, "report")
}

// TestFlags checks the exit codes of -h, bad flags and the other formats.
func TestFlags(t *testing.T) {
	extest.ExitCodes(t, run, map[string]int{
		"-h":           0,
		"-bogus":       2,
		"-format xml":  2,
		"-format csv":  0,
		"-format json": 0,
	})
}

// TestFormats reads each year's indicator table of panel.csv back from
// UTF-8 CSV, GBK CSV (iconv) and an xlsx workbook (openpyxl), as ppgpa
// score reads DATA, and checks that every unit's scores have the same
// bits as those of the table in memory (see extest.Formats).
func TestFormats(t *testing.T) {
	m, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	p, err := readPanel()
	if err != nil {
		t.Fatal(err)
	}
	for k, tb := range p.Tables {
		t.Run(strconv.Itoa(p.Years[k]), func(t *testing.T) {
			extest.Formats(t, plan, tb)
		})
	}
}
