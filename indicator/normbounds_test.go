package indicator

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestPropertyNormalizeBounds checks the one-pass scan of prepareLeaves:
// minMaxNaN gives minMax's extremes and anyNaN's answer, normalize with
// those bounds gives the same bits as normalize finding them itself, and
// a record marked complete has no NaN score. Values include NaN, the
// infinities, -0 and magnitudes near the largest float, whose differences
// overflow.
func TestPropertyNormalizeBounds(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.SliceOfN(rapid.OneOf(rapid.Float64Range(-100, 100),
			rapid.SampledFrom([]float64{math.NaN(), math.Inf(1), math.Inf(-1), 0, math.Copysign(0, -1), math.MaxFloat64, -math.MaxFloat64, 1e308})), 0, 12).Draw(t, "x")
		lo, hi, nan := minMaxNaN(x)
		lo2, hi2, _ := minMax(x)
		if math.Float64bits(lo) != math.Float64bits(lo2) || math.Float64bits(hi) != math.Float64bits(hi2) || nan != anyNaN(x) {
			t.Fatalf("minMaxNaN = %v %v %v; minMax = %v %v, anyNaN = %v", lo, hi, nan, lo2, hi2, anyNaN(x))
		}
		if nan {
			return
		}
		nz := Normalization{Method: rapid.SampledFrom([]NormalizationMethod{NormMinMax, NormEfficacy}).Draw(t, "method")}
		if rapid.Bool().Draw(t, "goalposts") {
			w := rapid.SampledFrom([]float64{-50, 0, 1e308, -math.MaxFloat64}).Draw(t, "worst")
			b := rapid.SampledFrom([]float64{50, 200, math.MaxFloat64}).Draw(t, "best")
			nz.Worst, nz.Best = &w, &b
		}
		lower := rapid.Bool().Draw(t, "lower")
		want, got := make([]float64, len(x)), make([]float64, len(x))
		rw, ew := normalize(&nz, lower, x, -1, want, nil, nil)
		rg, eg := normalize(&nz, lower, x, -1, got, nil, &colBounds{lo, hi})
		if (ew == nil) != (eg == nil) {
			t.Fatalf("errors differ: %v, %v", ew, eg)
		}
		if ew != nil {
			return
		}
		for u := range want {
			if math.Float64bits(want[u]) != math.Float64bits(got[u]) {
				t.Fatalf("unit %d: %v with bounds, %v without", u, got[u], want[u])
			}
		}
		if rw.complete {
			t.Fatalf("complete without bounds")
		}
		if rg.complete && anyNaN(got) {
			t.Fatalf("complete but NaN among %v", got)
		}
		if rg.finite && !allFinite(got) {
			t.Fatalf("finite but NaN or infinity among %v", got)
		}
	})
}

// TestPropertyMinMaxInto checks minMaxInto, which tests only the scores
// of the extremes for an overflow, against the formula applied and tested
// value by value (the monotonicity argument of its doc comment).
func TestPropertyMinMaxInto(t *testing.T) {
	t.Parallel()
	rapid.Check(t, func(t *rapid.T) {
		x := rapid.SliceOfN(rapid.OneOf(rapid.Float64Range(-100, 100), rapid.Float64(),
			rapid.SampledFrom([]float64{math.NaN(), 0, math.Copysign(0, -1), math.MaxFloat64, -math.MaxFloat64, 1e308, -1e308})), 1, 12).Draw(t, "x")
		lo, hi, _ := minMax(x)
		worst := rapid.SampledFrom([]float64{lo, hi, 0, -50, 1e308, -math.MaxFloat64, math.MaxFloat64}).Draw(t, "worst")
		d := rapid.SampledFrom([]float64{hi - lo, 1, 100, 1e-300, 1e308, math.MaxFloat64, math.Inf(1)}).Draw(t, "d")
		if !(d > 0) {
			d = 1
		}
		s := rapid.SampledFrom([]float64{1, -1}).Draw(t, "s")
		want := make([]float64, len(x))
		wantOK := isFinite(d)
		for u, v := range x {
			if s > 0 {
				want[u] = 100 * (v - worst) / d
			} else {
				want[u] = 100 * (worst - v) / d
			}
			wantOK = wantOK && !math.IsInf(want[u], 0)
		}
		got := make([]float64, len(x))
		ok := minMaxInto(got, x, worst, d, s, lo, hi)
		if ok != wantOK {
			t.Fatalf("ok = %v, want %v", ok, wantOK)
		}
		if !ok {
			return // the caller recomputes every score (halvedMinMax)
		}
		for u := range want {
			if math.Float64bits(want[u]) != math.Float64bits(got[u]) {
				t.Fatalf("unit %d: %v, want %v", u, got[u], want[u])
			}
		}
	})
}
