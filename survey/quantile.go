package survey

import (
	"fmt"
	"math"
	"sort"

	"github.com/ppgpa/ppgpa/internal/special"
)

// QuantileEstimate is a design-based quantile with its Woodruff interval.
type QuantileEstimate struct {
	// P is the probability of the quantile (0.5 for the median).
	P float64
	// Quantile is Q(P) by the quantile rule of [Design.Quantile].
	Quantile float64
	// Lower and Upper are the Woodruff confidence bounds at the level
	// (NaN when the interval for the proportion leaves [0, 1]).
	Lower, Upper float64
	// SE is (Upper - Lower) / (2 t), t = qt(1 - alpha/2, DF), as R.
	SE float64
	// PHat and SEP are the estimated proportion of values <= Quantile
	// and its linearised standard error, from which the interval comes.
	PHat, SEP float64
	// DF is the degrees of freedom of t ([Design.DF]).
	DF int
}

// Quantile returns the design-based p-quantile of y over the domain (nil:
// every row; under MissingDomain also without the rows where y is NaN)
// with its Woodruff (1952) confidence interval at level, as R survey's
// svyquantile(~y, design, p, interval.type = "mean", qrule = "math"),
// the defaults of survey 4.1:
//
//	Q(p) = min { y_(k) : W_k >= p W }
//
// with y_(1) <= y_(2) <= ... the values of positive weight in increasing
// order, W_k the cumulative weight of the first k and W the total weight
// (the inverse of the weighted distribution function, "math" rule: no
// interpolation). The interval: phat = weighted mean of [y <= Q(p)] and
// its linearised standard error s (the design's variance, adjustments
// included), [L, U] = [Q(phat - t s), Q(phat + t s)] with t =
// qt((1 + level)/2, DF), a bound being NaN when its probability leaves
// [0, 1]; SE = (U - L)/(2 t). A domain keeps the whole design's DF (R's
// svyby passes a subset design, whose degf can be smaller when the
// domain misses whole PSUs).
//
// It returns an error wrapping ErrInvalidInput for p outside [0, 1], a
// level outside (0, 1), or a NaN (outside MissingDomain) or infinite
// value, ErrEmptyCell for a domain without weight, ErrDegreesOfFreedom if
// DF <= 0, and the errors of the design variance. It panics if len(y) or
// a non-nil len(domain) differs from Len(). y is not modified.
func (d *Design) Quantile(y []float64, domain []bool, p, level float64, s EstimateSettings) (QuantileEstimate, error) {
	if !(p >= 0 && p <= 1) {
		return QuantileEstimate{}, fmt.Errorf("%w: quantile probability %v", ErrInvalidInput, p)
	}
	if !(level > 0 && level < 1) {
		return QuantileEstimate{}, fmt.Errorf("%w: level %v", ErrInvalidInput, level)
	}
	rows, vals, err := d.domainRows(y, domain, s)
	if err != nil {
		return QuantileEstimate{}, err
	}
	// Values of positive weight in increasing order (stable: ties keep
	// row order, as R's order()).
	idx := make([]int, 0, len(rows))
	for k, r := range rows {
		if d.w[r] != 0 {
			idx = append(idx, k)
		}
	}
	if len(idx) == 0 {
		return QuantileEstimate{}, fmt.Errorf("%w: no weight in the domain", ErrEmptyCell)
	}
	sort.SliceStable(idx, func(a, b int) bool { return vals[idx[a]] < vals[idx[b]] })
	cum := make([]float64, len(idx))
	var W float64
	for j, k := range idx {
		W += d.w[rows[k]]
		cum[j] = W
	}
	q := func(p float64) float64 {
		t := float64(p * W)
		j := sort.Search(len(cum), func(j int) bool { return cum[j] >= t })
		if j == len(cum) {
			j = len(cum) - 1
		}
		return vals[idx[j]]
	}
	out := QuantileEstimate{P: p, Quantile: q(p), DF: d.degf}
	if d.degf <= 0 {
		return out, fmt.Errorf("%w: design df %d", ErrDegreesOfFreedom, d.degf)
	}
	ind := make([]float64, len(vals))
	for k, v := range vals {
		if v <= out.Quantile {
			ind[k] = 1
		}
	}
	est, err := d.estimateRows(newVarWork(d), rows, ind, d.w, true)
	if err != nil {
		return out, err
	}
	out.PHat, out.SEP = est.Mean, est.SEMean
	t := special.TQuantile(1-(1-level)/2, float64(d.degf))
	h := float64(t * out.SEP)
	lo, hi := out.PHat-h, out.PHat+h
	out.Lower, out.Upper = math.NaN(), math.NaN()
	if lo >= 0 {
		out.Lower = q(lo)
	}
	if hi <= 1 {
		out.Upper = q(hi)
	}
	out.SE = (out.Upper - out.Lower) / float64(2*t)
	return out, nil
}

// RatioEstimate is a ratio of two totals with its standard error.
type RatioEstimate struct {
	// Ratio is sum_i w_i y_i / sum_i w_i x_i over the domain.
	Ratio float64
	// SE is the linearisation (or replicate) standard error.
	SE float64
	// DF is the degrees of freedom for intervals.
	DF int
}

// Ratio returns the ratio estimator R = sum_i w_i y_i / sum_i w_i x_i
// over the domain (nil: every row; under MissingDomain the rows where y or
// x is NaN are outside it) with its linearisation variance, as R survey's
// svyratio(~y, ~x, design): the variance of the total of
//
//	z_i = w_i (y_i - R x_i) / sum_j w_j x_j
//
// (zero outside the domain), with the design's post-stratification,
// raking or calibration adjustments. It returns an error wrapping
// ErrInvalidInput for a NaN (outside MissingDomain) or infinite value,
// ErrEmptyCell if sum w x is 0 over the domain, and the errors of the
// design variance. It panics if a length differs from Len().
func (d *Design) Ratio(y, x []float64, domain []bool, s EstimateSettings) (RatioEstimate, error) {
	rows, ys, xs, err := d.ratioRows(y, x, domain, s)
	if err != nil {
		return RatioEstimate{}, err
	}
	var T, X float64
	for k, r := range rows {
		T += float64(d.w[r] * ys[k])
		X += float64(d.w[r] * xs[k])
	}
	if X == 0 || math.IsNaN(X) {
		return RatioEstimate{}, fmt.Errorf("%w: denominator total %v", ErrEmptyCell, X)
	}
	R := T / X
	z := make([]float64, len(rows))
	for k, r := range rows {
		z[k] = d.w[r] * (ys[k] - float64(R*xs[k])) / X
	}
	v, err := newVarWork(d).totalVariance(rows, z)
	if err != nil {
		return RatioEstimate{}, err
	}
	return RatioEstimate{Ratio: R, SE: math.Sqrt(v), DF: d.degf}, nil
}

// Ratio is [Design.Ratio] with the replicate variance
// scale * sum_r rscales_r (R_r - c)^2 of the replicate ratios R_r (R's
// svyratio on a replicate design); a replicate with sum w x = 0 is an
// error wrapping ErrEmptyCell naming it.
func (r *ReplicateDesign) Ratio(y, x []float64, domain []bool, s EstimateSettings) (RatioEstimate, error) {
	rows, ys, xs, err := r.d.ratioRows(y, x, domain, s)
	if err != nil {
		return RatioEstimate{}, err
	}
	ratio := func(w []float64) (float64, error) {
		var T, X float64
		for k, i := range rows {
			T += float64(w[i] * ys[k])
			X += float64(w[i] * xs[k])
		}
		if X == 0 || math.IsNaN(X) {
			return 0, fmt.Errorf("%w: denominator total %v", ErrEmptyCell, X)
		}
		return T / X, nil
	}
	full, err := ratio(r.d.w)
	if err != nil {
		return RatioEstimate{}, err
	}
	theta := make([]float64, len(r.rep))
	for k, w := range r.rep {
		if theta[k], err = ratio(w); err != nil {
			return RatioEstimate{}, &CellError{Variable: "replicate", Cell: fmt.Sprint(k), Err: err}
		}
	}
	return RatioEstimate{Ratio: full, SE: math.Sqrt(r.variance(theta, full)), DF: r.DF()}, nil
}

func (d *Design) ratioRows(y, x []float64, domain []bool, s EstimateSettings) ([]int32, []float64, []float64, error) {
	d.checkLen("y", len(y))
	d.checkLen("x", len(x))
	if domain != nil {
		d.checkLen("domain", len(domain))
	}
	var rows []int32
	var ys, xs []float64
	for i := range y {
		if domain != nil && !domain[i] {
			continue
		}
		bad := false
		for _, v := range [2]float64{y[i], x[i]} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				if s.Missing == MissingDomain && math.IsNaN(v) {
					bad = true
					continue
				}
				return nil, nil, nil, &RowError{Row: i, ID: d.ids[i], Err: fmt.Errorf("%w: value %v", ErrInvalidInput, v)}
			}
		}
		if bad {
			continue
		}
		rows = append(rows, int32(i))
		ys = append(ys, y[i])
		xs = append(xs, x[i])
	}
	return rows, ys, xs, nil
}
