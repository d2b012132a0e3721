package weighting

import (
	"math"
	"sort"

	"github.com/ppgpa/ppgpa/internal/detmath"
	"gonum.org/v1/gonum/mat"
)

// Suggestion is one revision of a judgment that lowers the inconsistency
// of a pairwise comparison matrix: a_ij (and a_ji = 1/a_ij) changed to a
// value on Saaty's 1–9 scale, the other judgments unchanged.
type Suggestion struct {
	// Row and Col locate the judgment a_ij (Row < Col).
	Row, Col int
	// Judgment is the present a_ij.
	Judgment float64
	// Suggested is the value of Saaty's scale (1/9, ..., 1/2, 1, 2, ...,
	// 9) for a_ij that gives the lowest λmax.
	Suggested float64
	// LambdaMax, CI and CR are those of the revised matrix (CR with the
	// random-index table of the settings; NaN when the table does not
	// cover the matrix's order).
	LambdaMax, CI, CR float64
}

// saatyValues are the 17 values of Saaty's 1–9 scale, ascending.
var saatyValues = [...]float64{1.0 / 9, 1.0 / 8, 1.0 / 7, 1.0 / 6, 1.0 / 5, 1.0 / 4, 1.0 / 3, 1.0 / 2, 1, 2, 3, 4, 5, 6, 7, 8, 9}

// Suggestions returns the single-judgment revisions that lower the
// consistency ratio of the pairwise comparison matrix a, best first. For
// a complete matrix, for every judgment a_ij of the upper triangle it tries each
// value v of Saaty's scale (a_ij = v, a_ji = 1/v; the present value
// excluded) and keeps the v with the lowest λmax of the revised matrix
// (on a tie, the v nearest the present judgment in ln, then the smaller);
// a judgment is listed when that λmax is below the present one by more
// than 1e-12 λmax. The list is ordered by the revised λmax ascending (so
// by the revised CR), ties by row, then column. The first entry is the
// judgment whose change lowers CR the most, and the value to give it.
//
// This is an exhaustive search over one judgment at a time (n(n−1)/2 × 16
// eigenvalue computations); revising a judgment changes the best next
// one, so after a revision the suggestions should be computed again.
// Asking the judge to reconsider the first judgments listed, rather than
// replacing them mechanically, is the usual practice (Saaty 2003); see
// [Inconsistencies] for the judgments furthest from the priorities.
//
// An incomplete matrix (missing judgments NaN in both a_ij and a_ji) is
// completed by s.Completion ([Harker] or [Optimal]; see [Incomplete]) and
// revised by Saaty's rule (Saaty 2003, section 5) with the completed
// matrix's weights w (its principal eigenvector): for every given
// judgment, the deviation
//
//	e_ij = a_ij * w_j / w_i    (1 when a_ij agrees with w)
//
// and the suggested value the one of Saaty's scale nearest w_i/w_j in ln
// (on a tie, the smaller). A judgment is listed when that value differs
// from the present one and lowers the λmax of the revised matrix,
// completed the same way, by more than 1e-12 λmax; LambdaMax, CI and CR
// are those of the revised completed matrix. The list is ordered by
// |ln e_ij| descending (the largest deviation first; equal within 1e-12
// relative, by row, then column), the judgment to revise first.
//
// a must be valid for s (see [Validate]; for an incomplete matrix, as
// [Incomplete] requires, its comparison graph connected): an invalid
// judgment is returned as a [*JudgmentError]. For n <= 2 the matrix is
// consistent and Suggestions returns nil. The settings' RI table gives
// CR, Completion the completion of an incomplete matrix; its other
// members apart from Tol and Scale are not used. Suggestions panics if a
// is not square. a is not modified.
//
// References: Saaty, T. L. (2003), Decision-making with the AHP: why is
// the principal eigenvector necessary, European Journal of Operational
// Research 145(1), 85–91; Harker, P. T. (1987), Incomplete pairwise
// comparisons in the analytic hierarchy process, Mathematical Modelling
// 9(11), 837–848.
func Suggestions(a mat.Matrix, s AHPSettings) ([]Suggestion, error) {
	n := square(a)
	d := make([]float64, n*n)
	copyMatrix(d, a, n)
	if n > 2 && hasNaN(d) {
		return suggestIncomplete(d, n, s)
	}
	if err := validate(d, n, s); err != nil {
		return nil, err
	}
	if n <= 2 {
		return nil, nil
	}
	ri, _ := riOrNaN(s.RI, n)
	w := make([]float64, n)
	work := make([]float64, n*n+n)
	lambda0, _, err := PowerIteration(w, d, n, work)
	if err != nil {
		return nil, err
	}
	var out []Suggestion
	pairs, done := n*(n-1)/2, 0
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			x, y := d[i*n+j], d[j*n+i]
			best := Suggestion{Row: i, Col: j, Judgment: x, LambdaMax: math.Inf(1)}
			for _, v := range saatyValues {
				if math.Abs(v-x) <= s.tol()*max(v, x) {
					continue
				}
				d[i*n+j], d[j*n+i] = v, 1/v
				l, _, err := PowerIteration(w, d, n, work)
				if err != nil {
					d[i*n+j], d[j*n+i] = x, y
					return nil, err
				}
				if l < best.LambdaMax || l == best.LambdaMax && math.Abs(detmath.Log(v/x)) < math.Abs(detmath.Log(best.Suggested/x)) {
					best.LambdaMax, best.Suggested = l, v
				}
			}
			d[i*n+j], d[j*n+i] = x, y
			if best.LambdaMax < lambda0-float64(1e-12*lambda0) {
				best.CI = max((best.LambdaMax-float64(n))/float64(n-1), 0)
				best.CR = best.CI / ri
				out = append(out, best)
			}
			if done++; s.Progress != nil {
				s.Progress(done, pairs)
			}
		}
	}
	sort.SliceStable(out, func(p, q int) bool { return out[p].LambdaMax < out[q].LambdaMax })
	return out, nil
}

// hasNaN reports whether d holds a NaN (a missing judgment).
func hasNaN(d []float64) bool {
	for _, x := range d {
		if math.IsNaN(x) {
			return true
		}
	}
	return false
}
