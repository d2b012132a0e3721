package special

import (
	"math"

	"github.com/ppgpa/ppgpa/internal/detmath"
)

// RegIncBeta returns the regularized incomplete beta function
//
//	I_x(a, b) = (1/B(a, b)) * integral_0^x t**(a-1) * (1-t)**(b-1) dt
//
// for a, b > 0 and 0 <= x <= 1, by the continued fraction of Numerical
// Recipes (modified Lentz method) [3], evaluated for I_x(a, b) when
// x < (a+1)/(a+b+2) and for 1 - I_{1-x}(b, a) otherwise. Arguments out of
// range or NaN give NaN.
func RegIncBeta(a, b, x float64) float64 {
	if !(x >= 0 && x <= 1) {
		return math.NaN()
	}
	p, _ := incBeta(a, b, x, 1-x)
	return p
}

// incBeta returns I_x(a, b) and 1 - I_x(a, b), the smaller one computed
// directly, for x + y = 1 (both given so that log(1-x) keeps its accuracy
// when x is near 1).
func incBeta(a, b, x, y float64) (p, q float64) {
	switch {
	case !(a > 0 && b > 0) || math.IsNaN(x) || math.IsNaN(y):
		return math.NaN(), math.NaN()
	case x <= 0:
		return 0, 1
	case y <= 0:
		return 1, 0
	}
	if x > (a+1)/(a+b+2) {
		q = incBetaCF(b, a, y, x)
		return 1 - q, q
	}
	p = incBetaCF(a, b, x, y)
	return p, 1 - p
}

// incBetaCF returns I_x(a, b) for x <= (a+1)/(a+b+2), where the continued
// fraction converges quickly:
//
//	I_x(a, b) = x**a * y**b / (a*B(a, b)) * 1/(1+ d1/(1+ d2/(1+ ...)))
//	d_2m+1 = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1))
//	d_2m   = m(b-m) x / ((a+2m-1)(a+2m))
func incBetaCF(a, b, x, y float64) float64 {
	lpre := betaPrefactor(a, b, x, y)
	qab, qap, qam := a+b, a+1, a-1
	c := 1.0
	d := 1 - float64(qab*x)/qap
	if math.Abs(d) < fpmin {
		d = fpmin
	}
	d = 1 / d
	h := d
	for m := 1; m < 100000; m++ {
		fm := float64(m)
		m2 := 2 * fm
		// Even step, then odd step.
		aa := float64(float64(fm*(b-fm))*x) / float64((qam+m2)*(a+m2))
		var del float64
		c, d, del = lentz(aa, 1, c, d)
		h = float64(h * del)
		aa = -float64(float64((a+fm)*(qab+fm))*x) / float64((a+m2)*(qap+m2))
		c, d, del = lentz(aa, 1, c, d)
		h = float64(h * del)
		if math.Abs(del-1) < 1e-16 {
			break
		}
	}
	return float64(detmath.Exp(lpre)*h) / a
}

// betaPrefactor returns log(x**a * y**b / B(a, b)) for x + y = 1. When a
// and b are both at least 15 it combines Stirling's series for log B with
// the powers before rounding (as DiDonato and Morris's BRCOMP does), so that
// the large terms cancel exactly: with p = a/(a+b), q = b/(a+b),
// e = (x-p)/p and h = (y-q)/q (a*e + b*h = 0),
//
//	log pre = a*log1pmx(e) + b*log1pmx(h) + log(a*b/(a+b))/2 - log(2*pi)/2
//	          - (s(a) + s(b) - s(a+b))
//
// with log1pmx(t) = log(1+t) - t and s the Stirling correction series.
func betaPrefactor(a, b, x, y float64) float64 {
	if a < 15 || b < 15 {
		return float64(a*logPair(x, y)) + float64(b*logPair(y, x)) - logBeta(a, b)
	}
	n := a + b
	// x - p = ((a+b)*x - a)/(a+b) and y - q = ((a+b)*y - b)/(a+b).
	e := (float64(n*x) - a) / a
	h := (float64(n*y) - b) / b
	corr := stirlingCorr(a) + stirlingCorr(b) - stirlingCorr(n)
	return float64(a*logRatio(e, x, a/n)) + float64(b*logRatio(h, y, b/n)) +
		float64(0.5*detmath.Log(float64(a*b)/n)) - halfLog2Pi - corr
}

// logRatio returns log(v/m) - t where t = v/m - 1: log1pmx(t) for |t| <= 1/2,
// directly otherwise.
func logRatio(t, v, m float64) float64 {
	if math.Abs(t) <= 0.5 {
		return log1pmx(t)
	}
	return detmath.Log(v/m) - t
}

// logPair returns log(x) for x + y = 1, through Log1p(-y) when x is near 1.
func logPair(x, y float64) float64 {
	if x > 0.5 {
		return detmath.Log1p(-y)
	}
	return detmath.Log(x)
}

// logBeta returns log B(a, b) = log Gamma(a) + log Gamma(b) - log Gamma(a+b).
// When the larger argument is at least 15 the Stirling terms are combined
// before they are rounded, so that the large (x-1/2)*log(x) parts cancel
// exactly instead of leaving an error of order a*log(a)*1e-16: with a >= b,
//
//	log Gamma(a) - log Gamma(a+b) = -b*log(a) - (a+b-1/2)*log1p(b/a) + b
//	                                + s(a) - s(a+b)
//	log B(a, b) = log(2*pi)/2 - log(a)/2 + (b-1/2)*log(b/a)
//	              - (a+b-1/2)*log1p(b/a) + s(a) + s(b) - s(a+b)   (b >= 15)
//
// where s is the Stirling correction series.
func logBeta(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	const big = 15
	if a < big {
		return LogGamma(a) + LogGamma(b) - LogGamma(a+b)
	}
	r := b / a
	l1p := detmath.Log1p(r)
	corr := stirlingCorr(a) - stirlingCorr(a+b)
	if b < big {
		d := -float64(b*detmath.Log(a)) - float64((a+b-0.5)*l1p) + b + corr
		return LogGamma(b) + d
	}
	return halfLog2Pi - float64(0.5*detmath.Log(a)) + float64((b-0.5)*detmath.Log(r)) -
		float64((a+b-0.5)*l1p) + corr + stirlingCorr(b)
}

// BetaQuantile returns the p-quantile of the Beta(a, b) distribution: the x
// in [0, 1] with I_x(a, b) = p. It solves on the smaller tail (I_x(a, b) = p
// for p <= 1/2, 1 - I_x(a, b) = 1 - p otherwise) by Newton steps safeguarded
// by bisection, from a start on the correct side of the mean. Invalid
// arguments give NaN.
func BetaQuantile(p, a, b float64) float64 {
	if !(p >= 0 && p <= 1) {
		return math.NaN()
	}
	x, _ := betaInv(a, b, p, 1-p)
	return x
}

// betaInv returns x and y = 1-x with I_x(a, b) = p and 1 - I_x(a, b) = q,
// where p + q = 1 (both given so that a tiny q keeps its accuracy). When
// the solution is likely to lie above 1/2 it solves I_y(b, a) = q instead,
// so that the smaller of x and y is the one computed directly.
func betaInv(a, b, p, q float64) (x, y float64) {
	switch {
	case !(a > 0 && b > 0) || math.IsNaN(p) || math.IsNaN(q):
		return math.NaN(), math.NaN()
	case p <= 0:
		return 0, 1
	case q <= 0:
		return 1, 0
	}
	// I_{1/2}(a, b) decides on which side of 1/2 the root lies.
	if half, _ := incBeta(a, b, 0.5, 0.5); p > half {
		y, x = betaInvLow(b, a, q, p)
		return x, y
	}
	return betaInvLow(a, b, p, q)
}

// betaInvLow solves I_x(a, b) = p (1 - I_x = q) for x in [0, 1/2].
func betaInvLow(a, b, p, q float64) (x, y float64) {
	lb := logBeta(a, b)
	usePLower := p <= q
	f := func(t float64) (float64, float64) {
		lo, hi := incBeta(a, b, t, 1-t)
		dens := detmath.Exp(float64((a-1)*detmath.Log(t)) + float64((b-1)*detmath.Log1p(-t)) - lb)
		if usePLower {
			return lo - p, dens
		}
		return q - hi, dens
	}
	x0 := betaGuess(a, b, p, q, lb)
	if !(x0 > minNormal && x0 < 0.5) {
		x0 = 0.25
	}
	x = newtonBracketed(f, minNormal, 0.5, x0)
	return x, 1 - x
}

// betaGuess returns a starting value for the x with I_x(a, b) = p
// (1 - I_x = q): for a, b >= 1 the normal approximation of Abramowitz and
// Stegun 26.5.22, otherwise the power-law forms of the two tails, as in
// Numerical Recipes' invbetai [3]; lb is log B(a, b).
func betaGuess(a, b, p, q, lb float64) float64 {
	if a >= 1 && b >= 1 {
		pp := math.Min(p, q)
		t := math.Sqrt(-2 * detmath.Log(pp))
		z := (2.30753+float64(t*0.27061))/(1+float64(t*(0.99229+float64(t*0.04481)))) - t
		if p < 0.5 {
			z = -z
		}
		al := (float64(z*z) - 3) / 6
		h := 2 / (1/(2*a-1) + 1/(2*b-1))
		w := float64(z*math.Sqrt(al+h))/h - float64((1/(2*b-1)-1/(2*a-1))*(al+5.0/6-2/(3*h)))
		return a / (a + float64(b*detmath.Exp(2*w)))
	}
	// I_x ~ x**a/(a B) near 0 and 1 - I_x ~ (1-x)**b/(b B) near 1; t and u
	// are the two tail masses at the mean.
	lna, lnb := detmath.Log(a/(a+b)), detmath.Log(b/(a+b))
	t := detmath.Exp(float64(a*lna)-lb) / a
	u := detmath.Exp(float64(b*lnb)-lb) / b
	w := t + u
	if p < t/w {
		return detmath.Pow(float64(float64(a*w)*p), 1/a)
	}
	return 1 - detmath.Pow(float64(float64(b*w)*q), 1/b)
}
