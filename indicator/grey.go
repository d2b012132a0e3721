package indicator

import (
	"fmt"
	"math"
)

// DefaultRho is the distinguishing coefficient of grey relational
// analysis when none is given: Deng's customary 0.5.
const DefaultRho = 0.5

// GreyResult is the result of [GreyGrades]: per unit (row), the grey
// relational grade; per unit and column, the grey relational coefficient;
// the reference sequence used and the two-level minimum and maximum
// differences. A unit left out (a missing value in a weighted column) has
// NaN.
type GreyResult struct {
	Grades       []float64
	Coefficients [][]float64
	Reference    []float64
	DMin, DMax   float64
}

// GreyGrades scores the units (rows of y, one column per indicator,
// higher is better) by Deng's grey relational analysis (灰色关联分析,
// Deng 1989 [8]) against the reference sequence x0, with distinguishing
// coefficient rho in (0, 1] and local weights w (one per column,
// non-negative; divided by their sum):
//
//	d_ij  = |x0_j - y_ij|
//	dmin  = min_i min_j d_ij,  dmax = max_i max_j d_ij
//	xi_ij = (dmin + rho dmax) / (d_ij + rho dmax)   (1 when dmax = 0)
//	g_i   = sum_j w_j xi_ij
//
// i over the units scored, j over the columns with w_j > 0. The reference
// is ref when given (one value per column), otherwise the ideal unit:
// x0_j = max_i y_ij, since every score is higher-is-better (polarity is
// applied by each indicator's normalisation). With the ideal as reference
// dmin = 0, as in most applications. Coefficients and grades are in
// (0, 1]; a unit equal to the reference in every weighted column has
// grade exactly 1. A smaller rho spreads the coefficients more; Deng's
// customary value is 0.5 ([DefaultRho]). The scores should be on a common
// scale (normalised), as Deng's method requires dimensionless sequences.
//
// Units with a missing value (NaN) in a column of positive weight get
// NaN and are left out of the reference and of dmin and dmax. The result
// does not depend on the order of the units, and every product is rounded
// before it is added.
//
// It returns an error for rho outside (0, 1], a non-finite reference
// value, a negative or non-finite weight, weights summing to 0 and an
// infinite score. It panics if a row of y or a non-nil ref does not have
// len(w) values.
func GreyGrades(y [][]float64, w []float64, rho float64, ref []float64) (*GreyResult, error) {
	if !(rho > 0 && rho <= 1) {
		return nil, fmt.Errorf("%w: grey relational rho %v must be in (0, 1]", ErrInvalidModel, rho)
	}
	if ref != nil && len(ref) != len(w) {
		panic(fmt.Sprintf("indicator: len(ref)=%d != len(w)=%d", len(ref), len(w)))
	}
	for j, x := range ref {
		if !finite(x) {
			return nil, fmt.Errorf("%w: grey relational reference[%d] = %v must be finite", ErrInvalidModel, j, x)
		}
	}
	ok, _, err := completeRows(y, w)
	if err != nil {
		return nil, err
	}
	n, k := len(y), len(w)
	wn := unitWeights(w)
	res := &GreyResult{Grades: nanSlice(n), Coefficients: make([][]float64, n), Reference: nanSlice(k),
		DMin: math.NaN(), DMax: math.NaN()}
	for j := range k {
		if wn[j] == 0 {
			continue
		}
		if ref != nil {
			res.Reference[j] = ref[j]
			continue
		}
		for u, row := range y {
			if ok[u] && !(row[j] <= res.Reference[j]) {
				res.Reference[j] = row[j]
			}
		}
	}
	dmin, dmax := math.Inf(1), math.Inf(-1)
	for u, row := range y {
		if !ok[u] {
			continue
		}
		for j, x := range row {
			if wn[j] != 0 {
				d := math.Abs(res.Reference[j] - x)
				dmin, dmax = min(dmin, d), max(dmax, d)
			}
		}
	}
	if dmin > dmax { // no unit scored
		return res, nil
	}
	res.DMin, res.DMax = dmin, dmax
	num := dmin + float64(rho*dmax)
	for u, row := range y {
		xi := nanSlice(k)
		res.Coefficients[u] = xi
		if !ok[u] {
			continue
		}
		var g float64
		ideal := true // xi_ij = 1 for every j: the grade is exactly 1
		for j, x := range row {
			if wn[j] == 0 {
				continue
			}
			xi[j] = 1
			if dmax > 0 {
				xi[j] = num / (math.Abs(res.Reference[j]-x) + float64(rho*dmax))
			}
			g = float64(wn[j]*xi[j]) + g
			ideal = ideal && xi[j] == 1
		}
		if ideal {
			g = 1
		}
		res.Grades[u] = min(g, 1)
	}
	return res, nil
}
