package report

import (
	"math"
	"strconv"
	"strings"
)

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
