package ranking

import (
	"math"
	"math/rand/v2"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"github.com/ppgpa/ppgpa/internal/special"
)

// binomial returns a Binomial(n, p) deviate drawn from r. For n min(p, 1-p)
// < 10 it inverts the CDF by the recurrence f(k) = f(k-1) ((n+1)s/k - s),
// s = p/(1-p) (Kachitvichyanukul and Schmeiser 1988, BINV); otherwise it
// uses Hörmann's transformed rejection with squeeze, BTRS [7], with exact
// acceptance through log-factorials. Products are rounded explicitly and
// exp/log are the portable ones, so a stream gives the same deviates on
// every architecture.
func binomial(r *rand.Rand, n int, p float64) int {
	switch {
	case n <= 0 || p <= 0:
		return 0
	case p >= 1:
		return n
	case p > 0.5:
		return n - binomial(r, n, 1-p)
	}
	if float64(float64(n)*p) < 10 {
		return binomialInversion(r, n, p)
	}
	return binomialBTRS(r, n, p)
}

func binomialInversion(r *rand.Rand, n int, p float64) int {
	q := 1 - p
	s := p / q
	a := float64(float64(n+1) * s)
	f := detmath.Exp(float64(float64(n) * detmath.Log1p(-p)))
	u := r.Float64()
	k := 0
	for u > f {
		u -= f
		k++
		if k > n {
			return n // rounding left u above the total mass
		}
		f = float64(f * (a/float64(k) - s))
	}
	return k
}

func binomialBTRS(r *rand.Rand, n int, p float64) int {
	nf := float64(n)
	q := 1 - p
	spq := math.Sqrt(float64(float64(nf*p) * q))
	b := float64(2.53*spq) + 1.15
	a := float64(0.0248*b) + float64(0.01*p) - 0.0873
	c := float64(nf*p) + 0.5
	vr := 0.92 - 4.2/b
	alpha := float64((2.83 + 5.1/b) * spq)
	m := math.Floor(float64((nf + 1) * p))
	var h, lpq float64
	haveH := false
	for {
		u := r.Float64() - 0.5
		v := r.Float64()
		us := 0.5 - math.Abs(u)
		k := math.Floor(float64(float64(2*a/us+b)*u) + c)
		if k < 0 || k > nf {
			continue
		}
		if us >= 0.07 && v <= vr {
			return int(k)
		}
		if !haveH {
			h = special.LogGamma(m+1) + special.LogGamma(nf-m+1)
			lpq = detmath.Log(p / q)
			haveH = true
		}
		lv := detmath.Log(float64(v*alpha) / (a/float64(us*us) + b))
		if lv <= h-special.LogGamma(k+1)-special.LogGamma(nf-k+1)+float64((k-m)*lpq) {
			return int(k)
		}
	}
}

// multinomialCounts draws counts of a Multinomial(total, c/sum(c)) into
// dst by conditional binomials: x_k ~ Bin(total - x_0 - ... - x_{k-1},
// c_k / (c_k + ... + c_{K-1})), the last category taking the rest. The
// conditional probabilities are ratios of integer counts, so they carry
// no accumulated rounding.
func multinomialCounts(r *rand.Rand, total int, c []int, suffix []int, dst []int) {
	rem := total
	last := len(c) - 1
	for k := 0; k < last; k++ {
		if rem == 0 || suffix[k] == 0 {
			dst[k] = 0
			continue
		}
		x := binomial(r, rem, float64(c[k])/float64(suffix[k]))
		dst[k] = x
		rem -= x
	}
	if last >= 0 {
		dst[last] = rem
	}
}
