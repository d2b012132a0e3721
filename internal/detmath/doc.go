// Package detmath provides elementary functions and summation whose results
// are bit-identical on every GOARCH.
//
// # Overview
//
// [Exp], [Log], [Log1p] and [Pow] replace their math package namesakes
// wherever a result feeds a score, weight, estimate, interval or rank; [Sum]
// (compensated) and [Dot] (rounded products) replace hand-written loops where
// a fused multiply-add could creep in. [ExpTo] and [LogTo] give the bits of Exp and Log
// for a whole slice, several arguments at a time (for the geometric means
// of many units). All functions are safe for concurrent
// use.
//
// # Why
//
// The Go compiler may fuse x*y + z into one fused multiply-add instruction on
// arm64, loong64, ppc64le, s390x and riscv64, but not on amd64; and math.Exp
// and math.Log run architecture-specific assembly (amd64, arm64, loong64 and
// s390x for Exp; amd64 and s390x for Log; on amd64 math.Exp even switches on
// whether the CPU has FMA, and overflows to +Inf already above 709.5, while
// math.Log returns wrong values for subnormal arguments). Either can change
// the last bit of a score, and a last bit can reorder a published ranking.
// Every function here is Go written so that no product can be fused; the
// exceptions, the kernels of ExpTo and LogTo on amd64 (exp_amd64.s,
// log_amd64.s), perform the same IEEE operations in the same order, two
// arguments per packed SSE2 instruction, and TestBatchSameBits checks
// their bits against Exp and Log.
//
// # Writing fusion-proof arithmetic
//
// The Go specification (section "Floating-point operators") allows an
// implementation to fuse floating-point operations "possibly across
// statements", and guarantees only that an explicit conversion float64(x*y)
// rounds the product. So, in code whose result reaches a score, weight,
// estimate, interval or rank:
//
//	s += w[i] * x[i]                 // may be fused on arm64: do not write this
//	s += float64(w[i] * x[i])        // rounded product, then rounded sum: portable
//	d := a*b - c*d                   // may become fma(a, b, -c*d)
//	d := float64(a*b) - float64(c*d) // portable
//	t := x * y; v := t + z           // may still be fused: the variable does not help
//	t := float64(x * y); v := t + z  // portable
//
// Rules of thumb:
//
//   - Wrap in float64(...) every floating-point product that is an operand
//     of + or -, directly, through a variable, or on the right of += and -=.
//     Quotients are never fused, and a product by a power of two (2*x,
//     0.5*x) is exact, so fusing it changes nothing.
//   - Horner polynomials: p = float64(t*p) + c at each step.
//   - Use [Exp], [Log], [Log1p] and [Pow] instead of math.Exp, math.Log,
//     math.Log1p and math.Pow; math.Expm1, math.Log2 and math.Log10 have no
//     portable equivalent here: write Exp(x) - 1 (or a series for tiny x),
//     Log(x)/math.Ln2 and Log(x)/math.Ln10.
//   - math.Sqrt, math.Abs, math.Floor, math.Ceil, math.Trunc, math.Round,
//     math.Frexp, math.Ldexp, math.Modf, math.Copysign, math.Min and math.Max
//     are exact (or correctly rounded, for Sqrt) on every architecture and
//     may be used freely.
//   - Summation order is part of the result: sum in index order (or use
//     [Sum]) and never split a sum among goroutines in a way that depends on
//     GOMAXPROCS.
//   - Library code that is not ours (gonum's mat, stat, floats, distuv,
//     mathext) contains unwrapped products and calls math.Exp and math.Log;
//     use it in a scoring path only where the golden suite (internal/golden)
//     shows the result to be identical on every architecture, and use
//     internal/special for distribution functions.
//
// internal/golden checks these rules on the source (fusable products and
// math calls) and on the results (bit-exact golden files on six targets).
//
// # Accuracy
//
// Exp, Log and Log1p follow FreeBSD's msun (e_exp.c, e_log.c, s_log1p.c), as
// the Go standard library's pure-Go fallbacks do, and agree with them bit for
// bit on amd64; errors are below 1 ulp. Pow follows fdlibm's e_pow.c
// (log2 in extended precision) and is below 1 ulp from the exact value, more
// accurate than math.Pow. The tests compare each function with the math
// package on 2**20 inputs and, where the two differ by more than 1 ulp, with
// the exact value computed in 160-bit arithmetic.
package detmath
