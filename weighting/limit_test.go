package weighting_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/ppgpa/ppgpa/internal/benchcpu"
	"github.com/ppgpa/ppgpa/internal/detmath"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/weighting"
)

// limitAHP is the hand-written analysis that BenchmarkPriorities9x10000Limit
// runs, as tightly as we can write it: the same power iteration on A² with
// the same stopping rule, λmax, the row geometric means and CI, on arrays
// on the stack (n <= 16), without the checks of the judgments (scale,
// reciprocity, overflow). It returns the eigenvector weights and CI.
func limitAHP(a *mat.Dense, w *[16]float64) float64 {
	raw := a.RawMatrix()
	n := raw.Rows
	var d, b [256]float64
	for i := 0; i < n; i++ {
		copy(d[i*n:i*n+n], raw.Data[i*raw.Stride:i*raw.Stride+n])
	}
	for i := 0; i < n; i++ {
		for k := 0; k < n; k++ {
			aik := d[i*n+k]
			for j := 0; j < n; j++ {
				b[i*n+j] = float64(aik*d[k*n+j]) + b[i*n+j]
			}
		}
	}
	var x, y [16]float64
	s := 0.0
	for i := 0; i < n; i++ {
		r := 0.0
		for j := 0; j < n; j++ {
			r += d[i*n+j]
		}
		x[i] = r
		s += r
	}
	inv := 1 / s
	for i := 0; i < n; i++ {
		x[i] *= inv
	}
	prev := math.Inf(1)
	lambda := 0.0
	for it := 1; it <= 100000; it++ {
		s = 0
		for i := 0; i < n; i++ {
			r := 0.0
			for j := 0; j < n; j++ {
				r = float64(b[i*n+j]*x[j]) + r
			}
			y[i] = r
			s += r
		}
		inv := 1 / s
		diff := 0.0
		for i := 0; i < n; i++ {
			v := float64(y[i] * inv)
			diff = max(diff, math.Abs(v-x[i]))
			x[i] = v
		}
		if diff <= 1e-15 || (diff <= 1e-13 && diff >= prev) {
			for i := 0; i < n; i++ {
				r := 0.0
				for j := 0; j < n; j++ {
					r = float64(d[i*n+j]*x[j]) + r
				}
				w[i] = r
				lambda += r
			}
			inv := 1 / lambda
			for i := 0; i < n; i++ {
				w[i] *= inv
			}
			break
		}
		prev = diff
	}
	var g [16]float64
	gs := 0.0
	for i := 0; i < n; i++ {
		p := 1.0
		for j := 0; j < n; j++ {
			p *= d[i*n+j]
		}
		g[i] = detmath.Exp(detmath.Log(p) / float64(n))
		gs += g[i]
	}
	_ = gs
	return (lambda - float64(n)) / float64(n-1)
}

// TestLimitAHPSameWeights checks that the limit computes what Priorities
// does, bit for bit, on random 9×9 Saaty matrices.
func TestLimitAHPSameWeights(t *testing.T) {
	t.Parallel()
	r := rng.New(2, 0)
	for range 200 {
		a := randomSaaty(r, 9)
		res, err := weighting.Priorities(a, weighting.AHPSettings{})
		if err != nil {
			t.Fatal(err)
		}
		var w [16]float64
		ci := limitAHP(a, &w)
		if ci != res.CI && !(ci < 0 && res.CI == 0) {
			t.Fatalf("CI: limit %v, Priorities %v", ci, res.CI)
		}
		for i, v := range res.Weights {
			if v != w[i] {
				t.Fatalf("weight %d: limit %v, Priorities %v", i, w[i], v)
			}
		}
	}
}

// BenchmarkPriorities9x10000Limit runs the limit on the matrices of
// BenchmarkPriorities9x10000.
func BenchmarkPriorities9x10000Limit(b *testing.B) {
	r := rng.New(2, 0)
	ms := make([]*mat.Dense, 10000)
	for k := range ms {
		ms[k] = randomSaaty(r, 9)
	}
	var w [16]float64
	b.ReportAllocs()
	benchcpu.Report(b, func() {
		for _, a := range ms {
			limitAHP(a, &w)
		}
	})
}
