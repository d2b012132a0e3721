package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/ppgpa/ppgpa/examples/extest"
	"github.com/ppgpa/ppgpa/indicator"
)

// TestGolden runs the program with its default flags and compares the
// output with testdata/guangxi.golden (rewrite it with -update).
func TestGolden(t *testing.T) {
	extest.Golden(t, "guangxi", extest.Output(t, run))
}

// TestFlags checks the exit codes of -h, bad flags and the other formats.
func TestFlags(t *testing.T) {
	extest.ExitCodes(t, run, map[string]int{
		"-h":                      0,
		"-bogus":                  2,
		"-format xml":             2,
		"-format csv -calls 100":  0,
		"-format json -calls 100": 0,
		"-calls 5":                2,
	})
}

// TestEfficacy checks that every indicator of the model is scored by the
// efficacy normalisation with the default 60 + 40 scale, clamped, and with
// worst = x_bad and best = x_good of the data generator.
func TestEfficacy(t *testing.T) {
	model, err := indicator.DecodeModel(bytes.NewReader(modelJSON))
	if err != nil {
		t.Fatal(err)
	}
	leaves := map[string]*indicator.Normalization{}
	var walk func(n *indicator.Node)
	walk = func(n *indicator.Node) {
		if n.Column != "" {
			leaves[n.Column] = n.Normalization
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(model.Root)
	for _, ind := range indicators {
		nz := leaves[ind.column]
		switch {
		case nz == nil || nz.Method != indicator.NormEfficacy:
			t.Errorf("%s: normalization %+v, want efficacy", ind.column, nz)
		case nz.Worst == nil || nz.Best == nil || *nz.Worst != ind.bad || *nz.Best != ind.good:
			t.Errorf("%s: goalposts %v, %v, want x_bad %v, x_good %v", ind.column, nz.Worst, nz.Best, ind.bad, ind.good)
		case nz.Floor != nil || nz.Span != nil || nz.Unclipped:
			t.Errorf("%s: floor %v, span %v, unclipped %v, want the clamped 60 + 40 scale", ind.column, nz.Floor, nz.Span, nz.Unclipped)
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
	rep, err := assess(context.Background(), options{seed: 2011, calls: 800})
	if err != nil {
		t.Fatal(err)
	}
	extest.Formats(t, rep.plan, rep.table)
}
