package detmath

import (
	"math"
	"math/big"
	"math/rand/v2"
)

// ulpDiff returns the number of representable float64 values between a and
// b (0 if they are identical or both NaN, +Inf if only one is NaN or
// infinite or their signs differ in a way that ordering cannot bridge).
func ulpDiff(a, b float64) float64 {
	if a == b || (math.IsNaN(a) && math.IsNaN(b)) {
		return 0
	}
	if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		return math.Inf(1)
	}
	ia, ib := ordered(a), ordered(b)
	if ia > ib {
		return float64(ia - ib)
	}
	return float64(ib - ia)
}

// ordered maps a float64 to an integer that increases with its value.
func ordered(x float64) int64 {
	i := int64(math.Float64bits(x))
	if i < 0 {
		i = math.MinInt64 - i
	}
	return i
}

// refPrec is the working precision (bits) of the big.Float reference
// functions: enough to place the exact value relative to the float64 grid
// to within 2**-60 ulp for every input used here.
const refPrec = 160

func newBig(x float64) *big.Float { return new(big.Float).SetPrec(refPrec).SetFloat64(x) }

// refEps is the relative size below which a series term is dropped.
var refEps = new(big.Float).SetMantExp(big.NewFloat(1), -refPrec-8)

// atanhSeries returns atanh(s) = sum_k s**(2k+1)/(2k+1) for |s| <= 0.2.
func atanhSeries(s *big.Float) *big.Float {
	if s.Sign() == 0 {
		return newBig(0)
	}
	s2 := new(big.Float).SetPrec(refPrec).Mul(s, s)
	sum := new(big.Float).SetPrec(refPrec).Set(s)
	pow := new(big.Float).SetPrec(refPrec).Set(s)
	term := newBig(0)
	tol := new(big.Float).SetPrec(refPrec).Mul(s, refEps)
	tol.Abs(tol)
	for k := 1; ; k++ {
		pow.Mul(pow, s2)
		term.Quo(pow, newBig(float64(2*k+1)))
		sum.Add(sum, term)
		if new(big.Float).Abs(term).Cmp(tol) < 0 {
			return sum
		}
	}
}

// bigLn2 returns ln 2 = 2*atanh(1/3).
func bigLn2() *big.Float {
	third := new(big.Float).SetPrec(refPrec).Quo(newBig(1), newBig(3))
	r := atanhSeries(third)
	return r.Mul(r, newBig(2))
}

// refExp returns e**x to refPrec bits: x = k*ln2 + r, e**(r/2**12) by its
// Taylor series, squared 12 times, scaled by 2**k.
func refExp(x, ln2 *big.Float) *big.Float {
	q := new(big.Float).SetPrec(refPrec).Quo(x, ln2)
	qf, _ := q.Float64()
	k := math.Round(qf)
	r := new(big.Float).SetPrec(refPrec).Mul(newBig(k), ln2)
	r.Sub(x, r)
	const halvings = 12
	r.SetMantExp(r, -halvings)
	sum := newBig(1)
	term := newBig(1)
	for i := 1; ; i++ {
		term.Mul(term, r)
		term.Quo(term, newBig(float64(i)))
		sum.Add(sum, term)
		if new(big.Float).Abs(term).Cmp(refEps) < 0 {
			break
		}
	}
	for i := 0; i < halvings; i++ {
		sum.Mul(sum, sum)
	}
	return sum.SetMantExp(sum, int(k))
}

// refLog returns log(x) for finite x > 0 to refPrec bits:
// x = m*2**e with m in [sqrt(2)/2, sqrt(2)), log x = e*ln2 + 2*atanh((m-1)/(m+1)).
func refLog(x float64, ln2 *big.Float) *big.Float {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	num := newBig(m - 1) // exact
	den := newBig(m)
	den.Add(den, newBig(1))
	num.Quo(num, den)
	l := atanhSeries(num)
	l.Mul(l, newBig(2))
	return l.Add(l, new(big.Float).SetPrec(refPrec).Mul(newBig(float64(e)), ln2))
}

// refLog1p returns log(1+x) for x > -1 to refPrec bits.
func refLog1p(x float64, ln2 *big.Float) *big.Float {
	u := newBig(x)
	u.Add(u, newBig(1))
	// u = m*2**e exactly in big arithmetic, m in [0.5, 1).
	m := new(big.Float).SetPrec(refPrec)
	e := u.MantExp(m)
	if m.Cmp(newBig(math.Sqrt2/2)) < 0 {
		m.SetMantExp(m, 1)
		e--
	}
	num := new(big.Float).SetPrec(refPrec).Sub(m, newBig(1))
	den := new(big.Float).SetPrec(refPrec).Add(m, newBig(1))
	num.Quo(num, den)
	l := atanhSeries(num)
	l.Mul(l, newBig(2))
	return l.Add(l, new(big.Float).SetPrec(refPrec).Mul(newBig(float64(e)), ln2))
}

// refPow returns x**y for finite x > 0 as e**(y*log x) to refPrec bits.
func refPow(x, y float64, ln2 *big.Float) *big.Float {
	l := refLog(x, ln2)
	return refExp(l.Mul(l, newBig(y)), ln2)
}

// ulpErr returns |got - want| in units of the last place of want rounded to
// float64 (for subnormal results, of the smallest subnormal).
func ulpErr(got float64, want *big.Float) float64 {
	w, _ := want.Float64()
	if math.IsInf(w, 0) || w == 0 {
		return ulpDiff(got, w)
	}
	aw := math.Abs(w)
	ulp := math.Nextafter(aw, math.Inf(1)) - aw
	d := new(big.Float).SetPrec(refPrec).Sub(newBig(got), want)
	d.Quo(d, newBig(ulp))
	f, _ := d.Float64()
	return math.Abs(f)
}

// inputGen draws test inputs deterministically from a fixed PCG stream.
type inputGen struct{ r *rand.Rand }

func newInputGen(seed uint64) inputGen {
	return inputGen{rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
}

// uniform returns a uniform draw from [lo, hi).
func (g inputGen) uniform(lo, hi float64) float64 {
	return lo + float64((hi-lo)*g.r.Float64())
}

// positive returns a positive finite double with a uniformly drawn
// representation: every binade, subnormals included, equally likely.
func (g inputGen) positive() float64 {
	for {
		x := math.Float64frombits(g.r.Uint64() >> 1)
		if x > 0 && !math.IsInf(x, 0) && !math.IsNaN(x) {
			return x
		}
	}
}
