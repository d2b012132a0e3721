package tabular

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

// TestFastDecimal checks the fast path of the table reader against
// parseNumber (strconv.ParseFloat): whenever fastDecimal reads a cell, the
// value has the same bits; it reads every plain decimal of up to 15
// digits; it leaves everything else to parseNumber.
func TestFastDecimal(t *testing.T) {
	same := func(t *rapid.T, s string) bool {
		x, ok := fastDecimal(s)
		if !ok {
			return false
		}
		v, err := parseNumber(s, newNASet(nil))
		if err != nil || v.Missing || v.Percent || math.Float64bits(v.X) != math.Float64bits(x) {
			t.Fatalf("%q: fastDecimal %v (%x), parseNumber %+v %v", s, x, math.Float64bits(x), v, err)
		}
		return true
	}
	rapid.Check(t, func(t *rapid.T) {
		// Any string of the characters of numbers.
		same(t, rapid.StringMatching(`[-+0-9.eE%, ]{0,20}`).Draw(t, "cell"))
		// A decimal of up to 15 digits is always read.
		ip := rapid.StringMatching(`[0-9]{1,8}`).Draw(t, "int")
		fp := rapid.StringMatching(`[0-9]{0,7}`).Draw(t, "frac")
		s := rapid.SampledFrom([]string{"", "-", "+"}).Draw(t, "sign") + ip
		if fp != "" {
			s += "." + fp
		}
		if !same(t, s) {
			t.Fatalf("%q not read by the fast path", s)
		}
	})
	for _, s := range []string{"", "-", "+", ".", "1.", ".5", "1e3", " 1", "1 ", "1,234", "96%", "NA", "1234567890123456", "0x10", "Inf", "--1", "1..2"} {
		if x, ok := fastDecimal(s); ok {
			t.Errorf("fastDecimal(%q) = %v: should be left to parseNumber", s, x)
		}
	}
	for _, s := range []string{"-0", "-0.0", "0.1", "123456789012345", "0.00000000000001", "+7"} {
		x, ok := fastDecimal(s)
		want, _ := strconv.ParseFloat(s, 64)
		if !ok || math.Float64bits(x) != math.Float64bits(want) {
			t.Errorf("fastDecimal(%q) = %v %v, want %v", s, x, ok, want)
		}
	}
}

// TestTableDecimalNA: a missing-value token that is itself a number
// (-999, 0) is still a missing value when the reader takes its fast path
// for numbers.
func TestTableDecimalNA(t *testing.T) {
	tab, _, err := ReadTable(strings.NewReader("unit,a,b\nu1,-999,0\nu2,1.5,-999.0\n"), Options{NA: []string{"-999", "0"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		i, j int
		nan  bool
	}{{0, 0, true}, {0, 1, true}, {1, 0, false}, {1, 1, false}} {
		if x := tab.Value(c.i, c.j); math.IsNaN(x) != c.nan {
			t.Errorf("cell %d,%d = %v, missing %v", c.i, c.j, x, c.nan)
		}
	}
}
