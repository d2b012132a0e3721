package tabular

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"pgregory.net/rapid"
)

// TestSafeCell follows the OWASP rule for CSV injection: cells that begin
// with = + - @ tab or CR are prefixed with an apostrophe unless numbers.
func TestSafeCell(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+cmd": "'+cmd", "-2+3": "'-2+3", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"-3.5": "-3.5", "+2": "+2", "1e-3": "1e-3", "东城区": "东城区", "": "", "NA": "NA",
	} {
		if got := SafeCell(in); got != want {
			t.Errorf("SafeCell(%q) = %q, want %q", in, got, want)
		}
	}
	var b bytes.Buffer
	src := "unit,x\n=HYPERLINK(\"a\"),-1\nB,2\n"
	if err := SafeCSV(&b, []byte(src)); err != nil {
		t.Fatal(err)
	}
	if want := "unit,x\n\"'=HYPERLINK(\"\"a\"\")\",-1\nB,2\n"; b.String() != want {
		t.Errorf("SafeCSV = %q, want %q", b.String(), want)
	}
	b.Reset()
	plain := "unit,x\nA,-1\n\"B,C\",2\n"
	if err := SafeCSV(&b, []byte(plain)); err != nil || b.String() != plain {
		t.Errorf("SafeCSV(%q) = %q, %v; want it unchanged", plain, b.String(), err)
	}
}

// TestWriteXLSXRoundTrip writes tables to a workbook and reads them back:
// numbers as numbers (the same float64), text as text, formulas never.
func TestWriteXLSXRoundTrip(t *testing.T) {
	t.Parallel()
	rows := [][]string{{"单位", "得分", "备注"}, {"东城区", "91.25", "=1+1"}, {"西城区", "0.1", "NA"}}
	var b bytes.Buffer
	if err := WriteXLSX(&b, []SheetData{{Name: "结果", Rows: rows}, {Name: "结果", Rows: rows[:1]}}); err != nil {
		t.Fatal(err)
	}
	for sheet, want := range map[string][][]string{"1": rows, "结果 (2)": rows[:1]} {
		g, err := GridFromBytes(b.Bytes(), Options{Sheet: sheet})
		if err != nil {
			t.Fatal(err)
		}
		if len(g.Rows) != len(want) {
			t.Fatalf("sheet %s: %d rows, want %d", sheet, len(g.Rows), len(want))
		}
		for i := range want {
			if strings.Join(g.Rows[i], "|") != strings.Join(want[i], "|") {
				t.Errorf("sheet %s row %d: %q, want %q", sheet, i+1, g.Rows[i], want[i])
			}
		}
	}
}

// TestWriteXLSXBlanks writes empty cell texts with and without Blanks
// and reads the workbook back with excelize: with Blanks the cell is
// absent (no type, no value), as a spreadsheet's blank is; without, it
// is a text of length zero (an inline string), as before Blanks
// existed. The numbers stay numbers either way.
func TestWriteXLSXBlanks(t *testing.T) {
	t.Parallel()
	rows := [][]string{{"单位", "得分", "标准误"}, {"东城区", "91.25", ""}, {"", "3", "0.5"}}
	for _, blanks := range []bool{false, true} {
		var b bytes.Buffer
		if err := WriteXLSX(&b, []SheetData{{Name: "s", Rows: rows, Blanks: blanks}}); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			cell, value string
			blank       bool
			typ         excelize.CellType
		}{
			{"C2", "", true, excelize.CellTypeInlineString},
			{"A3", "", true, excelize.CellTypeInlineString},
			{"B2", "91.25", false, excelize.CellTypeUnset}, // a number: no t attribute
			{"A2", "东城区", false, excelize.CellTypeInlineString},
		} {
			typ, err := f.GetCellType("s", c.cell)
			if err != nil {
				t.Fatal(err)
			}
			v, err := f.GetCellValue("s", c.cell)
			if err != nil {
				t.Fatal(err)
			}
			want := c.typ
			if blanks && c.blank {
				want = excelize.CellTypeUnset
			}
			if typ != want || v != c.value {
				t.Errorf("Blanks %v: %s is %q of type %v, want %q of type %v", blanks, c.cell, v, typ, c.value, want)
			}
		}
		f.Close()
	}
}

// TestCellText checks CellText against SafeCell: the text of every
// neutralised cell is the cell before (a property over cells of the
// characters that matter, none beginning with an apostrophe), and a cell
// an office typed with an apostrophe before other text keeps it.
func TestCellText(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		c := rapid.StringMatching(`[=+\-@\t\r0-9a-z.'甲 ]{0,6}`).Filter(func(s string) bool { return !strings.HasPrefix(s, "'") }).Draw(t, "cell")
		if got := CellText(SafeCell(c)); got != c {
			t.Fatalf("CellText(SafeCell(%q)) = %q", c, got)
		}
	})
	for in, want := range map[string]string{"'=1+1": "=1+1", "'-x": "-x", "'abc": "'abc", "'": "'", "-3.5": "-3.5"} {
		if got := CellText(in); got != want {
			t.Errorf("CellText(%q) = %q, want %q", in, got, want)
		}
	}
}
