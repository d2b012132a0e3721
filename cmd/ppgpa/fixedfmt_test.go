package main

import (
	"math"
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

// TestAppendFixed checks appendFixed against strconv.AppendFloat(x, 'f',
// prec), which it stands in for, byte for byte: on any float64 (its
// bits drawn at random), on decimals of two places (the tables' scores),
// on exact ties of every precision (k/2^j, where rounding goes to the
// even digit), and on the edges of its own range (2^40, subnormals,
// zeros, infinities, NaN).
func TestAppendFixed(t *testing.T) {
	check := func(t interface{ Fatalf(string, ...any) }, x float64, prec int) {
		got := string(appendFixed(nil, x, prec))
		if want := strconv.FormatFloat(x, 'f', prec, 64); got != want {
			t.Fatalf("appendFixed(%v (%#x), %d) = %q, strconv gives %q", x, math.Float64bits(x), prec, got, want)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		prec := rapid.IntRange(0, 5).Draw(t, "prec")
		check(t, math.Float64frombits(rapid.Uint64().Draw(t, "bits")), prec)
		check(t, float64(rapid.IntRange(-1e7, 1e7).Draw(t, "hundredths"))/100, prec)
		k, j := rapid.Int64Range(-1<<40, 1<<40).Draw(t, "k"), rapid.IntRange(0, 70).Draw(t, "j")
		check(t, math.Ldexp(float64(k), -j), prec)
		check(t, rapid.Float64Range(-1e6, 1e6).Draw(t, "x"), prec)
	})
	for _, x := range []float64{0, math.Copysign(0, -1), 0.125, 0.375, 2.5, -2.5, 0.005, 1.005, 99.995, 1 << 40, 1<<40 - 0.5, -(1 << 40), math.Ldexp(1, -13), math.Ldexp(1, -64), math.Ldexp(1, -65), math.Ldexp(3, -66), math.Ldexp(1, -67), math.Ldexp(1, -68), 5e-324, -5e-324, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN()} {
		for prec := 0; prec <= 5; prec++ {
			check(t, x, prec)
		}
	}
}

func BenchmarkAppendFixed(b *testing.B) {
	xs := make([]float64, 1024)
	for i := range xs {
		xs[i] = float64(i*7919%100000) / 997
	}
	buf := make([]byte, 0, 32)
	b.Run("appendFixed", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			buf = appendFixed(buf[:0], xs[i&1023], 2)
		}
	})
	b.Run("strconv", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			buf = strconv.AppendFloat(buf[:0], xs[i&1023], 'f', 2, 64)
		}
	})
}
