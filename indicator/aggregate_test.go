package indicator

import (
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// TestAggregateFastPath checks that the child-by-child path of aggregate,
// with and without cached leaf terms, gives the bits of aggregating each
// unit on its own (aggregateUnit, the definition), and the same first
// domain error, on data with missing values, zero weights and values
// outside the domain.
func TestAggregateFastPath(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(1, 8).Draw(t, "units")
		k := rapid.IntRange(1, 5).Draw(t, "children")
		a := Aggregation{Method: rapid.SampledFrom([]AggregationMethod{Arithmetic, Geometric, Harmonic, Power}).Draw(t, "method"),
			Offset: rapid.SampledFrom([]float64{0, 1, 0.5}).Draw(t, "offset")}
		if a.Method == Power {
			a.P = rapid.SampledFrom([]float64{-1, 0, 0.5, 2}).Draw(t, "p")
		}
		scores := make([][]float64, k)
		ch := make([]int, k)
		w := make([]float64, k)
		var sw float64
		for j := range k {
			ch[j] = j
			w[j] = rapid.SampledFrom([]float64{0, 0.1, 0.3, 1, 2.5}).Draw(t, "w")
			sw += w[j]
			scores[j] = make([]float64, n)
			for u := range n {
				switch rapid.IntRange(0, 9).Draw(t, "kind") {
				case 0:
					scores[j][u] = math.NaN()
				case 1:
					scores[j][u] = rapid.SampledFrom([]float64{0, -1, -0.5}).Draw(t, "edge")
				default:
					scores[j][u] = rapid.Float64Range(0, 100).Draw(t, "y")
				}
			}
		}
		if sw > 0 {
			for j := range w {
				w[j] /= sw
			}
		}
		minShare := rapid.SampledFrom([]float64{0, 0.5, 1}).Draw(t, "minShare")
		tmp := make([]float64, k)
		want := make([]float64, n)
		var wantErr *aggError
		for u := range n {
			v, err := aggregateUnit(a, scores, ch, w, nil, minShare, u, tmp)
			if err != nil {
				wantErr = err
				break
			}
			want[u] = v
		}
		// The cache of a group whose children are all leaves, built as
		// Prepared.leafTerms builds it.
		var tc [][]float64
		m, p := a.Method, a.P
		if m == Power && p == 0 {
			m = Geometric
		}
		if m == Geometric || m == Power {
			tc = make([][]float64, k)
			for j := range tc {
				tc[j] = make([]float64, n)
				for u, y := range scores[j] {
					if m == Geometric {
						tc[j][u] = logTerm(y, a.Offset)
					} else {
						tc[j][u] = powTerm(y, a.Offset, p)
					}
				}
			}
		}
		for _, c := range [][][]float64{nil, tc} {
			got := make([]float64, n)
			finite, err := aggregate(a, scores, ch, w, nil, minShare, got, tmp, c, false)
			if (err == nil) != (wantErr == nil) || err != nil && *err != *wantErr {
				t.Fatalf("cache %v: error %v, want %v", c != nil, err, wantErr)
			}
			if err != nil {
				continue
			}
			if finite && !allFinite(got) {
				t.Fatalf("cache %v: reported finite, got %v", c != nil, got)
			}
			for u := range got {
				if math.Float64bits(got[u]) != math.Float64bits(want[u]) && !(math.IsNaN(got[u]) && math.IsNaN(want[u])) {
					t.Fatalf("cache %v, unit %d: %v, want %v (bits differ)", c != nil, u, got[u], want[u])
				}
			}
		}
	})
}

// TestSumBoundProvesFinite checks the claim of sumBound on the kernel
// itself: whenever the bound B of a group's weighted sums is at most
// maxProvedSum, the arithmetic mean (aggregate with its finiteness pass)
// gives finite sums only, each at most B in magnitude (the monotonicity
// argument of sumBound, which allows no rounding at all), within
// sumResultBound (with and without bonus points added). Weights and
// values are drawn near the largest float64, so that sums overflow
// often, and among subnormals and tiny normals, so that products and
// sums underflow (where rounding is not within a relative 2^-53),
// negative and zero included; the test fails if the bound forgets a
// sign, a term or the rounding, or adds its terms in another order.
func TestSumBoundProvesFinite(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		big := func(label string) float64 {
			switch rapid.IntRange(0, 5).Draw(t, label+"kind") {
			case 0:
				return rapid.SampledFrom([]float64{0, 1, 0.5, 5e-324, math.MaxFloat64, math.MaxFloat64 / 4, math.MaxFloat64 / 8, 1e308, 4e307}).Draw(t, label)
			case 1:
				return rapid.Float64Range(0, 10).Draw(t, label)
			case 2:
				return rapid.Float64Range(1e306, math.MaxFloat64).Draw(t, label)
			case 3:
				// Subnormal and tiny normal numbers, and weights whose
				// products with them underflow.
				return rapid.SampledFrom([]float64{5e-324, 1.5e-323, 1e-310, 0x1p-1022, 0x1.8p-1022, 1e-300, 1e-160, 3e-170, 0.3, 0.7}).Draw(t, label)
			case 4:
				return rapid.Float64Range(0, 0x1p-1000).Draw(t, label)
			}
			return rapid.Float64Range(0, math.MaxFloat64).Draw(t, label)
		}
		n := rapid.IntRange(1, 4).Draw(t, "units")
		k := rapid.IntRange(1, 9).Draw(t, "children")
		ch := make([]int, k)
		w := make([]float64, k)
		bounds := make([]float64, k)
		scores := make([][]float64, k)
		for j := range k {
			ch[j] = j
			w[j] = big("w")
			if rapid.Bool().Draw(t, "negative weight") {
				w[j] = -w[j]
			}
			bounds[j] = big("bound")
			scores[j] = make([]float64, n)
			for u := range scores[j] {
				y := bounds[j]
				if rapid.Bool().Draw(t, "inside") {
					y *= rapid.Float64Range(0, 1).Draw(t, "fraction")
				}
				if rapid.Bool().Draw(t, "negative") {
					y = -y
				}
				scores[j][u] = y
			}
		}
		b := sumBound(w, ch, bounds)
		if !(b <= maxProvedSum) {
			return
		}
		got := make([]float64, n)
		if _, err := aggregate(Aggregation{Method: Arithmetic}, scores, ch, w, nil, 0, got, make([]float64, k), nil, false); err != nil {
			t.Fatalf("aggregate: %v", *err)
		}
		adjMax := big("points")
		rb, rbAdj := sumResultBound(b, k, 0), sumResultBound(b, k, adjMax)
		for u, s := range got {
			if !(math.Abs(s) <= b) {
				t.Fatalf("unit %d: sum %v, above B = %v (weights %v, bounds %v, values %v)", u, s, b, w, bounds, column(scores, u))
			}
			if !(math.Abs(s) <= rb) {
				t.Fatalf("unit %d: sum %v, bound %v (weights %v, bounds %v)", u, s, rb, w, bounds)
			}
			if a := s + adjMax; rbAdj <= math.MaxFloat64 && !(math.Abs(a) <= rbAdj) {
				t.Fatalf("unit %d: sum with points %v, bound %v", u, a, rbAdj)
			}
		}
	})
}

// column returns unit u's values of every child.
func column(scores [][]float64, u int) []float64 {
	out := make([]float64, len(scores))
	for j, y := range scores {
		out[j] = y[u]
	}
	return out
}

// TestSumColumnsSameBits checks that the kernels of weightedSum
// (sumColumns and sumColumns8, in assembly on amd64) give the bits of
// their Go definitions (sumColumnsGo, sumColumns8Go) for every number of
// columns, started or not, on odd and even numbers of units and on values
// that round, overflow, underflow or are signed zeros, infinities and
// NaNs. A NaN sum must be NaN, whatever its payload: the payload depends
// on which operand the Go compiler puts first (it differs between
// versions and architectures), and no NaN sum reaches a score (aggregate
// and aggregateMean recompute such units one by one).
func TestSumColumnsSameBits(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		value := func(label string) float64 {
			switch rapid.IntRange(0, 4).Draw(t, label+"kind") {
			case 0:
				return rapid.SampledFrom([]float64{0, math.Copysign(0, -1), math.Inf(1), math.Inf(-1), math.NaN(),
					math.Float64frombits(0x7ff8000000000123), math.Float64frombits(0xfff0000000000456), 5e-324, -1e-310,
					math.MaxFloat64, -math.MaxFloat64, 1}).Draw(t, label)
			case 1:
				return rapid.Float64Range(-1e-300, 1e-300).Draw(t, label)
			case 2:
				return rapid.Float64Range(-math.MaxFloat64, math.MaxFloat64).Draw(t, label)
			}
			return rapid.Float64Range(-100, 100).Draw(t, label)
		}
		n := rapid.SampledFrom([]int{0, 1, 2, 3, 4, 5, 7, 8, 9, 300, 301}).Draw(t, "units")
		k := rapid.SampledFrom([]int{1, 2, 3, 4, 8}).Draw(t, "columns")
		started := rapid.Bool().Draw(t, "started")
		var w [8]float64
		var y [8][]float64
		for j := range k {
			w[j] = value("w")
			y[j] = make([]float64, n+rapid.IntRange(0, 2).Draw(t, "extra"))
			for u := range y[j] {
				y[j][u] = value("y")
			}
		}
		init := make([]float64, n)
		for u := range init {
			init[u] = value("dst")
		}
		got, want := slices.Clone(init), slices.Clone(init)
		if k == 8 {
			sumColumns8(got, started, &w, &y)
			sumColumns8Go(want, started, &w, &y)
		} else {
			sumColumns(got, started, k, (*[4]float64)(w[:4]), (*[4][]float64)(y[:4]))
			sumColumnsGo(want, started, k, (*[4]float64)(w[:4]), (*[4][]float64)(y[:4]))
		}
		for u := range got {
			if math.Float64bits(got[u]) != math.Float64bits(want[u]) && !(math.IsNaN(got[u]) && math.IsNaN(want[u])) {
				t.Fatalf("%d columns, started %v, unit %d of %d: %v (%#x), want %v (%#x)", k, started, u, n, got[u], math.Float64bits(got[u]), want[u], math.Float64bits(want[u]))
			}
		}
	})
}
