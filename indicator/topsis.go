package indicator

import (
	"fmt"
	"math"
)

// Scalings of topsis (see [Aggregation].Scaling).
const (
	ScalingVector = "vector"
	ScalingNone   = "none"
)

// TOPSISResult is the result of [TOPSISCloseness]: per unit (row of the
// matrix), the relative closeness to the ideal and the two distances;
// per column, the ideal and anti-ideal of the weighted matrix. A unit
// left out (a missing value in a weighted column) has NaN.
type TOPSISResult struct {
	Closeness, DPlus, DMinus []float64
	Ideal, AntiIdeal         []float64
}

// TOPSISCloseness scores the units (rows of y, one column per indicator,
// higher is better) by TOPSIS, the technique for order of preference by
// similarity to the ideal solution (Hwang and Yoon 1981 [7]), with the
// local weights w (one per column, non-negative; they are divided by
// their sum). With scaling "vector" (or ""):
//
//	r_ij  = y_ij / sqrt(sum_i y_ij^2)      (r_ij = 0 when the sum is 0)
//
// and with scaling "none" r_ij = y_ij. Then
//
//	v_ij  = w_j r_ij
//	A+_j  = max_i v_ij,  A-_j = min_i v_ij
//	D+_i  = sqrt(sum_j (v_ij - A+_j)^2),  D-_i = sqrt(sum_j (v_ij - A-_j)^2)
//	C_i   = D-_i / (D+_i + D-_i)           (1 when D+_i = D-_i = 0)
//
// i over the units scored, j over the columns with w_j > 0. The closeness
// C is in [0, 1]: 1 for a unit that is best in every column, 0 for one
// worst in every column. Polarity is applied before, by the
// normalisation of each indicator (every score is higher-is-better), so
// the ideal A+ takes, for a lower-is-better indicator, the unit with the
// lowest raw value, as Hwang and Yoon's cost criteria. With vector
// scaling C does not change when a column is multiplied by a positive
// number. Entropy-weight TOPSIS (熵权TOPSIS) is this aggregation with the
// entropy weighting scheme of package weighting on min-max normalised
// indicators.
//
// Units with a missing value (NaN) in a column of positive weight get
// NaN and are left out of the column norms and of A+ and A-. The column
// sums over units are exactly rounded, so the result does not depend on
// the order of the units; every product is rounded before it is added
// (the same bits on every architecture).
//
// It returns an error for an unknown scaling, a negative or non-finite
// weight, weights summing to 0 and an infinite score. It panics if a row
// of y does not have len(w) values.
func TOPSISCloseness(y [][]float64, w []float64, scaling string) (*TOPSISResult, error) {
	if scaling != "" && scaling != ScalingVector && scaling != ScalingNone {
		return nil, fmt.Errorf("%w: unknown topsis scaling %q (want %q or %q)", ErrInvalidModel, scaling, ScalingVector, ScalingNone)
	}
	ok, _, err := completeRows(y, w)
	if err != nil {
		return nil, err
	}
	n, k := len(y), len(w)
	wn := unitWeights(w)
	res := &TOPSISResult{Closeness: nanSlice(n), DPlus: nanSlice(n), DMinus: nanSlice(n),
		Ideal: nanSlice(k), AntiIdeal: nanSlice(k)}
	v := make([][]float64, n)
	for u := range v {
		if ok[u] {
			v[u] = make([]float64, k)
		}
	}
	var s exactSum
	for j := range k {
		if wn[j] == 0 {
			continue
		}
		scale := 1.0
		if scaling != ScalingNone {
			s.partials = s.partials[:0]
			for u, row := range y {
				if ok[u] {
					s.add(float64(row[j] * row[j]))
				}
			}
			if norm := math.Sqrt(s.sum()); norm > 0 {
				scale = 1 / norm
			} else {
				scale = 0
			}
		}
		hi, lo := math.Inf(-1), math.Inf(1)
		for u, row := range y {
			if !ok[u] {
				continue
			}
			r := row[j]
			if scaling != ScalingNone {
				r = row[j] * scale
				if scale == 0 {
					r = 0
				}
			}
			x := float64(wn[j] * r) // rounded: it is subtracted below
			v[u][j] = x
			hi, lo = max(hi, x), min(lo, x)
		}
		if hi >= lo {
			res.Ideal[j], res.AntiIdeal[j] = hi, lo
		}
	}
	for u := range y {
		if !ok[u] {
			continue
		}
		var dp, dm float64
		for j := range k {
			if wn[j] == 0 {
				continue
			}
			a, b := v[u][j]-res.Ideal[j], v[u][j]-res.AntiIdeal[j]
			dp = float64(a*a) + dp
			dm = float64(b*b) + dm
		}
		dp, dm = math.Sqrt(dp), math.Sqrt(dm)
		res.DPlus[u], res.DMinus[u] = dp, dm
		if dp+dm == 0 {
			res.Closeness[u] = 1
		} else {
			res.Closeness[u] = dm / (dp + dm)
		}
	}
	return res, nil
}

// unitWeights returns w divided by its sum (w has a positive sum).
func unitWeights(w []float64) []float64 {
	var s float64
	for _, x := range w {
		s += x
	}
	out := make([]float64, len(w))
	for j, x := range w {
		out[j] = x / s
	}
	return out
}
