package weighting

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// BoDSettings configures [BenefitOfDoubt]. The zero value means no weight
// restrictions and the default solver tolerance.
type BoDSettings struct {
	// MinShare and MaxShare, when not nil, bound the share of each
	// indicator in each unit's own score ("pie share" restrictions of
	// Cherchye et al. 2007):
	//
	//	MinShare[j] <= w_ij * y_ij / sum_k w_ik * y_ik <= MaxShare[j]
	//
	// Their length must equal the number of indicators. A unit with
	// y_ij = 0 on an indicator with MinShare[j] > 0 can only satisfy the
	// bound with score 0.
	MinShare, MaxShare []float64
	// Tol is the simplex tolerance on reduced costs; 0 means 1e-10.
	Tol float64
}

// BoDResult is the outcome of [BenefitOfDoubt].
type BoDResult struct {
	// Scores are the units' benefit-of-the-doubt scores, in [0, 1].
	Scores []float64
	// Weights holds each unit's own optimal weights, units × indicators:
	// Scores[i] = sum_j Weights[i][j] * x[i][j]. Optimal weights are often
	// not unique; these are the simplex's vertex solution.
	Weights *mat.Dense
	// Efficient counts the units with score 1 (within 1e-9).
	Efficient int
}

// BenefitOfDoubt computes benefit-of-the-doubt composite scores: data
// envelopment analysis with constant returns to scale, one unit input and
// the indicators as outputs (Melyn & Moesen 1991; Cherchye et al. 2007;
// OECD/JRC Handbook 2008, section 6.3). Each unit i gets the non-negative
// weights that maximise its own score, subject to no unit scoring above 1
// with those weights:
//
//	score_i = max_w sum_j w_j * y_ij
//	s.t.    sum_j w_j * y_kj <= 1   for every unit k
//	        w_j >= 0 (and the share bounds of s, if any)
//
// x holds the normalised indicators, one row per unit and one column per
// indicator, higher = better; its scale does not matter (scores are
// invariant to rescaling a column). Each linear programme is solved by the
// package's own dense simplex in standard form with slack variables
// (largest reduced cost entering, Bland's rule after a run of degenerate
// pivots, ties broken by index); rows of x dominated by another row are dropped from the
// constraints first, which does not change the solution. Columns that are
// zero for every unit get weight 0. A unit best on some indicator scores
// 1; a unit whose row is all zero scores 0.
//
// Columns are scaled to maximum 1 before solving (which leaves the scores
// unchanged and makes the solver's tolerance relative), and the weights
// are scaled back. The score is recomputed from the weights as an
// explicitly rounded sum and clipped to [0, 1] (the solver may overshoot
// 1 by a rounding error).
//
// The solver rounds every product before adding it, so scores and
// weights (including the choice of vertex where the optimum is not
// unique) are bit-identical on every architecture.
//
// It returns a [*DataError] (wrapping [ErrInvalidData]) if x has no rows
// or columns or holds a negative, NaN or infinite value, and an error
// wrapping [ErrInvalidWeights] if a share bound is outside [0, 1], a
// minimum exceeds its maximum or the minima sum to more than 1.
// BenefitOfDoubt panics if MinShare or MaxShare is not nil and its length
// differs from the number of columns of x.
func BenefitOfDoubt(x mat.Matrix, s BoDSettings) (BoDResult, error) {
	r, c := x.Dims()
	if s.MinShare != nil && len(s.MinShare) != c {
		panic(fmt.Sprintf("weighting: len(MinShare)=%d != %d indicators", len(s.MinShare), c))
	}
	if s.MaxShare != nil && len(s.MaxShare) != c {
		panic(fmt.Sprintf("weighting: len(MaxShare)=%d != %d indicators", len(s.MaxShare), c))
	}
	y, err := denseCopy(x, true)
	if err != nil {
		return BoDResult{}, err
	}
	if err := checkShares(s.MinShare, s.MaxShare); err != nil {
		return BoDResult{}, err
	}
	tol := s.Tol
	if tol == 0 {
		tol = 1e-10
	}
	// Columns that can carry weight (non-zero for some unit).
	var cols []int
	for j := 0; j < c; j++ {
		for i := 0; i < r; i++ {
			if y.At(i, j) > 0 {
				cols = append(cols, j)
				break
			}
		}
	}
	// Each column is scaled to maximum 1 (scores are invariant to this),
	// so the solver's tolerance means the same for every column; the
	// weights are scaled back at the end.
	colMax := make([]float64, c)
	for _, j := range cols {
		for i := 0; i < r; i++ {
			colMax[j] = max(colMax[j], y.At(i, j))
		}
		for i := 0; i < r; i++ {
			y.Set(i, j, y.At(i, j)/colMax[j])
		}
	}
	frontier := undominatedRows(y)
	res := BoDResult{Scores: make([]float64, r), Weights: mat.NewDense(r, c, nil)}
	m := len(cols)
	if m == 0 {
		return res, nil
	}
	nShare := 0
	for j := range cols {
		if s.MinShare != nil && s.MinShare[cols[j]] > 0 {
			nShare++
		}
		if s.MaxShare != nil && s.MaxShare[cols[j]] < 1 {
			nShare++
		}
	}
	rows := len(frontier) + nShare
	a := make([][]float64, rows)
	abuf := make([]float64, rows*m)
	for k := range a {
		a[k] = abuf[k*m : (k+1)*m]
	}
	b := make([]float64, rows)
	for k, u := range frontier {
		for jj, j := range cols {
			a[k][jj] = y.At(u, j)
		}
		b[k] = 1
	}
	cost := make([]float64, m)
	w := make([]float64, m)
	tab := newSimplex(rows, m)
	for i := 0; i < r; i++ {
		row := len(frontier)
		for jj, j := range cols {
			cost[jj] = y.At(i, j)
			// Share rows (right-hand side 0):
			// L_j * sum_k y_ik w_k - y_ij w_j <= 0 and
			// y_ij w_j - U_j * sum_k y_ik w_k <= 0.
			if s.MinShare != nil && s.MinShare[j] > 0 {
				setShareRow(a[row], cols, y, i, jj, s.MinShare[j], -1)
				row++
			}
			if s.MaxShare != nil && s.MaxShare[j] < 1 {
				setShareRow(a[row], cols, y, i, jj, s.MaxShare[j], 1)
				row++
			}
		}
		if err := tab.solve(a, b, cost, tol, w); err != nil {
			return BoDResult{}, simplexError(i, err)
		}
		var score float64
		for jj, j := range cols {
			wj := max(w[jj], 0)
			score = float64(wj*y.At(i, j)) + score
			res.Weights.Set(i, j, wj/colMax[j])
		}
		score = min(max(score, 0), 1)
		res.Scores[i] = score
		if score >= 1-1e-9 {
			res.Efficient++
		}
	}
	return res, nil
}

// setShareRow writes the share-bound row for unit i and kept column jj:
// bound * sum_k y_ik w_k - y_ij w_j for a minimum (sign -1) and
// y_ij w_j - bound * sum_k y_ik w_k for a maximum (sign +1).
func setShareRow(row []float64, cols []int, y *mat.Dense, i, jj int, bound, sign float64) {
	for kk, k := range cols {
		v := float64(bound * y.At(i, k))
		if sign > 0 {
			v = -v
		}
		row[kk] = v
	}
	row[jj] += float64(sign * y.At(i, cols[jj]))
}

func checkShares(lo, hi []float64) error {
	var sum float64
	for j := range max(len(lo), len(hi)) {
		l, h := 0.0, 1.0
		if lo != nil {
			l = lo[j]
		}
		if hi != nil {
			h = hi[j]
		}
		if !(l >= 0 && l <= 1) || !(h >= 0 && h <= 1) || l > h {
			return fmt.Errorf("%w: share bounds [%v, %v] of indicator %d", ErrInvalidWeights, l, h, j)
		}
		sum += l
	}
	if sum > 1 {
		return fmt.Errorf("%w: minimum shares sum to %v > 1", ErrInvalidWeights, sum)
	}
	return nil
}

// undominatedRows returns the indices of the rows of y that are not
// dominated (<= in every column) by another row; of identical rows the
// first is kept.
func undominatedRows(y *mat.Dense) []int {
	r, c := y.Dims()
	var keep []int
	for i := 0; i < r; i++ {
		dominated := false
		for k := 0; k < r && !dominated; k++ {
			if k == i {
				continue
			}
			le, lt := true, false
			for j := 0; j < c; j++ {
				yi, yk := y.At(i, j), y.At(k, j)
				if yi > yk {
					le = false
					break
				}
				if yi < yk {
					lt = true
				}
			}
			dominated = le && (lt || k < i)
		}
		if !dominated {
			keep = append(keep, i)
		}
	}
	return keep
}

// denseCopy copies x into a new Dense, checking that every value is finite
// (and non-negative when nonneg is set) and that x is not empty.
func denseCopy(x mat.Matrix, nonneg bool) (*mat.Dense, error) {
	r, c := x.Dims()
	if r == 0 || c == 0 {
		return nil, dataErr(-1, -1, 0, "empty data matrix")
	}
	d := mat.NewDense(r, c, nil)
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			v := x.At(i, j)
			if !finite(v) {
				return nil, dataErr(i, j, v, "not a finite number")
			}
			if nonneg && v < 0 {
				return nil, dataErr(i, j, v, "negative value")
			}
			d.Set(i, j, v)
		}
	}
	return d, nil
}
