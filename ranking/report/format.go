package report

import (
	"math"
	"strconv"
	"strings"
)

// tableCell is a table's cell s as a report in the languages ls shows
// it: a cell with no figure ("–": missing, not computed; in English also
// an unchanged rank, which a Chinese report writes 持平) is "—" (一字线)
// in a Chinese report, as Chinese statistical tables and the command
// line's Chinese tables mark it; an English report keeps "–".
func tableCell(ls []Lang, s string) string {
	if s == "–" && len(ls) > 0 && ls[0] == Chinese {
		return "—"
	}
	return s
}

// fixed formats x with prec decimals; NaN as "–", and no "-0.00".
func fixed(x float64, prec int) string {
	if math.IsNaN(x) {
		return "–"
	}
	s := strconv.FormatFloat(x, 'f', prec, 64)
	if strings.TrimLeft(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// signed formats x with a sign and prec decimals.
func signed(x float64, prec int) string {
	s := fixed(x, prec)
	if x > 0 && s != fixed(0, prec) {
		s = "+" + s
	}
	return s
}

// rank formats a rank: an integer, or a half for average ties.
func rank(r float64) string {
	if math.IsNaN(r) {
		return "–"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// num formats a raw value compactly (up to 6 significant digits).
func num(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}

// measure formats a raw value or a median for prose with d decimals (d
// is the indicator's, see Indicator.Decimals), or with up to two
// decimals more when x needs them (a median of whole numbers may end in
// .5), at most max(d, 2); below 1 in absolute value with three
// significant digits (0.0543). NaN is "–".
func measure(x float64, d int) string {
	if math.IsNaN(x) {
		return "–"
	}
	if a := math.Abs(x); a != 0 && a < 1 {
		if r := strconv.FormatFloat(x, 'g', 3, 64); !strings.Contains(r, "e") {
			return r
		}
	}
	k := d
	for k < max(d, 2) && !exactAt(x, k) {
		k++
	}
	return fixed(x, k)
}

// exactAt reports whether x has no digits beyond k decimals (to 1e-9).
func exactAt(x float64, k int) bool {
	p := math.Pow(10, float64(k))
	return math.Abs(float64(x*p)-math.Round(float64(x*p))) < 1e-9*math.Max(1, math.Abs(float64(x*p)))
}

// decimals returns the number of decimals the values of a column are
// written with (their shortest form), at most 2; NaN values are skipped.
func decimals(col []float64) int {
	d := 0
	for _, v := range col {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			d = max(d, len(s)-i-1)
		}
		if d >= 2 {
			return 2
		}
	}
	return d
}

// places describes a number of places gained.
func places(p float64) string {
	switch {
	case p == 1:
		return "+1 place"
	case p > 0:
		return "+" + rank(p) + " places"
	case p == 0:
		return "no place"
	}
	return rank(p) + " places"
}

// pct formats a level such as 0.9 as "90%".
func pct(level float64) string {
	return strconv.FormatFloat(100*level, 'g', 6, 64) + "%"
}
