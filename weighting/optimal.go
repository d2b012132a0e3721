package weighting

import (
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"gonum.org/v1/gonum/mat"
)

// Completion selects how an incomplete pairwise comparison matrix (some
// judgments missing) is analysed. The zero value is [HarkerCompletion].
type Completion int

const (
	// HarkerCompletion analyses the matrix by [Harker]'s method.
	HarkerCompletion Completion = iota
	// OptimalCompletion fills the missing judgments with the values that
	// minimise λmax, by [Optimal] (Bozóki, Fülöp & Rónyai 2010; AHPy's
	// method).
	OptimalCompletion
)

var completionNames = [...]string{"harker", "optimal"}

// String returns "harker" or "optimal".
func (c Completion) String() string {
	return enumString("Completion", int(c), completionNames[:])
}

// MarshalText returns the completion's name; it fails for an unknown one.
func (c Completion) MarshalText() ([]byte, error) {
	return enumText("completion", int(c), completionNames[:])
}

// UnmarshalText parses "harker" or "optimal".
func (c *Completion) UnmarshalText(b []byte) error {
	i, err := parseEnum("completion", string(b), completionNames[:])
	*c = Completion(i)
	return err
}

// Incomplete analyses a pairwise comparison matrix with missing (NaN)
// judgments by the method of s.Completion: [Harker] or [Optimal]. It
// returns the analysis, the completed matrix and the number of missing
// pairs, with the errors of the chosen method. Incomplete panics if a is
// not square or empty, or s.Completion is unknown.
func Incomplete(a mat.Matrix, s AHPSettings) (AHPResult, *mat.Dense, int, error) {
	switch s.Completion {
	case HarkerCompletion:
		h, err := Harker(a, s)
		return h.AHPResult, h.Completed, h.Missing, err
	case OptimalCompletion:
		o, err := Optimal(a, s)
		return o.AHPResult, o.Completed, o.Missing, err
	}
	panic(fmt.Sprintf("weighting: unknown Completion %d", int(s.Completion)))
}

// OptimalResult is the outcome of [Optimal].
type OptimalResult struct {
	// AHPResult is the analysis of the completed matrix ([Priorities]),
	// except GeometricMean, which holds the logarithmic least-squares
	// weights of the incomplete matrix ([LLSM]), as for [Harker].
	AHPResult
	// Completed is the matrix with every missing judgment replaced by its
	// λmax-minimising value.
	Completed *mat.Dense
	// Missing is the number of missing pairs (a_ij, a_ji).
	Missing int
	// Cycles is the number of sweeps over the missing judgments.
	Cycles int
}

// Completion limits: the sweeps stop when no missing judgment's logarithm
// moves by more than optimalTol in a sweep.
const (
	optimalTol       = 1e-11
	optimalMaxCycles = 10000
)

// Optimal analyses an incomplete pairwise comparison matrix a, in which a
// missing judgment is NaN in both a_ij and a_ji, by the λmax-optimal
// completion of Bozóki, Fülöp & Rónyai (2010): the missing judgments are
// the values x that minimise the Perron eigenvalue of the completed
// matrix A(x),
//
//	min_x λmax(A(x)),   a_ij = x_k, a_ji = 1/x_k for the k-th missing pair,
//
// and the priorities, λmax, CI and CR are those of A(x) ([Priorities]
// with s). Written in t_k = ln x_k, λmax is a strictly convex function
// when the known judgments connect every criterion (BFR 2010, Theorems 2
// and 3), so the minimiser exists and is unique.
//
// Algorithm (the cyclic coordinates of BFR 2010, section 5, as AHPy
// does): starting from the logarithmic least-squares completion
// (x_k = w_i/w_j with w from [LLSM]), each sweep minimises λmax over one
// t_k at a time, the others fixed, in row-major order of the missing
// pairs (i < j). The one-dimensional minimum is the zero of the
// derivative
//
//	dλ/dt_k = (v_i a_ij w_j - v_j a_ji w_i) / (v · w)
//
// (w the right and v the left Perron vector of A, by [PowerIteration] on
// A and A^T), increasing in t_k; it is bracketed by doubling steps and
// located by the Illinois variant of regula falsi to a bracket of 1e-13.
// The sweeps stop when no t_k moves by more than 1e-11 in a sweep. Every
// step is deterministic and uses the portable detmath.Exp, so the result
// is bit-identical on every architecture.
//
// Harker's method ([Harker]) is the other completion offered; it is not
// λmax-optimal, and the two differ when judgments are missing from an
// inconsistent matrix. A complete matrix gives the result of Priorities.
//
// Errors are as for [Harker] (invalid or one-sided judgments, a
// disconnected comparison graph: [ErrDisconnected]), and an error
// wrapping [ErrNotConverged] if the sweeps reach 10,000 or a minimiser
// runs off to a judgment beyond e^700. Optimal panics if a is not square
// or empty. a is not modified.
//
// Reference: Bozóki, S., Fülöp, J. & Rónyai, L. (2010), On optimal
// completion of incomplete pairwise comparison matrices, Mathematical and
// Computer Modelling 52(1–2), 318–333.
func Optimal(a mat.Matrix, s AHPSettings) (OptimalResult, error) {
	n := square(a)
	if n == 0 {
		panic("weighting: empty pairwise matrix")
	}
	tol := s.tol()
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if err := checkJudgment(a, i, j, tol, s.Scale, true); err != nil {
				return OptimalResult{}, err
			}
		}
	}
	gm, err := LLSM(a) // also checks that the graph is connected
	if err != nil {
		return OptimalResult{}, err
	}
	d := make([]float64, n*n)
	var miss [][2]int
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := a.At(i, j)
			if math.IsNaN(v) {
				if i < j {
					miss = append(miss, [2]int{i, j})
				}
				v = gm[i] / gm[j]
			}
			d[i*n+j] = v
		}
	}
	o := OptimalResult{Missing: len(miss)}
	if len(miss) > 0 {
		if o.Cycles, err = minimiseLambda(d, n, miss); err != nil {
			return OptimalResult{}, err
		}
	}
	o.Completed = mat.NewDense(n, n, d)
	r, err := Priorities(o.Completed, AHPSettings{Priority: Eigenvector, RI: s.RI, Tol: s.Tol})
	if err != nil {
		return OptimalResult{}, err
	}
	r.GeometricMean = gm
	r, err = consistency(r.Eigenvector, gm, r.LambdaMax, r.Iterations, n, r.RI, s)
	o.AHPResult = r
	_, o.CRUnavailable = riOrNaN(s.RI, n)
	return o, err
}

// lambdaProbe evaluates λmax and its derivatives for [minimiseLambda]:
// it holds the matrix, its transpose and scratch space.
type lambdaProbe struct {
	d, dt, w, v, work []float64
	n                 int
}

// grad sets a_ij = x, a_ji = 1/x (in d and dt) and returns
// dλmax/d(ln a_ij).
func (p *lambdaProbe) grad(i, j int, x float64) (float64, error) {
	n := p.n
	p.d[i*n+j], p.d[j*n+i] = x, 1/x
	p.dt[j*n+i], p.dt[i*n+j] = x, 1/x
	if _, _, err := PowerIteration(p.w, p.d, n, p.work); err != nil {
		return 0, err
	}
	if _, _, err := PowerIteration(p.v, p.dt, n, p.work); err != nil {
		return 0, err
	}
	var vw float64
	for k := range p.w {
		vw += float64(p.v[k] * p.w[k])
	}
	num := float64(float64(p.v[i]*x)*p.w[j]) - float64(float64(p.v[j]/x)*p.w[i])
	return num / vw, nil
}

// minimiseLambda runs the cyclic coordinate minimisation of [Optimal] on
// the row-major d, whose missing pairs miss hold a starting completion;
// d ends completed. It returns the number of sweeps.
func minimiseLambda(d []float64, n int, miss [][2]int) (int, error) {
	p := &lambdaProbe{d: d, dt: make([]float64, n*n), w: make([]float64, n), v: make([]float64, n), work: make([]float64, n*n+n), n: n}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			p.dt[j*n+i] = d[i*n+j]
		}
	}
	t := make([]float64, len(miss))
	for k, m := range miss {
		t[k] = detmath.Log(d[m[0]*n+m[1]])
	}
	for cycle := 1; cycle <= optimalMaxCycles; cycle++ {
		moved := 0.0
		for k, m := range miss {
			x, err := lineMin(p, m[0], m[1], t[k])
			if err != nil {
				return cycle, err
			}
			moved = max(moved, math.Abs(x-t[k]))
			t[k] = x
			e := detmath.Exp(x)
			p.d[m[0]*n+m[1]], p.d[m[1]*n+m[0]] = e, 1/e
			p.dt[m[1]*n+m[0]], p.dt[m[0]*n+m[1]] = e, 1/e
		}
		if moved <= optimalTol {
			return cycle, nil
		}
	}
	return optimalMaxCycles, fmt.Errorf("%w: optimal completion: no convergence after %d sweeps", ErrNotConverged, optimalMaxCycles)
}

// lineMin returns the t minimising λmax over ln a_ij = t, the other
// judgments fixed, starting from t0: the zero of the increasing
// derivative, bracketed by doubling steps and found by the Illinois
// method.
func lineMin(p *lambdaProbe, i, j int, t0 float64) (float64, error) {
	g := func(t float64) (float64, error) { return p.grad(i, j, detmath.Exp(t)) }
	g0, err := g(t0)
	if err != nil || g0 == 0 {
		return t0, err
	}
	// Bracket: lo has g < 0, hi has g > 0.
	lo, hi, glo, ghi := t0, t0, g0, g0
	dir := -1.0
	if g0 < 0 {
		dir = 1
	}
	for step := 1.0; ; step *= 2 {
		t := t0 + float64(dir*step)
		if math.Abs(t) > 700 {
			return t0, fmt.Errorf("%w: optimal completion: missing judgment [%d][%d] runs beyond e^700", ErrNotConverged, i, j)
		}
		gt, err := g(t)
		if err != nil {
			return t0, err
		}
		if dir < 0 {
			lo, glo = t, gt
			if gt <= 0 {
				break
			}
			hi, ghi = t, gt
		} else {
			hi, ghi = t, gt
			if gt >= 0 {
				break
			}
			lo, glo = t, gt
		}
	}
	if glo == 0 {
		return lo, nil
	}
	if ghi == 0 {
		return hi, nil
	}
	// Illinois regula falsi: the retained end's value is halved when the
	// same end is kept twice running.
	side := 0
	for it := 0; it < 200 && hi-lo > 1e-13; it++ {
		t := hi - float64(ghi*(hi-lo))/(ghi-glo)
		if !(t > lo && t < hi) {
			t = lo + (hi-lo)/2
		}
		gt, err := g(t)
		if err != nil {
			return t0, err
		}
		switch {
		case gt == 0:
			return t, nil
		case gt < 0:
			lo, glo = t, gt
			if side == -1 {
				ghi /= 2
			}
			side = -1
		default:
			hi, ghi = t, gt
			if side == 1 {
				glo /= 2
			}
			side = 1
		}
	}
	if -glo < ghi {
		return lo, nil
	}
	return hi, nil
}
