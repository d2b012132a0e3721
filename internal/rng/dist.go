package rng

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/ppgpa/ppgpa/internal/detmath"
)

// Normal returns a standard normal deviate drawn from r by Marsaglia's polar
// method, using only detmath.Log and math.Sqrt (correctly rounded), so that
// the same stream gives the same deviate on every architecture.
// rand.NormFloat64 is not used because its tails call math.Exp and math.Log,
// whose results differ between architectures. Normal panics if r is nil.
func Normal(r *rand.Rand) float64 {
	if r == nil {
		panic("rng: nil *rand.Rand")
	}
	for {
		// float64(r.Float64()) rounds the generator's own product (an exact
		// scaling by 2**-53), so that the compiled code has no FMA at all.
		u := float64(2*float64(r.Float64())) - 1
		v := float64(2*float64(r.Float64())) - 1
		s := float64(u*u) + float64(v*v)
		if s > 0 && s < 1 {
			return float64(u * math.Sqrt(float64(-2*detmath.Log(s))/s))
		}
	}
}

// Gamma returns a Gamma(shape, 1) deviate by the method of Marsaglia and Tsang
// (2000), "A simple method for generating gamma variables", ACM TOMS 26(3),
// with the boost U^(1/shape) for shape < 1. Gamma panics if r is nil or
// shape <= 0.
func Gamma(r *rand.Rand, shape float64) float64 {
	if r == nil {
		panic("rng: nil *rand.Rand")
	}
	if !(shape > 0) {
		panic(fmt.Sprintf("rng: gamma shape %v, want > 0", shape))
	}
	if shape < 1 {
		u := r.Float64()
		for u == 0 {
			u = r.Float64()
		}
		return float64(Gamma(r, shape+1) * detmath.Pow(u, 1/shape))
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(float64(9*d))
	for {
		var x, v float64
		for {
			x = Normal(r)
			v = float64(c*x) + 1
			if v > 0 {
				break
			}
		}
		v = float64(float64(v*v) * v)
		u := r.Float64()
		x2 := float64(x * x)
		if u < 1-float64(0.0331*float64(x2*x2)) {
			return float64(d * v)
		}
		if u > 0 && detmath.Log(u) < float64(0.5*x2)+float64(d*(1-v+detmath.Log(v))) {
			return float64(d * v)
		}
	}
}

// Dirichlet fills dst with a draw from the Dirichlet distribution with
// parameters alpha (all positive), by normalising independent gamma deviates
// (summed in index order). With very small alphas every deviate can
// underflow to 0, and the components are then NaN.
// Dirichlet panics if len(dst) != len(alpha) or r is nil.
func Dirichlet(r *rand.Rand, alpha, dst []float64) {
	if len(dst) != len(alpha) {
		panic(fmt.Sprintf("rng: len(dst)=%d != len(alpha)=%d", len(dst), len(alpha)))
	}
	var s float64
	for i, a := range alpha {
		dst[i] = Gamma(r, a)
		s += dst[i]
	}
	for i := range dst {
		dst[i] /= s
	}
}
