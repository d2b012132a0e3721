// Package detmath provides elementary functions and summation whose results
// are bit-identical on every GOARCH.
//
// # Overview
//
// [Exp], [Log], [Log1p] and [Pow] replace their math package namesakes
// wherever a result feeds a score, weight, estimate, interval or rank; [Sum]
// (compensated) and [Dot] (rounded products) replace hand-written loops where
// a fused multiply-add could creep in. All functions are safe for concurrent
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
// Every function here is pure Go written so that no product can be fused.
//
// # Writing fusion-proof arithmetic
//
// The Go specification (section "Floating-point operators") allows an
// implementation to fuse x*y + z but requires an explicit conversion
// float64(x*y) to round the product. So, in code whose result reaches a
// score, weight, estimate, interval or rank:
//
//	s += w[i] * x[i]          // may be fused on arm64: do not write this
//	s += float64(w[i] * x[i]) // rounded product, then rounded sum: portable
//	d := a*b - c*d            // may become fma(a, b, -c*d): do not write this
//	d := float64(a*b) - float64(c*d)
//	m := x * y                // a product on its own is fine...
//	v := m + z                // ...and so is adding a variable that holds it
//
// Rules of thumb:
//
//   - Wrap in float64(...) every product or quotient-free product chain that
//     is an operand of + or -, also inside compound assignments (+=, -=).
//     Quotients x/y are never fused.
//   - Horner polynomials: p = float64(t*p) + c at each step.
//   - Use [Exp], [Log], [Log1p] and [Pow] instead of math.Exp, math.Log,
//     math.Log1p and math.Pow; write log(x)/log(10) as
//     Log(x)/math.Ln10 only if the quotient is acceptable, and prefer
//     expressing models in natural logarithms. math.Expm1, math.Log2 and
//     math.Log10 have no portable equivalent here: rewrite through Exp and Log.
//   - math.Sqrt, math.Abs, math.Floor, math.Ceil, math.Trunc, math.Round,
//     math.Frexp, math.Ldexp, math.Modf, math.Copysign, math.Min and math.Max
//     are exact (or correctly rounded, for Sqrt) on every architecture and
//     may be used freely.
//   - Summation order is part of the result: sum in index order (or use
//     [Sum]) and never split a sum among goroutines in a way that depends on
//     GOMAXPROCS.
//   - Library code that is not ours (gonum's mat, stat, distuv, mathext)
//     contains unwrapped products and calls math.Exp and math.Log; use it in a
//     scoring path only where the golden suite (internal/golden) shows the
//     result to be identical on every architecture, and use
//     internal/special for distribution functions.
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
