package tabular

import (
	"bytes"
	"math"
	"strconv"
	"testing"
)

// FuzzParseNumber checks that ParseNumber never panics, that what it
// accepts is finite or missing, and that a plain decimal number reads as
// strconv.ParseFloat reads it.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"96%", "1,234", "９６．５", "－３", "1e999", "/", "#DIV/0!", "-0", "0x1p3", " 12 ", "1,23", "%", ",", "1.5e-400"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseNumber(s, nil)
		if err != nil {
			return
		}
		if v.Missing != math.IsNaN(v.X) || math.IsInf(v.X, 0) {
			t.Fatalf("ParseNumber(%q) = %+v", s, v)
		}
		if plainDecimal(s) {
			if x, err := strconv.ParseFloat(s, 64); err == nil && x != v.X {
				t.Fatalf("ParseNumber(%q) = %v, strconv %v", s, v.X, x)
			}
		}
	})
}

// FuzzReadTable checks that no input makes the text readers panic, and
// that a table read has unique units and finite or missing values.
func FuzzReadTable(f *testing.F) {
	for _, s := range []string{
		"unit,a\nX,1\n", "序号,单位,a\n1,东城区,96%\n2,合计,1\n", "t,,\n单位,a,b\nX,/,—\n,,\n",
		"unit;a\nX;1\n", "\xff\xfeu\x00,\x00a\x00\n\x00", "unit,indicator,value\nX,a,1\nX,b,2\n",
		"[{\"unit\":\"X\",\"a\":1}]", "{\"units\":[{\"id\":\"X\",\"values\":{\"a\":1}}]}", "\xb5\xa5\xce\xbb,a\nX,1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 0 && b[0] == 'P' {
			return // workbooks are exercised by the workbook tests, not here (too slow per input)
		}
		tab, _, err := ReadTable(bytes.NewReader(b), Options{})
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for i, u := range tab.Units() {
			if u == "" || seen[u] {
				t.Fatalf("unit %d %q empty or repeated", i, u)
			}
			seen[u] = true
			for j := range tab.Columns() {
				if math.IsInf(tab.Value(i, j), 0) {
					t.Fatalf("infinite value")
				}
			}
		}
	})
}
