package detmath

import "math"

// Exp returns e**x, bit-identical on every architecture.
//
// Special cases are as for math.Exp: Exp(+Inf) = +Inf, Exp(NaN) = NaN, very
// large values overflow to +Inf and very negative values underflow to 0.
// The error is below 1 ulp.
func Exp(x float64) float64 {
	const (
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
	k, hi, lo := expArg(x)
	y := expReduced(hi, lo)
	if k > -1020 && k < 1022 {
		return expScale(y, k)
	}
	return math.Ldexp(y, k)
}

// expArg reduces x (finite, not tiny) as x = k*ln2 + r, |r| <= 0.5*ln2,
// r computed as hi - lo: k is log2(e)*x rounded half away from zero
// (x < 0 and x > 0 add -0.5 and +0.5 alike; x = 0 gives k = 0).
func expArg(x float64) (k int, hi, lo float64) {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		log2e = 1.44269504088896338700e+00
	)
	switch {
	case x < 0:
		k = int(float64(log2e*x) - 0.5)
	case x > 0:
		k = int(float64(log2e*x) + 0.5)
	}
	hi = x - float64(float64(k)*ln2Hi)
	lo = float64(float64(k) * ln2Lo)
	return k, hi, lo
}

// expScale returns y * 2**k for y in [0.5, 2] by adding k to its exponent
// field, which is exact whenever the result stays normal
// (-1020 < k < 1022).
func expScale(y float64, k int) float64 {
	return math.Float64frombits(math.Float64bits(y) + uint64(int64(k))<<52)
}

// expmulti returns e**r * 2**k where r = hi - lo and |r| <= ln2/2.
func expmulti(hi, lo float64, k int) float64 {
	y := expReduced(hi, lo)
	if k > -1020 && k < 1022 {
		return expScale(y, k)
	}
	return math.Ldexp(y, k)
}

// expReduced returns e**r where r = hi - lo and |r| <= ln2/2 (small
// enough to be inlined into Exp and expmulti).
func expReduced(hi, lo float64) float64 {
	const (
		p1, p2, p3, p4, p5 = expP1, expP2, expP3, expP4, expP5
	)
	r := hi - lo
	t := float64(r * r)
	// c = r - t*(p1+t*(p2+t*(p3+t*(p4+t*p5)))), each product rounded.
	q := float64(t*p5) + p4
	q = float64(t*q) + p3
	q = float64(t*q) + p2
	q = float64(t*q) + p1
	c := r - float64(t*q)
	return 1 - ((lo - float64(r*c)/(2-c)) - hi)
}

// The coefficients of the polynomial of e_exp.c (expReduced).
const (
	expP1 = 1.66666666666666657415e-01
	expP2 = -2.77777777770155933842e-03
	expP3 = 6.61375632143793436117e-05
	expP4 = -1.65339022054652515390e-06
	expP5 = 4.13813679705723846039e-08
)
