package detmath

import (
	"math"
	"testing"
)

// The tests below check that the batch functions and the step helpers
// give exactly the bits of the code they replace: expRef and logRef are
// Exp and Log as they were written before their steps became helpers
// (expArg, expReduced, expScale; logSplit, logR, logEnd) shared with ExpTo
// and LogTo.

func expRef(x float64) float64 {
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
	y := expReduced(hi, lo)
	if k > -1020 && k < 1022 {
		return math.Float64frombits(math.Float64bits(y) + uint64(int64(k))<<52)
	}
	return math.Ldexp(y, k)
}

func logRef(x float64) float64 {
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
	// x = f1 * 2**ki with f1 in [0.5, 1), as math.Frexp gives it; for a
	// positive normal finite x (the usual case) read off the bits directly.
	var f1 float64
	var ki int
	if b := math.Float64bits(x); b-minNormalBits < infBits-minNormalBits {
		ki = int(b>>52) - 1022
		f1 = math.Float64frombits(b&fracMask | halfExpBits)
	} else {
		switch {
		case math.IsNaN(x) || math.IsInf(x, 1):
			return x
		case x < 0:
			return math.NaN()
		case x == 0:
			return math.Inf(-1)
		}
		f1, ki = math.Frexp(x) // subnormal
	}
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

// batchInput returns the i-th input of the comparison for Exp (exp true)
// or Log: the families of TestUnaryVsMath, the ranges of scores and their
// logarithms, the boundaries of the common paths, and special values.
func batchInput(i int, g inputGen, exp bool) float64 {
	special := []float64{0, math.Copysign(0, -1), math.NaN(), math.Inf(1), math.Inf(-1), 1, -1,
		1.0 / (1 << 28), -1.0 / (1 << 28), math.Nextafter(1.0/(1<<28), 0), 700, -700, math.Nextafter(700, 1000),
		709.782712893383973096, -745.13321910194110842, 5e-324, 2.2250738585072014e-308, math.Nextafter(2.2250738585072014e-308, 0),
		math.MaxFloat64, math.Sqrt2 / 2, math.Nextafter(math.Sqrt2/2, 0), math.Sqrt2, math.Nextafter(math.Sqrt2, 0)}
	switch i % 8 {
	case 0:
		return special[g.r.IntN(len(special))]
	case 1:
		if exp {
			return g.uniform(-745.2, 709.8)
		}
		return g.positive()
	case 2:
		if exp {
			return g.uniform(0, math.Log(101)) // a geometric mean's sum of weighted logarithms
		}
		return g.uniform(1, 101) // a score plus the offset 1
	case 3:
		if exp {
			return g.uniform(-40, 40)
		}
		return 1 + g.uniform(-0.3, 0.3)
	case 4:
		return tiny(g, 60)
	case 5:
		return math.Float64frombits(g.r.Uint64()) // any bits
	}
	return g.uniform(-1e3, 1e6)
}

// TestBatchSameBits compares Exp, Log, ExpTo and LogTo with expRef and
// logRef on 2**21 inputs each, bit for bit, the batch functions on
// slices of every length from 0 to 13 (groups of four and the tail), at
// every offset, in place and not.
func TestBatchSameBits(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		exp    bool
		ref, f func(float64) float64
		batch  func(dst, x []float64)
	}{{"Exp", true, expRef, Exp, ExpTo}, {"Log", false, logRef, Log, LogTo}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			g := newInputGen(11)
			x := make([]float64, 1<<21)
			for i := range x {
				x[i] = batchInput(i, g, c.exp)
			}
			same := func(what string, i int, got float64) {
				t.Helper()
				if want := c.ref(x[i]); math.Float64bits(got) != math.Float64bits(want) {
					t.Fatalf("%s(%v (%#x)) = %v (%#x), want %v (%#x)", what, x[i], math.Float64bits(x[i]), got, math.Float64bits(got), want, math.Float64bits(want))
				}
			}
			for i, v := range x {
				same(c.name, i, c.f(v))
			}
			dst := make([]float64, len(x))
			c.batch(dst, x)
			for i, v := range dst {
				same(c.name+"To", i, v)
			}
			for off := 0; off < 4; off++ {
				for n := 0; n <= 13; n++ {
					for start := off; start+n <= 4096; start += n + 1 {
						d := make([]float64, n)
						c.batch(d, x[start:start+n])
						for k, v := range d {
							same(c.name+"To", start+k, v)
						}
					}
				}
			}
			in := append([]float64(nil), x[:1000]...)
			c.batch(in, in)
			for i, v := range in {
				same(c.name+"To in place", i, v)
			}
		})
	}
}
