package survey

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"gonum.org/v1/gonum/mat"
)

// Distance is the calibration distance function of Deville and Särndal
// (1992) [6], named by its calibration function g = F(u), u = x'lambda.
type Distance int

const (
	// Linear is the chi-square distance: g = 1 + u (GREG).
	Linear Distance = iota
	// Raking is the multiplicative distance: g = exp(u).
	Raking
	// Logit is the bounded logit distance, which needs bounds
	// 0 <= Lower < 1 < Upper:
	//
	//	g = [L(U-1) + U(1-L) e^{A u}] / [(U-1) + (1-L) e^{A u}],
	//	A = (U-L) / ((1-L)(U-1))
	Logit
)

var distanceNames = []string{"linear", "raking", "logit"}

// String returns the lowercase name of m.
func (m Distance) String() string { return enumString("Distance", int(m), distanceNames) }

// MarshalText returns the lowercase name of m.
func (m Distance) MarshalText() ([]byte, error) {
	return enumMarshal("Distance", int(m), distanceNames)
}

// UnmarshalText parses a lowercase name.
func (m *Distance) UnmarshalText(b []byte) error {
	return enumUnmarshal("Distance", b, distanceNames, (*int)(m))
}

// CalibrateSettings configures [Calibrate]. The zero value is unbounded
// linear (GREG) calibration with the default tolerance.
type CalibrateSettings struct {
	Distance Distance
	// Lower and Upper bound g = w/d. For Linear and Raking, 0 and 0 mean
	// no bounds and g is clipped to [Lower, Upper] otherwise; Logit needs
	// 0 <= Lower < 1 < Upper.
	Lower, Upper float64
	// MaxIter is the maximum number of Newton steps; 0 means 50.
	MaxIter int
	// Tol is the tolerance on max_k |T_k - sum_i w_i x_ik| / (1 + |T_k|);
	// 0 means 1e-10 (R survey's default is 1e-7). This is R's rule (see
	// [Calibrate]): relative for large totals, absolute, in the units of
	// x_k, for a total near 0.
	Tol float64
	// Progress, if not nil, is called after each Newton step with how far the
	// fit has come, in thousandths (done of 1000): the share of the way
	// from the first misfit to Tol on a logarithmic scale, which a
	// linearly converging iteration covers at a steady pace; 1000 once converged. It has no
	// effect on the result, and is not called when a design's replicates
	// redo the calibration.
	Progress func(done, total int)
}

// Validate returns an error wrapping [ErrInvalidInput] if s is not a valid
// setting: an unknown Distance (for which [Calibrate] panics), a negative
// MaxIter, a negative, NaN or infinite Tol, or bounds that do not suit the
// distance (see [CalibrateSettings.Lower]). Callers that build s from user
// input call it first and report its error.
func (s CalibrateSettings) Validate() error {
	if s.Distance < 0 || int(s.Distance) >= len(distanceNames) {
		return fmt.Errorf("%w: unknown Distance %d", ErrInvalidInput, int(s.Distance))
	}
	if s.MaxIter < 0 {
		return fmt.Errorf("%w: CalibrateSettings.MaxIter %d is negative", ErrInvalidInput, s.MaxIter)
	}
	if s.Tol < 0 || math.IsNaN(s.Tol) || math.IsInf(s.Tol, 0) {
		return fmt.Errorf("%w: CalibrateSettings.Tol %v must be finite and non-negative", ErrInvalidInput, s.Tol)
	}
	if math.IsNaN(s.Lower) || math.IsNaN(s.Upper) || math.IsInf(s.Lower, 0) {
		return fmt.Errorf("%w: bounds [%v, %v]", ErrInvalidInput, s.Lower, s.Upper)
	}
	switch {
	case s.Distance == Logit:
		if !(s.Lower >= 0 && s.Lower < 1 && s.Upper > 1) || math.IsInf(s.Upper, 0) {
			return fmt.Errorf("%w: logit calibration needs 0 <= Lower < 1 < Upper, got [%v, %v]", ErrInvalidInput, s.Lower, s.Upper)
		}
	case s.Lower != 0 || s.Upper != 0:
		if !(s.Lower >= 0 && s.Lower <= 1 && s.Upper >= 1) {
			return fmt.Errorf("%w: bounds [%v, %v] must contain 1", ErrInvalidInput, s.Lower, s.Upper)
		}
	}
	return nil
}

// CalibrationResult holds calibrated weights and diagnostics.
type CalibrationResult struct {
	// Weights are the calibrated weights w_i = g_i d_i.
	Weights []float64
	// G are the g-weights w_i/d_i.
	G []float64
	// Totals are the calibrated totals sum_i w_i x_ik.
	Totals []float64
	// Lambda is the solution of the calibration equations.
	Lambda []float64
	// Iterations is the number of Newton steps taken.
	Iterations int
	// Misfit is max_k |T_k - Totals_k| / (1 + |T_k|).
	Misfit float64
	// Worst is the k of the largest term of Misfit (the first of equal
	// ones), whose achieved total is Totals[Worst].
	Worst int
	// Path is the misfit after each Newton step, from the start.
	Path []float64
	// Infeasible lists, for a calibration that failed at its bounds, the
	// constraints k whose target T_k no g-weights within the bounds can
	// reach (sum_i d_i g_i x_ik over g_i in [Lower, Upper] never equals
	// T_k); empty when each can be met alone but not all together.
	Infeasible []int
}

// CalibrationError is the error of a calibration that did not converge:
// it wraps [ErrNotConverged] and carries the last iterate, whose Misfit is
// the residual misfit.
type CalibrationError struct {
	Result CalibrationResult
	Err    error
}

// Error returns the message, naming the context of the error.
func (e *CalibrationError) Error() string {
	r := e.Result
	if r.Worst < len(r.Totals) {
		return fmt.Sprintf("%v after %d Newton steps: residual misfit %g, largest on total %d (reached %g; misfit scaled by 1 + |target|) (totals %v)", e.Err, r.Iterations, r.Misfit, r.Worst, r.Totals[r.Worst], r.Totals)
	}
	return fmt.Sprintf("%v after %d Newton steps: residual misfit %g (totals %v)", e.Err, r.Iterations, r.Misfit, r.Totals)
}

// Unwrap returns the underlying error.
func (e *CalibrationError) Unwrap() error { return e.Err }

// Calibrate returns weights w_i = d_i F(x_i'lambda) close to the design
// weights d that reproduce the population totals of the auxiliaries x
// (one row per respondent, one column per auxiliary, e.g. an intercept,
// category dummies and numeric variables):
//
//	sum_i d_i F(x_i'lambda) x_i = T
//
// solved by Newton's method, as R survey's grake does,
//
//	lambda <- lambda + t (sum_i d_i F'(x_i'lambda) x_i x_i')^-1 (T - sum_i w_i x_i)
//
// until max_k |T_k - sum_i w_i x_ik|/(1 + |T_k|) < Tol. The step length t
// is 1 unless that step gives a non-finite g or a larger sum of squared
// scaled misfits sum_k ((T_k - sum_i w_i x_ik)/(1 + |T_k|))^2; t is then
// halved (up to 60 times) until neither happens (the Newton step is a
// descent direction of that sum, so some t > 0 always decreases it). With the Linear distance
// the start is lambda = 0 and, without bounds, one step gives the
// closed-form GREG weights. For Raking and Logit the start is scaled:
// when a combination e of the auxiliaries equals 1 for every respondent
// (an intercept, or the dummies of every level of a factor), lambda
// starts at F^-1(s) e, where s = <t, T>/<t, t>, t = sum_i d_i x_i, is the
// common g that fits the totals best in least squares. Respondents with
// weight 1 calibrated to population counts thus start at g near N/n
// rather than 1, where the undamped iteration of R (from lambda = 0)
// overshoots and may overflow; the solution is the same (it is unique),
// and raking calibration on the dummies of some margins gives the weights
// of [Rake] on those margins.
//
// The stopping rule is exactly R's (grake: all(abs(misfit)/(1 +
// abs(population)) < epsilon)): relative to |T_k| for large totals and
// absolute for totals near 0, where the 1 guards the division. An
// auxiliary with a zero population total (a centred variable, a
// difference) is therefore fitted to Tol in its own units: the misfit
// of a centred income in yuan is in yuan. Rescale such a column, or set
// Tol for its units, if that is not the accuracy wanted; the error of a
// failed calibration names the constraint (Worst) and its reached total
// so the misfit can be read in those units.
//
// It returns a *CalibrationError wrapping [ErrNotConverged] with the
// residual misfit and the misfit path (Result.Path) if Tol is not reached
// in MaxIter steps or step halving finds no smaller misfit, and one
// naming the constraints whose targets the bounds make unreachable
// (Result.Infeasible) if the g-weights are held at their bounds; an error
// wrapping [ErrSingular] if the auxiliaries are collinear (the Newton
// matrix at the start, where no g is at a bound, is singular), an error wrapping ErrInvalidInput for negative,
// NaN or infinite weights, non-finite x or T, or invalid bounds, an error
// wrapping [ErrTooLarge] when x or the p × p system would hold more than
// [MaxCells] numbers, and ctx's error if ctx is cancelled. It panics unless x is len(d) x len(T), and
// for an unknown distance. d, x and T are not modified.
func Calibrate(ctx context.Context, d []float64, x mat.Matrix, T []float64, s CalibrateSettings) (CalibrationResult, error) {
	c, err := newCalibration(d, x, T, s)
	if err != nil {
		return CalibrationResult{}, err
	}
	return c.solve(ctx)
}

type calibration struct {
	n, p   int
	d, x   []float64 // x row-major n x p
	T      []float64
	s      CalibrateSettings
	lo, hi float64
}

func newCalibration(d []float64, xm mat.Matrix, T []float64, s CalibrateSettings) (*calibration, error) {
	checkEnum("Distance", int(s.Distance), len(distanceNames))
	n, p := xm.Dims()
	if n != len(d) || p != len(T) {
		panic(fmt.Sprintf("survey: x is %dx%d, want %dx%d", n, p, len(d), len(T)))
	}
	if err := checkWeights(d); err != nil {
		return nil, err
	}
	if s.MaxIter == 0 {
		s.MaxIter = 50
	}
	if s.Tol == 0 {
		s.Tol = 1e-10
	}
	if s.MaxIter < 0 || s.Tol < 0 {
		return nil, fmt.Errorf("%w: MaxIter %d, Tol %v", ErrInvalidInput, s.MaxIter, s.Tol)
	}
	if err := checkCells("the model matrix (respondents × columns)", n, p); err != nil {
		return nil, err
	}
	if err := checkCells("the calibration system (columns × columns)", p, p); err != nil {
		return nil, err
	}
	c := &calibration{n: n, p: p, d: d, x: make([]float64, n*p), T: T, s: s, lo: math.Inf(-1), hi: math.Inf(1)}
	for i := 0; i < n; i++ {
		for k := 0; k < p; k++ {
			v := xm.At(i, k)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, &RowError{Row: i, Err: fmt.Errorf("%w: auxiliary %d is %v", ErrInvalidInput, k, v)}
			}
			c.x[i*p+k] = v
		}
	}
	for k, t := range T {
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, fmt.Errorf("%w: total %d is %v", ErrInvalidInput, k, t)
		}
	}
	switch {
	case s.Distance == Logit:
		if !(s.Lower >= 0 && s.Lower < 1 && s.Upper > 1) || math.IsInf(s.Upper, 0) {
			return nil, fmt.Errorf("%w: logit calibration needs 0 <= Lower < 1 < Upper, got [%v, %v]", ErrInvalidInput, s.Lower, s.Upper)
		}
	case s.Lower != 0 || s.Upper != 0:
		if !(s.Lower >= 0 && s.Lower <= 1 && s.Upper >= 1) {
			return nil, fmt.Errorf("%w: bounds [%v, %v] must contain 1", ErrInvalidInput, s.Lower, s.Upper)
		}
		c.lo, c.hi = s.Lower, s.Upper
	}
	return c, nil
}

// gAt returns g = F(u) and F'(u) for the distance.
func (c *calibration) gAt(u float64) (g, dg float64) {
	switch c.s.Distance {
	case Linear:
		g, dg = 1+u, 1
	case Raking:
		g = detmath.Exp(u)
		dg = g
	case Logit:
		L, U := c.s.Lower, c.s.Upper
		A := (U - L) / float64((1-L)*(U-1))
		e := detmath.Exp(float64(A * u))
		if math.IsInf(e, 1) {
			return U, 0
		}
		num := float64(L*(U-1)) + float64(float64(U*(1-L))*e)
		den := (U - 1) + float64((1-L)*e)
		g = num / den
		// dg/du = A (U-L)^2 ... written as A (g - L)(U - g) / (U - L)
		dg = float64(A*float64((g-L)*(U-g))) / (U - L)
		return g, dg
	}
	if g < c.lo {
		return c.lo, 0
	}
	if g > c.hi {
		return c.hi, 0
	}
	return g, dg
}

// calState is one iterate of the calibration: lambda and what it gives.
type calState struct {
	lambda, g, dg, tot, misfit []float64
	worst                      float64 // max_k |misfit_k| / (1 + |T_k|)
	worstK                     int
	ss                         float64 // sum_k (misfit_k/(1 + |T_k|))^2 (+Inf if not finite)
}

func (c *calibration) newState() *calState {
	return &calState{
		lambda: make([]float64, c.p), g: make([]float64, c.n), dg: make([]float64, c.n),
		tot: make([]float64, c.p), misfit: make([]float64, c.p),
	}
}

// eval fills st from st.lambda; if jac is not nil it also accumulates the
// lower triangle of the Newton matrix sum_i d_i F'(u_i) x_i x_i' into it.
func (c *calibration) eval(st *calState, jac []float64) {
	n, p := c.n, c.p
	clear(st.tot)
	if jac != nil {
		clear(jac)
	}
	for i := 0; i < n; i++ {
		xi := c.x[i*p : (i+1)*p]
		u := dot(xi, st.lambda)
		st.g[i], st.dg[i] = c.gAt(u)
		wi := float64(c.d[i] * st.g[i])
		hi := float64(c.d[i] * st.dg[i])
		for k, xk := range xi {
			st.tot[k] += float64(wi * xk)
			if jac != nil && hi != 0 {
				hx := float64(hi * xk)
				for l := 0; l <= k; l++ {
					jac[k*p+l] += float64(hx * xi[l])
				}
			}
		}
	}
	st.worst, st.worstK, st.ss = 0, 0, 0
	for k := range st.tot {
		st.misfit[k] = c.T[k] - st.tot[k]
		if m := math.Abs(st.misfit[k]) / (1 + math.Abs(c.T[k])); m > st.worst || math.IsNaN(m) && !math.IsNaN(st.worst) {
			st.worst, st.worstK = m, k
		}
		r := st.misfit[k] / (1 + math.Abs(c.T[k]))
		st.ss += float64(r * r)
	}
	if math.IsNaN(st.ss) || math.IsInf(st.ss, 0) {
		st.ss = math.Inf(1)
	}
}

// start returns the starting lambda. For the linear distance it is 0, as
// in R. For raking and logit, when a combination e of the auxiliaries is
// 1 for every respondent (an intercept, or the dummies of all levels of a
// factor), the start is lambda = F^-1(s) e: every g equal to the s that
// best fits the totals in least squares, s = <t, T>/<t, t> with t = sum_i
// d_i x_i. This removes the overall scale of the totals from the
// iteration (respondents with weight 1 calibrated to population counts
// start at g = N/n instead of 1).
func (c *calibration) start() []float64 {
	p := c.p
	lambda := make([]float64, p)
	if c.s.Distance == Linear {
		return lambda
	}
	xtdx := make([]float64, p*p)
	xtd1 := make([]float64, p)
	for i := 0; i < c.n; i++ {
		xi := c.x[i*p : (i+1)*p]
		for k, xk := range xi {
			dx := float64(c.d[i] * xk)
			xtd1[k] += dx
			for l := range xi {
				xtdx[k*p+l] += float64(dx * xi[l])
			}
		}
	}
	e, err := solveLinear(xtdx, xtd1, p)
	if err != nil {
		return lambda
	}
	for i := 0; i < c.n; i++ {
		if math.Abs(dot(c.x[i*p:(i+1)*p], e)-1) > 1e-9 {
			return lambda // no constant in the span of x
		}
	}
	var tt, tT float64
	for k, t := range xtd1 {
		tt += float64(t * t)
		tT += float64(t * c.T[k])
	}
	sc := tT / tt
	if !(sc > 0) || math.IsInf(sc, 0) {
		return lambda
	}
	var u float64
	switch c.s.Distance {
	case Raking:
		if !(sc > c.lo && sc < c.hi) {
			return lambda
		}
		u = detmath.Log(sc)
	case Logit:
		L, U := c.s.Lower, c.s.Upper
		if !(sc > L && sc < U) {
			return lambda
		}
		A := (U - L) / float64((1-L)*(U-1))
		u = detmath.Log(float64((U-1)*(sc-L))/float64((1-L)*(U-sc))) / A
	}
	for k := range lambda {
		lambda[k] = float64(u * e[k])
	}
	return lambda
}

// maxHalvings bounds the step halvings of one Newton step.
const maxHalvings = 60

func (c *calibration) solve(ctx context.Context) (CalibrationResult, error) {
	n, p := c.n, c.p
	st, trial := c.newState(), c.newState()
	copy(st.lambda, c.start())
	jac := make([]float64, p*p)
	c.eval(st, jac)
	if st.ss == math.Inf(1) && !allZero(st.lambda) {
		// The scaled start overflowed: start from 0 instead.
		clear(st.lambda)
		c.eval(st, jac)
	}
	res := CalibrationResult{}
	fail := func(err error) (CalibrationResult, error) {
		res.G = append([]float64(nil), st.g...)
		return CalibrationResult{}, &CalibrationError{Result: res, Err: err}
	}
	for it := 0; ; it++ {
		if err := ctx.Err(); err != nil {
			return CalibrationResult{}, err
		}
		res.Iterations, res.Misfit, res.Worst, res.Totals = it, st.worst, st.worstK, append([]float64(nil), st.tot...)
		res.Lambda = append([]float64(nil), st.lambda...)
		res.Path = append(res.Path, st.worst)
		if c.s.Progress != nil {
			c.s.Progress(convergence(res.Path[0], st.worst, c.s.Tol), 1000)
		}
		if st.worst < c.s.Tol {
			break
		}
		if it >= c.s.MaxIter {
			return fail(fmt.Errorf("%w: misfit path %s", ErrNotConverged, pathText(res.Path)))
		}
		for k := 0; k < p; k++ {
			for l := k + 1; l < p; l++ {
				jac[k*p+l] = jac[l*p+k]
			}
		}
		step, err := solveLinear(jac, st.misfit, p)
		if err != nil {
			if c.saturated(st) {
				res.Infeasible = c.infeasible()
				return fail(fmt.Errorf("%w: %s", ErrNotConverged, c.boundsText(res.Infeasible)))
			}
			if it == 0 {
				return CalibrationResult{}, err
			}
			return fail(fmt.Errorf("%w: %s (misfit path %s)", ErrNotConverged, msg(err), pathText(res.Path)))
		}
		// Step halving: accept the first of lambda + step/2^h whose g is
		// finite and whose sum of squared misfits is smaller (the Newton
		// step is a descent direction for it).
		accepted := false
		t := 1.0
		for h := 0; h <= maxHalvings; h++ {
			for k := range trial.lambda {
				trial.lambda[k] = st.lambda[k] + float64(t*step[k])
			}
			c.eval(trial, nil)
			if trial.ss < st.ss {
				accepted = true
				break
			}
			t /= 2
		}
		if !accepted {
			if c.saturated(st) {
				res.Infeasible = c.infeasible()
				return fail(fmt.Errorf("%w: %s", ErrNotConverged, c.boundsText(res.Infeasible)))
			}
			return fail(fmt.Errorf("%w: step halving found no smaller misfit (misfit path %s)", ErrNotConverged, pathText(res.Path)))
		}
		copy(st.lambda, trial.lambda)
		c.eval(st, jac)
	}
	res.G = append([]float64(nil), st.g...)
	res.Weights = make([]float64, n)
	for i, g := range st.g {
		res.Weights[i] = c.d[i] * g
	}
	if err := checkResultWeights(res.Weights); err != nil {
		return CalibrationResult{}, err
	}
	return res, nil
}

func allZero(x []float64) bool {
	for _, v := range x {
		if v != 0 {
			return false
		}
	}
	return true
}

// pathText formats a misfit path, eliding the middle of a long one.
func pathText(path []float64) string {
	var b strings.Builder
	for k, m := range path {
		if len(path) > 8 && k == 4 {
			b.WriteString(" ...")
		}
		if len(path) > 8 && k >= 4 && k < len(path)-3 {
			continue
		}
		if k > 0 {
			b.WriteString(" ")
		}
		fmt.Fprintf(&b, "%.3g", m)
	}
	return b.String()
}

// saturated reports whether the bounds hold every g of a row with a
// non-zero weight at a bound (F' = 0): the Newton matrix is then 0.
func (c *calibration) saturated(st *calState) bool {
	if c.s.Distance == Linear && math.IsInf(c.lo, -1) && math.IsInf(c.hi, 1) {
		return false
	}
	if c.s.Distance == Raking && math.IsInf(c.lo, -1) && math.IsInf(c.hi, 1) {
		return false
	}
	k := 0
	for i, dg := range st.dg {
		if c.d[i] != 0 && !(dg > 1e-300) {
			k++
		}
	}
	return k > 0
}

// gRange returns the bounds of g.
func (c *calibration) gRange() (lo, hi float64) {
	if c.s.Distance == Logit {
		return c.s.Lower, c.s.Upper
	}
	return c.lo, c.hi
}

// infeasible returns the constraints k whose target lies outside the
// range of sum_i d_i g_i x_ik over g_i in the bounds [L, U].
func (c *calibration) infeasible() []int {
	lo, hi := c.gRange()
	var out []int
	for k := 0; k < c.p; k++ {
		var mn, mx float64
		for i := 0; i < c.n; i++ {
			v := float64(c.d[i] * c.x[i*c.p+k])
			switch {
			case v > 0:
				mn += float64(lo * v)
				mx += float64(hi * v)
			case v < 0:
				mn += float64(hi * v)
				mx += float64(lo * v)
			}
		}
		if c.T[k] < mn || c.T[k] > mx {
			out = append(out, k)
		}
	}
	return out
}

func (c *calibration) boundsText(inf []int) string {
	lo, hi := c.gRange()
	if len(inf) == 0 {
		return fmt.Sprintf("the g-weights are held at the bounds [%v, %v]: the constraints cannot be met together within them", lo, hi)
	}
	parts := make([]string, len(inf))
	for j, k := range inf {
		parts[j] = strconv.Itoa(k)
	}
	return fmt.Sprintf("infeasible bounds: with g in [%v, %v] no weights reach the target of constraint %s", lo, hi, strings.Join(parts, ", "))
}

// dot returns sum_k x_k y_k with every product rounded.
func dot(x, y []float64) float64 {
	var s float64
	for k, v := range x {
		s += float64(v * y[k])
	}
	return s
}

// solveLinear solves the p x p system a x = b (a row-major) by Gaussian
// elimination with partial pivoting. It returns an error wrapping
// ErrSingular if a pivot is negligible relative to its column. a and b are
// not modified.
func solveLinear(a, b []float64, p int) ([]float64, error) {
	m := append([]float64(nil), a...)
	x := append([]float64(nil), b...)
	scale := make([]float64, p)
	for k := 0; k < p; k++ {
		for i := 0; i < p; i++ {
			scale[k] = math.Max(scale[k], math.Abs(m[i*p+k]))
		}
	}
	for k := 0; k < p; k++ {
		piv := k
		for i := k + 1; i < p; i++ {
			if math.Abs(m[i*p+k]) > math.Abs(m[piv*p+k]) {
				piv = i
			}
		}
		if !(math.Abs(m[piv*p+k]) > 1e-12*scale[k]) {
			return nil, fmt.Errorf("%w: column %d of the calibration matrix is (nearly) dependent on the others", ErrSingular, k)
		}
		if piv != k {
			for j := 0; j < p; j++ {
				m[k*p+j], m[piv*p+j] = m[piv*p+j], m[k*p+j]
			}
			x[k], x[piv] = x[piv], x[k]
		}
		for i := k + 1; i < p; i++ {
			f := m[i*p+k] / m[k*p+k]
			if f == 0 {
				continue
			}
			for j := k; j < p; j++ {
				m[i*p+j] -= float64(f * m[k*p+j])
			}
			x[i] -= float64(f * x[k])
		}
	}
	for k := p - 1; k >= 0; k-- {
		s := x[k]
		for j := k + 1; j < p; j++ {
			s -= float64(m[k*p+j] * x[j])
		}
		x[k] = s / m[k*p+k]
	}
	return x, nil
}

// Calibrate returns the design calibrated to the totals T of the
// auxiliaries x (see [Calibrate]), starting from the current weights. The
// variance of estimates from the returned design is R survey's: the
// linearised variable z is replaced by g_i d_i e_i, where e_i are the
// residuals of z_i/w_i regressed on x_i with the design weights d (not
// the calibrated weights):
//
//	e_i = z_i/w_i - x_i'b,  b = (sum_j d_j x_j x_j')^-1 sum_j d_j x_j z_j/w_j
//
// Errors and panics are those of [Calibrate].
func (d *Design) Calibrate(ctx context.Context, x mat.Matrix, T []float64, s CalibrateSettings) (*Design, CalibrationResult, error) {
	c, err := newCalibration(d.w, x, T, s)
	if err != nil {
		return nil, CalibrationResult{}, err
	}
	r, err := c.solve(ctx)
	if err != nil {
		return nil, r, err
	}
	p := c.p
	xtdx := make([]float64, p*p)
	for i := 0; i < c.n; i++ {
		xi := c.x[i*p : (i+1)*p]
		for k, xk := range xi {
			dx := float64(c.d[i] * xk)
			for l := range xi {
				xtdx[k*p+l] += float64(dx * xi[l])
			}
		}
	}
	a := &calAdj{p: p, x: c.x, d: c.d, w: r.Weights, xtdx: xtdx}
	if _, err := solveLinear(xtdx, make([]float64, p), p); err != nil {
		return nil, CalibrationResult{}, err
	}
	return d.withWeights(r.Weights, a, &calStep{c: c}), r, nil
}

// calAdj is the variance adjustment of calibration.
type calAdj struct {
	p       int
	x, d, w []float64
	xtdx    []float64
}

func (a *calAdj) apply(z []float64) {
	p := a.p
	rhs := make([]float64, p)
	for i, zi := range z {
		if a.w[i] == 0 {
			continue
		}
		u := zi / a.w[i]
		du := float64(a.d[i] * u)
		for k, xk := range a.x[i*p : (i+1)*p] {
			rhs[k] += float64(du * xk)
		}
	}
	b, err := solveLinear(a.xtdx, rhs, p)
	if err != nil {
		// Checked non-singular when the adjustment was made.
		panic(err)
	}
	for i, zi := range z {
		if a.w[i] == 0 {
			z[i] = 0
			continue
		}
		e := zi/a.w[i] - dot(a.x[i*p:(i+1)*p], b)
		z[i] = a.w[i] * e
	}
}
