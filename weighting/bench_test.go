package weighting_test

import (
	"math/rand/v2"
	"testing"

	"github.com/ppgpa/ppgpa/internal/benchcpu"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/weighting"
	"gonum.org/v1/gonum/mat"
)

// saatyValues are the 17 values of Saaty's scale, 1/9 ... 9.
var saatyValues = []float64{1.0 / 9, 1.0 / 8, 1.0 / 7, 1.0 / 6, 1.0 / 5, 1.0 / 4, 1.0 / 3, 1.0 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9}

// randomSaaty returns an n×n reciprocal matrix whose upper triangle is
// drawn uniformly from Saaty's scale (like the a06 reference vectors).
func randomSaaty(r *rand.Rand, n int) *mat.Dense {
	a := mat.NewDense(n, n, nil)
	for i := 0; i < n; i++ {
		a.Set(i, i, 1)
		for j := i + 1; j < n; j++ {
			v := saatyValues[r.IntN(len(saatyValues))]
			a.Set(i, j, v)
			a.Set(j, i, 1/v)
		}
	}
	return a
}

// randomData returns an n×m matrix of uniform [0, 100) values.
func randomData(r *rand.Rand, n, m int) *mat.Dense {
	x := mat.NewDense(n, m, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < m; j++ {
			x.Set(i, j, 100*r.Float64())
		}
	}
	return x
}

// BenchmarkPriorities15 is AHP eigenvector + CR of a 15×15 matrix
// (target: at most 20 µs).
func BenchmarkPriorities15(b *testing.B) {
	a := randomSaaty(rng.New(1, 0), 15)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := weighting.Priorities(a, weighting.AHPSettings{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPriorities9x10000 analyses 10,000 random 9×9 matrices per
// operation (target: at most 50 ms).
func BenchmarkPriorities9x10000(b *testing.B) {
	r := rng.New(2, 0)
	ms := make([]*mat.Dense, 10000)
	for k := range ms {
		ms[k] = randomSaaty(r, 9)
	}
	b.ReportAllocs()
	benchcpu.Report(b, func() {
		for _, a := range ms {
			if _, err := weighting.Priorities(a, weighting.AHPSettings{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkEntropy3000x200 is entropy weights of 3,000 units × 200
// indicators (target: at most 10 ms).
func BenchmarkEntropy3000x200(b *testing.B) {
	x := randomData(rng.New(3, 0), 3000, 200)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (weighting.Entropy{}).Weights(weighting.Input{Data: x}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCRITIC3000x200 is CRITIC weights of 3,000 units × 200
// indicators (target: at most 10 ms).
//
// BenchmarkCRITICAnalyze3000x200 adds the full correlation matrix.
func BenchmarkCRITICAnalyze3000x200(b *testing.B) {
	x := randomData(rng.New(4, 0), 3000, 200)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (weighting.CRITIC{}).Analyze(x); err != nil {
			b.Fatal(err)
		}
	}
}
func BenchmarkCRITIC3000x200(b *testing.B) {
	x := randomData(rng.New(4, 0), 3000, 200)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (weighting.CRITIC{}).Weights(weighting.Input{Data: x}); err != nil {
			b.Fatal(err)
		}
	}
}
