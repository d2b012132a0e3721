package tabular

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// naSet is a set of missing-value tokens.
type naSet map[string]struct{}

func newNASet(tokens []string) naSet {
	if tokens == nil {
		tokens = DefaultNA()
	}
	s := make(naSet, len(tokens))
	for _, t := range tokens {
		s[strings.TrimSpace(t)] = struct{}{}
	}
	return s
}

// decimalNA reports whether a token of s is itself a plain decimal that
// fastDecimal reads, in which case cells must be looked up in s first.
func (s naSet) decimalNA() bool {
	for t := range s {
		if _, ok := fastDecimal(t); ok {
			return true
		}
	}
	return false
}

// exactPow10 are the powers of ten that float64 holds exactly.
var exactPow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// fastDecimal reads a cell written [+-]DIGITS[.DIGITS] with at most 15
// digits, as most cells of data are, and reports whether it could: the
// number is DIGITS as an integer m (below 10^15 < 2^53, so exact) divided
// by 10^f, f the number of fraction digits (exact too), and one correctly
// rounded division gives the double nearest the decimal, the value of
// strconv.ParseFloat (Clinger's fast path). Any other cell (spaces, an
// exponent, more digits, a percent sign, a token) is left to parseNumber.
func fastDecimal[T string | []byte](s T) (float64, bool) {
	x, n, ok := decimalPrefix(s)
	return x, ok && n == len(s)
}

// decimalPrefix reads the number [+-]DIGITS[.DIGITS] that s begins with,
// as fastDecimal reads a whole cell, and returns it and its length; ok is
// false when s does not begin with such a number of at most 15 digits
// (or has a point not followed by a digit).
func decimalPrefix[T string | []byte](s T) (x float64, n int, ok bool) {
	i, neg := 0, false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg, i = s[0] == '-', 1
	}
	var m uint64
	nd, frac := 0, 0
	start := i
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		m = m*10 + uint64(s[i]-'0')
		nd++
	}
	if i == start {
		return 0, 0, false
	}
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			m = m*10 + uint64(s[i]-'0')
			nd++
		}
		if frac = i - fs; frac == 0 {
			return 0, 0, false
		}
	}
	if nd > 15 {
		return 0, 0, false
	}
	x = float64(m) / exactPow10[frac]
	if neg {
		x = -x
	}
	return x, i, true
}

// Value is one parsed numeric cell.
type Value struct {
	X       float64 // the number; NaN when Missing
	Missing bool    // the cell is empty or a missing-value token
	Percent bool    // the cell was written with a percent sign ("96%" is 96)
}

// ParseNumber parses a numeric cell as officials' files write numbers:
// spaces (also U+3000 and no-break spaces) around it are ignored;
// full-width digits, signs, points and percent signs (９６．５％) read as
// their ASCII forms; a thousands separator is accepted between groups of
// three digits ("1,234,567.5"); a trailing percent sign gives the number
// in percent points ("96%" is 96, with Percent set). Only decimal
// notation is read (digits, sign, point, exponent), not hex floats,
// underscores or infinities. An empty cell and the tokens in na (nil
// means [DefaultNA]) are missing values.
//
// The error, wrapping [ErrInvalid], says "invalid number" or, for a
// number too large for float64 such as 1e999, "out of range".
func ParseNumber(s string, na []string) (Value, error) {
	return parseNumber(s, newNASet(na))
}

func parseNumber(s string, na naSet) (Value, error) {
	s = trimSpace(s)
	if s == "" {
		return Value{X: math.NaN(), Missing: true}, nil
	}
	if _, ok := na[s]; ok {
		return Value{X: math.NaN(), Missing: true}, nil
	}
	// Fast path: plain ASCII decimal.
	if x, err := strconv.ParseFloat(s, 64); err == nil && plainDecimal(s) {
		return Value{X: x}, nil
	}
	t := s
	if !isASCII(t) {
		t = toHalfWidth(t)
		if _, ok := na[t]; ok {
			return Value{X: math.NaN(), Missing: true}, nil
		}
	}
	var v Value
	if strings.HasSuffix(t, "%") {
		v.Percent = true
		t = strings.TrimSpace(strings.TrimSuffix(t, "%"))
	}
	if strings.Contains(t, ",") {
		u, ok := stripThousands(t)
		if !ok {
			return v, invalidf("invalid number %s", quote(s))
		}
		t = u
	}
	if t == "" || !plainDecimal(t) {
		return v, invalidf("invalid number %s", quote(s))
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) && !math.IsInf(x, 0) {
			// Underflow: strconv returns the nearest value, 0 or a
			// subnormal, which is what the text means.
			v.X = x
			return v, nil
		}
		if errors.Is(err, strconv.ErrRange) {
			return v, invalidf("number %s is out of range (larger than 1.8e308)", quote(s))
		}
		return v, invalidf("invalid number %s", quote(s))
	}
	v.X = x
	return v, nil
}

// plainDecimal reports whether s has only the characters of decimal
// notation (which excludes "Inf", "NaN", hex floats and underscores).
func plainDecimal(s string) bool {
	digits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = true
		case c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E':
		default:
			return false
		}
	}
	return digits
}

// stripThousands removes thousands separators from s when they separate
// groups of three digits in the integer part ("1,234,567.5").
func stripThousands(s string) (string, bool) {
	sign := ""
	if s != "" && (s[0] == '-' || s[0] == '+') {
		sign, s = s[:1], s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	if strings.Contains(frac, ",") {
		return "", false
	}
	groups := strings.Split(intPart, ",")
	if len(groups[0]) < 1 || len(groups[0]) > 3 {
		return "", false
	}
	for _, g := range groups {
		for i := 0; i < len(g); i++ {
			if g[i] < '0' || g[i] > '9' {
				return "", false
			}
		}
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	return sign + strings.Join(groups, "") + frac, true
}

// trimSpace trims Unicode white space, including the ideographic space
// U+3000 and no-break spaces, which strings.TrimSpace also covers.
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; c > ' ' && c < utf8.RuneSelf {
		if c := s[len(s)-1]; c > ' ' && c < utf8.RuneSelf {
			return s
		}
	}
	return strings.TrimSpace(s)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// toHalfWidth maps the full-width forms of ASCII (U+FF01 to U+FF5E) to
// ASCII, the ideographic space to a space, and the Chinese comma and
// minus-like dashes used in numbers to ASCII.
func toHalfWidth(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteByte(byte(r - 0xFEE0))
		case r == 0x3000:
			b.WriteByte(' ')
		case r == 0x2212: // minus sign
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(b.String())
}
