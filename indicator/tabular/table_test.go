package tabular

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/ppgpa/ppgpa/indicator"
)

// TestReadTableLayouts reads the layouts of the files officials keep; the
// expected values are the numbers written in each input.
func TestReadTableLayouts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		in    string
		opt   Options
		units []string
		cols  []string
		vals  [][]float64 // by unit
		notes int
	}{
		{"plain", "unit,a,b\nX,1,2\nY,3,4\n", Options{}, []string{"X", "Y"}, []string{"a", "b"}, [][]float64{{1, 2}, {3, 4}}, 0},
		{"serial and unit second", "序号,单位,a\n1,东城区,96\n2,西城区,88\n", Options{}, []string{"东城区", "西城区"}, []string{"a"}, [][]float64{{96}, {88}}, 0},
		{"title rows", "2024年考核结果,,\n单位：分,,\n地区,a,b\n东城区,1,2\n", Options{}, []string{"东城区"}, []string{"a", "b"}, [][]float64{{1, 2}}, 1},
		{"trailing empty rows and cols", "unit,a,,\nX,1,,\n,,,\n,,,\n", Options{}, []string{"X"}, []string{"a"}, [][]float64{{1}}, 0},
		{"na tokens", "unit,a,b,c,d,e,f,g,h\nX,/,—,－,暂无,N/A,#N/A,#DIV/0!,null\nY,1,1,1,1,1,1,1,1\n", Options{}, []string{"X", "Y"}, []string{"a", "b", "c", "d", "e", "f", "g", "h"},
			[][]float64{{nan, nan, nan, nan, nan, nan, nan, nan}, {1, 1, 1, 1, 1, 1, 1, 1}}, 0},
		{"formatted numbers", "unit,p,n,w\nX,96%,\"1,234\",９６\nY,88.5%,\"12,345,678.5\",－３．５\n", Options{}, []string{"X", "Y"}, []string{"p", "n", "w"}, [][]float64{{96, 1234, 96}, {88.5, 12345678.5, -3.5}}, 0},
		{"skip summary", "单位,a\nX,1\n合 计,1\n", Options{SkipSummary: true}, []string{"X"}, []string{"a"}, [][]float64{{1}}, 0},
		{"unit by name", "code,单位,a\nc1,X,1\n", Options{Unit: "code", Attributes: []string{"单位"}}, []string{"c1"}, []string{"a"}, [][]float64{{1}}, 0},
		{"unit found", "code,单位,a\nc1,X,1\n", Options{Attributes: []string{"code"}}, []string{"X"}, []string{"a"}, [][]float64{{1}}, 1},
		{"header row given", "x\ny\nunit,a\nX,1\n", Options{HeaderRow: 3}, []string{"X"}, []string{"a"}, [][]float64{{1}}, 0},
		{"custom na", "unit,a\nX,缺报\nY,NA\n", Options{NA: []string{"缺报", "NA"}}, []string{"X", "Y"}, []string{"a"}, [][]float64{{nan}, {nan}}, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tab, info, err := ReadTable(strings.NewReader(tc.in), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if got := tab.Units(); strings.Join(got, "|") != strings.Join(tc.units, "|") {
				t.Errorf("units %q, want %q", got, tc.units)
			}
			if got := tab.Columns(); strings.Join(got, "|") != strings.Join(tc.cols, "|") {
				t.Errorf("columns %q, want %q", got, tc.cols)
			}
			for i := range tc.vals {
				for j, want := range tc.vals[i] {
					if got := tab.Value(i, j); got != want && !(math.IsNaN(got) && math.IsNaN(want)) {
						t.Errorf("value (%d,%d) = %v, want %v", i, j, got, want)
					}
				}
			}
			if len(info.Notes) != tc.notes {
				t.Errorf("notes %q, want %d", info.Notes, tc.notes)
			}
		})
	}
}

var nan = math.NaN()

// TestReadTableErrors checks that each bad input is refused with a message
// that names the place and the problem.
func TestReadTableErrors(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in string
		opt      Options
		want     string
		is       error
		text     bool
	}{
		{"text column", "unit,region,a\nX,东城区,1\nY,西城区,2\n", Options{}, `line 2, column 2 ("region"): invalid number "东城区"`, indicator.ErrInvalidTable, true},
		{"bad number", "unit,a\nX,1\nY,九十一\n", Options{}, `line 3, column 2 ("a"): invalid number "九十一"`, ErrInvalid, false},
		{"out of range", "unit,a\nX,1e999\n", Options{}, `line 2, column 2 ("a"): number "1e999" is out of range`, ErrInvalid, false},
		{"semicolon", "unit;a;b\nX;1;2\n", Options{}, `line 1: the header has one column ("unit;a;b"); is the separator ';'?`, ErrSeparator, false},
		{"tab", "unit\ta\nX\t1\n", Options{}, `is the separator tab?`, ErrSeparator, false},
		{"fullwidth comma", "unit，a\nX，1\n", Options{}, `is the separator '，'`, ErrSeparator, false},
		{"summary", "单位,a\nX,1\n合计,2\n", Options{}, `line 3, column 1 ("单位"): "合计" is a summary row`, ErrSummaryRow, false},
		{"empty id", "unit,a\nX,1\n,2\n", Options{}, `line 3, column 1 ("unit"): empty unit id`, ErrInvalid, false},
		{"duplicate id", "unit,a\nX,1\nX,2\n", Options{}, `line 3, column 1 ("unit"): duplicate unit id "X" (also line 2)`, ErrInvalid, false},
		{"control", "unit,a\nX\x01,1\n", Options{}, `control character U+0001`, ErrInvalid, false},
		{"short row", "unit,a,b\nX,1\n", Options{}, `line 2: 2 fields, want 3 as in the header; the first missing is column 3 ("b")`, ErrInvalid, false},
		{"beyond header", "unit,a\nX,1,5\n", Options{}, `line 2, column 3: a value "5" beyond the last column`, ErrInvalid, false},
		// A number written with separators and no quotes splits into
		// cells: the row is in error, the header is still the header
		// (it was taken for a title row below the wider row).
		{"unquoted thousands", "unit,a,b,c,d,e\nX,1,2,3,4,5\nY,1,234,567,2,345,678,4,5\n", Options{}, `line 3, column 7: a value "678" beyond the last column of the header (6 columns)`, ErrInvalid, false},
		{"mixed percent", "unit,a\nX,96%\nY,0.5\n", Options{}, `mixes numbers with and without a percent sign`, ErrInvalid, false},
		{"bad thousands", "unit,a\nX,\"12,34\"\n", Options{}, `invalid number "12,34"`, ErrInvalid, false},
		{"not utf-8 nor gb18030", "unit,a\nX\xff\xff,1\n", Options{}, `line 2: the text is neither UTF-8 nor GB18030`, ErrInvalid, false},
		{"no unit column", "unit,a\nX,1\n", Options{Unit: "单位"}, `no unit column "单位"`, ErrInvalid, false},
		{"empty", "", Options{}, `no header`, ErrInvalid, false},
		{"hex float", "unit,a\nX,0x1p3\n", Options{}, `invalid number "0x1p3"`, ErrInvalid, false},
		{"inf", "unit,a\nX,Inf\n", Options{}, `invalid number "Inf"`, ErrInvalid, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, _, err := ReadTable(strings.NewReader(tc.in), tc.opt)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
			if !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %v", err, tc.is)
			}
			var e *Error
			if errors.As(err, &e) && e.TextColumn != tc.text {
				t.Errorf("TextColumn = %v, want %v", e.TextColumn, tc.text)
			}
		})
	}
}

// TestPercentCells: a workbook cell holding 0.96 shown as 96% (written by
// openpyxl with the number formats 0% and 0.00%, testdata/make_xlsx.py)
// reads as the CSV cell "96%" does: 96 percent points, the column listed
// in Info.Percent; the numbers are those of testdata/percent.csv, bit for
// bit.
func TestPercentCells(t *testing.T) {
	read := func(name string) (*indicator.Table, *Info) {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		tab, info, err := ReadTable(bytes.NewReader(b), Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return tab, info
	}
	want, winfo := read("percent.csv")
	got, ginfo := read("percent.xlsx")
	if !slices.Equal(ginfo.Percent, []string{"办结率", "增长"}) || !slices.Equal(ginfo.Percent, winfo.Percent) {
		t.Errorf("percent columns %q, CSV %q", ginfo.Percent, winfo.Percent)
	}
	for i := range want.Units() {
		for j := range want.Columns() {
			if g, w := got.Value(i, j), want.Value(i, j); math.Float64bits(g) != math.Float64bits(w) {
				t.Errorf("%s %s: %v, CSV %v", want.Units()[i], want.Columns()[j], g, w)
			}
		}
	}
	if got.Value(0, 0) != 96 || got.Value(1, 2) != -0.3 {
		t.Errorf("东城区 办结率 %v, 西城区 增长 %v; want 96 and -0.3", got.Value(0, 0), got.Value(1, 2))
	}
}

// TestPercentText: the decimal point of a stored fraction moves two
// places without rounding (0.07 * 100 is 7.000000000000001 in floating
// point).
func TestPercentText(t *testing.T) {
	for in, want := range map[string]string{"0.96": "96%", "0.07": "7%", "1": "100%", "-0.003": "-0.3%", "0.125": "12.5%", "1E-3": "0.1%", "0": "0%"} {
		if got := percentText(in); got != want {
			t.Errorf("percentText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNumberStyleText: a stored number under a format of fixed decimals
// reads with those decimals when they are the same number, and keeps its
// digits when they are not; fixedDecimals reads the formats officials use.
func TestNumberStyleText(t *testing.T) {
	two := numberStyle{decimals: 2}
	for in, want := range map[string]string{"93.5": "93.50", "1": "1.00", "92.2962149559937": "92.2962149559937", "-0.125": "-0.125", "0.07": "0.07"} {
		if got := two.text(in); got != want {
			t.Errorf("0.00: text(%q) = %q, want %q", in, got, want)
		}
	}
	for f, want := range map[string]int{"0": 0, "0.000": 3, "#,##0.0": 1, "#,##0": 0, "0.00_ ": -1, "yyyy-mm-dd": -1, ".00": -1, "0.": -1, "General": -1} {
		if got := fixedDecimals(f); got != want {
			t.Errorf("fixedDecimals(%q) = %d, want %d", f, got, want)
		}
	}
}

// TestPercentColumnsInOrder: Info.Percent lists the percent columns in
// the table's column order on every read (the direct CSV reader once
// listed them in the order of a map, which varies from run to run).
func TestPercentColumnsInOrder(t *testing.T) {
	var b strings.Builder
	b.WriteString("unit,a,b,c,d,e,f\n")
	for i := 0; i < 8; i++ {
		fmt.Fprintf(&b, "u%d,%d%%,%d,%d%%,%d%%,%d,%d%%\n", i, i, i, i+1, i+2, i, i+3)
	}
	want := []string{"a", "c", "d", "f"}
	for range 50 {
		_, info, err := ReadTable(strings.NewReader(b.String()), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(info.Percent, want) {
			t.Fatalf("percent columns %q, want %q", info.Percent, want)
		}
	}
}
