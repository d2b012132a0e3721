package special

import (
	"math"

	"github.com/ppgpa/ppgpa/internal/detmath"
)

// LogGamma returns log|Gamma(x)|.
//
// For x >= 15 it sums Stirling's series
//
//	(x - 1/2)*log(x) - x + log(2*pi)/2 + sum_k B_2k / (2k*(2k-1)*x**(2k-1))
//
// to k = 8 (truncation error below 1e-19); on [0.5, 2.5) it sums the Taylor
// series about 2 (see lgammaNear2), which keeps the relative error small at
// the zeros x = 1 and 2; other x below 15 are shifted up by the recurrence
// Gamma(x+1) = x*Gamma(x), and negative x use the reflection
// Gamma(x)*Gamma(1-x) = pi/sin(pi*x). The relative error is about 1e-15
// (absolute about 3e-15 where |log Gamma| < 1 outside [0.5, 2.5)).
// LogGamma(0) = LogGamma(negative integer) = +Inf, LogGamma(±Inf) = +Inf,
// LogGamma(NaN) = NaN.
func LogGamma(x float64) float64 {
	const shift = 15
	switch {
	case math.IsNaN(x):
		return x
	case math.IsInf(x, 0):
		return math.Inf(1)
	case x <= 0:
		if x == math.Floor(x) {
			return math.Inf(1)
		}
		// log|Gamma(x)| = log(pi/|sin(pi*x)|) - log|Gamma(1-x)|.
		return detmath.Log(math.Pi/math.Abs(sinPi(x))) - LogGamma(1-x)
	case x < 1e-300:
		return -detmath.Log(x)
	}
	switch {
	case x >= 0.5 && x < 1.5:
		// log Gamma(x) = log Gamma(2 + (x-1)) - log(x); x-1 is exact.
		return lgammaNear2(x-1) - detmath.Log(x)
	case x >= 1.5 && x < 2.5:
		return lgammaNear2(x - 2)
	case x >= shift:
		return stirling(x)
	}
	// Gamma(x) = Gamma(x+n) / (x*(x+1)*...*(x+n-1)).
	prod := x
	y := x + 1
	for y < shift {
		prod = float64(prod * y)
		y++
	}
	return stirling(y) - detmath.Log(prod)
}

// lgammaNear2 returns log Gamma(2+z) for |z| <= 1/2 by its Taylor series
//
//	log Gamma(2+z) = (1-gamma)*z + sum_{k>=2} (-1)**k * (zeta(k)-1)/k * z**k
//
// (Abramowitz and Stegun 6.1.33 shifted by one), to k = 31, where the
// terms are below 1e-20. The relative error stays near 1e-16 also at the
// zeros of log Gamma at 1 and 2, where shifting up to Stirling's series
// would leave an absolute error of about 1e-15.
func lgammaNear2(z float64) float64 {
	p := polyLo(z,
		4.227843350984671393934879e-1, 3.224670334241132182362e-1, -6.735230105319809513325e-2,
		2.0580808427784547879e-2, -7.385551028673985266273e-3, 2.890510330741523285753e-3,
		-1.192753911703260977114e-3, 5.096695247430424223357e-4, -2.231547584535793797614e-4,
		9.94575127818085337146e-5, -4.492623673813314170021e-5, 2.050721277567069155317e-5,
		-9.439488275268395903987e-6, 4.374866789907487804182e-6, -2.039215753801366236782e-6,
		9.551412130407419832857e-7, -4.492469198764566043294e-7, 2.120718480555466586923e-7,
		-1.004322482396809960872e-7, 4.76981016936398056576e-8, -2.271109460894316491032e-8,
		1.083865921489695409107e-8, -5.183475041970046655121e-9, 2.483674543802478317185e-9,
		-1.192140140586091207443e-9, 5.73136724167886201333e-10, -2.759522885124233145178e-10,
		1.33047643742444894815e-10, -6.422964563838100022082e-11, 3.104424774732227276239e-11,
		-1.502138408075414217093e-11)
	return float64(z * p)
}

// stirling returns log Gamma(x) for x >= 15 by Stirling's series.
func stirling(x float64) float64 {
	lx := detmath.Log(x)
	return float64((x-0.5)*lx) - x + halfLog2Pi + stirlingCorr(x)
}

// halfLog2Pi is log(2*pi)/2.
const halfLog2Pi = 0.91893853320467274178032973640562

// stirlingCorr returns log Gamma(x) - ((x-1/2)*log(x) - x + log(2*pi)/2)
// for x >= 15: sum_k B_2k / (2k*(2k-1)*x**(2k-1)) for k = 1..8, with
// coefficients 1/12, -1/360, 1/1260, -1/1680, 1/1188, -691/360360, 1/156,
// -3617/122400.
func stirlingCorr(x float64) float64 {
	r := 1 / x
	r2 := float64(r * r)
	s := polyLo(r2, 1.0/12, -1.0/360, 1.0/1260, -1.0/1680, 1.0/1188,
		-691.0/360360, 1.0/156, -3617.0/122400)
	return float64(s * r)
}

// sinPi returns sin(pi*x) for finite x, exact at integers and half
// integers, by reduction to |r| <= 1/4 and Taylor series of sin and cos.
func sinPi(x float64) float64 {
	// x = n/2 + r with |r| <= 1/4; sin(pi*x) depends on n mod 4.
	n := math.Round(float64(2 * x))
	r := x - float64(0.5*n) // exact
	u := float64(math.Pi * r)
	u2 := float64(u * u)
	var v float64
	switch m := int64(math.Mod(n, 4)); (m + 4) % 4 {
	case 0:
		v = sinTaylor(u, u2)
	case 1:
		v = cosTaylor(u2)
	case 2:
		v = -sinTaylor(u, u2)
	default:
		v = -cosTaylor(u2)
	}
	return v
}

// sinTaylor returns sin(u) for |u| <= pi/4 (terms to u**19, error < 1e-22).
func sinTaylor(u, u2 float64) float64 {
	p := polyLo(u2, 1, -1.0/6, 1.0/120, -1.0/5040, 1.0/362880, -1.0/39916800,
		1.0/6227020800, -1.0/1307674368000, 1.0/355687428096000, -1.0/121645100408832000)
	return float64(u * p)
}

// cosTaylor returns cos(u) for |u| <= pi/4 (terms to u**20).
func cosTaylor(u2 float64) float64 {
	return polyLo(u2, 1, -1.0/2, 1.0/24, -1.0/720, 1.0/40320, -1.0/3628800,
		1.0/479001600, -1.0/87178291200, 1.0/20922789888000, -1.0/6402373705728000,
		1.0/2432902008176640000)
}

// incGamma returns the regularized incomplete gamma functions
//
//	P(a, x) = gamma(a, x)/Gamma(a),  Q(a, x) = 1 - P(a, x)
//
// for a > 0, x >= 0, computing the smaller of the two directly: by the
// series of P for x < a+1, by the continued fraction of Q (modified Lentz)
// otherwise [3].
func incGamma(a, x float64) (p, q float64) {
	switch {
	case !(a > 0) || !(x >= 0):
		return math.NaN(), math.NaN()
	case x == 0:
		return 0, 1
	case math.IsInf(x, 1):
		return 1, 0
	}
	// pre = x**a * e**-x / Gamma(a).
	lpre := gammaPrefactor(a, x)
	if x < a+1 {
		// P = pre/a * sum_n x**n / ((a+1)...(a+n)).
		ap := a
		del := 1 / a
		sum := del
		for i := 0; i < 100000; i++ {
			ap++
			del = float64(del*x) / ap
			sum += del
			if math.Abs(del) < math.Abs(sum)*1e-17 {
				break
			}
		}
		p = float64(sum * detmath.Exp(lpre))
		return p, 1 - p
	}
	// Q = pre * 1/(x+1-a- 1*(1-a)/(x+3-a- 2*(2-a)/(x+5-a- ...))).
	b := x + 1 - a
	c := 1 / fpmin
	d := 1 / b
	h := d
	for i := 1; i < 100000; i++ {
		an := -float64(float64(i) * (float64(i) - a))
		b += 2
		var del float64
		c, d, del = lentz(an, b, c, d)
		h = float64(h * del)
		if math.Abs(del-1) < 1e-16 {
			break
		}
	}
	q = float64(detmath.Exp(lpre) * h)
	return 1 - q, q
}

// gammaPrefactor returns log(x**a * e**-x / Gamma(a)). For a >= 15 it
// combines Stirling's series with the exponent before rounding, so that the
// large terms a*log(x), x and log Gamma(a) cancel exactly:
//
//	log pre = a*log1pmx(t) + log(a)/2 - log(2*pi)/2 - s(a),  t = (x-a)/a
//
// with log1pmx(t) = log(1+t) - t and s the Stirling correction series (the
// error is then about 1e-16 relative to |log pre|, instead of a*log(a)*1e-16).
func gammaPrefactor(a, x float64) float64 {
	if a < 15 {
		return float64(a*detmath.Log(x)) - x - LogGamma(a)
	}
	t := (x - a) / a
	var l float64 // log(x/a) - (x/a - 1)
	if math.Abs(t) <= 0.5 {
		l = log1pmx(t)
	} else {
		l = detmath.Log(x/a) - t // x/a has one rounding; 1+t would lose x/a's digits near 0
	}
	return float64(a*l) + float64(0.5*detmath.Log(a)) - halfLog2Pi - stirlingCorr(a)
}

// log1pmx returns log(1+t) - t for |t| <= 1/2 through s = t/(2+t),
// log(1+t) = 2*atanh(s) and t = 2s/(1-s):
//
//	log1pmx(t) = -2*s**2/(1-s) + 2*sum_{k>=1} s**(2k+1)/(2k+1)
//
// (|s| <= 1/3, terms to k = 20), without the cancellation of log1p(t) - t.
func log1pmx(t float64) float64 {
	s := t / (2 + t)
	s2 := float64(s * s)
	// sum_{k>=1} s**(2k) / (2k+1), by Horner in s2.
	var p float64
	for k := 20; k >= 1; k-- {
		p = float64(s2*p) + 1/float64(2*k+1)
	}
	p = float64(s2 * p)
	return float64(2*float64(s*p)) - float64(2*s2)/(1-s)
}

// ChiSquareCDF returns P(X <= x) for a chi-square X with k > 0 degrees of
// freedom: P(k/2, x/2), the regularized incomplete gamma function.
// ChiSquareCDF(x <= 0, k) = 0; NaN arguments or k <= 0 give NaN.
func ChiSquareCDF(x, k float64) float64 {
	switch {
	case math.IsNaN(x) || !(k > 0):
		return math.NaN()
	case x <= 0:
		return 0
	}
	p, _ := incGamma(0.5*k, 0.5*x)
	return p
}

// ChiSquareQuantile returns the p-quantile of the chi-square distribution
// with k > 0 degrees of freedom, by a safeguarded Newton iteration on
// ChiSquareCDF from the Wilson-Hilferty approximation [4], solving on the
// smaller of P and Q so that upper-tail quantiles keep their accuracy.
// ChiSquareQuantile(0, k) = 0, ChiSquareQuantile(1, k) = +Inf; p outside
// [0, 1], NaN or k <= 0 give NaN.
func ChiSquareQuantile(p, k float64) float64 {
	switch {
	case !(p >= 0 && p <= 1) || !(k > 0):
		return math.NaN()
	case p == 0:
		return 0
	case p == 1:
		return math.Inf(1)
	}
	a := float64(0.5 * k)
	lga := LogGamma(a)
	upper := p > 0.5
	target := p
	if upper {
		target = 1 - p
	}
	// Residual of the smaller tail, increasing in x, and its derivative
	// (the density of X/2 at x/2 times 1/2, sign adjusted).
	f := func(x float64) (float64, float64) {
		lo, hi := incGamma(a, 0.5*x)
		dens := 0.5 * detmath.Exp(float64((a-1)*detmath.Log(0.5*x))-float64(0.5*x)-lga)
		if upper {
			return target - hi, dens
		}
		return lo - target, dens
	}
	// Wilson-Hilferty: X ~ k*(1 - 2/(9k) + z*sqrt(2/(9k)))**3.
	z := NormalQuantile(p)
	h := 2 / float64(9*k)
	w := 1 - h + float64(z*math.Sqrt(h))
	x0 := float64(float64(k*w) * float64(w*w))
	if !(x0 > 0) {
		// Small-x tail: P ~ (x/2)**a / Gamma(a+1).
		x0 = float64(2 * detmath.Exp((detmath.Log(p)+LogGamma(a+1))/a))
	}
	// Bracket the root: hi doubles until the residual is non-negative.
	hiX := math.Max(x0, 1)
	for i := 0; i < 2000; i++ {
		if r, _ := f(hiX); r >= 0 {
			break
		}
		hiX *= 2
	}
	return newtonBracketed(f, minNormal, hiX, math.Min(x0, hiX))
}

// newtonBracketed returns the root in [lo, hi] of the increasing function
// whose residual and derivative f returns, by Newton steps from x0 that fall
// back to bisection whenever a step leaves the bracket or fails to halve it.
// The sequence of operations depends only on the inputs.
func newtonBracketed(f func(float64) (float64, float64), lo, hi, x0 float64) float64 {
	x := x0
	if !(x > lo && x < hi) {
		x = bisect(lo, hi)
	}
	prevStep := hi - lo
	for i := 0; i < 300; i++ {
		r, d := f(x)
		if r == 0 {
			return x
		}
		if r < 0 {
			lo = x
		} else {
			hi = x
		}
		next := x - r/d
		if !(d > 0) || !(next > lo && next < hi) || math.Abs(next-x) > 0.5*prevStep {
			next = bisect(lo, hi)
		}
		step := math.Abs(next - x)
		prevStep = step
		if step <= 4e-16*math.Abs(next) || hi-lo <= 4e-16*math.Abs(hi) {
			return next
		}
		x = next
	}
	return x
}

// minNormal is the smallest positive normal float64, the lower end of the
// brackets of quantiles whose support starts at 0.
const minNormal = 0x1p-1022

// bisect returns the midpoint of [lo, hi]: geometric when 0 < lo and the
// bracket spans more than a factor of 4, so that roots near the bottom of
// the float64 range are reached in a few dozen steps.
func bisect(lo, hi float64) float64 {
	if lo > 0 && hi > 4*lo {
		return float64(math.Sqrt(lo) * math.Sqrt(hi))
	}
	return lo + float64(0.5*(hi-lo))
}

// fpmin replaces a zero denominator in the modified Lentz method.
const fpmin = 1e-300

// lentz performs one step of the modified Lentz method [3] for the
// continued fraction term a/(b + ...): it updates C and D and returns the
// factor del = C*D by which the convergent is multiplied.
func lentz(a, b, c, d float64) (cNew, dNew, del float64) {
	d = b + float64(a*d)
	if math.Abs(d) < fpmin {
		d = fpmin
	}
	c = b + a/c
	if math.Abs(c) < fpmin {
		c = fpmin
	}
	d = 1 / d
	return c, d, float64(d * c)
}
