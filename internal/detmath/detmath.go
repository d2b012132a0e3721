// Package detmath provides elementary functions and summation whose results
// are bit-identical on every GOARCH.
//
// # Why
//
// The Go compiler may fuse x*y + z into one fused multiply-add instruction on
// arm64, loong64, ppc64le, s390x and riscv64, but not on amd64; and math.Exp and
// math.Log run architecture-specific assembly (on amd64 math.Exp even switches
// on whether the CPU has FMA). Either can change the last bit of a score, and a
// last bit can reorder a published ranking. Every function here is pure Go
// written so that no product can be fused: each product that feeds a sum is
// converted explicitly, float64(x*y) + z, which the Go specification requires
// to be rounded separately.
//
// # Writing fusion-proof arithmetic
//
// In code whose result reaches a score, weight, estimate, interval or rank:
//
//	s += w[i] * x[i]          // may be fused on arm64: do not write this
//	s += float64(w[i] * x[i]) // rounded product, then rounded sum: portable
//
// and use [Exp], [Log] and [Pow] from this package instead of the math
// package's. math.Sqrt, math.Abs, math.Floor, math.Frexp, math.Ldexp and
// math.Modf are exact (or correctly rounded) on every architecture and may be
// used freely.
//
// The algorithms are those of FreeBSD's msun (e_exp.c, e_log.c), as in the
// Go standard library's pure-Go fallbacks, with explicit rounding added.
package detmath

import "math"

// Exp returns e**x, bit-identical on every architecture.
//
// Special cases are as for math.Exp: Exp(+Inf) = +Inf, Exp(NaN) = NaN, very
// large values overflow to +Inf and very negative values underflow to 0.
// The error is below 1 ulp.
func Exp(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		log2e = 1.44269504088896338700e+00

		overflow  = 7.09782712893383973096e+02
		underflow = -7.45133219101941108420e+02
		nearZero  = 1.0 / (1 << 28) // 2**-28
	)
	switch {
	case math.IsNaN(x):
		return x
	case x > overflow:
		return math.Inf(1)
	case x < underflow:
		return 0
	case -nearZero < x && x < nearZero:
		return 1 + x
	}
	// Reduce: x = k*ln2 + r, |r| <= 0.5*ln2, r computed as hi - lo.
	var k int
	switch {
	case x < 0:
		k = int(float64(log2e*x) - 0.5)
	case x > 0:
		k = int(float64(log2e*x) + 0.5)
	}
	hi := x - float64(float64(k)*ln2Hi)
	lo := float64(float64(k) * ln2Lo)
	return expmulti(hi, lo, k)
}

// expmulti returns e**r * 2**k where r = hi - lo and |r| <= ln2/2.
func expmulti(hi, lo float64, k int) float64 {
	const (
		p1 = 1.66666666666666657415e-01
		p2 = -2.77777777770155933842e-03
		p3 = 6.61375632143793436117e-05
		p4 = -1.65339022054652515390e-06
		p5 = 4.13813679705723846039e-08
	)
	r := hi - lo
	t := float64(r * r)
	// c = r - t*(p1+t*(p2+t*(p3+t*(p4+t*p5)))), each product rounded.
	q := float64(t*p5) + p4
	q = float64(t*q) + p3
	q = float64(t*q) + p2
	q = float64(t*q) + p1
	c := r - float64(t*q)
	y := 1 - ((lo - float64(r*c)/(2-c)) - hi)
	return math.Ldexp(y, k)
}

// Log returns the natural logarithm of x, bit-identical on every
// architecture.
//
// Special cases are as for math.Log: Log(+Inf) = +Inf, Log(0) = -Inf,
// Log(x < 0) = NaN, Log(NaN) = NaN. The error is below 1 ulp.
func Log(x float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		l1    = 6.666666666666735130e-01
		l2    = 3.999999999940941908e-01
		l3    = 2.857142874366239149e-01
		l4    = 2.222219843214978396e-01
		l5    = 1.818357216161805012e-01
		l6    = 1.531383769920937332e-01
		l7    = 1.479819860511658591e-01
	)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	f1, ki := math.Frexp(x)
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	f := f1 - 1
	k := float64(ki)

	s := f / (2 + f)
	s2 := float64(s * s)
	s4 := float64(s2 * s2)
	// t1 = s2*(l1+s4*(l3+s4*(l5+s4*l7))), t2 = s4*(l2+s4*(l4+s4*l6))
	a := float64(s4*l7) + l5
	a = float64(s4*a) + l3
	a = float64(s4*a) + l1
	t1 := float64(s2 * a)
	b := float64(s4*l6) + l4
	b = float64(s4*b) + l2
	t2 := float64(s4 * b)
	R := t1 + t2
	hfsq := float64(float64(0.5*f) * f)
	inner := float64(s*(hfsq+R)) + float64(k*ln2Lo)
	return float64(k*ln2Hi) - ((hfsq - inner) - f)
}

// Log1p returns log(1+x) computed as Log(1+x) with a first-order correction
// for the rounding of 1+x, bit-identical on every architecture.
func Log1p(x float64) float64 {
	u := 1 + x
	if u == 1 {
		return x
	}
	if math.IsInf(u, 1) {
		return u
	}
	// log1p(x) = log(u) * x/(u-1) (Goldberg 1991, Theorem 4).
	return float64(Log(u)*x) / (u - 1)
}

// Pow returns x**y, bit-identical on every architecture.
//
// Special cases are those of math.Pow. Integer powers are computed by
// repeated squaring; the fractional part of y through Exp(yf*Log(x)), as in
// the Go standard library's pure-Go implementation.
func Pow(x, y float64) float64 {
	switch {
	case y == 0 || x == 1:
		return 1
	case y == 1:
		return x
	case math.IsNaN(x) || math.IsNaN(y):
		return math.NaN()
	case x == 0:
		switch {
		case y < 0:
			if math.Signbit(x) && isOddInt(y) {
				return math.Inf(-1)
			}
			return math.Inf(1)
		case y > 0:
			if math.Signbit(x) && isOddInt(y) {
				return x
			}
			return 0
		}
	case math.IsInf(y, 0):
		switch {
		case x == -1:
			return 1
		case (math.Abs(x) < 1) == math.IsInf(y, 1):
			return 0
		default:
			return math.Inf(1)
		}
	case math.IsInf(x, 0):
		if math.IsInf(x, -1) {
			return Pow(1/x, -y)
		}
		switch {
		case y < 0:
			return 0
		case y > 0:
			return math.Inf(1)
		}
	case y == 0.5:
		return math.Sqrt(x)
	case y == -0.5:
		return 1 / math.Sqrt(x)
	}

	yi, yf := math.Modf(math.Abs(y))
	if yf != 0 && x < 0 {
		return math.NaN()
	}
	if yi >= 1<<63 {
		switch {
		case x == -1:
			return 1
		case (math.Abs(x) < 1) == (y > 0):
			return 0
		default:
			return math.Inf(1)
		}
	}
	a1 := 1.0
	ae := 0
	if yf != 0 {
		if yf > 0.5 {
			yf--
			yi++
		}
		a1 = Exp(float64(yf * Log(x)))
	}
	x1, xe := math.Frexp(x)
	for i := int64(yi); i != 0; i >>= 1 {
		if xe < -1<<12 || 1<<12 < xe {
			ae += xe
			break
		}
		if i&1 == 1 {
			a1 *= x1
			ae += xe
		}
		x1 *= x1
		xe <<= 1
		if x1 < .5 {
			x1 += x1
			xe--
		}
	}
	if y < 0 {
		a1 = 1 / a1
		ae = -ae
	}
	return math.Ldexp(a1, ae)
}

func isOddInt(x float64) bool {
	if math.Abs(x) >= (1 << 53) {
		return false
	}
	xi, xf := math.Modf(x)
	return xf == 0 && int64(xi)&1 == 1
}
