package indicator

import (
	"math"
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
			finite, err := aggregate(a, scores, ch, w, nil, minShare, got, tmp, c)
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
				if math.Float64bits(got[u]) != math.Float64bits(want[u]) {
					t.Fatalf("cache %v, unit %d: %v, want %v (bits differ)", c != nil, u, got[u], want[u])
				}
			}
		}
	})
}
