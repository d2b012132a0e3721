package detmath

import "math"

// Log returns the natural logarithm of x, bit-identical on every
// architecture.
//
// Special cases are as for math.Log: Log(+Inf) = +Inf, Log(0) = -Inf,
// Log(x < 0) = NaN, Log(NaN) = NaN. The error is below 1 ulp.
func Log(x float64) float64 {
	// x = f1 * 2**ki with f1 in [0.5, 1), as math.Frexp gives it; for a
	// positive normal finite x (the usual case) read off the bits directly.
	b := math.Float64bits(x)
	if b-minNormalBits < infBits-minNormalBits {
		f, k := logSplit(b)
		s := f / (2 + f)
		return logEnd(f, k, s, logR(s))
	}
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	f1, ki := math.Frexp(x) // subnormal
	if f1 < math.Sqrt2/2 {
		f1 *= 2
		ki--
	}
	return logTail(f1-1, float64(ki))
}

// logSplit returns f and k with x = (1 + f) * 2**k, sqrt(2)/2 <= 1 + f <
// sqrt(2), for the bits b of a positive normal finite x: with x = f1 *
// 2**ki, f1 in [0.5, 1), f1 below sqrt(2)/2 is doubled (its exponent field
// raised by one, exactly f1*2) and ki lowered by one, without a branch.
func logSplit(b uint64) (f, k float64) {
	m := b & fracMask
	e, ki := uint64(halfExpBits), int64(b>>52)-1022
	if m < sqrtHalfFrac {
		e, ki = oneExpBits, ki-1
	}
	return math.Float64frombits(m|e) - 1, float64(ki)
}

// logTail returns k*ln2 + log(1 + f) for the f and k of logSplit, in the
// steps of FreeBSD's e_log.c: s = f/(2 + f), then log(1 + f) = f - f**2/2 +
// s*(f**2/2 + R(s**2)).
func logTail(f, k float64) float64 {
	s := f / (2 + f)
	return logEnd(f, k, s, logR(s))
}

// logR returns the polynomial R of e_log.c at s, in its order (odd and
// even terms apart): R = t1 + t2 with t1 = s2*(l1+s4*(l3+s4*(l5+s4*l7)))
// and t2 = s4*(l2+s4*(l4+s4*l6)), s2 = s*s, s4 = s2*s2, each product
// rounded.
func logR(s float64) float64 {
	const (
		l1, l2, l3, l4, l5, l6, l7 = logL1, logL2, logL3, logL4, logL5, logL6, logL7
	)
	s2 := float64(s * s)
	s4 := float64(s2 * s2)
	a := float64(s4*l7) + l5
	a = float64(s4*a) + l3
	a = float64(s4*a) + l1
	b := float64(s4*l6) + l4
	b = float64(s4*b) + l2
	return float64(s2*a) + float64(s4*b)
}

// logEnd returns k*ln2 + log(1 + f) from s = f/(2 + f) and R = logR(s).
func logEnd(f, k, s, R float64) float64 {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
	)
	hfsq := float64(float64(0.5*f) * f)
	inner := float64(s*(hfsq+R)) + float64(k*ln2Lo)
	return float64(k*ln2Hi) - ((hfsq - inner) - f)
}

// The coefficients of the polynomial of e_log.c (logR).
const (
	logL1 = 6.666666666666735130e-01
	logL2 = 3.999999999940941908e-01
	logL3 = 2.857142874366239149e-01
	logL4 = 2.222219843214978396e-01
	logL5 = 1.818357216161805012e-01
	logL6 = 1.531383769920937332e-01
	logL7 = 1.479819860511658591e-01
)

// Bits of float64 values for the argument reduction of Log.
const (
	minNormalBits = 0x0010000000000000 // smallest positive normal number
	infBits       = 0x7ff0000000000000 // +Inf
	fracMask      = 0x000fffffffffffff // fraction field
	halfExpBits   = 0x3fe0000000000000 // exponent field of [0.5, 1)
	oneExpBits    = 0x3ff0000000000000 // exponent field of [1, 2)
	sqrtHalfFrac  = 0x0006a09e667f3bcd // fraction field of sqrt(2)/2 (and sqrt(2))
)

// Log1p returns log(1+x), accurate also when x is near zero, bit-identical on
// every architecture.
//
// Special cases are as for math.Log1p: Log1p(+Inf) = +Inf, Log1p(±0) = ±0,
// Log1p(-1) = -Inf, Log1p(x < -1) = NaN, Log1p(NaN) = NaN. The algorithm is
// that of FreeBSD's s_log1p.c, as in the Go standard library's pure-Go
// math.Log1p (which every architecture but s390x runs), with every product
// rounded explicitly; the error is below 1 ulp.
func Log1p(x float64) float64 {
	const (
		sqrt2M1     = 4.142135623730950488017e-01  // sqrt(2)-1
		sqrt2HalfM1 = -2.928932188134524755992e-01 // sqrt(2)/2-1
		small       = 1.0 / (1 << 29)              // 2**-29
		tiny        = 1.0 / (1 << 54)              // 2**-54
		ln2Hi       = 6.93147180369123816490e-01
		ln2Lo       = 1.90821492927058770002e-10
	)
	switch {
	case x < -1 || math.IsNaN(x): // includes -Inf
		return math.NaN()
	case x == -1:
		return math.Inf(-1)
	case math.IsInf(x, 1):
		return x
	}
	absx := math.Abs(x)
	var f float64
	var iu uint64
	k := 1
	if absx < sqrt2M1 {
		if absx < small {
			if absx < tiny {
				return x
			}
			return x - float64(float64(x*x)*0.5)
		}
		if x > sqrt2HalfM1 {
			// sqrt(2)/2-1 < x < sqrt(2)-1: no reduction needed.
			k = 0
			f = x
			iu = 1
		}
	}
	var c float64 // correction for the rounding of 1+x
	if k != 0 {
		var u float64
		if absx < two53 {
			u = 1.0 + x
			iu = math.Float64bits(u)
			k = int((iu >> 52) - 1023)
			if k > 0 {
				c = 1.0 - (u - x)
			} else {
				c = x - (u - 1.0)
			}
			c /= u
		} else {
			u = x
			iu = math.Float64bits(u)
			k = int((iu >> 52) - 1023)
		}
		iu &= 0x000fffffffffffff
		if iu < 0x0006a09e667f3bcd { // significand of sqrt(2)
			u = math.Float64frombits(iu | 0x3ff0000000000000)
		} else {
			k++
			u = math.Float64frombits(iu | 0x3fe0000000000000)
			iu = (0x0010000000000000 - iu) >> 2
		}
		f = u - 1.0 // sqrt(2)/2 < u < sqrt(2)
	}
	hfsq := float64(float64(0.5*f) * f)
	fk := float64(k)
	if iu == 0 { // |f| < 2**-20
		if f == 0 {
			if k == 0 {
				return 0
			}
			c += float64(fk * ln2Lo)
			return float64(fk*ln2Hi) + c
		}
		R := float64(hfsq * (1.0 - float64(0.66666666666666666*f)))
		if k == 0 {
			return f - R
		}
		return float64(fk*ln2Hi) - ((R - (float64(fk*ln2Lo) + c)) - f)
	}
	s := f / (2.0 + f)
	R := logPoly(float64(s * s))
	if k == 0 {
		return f - (hfsq - float64(s*(hfsq+R)))
	}
	return float64(fk*ln2Hi) - ((hfsq - (float64(s*(hfsq+R)) + (float64(fk*ln2Lo) + c))) - f)
}

// logPoly returns z*(l1 + z*(l2 + ... + z*l7)), the minimax polynomial of
// FreeBSD's e_log.c and s_log1p.c for log(1+f) = f - f**2/2 + s*(f**2/2 + R)
// with s = f/(2+f) and z = s*s, each product rounded. (e_log.c's split into
// odd and even terms gives the same polynomial in a different order.)
func logPoly(z float64) float64 {
	const (
		l1 = 6.666666666666735130e-01 // 3FE5555555555593
		l2 = 3.999999999940941908e-01 // 3FD999999997FA04
		l3 = 2.857142874366239149e-01 // 3FD2492494229359
		l4 = 2.222219843214978396e-01 // 3FCC71C51D8E78AF
		l5 = 1.818357216161805012e-01 // 3FC7466496CB03DE
		l6 = 1.531383769920937332e-01 // 3FC39A09D078C69F
		l7 = 1.479819860511658591e-01 // 3FC2F112DF3E5244
	)
	p := float64(z*l7) + l6
	p = float64(z*p) + l5
	p = float64(z*p) + l4
	p = float64(z*p) + l3
	p = float64(z*p) + l2
	p = float64(z*p) + l1
	return float64(z * p)
}
