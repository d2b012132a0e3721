package survey

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/ppgpa/ppgpa/internal/special"
	"gonum.org/v1/gonum/mat"
)

// UnitCovariance is the covariance matrix of per-unit estimates that share
// respondents (every respondent rates every unit, as in Hangzhou, Nanjing
// and Qingdao), with the estimates themselves.
type UnitCovariance struct {
	// Units are the assessed units, in the order of [AnswerSet.Units].
	Units []string
	// Estimates are the per-unit estimates, as [AnswerSet.Estimates]
	// gives them.
	Estimates []UnitEstimate
	// Cov is the covariance matrix of the estimates. Its diagonal is the
	// per-unit variance from which Estimates[u].SE is the square root
	// (math.Sqrt(Cov.At(u, u)) == Estimates[u].SE, bit for bit).
	Cov *mat.SymDense
	// DF is the degrees of freedom of the comparisons: the design's
	// ([Design.DF]), or [ReplicateDesign.DF] with replicates.
	DF int
}

// Covariance returns the per-unit estimates of [AnswerSet.Estimates] with
// their full covariance matrix (R: svyby(~y, ~unit, design, svymean,
// covmat = TRUE), then vcov). By linearisation, with z_u the linearised
// variable of unit u's domain mean (zero outside its domain, after the
// design's post-stratification, raking or calibration adjustments), the
// covariance of units u and v is the design covariance of the totals of
// z_u and z_v:
//
//	C_uv = sum_h (1 - f_h) n_h/(n_h - 1) sum_i (Z_uhi - Zbar_uh)(Z_vhi - Zbar_vh)
//
// plus the second-stage term of the same form for two-stage designs with
// both fpcs, and R's lonely-PSU rules as for the variance (see the package
// documentation). With s.Replicates it is
//
//	C_uv = scale * sum_r rscales_r (Value_u(r) - c_u)(Value_v(r) - c_v)
//
// with the centres c as for the variance. The matrix is symmetric and
// positive semi-definite (up to rounding), and its diagonal is computed
// by the same code as the per-unit variances.
//
// GroupWeights are not supported here (an error wrapping
// ErrInvalidInput). A covariance whose arrays would exceed [MaxCells]
// (see the package documentation's bounds) is an error wrapping
// [ErrTooLarge]. Other errors and panics are those of
// [AnswerSet.Estimates].
func (a *AnswerSet) Covariance(ctx context.Context, s UnitSettings) (*UnitCovariance, error) {
	if s.GroupWeights != nil {
		return nil, fmt.Errorf("%w: the covariance of group-weighted combinations is not available; estimate each group", ErrInvalidInput)
	}
	est, err := a.Estimates(ctx, s)
	if err != nil {
		return nil, err
	}
	d := a.d
	item, err := a.itemIndex(s.Item)
	if err != nil {
		return nil, err
	}
	vals := a.values(s.Measure)
	U := len(a.units)
	if err := d.checkCov(U, s.Replicates); err != nil {
		return nil, err
	}
	rowsOf := make([][]int32, U)
	ysOf := make([][]float64, U)
	for u := range a.units {
		rowsOf[u], ysOf[u], _ = a.unitRows(u, item, s.Group, vals, nil, nil)
	}
	out := &UnitCovariance{Units: a.Units(), Estimates: est, Cov: mat.NewSymDense(max(U, 1), nil), DF: d.degf}
	if U == 0 {
		out.Cov = &mat.SymDense{}
		return out, nil
	}
	if rd := s.Replicates; rd != nil {
		out.DF = rd.DF()
		if err := rd.unitCov(ctx, out.Cov, rowsOf, ysOf, a.units); err != nil {
			return nil, err
		}
		return out, nil
	}
	if err := d.linearCov(ctx, out.Cov, rowsOf, ysOf); err != nil {
		return nil, err
	}
	return out, nil
}

// checkCov checks the sizes of the covariance of U domain means against
// MaxCells: U × U, and U × P PSU totals (U × SSUs in two stages) by
// linearisation or U × R replicate values with rd.
func (d *Design) checkCov(U int, rd *ReplicateDesign) error {
	if err := checkCells("the covariance (units × units)", U, U); err != nil {
		return err
	}
	if rd != nil {
		return checkCells("the replicate values (units × replicates)", U, len(rd.rep))
	}
	if err := checkCells("the PSU totals (units × PSUs)", U, len(d.psuStratum)); err != nil {
		return err
	}
	return checkCells("the SSU totals (units × SSUs)", U, len(d.ssuPSU))
}

// linearCov fills cov with the linearisation covariance of the domain
// means of y over rows (one domain per unit).
func (d *Design) linearCov(ctx context.Context, cov *mat.SymDense, rowsOf [][]int32, ysOf [][]float64) error {
	U := len(rowsOf)
	P := len(d.psuStratum)
	// dev[u] holds unit u's PSU totals of z, centred within strata; diag
	// the per-unit variances computed as for the estimates.
	dev := make([][]float64, U)
	diag := make([]float64, U)
	var dev2 [][]float64
	if d.stage2 {
		dev2 = make([][]float64, U)
	}
	work := newVarWork(d)
	dz := make([]float64, d.n)
	for u := range rowsOf {
		if u%16 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rows, y := rowsOf[u], ysOf[u]
		if _, err := d.estimateRows(work, rows, y, d.w, true); err != nil {
			return err
		}
		diag[u] = work.vm
		// z as estimateRows makes it.
		z := work.z[:len(rows)]
		clear(dz)
		for k, r := range rows {
			dz[r] = z[k]
		}
		for _, adj := range d.adjust {
			adj.apply(dz)
		}
		tot := make([]float64, P)
		for i, x := range dz {
			tot[d.psu[i]] += x
		}
		dev[u] = d.centrePSU(tot)
		if d.stage2 {
			tot2 := make([]float64, len(d.ssuPSU))
			for i, x := range dz {
				tot2[d.ssu[i]] += x
			}
			dev2[u] = d.centreSSU(tot2)
		}
	}
	coef := d.stratumCoef()
	avg := 1.0
	if d.singleton == SingletonAverage && d.lonely > 0 {
		avg = float64(len(d.nh)) / float64(len(d.nh)-d.lonely)
	}
	// C_uv = sum_p c_p a_u[p] a_v[p]: scale one side by the PSU's
	// coefficient, then take the inner products.
	scaled := make([][]float64, U)
	for u, a := range dev {
		b := make([]float64, P)
		for p, x := range a {
			if c := coef[d.psuStratum[p]]; c != 0 {
				b[p] = float64(float64(c*avg) * x)
			}
		}
		scaled[u] = b
	}
	acc := crossProducts(scaled, dev)
	if d.stage2 {
		coef2 := d.psuCoef()
		for u, a := range dev2 {
			b := make([]float64, len(a))
			for q, x := range a {
				if c := coef2[d.ssuPSU[q]]; c != 0 {
					b[q] = float64(c * x)
				}
			}
			scaled[u] = b
		}
		acc2 := crossProducts(scaled, dev2)
		for k := range acc {
			acc[k] += acc2[k]
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	for u := 0; u < U; u++ {
		cov.SetSym(u, u, diag[u])
		for v := u + 1; v < U; v++ {
			cov.SetSym(u, v, acc[u*U+v])
		}
	}
	return nil
}

// crossChunk is the length of the blocks of crossProducts: the blocks of
// all vectors stay in cache while every pair is formed.
const crossChunk = 2048

// crossProducts returns out[u*U+v] = sum_p b[u][p] a[v][p] for u < v,
// summed block by block (crossChunk) in a fixed order, with four partial
// sums per block, on up to GOMAXPROCS goroutines (each pair is summed by
// one goroutine in the same order, so the result does not depend on their
// number).
func crossProducts(b, a [][]float64) []float64 {
	U := len(a)
	out := make([]float64, U*U)
	if U < 2 {
		return out
	}
	P := len(a[0])
	for lo := 0; lo < P; lo += crossChunk {
		hi := min(P, lo+crossChunk)
		parallelRows(U-1, func(u int) {
			x := b[u][lo:hi]
			row := out[u*U : (u+1)*U]
			for v := u + 1; v < U; v++ {
				y := a[v][lo:hi]
				y = y[:len(x)]
				var s0, s1, s2, s3 float64
				i := 0
				for ; i+4 <= len(x); i += 4 {
					s0 += float64(x[i] * y[i])
					s1 += float64(x[i+1] * y[i+1])
					s2 += float64(x[i+2] * y[i+2])
					s3 += float64(x[i+3] * y[i+3])
				}
				for ; i < len(x); i++ {
					s0 += float64(x[i] * y[i])
				}
				row[v] += (s0 + s1) + (s2 + s3)
			}
		})
	}
	return out
}

// parallelRows runs f(0), ..., f(n-1) on up to GOMAXPROCS goroutines.
func parallelRows(n int, f func(k int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for k := 0; k < n; k++ {
			f(k)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for g := 0; g < workers; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				f(k)
			}
		}()
	}
	wg.Wait()
}

// stratumCoef returns, per stratum, the factor of its sum of squares in
// the stage-1 variance: (1 - f_h) n_h/(n_h - 1), (1 - f_h) for a lonely
// PSU under SingletonAdjust (uncentred), and 0 for no contribution.
func (d *Design) stratumCoef() []float64 {
	c := make([]float64, len(d.nh))
	for h, nh := range d.nh {
		q := 1.0
		if d.fpc1 {
			q = 1 - d.fh[h]
		}
		switch {
		case q < certaintyTol:
		case nh > 1:
			c[h] = q * float64(nh) / float64(nh-1)
		case d.singleton == SingletonAdjust:
			c[h] = q
		}
	}
	return c
}

// psuCoef is stratumCoef for the second stage: f_h (1 - f_hi) m/(m - 1).
func (d *Design) psuCoef() []float64 {
	c := make([]float64, len(d.psuStratum))
	for p, m := range d.mi {
		q := 1 - d.fi[p]
		fh := d.fh[d.psuStratum[p]]
		switch {
		case q < certaintyTol:
		case m > 1:
			c[p] = fh * (q * float64(m) / float64(m-1))
		case d.singleton == SingletonAdjust:
			c[p] = fh * q
		}
	}
	return c
}

// centrePSU returns the PSU totals minus their stratum means (a lonely
// PSU is left uncentred, as SingletonAdjust wants; other rules give its
// stratum coefficient 0).
func (d *Design) centrePSU(tot []float64) []float64 {
	return centreWithin(tot, d.psuStratum, d.nh)
}

// centreSSU returns the SSU totals minus their PSU means.
func (d *Design) centreSSU(tot []float64) []float64 {
	return centreWithin(tot, d.ssuPSU, d.mi)
}

// centreWithin subtracts from each tot[k] the mean of its group
// group[k], whose size is size[group[k]]; a group of one is left as it is.
// It returns tot, changed in place.
func centreWithin(tot []float64, group []int32, size []int) []float64 {
	mean := make([]float64, len(size))
	for k, x := range tot {
		mean[group[k]] += x
	}
	for g, n := range size {
		if n > 1 {
			mean[g] /= float64(n)
		} else {
			mean[g] = 0
		}
	}
	for k := range tot {
		tot[k] -= mean[group[k]]
	}
	return tot
}

// unitCov fills cov with the replicate covariance of the domain means.
func (r *ReplicateDesign) unitCov(ctx context.Context, cov *mat.SymDense, rowsOf [][]int32, ysOf [][]float64, names []string) error {
	U, R := len(rowsOf), len(r.rep)
	dev := make([][]float64, U)
	for u, rows := range rowsOf {
		if err := ctx.Err(); err != nil {
			return err
		}
		y := ysOf[u]
		theta := make([]float64, R)
		for k, w := range r.rep {
			var sw, swy float64
			for j, i := range rows {
				sw += w[i]
				swy += float64(w[i] * y[j])
			}
			if !(sw > 0) {
				return &CellError{Variable: "unit", Cell: names[u], Err: &CellError{Variable: "replicate", Cell: strconv.Itoa(k), Err: fmt.Errorf("%w: domain weights sum to %v", ErrEmptyCell, sw)}}
			}
			theta[k] = swy / sw
		}
		var full float64
		if r.centre == CentreFullSample {
			var sw, swy float64
			for j, i := range rows {
				sw += r.d.w[i]
				swy += float64(r.d.w[i] * y[j])
			}
			full = swy / sw
		}
		c := r.centreOf(theta, full)
		for k := range theta {
			theta[k] -= c
		}
		dev[u] = theta
	}
	for u := 0; u < U; u++ {
		for v := u; v < U; v++ {
			var s float64
			for k, e := range dev[u] {
				s += float64(r.rscales[k] * float64(e*dev[v][k]))
			}
			cov.SetSym(u, v, float64(r.scale*s))
		}
	}
	return nil
}

// Difference is the comparison of two units' estimates.
type Difference struct {
	// A and B are the units compared; Value = Value_A - Value_B.
	A, B  string
	Value float64
	// SE is sqrt(C_AA + C_BB - 2 C_AB).
	SE float64
	// T = Value/SE, on DF degrees of freedom.
	T  float64
	DF int
	// PGreater is the one-sided p-value of "A is more satisfied than B"
	// (H0: Value <= 0): 1 - F_t(T; DF). PTwoSided is that of Value != 0.
	PGreater, PTwoSided float64
}

// Difference returns the difference of units u and v with its standard
// error and t-tests on the degrees of freedom c.DF (R: svycontrast on the
// svyby result, then a t-test on degf). It returns an error wrapping
// ErrDegreesOfFreedom if DF <= 0, and panics if u or v is out of range.
func (c *UnitCovariance) Difference(u, v int) (Difference, error) {
	coef := make([]float64, len(c.Units))
	coef[u]++
	coef[v]--
	val, se := c.Contrast(coef)
	out := Difference{A: c.Units[u], B: c.Units[v], Value: val, SE: se, DF: c.DF, T: val / se}
	if c.DF <= 0 {
		return out, fmt.Errorf("%w: units %q and %q", ErrDegreesOfFreedom, out.A, out.B)
	}
	if se == 0 || math.IsNaN(se) {
		out.T, out.PGreater, out.PTwoSided = math.NaN(), math.NaN(), math.NaN()
		return out, nil
	}
	df := float64(c.DF)
	out.PGreater = 1 - special.TCDF(out.T, df)
	out.PTwoSided = 2 * (1 - special.TCDF(math.Abs(out.T), df))
	return out, nil
}

// Contrast returns the linear combination sum_u coef_u Value_u and its
// standard error sqrt(coef' Cov coef). It panics if len(coef) differs
// from the number of units.
func (c *UnitCovariance) Contrast(coef []float64) (value, se float64) {
	if len(coef) != len(c.Units) {
		panic(fmt.Sprintf("survey: %d contrast coefficients for %d units", len(coef), len(c.Units)))
	}
	var v float64
	for u, a := range coef {
		if a == 0 {
			continue
		}
		value += float64(a * c.Estimates[u].Value)
		for w, b := range coef {
			if b != 0 {
				v += float64(float64(a*b) * c.Cov.At(u, w))
			}
		}
	}
	return value, math.Sqrt(math.Max(v, 0))
}

// MeanCov is the covariance matrix of the weighted means of several
// variables of one design (R: vcov(svymean(~y1 + y2 + ..., design))).
type MeanCov struct {
	// Estimates are the means (and totals) of the variables, as
	// [Design.Estimate] or [ReplicateDesign.Estimate] gives them.
	Estimates []Estimate
	// Cov is the covariance matrix of the means; math.Sqrt(Cov.At(k, k))
	// == Estimates[k].SEMean, bit for bit.
	Cov *mat.SymDense
	// DF is the degrees of freedom of comparisons.
	DF int
}

// MeanCov returns the weighted means of the variables ys (each one value
// per respondent) and the covariance matrix of the means, by
// linearisation as [AnswerSet.Covariance]. Under MissingDomain each
// variable's mean is over its non-missing rows (a domain), as R's
// na.rm=TRUE per variable. Sizes beyond [MaxCells] are an error wrapping
// [ErrTooLarge], as for [AnswerSet.Covariance]. Errors and panics are those of
// [Design.Estimate] for each variable, and ctx's error.
func (d *Design) MeanCov(ctx context.Context, ys [][]float64, s EstimateSettings) (*MeanCov, error) {
	rowsOf, valsOf, out, err := d.meanRows(ys, s, nil)
	if err != nil {
		return nil, err
	}
	out.DF = d.degf
	if len(ys) > 0 {
		if err := d.linearCov(ctx, out.Cov, rowsOf, valsOf); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// MeanCov is [Design.MeanCov] with replicate estimates and covariance.
func (r *ReplicateDesign) MeanCov(ctx context.Context, ys [][]float64, s EstimateSettings) (*MeanCov, error) {
	rowsOf, valsOf, out, err := r.d.meanRows(ys, s, r)
	if err != nil {
		return nil, err
	}
	out.DF = r.DF()
	names := make([]string, len(ys))
	for k := range ys {
		names[k] = strconv.Itoa(k)
		re, err := r.Estimate(ys[k], s)
		if err != nil {
			return nil, &CellError{Variable: "variable", Cell: names[k], Err: err}
		}
		out.Estimates[k].SEMean, out.Estimates[k].SETotal, out.Estimates[k].DF = re.SEMean, re.SETotal, re.DF
	}
	if len(ys) > 0 {
		if err := r.unitCov(ctx, out.Cov, rowsOf, valsOf, names); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (d *Design) meanRows(ys [][]float64, s EstimateSettings, rd *ReplicateDesign) ([][]int32, [][]float64, *MeanCov, error) {
	if err := d.checkCov(len(ys), rd); err != nil {
		return nil, nil, nil, err
	}
	out := &MeanCov{Cov: &mat.SymDense{}}
	if len(ys) > 0 {
		out.Cov = mat.NewSymDense(len(ys), nil)
	}
	rowsOf := make([][]int32, len(ys))
	valsOf := make([][]float64, len(ys))
	for k, y := range ys {
		d.checkLen("y", len(y))
		rows, vals, err := d.domainRows(y, nil, s)
		if err != nil {
			return nil, nil, nil, &CellError{Variable: "variable", Cell: strconv.Itoa(k), Err: err}
		}
		rowsOf[k], valsOf[k] = rows, vals
		e, err := d.Estimate(y, s)
		if err != nil {
			return nil, nil, nil, &CellError{Variable: "variable", Cell: strconv.Itoa(k), Err: err}
		}
		out.Estimates = append(out.Estimates, e)
	}
	return rowsOf, valsOf, out, nil
}
