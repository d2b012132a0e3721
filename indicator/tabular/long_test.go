package tabular

import (
	"bytes"
	"math"
	"slices"
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

// TestGridPanel reads wide data with a year column and long data with one
// through Grid.Panel; the expected values are those written in the input.
func TestGridPanel(t *testing.T) {
	t.Parallel()
	read := func(in string, column string, opt Options) ([]YearTable, error) {
		g, err := ReadGrid(strings.NewReader(in), opt)
		if err != nil {
			return nil, err
		}
		ys, _, err := g.Panel(column, opt)
		return ys, err
	}
	wide := "面板,,,\nunit,a,year,b\nX,1,2024,/\nY,2,2024,3\nX,4,2023,5\n"
	ys, err := read(wide, "year", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ys) != 2 || ys[0].Year != "2023" || ys[1].Year != "2024" || ys[0].Line != 5 || ys[1].Line != 3 || ys[1].Column != 3 {
		t.Fatalf("years %+v", ys)
	}
	if u, c := ys[1].Table.Units(), ys[1].Table.Columns(); !slices.Equal(u, []string{"X", "Y"}) || !slices.Equal(c, []string{"a", "b"}) ||
		ys[1].Table.Value(0, 0) != 1 || !math.IsNaN(ys[1].Table.Value(0, 1)) || ys[1].Table.Value(1, 1) != 3 || ys[0].Table.Value(0, 1) != 5 {
		t.Errorf("2024: %v %v", u, c)
	}
	long := "unit,year,indicator,value\nX,2024,a,1\nX,2023,a,2\n"
	ys, err = read(long, "", Options{})
	if err != nil || len(ys) != 2 || ys[0].Year != "2023" || ys[0].Line != 3 || ys[0].Column != 2 || ys[0].Table.Value(0, 0) != 2 {
		t.Errorf("long: %+v, %v", ys, err)
	}
	for in, want := range map[string]string{
		"unit,year,a\nX,2024,1\nX,2024,2\n":  `line 3, column 1 ("unit"): duplicate unit id "X" (also line 2)`,
		"unit,year,a\nX,,1\n":                `line 2, column 2 ("year"): empty year`,
		"unit,a\nX,1\n":                      `line 1: no year column "year" in the header ("unit", "a")`,
		"year,a\n2024,1\n":                   `the year column "year" is the unit column`,
		"unit,year,a\nX,2024,1\n合计,2024,1\n": `line 3, column 1 ("unit"): "合计" is a summary row`,
	} {
		if _, err := read(in, "year", Options{}); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
}
