package extest

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
	"github.com/ppgpa/ppgpa/indicator/tabular"
)

// toXLSX is the openpyxl script that turns the CSV file argv[1] into the
// workbook argv[2]: the first argv[3]+1 columns hold the unit id and the
// numbers (stored as numbers, written from the CSV text with float(),
// which reads the same decimal text to the same double; "NA" cells left
// empty), the others text attributes.
const toXLSX = `
import csv, sys, openpyxl
nums = int(sys.argv[3])
def cell(j, s):
    if j == 0 or j > nums:
        return s
    if s in ("", "NA"):
        return None
    return int(s) if s.lstrip("-").isdigit() else float(s)
with open(sys.argv[1], encoding="utf-8") as f:
    rows = list(csv.reader(f))
wb = openpyxl.Workbook()
ws = wb.active
ws.append(rows[0])
for r in rows[1:]:
    ws.append([cell(j, c) for j, c in enumerate(r)])
wb.save(sys.argv[2])
`

// Formats checks that the example's data, written as UTF-8 CSV
// ([indicator.Table.WriteCSV]), converted to GBK by iconv and to an
// .xlsx workbook by openpyxl (/usr/bin/python3), and read back by
// [tabular.ReadTable] as ppgpa score reads DATA (default options, the
// table's attributes named as -attr names them), scores every unit at
// every node of plan with the same bits (math.Float64bits) as the table
// in memory. Both converters are independent of the project.
//
// A workbook keeps 15 significant digits, as Excel does, and the reader
// rounds longer numbers to 15 (see tabular's xlsx reader), so the
// workbook is made from the table rounded to 15 significant digits and
// its scores are compared with those of that rounded table in memory;
// the CSV files carry every digit and are compared with the table
// itself.
//
// Without iconv or openpyxl the test is skipped, unless the environment
// variable CI is set (.ci/run installs both), when it fails.
func Formats(t *testing.T, plan *indicator.Plan, table *indicator.Table) {
	t.Helper()
	python := "/usr/bin/python3"
	if _, err := exec.LookPath("iconv"); err != nil {
		missing(t, "iconv (Debian libc-bin)")
	}
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		missing(t, python+" with openpyxl (Debian python3-openpyxl)")
	}
	dir := t.TempDir()
	csvFile := filepath.Join(dir, "data.csv")
	write := func(name string, tb *indicator.Table) {
		var b bytes.Buffer
		if err := tb.WriteCSV(&b); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(csvFile, table)
	gbk, err := exec.Command("iconv", "-f", "UTF-8", "-t", "GBK", csvFile).Output()
	if err != nil {
		t.Fatalf("iconv to GBK: %v", err)
	}
	gbkFile := filepath.Join(dir, "data_gbk.csv")
	if err := os.WriteFile(gbkFile, gbk, 0o644); err != nil {
		t.Fatal(err)
	}
	rounded := round15(t, table)
	roundedFile := filepath.Join(dir, "rounded.csv")
	write(roundedFile, rounded)
	xlsxFile := filepath.Join(dir, "data.xlsx")
	if out, err := exec.Command(python, "-c", toXLSX, roundedFile, xlsxFile, strconv.Itoa(len(table.Columns()))).CombinedOutput(); err != nil {
		t.Fatalf("openpyxl: %v\n%s", err, out)
	}

	want := evaluate(t, plan, table)
	wantRounded := evaluate(t, plan, rounded)
	for _, c := range []struct {
		file string
		want *indicator.Result
	}{{csvFile, want}, {gbkFile, want}, {xlsxFile, wantRounded}} {
		f, err := os.Open(c.file)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := tabular.ReadTable(f, tabular.Options{Attributes: table.Attributes()})
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", filepath.Base(c.file), err)
			continue
		}
		sameScores(t, filepath.Base(c.file), evaluate(t, plan, got), c.want)
	}
}

func missing(t *testing.T, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is needed (CI is set)", what)
	}
	t.Skipf("%s is not installed: the formats test needs it", what)
}

func evaluate(t *testing.T, plan *indicator.Plan, table *indicator.Table) *indicator.Result {
	t.Helper()
	res, err := plan.Evaluate(context.Background(), table)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// round15 returns the table with every number rounded to 15 significant
// digits, the precision of a spreadsheet.
func round15(t *testing.T, table *indicator.Table) *indicator.Table {
	t.Helper()
	cols := table.Columns()
	data := make([][]float64, table.NumUnits())
	for i := range data {
		data[i] = make([]float64, len(cols))
		for j := range cols {
			x := table.Value(i, j)
			if !math.IsNaN(x) {
				x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
			}
			data[i][j] = x
		}
	}
	r, err := indicator.NewTable(table.Units(), cols, data)
	if err != nil {
		t.Fatal(err)
	}
	r = r.WithUnitHeader(table.UnitHeader())
	for _, a := range table.Attributes() {
		v, _ := table.Attribute(a)
		if r, err = r.WithAttribute(a, v); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

// sameScores compares the scores of every node and unit bit for bit.
func sameScores(t *testing.T, file string, got, want *indicator.Result) {
	t.Helper()
	if len(got.Nodes) != len(want.Nodes) {
		t.Fatalf("%s: %d nodes, want %d", file, len(got.Nodes), len(want.Nodes))
	}
	if len(got.Units) != len(want.Units) {
		t.Fatalf("%s: %d units, want %d", file, len(got.Units), len(want.Units))
	}
	bad := 0
	for k, n := range want.Nodes {
		for i, w := range n.Scores {
			g := got.Nodes[k].Scores[i]
			if got.Units[i] != want.Units[i] || math.Float64bits(g) != math.Float64bits(w) {
				if bad++; bad <= 5 {
					t.Errorf("%s: node %s, unit %s: score %v (%#x), want %v (%#x) from the table in memory", file, n.ID, want.Units[i], g, math.Float64bits(g), w, math.Float64bits(w))
				}
			}
		}
	}
}
