package main

import (
	"math"
	"math/bits"
	"strconv"
)

// appendFixed appends x in fixed-point notation with prec decimals, the
// bytes of strconv.AppendFloat(dst, x, 'f', prec, 64): the decimal
// nearest to x's exact binary value, ties to even digits, with a minus
// sign for every negative x (-0.00 included). It computes it directly
// for 0 <= prec <= 4 and normal x of magnitude below 2^40, the tables'
// scores and contributions, and leaves every other case to strconv.
//
// x is M·2^E with an integer M below 2^53; for E < 0, x·10^prec is
// M·10^prec / 2^-E exactly, whose integer part and remainder come from
// one 128-bit product and a shift: the remainder against half of 2^-E
// decides the rounding.
func appendFixed(dst []byte, x float64, prec int) []byte {
	b := math.Float64bits(x)
	exp := int(b>>52) & 0x7FF
	mant := b & (1<<52 - 1)
	if prec < 0 || prec > 4 || exp == 0 && mant != 0 || exp == 0x7FF {
		return strconv.AppendFloat(dst, x, 'f', prec, 64)
	}
	s := 1075 - exp // x = M / 2^s
	if exp == 0 {
		s = 128 // ±0: q = 0, rounding down
	} else if s < 13 {
		return strconv.AppendFloat(dst, x, 'f', prec, 64) // |x| >= 2^40
	}
	pow := uint64(1)
	for range prec {
		pow *= 10
	}
	hi, lo := bits.Mul64(mant|1<<52, pow) // below 2^67: hi < 8
	var q uint64
	up := false
	switch {
	case s >= 68:
		// The product is below 2^67 <= 2^(s-1), half of one: q = 0,
		// rounded down.
	case s == 64:
		// q is the high word, the remainder the low one; half is 2^63.
		q = hi
		up = lo > 1<<63 || lo == 1<<63 && q&1 == 1
	case s > 64:
		// half is 2^(s-1), in the high word.
		q = hi >> (s - 64)
		remHi, halfHi := hi&(1<<(s-64)-1), uint64(1)<<(s-65)
		up = remHi > halfHi || remHi == halfHi && (lo > 0 || q&1 == 1)
	default: // 13 <= s < 64
		q = hi<<(64-s) | lo>>s
		rem, half := lo&(1<<s-1), uint64(1)<<(s-1)
		up = rem > half || rem == half && q&1 == 1
	}
	if up {
		q++
	}
	if b>>63 != 0 {
		dst = append(dst, '-')
	}
	dst = strconv.AppendUint(dst, q/pow, 10)
	if prec > 0 {
		dst = append(dst, '.')
		f := q % pow
		for d := pow / 10; d > 0; d /= 10 {
			dst = append(dst, byte('0'+f/d%10))
		}
	}
	return dst
}
