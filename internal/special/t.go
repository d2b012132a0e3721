package special

import (
	"math"
)

// TCDF returns P(T <= t) for Student's t with df > 0 degrees of freedom,
// through the incomplete beta function:
//
//	P(T <= t) = I_x(df/2, 1/2) / 2      for t <= 0, x = df/(df + t**2)
//	P(T <= t) = 1 - I_x(df/2, 1/2) / 2  for t > 0
//
// with 1 - x = t**2/(df + t**2) passed alongside x for accuracy. TCDF(±Inf,
// df) = 0 or 1; df = +Inf gives the normal distribution; NaN arguments or
// df <= 0 give NaN.
func TCDF(t, df float64) float64 {
	switch {
	case math.IsNaN(t) || !(df > 0):
		return math.NaN()
	case math.IsInf(t, -1):
		return 0
	case math.IsInf(t, 1):
		return 1
	case math.IsInf(df, 1):
		return NormalCDF(t)
	}
	t2 := float64(t * t)
	den := df + t2
	x, y := df/den, t2/den
	tail, _ := incBeta(0.5*df, 0.5, x, y)
	tail = float64(0.5 * tail)
	if t > 0 {
		return 1 - tail
	}
	return tail
}

// TQuantile returns the p-quantile of Student's t with df > 0 degrees of
// freedom, by inverting the incomplete beta function:
//
//	t = -sqrt(df * y / x)  with I_x(df/2, 1/2) = 2*min(p, 1-p), y = 1-x
//
// and the sign of p - 1/2. TQuantile(0, df) = -Inf, TQuantile(1, df) = +Inf,
// TQuantile(1/2, df) = 0; df = +Inf gives the normal quantile; p outside
// [0, 1], NaN or df <= 0 give NaN.
func TQuantile(p, df float64) float64 {
	switch {
	case !(p >= 0 && p <= 1) || !(df > 0):
		return math.NaN()
	case p == 0:
		return math.Inf(-1)
	case p == 1:
		return math.Inf(1)
	case p == 0.5:
		return 0
	case math.IsInf(df, 1):
		return NormalQuantile(p)
	}
	tail := p
	if p > 0.5 {
		tail = 1 - p
	}
	x, y := betaInv(0.5*df, 0.5, 2*tail, 1-2*tail)
	t := math.Sqrt(float64(df*y) / x)
	if p < 0.5 {
		return -t
	}
	return t
}
