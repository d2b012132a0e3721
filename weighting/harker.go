package weighting

import (
	"fmt"
	"math"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"gonum.org/v1/gonum/mat"
)

// HarkerResult is the outcome of [Harker].
type HarkerResult struct {
	// AHPResult holds the Harker eigenvector (Eigenvector), the LLSM
	// weights (GeometricMean), λmax, CI, RI and CR.
	AHPResult
	// Harker is Harker's matrix C; Completed is the matrix with every
	// missing judgment replaced by w_i/w_j (it has the same eigenvector
	// and λmax as C).
	Harker, Completed *mat.Dense
	// Missing is the number of missing pairs (a_ij, a_ji).
	Missing int
}

// Harker analyses an incomplete pairwise comparison matrix a, in which a
// missing judgment is NaN in both a_ij and a_ji, by Harker's method
// (Harker, P. T. (1987), Incomplete pairwise comparisons in the analytic
// hierarchy process, Mathematical Modelling 9(11), 837–848):
//
//	c_ij = a_ij if known, 0 if missing      (i != j)
//	c_ii = 1 + m_i,  m_i = number of missing judgments in row i
//
// The weights are the principal eigenvector of C (sum 1, by
// [PowerIteration]) and λmax its Perron root; CI = (λmax - n)/(n - 1) and
// CR = CI/RI(n) with no correction for the missing entries. GeometricMean
// holds the logarithmic least-squares weights of [LLSM]. Harker's
// completion is not the λmax-minimising completion of Bozóki, Fülöp &
// Rónyai (2010).
//
// The comparison graph (criteria as nodes, known judgments as edges) must
// be connected; otherwise the weights are not determined, and Harker
// returns an error wrapping [ErrDisconnected] that names the criteria not
// reachable from criterion 0. Other errors are as for [Priorities] (the
// known judgments are validated the same way, and a judgment missing on
// one side only is an error). A complete matrix gives the same result as
// Priorities. Harker panics if a is not square or empty.
func Harker(a mat.Matrix, s AHPSettings) (HarkerResult, error) {
	n := square(a)
	if n == 0 {
		panic("weighting: empty pairwise matrix")
	}
	tol := s.tol()
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			if err := checkJudgment(a, i, j, tol, s.Scale, true); err != nil {
				return HarkerResult{}, err
			}
		}
	}
	if err := connected(a, n); err != nil {
		return HarkerResult{}, err
	}
	ri, riErr := riOrNaN(s.RI, n)
	h := HarkerResult{Completed: mat.NewDense(n, n, nil)}
	d := make([]float64, n*n)
	for i := 0; i < n; i++ {
		miss := 0
		for j := 0; j < n; j++ {
			v := a.At(i, j)
			if math.IsNaN(v) {
				miss++
				v = 0
			}
			d[i*n+j] = v
		}
		d[i*n+i] = float64(1 + miss)
		h.Missing += miss
	}
	h.Missing /= 2
	h.Harker = mat.NewDense(n, n, append([]float64(nil), d...))
	ev := make([]float64, n)
	lambda, it, err := PowerIteration(ev, d, n, make([]float64, n*n+n))
	if err != nil {
		return HarkerResult{}, err
	}
	gm, err := LLSM(a)
	if err != nil {
		return HarkerResult{}, err
	}
	h.AHPResult, err = consistency(ev, gm, lambda, it, n, ri, s)
	h.CRUnavailable = riErr
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := a.At(i, j)
			if math.IsNaN(v) {
				v = ev[i] / ev[j]
			}
			h.Completed.Set(i, j, v)
		}
	}
	return h, err
}

// connected checks that the known judgments connect every criterion.
func connected(a mat.Matrix, n int) error {
	seen := make([]bool, n)
	seen[0] = true
	stack := []int{0}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for j := 0; j < n; j++ {
			if !seen[j] && !math.IsNaN(a.At(i, j)) {
				seen[j] = true
				stack = append(stack, j)
			}
		}
	}
	var out []int
	for j, ok := range seen {
		if !ok {
			out = append(out, j)
		}
	}
	if out != nil {
		return fmt.Errorf("%w: criteria %v are not connected to criterion 0 by any chain of judgments", ErrDisconnected, out)
	}
	return nil
}

// LLSM returns the logarithmic least-squares priorities of a possibly
// incomplete pairwise comparison matrix a (missing judgments NaN, in
// pairs): the w (sum 1) minimising sum over known i != j of
// (ln a_ij - ln w_i + ln w_j)^2. With y = ln w this is the graph-Laplacian
// system
//
//	L y = r,   L_ii = k_i (known judgments in row i), L_ij = -1 if a_ij is known,
//	           r_i = sum_{j known} ln a_ij
//
// solved with y_0 = 0 by Cholesky factorisation of the reduced
// (positive definite) Laplacian, then w = exp(y)/sum(exp(y)). For a
// complete matrix this is the row geometric mean. It returns an error
// wrapping [ErrDisconnected] naming unreachable criteria if the graph is
// not connected, and a [*JudgmentError] for a non-positive known
// judgment. LLSM panics if a is not square or empty.
func LLSM(a mat.Matrix) ([]float64, error) {
	n := square(a)
	if n == 0 {
		panic("weighting: empty pairwise matrix")
	}
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := a.At(i, j)
			if !math.IsNaN(v) && (!(v > 0) || math.IsInf(v, 1)) {
				return nil, &JudgmentError{Row: i, Col: j, Value: v, Msg: "not a positive finite number", Err: ErrInvalidMatrix}
			}
		}
	}
	if err := connected(a, n); err != nil {
		return nil, err
	}
	m := n - 1
	l := make([]float64, m*m)
	y := make([]float64, n)
	for i := 1; i < n; i++ {
		var r float64
		for j := 0; j < n; j++ {
			v := a.At(i, j)
			if j == i || math.IsNaN(v) {
				continue
			}
			r += detmath.Log(v)
			l[(i-1)*m+i-1]++
			if j > 0 {
				l[(i-1)*m+j-1] = -1
			}
		}
		y[i] = r
	}
	cholSolve(l, y[1:], m)
	w := make([]float64, n)
	var s float64
	for i := range w {
		w[i] = detmath.Exp(y[i])
		s += w[i]
	}
	for i := range w {
		w[i] /= s
	}
	return w, nil
}

// cholSolve solves the m×m symmetric positive definite system a x = b in
// place (b becomes x), with a = L L^T computed column by column; every
// product is rounded before it is added. a is overwritten.
func cholSolve(a, b []float64, m int) {
	for j := 0; j < m; j++ {
		d := a[j*m+j]
		for k := 0; k < j; k++ {
			d -= float64(a[j*m+k] * a[j*m+k])
		}
		d = math.Sqrt(d)
		a[j*m+j] = d
		for i := j + 1; i < m; i++ {
			s := a[i*m+j]
			for k := 0; k < j; k++ {
				s -= float64(a[i*m+k] * a[j*m+k])
			}
			a[i*m+j] = s / d
		}
	}
	for i := 0; i < m; i++ {
		s := b[i]
		for k := 0; k < i; k++ {
			s -= float64(a[i*m+k] * b[k])
		}
		b[i] = s / a[i*m+i]
	}
	for i := m - 1; i >= 0; i-- {
		s := b[i]
		for k := i + 1; k < m; k++ {
			s -= float64(a[k*m+i] * b[k])
		}
		b[i] = s / a[i*m+i]
	}
}
