package tabular

import (
	"bytes"
	"fmt"
	"strconv"

	"testing"

	"github.com/xuri/excelize/v2"
	"pgregory.net/rapid"
)

// checkFastXLSX is checkFast of the workbook b and the direct reading of
// workbooks, fastXLSXTable.
func checkFastXLSX(t fatalHelper, b []byte, opt Options) (fastRead, read bool) {
	t.Helper()
	fastRead, read, _ = checkDirect(t, b, opt, fastXLSXTable)
	return fastRead, read
}

// TestFastXLSXSameAsGrid writes the tables of genCSV (title rows, serial
// and attribute columns, missing-value tokens, percentages, full-width
// digits, summary rows, rows too short or too long, the options of issue
// 11), some with many more rows (so that the header is known part way
// through the sheet), as workbooks — numbers as number cells or as text,
// some under a percent or fixed-decimals format, gaps for empty cells —
// and checks that TableFromBytes reads each as its Grid reads it.
func TestFastXLSXSameAsGrid(t *testing.T) {
	t.Parallel()
	var n fastCount
	rapid.Check(t, func(t *rapid.T) {
		text, opt := genCSV(t)
		g, err := GridFromBytes(text, opt)
		if err != nil {
			t.Skip("not a grid")
		}
		opt.Comma = 0
		rows := g.Rows
		if rapid.IntRange(0, 2).Draw(t, "many rows") == 0 {
			w := 1
			if len(rows) > 0 {
				w = len(rows[len(rows)-1])
			}
			for i := range rapid.IntRange(40, 130).Draw(t, "more rows") {
				row := make([]string, w)
				for j := range row {
					row[j] = fmt.Sprintf("%d.%d", i, j)
				}
				row[0] = fmt.Sprintf("more%d", i)
				rows = append(rows, row)
			}
		}
		f := excelize.NewFile()
		defer f.Close()
		pct, err := f.NewStyle(&excelize.Style{NumFmt: 10})
		if err != nil {
			t.Fatal(err)
		}
		fixed, err := f.NewStyle(&excelize.Style{NumFmt: 2})
		if err != nil {
			t.Fatal(err)
		}
		asText := rapid.IntRange(0, 3).Draw(t, "numbers as text") == 0
		r := 0
		for _, row := range rows {
			r++
			if rapid.IntRange(0, 20).Draw(t, "empty row") == 0 {
				r++
			}
			for j, c := range row {
				if c == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(j+1, r)
				x, perr := strconv.ParseFloat(c, 64)
				if perr == nil && !asText {
					err = f.SetCellDefault("Sheet1", cell, c)
					if err == nil && x >= 0 && x < 10 {
						switch rapid.IntRange(0, 30).Draw(t, "number format") {
						case 0:
							err = f.SetCellStyle("Sheet1", cell, cell, pct)
						case 1:
							err = f.SetCellStyle("Sheet1", cell, cell, fixed)
						}
					}
				} else {
					err = f.SetCellStr("Sheet1", cell, c)
				}
				if err != nil {
					t.Fatal(err)
				}
			}
		}
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		n.add(checkFastXLSX(t, b.Bytes(), opt))
	})
	// Tables of genCSV are read directly but for summary rows to refuse
	// and long data.
	n.check(t, 7)
}

// TestFastXLSXCases checks the direct reading of workbooks on the
// layouts of fastCases (their cells written by WriteXLSX, numbers as
// number cells) and of a sheet whose header is known part way through,
// and that each is read directly (or not) as said.
func TestFastXLSXCases(t *testing.T) {
	many := "unit,a\n"
	for i := range 120 {
		many += fmt.Sprintf("u%d,%d.5\n", i, i)
	}
	cases := []struct {
		name string
		text string
		opt  Options
		fast bool
	}{
		{"many rows", many, Options{}, true},
		{"many rows, a limit of cells", many, Options{Limits: Limits{MaxCells: 100}}, false},
	}
	for _, c := range fastCases {
		cases = append(cases, struct {
			name string
			text string
			opt  Options
			fast bool
		}{c.name, c.text, c.opt, c.xlsx})
	}
	for _, c := range cases {
		g, err := GridFromBytes([]byte(c.text), c.opt)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := WriteXLSX(&b, []SheetData{{Name: "s", Rows: g.Rows}}); err != nil {
			t.Fatal(err)
		}
		if ok, _ := checkFastXLSX(t, b.Bytes(), c.opt); ok != c.fast {
			t.Errorf("%s: read directly %v, want %v", c.name, ok, c.fast)
		}
	}
}

// TestFastXLSXMerged checks that a merged title above the header is read
// directly, and a merged range among the data rows (which the direct
// reading does not check) is left to the Grid, whose checks then apply.
func TestFastXLSXMerged(t *testing.T) {
	for _, c := range []struct {
		from, to string
		fast     bool
	}{{"A1", "C1", true}, {"A70", "B70", false}} {
		f := excelize.NewFile()
		rows := [][]any{{"考核结果"}, {"单位", "a", "b"}}
		for i := range 100 {
			rows = append(rows, []any{fmt.Sprintf("单位%d", i), i, float64(i) / 4})
		}
		for i, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
				t.Fatal(err)
			}
		}
		if err := f.MergeCell("Sheet1", c.from, c.to); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		f.Close()
		if ok, _ := checkFastXLSX(t, b.Bytes(), Options{}); ok != c.fast {
			t.Errorf("merged %s:%s: read directly %v, want %v", c.from, c.to, ok, c.fast)
		}
	}
}
