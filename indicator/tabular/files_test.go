package tabular

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestExampleFilesAlike reads the data of the examples as written by
// independent tools (testdata/make.sh: iconv for GBK and UTF-16 text,
// openpyxl for workbooks with a title row, a 序号 column and a second
// sheet) and checks that every form gives the table of the UTF-8 CSV file,
// bit for bit, and the same scores under the example's model.
func TestExampleFilesAlike(t *testing.T) {
	t.Parallel()
	for _, ex := range []struct{ name, model string }{
		{"quickstart", "../../examples/quickstart/model.json"},
		{"localities", "../../examples/participation/model.json"},
	} {
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			want := readFile(t, ex.name+".csv", Options{})
			wantScores := scores(t, ex.model, want)
			for _, f := range []string{ex.name + "_gbk.csv", ex.name + "_utf16.txt", ex.name + ".xlsx"} {
				got := readFile(t, f, Options{})
				if d := tableDiff(want, got); d != "" {
					t.Errorf("%s: %s", f, d)
				}
				if s := scores(t, ex.model, got); wantScores != nil && !sameBits(s, wantScores) {
					t.Errorf("%s: scores %v, want %v", f, s, wantScores)
				}
			}
		})
	}
}

func readFile(t *testing.T, name string, opt Options) *indicator.Table {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	tab, _, err := ReadTable(bytes.NewReader(b), opt)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tab
}

// scores evaluates the model on tab; nil if the model does not apply to
// the table alone.
func scores(t *testing.T, model string, tab *indicator.Table) []float64 {
	t.Helper()
	f, err := os.Open(model)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := indicator.DecodeModel(f)
	if err != nil {
		t.Fatal(err)
	}
	p, err := indicator.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Evaluate(context.Background(), tab)
	if err != nil {
		t.Logf("%s: %v (tables compared only)", model, err)
		return nil
	}
	return res.Score
}

func sameBits(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// tableDiff describes the first difference between two tables, bit for
// bit, or returns "".
func tableDiff(a, b *indicator.Table) string {
	ua, ub := a.Units(), b.Units()
	ca, cb := a.Columns(), b.Columns()
	if len(ua) != len(ub) || len(ca) != len(cb) {
		return "shapes differ"
	}
	for i := range ua {
		if ua[i] != ub[i] {
			return "unit " + ua[i] + " vs " + ub[i]
		}
	}
	for j := range ca {
		if ca[j] != cb[j] {
			return "column " + ca[j] + " vs " + cb[j]
		}
		for i := range ua {
			x, y := a.Value(i, j), b.Value(i, j)
			if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
				return "value of " + ua[i] + " in " + ca[j] + " differs"
			}
		}
	}
	if a.UnitHeader() != b.UnitHeader() {
		return "unit header " + a.UnitHeader() + " vs " + b.UnitHeader()
	}
	return ""
}
