package survey

import (
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"github.com/ppgpa/ppgpa/internal/special"
)

// PropMethod selects a confidence interval for a proportion estimated from
// a complex design (R survey's svyciprop methods).
type PropMethod int

const (
	// PropLogit is the Wald interval on the logit scale, R's default:
	//
	//	expit(logit(p) -+ t_{df} SE(p) / (p(1-p)))
	PropLogit PropMethod = iota
	// PropMean is the Wald interval p -+ t_{df} SE(p), with a t quantile
	// on the design degrees of freedom (not the normal quantile); it is
	// clipped to [0, 1] (R's is not: see [PropInterval]).
	PropMean
	// PropBeta is Korn and Graubard's (1998) [7] interval: with the
	// effective sample size
	//
	//	n_eff = p(1-p)/Var(p) * (qt(a/2, n-1) / qt(a/2, df))^2
	//
	// it is [qbeta(a/2, n_eff p, n_eff (1-p) + 1),
	// qbeta(1-a/2, n_eff p + 1, n_eff (1-p))].
	PropBeta
	// PropLikelihood is the Rao-Scott scaled profile-likelihood interval
	// (Lumley and Scott 2014) [8]: the logits b with
	//
	//	(D(b) - D(bhat)) / phi <= qt(1-a/2, df)^2 * V_design / V_naive
	//
	// where D is the binomial deviance with prior weights pi_i = w_i/mean(w)
	// and phi the svyglm dispersion, the design variance (svyvar, divisor
	// n-1) of the Pearson residuals sqrt(pi_i) (y_i - p)/sqrt(p(1-p)). The root is found exactly (by bisection); R evaluates
	// the profile on a grid and interpolates with spline(), so R's bounds
	// differ from these by a few tenths of a percent.
	PropLikelihood
)

var propMethodNames = []string{"logit", "mean", "beta", "likelihood"}

// String returns the lowercase name of m.
func (m PropMethod) String() string { return enumString("PropMethod", int(m), propMethodNames) }

// MarshalText returns the lowercase name of m.
func (m PropMethod) MarshalText() ([]byte, error) {
	return enumMarshal("PropMethod", int(m), propMethodNames)
}

// UnmarshalText parses a lowercase name.
func (m *PropMethod) UnmarshalText(b []byte) error {
	return enumUnmarshal("PropMethod", b, propMethodNames, (*int)(m))
}

// PropSettings configures [Design.PropCI]. The zero value is a 95 % logit
// interval that fails on NaN values.
type PropSettings struct {
	Method PropMethod
	// Level is the confidence level; 0 means 0.95.
	Level float64
	// Missing is the treatment of NaN values.
	Missing Missing
}

// PropInterval is a design-based confidence interval for a proportion.
type PropInterval struct {
	Estimate, Lower, Upper float64
	// SE is the linearisation standard error of the estimate.
	SE float64
	// DF is the design degrees of freedom used for the t quantiles.
	DF int
	// N is the number of rows used.
	N int
	// UnclippedLower and UnclippedUpper are the bounds before clipping to
	// [0, 1]; they differ from Lower and Upper only for PropMean (R's
	// svyciprop(method="mean") reports these).
	UnclippedLower, UnclippedUpper float64
}

// PropCI returns the confidence interval for the proportion estimated by
// the weighted mean of y (values in [0, 1], usually 0/1 indicators) under
// the design.
//
// The bounds always lie in [0, 1] and contain the estimate. When the
// estimate is 0 or 1 its linearised variance is 0: PropLogit and PropMean
// then give the degenerate interval at the estimate, PropBeta takes
// n_eff = n (so [0, qbeta(1-a/2, 1, n)] at 0), and PropLikelihood returns
// an error wrapping ErrInvalidInput.
//
// It returns an error wrapping [ErrDegreesOfFreedom] if the design has no
// degrees of freedom (df <= 0, or n <= 1 for PropBeta), ErrInvalidInput
// for y outside [0, 1] or a level outside (0, 1), and the errors of
// [Design.Estimate]. It panics if len(y) != Len() or the method is
// unknown.
func (d *Design) PropCI(y []float64, s PropSettings) (PropInterval, error) {
	return d.PropCIDomain(y, nil, s)
}

// PropCIDomain is [Design.PropCI] for the proportion in the domain of the
// rows with domain[i] true (nil: all rows), estimated as by
// [Design.EstimateDomain]: rows outside the domain stay in the design with
// a zero contribution. The t quantiles use the degrees of freedom of the
// whole design, and n (for PropBeta and PropLikelihood) is the number of
// domain rows with a value. (R's svyciprop on a subset() design uses the
// subset's own degf; the two agree when the domain touches every PSU.)
// It panics if len(y) or a non-nil len(domain) differs from Len().
func (d *Design) PropCIDomain(y []float64, domain []bool, s PropSettings) (PropInterval, error) {
	checkEnum("PropMethod", int(s.Method), len(propMethodNames))
	level := s.Level
	if level == 0 {
		level = 0.95
	}
	if !(level > 0 && level < 1) {
		return PropInterval{}, fmt.Errorf("%w: level %v", ErrInvalidInput, s.Level)
	}
	d.checkLen("y", len(y))
	if domain != nil {
		d.checkLen("domain", len(domain))
	}
	for i, v := range y {
		if (domain == nil || domain[i]) && (v < 0 || v > 1) {
			return PropInterval{}, &RowError{Row: i, ID: d.ids[i], Err: fmt.Errorf("%w: proportion variable %v outside [0, 1]", ErrInvalidInput, v)}
		}
	}
	e, err := d.EstimateDomain(y, domain, EstimateSettings{Missing: s.Missing})
	if err != nil {
		return PropInterval{}, err
	}
	yd := y
	if domain != nil {
		yd = make([]float64, len(y))
		for i, v := range y {
			yd[i] = math.NaN()
			if domain[i] {
				yd[i] = v
			}
		}
	}
	n := 0
	for _, v := range yd {
		if !math.IsNaN(v) {
			n++
		}
	}
	out := PropInterval{Estimate: e.Mean, SE: e.SEMean, DF: e.DF, N: n}
	lik := func(t2 float64) (float64, float64) {
		return d.likelihoodCI(yd, e.Mean, float64(e.SEMean*e.SEMean), t2)
	}
	out.Lower, out.Upper, out.UnclippedLower, out.UnclippedUpper, err = propBounds(s.Method, e.Mean, e.SEMean, e.DF, n, level, lik)
	return out, err
}

// PropCIFromSE returns the interval of method m for a proportion p with
// standard error se (from any variance method, replicate weights
// included), design degrees of freedom df and n respondents, as
// [Design.PropCI] computes it from the data. PropLikelihood needs the data
// and is an error wrapping ErrInvalidInput here. It returns an error
// wrapping ErrDegreesOfFreedom for df <= 0 (or n <= 1 for PropBeta) and
// ErrInvalidInput for p outside [0, 1], a negative or non-finite se, or a
// level outside (0, 1). It panics if the method is unknown.
func PropCIFromSE(m PropMethod, p, se float64, df, n int, level float64) (PropInterval, error) {
	checkEnum("PropMethod", int(m), len(propMethodNames))
	out := PropInterval{Estimate: p, SE: se, DF: df, N: n}
	if !(p >= 0 && p <= 1) || !(se >= 0) || math.IsInf(se, 0) || !(level > 0 && level < 1) {
		return out, fmt.Errorf("%w: proportion %v, se %v, level %v", ErrInvalidInput, p, se, level)
	}
	var err error
	out.Lower, out.Upper, out.UnclippedLower, out.UnclippedUpper, err = propBounds(m, p, se, df, n, level, nil)
	return out, err
}

// TInterval returns the Wald interval est -+ t_{df} se at the given
// level, not clipped (R's confint(svymean(...), df = degf(design))). It
// returns an error wrapping ErrDegreesOfFreedom if df <= 0,
// ErrInvalidInput for a level outside (0, 1), and ErrOverflow when a
// finite est and se give a bound beyond the range of float64.
func TInterval(est, se float64, df int, level float64) (lo, hi float64, err error) {
	if !(level > 0 && level < 1) {
		return 0, 0, fmt.Errorf("%w: level %v", ErrInvalidInput, level)
	}
	return tBounds(est, se, df, level)
}

// propBounds returns the clipped and unclipped bounds of the interval of
// method m for the proportion p with standard error se, design degrees of
// freedom df and n rows, at the given level (in (0, 1)). lik computes the
// likelihood bounds for the squared t quantile (nil: PropLikelihood is
// not available). See [PropMethod] for the formulas.
func propBounds(m PropMethod, p, se float64, df, n int, level float64, lik func(t2 float64) (float64, float64)) (lo, hi, ulo, uhi float64, err error) {
	if df <= 0 {
		return 0, 0, 0, 0, fmt.Errorf("%w: design df = %d", ErrDegreesOfFreedom, df)
	}
	a := 1 - level
	t := special.TQuantile(1-a/2, float64(df))
	switch m {
	case PropMean:
		h := float64(t * se)
		lo, hi = p-h, p+h
	case PropLogit:
		if p == 0 || p == 1 {
			lo, hi = p, p
			break
		}
		b := detmath.Log(p / (1 - p))
		h := float64(t*se) / float64(p*(1-p))
		lo, hi = expit(b-h), expit(b+h)
	case PropBeta:
		if n <= 1 {
			return 0, 0, 0, 0, fmt.Errorf("%w: %d rows", ErrDegreesOfFreedom, n)
		}
		neff := float64(n)
		if v := float64(se * se); v > 0 {
			r := special.TQuantile(a/2, float64(n-1)) / special.TQuantile(a/2, float64(df))
			neff = float64(p*(1-p)) / v * float64(r*r)
		}
		lo, hi = 0, 1
		if p > 0 {
			lo = special.BetaQuantile(a/2, float64(neff*p), float64(neff*(1-p))+1)
		}
		if p < 1 {
			hi = special.BetaQuantile(1-a/2, float64(neff*p)+1, float64(neff*(1-p)))
		}
	case PropLikelihood:
		if p == 0 || p == 1 {
			return 0, 0, 0, 0, fmt.Errorf("%w: likelihood interval needs 0 < p < 1, got %v", ErrInvalidInput, p)
		}
		if lik == nil {
			return 0, 0, 0, 0, fmt.Errorf("%w: the likelihood interval needs one design domain (not a combination of groups)", ErrInvalidInput)
		}
		lo, hi = lik(float64(t * t))
	}
	ulo, uhi = lo, hi
	lo = math.Max(0, math.Min(lo, p))
	hi = math.Min(1, math.Max(hi, p))
	return lo, hi, ulo, uhi, nil
}

// tBounds returns the Wald interval est -+ t_{df} se at the given level,
// not clipped (R's confint(svymean(...), df = degf(design))). It returns
// an error wrapping ErrDegreesOfFreedom if df <= 0.
func tBounds(est, se float64, df int, level float64) (lo, hi float64, err error) {
	if df <= 0 {
		return 0, 0, fmt.Errorf("%w: design df = %d", ErrDegreesOfFreedom, df)
	}
	h := float64(special.TQuantile(1-(1-level)/2, float64(df)) * se)
	lo, hi = est-h, est+h
	if finite(est) && finite(se) && !(finite(lo) && finite(hi)) {
		return 0, 0, fmt.Errorf("%w: the interval %v ± %v × %v", ErrOverflow, est, special.TQuantile(1-(1-level)/2, float64(df)), se)
	}
	return lo, hi, nil
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// expit returns 1/(1 + exp(-x)).
func expit(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + detmath.Exp(-x))
	}
	e := detmath.Exp(x)
	return e / (1 + e)
}

// likelihoodCI returns the bounds of PropLikelihood. With prior weights
// pi_i = w_i/mean(w) summing to n, the deviance difference is
//
//	D(b) - D(bhat) = 2 n [p log(p/mu) + (1-p) log((1-p)/(1-mu))],  mu = expit(b)
//
// and V_design/V_naive = n Var(p) / (p(1-p)).
func (d *Design) likelihoodCI(y []float64, p, varP, t2 float64) (lo, hi float64) {
	var sw float64
	n := 0
	for i, v := range y {
		if !math.IsNaN(v) {
			sw += d.w[i]
			n++
		}
	}
	fn := float64(n)
	mw := sw / fn
	// phi: svyvar of the Pearson residuals r_i = sqrt(pi_i) (y_i - p)/sqrt(p(1-p)).
	pq := float64(p * (1 - p))
	sq := math.Sqrt(pq)
	var rbar float64
	for i, v := range y {
		if !math.IsNaN(v) {
			rbar += float64(d.w[i] * (math.Sqrt(d.w[i]/mw) * (v - p) / sq))
		}
	}
	rbar /= sw
	var ss float64
	for i, v := range y {
		if !math.IsNaN(v) {
			e := math.Sqrt(d.w[i]/mw)*(v-p)/sq - rbar
			ss += float64(float64(d.w[i]*e) * e)
		}
	}
	phi := fn / (fn - 1) * ss / sw
	lambda := fn * varP / pq
	cut := float64(t2 * lambda)
	excess := func(b float64) float64 {
		mu := expit(b)
		kl := float64(p*detmath.Log(p/mu)) + float64((1-p)*detmath.Log((1-p)/(1-mu)))
		return float64(2*fn*kl)/phi - cut
	}
	bhat := detmath.Log(p / (1 - p))
	root := func(dir float64) float64 {
		// Bracket: step away from bhat until the excess is positive.
		step := 1.0
		inner, outer := bhat, bhat+float64(dir*step)
		for excess(outer) < 0 && step < 1e3 {
			inner = outer
			step *= 2
			outer = bhat + float64(dir*step)
		}
		for k := 0; k < 200; k++ {
			mid := (inner + outer) / 2
			if mid == inner || mid == outer {
				break
			}
			if excess(mid) < 0 {
				inner = mid
			} else {
				outer = mid
			}
		}
		return expit((inner + outer) / 2)
	}
	return root(-1), root(1)
}
