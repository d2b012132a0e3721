package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// xlsxCell is a cell of a workbook as a reader sees it: blank (no
// value), a number, or a text.
type xlsxCell struct {
	Kind  string // "blank", "number" or "text"
	Value string // the text, or the number as Go formats it
}

// readCellsPy is the openpyxl script that prints the cells of the sheet
// argv[2] (0 the first) of the workbook argv[1] as JSON rows of [kind,
// value].
const readCellsPy = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[int(sys.argv[2])]
rows = []
for r in ws.iter_rows():
    row = []
    for c in r:
        if c.value is None:
            row.append(["blank", ""])
        elif isinstance(c.value, bool):
            row.append(["bool", str(c.value)])
        elif isinstance(c.value, (int, float)):
            row.append(["number", repr(float(c.value))])
        else:
            row.append(["text", c.value])
    rows.append(row)
print(json.dumps(rows))
`

// cellsByOpenpyxl reads sheet k of the workbook b with openpyxl (/usr/bin/python3),
// a reader independent of the project and of excelize; ok is false when
// openpyxl is not installed (the test then fails if CI is set).
func cellsByOpenpyxl(t *testing.T, b []byte, k int) (rows [][]xlsxCell, ok bool) {
	t.Helper()
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import openpyxl").Run(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s with openpyxl (Debian python3-openpyxl) is needed (CI is set)", python)
		}
		return nil, false
	}
	file := filepath.Join(t.TempDir(), "out.xlsx")
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, "-c", readCellsPy, file, strconv.Itoa(k)).Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var raw [][][2]string
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatal(err)
	}
	for _, r := range raw {
		var row []xlsxCell
		for _, c := range r {
			v := c[1]
			if c[0] == "number" {
				x, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatalf("openpyxl number %q: %v", v, err)
				}
				v = strconv.FormatFloat(x, 'g', -1, 64)
			}
			row = append(row, xlsxCell{c[0], v})
		}
		rows = append(rows, row)
	}
	return rows, true
}

// cellsByExcelize reads sheet k of the workbook b with excelize, by each cell's
// type: a cell without a type and without a value is absent (blank), one
// without a type with a value a number (t="n" is the default), an inline
// or shared string a text.
func cellsByExcelize(t *testing.T, b []byte, k int) [][]xlsxCell {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(k)
	grid, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	width := 0 // GetRows leaves out a row's trailing empty cells, empty texts too
	for _, r := range grid {
		width = max(width, len(r))
	}
	var rows [][]xlsxCell
	for i := range grid {
		var row []xlsxCell
		for j := range width {
			name, _ := excelize.CoordinatesToCellName(j+1, i+1)
			typ, err := f.GetCellType(sheet, name)
			if err != nil {
				t.Fatal(err)
			}
			v, err := f.GetCellValue(sheet, name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case typ == excelize.CellTypeUnset && v == "":
				row = append(row, xlsxCell{"blank", ""})
			case typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber:
				x, err := strconv.ParseFloat(v, 64)
				if err != nil {
					t.Fatalf("%s: number %q: %v", name, v, err)
				}
				row = append(row, xlsxCell{"number", strconv.FormatFloat(x, 'g', -1, 64)})
			default:
				row = append(row, xlsxCell{"text", v})
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// TestXLSXChineseCells writes workbooks of score (standard errors that
// are all missing, veto and bottom flags), verify (a unit not in the
// data: no recomputed value; verdicts true and false, which its Chinese
// workbook writes 一致 and 不一致 with the other words of its table to
// sign), estimate (design
// effects and intervals that are missing) and weights (leaf flags) in
// each language and reads them with openpyxl and with excelize. Against
// each command's CSV: in Chinese and with -lang both, a cell the CSV
// writes NA or empty is a blank cell (no value: not the text "NA", not
// an empty text), true and false are 是 and 否, a number is a number,
// other text is the CSV's; with -lang en every cell is the CSV's, NA,
// true, false and empty texts included, as before Chinese cells existed.
// A unit named NA keeps its name in every language.
func TestXLSXChineseCells(t *testing.T) {
	t.Chdir("testdata")
	dir := t.TempDir()
	data, err := os.ReadFile("data.csv")
	if err != nil {
		t.Fatal(err)
	}
	naData := filepath.Join(dir, "na.csv")
	if err := os.WriteFile(naData, bytes.Replace(data, []byte("高新区"), []byte("NA"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	type counts struct{ missing, flags int }
	// verify's workbook is in the words of its table to sign (see
	// checkRows' Chinese): the item, tolerance, verdict and note.
	verifyWords := map[string]string{"rank": "名次", "grade": "等级", "score": "得分", "exact": "须相同",
		"true": "一致", "false": "不一致", "not in the data": "数据中无此单位"}
	for _, tc := range []struct {
		args  []string
		stdin string
		want  counts            // at least these many NA and true/false cells in the CSV
		words map[string]string // a CSV cell and its Chinese in the workbook
	}{
		{[]string{"score", "model.json", "data.csv"}, "", counts{8, 16}, nil},
		{[]string{"score", "model.json", naData}, "", counts{8, 16}, nil},
		{[]string{"verify", "model.json", "data.csv", "published_bad.csv"}, "", counts{0, 24}, verifyWords},
		{[]string{"estimate", "-unit", "district", "-psu", "psu", "-variance", "jk1", "-empty-replicate", "na", "-"}, emptyReplicateData, counts{4, 0}, nil},
		{[]string{"weights", "-schemes", "equal", "model.json", "data.csv"}, "", counts{0, 9}, nil},
	} {
		csvOut := runPPGPA(t, tc.stdin, append([]string{tc.args[0], "-format", "csv"}, tc.args[1:]...)...)
		recs, err := csv.NewReader(strings.NewReader(csvOut.stdout)).ReadAll()
		if err != nil || len(recs) < 2 {
			t.Fatalf("%v: CSV %v: %s", tc.args, err, csvOut.stderr)
		}
		var seen counts
		for _, r := range recs[1:] {
			for _, c := range r {
				switch c {
				case "NA":
					seen.missing++
				case "true", "false":
					seen.flags++
				}
			}
		}
		if seen.missing < tc.want.missing || seen.flags < tc.want.flags {
			t.Fatalf("%v: the CSV has %d NA and %d true/false cells, want at least %d and %d: the case no longer tests them", tc.args, seen.missing, seen.flags, tc.want.missing, tc.want.flags)
		}
		for _, lang := range []string{"zh", "both", "en"} {
			got := runPPGPA(t, tc.stdin, append([]string{tc.args[0], "-format", "xlsx", "-lang", lang}, tc.args[1:]...)...)
			if got.stdout == "" {
				t.Fatalf("%v -lang %s: no workbook: %s", tc.args, lang, got.stderr)
			}
			readers := map[string][][]xlsxCell{"excelize": cellsByExcelize(t, []byte(got.stdout), 0)}
			if rows, ok := cellsByOpenpyxl(t, []byte(got.stdout), 0); ok {
				readers["openpyxl"] = rows
			}
			for reader, rows := range readers {
				if len(rows) != len(recs) {
					t.Fatalf("%v -lang %s (%s): %d rows, want %d", tc.args, lang, reader, len(rows), len(recs))
				}
				for i, r := range recs[1:] {
					for j, c := range r {
						var want xlsxCell
						x, numErr := strconv.ParseFloat(c, 64)
						switch {
						case numErr == nil:
							x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
							want = xlsxCell{"number", strconv.FormatFloat(x, 'g', -1, 64)}
						case lang == "en":
							want = xlsxCell{"text", c}
						case tc.words[c] != "":
							want = xlsxCell{"text", tc.words[c]}
						case c == "NA" && j == 0: // the unit named NA
							want = xlsxCell{"text", c}
						case c == "NA" || c == "":
							want = xlsxCell{"blank", ""}
						case c == "true":
							want = xlsxCell{"text", "是"}
						case c == "false":
							want = xlsxCell{"text", "否"}
						default:
							want = xlsxCell{"text", c}
						}
						var cell xlsxCell
						if j < len(rows[i+1]) {
							cell = rows[i+1][j]
						} else {
							cell = xlsxCell{"blank", ""} // a reader stops at the row's last cell
						}
						if cell != want {
							t.Errorf("%v -lang %s (%s): row %d, column %d (%s): %+v, want %+v (CSV %q)", tc.args, lang, reader, i+2, j+1, recs[0][j], cell, want, c)
						}
					}
				}
			}
		}
	}
}

// TestAHPXLSXBlanks writes the workbook of a group of two judges, whose
// sheet of judges (the third) says in its column "excluded" (是否剔除)
// whether each judge was left out: 是 or 否 in Chinese, as every yes or
// no of a Chinese workbook (a blank is a missing figure only), true or
// false in English, as the JSON's "excluded". With -exclude-cr 0.01 the
// second judge (CR 0.0158, the table of ahp shows it) is excluded and
// the first (CR 0.0032) kept; openpyxl and excelize read the cells.
func TestAHPXLSXBlanks(t *testing.T) {
	t.Chdir("testdata")
	for lang, want := range map[string][2]string{"zh": {"否", "是"}, "both": {"否", "是"}, "en": {"false", "true"}} {
		for _, exclude := range []bool{false, true} {
			args := []string{"ahp", "-q", "-format", "xlsx", "-lang", lang, "-judge-weights", "2,1", "-group", "aip_geometric"}
			if exclude {
				args = append(args, "-exclude-cr", "0.01")
			}
			got := runPPGPA(t, "", append(args, "ahp.csv", "ahp_judge2.csv")...)
			if got.code != 0 {
				t.Fatalf("-lang %s: %s", lang, got.stderr)
			}
			readers := map[string][][]xlsxCell{"excelize": cellsByExcelize(t, []byte(got.stdout), 2)}
			if rows, ok := cellsByOpenpyxl(t, []byte(got.stdout), 2); ok {
				readers["openpyxl"] = rows
			}
			for reader, rows := range readers {
				if len(rows) != 3 {
					t.Fatalf("-lang %s (%s): %d rows of judges, want 3: %v", lang, reader, len(rows), rows)
				}
				for i, r := range rows[1:] {
					w := xlsxCell{"text", want[0]}
					if exclude && i == 1 {
						w.Value = want[1]
					}
					cell := xlsxCell{"blank", ""}
					if len(r) > 3 {
						cell = r[3]
					}
					if r[1].Kind != "number" || cell != w {
						t.Errorf("-lang %s -exclude-cr %v (%s): judge %d: %+v, want a number weight and %+v excluded", lang, exclude, reader, i+1, r, w)
					}
				}
			}
		}
	}
}
