package weighting

import (
	"errors"
	"fmt"
)

// errSimplexUnbounded and errSimplexIterations are the failures of
// [simplexMax].
var (
	errSimplexUnbounded  = errors.New("linear programme is unbounded")
	errSimplexIterations = errors.New("simplex iteration limit reached")
)

// simplexPivotTol is the smallest constraint coefficient accepted as a
// pivot in the ratio test; smaller entries are treated as zero.
const simplexPivotTol = 1e-12

// simplex is a dense tableau for
//
//	max  c'w
//	s.t. A w <= b,  w >= 0,  with b >= 0,
//
// in standard form with one slack variable per row, so that the slack
// basis is feasible at the start and no phase 1 is needed. Columns
// 0..n-1 are the structural variables, n..n+m-1 the slacks and n+m the
// right-hand side. Every product is rounded before it is added
// (float64(a*b)), so the bits do not depend on whether the target fuses
// multiply-add.
type simplex struct {
	m, n  int
	t     [][]float64 // m rows of n+m+1 entries
	d     []float64   // reduced costs c_j - z_j, n+m entries
	basic []int       // basic variable of each row
}

// newSimplex allocates a tableau for m constraints and n variables.
func newSimplex(m, n int) *simplex {
	s := &simplex{m: m, n: n, t: make([][]float64, m), d: make([]float64, n+m), basic: make([]int, m)}
	buf := make([]float64, m*(n+m+1))
	for r := range s.t {
		s.t[r] = buf[r*(n+m+1) : (r+1)*(n+m+1)]
	}
	return s
}

// solve maximises c'w subject to a w <= b, w >= 0, where a is m×n (rows
// a[r]) and b >= 0, and writes the optimal w into w (length n). tol is the
// tolerance on reduced costs: the tableau is optimal when no reduced cost
// exceeds tol.
//
// The entering variable is the one with the largest reduced cost (the
// lowest index among equals); after 2(m+n) consecutive degenerate pivots
// the solver switches to Bland's rule (lowest eligible index), which
// cannot cycle. The leaving row has the smallest ratio b_r / a_rq, ties
// broken by the lowest basic variable index.
func (s *simplex) solve(a [][]float64, b, c []float64, tol float64, w []float64) error {
	m, n := s.m, s.n
	rhs := n + m
	for r := 0; r < m; r++ {
		row := s.t[r]
		copy(row, a[r][:n])
		clear(row[n:])
		row[n+r] = 1
		row[rhs] = b[r]
		s.basic[r] = n + r
	}
	copy(s.d, c[:n])
	clear(s.d[n:])

	degenerate, bland := 0, false
	limit := 50 * (m + n + 1)
	for it := 0; ; it++ {
		if it == limit {
			return errSimplexIterations
		}
		q := -1
		best := tol
		for j, dj := range s.d {
			if dj > best {
				q, best = j, dj
				if bland {
					break
				}
			}
		}
		if q < 0 {
			break
		}
		p := -1
		var ratio float64
		for r := 0; r < m; r++ {
			arq := s.t[r][q]
			if arq <= simplexPivotTol {
				continue
			}
			v := s.t[r][rhs] / arq
			if p < 0 || v < ratio || (v == ratio && s.basic[r] < s.basic[p]) {
				p, ratio = r, v
			}
		}
		if p < 0 {
			return errSimplexUnbounded
		}
		if ratio == 0 {
			degenerate++
			if degenerate > 2*(m+n) {
				bland = true
			}
		} else {
			degenerate = 0
		}
		s.pivot(p, q)
	}
	clear(w[:n])
	for r, j := range s.basic {
		if j < n {
			w[j] = s.t[r][rhs]
		}
	}
	return nil
}

// pivot makes column q basic in row p.
func (s *simplex) pivot(p, q int) {
	prow := s.t[p]
	inv := prow[q]
	for k := range prow {
		prow[k] /= inv
	}
	prow[q] = 1
	for r, row := range s.t {
		if r == p {
			continue
		}
		f := row[q]
		if f == 0 {
			continue
		}
		for k, v := range prow {
			if v != 0 {
				row[k] -= float64(f * v)
			}
		}
		row[q] = 0
		// Rounding may leave a tiny negative right-hand side; the
		// basis is primal feasible in exact arithmetic.
		if row[len(row)-1] < 0 {
			row[len(row)-1] = 0
		}
	}
	if f := s.d[q]; f != 0 {
		for k := range s.d {
			if v := prow[k]; v != 0 {
				s.d[k] -= float64(f * v)
			}
		}
		s.d[q] = 0
	}
	s.basic[p] = q
}

// simplexError wraps a solver failure with the unit it was solving for.
func simplexError(unit int, err error) error {
	return fmt.Errorf("weighting: benefit of the doubt for unit %d: %w", unit, err)
}
