package rng

import (
	"math"
	"testing"
)

func TestStreamReproducible(t *testing.T) {
	t.Parallel()
	a, b := New(42, 7), New(42, 7)
	for i := 0; i < 1000; i++ {
		if x, y := a.Uint64(), b.Uint64(); x != y {
			t.Fatalf("draw %d: %#x != %#x for the same (seed, i)", i, x, y)
		}
	}
	// Distinct (seed, i) pairs give different streams; (seed, i) and
	// (i, seed) too, since the mixer is not symmetric.
	seen := map[uint64][2]uint64{}
	for seed := uint64(0); seed < 20; seed++ {
		for i := uint64(0); i < 20; i++ {
			first := New(seed, i).Uint64()
			if prev, dup := seen[first]; dup {
				t.Errorf("New(%d, %d) and New(%d, %d) start with the same draw", seed, i, prev[0], prev[1])
			}
			seen[first] = [2]uint64{seed, i}
		}
	}
}

// TestSplitMix64Known checks SplitMix64 against the reference sequence of
// Steele, Lea and Flood's generator seeded with 0 (outputs of successive
// states 0, 0x9e37..., as in Vigna's splitmix64.c): SplitMix64 applies one
// step to its argument, so SplitMix64(0) is the first output.
func TestSplitMix64Known(t *testing.T) {
	t.Parallel()
	if got := SplitMix64(0); got != 0xe220a8397b1dcdaf {
		t.Errorf("SplitMix64(0) = %#x, want 0xe220a8397b1dcdaf", got)
	}
	if got := SplitMix64(0x9e3779b97f4a7c15); got != 0x6e789e6aa1b965f4 {
		t.Errorf("SplitMix64(golden gamma) = %#x, want 0x6e789e6aa1b965f4", got)
	}
}

// moments returns the mean, variance (n-1), skewness and excess kurtosis.
func moments(x []float64) (mean, variance, skew, kurt float64) {
	n := float64(len(x))
	for _, v := range x {
		mean += v
	}
	mean /= n
	var m2, m3, m4 float64
	for _, v := range x {
		d := v - mean
		m2 += d * d
		m3 += d * d * d
		m4 += d * d * d * d
	}
	variance = m2 / (n - 1)
	m2 /= n
	skew = m3 / n / math.Pow(m2, 1.5)
	kurt = m4/n/(m2*m2) - 3
	return
}

// The tolerances below are about 5 standard errors of each sample moment
// for the sample size used (n = 200000): se(mean) = sigma/sqrt(n),
// se(var) ~ sigma**2*sqrt(2/n) for the normal, se(skew) ~ sqrt(6/n),
// se(kurt) ~ sqrt(24/n).
const nDraws = 200000

func TestNormalMoments(t *testing.T) {
	t.Parallel()
	r := New(1, 0)
	x := make([]float64, nDraws)
	for i := range x {
		x[i] = Normal(r)
	}
	mean, v, skew, kurt := moments(x)
	se := 1 / math.Sqrt(nDraws)
	if math.Abs(mean) > 5*se || math.Abs(v-1) > 5*math.Sqrt2*se || math.Abs(skew) > 5*math.Sqrt(6)*se || math.Abs(kurt) > 5*math.Sqrt(24)*se {
		t.Errorf("Normal moments: mean %.4f var %.4f skew %.4f kurt %.4f, want 0 1 0 0", mean, v, skew, kurt)
	}
}

func TestGammaMoments(t *testing.T) {
	t.Parallel()
	for _, shape := range []float64{0.3, 1, 2.5, 30} {
		r := New(2, uint64(shape*10))
		x := make([]float64, nDraws)
		for i := range x {
			x[i] = Gamma(r, shape)
			if !(x[i] >= 0) {
				t.Fatalf("Gamma(%v) drew %v", shape, x[i])
			}
		}
		// Gamma(k, 1): mean k, variance k, skewness 2/sqrt(k).
		mean, v, skew, _ := moments(x)
		seMean := math.Sqrt(shape / nDraws)
		// Var of the sample variance: (mu4 - sigma**4)/n with mu4 = 3k**2 + 6k.
		seVar := math.Sqrt((3*shape*shape + 6*shape - shape*shape) / nDraws)
		if math.Abs(mean-shape) > 5*seMean || math.Abs(v-shape) > 6*seVar || math.Abs(skew-2/math.Sqrt(shape)) > 0.1*2/math.Sqrt(shape)+0.05 {
			t.Errorf("Gamma(%v) moments: mean %.4f var %.4f skew %.4f, want %v %v %.4f", shape, mean, v, skew, shape, shape, 2/math.Sqrt(shape))
		}
	}
}

func TestDirichletMoments(t *testing.T) {
	t.Parallel()
	alpha := []float64{0.5, 1, 2, 8}
	var a0 float64
	for _, a := range alpha {
		a0 += a
	}
	r := New(3, 0)
	sum := make([]float64, len(alpha))
	d := make([]float64, len(alpha))
	const n = 50000
	for i := 0; i < n; i++ {
		Dirichlet(r, alpha, d)
		var s float64
		for j, v := range d {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("Dirichlet component %d = %v", j, v)
			}
			s += v
			sum[j] += v
		}
		if math.Abs(s-1) > 1e-12 {
			t.Fatalf("Dirichlet draw sums to %v", s)
		}
	}
	for j, a := range alpha {
		// E[X_j] = a_j/a0, Var[X_j] = a_j(a0-a_j)/(a0**2 (a0+1)).
		want := a / a0
		se := math.Sqrt(a * (a0 - a) / (a0 * a0 * (a0 + 1)) / n)
		if got := sum[j] / n; math.Abs(got-want) > 5*se {
			t.Errorf("Dirichlet mean[%d] = %.5f, want %.5f (se %.5f)", j, got, want, se)
		}
	}
}

func TestPanics(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		f    func()
	}{
		{"Normal(nil)", func() { Normal(nil) }},
		{"Gamma(nil, 1)", func() { Gamma(nil, 1) }},
		{"Gamma(r, 0)", func() { Gamma(New(0, 0), 0) }},
		{"Gamma(r, NaN)", func() { Gamma(New(0, 0), math.NaN()) }},
		{"Dirichlet length", func() { Dirichlet(New(0, 0), []float64{1, 2}, make([]float64, 3)) }},
	}
	for _, c := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", c.name)
				}
			}()
			c.f()
		}()
	}
}

func BenchmarkNormal(b *testing.B) {
	b.ReportAllocs()
	r := New(1, 0)
	var s float64
	for i := 0; i < b.N; i++ {
		s += Normal(r)
	}
	_ = s
}

func BenchmarkGamma(b *testing.B) {
	b.ReportAllocs()
	r := New(1, 0)
	var s float64
	for i := 0; i < b.N; i++ {
		s += Gamma(r, 2.5)
	}
	_ = s
}
