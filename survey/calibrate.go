package survey

import (
	"context"
	"fmt"
	"math"

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
// solved by Newton's method from lambda = 0, as R survey's grake does:
//
//	lambda <- lambda + (sum_i d_i F'(x_i'lambda) x_i x_i')^-1 (T - sum_i w_i x_i)
//
// until max_k |T_k - sum_i w_i x_ik|/(1 + |T_k|) < Tol. With the Linear
// distance and no bounds one step gives the closed-form GREG weights.
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
// residual misfit if Tol is not reached in MaxIter steps or the g-weights
// saturate at their bounds, an error wrapping [ErrSingular] if the
// auxiliaries are collinear (the first Newton matrix is singular), an error wrapping ErrInvalidInput for negative,
// NaN or infinite weights, non-finite x or T, or invalid bounds, and ctx's
// error if ctx is cancelled. It panics unless x is len(d) x len(T), and
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

func (c *calibration) solve(ctx context.Context) (CalibrationResult, error) {
	n, p := c.n, c.p
	lambda := make([]float64, p)
	g := make([]float64, n)
	dg := make([]float64, n)
	tot := make([]float64, p)
	jac := make([]float64, p*p)
	res := CalibrationResult{}
	for it := 0; ; it++ {
		if err := ctx.Err(); err != nil {
			return CalibrationResult{}, err
		}
		clear(tot)
		clear(jac)
		for i := 0; i < n; i++ {
			xi := c.x[i*p : (i+1)*p]
			u := dot(xi, lambda)
			g[i], dg[i] = c.gAt(u)
			wi := float64(c.d[i] * g[i])
			hi := float64(c.d[i] * dg[i])
			for k, xk := range xi {
				tot[k] += float64(wi * xk)
				if hi != 0 {
					hx := float64(hi * xk)
					for l := 0; l <= k; l++ {
						jac[k*p+l] += float64(hx * xi[l])
					}
				}
			}
		}
		misfit := make([]float64, p)
		worst, worstK := 0.0, 0
		for k := range tot {
			misfit[k] = c.T[k] - tot[k]
			if m := math.Abs(misfit[k]) / (1 + math.Abs(c.T[k])); m > worst || math.IsNaN(m) && !math.IsNaN(worst) {
				worst, worstK = m, k
			}
		}
		res.Iterations, res.Misfit, res.Worst, res.Totals = it, worst, worstK, append([]float64(nil), tot...)
		res.Lambda = append([]float64(nil), lambda...)
		if worst < c.s.Tol {
			break
		}
		if it >= c.s.MaxIter {
			res.G = g
			return CalibrationResult{}, &CalibrationError{Result: res, Err: ErrNotConverged}
		}
		for k := 0; k < p; k++ {
			for l := k + 1; l < p; l++ {
				jac[k*p+l] = jac[l*p+k]
			}
		}
		step, err := solveLinear(jac, misfit, p)
		if err != nil {
			if it == 0 {
				return CalibrationResult{}, err
			}
			// The g-weights saturated at their bounds: the bounds cannot be met.
			res.G = g
			return CalibrationResult{}, &CalibrationError{Result: res, Err: fmt.Errorf("%w: %s", ErrNotConverged, msg(err))}
		}
		for k := range lambda {
			lambda[k] += step[k]
		}
	}
	res.G = g
	res.Weights = make([]float64, n)
	for i := range g {
		res.Weights[i] = c.d[i] * g[i]
	}
	return res, nil
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
	return d.withWeights(r.Weights, a), r, nil
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
