package golden

import (
	"fmt"
	"math"
	"testing"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"github.com/ppgpa/ppgpa/internal/rng"
	"github.com/ppgpa/ppgpa/internal/special"
)

// span returns n points evenly spread over [lo, hi], computed with rounded
// products so that the grid itself is the same on every architecture.
func span(lo, hi float64, n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = lo + float64((hi-lo)*float64(i))/float64(n-1)
	}
	return x
}

func TestDetmath(t *testing.T) {
	t.Parallel()
	var r record
	for _, x := range append(span(-745.5, 709.9, 401), -1e-300, 1e-18, 0.1, 0.5, 1, 2, 88.7, 709.78) {
		r.f(fmt.Sprintf("Exp(%v)", x), detmath.Exp(x))
	}
	for e := -1074; e <= 1023; e += 7 {
		x := math.Ldexp(1.3183098861837907, e)
		r.f(fmt.Sprintf("Log(%v)", x), detmath.Log(x))
	}
	for _, x := range span(0.5, 2, 151) {
		r.f(fmt.Sprintf("Log(%v)", x), detmath.Log(x))
	}
	for _, x := range append(span(-0.999, 3, 201), 1e-10, -1e-10, 1e-300) {
		r.f(fmt.Sprintf("Log1p(%v)", x), detmath.Log1p(x))
	}
	for _, x := range append(span(0.01, 50, 23), -2, -0.5, 1e-300, 1e300) {
		for _, y := range append(span(-20, 20, 17), 0.5, 1.0/3, 2, 3, -1, 1e10) {
			r.f(fmt.Sprintf("Pow(%v, %v)", x, y), detmath.Pow(x, y))
		}
	}
	src := rng.New(20260601, 0)
	a := make([]float64, 1001)
	b := make([]float64, 1001)
	for i := range a {
		a[i] = src.Float64() - 0.3
		b[i] = float64(100*src.Float64()) - 50
	}
	for n := 1; n <= len(a); n += 100 {
		r.f(fmt.Sprintf("Sum(a[:%d])", n), detmath.Sum(a[:n]))
		r.f(fmt.Sprintf("Dot(a[:%d], b[:%d])", n, n), detmath.Dot(a[:n], b[:n]))
	}
	r.check(t, "detmath")
}

func TestSpecial(t *testing.T) {
	t.Parallel()
	var r record
	for _, x := range append(span(-38, 9, 189), 0, 1.959963984540054) {
		r.f(fmt.Sprintf("NormalCDF(%v)", x), special.NormalCDF(x))
	}
	probs := []float64{1e-300, 1e-12, 1e-6, 0.001, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5,
		0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-9}
	for _, p := range probs {
		r.f(fmt.Sprintf("NormalQuantile(%v)", p), special.NormalQuantile(p))
	}
	for _, df := range []float64{0.7, 1, 2.5, 7, 30, 250, 1e4, 1e6} {
		for _, x := range span(-12, 12, 25) {
			r.f(fmt.Sprintf("TCDF(%v, %v)", x, df), special.TCDF(x, df))
		}
		for _, p := range probs[1:] {
			r.f(fmt.Sprintf("TQuantile(%v, %v)", p, df), special.TQuantile(p, df))
		}
	}
	for _, k := range []float64{0.5, 1, 2, 3.7, 10, 99, 1000} {
		for _, x := range span(0.01, 2*k+40, 21) {
			r.f(fmt.Sprintf("ChiSquareCDF(%v, %v)", x, k), special.ChiSquareCDF(x, k))
		}
		for _, p := range probs[1:] {
			r.f(fmt.Sprintf("ChiSquareQuantile(%v, %v)", p, k), special.ChiSquareQuantile(p, k))
		}
	}
	shapes := []float64{0.3, 1, 2.5, 17, 480}
	for _, a := range shapes {
		for _, b := range shapes {
			for _, x := range span(0, 1, 11) {
				r.f(fmt.Sprintf("RegIncBeta(%v, %v, %v)", a, b, x), special.RegIncBeta(a, b, x))
			}
			for _, p := range []float64{1e-9, 0.025, 0.5, 0.975, 1 - 1e-9} {
				r.f(fmt.Sprintf("BetaQuantile(%v, %v, %v)", p, a, b), special.BetaQuantile(p, a, b))
			}
		}
	}
	for _, x := range append(span(-20.5, 30.5, 103), 1e-10, 1, 2, 1e5, 1e300) {
		r.f(fmt.Sprintf("LogGamma(%v)", x), special.LogGamma(x))
	}
	r.check(t, "special")
}

func TestRNG(t *testing.T) {
	t.Parallel()
	var r record
	for _, seed := range []uint64{0, 1, 20260601} {
		for i := uint64(0); i < 3; i++ {
			src := rng.New(seed, i)
			name := fmt.Sprintf("New(%d, %d)", seed, i)
			for j := 0; j < 3; j++ {
				r.s(fmt.Sprintf("%s.Uint64#%d", name, j), fmt.Sprintf("%#016x", src.Uint64()))
			}
			for j := 0; j < 3; j++ {
				r.f(fmt.Sprintf("%s.Float64#%d", name, j), src.Float64())
			}
			for j := 0; j < 10; j++ {
				r.f(fmt.Sprintf("%s.Normal#%d", name, j), rng.Normal(src))
			}
			for _, shape := range []float64{0.2, 1, 2.5, 40} {
				for j := 0; j < 4; j++ {
					r.f(fmt.Sprintf("%s.Gamma(%v)#%d", name, shape, j), rng.Gamma(src, shape))
				}
			}
			d := make([]float64, 4)
			rng.Dirichlet(src, []float64{0.5, 1, 2, 8}, d)
			r.fs(name+".Dirichlet", d)
		}
	}
	r.check(t, "rng")
}
