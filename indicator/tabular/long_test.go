package tabular

import (
	"bytes"
	"strings"
	"testing"
)

// TestLongAsWide reads the long form of a table and checks it against the
// wide form of the same numbers.
func TestLongAsWide(t *testing.T) {
	t.Parallel()
	wide, _, err := ReadTable(strings.NewReader("单位,a,b\nX,1,2\nY,3,/\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	long, info, err := ReadTable(strings.NewReader("单位,指标,数值\nX,b,2\nX,a,1\nY,a,3\nY,b,/\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := tableDiff(wide, long); d != "" {
		t.Error(d)
	}
	if len(info.Notes) != 1 {
		t.Errorf("notes %q, want one saying long data", info.Notes)
	}
}

// TestReadPanel reads two years of long data into two tables, sorted by
// year as numbers.
func TestReadPanel(t *testing.T) {
	t.Parallel()
	in := "unit,year,indicator,value\nX,2024,a,5\nX,9,a,1\nY,9,a,2\nY,2024,a,6\nX,2024,b,7\nY,2024,b,8\n"
	ys, _, err := ReadPanel(strings.NewReader(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ys) != 2 || ys[0].Year != "9" || ys[1].Year != "2024" {
		t.Fatalf("years %+v, want 9 then 2024", ys)
	}
	if got := ys[0].Table.Columns(); len(got) != 1 || ys[0].Table.Value(1, 0) != 2 {
		t.Errorf("year 9: columns %q, Y's a = %v; want [a] and 2", got, ys[0].Table.Value(1, 0))
	}
	if got := ys[1].Table.Value(0, 1); got != 7 {
		t.Errorf("year 2024: X's b = %v, want 7", got)
	}
	if _, _, err := ReadTable(strings.NewReader(in), Options{}); err == nil || !strings.Contains(err.Error(), "long data of 2 years (9, 2024)") {
		t.Errorf("ReadTable of two years: %v", err)
	}
}

func TestLongErrors(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"unit,indicator,value\nX,a,1\nX,a,2\n":                   `line 3, column 2 ("indicator"): unit "X", indicator "a" given twice (also line 2)`,
		"unit,indicator,value\nX,a,1\nY,b,2\n":                   `unit "X" has no row for indicator "b"`,
		"unit,indicator,value\nX,a,1\nX,b,九\n":                   `line 3, column 3 ("value"): invalid number "九"`,
		"unit,indicator,value\nX,,1\n":                           `line 2, column 2 ("indicator"): empty indicator name`,
		"unit,year,indicator,value\nX,,a,1\n":                    `empty year`,
		"unit,indicator,value\nX,a,1\n合计,a,1\n":                  `"合计" is a summary row`,
		"unit,year,indicator,value\nX,1,a,1\nX,1,b,1\nY,1,a,1\n": `unit "Y" has no row for indicator "b" in year 1`,
	} {
		_, _, err := ReadTable(strings.NewReader(in), Options{})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
}

// TestLongErrorsWorkbook checks that an error about long data as a whole
// (a missing combination has no row to name) names the sheet alone: the
// message said "sheet "s" row 0" for a workbook.
func TestLongErrorsWorkbook(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	rows := [][]string{{"unit", "indicator", "value"}, {"X", "a", "1"}, {"Y", "b", "2"}}
	if err := WriteXLSX(&b, []SheetData{{Name: "s", Rows: rows}}); err != nil {
		t.Fatal(err)
	}
	_, _, err := ReadTable(bytes.NewReader(b.Bytes()), Options{})
	want := `sheet "s": unit "X" has no row for indicator "b"`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v, want it to start %q", err, want)
	}
	if e := (&Error{Sheet: "s", Column: 2, Header: "b", Err: invalidf("bad")}).Error(); e != `sheet "s", column B ("b"): bad` {
		t.Errorf("an error of a column without a row: %q", e)
	}
}
