package survey

import (
	"fmt"
	"math"
	"sort"
)

// Missing says how an estimate treats NaN values of the variable.
type Missing int

const (
	// MissingFail returns an error naming the first row with NaN.
	MissingFail Missing = iota
	// MissingDomain treats rows with NaN as outside the estimation domain:
	// they keep their place in the design (their PSUs and SSUs still count
	// in n_h and m_hi) with a zero contribution, as R survey's na.rm=TRUE
	// does. Deleting the rows first would give different standard errors.
	MissingDomain
)

var missingNames = []string{"fail", "domain"}

// String returns the lowercase name of m.
func (m Missing) String() string { return enumString("Missing", int(m), missingNames) }

// MarshalText returns the lowercase name of m.
func (m Missing) MarshalText() ([]byte, error) { return enumMarshal("Missing", int(m), missingNames) }

// UnmarshalText parses a lowercase name.
func (m *Missing) UnmarshalText(b []byte) error {
	return enumUnmarshal("Missing", b, missingNames, (*int)(m))
}

// EstimateSettings configures [Design.Estimate]. The zero value fails on
// NaN values.
type EstimateSettings struct {
	Missing Missing
}

// Estimate is a weighted mean and total with their design-based standard
// errors and design effects.
type Estimate struct {
	// Mean is the ratio sum_i w_i y_i / sum_i w_i over the domain.
	Mean float64
	// SEMean is its linearisation standard error.
	SEMean float64
	// Total is sum_i w_i y_i over the domain.
	Total float64
	// SETotal is its linearisation standard error.
	SETotal float64
	// DeffMean and DeffTotal are the design effects against simple random
	// sampling without replacement, DeffMeanReplace and DeffTotalReplace
	// against sampling with replacement (R's deff=TRUE and
	// deff="replace"); NaN when n < 2. DeffMean and DeffTotal are also
	// NaN when the weights sum to at most n (equal weights of 1, weights
	// not scaled to the population): the without-replacement SRS variance
	// s^2 (N - n)/(N n) with N = sum w is then 0 or negative, where R
	// reports Inf (N = n) or NA (N < n); use the Replace variants there.
	DeffMean, DeffTotal, DeffMeanReplace, DeffTotalReplace float64
	// PopSize is the estimated domain population size sum_i w_i.
	PopSize float64
	// N is the number of domain rows with non-zero weight.
	N int
	// DF is the design degrees of freedom (of the whole design).
	DF int
}

// Estimate returns the weighted mean and total of y (one value per design
// row) with standard errors by Taylor linearisation (see the package
// documentation for the variance formula and its conventions).
//
// It returns an error wrapping ErrInvalidInput for a NaN or infinite y
// under MissingFail (a *RowError naming the row), ErrEmptyCell if the
// weights of the (non-missing) rows sum to zero, ErrSingletonPSU for a
// single-PSU stratum under SingletonFail, and ErrOverflow when the mean,
// total or a standard error would not be finite (weights times values
// beyond the range of float64): no estimate is NaN or infinite with a nil
// error (the design effects may be NaN, as documented on [Estimate]). It
// panics if len(y) != Len().
func (d *Design) Estimate(y []float64, s EstimateSettings) (Estimate, error) {
	return d.EstimateDomain(y, nil, s)
}

// EstimateDomain is [Design.Estimate] restricted to the rows with
// domain[i] true (nil: all rows). Rows outside the domain stay in the
// design with a zero contribution, so the standard error accounts for the
// random domain size. It panics if len(y) or a non-nil len(domain) differs
// from Len().
func (d *Design) EstimateDomain(y []float64, domain []bool, s EstimateSettings) (Estimate, error) {
	rows, vals, err := d.domainRows(y, domain, s)
	if err != nil {
		return Estimate{}, err
	}
	return d.estimateRows(newVarWork(d), rows, vals, d.w, false)
}

// domainRows returns the rows of the domain (nil: all) with a usable
// value of y, and those values; NaN is skipped under MissingDomain.
func (d *Design) domainRows(y []float64, domain []bool, s EstimateSettings) ([]int32, []float64, error) {
	d.checkLen("y", len(y))
	if domain != nil {
		d.checkLen("domain", len(domain))
	}
	rows := make([]int32, 0, d.n)
	vals := make([]float64, 0, d.n)
	for i, v := range y {
		if domain != nil && !domain[i] {
			continue
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			if s.Missing == MissingDomain && math.IsNaN(v) {
				continue
			}
			return nil, nil, &RowError{Row: i, ID: d.ids[i], Err: fmt.Errorf("%w: value %v", ErrInvalidInput, v)}
		}
		rows = append(rows, int32(i))
		vals = append(vals, v)
	}
	return rows, vals, nil
}

// estimateRows computes the estimate over the listed rows (values y,
// weights w indexed by design row) with the work space v. With meanOnly
// the total's variance (and so SETotal and DeffTotal*) is not computed.
func (d *Design) estimateRows(v *varWork, rows []int32, y, w []float64, meanOnly bool) (Estimate, error) {
	var W, T float64
	n := 0
	for k, r := range rows {
		wr := w[r]
		W += wr
		T += float64(wr * y[k])
		if wr != 0 {
			n++
		}
	}
	if !(W > 0) {
		return Estimate{}, fmt.Errorf("%w: domain weights sum to %v", ErrEmptyCell, W)
	}
	mean := T / W
	if cap(v.z) < len(rows) {
		v.z = make([]float64, len(rows))
	}
	z := v.z[:len(rows)]
	var ss float64
	vt := math.NaN()
	if !meanOnly {
		for k, r := range rows {
			z[k] = float64(w[r] * y[k])
		}
		var err error
		if vt, err = v.totalVariance(rows, z); err != nil {
			return Estimate{}, err
		}
	}
	for k, r := range rows {
		e := y[k] - mean
		z[k] = w[r] * e / W
		ss += float64(float64(w[r]*e) * e)
	}
	vm, err := v.totalVariance(rows, z)
	if err != nil {
		return Estimate{}, err
	}
	v.vm = vm
	est := Estimate{Mean: mean, SEMean: math.Sqrt(vm), Total: T, SETotal: math.Sqrt(vt), PopSize: W, N: n, DF: d.degf}
	if err := checkEstimate(len(rows), est.Mean, est.SEMean, est.Total, est.SETotal, est.PopSize, meanOnly); err != nil {
		return Estimate{}, err
	}
	est.DeffMean, est.DeffTotal, est.DeffMeanReplace, est.DeffTotalReplace = math.NaN(), math.NaN(), math.NaN(), math.NaN()
	if n > 1 {
		fn := float64(n)
		s2 := fn / (fn - 1) * ss / W
		srsMean := s2 * (W - fn) / (W * fn)
		repMean := s2 / fn
		if W > fn {
			est.DeffMean = vm / srsMean
			est.DeffTotal = vt / (srsMean * W * W)
		}
		est.DeffMeanReplace = vm / repMean
		est.DeffTotalReplace = vt / (repMean * W * W)
	}
	return est, nil
}

// checkEstimate returns an error wrapping ErrOverflow when an estimate of
// n rows, computed from finite weights and values, is not finite: sums of
// weights times values beyond the range of float64 (about 1.8e308). The
// total's standard error is not checked with meanOnly (not computed).
func checkEstimate(n int, mean, seMean, total, seTotal, popSize float64, meanOnly bool) error {
	for _, c := range []struct {
		name string
		v    float64
	}{{"weights' sum", popSize}, {"total", total}, {"mean", mean}, {"standard error of the mean", seMean}, {"standard error of the total", seTotal}} {
		if meanOnly && c.name == "standard error of the total" {
			continue
		}
		if !finite(c.v) {
			return fmt.Errorf("%w: the %s of %d rows is %v (weights times values beyond float64)", ErrOverflow, c.name, n, c.v)
		}
	}
	return nil
}

// DomainEstimate is the estimate of one domain.
type DomainEstimate struct {
	Domain string
	Estimate
}

// EstimateBy returns [Design.EstimateDomain] for every domain of by (for
// example the respondent groups, d.Groups()), sorted by domain name. A
// domain whose rows all have zero weight or missing values is an error
// wrapping ErrEmptyCell naming it (a *CellError). It panics if len(y) or
// len(by) differs from Len().
func (d *Design) EstimateBy(y []float64, by []string, s EstimateSettings) ([]DomainEstimate, error) {
	d.checkLen("by", len(by))
	names := map[string]bool{}
	for _, b := range by {
		names[b] = true
	}
	sorted := make([]string, 0, len(names))
	for b := range names {
		sorted = append(sorted, b)
	}
	sort.Strings(sorted)
	out := make([]DomainEstimate, 0, len(sorted))
	dom := make([]bool, d.n)
	for _, name := range sorted {
		for i, b := range by {
			dom[i] = b == name
		}
		e, err := d.EstimateDomain(y, dom, s)
		if err != nil {
			return nil, &CellError{Variable: "domain", Cell: name, Err: err}
		}
		out = append(out, DomainEstimate{Domain: name, Estimate: e})
	}
	return out, nil
}
