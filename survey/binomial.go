package survey

import (
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/internal/special"
)

// BinomialMethod selects an interval for a binomial proportion x/n from a
// simple random sample.
type BinomialMethod int

const (
	// Wilson is the score interval without continuity correction (R's
	// prop.test(x, n, correct=FALSE)) [2].
	Wilson BinomialMethod = iota
	// Wald is p +- z sqrt(p(1-p)/n), clipped to [0, 1].
	Wald
	// ClopperPearson is the exact interval of R's binom.test [3].
	ClopperPearson
	// AgrestiCoull is the adjusted Wald interval of [4], clipped to [0, 1].
	AgrestiCoull
)

var binomialNames = []string{"wilson", "wald", "clopper-pearson", "agresti-coull"}

// String returns the lowercase name of m.
func (m BinomialMethod) String() string { return enumString("BinomialMethod", int(m), binomialNames) }

// MarshalText returns the lowercase name of m.
func (m BinomialMethod) MarshalText() ([]byte, error) {
	return enumMarshal("BinomialMethod", int(m), binomialNames)
}

// UnmarshalText parses a lowercase name.
func (m *BinomialMethod) UnmarshalText(b []byte) error {
	return enumUnmarshal("BinomialMethod", b, binomialNames, (*int)(m))
}

// Interval is a point estimate of a proportion with its confidence
// interval.
type Interval struct {
	Estimate, Lower, Upper float64
}

// BinomialCI returns the level confidence interval (e.g. 0.95) for x
// successes in n trials, with p = x/n and z = qnorm((1+level)/2):
//
//	Wald:           p -+ z sqrt(p(1-p)/n)
//	Wilson:         (p + z^2/2n -+ z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n)
//	ClopperPearson: [qbeta(a/2, x, n-x+1), qbeta(1-a/2, x+1, n-x)], a = 1-level
//	AgrestiCoull:   pt -+ z sqrt(pt(1-pt)/nt), nt = n + z^2, pt = (x + z^2/2)/nt
//
// Bounds are clipped to [0, 1]; Wilson and Clopper-Pearson give exactly 0
// when x = 0 and 1 when x = n, as R does. It returns an error wrapping
// ErrInvalidInput unless 0 <= x <= n, n > 0 and 0 < level < 1. It panics
// for an unknown method.
func BinomialCI(x, n int, level float64, m BinomialMethod) (Interval, error) {
	checkEnum("BinomialMethod", int(m), len(binomialNames))
	if n <= 0 || x < 0 || x > n || !(level > 0 && level < 1) {
		return Interval{}, fmt.Errorf("%w: x=%d, n=%d, level=%v", ErrInvalidInput, x, n, level)
	}
	fn := float64(n)
	p := float64(x) / fn
	z := special.NormalQuantile((1 + level) / 2)
	z2 := float64(z * z)
	out := Interval{Estimate: p}
	switch m {
	case Wald:
		h := float64(z * math.Sqrt(p*(1-p)/fn))
		out.Lower, out.Upper = p-h, p+h
	case Wilson:
		c := p + z2/(2*fn)
		h := float64(z * math.Sqrt(float64(p*(1-p))/fn+z2/float64(4*fn*fn)))
		den := 1 + z2/fn
		out.Lower, out.Upper = (c-h)/den, (c+h)/den
		if x == 0 {
			out.Lower = 0
		}
		if x == n {
			out.Upper = 1
		}
	case ClopperPearson:
		a := 1 - level
		if x > 0 {
			out.Lower = special.BetaQuantile(a/2, float64(x), float64(n-x+1))
		}
		out.Upper = 1
		if x < n {
			out.Upper = special.BetaQuantile(1-a/2, float64(x+1), float64(n-x))
		}
	case AgrestiCoull:
		nt := fn + z2
		pt := (float64(x) + z2/2) / nt
		h := float64(z * math.Sqrt(pt*(1-pt)/nt))
		out.Lower, out.Upper = pt-h, pt+h
	}
	out.Lower = math.Max(0, math.Min(out.Lower, p))
	out.Upper = math.Min(1, math.Max(out.Upper, p))
	return out, nil
}
