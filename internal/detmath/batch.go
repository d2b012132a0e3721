package detmath

import "math"

// ExpTo sets dst[i] = Exp(x[i]) for every i of x: the same bits as Exp,
// computed four arguments at a time. The four reductions, polynomials and
// divisions are independent, and written side by side they keep the
// processor's floating-point units busy while each one waits for its own
// previous step (a single Exp is one long chain of dependent operations);
// a group of four with an argument outside the common range (|x| below
// 2**-28 or above 700, NaN) goes through Exp one by one. dst may be x
// itself; otherwise the two must not overlap. ExpTo panics if dst is
// shorter than x. On amd64 it computes two arguments per packed SSE2
// instruction instead (exp_amd64.s), the same operations.
func ExpTo(dst, x []float64) {
	dst = dst[:len(x)]
	expTo(dst, x)
}

// expToGo is ExpTo in Go, the definition of the kernel in assembly (see
// exp_amd64.go) and the kernel of every other architecture.
func expToGo(dst, x []float64) {
	dst = dst[:len(x)]
	i := 0
	for ; i+4 <= len(x); i += 4 {
		x0, x1, x2, x3 := x[i], x[i+1], x[i+2], x[i+3]
		if !(expCommon(x0) && expCommon(x1) && expCommon(x2) && expCommon(x3)) {
			dst[i], dst[i+1], dst[i+2], dst[i+3] = Exp(x0), Exp(x1), Exp(x2), Exp(x3)
			continue
		}
		k0, hi0, lo0 := expArg(x0)
		k1, hi1, lo1 := expArg(x1)
		k2, hi2, lo2 := expArg(x2)
		k3, hi3, lo3 := expArg(x3)
		// expReduced, step by step for the four.
		r0, r1, r2, r3 := hi0-lo0, hi1-lo1, hi2-lo2, hi3-lo3
		t0, t1, t2, t3 := float64(r0*r0), float64(r1*r1), float64(r2*r2), float64(r3*r3)
		q0, q1, q2, q3 := float64(t0*expP5)+expP4, float64(t1*expP5)+expP4, float64(t2*expP5)+expP4, float64(t3*expP5)+expP4
		q0, q1, q2, q3 = float64(t0*q0)+expP3, float64(t1*q1)+expP3, float64(t2*q2)+expP3, float64(t3*q3)+expP3
		q0, q1, q2, q3 = float64(t0*q0)+expP2, float64(t1*q1)+expP2, float64(t2*q2)+expP2, float64(t3*q3)+expP2
		q0, q1, q2, q3 = float64(t0*q0)+expP1, float64(t1*q1)+expP1, float64(t2*q2)+expP1, float64(t3*q3)+expP1
		c0, c1, c2, c3 := r0-float64(t0*q0), r1-float64(t1*q1), r2-float64(t2*q2), r3-float64(t3*q3)
		y0 := 1 - ((lo0 - float64(r0*c0)/(2-c0)) - hi0)
		y1 := 1 - ((lo1 - float64(r1*c1)/(2-c1)) - hi1)
		y2 := 1 - ((lo2 - float64(r2*c2)/(2-c2)) - hi2)
		y3 := 1 - ((lo3 - float64(r3*c3)/(2-c3)) - hi3)
		dst[i], dst[i+1], dst[i+2], dst[i+3] = expScale(y0, k0), expScale(y1, k1), expScale(y2, k2), expScale(y3, k3)
	}
	for ; i < len(x); i++ {
		dst[i] = Exp(x[i])
	}
}

// expCommon reports whether Exp(x) takes its common path: 2**-28 <= |x|
// <= 700 (so -1020 < k < 1022 in expArg, and the result is normal).
func expCommon(x float64) bool {
	a := math.Abs(x)
	return a >= 1.0/(1<<28) && a <= 700
}

// LogTo sets dst[i] = Log(x[i]) for every i of x: the same bits as Log,
// computed four arguments at a time (see [ExpTo]); a group of four with
// an argument that is not a positive normal finite number goes through
// Log one by one. dst may be x itself; otherwise the two must not
// overlap. LogTo panics if dst is shorter than x. On amd64 it computes
// two arguments per packed SSE2 instruction instead (log_amd64.s), the
// same operations.
func LogTo(dst, x []float64) {
	dst = dst[:len(x)]
	logTo(dst, x)
}

// logToGo is LogTo in Go, the definition of the kernel in assembly (see
// exp_amd64.go) and the kernel of every other architecture.
func logToGo(dst, x []float64) {
	dst = dst[:len(x)]
	i := 0
	for ; i+4 <= len(x); i += 4 {
		b0, b1, b2, b3 := math.Float64bits(x[i]), math.Float64bits(x[i+1]), math.Float64bits(x[i+2]), math.Float64bits(x[i+3])
		if !(b0-minNormalBits < infBits-minNormalBits && b1-minNormalBits < infBits-minNormalBits &&
			b2-minNormalBits < infBits-minNormalBits && b3-minNormalBits < infBits-minNormalBits) {
			dst[i], dst[i+1], dst[i+2], dst[i+3] = Log(x[i]), Log(x[i+1]), Log(x[i+2]), Log(x[i+3])
			continue
		}
		f0, k0 := logSplit(b0)
		f1, k1 := logSplit(b1)
		f2, k2 := logSplit(b2)
		f3, k3 := logSplit(b3)
		s0, s1, s2, s3 := f0/(2+f0), f1/(2+f1), f2/(2+f2), f3/(2+f3)
		// logR, step by step for the four.
		z0, z1, z2, z3 := float64(s0*s0), float64(s1*s1), float64(s2*s2), float64(s3*s3)
		w0, w1, w2, w3 := float64(z0*z0), float64(z1*z1), float64(z2*z2), float64(z3*z3)
		a0, a1, a2, a3 := float64(w0*logL7)+logL5, float64(w1*logL7)+logL5, float64(w2*logL7)+logL5, float64(w3*logL7)+logL5
		c0, c1, c2, c3 := float64(w0*logL6)+logL4, float64(w1*logL6)+logL4, float64(w2*logL6)+logL4, float64(w3*logL6)+logL4
		a0, a1, a2, a3 = float64(w0*a0)+logL3, float64(w1*a1)+logL3, float64(w2*a2)+logL3, float64(w3*a3)+logL3
		c0, c1, c2, c3 = float64(w0*c0)+logL2, float64(w1*c1)+logL2, float64(w2*c2)+logL2, float64(w3*c3)+logL2
		a0, a1, a2, a3 = float64(w0*a0)+logL1, float64(w1*a1)+logL1, float64(w2*a2)+logL1, float64(w3*a3)+logL1
		r0, r1, r2, r3 := float64(z0*a0)+float64(w0*c0), float64(z1*a1)+float64(w1*c1), float64(z2*a2)+float64(w2*c2), float64(z3*a3)+float64(w3*c3)
		dst[i], dst[i+1], dst[i+2], dst[i+3] = logEnd(f0, k0, s0, r0), logEnd(f1, k1, s1, r1), logEnd(f2, k2, s2, r2), logEnd(f3, k3, s3, r3)
	}
	for ; i < len(x); i++ {
		dst[i] = Log(x[i])
	}
}
