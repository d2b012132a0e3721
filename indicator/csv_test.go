package indicator_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/ppgpa/ppgpa/indicator"
)

func TestReadCSV(t *testing.T) {
	t.Parallel()
	in := "\uFEFFdistrict,x,province,y\nA,1.5,p,NA\nB,,q,-\n\"C\", 2e3 ,p,7\n"
	tab, err := indicator.ReadCSV(strings.NewReader(in), indicator.CSVOptions{Attributes: []string{"province"}})
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	if d := cmp.Diff([]string{"A", "B", "C"}, tab.Units()); d != "" {
		t.Errorf("units: %s", d)
	}
	if d := cmp.Diff([]string{"x", "y"}, tab.Columns()); d != "" {
		t.Errorf("columns: %s", d)
	}
	x, _ := tab.Column("x")
	y, _ := tab.Column("y")
	if d := cmp.Diff([][]float64{{1.5, nan, 2000}, {nan, nan, 7}}, [][]float64{x, y}, cmpopts.EquateNaNs()); d != "" {
		t.Errorf("values: %s", d)
	}
	p, ok := tab.Attribute("province")
	if !ok || !cmp.Equal(p, []string{"p", "q", "p"}) {
		t.Errorf("province = %v", p)
	}
	var out strings.Builder
	if err := tab.WriteCSV(&out); err != nil {
		t.Fatal(err)
	}
	want := "district,x,y,province\nA,1.5,NA,p\nB,NA,NA,q\nC,2000,7,p\n"
	if out.String() != want {
		t.Errorf("WriteCSV:\n%s\nwant\n%s", out.String(), want)
	}
	back, err := indicator.ReadCSV(strings.NewReader(out.String()), indicator.CSVOptions{Attributes: []string{"province"}})
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(tableContents(tab), tableContents(back), cmpopts.EquateNaNs()); d != "" {
		t.Errorf("round trip: %s", d)
	}
}

// tableContents returns everything a table holds, for comparison.
func tableContents(t *indicator.Table) map[string]any {
	out := map[string]any{"units": t.Units(), "columns": t.Columns(), "attributes": t.Attributes()}
	for _, c := range t.Columns() {
		out["col:"+c], _ = t.Column(c)
	}
	for _, a := range t.Attributes() {
		out["attr:"+a], _ = t.Attribute(a)
	}
	return out
}

func TestReadCSVErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, where string
	}{
		{"number", "id,x,y\nA,1,2\nB,3,abc\n", `line 3, column 3 ("y"): invalid number "abc"`},
		// The third field of a row with Chinese text (15 bytes before it)
		// is column 3.
		{"number-chinese", "单位,满意度,在线率\n市政务服务中心,90,九十一\n", `line 2, column 3 ("在线率"): invalid number "九十一"`},
		{"chinese-second", "单位,满意度,在线率\n西城区,九十,91\n", `line 2, column 2 ("满意度"): invalid number "九十"`},
		{"infinite", "id,x\nA,Inf\n", `line 2, column 2 ("x"): value "Inf" is not finite`},
		{"duplicate-unit", "id,x\nA,1\nA,2\n", `line 3, column 1: duplicate unit id "A" (also line 2)`},
		{"duplicate-column", "id,x,x\nA,1,2\n", `line 1, column 3: duplicate column "x"`},
		{"fields", "id,x\nA,1,2\n", `line 2: 3 fields, want 2 as in the header; the first extra is column 3, "2"`},
		{"fields-missing", "id,x,y,z\nA,1\n", `line 2: 2 fields, want 4 as in the header; the first missing is column 3 ("y")`},
		// strconv.ParseFloat reads "0x1p4" as 16 and "0x1_0" as 16.
		{"hex", "id,x\nA,0x1p4\n", `line 2, column 2 ("x"): invalid number "0x1p4" (only decimal notation)`},
		{"hex-underscore", "id,x\nA,0x1_0p0\n", `line 2, column 2 ("x"): invalid number "0x1_0p0" (only decimal notation)`},
		{"underscore", "id,x\nA,1_000\n", `line 2, column 2 ("x"): invalid number "1_000"`},
		{"utf16", "\xFF\xFEi\x00d\x00,\x00x\x00\n\x00", `line 1, column 1: the file is UTF-16`},
		{"latin1-header", "id,caf\xe9\nA,1\n", `line 1, column 2: not valid UTF-8 text ("caf\xe9")`},
		{"latin1-id", "id,x\nA,1\nB\xe9,2\n", `line 3, column 1: not valid UTF-8 text`},
		// A second byte-order mark (files joined) would make names that
		// look equal differ, and a header of only a mark wrote back as an
		// empty file.
		{"bom-inside", "\uFEFFid,x\nA,1\n\uFEFFB,2\n", `line 3, column 1: a byte-order mark (U+FEFF) inside the text`},
		{"bom-header", " \uFEFF", `line 1, column 1: a byte-order mark (U+FEFF) inside the text`},
		{"empty", "", `line 1, column 1: no header`},
		{"empty-id", "id,x\n,1\n", `line 2, column 1: empty unit id`},
		{"quote", "id,x\nA,\"1\n", `line 2 (byte 6 of the line): extraneous or missing " in quoted-field`},
		{"attribute", "id,x\nA,1\n", `attribute column "p" not in the header`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := indicator.ReadCSV(strings.NewReader(tc.in), indicator.CSVOptions{Attributes: map[bool][]string{true: {"p"}}[tc.name == "attribute"]})
			if !errors.Is(err, indicator.ErrInvalidTable) || !strings.Contains(err.Error(), tc.where) {
				t.Fatalf("err = %v, want ErrInvalidTable naming %q", err, tc.where)
			}
		})
	}
}

func TestNewTableErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		units []string
		cols  []string
		rows  [][]float64
	}{
		{"duplicate-unit", []string{"A", "A"}, []string{"x"}, [][]float64{{1}, {2}}},
		{"duplicate-column", []string{"A"}, []string{"x", "x"}, [][]float64{{1, 2}}},
		{"rows", []string{"A"}, []string{"x"}, nil},
		{"row-length", []string{"A"}, []string{"x"}, [][]float64{{1, 2}}},
		{"infinite", []string{"A"}, []string{"x"}, [][]float64{{math.Inf(1)}}},
	} {
		if _, err := indicator.NewTable(tc.units, tc.cols, tc.rows); !errors.Is(err, indicator.ErrInvalidTable) {
			t.Errorf("%s: err = %v, want ErrInvalidTable", tc.name, err)
		}
	}
}
